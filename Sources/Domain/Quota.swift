import Foundation

/// A plan's quotas of exemplars per unit (seed §IV.3: each district agency at least 1, each commune at least 2), as
/// data: `Resources/Rules/quotas-*.json`, one file a plan period. The next plan ships another file.
public struct QuotaPlan: Codable, Sendable, Equatable {
    public struct Rule: Codable, Sendable, Equatable {
        public let code: String
        public let label: String
        /// Where the plan says it.
        public let source: String
        /// The kinds of unit the quota binds.
        public let unitKinds: [UnitKind]
        /// When set, only units whose parent is of one of these kinds (e.g. "thuộc huyện").
        public let parentKinds: [UnitKind]?
        public let minimum: Int
        /// What counts: registrations of these subject kinds in these statuses, in the unit's subtree.
        public let subjectKinds: [SubjectKind]
        public let statuses: [RegistrationStatus]

        public func binds(kind: UnitKind, parentKind: UnitKind?) -> Bool {
            guard unitKinds.contains(kind) else { return false }
            guard let parentKinds else { return true }
            return parentKind.map(parentKinds.contains) ?? false
        }
    }

    public let version: String
    public let plan: String
    public let legalBasis: String
    public let fromYear: Int
    public let toYear: Int
    public let note: String?
    public let rules: [Rule]

    public func covers(_ year: Int) -> Bool { (fromYear...toYear).contains(year) }

    /// The first rule that binds a unit of this kind under a parent of that kind.
    public func rule(kind: UnitKind, parentKind: UnitKind?) -> Rule? {
        rules.first { $0.binds(kind: kind, parentKind: parentKind) }
    }

    /// Every unit kind some rule binds.
    public var boundKinds: [UnitKind] {
        var seen: [UnitKind] = []
        for k in rules.flatMap(\.unitKinds) where !seen.contains(k) { seen.append(k) }
        return seen
    }

    /// The plan in force for a year: the one whose period covers it (the latest-starting when several do).
    public static func inForce(_ year: Int, among plans: [QuotaPlan]) -> QuotaPlan? {
        plans.filter { $0.covers(year) }.max { $0.fromYear < $1.fromYear }
    }

    /// Problems in a file: empty or reversed periods, minimums below 1, rules that bind nothing.
    public func problems() -> [String] {
        var p: [String] = []
        if fromYear > toYear { p.append("năm bắt đầu \(fromYear) sau năm kết thúc \(toYear)") }
        for r in rules {
            if r.minimum < 1 { p.append("chỉ tiêu “\(r.code)”: mức tối thiểu phải từ 1") }
            if r.unitKinds.isEmpty { p.append("chỉ tiêu “\(r.code)”: chưa nêu loại đơn vị") }
            if r.subjectKinds.isEmpty || r.statuses.isEmpty {
                p.append("chỉ tiêu “\(r.code)”: chưa nêu điển hình nào được tính")
            }
        }
        if Set(rules.map(\.code)).count != rules.count { p.append("trùng mã chỉ tiêu") }
        return p
    }
}

/// One unit's standing against its quota for a year.
public struct QuotaStanding: Sendable, Equatable {
    public let unitID: Int
    public let rule: QuotaPlan.Rule
    public let count: Int

    public init(unitID: Int, rule: QuotaPlan.Rule, count: Int) {
        self.unitID = unitID
        self.rule = rule
        self.count = count
    }

    public var isMet: Bool { count >= rule.minimum }
    /// How many more exemplars the unit needs.
    public var missing: Int { max(0, rule.minimum - count) }
}
