import Foundation

/// Pure rules of the set-up imports (issue 15, item 3): the unit tree read from a spreadsheet, and the Vietnamese
/// labels a person types for a kind or a role.
public enum UnitTreeOrder {
    /// One row of the file: its row number, its code and its parent's code (empty: a root, or no parent).
    public struct Row: Sendable, Equatable {
        public let row: Int
        public let code: String
        public let parentCode: String
        public init(row: Int, code: String, parentCode: String) {
            self.row = row
            self.code = code
            self.parentCode = parentCode
        }
    }

    public enum Problem: Sendable, Equatable {
        /// The code was already used by an earlier row of the file.
        case duplicate(row: Int, firstRow: Int)
        /// The code is already a unit in the database.
        case exists(row: Int)
        /// The parent code is neither in the file nor in the database.
        case unknownParent(row: Int)
        /// The row is part of a loop of parents: the codes along the loop, starting and ending with this row's.
        case cycle(row: Int, codes: [String])
    }

    /// The indices of `rows` in an order where every parent from the file comes before its children, and what is
    /// wrong. Parents may come before or after their children in the file, or already exist (`existing`).
    /// Rows depending on a bad row are left out of the order but not blamed: the bad row is named.
    public static func order(_ rows: [Row], existing: Set<String>) -> (order: [Int], problems: [Problem]) {
        var problems: [Problem] = []
        var firstIndex: [String: Int] = [:]
        var bad = Set<Int>()
        for (i, r) in rows.enumerated() {
            if let first = firstIndex[r.code] {
                problems.append(.duplicate(row: r.row, firstRow: rows[first].row))
                bad.insert(i)
            } else {
                firstIndex[r.code] = i
                if existing.contains(r.code) {
                    problems.append(.exists(row: r.row))
                    bad.insert(i)
                }
            }
        }
        for (i, r) in rows.enumerated() where !bad.contains(i) && !r.parentCode.isEmpty {
            if firstIndex[r.parentCode] == nil && !existing.contains(r.parentCode) {
                problems.append(.unknownParent(row: r.row))
                bad.insert(i)
            }
        }
        // Depth-first walk: 0 unvisited, 1 on the current path, 2 done.
        var state = [Int](repeating: 0, count: rows.count)
        var order: [Int] = []
        var blocked = bad
        var inCycle = Set<Int>()
        func parentIndex(_ i: Int) -> Int? {
            let p = rows[i].parentCode
            guard !p.isEmpty, let j = firstIndex[p] else { return nil }
            return j
        }
        for start in rows.indices where state[start] == 0 {
            var path: [Int] = []
            var i: Int? = start
            while let cur = i, state[cur] == 0 {
                state[cur] = 1
                path.append(cur)
                i = parentIndex(cur)
            }
            if let cur = i, state[cur] == 1, let at = path.firstIndex(of: cur) {
                let loop = Array(path[at...])
                for member in loop where !inCycle.contains(member) {
                    inCycle.insert(member)
                    // The loop as read from this row upwards: A → B → … → A.
                    let k = loop.firstIndex(of: member)!
                    let rotated = Array(loop[k...] + loop[..<k])
                    problems.append(
                        .cycle(row: rows[member].row, codes: rotated.map { rows[$0].code } + [rows[member].code]))
                }
                blocked.formUnion(loop)
            }
            // Parents come first: the path was walked from child to parent.
            let parentBlocked = i.map { blocked.contains($0) } ?? false
            var downBlocked = parentBlocked
            for node in path.reversed() {
                state[node] = 2
                if blocked.contains(node) || downBlocked {
                    blocked.insert(node)
                    downBlocked = true
                } else {
                    order.append(node)
                }
            }
        }
        problems.sort { $0.row < $1.row }
        return (order, problems)
    }
}

extension UnitTreeOrder.Problem {
    public var row: Int {
        switch self {
        case .duplicate(let row, _), .exists(let row), .unknownParent(let row), .cycle(let row, _): return row
        }
    }
}

/// What a person types in a spreadsheet for a kind or a role: the code, or the Vietnamese label, with or without
/// diacritics and in any case ("Xã", "xa", "xa" → `.xa`).
public enum LabelMatch {
    static func match<T>(_ text: String, _ all: [T], code: (T) -> String, labels: (T) -> [String]) -> T? {
        let folded = VietnameseText.fold(text)
        guard !folded.isEmpty else { return nil }
        return all.first { item in
            folded == code(item).lowercased() || labels(item).contains { VietnameseText.fold($0) == folded }
        }
    }
}

extension UnitKind {
    /// A kind from its code or its label; a short form of a compound label also matches ("Sở", "Thôn").
    public init?(text: String) {
        guard
            let k = LabelMatch.match(
                text, Self.allCases, code: \.rawValue,
                labels: { k in
                    [k.label] + k.label.split(separator: ",").map { String($0) }
                })
        else { return nil }
        self = k
    }
}

extension Role {
    public init?(text: String) {
        guard
            let r = LabelMatch.match(
                text, Self.allCases, code: \.rawValue,
                labels: { r in
                    // "Thường trực (Phòng Nội vụ)" is also typed as "Thường trực" or "Phòng Nội vụ".
                    [r.label]
                        + r.label.split(whereSeparator: { $0 == "(" || $0 == ")" }).map {
                            String($0).trimmingCharacters(in: .whitespaces)
                        }
                })
        else { return nil }
        self = r
    }
}

extension UnitGroupKind {
    public init?(text: String) {
        guard
            let k = LabelMatch.match(
                text, Self.allCases, code: \.rawValue,
                labels: { k in [k.label, k == .cum ? "Cụm" : "Khối"] })
        else { return nil }
        self = k
    }
}
