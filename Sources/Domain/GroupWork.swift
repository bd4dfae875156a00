import Foundation

// The yearly work of a cluster or block (cụm, khối thi đua; seed plan §IV.2): each member submits its plan and its
// list of exemplars to the standing office, the head rotates by year, members sign the pledge, and at year end the
// members are scored and ranked by a rule kept as data (Resources/Rules/group-scoring-*.json).

/// Where a member's submission stands.
public enum GroupSubmissionStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    case submitted
    case returned
    /// The standing office took it in (tiếp nhận): the member's part of the year is done.
    case accepted

    public var label: String {
        switch self {
        case .submitted: return "Đã nộp"
        case .returned: return "Bị trả lại"
        case .accepted: return "Đã tiếp nhận"
        }
    }
}

/// A submission's moves: the office accepts it (tiếp nhận) or returns it with a reason; a returned one is
/// submitted again. A submitted one may be replaced by its member (submitted → submitted) until the office acts.
/// An accepted one is no longer replaced by the member; the office may still return it with a reason (a fault
/// found after acceptance, e.g. an exemplar whose registration is later withdrawn), and the member then submits
/// again. Accepting twice is refused (nothing to do).
public enum GroupSubmissionWorkflow: WorkflowTable {
    public static func targets(from: GroupSubmissionStatus) -> [GroupSubmissionStatus] {
        switch from {
        case .submitted: return [.submitted, .accepted, .returned]
        case .returned: return [.submitted]
        case .accepted: return [.returned]
        }
    }
}

/// What the office sees of one member for a year, against its deadline.
public enum GroupStanding: String, CaseIterable, Codable, Sendable {
    case onTime = "on-time"
    case late
    case returned
    case missing

    public var label: String {
        switch self {
        case .onTime: return "Đã nộp đúng hạn"
        case .late: return "Nộp muộn"
        case .returned: return "Bị trả lại, chờ nộp lại"
        case .missing: return "Chưa nộp"
        }
    }

    /// A member's standing: nothing submitted is missing; a returned submission waits; a submission made after the
    /// end of the deadline day (`deadlineDayStart` + 1 day, Vietnam has no daylight saving) is late. An accepted
    /// submission keeps its on-time or late standing (the status says it was accepted).
    public static func of(status: GroupSubmissionStatus?, submittedAt: Date?, deadlineDayStart: Date?) -> GroupStanding
    {
        guard let status, let submittedAt else { return .missing }
        if status == .returned { return .returned }
        guard let deadlineDayStart else { return .onTime }
        return submittedAt >= deadlineDayStart.addingTimeInterval(86_400) ? .late : .onTime
    }
}

/// The office's overview of a group's year: how many members stand where. `submitted` counts submissions waiting
/// for the office (neither accepted nor returned); `late` and `onTime` count every submission not returned
/// (waiting or accepted) by its time against the deadline.
public struct GroupCounts: Sendable, Equatable, Codable {
    public var submitted = 0
    public var accepted = 0
    public var returned = 0
    public var onTime = 0
    public var late = 0
    public var missing = 0
    public init() {}

    public static func of(_ members: [(status: GroupSubmissionStatus?, standing: GroupStanding)]) -> GroupCounts {
        var c = GroupCounts()
        for m in members {
            switch m.status {
            case .submitted?: c.submitted += 1
            case .accepted?: c.accepted += 1
            case .returned?: c.returned += 1
            case nil: c.missing += 1
            }
            if m.standing == .onTime { c.onTime += 1 }
            if m.standing == .late { c.late += 1 }
        }
        return c
    }
}

/// The head (cụm trưởng, khối trưởng) rotates by year: the member after last year's head, in the member list's order.
public enum GroupRotation {
    public static func suggestedHead(members: [Int], previousHead: Int?) -> Int? {
        guard !members.isEmpty else { return nil }
        guard let previousHead, let i = members.firstIndex(of: previousHead) else { return members.first }
        return members[(i + 1) % members.count]
    }
}

// MARK: - Scoring and ranking

/// A scoring rule for clusters and blocks, read from `Resources/Rules/group-scoring-*.json`.
public struct GroupScoringRule: Codable, Sendable, Equatable {
    public struct Criterion: Codable, Sendable, Equatable {
        public let code: String
        public let label: String
        public let maxPoints: Double
        public let weight: Double
        public let source: String
        /// False: the value is the district's working assumption, shown "cần xác minh".
        public let verified: Bool
    }
    public struct Proposal: Codable, Sendable, Equatable {
        public let code: String
        public let label: String
        /// How many members, in rank order after the previous proposals, it is proposed for.
        public let places: Int
        /// The least share of the maximum total a member needs to be proposed.
        public let minShare: Double
        public let source: String
        public let verified: Bool
    }
    public let version: String
    public let name: String
    public let legalBasis: String
    public let fromYear: Int
    public let toYear: Int
    public let note: String?
    public let criteria: [Criterion]
    public let proposals: [Proposal]

