import Foundation

/// The statutory statistics forms of the home-affairs reporting regime for emulation and commendation
/// (Thông tư 02/2023/TT-BNV, biểu 0601–0605.N/BNV-TĐKT), as data: `Resources/Rules/statistics-forms-*.json`.
/// Each row and column carries its official code and a filter over the facts the app counts; totals are rows or
/// columns that add up others. Nothing about a form lives in code.
public struct StatisticsFormSet: Codable, Sendable, Equatable {
    public let id: String
    public let version: String
    public let title: String
    public let legalBasis: String
    /// "Ban hành theo Thông tư số …": the line under the form code on every form.
    public let issuedLine: String
    /// false: the layout is not yet checked against the circular's annex ("cần xác minh").
    public let verified: Bool
    public let verification: String
    public let sources: [String]
    public let periods: [StatisticsPeriod]
    /// Which movements a unit's report counts, in words (shown on the page).
    public let movementScope: String
    /// Which awards a unit's report counts, in words (shown on the page).
    public let awardScope: String
    public let awardGroups: [AwardGroup]
    public let forms: [StatisticsForm]

    public func form(_ code: String) -> StatisticsForm? { forms.first { $0.code == code } }
    public func period(_ code: String) -> StatisticsPeriod? { periods.first { $0.code == code } }

    /// The group of an award form ("huan-chuong-lao-dong-hang-ba" → "huan-chuong"): the first group with a prefix
    /// of the code, else "khac".
    public func awardGroup(of formCode: String) -> String {
        awardGroups.first { g in g.prefixes.contains { formCode.hasPrefix($0) } }?.code ?? AwardGroup.other
    }

    /// Decodes a form file and refuses it, with every problem named, unless it is consistent.
    public static func load(_ data: Data) throws -> StatisticsFormSet {
        let set: StatisticsFormSet
        do {
            set = try JSONDecoder().decode(StatisticsFormSet.self, from: data)
        } catch {
            throw StatisticsFormError(problems: ["tệp biểu mẫu không đọc được: \(error)"])
        }
        let problems = set.problems()
        guard problems.isEmpty else { throw StatisticsFormError(problems: problems) }
        return set
    }

    /// Problems in a file: forms, rows or columns without a code or with a repeated one, totals that name rows or
    /// columns that do not exist or add up to themselves, filters on what the form's source does not record.
    public func problems() -> [String] {
        var p: [String] = []
        var formCodes = Set<String>()
        if periods.isEmpty { p.append("chưa khai báo kỳ báo cáo nào") }
        for period in periods where period.range(year: 2025) == nil {
            p.append("kỳ “\(period.code)”: ngày bắt đầu hoặc kết thúc không đúng dạng MM-dd")
        }
        for f in forms {
            if f.code.trimmingCharacters(in: .whitespaces).isEmpty { p.append("có biểu chưa có mã") }
            if !formCodes.insert(f.code).inserted { p.append("mã biểu “\(f.code)” bị trùng") }
            p += f.problems(groups: Set(awardGroups.map(\.code) + [AwardGroup.other]))
        }
        return p
    }
}

/// A form file that cannot be used, with what is wrong in it.
public struct StatisticsFormError: Error, Sendable, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "Tệp biểu mẫu thống kê sai: " + problems.joined(separator: "; ") + "." }
}

/// A reporting period: from a month-day (of the year before, for the emulation year ending 30/11) to a month-day.
public struct StatisticsPeriod: Codable, Sendable, Equatable {
    public let code: String
    public let label: String
    public let fromPreviousYear: Bool
    /// "12-01"
    public let fromMonthDay: String
    /// "11-30"
    public let toMonthDay: String
    public let verified: Bool
    public let note: String

    /// The first and last day of the period for a report year, as yyyy-MM-dd (the awards' decision dates compare
    /// as text); nil when a month-day is malformed.
    public func range(year: Int) -> (from: String, to: String)? {
        func valid(_ md: String) -> Bool {
            let parts = md.split(separator: "-").compactMap { Int($0) }
            return md.count == 5 && parts.count == 2 && (1...12).contains(parts[0]) && (1...31).contains(parts[1])
        }
        guard valid(fromMonthDay), valid(toMonthDay) else { return nil }
        let fromYear = fromPreviousYear ? year - 1 : year
        return (String(format: "%04d-", fromYear) + fromMonthDay, String(format: "%04d-", year) + toMonthDay)
    }
}

