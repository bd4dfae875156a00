import Foundation

// The 2025 two-tier reform as data: units merged, split or abolished on an effective date, with their legal basis.
// Records stay where they were; the successor reads them through the lineage (`UnitLineage`).

/// How a unit handed its history on.
public enum SuccessionKind: String, Codable, Sendable, CaseIterable {
    /// Several units → one successor (new or existing).
    case merge
    /// One unit → several successors.
    case split
    /// One unit ends; a successor (if any) takes its records' history.
    case abolish

    public var label: String {
        switch self {
        case .merge: return "Sáp nhập"
        case .split: return "Chia tách"
        case .abolish: return "Giải thể"
        }
    }

    /// "Sáp nhập vào", "Chia tách thành", "Giải thể; kế thừa:" — the phrase before the successors' names.
    public var intoPhrase: String {
        switch self {
        case .merge: return "Sáp nhập vào"
        case .split: return "Chia tách thành"
        case .abolish: return "Giải thể; đơn vị kế thừa:"
        }
    }
}

/// A unit the reorganisation creates (the successor of a merger or a split).
public struct ReorganisationNewUnit: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var shortName: String?
    public var kind: String
    /// The parent's code (an existing unit or another new one listed before).
    public var parent: String?
    public var place: String?
    /// The file's row (1-based), for messages.
    public var row: Int?

    public init(
        code: String, name: String, shortName: String? = nil, kind: String, parent: String?, place: String? = nil,
        row: Int? = nil
    ) {
        self.code = code
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parent = parent
        self.place = place
        self.row = row
    }
}

/// One change of the file. `kind` and `effective` are kept as typed so a wrong value can be named.
public struct ReorganisationChange: Codable, Sendable, Equatable {
    public var kind: String
    /// Codes of the units that end (predecessors).
    public var from: [String]
    /// Codes of the successors (existing units or new ones of the same file).
    public var to: [String]
    /// dd/mm/yyyy.
    public var effective: String
    /// The legal basis, e.g. "Nghị quyết 1677/NQ-UBTVQH15".
    public var basis: String
    public var row: Int?

    public init(kind: String, from: [String], to: [String], effective: String, basis: String, row: Int? = nil) {
        self.kind = kind
        self.from = from
        self.to = to
        self.effective = effective
        self.basis = basis
        self.row = row
    }
}

/// A reorganisation file: new units, then changes.
public struct ReorganisationFile: Codable, Sendable, Equatable {
    public var title: String?
    /// Where the facts come from (the resolution, its article), shown in the preview.
    public var source: String?
    public var newUnits: [ReorganisationNewUnit]
    public var changes: [ReorganisationChange]

    public init(
        title: String? = nil, source: String? = nil, newUnits: [ReorganisationNewUnit] = [],
        changes: [ReorganisationChange]
    ) {
        self.title = title
        self.source = source
        self.newUnits = newUnits
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey { case title, source, newUnits, changes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        newUnits = try c.decodeIfPresent([ReorganisationNewUnit].self, forKey: .newUnits) ?? []
        changes = try c.decodeIfPresent([ReorganisationChange].self, forKey: .changes) ?? []
    }
}

/// What validation needs to know about a unit that exists.
public struct ExistingUnit: Sendable, Equatable {
    public let code: String
    public let name: String
    /// yyyy-mm-dd when the unit already ended.
    public let abolishedOn: String?
    public init(code: String, name: String, abolishedOn: String?) {
        self.code = code
        self.name = name
        self.abolishedOn = abolishedOn
    }
}

/// One wrong row, named for the user.
public struct ReorganisationProblem: Sendable, Equatable, Codable {
    /// "Thay đổi" or "Đơn vị mới", with its row number.
    public let place: String
    public let message: String
    public var text: String { "\(place): \(message)" }
}

/// A validated succession, ready to store.
public struct PlannedSuccession: Sendable, Equatable {
    public let predecessor: String
    public let successor: String
    public let kind: SuccessionKind
    /// yyyy-mm-dd.
    public let effectiveDay: String
    public let basis: String
}

/// A validated file: new units to create (in order), successions, and the units that end (code → day).
public struct ReorganisationPlan: Sendable, Equatable {
    public let newUnits: [ReorganisationNewUnit]
    public let successions: [PlannedSuccession]
    /// Code of each unit that ends → yyyy-mm-dd (abolished, merged away, split).
    public let ended: [(code: String, day: String)]