    public func covers(_ year: Int) -> Bool { (fromYear...toYear).contains(year) }
    public var maxTotal: Double { criteria.reduce(0) { $0 + $1.maxPoints * $1.weight } }
    public func criterion(_ code: String) -> Criterion? { criteria.first { $0.code == code } }

    public static func inForce(_ year: Int, among rules: [GroupScoringRule]) -> GroupScoringRule? {
        rules.filter { $0.covers(year) }.max { $0.fromYear < $1.fromYear }
    }

    public func problems() -> [String] {
        var out: [String] = []
        if fromYear > toYear { out.append("fromYear sau toYear") }
        if criteria.isEmpty { out.append("chưa có tiêu chí") }
        if Set(criteria.map(\.code)).count != criteria.count { out.append("mã tiêu chí trùng") }
        for c in criteria where c.maxPoints <= 0 || c.weight <= 0 {
            out.append("tiêu chí \(c.code): điểm tối đa và hệ số phải dương")
        }
        for p in proposals where p.places < 1 || !(0...1).contains(p.minShare) {
            out.append("đề nghị \(p.code): số suất ≥ 1, tỉ lệ trong [0, 1]")
        }
        return out
    }

    /// The check of one entered score, in Vietnamese; nil when it fits the criterion.
    public func problem(points: Double, criterion code: String) -> String? {
        guard let c = criterion(code) else { return "Tiêu chí “\(code)” không có trong quy định chấm điểm." }
        guard points.isFinite, points >= 0, points <= c.maxPoints else {
            return "Điểm “\(c.label)” từ 0 đến \(GroupScoring.format(c.maxPoints))."
        }
        return nil
    }
}

/// One member's place in the ranking.
public struct GroupRank: Sendable, Equatable {
    public let unitID: Int
    public let total: Double
    /// Competition ranking (1, 1, 3); nil while a criterion has no score.
    public let rank: Int?
    public let complete: Bool
    /// The proposal's code the member is proposed for, if any.
    public let proposal: String?
}

public enum GroupScoring {
    /// Ranks the members: total = Σ weight × points (points capped at the criterion's maximum); only members
    /// scored on every criterion are ranked. Proposals go in rank order to members reaching the proposal's share
    /// of the maximum total; a tie across a proposal's last place proposes nobody for it (the council decides).
    public static func rank(
        members: [Int], scores: [Int: [String: Double]], rule: GroupScoringRule
    ) -> [GroupRank] {
        let totals: [(id: Int, total: Double, complete: Bool)] = members.map { id in
            let s = scores[id] ?? [:]
            let complete = rule.criteria.allSatisfy { s[$0.code] != nil }
            let total = rule.criteria.reduce(0.0) { sum, c in sum + min(s[c.code] ?? 0, c.maxPoints) * c.weight }
            return (id, (total * 100).rounded() / 100, complete)
        }
        let ranked = totals.filter(\.complete).sorted { $0.total > $1.total || ($0.total == $1.total && $0.id < $1.id) }
        var rankOf: [Int: Int] = [:]
        for (i, m) in ranked.enumerated() {
            rankOf[m.id] = i > 0 && ranked[i - 1].total == m.total ? rankOf[ranked[i - 1].id] : i + 1
        }
        var proposalOf: [Int: String] = [:]
        var next = 0
        for p in rule.proposals {
            let end = next + p.places
            guard next < ranked.count else { break }
            let slice = Array(ranked[next..<min(end, ranked.count)])
            // A tie straddling the last place: the members tied with the one after it are not proposed here.
            let cut = end < ranked.count ? ranked[end].total : nil
            for m in slice where m.total >= p.minShare * rule.maxTotal && m.total != cut { proposalOf[m.id] = p.code }
            next = end
        }
        let order = ranked.map(\.id) + totals.filter { !$0.complete }.map(\.id)
        let byID = Dictionary(uniqueKeysWithValues: totals.map { ($0.id, $0) })
        return order.compactMap { id in
            guard let m = byID[id] else { return nil }
            return GroupRank(
                unitID: id, total: m.total, rank: rankOf[id], complete: m.complete, proposal: proposalOf[id])
        }
    }

    /// Points as the office writes them: "8", "8,5".
    public static func format(_ v: Double) -> String {
        v == v.rounded()
            ? String(Int(v))
            : String(format: "%.2f", v).replacingOccurrences(of: ".", with: ",")
                .replacingOccurrences(of: #",?0+$"#, with: "", options: .regularExpression)
    }

    /// Parses "8", "8,5" or "8.5"; nil when not a number.
    public static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !t.isEmpty, let v = Double(t), v.isFinite else { return nil }
        return v
    }
}