/// Award forms grouped as the forms' columns count them (huân chương, Bằng khen, Cờ thi đua…), by code prefix.
public struct AwardGroup: Codable, Sendable, Equatable {
    public static let other = "khac"
    public let code: String
    public let label: String
    public let prefixes: [String]
}

/// What a form counts, and so which dimensions its filters may use.
public enum StatisticsSource: String, Codable, Sendable {
    /// Emulation movements: level (who launched it), duration band, kind.
    case movements
    /// Awards: group of the form, kind of subject, level of the conferring authority.
    case awards
    /// Nothing the app records: the form is printed blank for hand entry.
    case none

    public var dimensions: Set<String> {
        switch self {
        case .movements: return ["level", "duration", "kind"]
        case .awards: return ["group", "subject", "level"]
        case .none: return []
        }
    }

    /// The duration band of a movement recorded by years (0601 rows 06–10).
    public static func durationBand(fromYear: Int, toYear: Int) -> String {
        switch toYear - fromYear + 1 {
        case ..<1: return "duoi-1-nam"
        case 1: return "1-nam"
        case 2: return "1-3-nam"
        case 3...4: return "3-5-nam"
        default: return "tu-5-nam"
        }
    }
}

/// Facts a filter matches: each named dimension must hold one of the listed values.
public typealias StatisticsFilter = [String: [String]]

public struct StatisticsForm: Codable, Sendable, Equatable {
    public struct Column: Codable, Sendable, Equatable {
        public let code: String
        public let label: String
        /// The heading over a run of columns ("Chia ra", "2. Bằng khen của Thủ tướng Chính phủ").
        public let group: String?
        public let unit: String?
        public let filter: StatisticsFilter?
        /// A total column: the sum of these columns.
        public let sumOf: [String]?
        public let note: String?
    }

    public struct Row: Codable, Sendable, Equatable {
        /// The official "Mã số"; nil only on a heading row.
        public let code: String?
        public let label: String
        public let heading: Bool?
        /// Đơn vị tính of the row (column C).
        public let unit: String?
        public let indent: Int?
        public let bold: Bool?
        public let filter: StatisticsFilter?
        /// A total row: the sum of these rows.
        public let sumOf: [String]?
        /// false: the app does not record what the row counts; its cells stay empty.
        public let available: Bool?
        /// How the row is computed from the app's data (shown on the page and in the API).
        public let computedBy: String?
        public let note: String?

        public var isHeading: Bool { heading ?? false }
        public var isAvailable: Bool { available ?? true }
    }

    /// The short code used in links ("0601").
    public let code: String
    /// The code printed on the form ("0601.N/BNV-TĐKT").
    public let symbol: String
    public let title: String
    public let source: StatisticsSource
    public let unitOfMeasure: String?
    public let receivingDate: String?
    /// Applies to every cell (0602: State-level awards only).
    public let filter: StatisticsFilter?
    public let note: String
    public let columns: [Column]
    public let rows: [Row]

    public var dataRows: [Row] { rows.filter { !$0.isHeading } }