    public static func == (a: ReorganisationPlan, b: ReorganisationPlan) -> Bool {
        a.newUnits == b.newUnits && a.successions == b.successions
            && a.ended.map { "\($0.code)@\($0.day)" } == b.ended.map { "\($0.code)@\($0.day)" }
    }
}

public enum Reorganisation {
    /// The unit kinds a new unit may take (codes of `UnitKind`).
    static let kinds = Set(UnitKind.allCases.map(\.rawValue))

    /// Checks the whole file against the tree as it is; every wrong row is named. Empty problems ⇒ a plan.
    /// `existing`: code → unit; `successions`: the lineage already stored (predecessor code, successor code).
    public static func validate(
        _ file: ReorganisationFile, existing: [String: ExistingUnit], successions: [(String, String)] = []
    ) -> (ReorganisationPlan?, [ReorganisationProblem]) {
        var problems: [ReorganisationProblem] = []
        var newCodes: [String: ReorganisationNewUnit] = [:]
        var created: [ReorganisationNewUnit] = []
        if file.changes.isEmpty {
            problems.append(.init(place: "Tệp", message: "Tệp không có thay đổi nào (danh sách “changes” trống)."))
        }
        for (i, raw) in file.newUnits.enumerated() {
            let row = raw.row ?? i + 1
            let place = "Đơn vị mới, dòng \(row)"
            var u = raw
            u.code = VietnameseText.clean(u.code).uppercased()
            u.name = VietnameseText.clean(u.name)
            u.kind = VietnameseText.clean(u.kind)
            u.parent = u.parent.map { VietnameseText.clean($0).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
            u.row = row
            var e = FieldErrors()
            Check.code(u.code, "code", into: &e)
            if let m = e["code"] { problems.append(.init(place: place, message: "\(m) (“\(raw.code)”)")) }
            if existing[u.code] != nil || newCodes[u.code] != nil {
                problems.append(.init(place: place, message: "Mã “\(u.code)” đã được dùng cho đơn vị khác."))
            }
            if u.name.isEmpty { problems.append(.init(place: place, message: "Tên đơn vị mới không được để trống.")) }
            if !kinds.contains(u.kind) {
                problems.append(
                    .init(
                        place: place,
                        message: "Loại đơn vị “\(u.kind)” không có; dùng một trong: "
                            + UnitKind.allCases.map(\.rawValue).joined(separator: ", ") + "."))
            }
            if let p = u.parent {
                if let ex = existing[p] {
                    if ex.abolishedOn != nil {
                        problems.append(.init(place: place, message: "Đơn vị cấp trên “\(p)” đã giải thể."))
                    }
                } else if newCodes[p] == nil {
                    problems.append(
                        .init(place: place, message: "Đơn vị cấp trên “\(p)” không có trong cây tổ chức."))
                }
            }
            newCodes[u.code] = u
            created.append(u)
        }

        var planned: [PlannedSuccession] = []
        var ended: [(code: String, day: String)] = []
        var endedBy: [String: Int] = [:]
        var edges = successions
        for (i, raw) in file.changes.enumerated() {
            let row = raw.row ?? i + 1
            let place = "Thay đổi, dòng \(row)"
            var rowProblems: [String] = []
            let from = raw.from.map { VietnameseText.clean($0).uppercased() }.filter { !$0.isEmpty }
            let to = raw.to.map { VietnameseText.clean($0).uppercased() }.filter { !$0.isEmpty }
            let kind = SuccessionKind(rawValue: VietnameseText.clean(raw.kind).lowercased())
            if kind == nil {
                rowProblems.append(
                    "Loại thay đổi “\(raw.kind)” không có; dùng merge (sáp nhập), split (chia tách) hoặc abolish (giải thể)."
                )
            }
            let day = VietnameseDate.parse(raw.effective).map { _ -> String in
                let p = raw.effective.trimmingCharacters(in: .whitespaces).split(separator: "/")
                return String(format: "%04d-%02d-%02d", Int(p[2]) ?? 0, Int(p[1]) ?? 0, Int(p[0]) ?? 0)
            }
            if day == nil {
                rowProblems.append("Ngày hiệu lực “\(raw.effective)” không hợp lệ; ghi theo dạng dd/mm/yyyy.")
            }
            let basis = VietnameseText.clean(raw.basis)
            if basis.isEmpty {
                rowProblems.append("Thiếu căn cứ pháp lý (ví dụ “Nghị quyết 1677/NQ-UBTVQH15”).")
            } else if basis.count > 500 {
                rowProblems.append("Căn cứ pháp lý dài tối đa 500 ký tự.")
            }
            if from.isEmpty { rowProblems.append("Thiếu đơn vị bị sắp xếp (from).") }
            for code in from {
                if let ex = existing[code] {
                    if let d = ex.abolishedOn {
                        rowProblems.append("Đơn vị “\(code)” đã giải thể hoặc sáp nhập từ \(display(d)).")
                    }
                } else if newCodes[code] != nil {
                    rowProblems.append("Đơn vị “\(code)” là đơn vị mới của chính tệp này, không thể sắp xếp ngay.")
                } else {
                    rowProblems.append("Mã đơn vị “\(code)” không có trong cây tổ chức.")
                }
                if let other = endedBy[code] {
                    rowProblems.append("Đơn vị “\(code)” đã được sắp xếp ở dòng \(other).")
                }
            }
            if Set(from).count != from.count { rowProblems.append("Một đơn vị được ghi hai lần trong cùng dòng.") }
            for code in to {
                if let ex = existing[code] {
                    if let d = ex.abolishedOn {
                        rowProblems.append("Đơn vị kế thừa “\(code)” đã giải thể từ \(display(d)).")
                    }
                } else if newCodes[code] == nil {
                    rowProblems.append(
                        "Đơn vị kế thừa “\(code)” không có trong cây tổ chức và không có trong danh sách đơn vị mới.")
                }
                if from.contains(code) {
                    rowProblems.append("Đơn vị “\(code)” không thể kế thừa chính nó.")
                }
            }
            switch kind {
            case .merge?:
                if to.count != 1 { rowProblems.append("Sáp nhập cần đúng một đơn vị kế thừa (to).") }
            case .split?:
                if from.count != 1 { rowProblems.append("Chia tách áp dụng cho đúng một đơn vị (from).") }
                if to.count < 2 { rowProblems.append("Chia tách cần ít nhất hai đơn vị kế thừa (to).") }
            case .abolish?:
                if to.count > 1 { rowProblems.append("Giải thể có nhiều nhất một đơn vị kế thừa (to).") }
            case nil: break
            }
            // A successor that is (transitively) a predecessor of one of its own predecessors closes a cycle.
            let lineage = UnitLineage(edges: edges)
            for s in to where from.contains(where: { lineage.predecessors(of: $0).contains(s) }) {
                rowProblems.append("Đơn vị “\(s)” đã là đơn vị tiền thân; sắp xếp này tạo vòng lặp kế thừa.")
            }
            for code in to where endedBy[code] != nil {
                rowProblems.append("Đơn vị kế thừa “\(code)” đã được sắp xếp ở dòng \(endedBy[code]!).")
            }
            for code in from where endedBy[code] == nil { endedBy[code] = row }
            if !rowProblems.isEmpty {
                problems += rowProblems.map { .init(place: place, message: $0) }
                continue
            }
            guard let kind, let day else { continue }
            for p in from {
                for s in to {
                    planned.append(
                        PlannedSuccession(predecessor: p, successor: s, kind: kind, effectiveDay: day, basis: basis))
                    edges.append((p, s))
                }
                ended.append((p, day))
            }
        }
        // A successor that ends in an earlier row than it receives history would hold a dead unit's records.
        for s in planned {
            if let endDay = ended.first(where: { $0.code == s.successor })?.day, endDay <= s.effectiveDay {
                problems.append(
                    .init(
                        place: "Thay đổi, dòng \(endedBy[s.successor] ?? 0)",
                        message: "Đơn vị “\(s.successor)” kết thúc trước khi nhận kế thừa từ “\(s.predecessor)”."))
            }
        }
        guard problems.isEmpty else { return (nil, problems) }
        return (ReorganisationPlan(newUnits: created, successions: planned, ended: ended), [])
    }

    static func display(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        return p.count == 3 ? "\(p[2])/\(p[1])/\(p[0])" : iso
    }

    /// Reads the JSON form of the file; the message names what is wrong in Vietnamese.
    public static func decode(json data: Data) throws -> ReorganisationFile {
        do {
            var file = try JSONDecoder().decode(ReorganisationFile.self, from: data)
            for i in file.changes.indices where file.changes[i].row == nil { file.changes[i].row = i + 1 }
            for i in file.newUnits.indices where file.newUnits[i].row == nil { file.newUnits[i].row = i + 1 }
            return file
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw ReorganisationFormatError(message: "Thiếu trường “\(key.stringValue)” tại \(location(ctx)).")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw ReorganisationFormatError(message: "Sai kiểu dữ liệu tại \(location(ctx)).")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw ReorganisationFormatError(message: "Thiếu giá trị tại \(location(ctx)).")
        } catch {
            throw ReorganisationFormatError(
                message: "Tệp không phải JSON hợp lệ của một phương án sắp xếp (cần “newUnits” và “changes”).")
        }
    }

    static func location(_ ctx: DecodingError.Context) -> String {
        var parts: [String] = []
        for k in ctx.codingPath {
            if let i = k.intValue { parts.append("dòng \(i + 1)") } else { parts.append("“\(k.stringValue)”") }
        }
        return parts.isEmpty ? "gốc tệp" : parts.joined(separator: " ")
    }

    /// Reads the spreadsheet form: sheet "Thay đổi" (Loại, Đơn vị bị sắp xếp, Đơn vị kế thừa, Ngày hiệu lực,
    /// Căn cứ) and optional sheet "Đơn vị mới" (Mã, Tên, Loại, Mã đơn vị cấp trên, Tên ngắn). Several codes in a
    /// cell are separated by ";" or ",". Row numbers are the sheet's.
    public static func fromSheets(changes: [[String]], newUnits: [[String]]) throws -> ReorganisationFile {
        func cells(_ row: [String], _ i: Int) -> String { i < row.count ? VietnameseText.clean(row[i]) : "" }
        func codes(_ s: String) -> [String] {
            s.split(whereSeparator: { $0 == ";" || $0 == "," }).map { VietnameseText.clean(String($0)) }
                .filter { !$0.isEmpty }
        }
        func header(_ rows: [[String]], _ names: [[String]], sheet: String) throws -> [Int] {
            guard let first = rows.first else { return [] }
            let folded = first.map { VietnameseText.fold($0) }
            return try names.map { alternatives in
                guard
                    let i = folded.firstIndex(where: { h in
                        alternatives.contains { h.hasPrefix(VietnameseText.fold($0)) }
                    })
                else {
                    throw ReorganisationFormatError(
                        message: "Trang “\(sheet)” thiếu cột “\(alternatives[0])” ở dòng tiêu đề.")
                }
                return i
            }
        }
        let ch = try header(
            changes,
            [
                ["Loại", "kind"], ["Đơn vị bị sắp xếp", "from"], ["Đơn vị kế thừa", "to"],
                ["Ngày hiệu lực", "effective"], ["Căn cứ", "basis"],
            ], sheet: "Thay đổi")
        var out = ReorganisationFile(changes: [])
        for (i, row) in changes.enumerated().dropFirst() where !row.allSatisfy({ VietnameseText.clean($0).isEmpty }) {
            out.changes.append(
                ReorganisationChange(
                    kind: cells(row, ch[0]), from: codes(cells(row, ch[1])), to: codes(cells(row, ch[2])),
                    effective: cells(row, ch[3]), basis: cells(row, ch[4]), row: i + 1))
        }
        if !newUnits.isEmpty {
            let nu = try header(
                newUnits, [["Mã", "code"], ["Tên", "name"], ["Loại", "kind"], ["Mã đơn vị cấp trên", "parent"]],
                sheet: "Đơn vị mới")
            for (i, row) in newUnits.enumerated().dropFirst()
            where !row.allSatisfy({ VietnameseText.clean($0).isEmpty }) {
                let parent = cells(row, nu[3])
                out.newUnits.append(
                    ReorganisationNewUnit(
                        code: cells(row, nu[0]), name: cells(row, nu[1]), kind: cells(row, nu[2]),
                        parent: parent.isEmpty ? nil : parent, row: i + 1))
            }
        }
        return out
    }
}

public struct ReorganisationFormatError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The lineage of units: who took whose history. Generic over the unit's identifier (code or database id).
public struct UnitLineage<ID: Hashable & Sendable>: Sendable {
    private var bySuccessor: [ID: [ID]] = [:]

    /// `edges`: (predecessor, successor).
    public init(edges: [(ID, ID)]) {
        for (p, s) in edges { bySuccessor[s, default: []].append(p) }
    }

    /// Every unit whose history `unit` carries, transitively (nearest first), never `unit` itself; safe on cycles.
    public func predecessors(of unit: ID) -> [ID] {
        var seen: Set<ID> = [unit]
        var out: [ID] = []
        var queue = bySuccessor[unit] ?? []
        while !queue.isEmpty {
            let p = queue.removeFirst()
            guard seen.insert(p).inserted else { continue }
            out.append(p)
            queue += bySuccessor[p] ?? []
        }
        return out
    }
}