    func problems(groups: Set<String>) -> [String] {
        var p: [String] = []
        let name = "biểu \(code)"
        if columns.isEmpty { p.append("\(name): chưa có cột nào") }
        var columnCodes = Set<String>()
        for (i, c) in columns.enumerated() {
            if c.code.trimmingCharacters(in: .whitespaces).isEmpty { p.append("\(name): cột thứ \(i + 1) chưa có mã") }
            if !columnCodes.insert(c.code).inserted { p.append("\(name): mã cột “\(c.code)” bị trùng") }
        }
        var rowCodes = Set<String>()
        for (i, r) in rows.enumerated() {
            if r.isHeading {
                if r.filter != nil || r.sumOf != nil {
                    p.append("\(name): dòng tiêu đề “\(r.label)” không được có số liệu")
                }
                continue
            }
            guard let code = r.code, !code.trimmingCharacters(in: .whitespaces).isEmpty else {
                p.append("\(name): dòng thứ \(i + 1) (“\(r.label)”) chưa có mã số")
                continue
            }
            if !rowCodes.insert(code).inserted { p.append("\(name): mã số dòng “\(code)” bị trùng") }
        }
        let dims = source.dimensions
        func checkFilter(_ f: StatisticsFilter?, _ what: String) {
            for (key, values) in f ?? [:] {
                if !dims.contains(key) {
                    p.append("\(name), \(what): không lọc được theo “\(key)” với nguồn số liệu “\(source.rawValue)”")
                }
                if key == "group" {
                    for v in values where !groups.contains(v) { p.append("\(name), \(what): không có nhóm “\(v)”") }
                }
            }
        }
        checkFilter(filter, "bộ lọc chung")
        for r in dataRows {
            let what = "dòng “\(r.code ?? r.label)”"
            checkFilter(r.filter, what)
            if r.filter != nil && r.sumOf != nil { p.append("\(name), \(what): vừa có bộ lọc vừa là dòng tổng") }
            for s in r.sumOf ?? [] where !rowCodes.contains(s) {
                p.append("\(name), \(what): dòng tổng nêu mã số “\(s)” không có trong biểu")
            }
        }
        for c in columns {
            let what = "cột “\(c.code)”"
            checkFilter(c.filter, what)
            if c.filter != nil && c.sumOf != nil { p.append("\(name), \(what): vừa có bộ lọc vừa là cột tổng") }
            for s in c.sumOf ?? [] where !columnCodes.contains(s) {
                p.append("\(name), \(what): cột tổng nêu mã cột “\(s)” không có trong biểu")
            }
        }
        if let cycle = Self.cycle(rows.compactMap { r in r.code.map { ($0, r.sumOf ?? []) } }) {
            p.append("\(name): dòng tổng “\(cycle)” cộng lại chính nó")
        }
        if let cycle = Self.cycle(columns.map { ($0.code, $0.sumOf ?? []) }) {
            p.append("\(name): cột tổng “\(cycle)” cộng lại chính nó")
        }
        if source == .none && dataRows.contains(where: { $0.isAvailable && $0.sumOf == nil }) {
            p.append("\(name): biểu không có nguồn số liệu thì mọi dòng chi tiết phải ghi available: false")
        }
        return p
    }

    /// The first code that reaches itself through `sumOf`, if any.
    static func cycle(_ edges: [(String, [String])]) -> String? {
        let next = Dictionary(edges, uniquingKeysWith: { a, _ in a })
        for (start, _) in edges {
            var stack = next[start] ?? []
            var seen = Set<String>()
            while let n = stack.popLast() {
                if n == start { return start }
                if seen.insert(n).inserted { stack += next[n] ?? [] }
            }
        }
        return nil
    }

    /// Fills the form from counted facts: every data row's cells, in column order; nil where the row or column is
    /// not available (or a total adds up such a cell).
    public func fill(_ facts: [StatisticsFact]) -> FilledStatisticsForm {
        let rowByCode = Dictionary(dataRows.compactMap { r in r.code.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        let colByCode = Dictionary(columns.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let base = facts.filter { $0.matches(filter) }
        func cell(_ r: Row, _ c: Column, depth: Int) -> Int? {
            guard depth < 64, r.isAvailable else { return nil }
            if let parts = r.sumOf {
                return Self.sum(parts.map { code in rowByCode[code].flatMap { cell($0, c, depth: depth + 1) } })
            }
            if let parts = c.sumOf {
                return Self.sum(parts.map { code in colByCode[code].flatMap { cell(r, $0, depth: depth + 1) } })
            }
            return base.filter { $0.matches(r.filter) && $0.matches(c.filter) }.reduce(0) { $0 + $1.count }
        }
        let values = dataRows.map { r in columns.map { c in cell(r, c, depth: 0) } }
        return FilledStatisticsForm(form: self, values: values)
    }

    /// A total is known only when every part is.
    static func sum(_ parts: [Int?]) -> Int? {
        var total = 0
        for p in parts {
            guard let p else { return nil }
            total += p
        }
        return total
    }
}

/// One counted group of records: the values of its dimensions and how many records share them.
public struct StatisticsFact: Sendable, Equatable {
    public let dimensions: [String: String]
    public let count: Int
    public init(_ dimensions: [String: String], count: Int) {
        self.dimensions = dimensions
        self.count = count
    }

    func matches(_ filter: StatisticsFilter?) -> Bool {
        guard let filter else { return true }
        return filter.allSatisfy { key, values in dimensions[key].map(values.contains) ?? false }
    }
}

/// A form with its numbers: `values[i][j]` is data row i (`form.dataRows`), column j.
public struct FilledStatisticsForm: Sendable, Equatable {
    public let form: StatisticsForm
    public let values: [[Int?]]

    public func value(row: String, column: String) -> Int? {
        guard let i = form.dataRows.firstIndex(where: { $0.code == row }),
            let j = form.columns.firstIndex(where: { $0.code == column })
        else { return nil }
        return values[i][j]
    }
}
