import Foundation

// The commendation procedure: a unit's dossier (đề nghị) → appraisal by the standing office (thẩm định)
// → council meeting (họp Hội đồng Thi đua - Khen thưởng) → decision (quyết định). The legal numbers it uses
// (quorum, vote thresholds, documents, deadlines) come from the rule file's `procedure` block, never from code.

// MARK: - Procedure rules (part of a RuleSet)

public struct ProcedureRule: Codable, Sendable, Equatable {
    public var council: CouncilRule
    public var documents: [DocumentRule]
    public var appraisal: AppraisalRule
}

public struct CouncilRule: Codable, Sendable, Equatable {
    /// Quorum as a fraction of all members: present × denominator ≥ all × numerator.
    public var quorumNumerator: Int
    public var quorumDenominator: Int
    public var quorumArticle: String
    public var quorumVerified: Bool
    /// For forms whose rule states no threshold: percent of all members, reached strictly (>) when `defaultStrict`.
    public var defaultThreshold: Int
    public var defaultStrict: Bool
    public var defaultThresholdArticle: String
    public var defaultThresholdVerified: Bool
    /// Article for the forms' own thresholds (computed on all members; absent members vote in writing).
    public var thresholdArticle: String
}

/// A document the dossier must hold.
public struct DocumentRule: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var article: String
    public var verified: Bool
    /// Form codes that need it; empty = every form.
    public var forms: [String]
    /// The system can draft it (tờ trình, danh sách, báo cáo thành tích).
    public var generated: Bool

    public func applies(to formCodes: Set<String>) -> Bool { forms.isEmpty || !formCodes.isDisjoint(with: forms) }
}

public struct AppraisalRule: Codable, Sendable, Equatable {
    public var workingDays: Int
    public var article: String
    public var verified: Bool
}

extension RuleSet {
    /// The documents a dossier proposing `formCodes` needs, in the rule file's order.
    public func requiredDocuments(for formCodes: Set<String>) -> [DocumentRule] {
        (procedure?.documents ?? []).filter { $0.applies(to: formCodes) }
    }

    /// The threshold for a form: its own, or the council default. (percent, strict, article, verified)
    public func voteThreshold(for formCode: String) -> (percent: Int, strict: Bool, article: String, verified: Bool) {
        if let t = form(formCode)?.voteThreshold {
            return (t, false, procedure?.council.thresholdArticle ?? "", true)
        }
        let c = procedure?.council
        return (
            c?.defaultThreshold ?? 50, c?.defaultStrict ?? true, c?.defaultThresholdArticle ?? "",
            c?.defaultThresholdVerified ?? false
        )
    }
}

// MARK: - Dossier workflow

public enum DossierStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    case draft
    case submitted
    case returned
    case appraised
    case reviewed
    case decided
    /// Every nominee the council passed goes on to a higher authority's council; this level decides none.
    case forwarded

    public var label: String {
        switch self {
        case .draft: return "Đang soạn"
        case .submitted: return "Đã gửi, chờ thẩm định"
        case .returned: return "Bị trả lại, cần bổ sung"
        case .appraised: return "Đã thẩm định, chờ Hội đồng"
        case .reviewed: return "Hội đồng đã xét, chờ quyết định"
        case .decided: return "Đã có quyết định khen thưởng"
        case .forwarded: return "Đã chuyển lên Hội đồng cấp trên"
        }
    }

    /// The nominating unit may change nominees and documents.
    public var editableByUnit: Bool { self == .draft || self == .returned }
    /// A decided dossier is a record: nothing changes it.
    public var readOnly: Bool { self == .decided || self == .forwarded }
}

public enum NomineeAppraisal: String, CaseIterable, Codable, Sendable {
    case pending
    case passed
    case returned

    public var label: String {
        switch self {
        case .pending: return "Chờ thẩm định"
        case .passed: return "Đạt, trình Hội đồng"
        case .returned: return "Trả lại"
        }
    }
}

/// A nominee's eligibility as the rules judged it when the nominee was added to the dossier.
public enum NomineeEligibility: String, CaseIterable, Codable, Sendable {
    case eligible
    case notEligible = "not-eligible"
    case missingData = "missing-data"

    /// From the eligibility engine's answer: met, not met, or not enough data to tell.
    public init(_ eligible: Bool?) {
        switch eligible {
        case true?: self = .eligible
        case false?: self = .notEligible
        case nil: self = .missingData
        }
    }

    public var label: String {
        switch self {
        case .eligible: return "Đủ điều kiện"
        case .notEligible: return "Chưa đủ điều kiện"
        case .missingData: return "Thiếu dữ liệu"
        }
    }
}

public enum DossierWorkflow: WorkflowTable {
    /// What stops a submission: no nominee, or a required document missing (named).
    public static func submissionProblems(status: DossierStatus, nomineeCount: Int, missingDocuments: [DocumentRule])
        -> [String]
    {
        var problems: [String] = []
        if !status.editableByUnit { problems.append("Hồ sơ ở trạng thái “\(status.label)”, không gửi lại được.") }
        if nomineeCount == 0 { problems.append("Hồ sơ chưa có người/tập thể được đề nghị.") }
        for d in missingDocuments { problems.append("Thiếu \(d.name) (\(d.article)).") }
        return problems
    }

    /// The dossier's status once every nominee is appraised: returned if one is returned, appraised otherwise.
    public static func afterAppraisal(_ nominees: [NomineeAppraisal]) -> Result<DossierStatus, WorkflowError> {
        guard !nominees.isEmpty else { return .failure(WorkflowError("Hồ sơ không có người được đề nghị.")) }
        let pending = nominees.filter { $0 == .pending }.count
        if pending > 0 { return .failure(WorkflowError("Còn \(pending) trường hợp chưa thẩm định.")) }
        return .success(nominees.contains(.returned) ? .returned : .appraised)
    }

    /// On resubmission, returned nominees go back to the appraisal queue; passed ones keep their result.
    public static func onResubmit(_ a: NomineeAppraisal) -> NomineeAppraisal { a == .returned ? .pending : a }

    /// Legal moves between dossier states: submitted by the unit, appraised (or returned) by the standing office,
    /// reviewed by the council, decided.
    public static func targets(from: DossierStatus) -> [DossierStatus] {
        switch from {
        case .draft, .returned: return [.submitted]
        case .submitted: return [.appraised, .returned]
        case .appraised: return [.reviewed]
        case .reviewed: return [.decided, .forwarded]
        case .decided, .forwarded: return []
        }
    }
}

public struct WorkflowError: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

// MARK: - Council

/// A council meeting: attendance is taken while preparing, then the secret ballot opens, then it closes.
public enum MeetingStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    case preparing
    case voting
    case closed

    public var label: String {
        switch self {
        case .preparing: return "Chuẩn bị (điểm danh)"
        case .voting: return "Đang bỏ phiếu"
        case .closed: return "Đã kết thúc"
        }
    }
}

public enum MeetingWorkflow: WorkflowTable {
    public static func targets(from: MeetingStatus) -> [MeetingStatus] {
        switch from {
        case .preparing: return [.voting]
        case .voting: return [.closed]
        case .closed: return []
        }
    }
}

public enum Quorum {
    /// Present members reach the quorum fraction of all members.
    public static func met(present: Int, total: Int, rule: CouncilRule) -> Bool {
        total > 0 && present * rule.quorumDenominator >= total * rule.quorumNumerator
    }

    /// The smallest number present that reaches the quorum.
    public static func needed(total: Int, rule: CouncilRule) -> Int {
        guard rule.quorumDenominator > 0 else { return total }
        return (total * rule.quorumNumerator + rule.quorumDenominator - 1) / rule.quorumDenominator
    }
}

/// A secret-ballot result for one nominee, on ALL members of the council.
public struct NomineeTally: Sendable, Equatable, Codable {
    public var totalMembers: Int
    public var yes: Int
    public var no: Int
    public var recused: Int
    /// Of yes + no, how many came as absent members' written votes.
    public var written: Int
    public var threshold: Int
    public var strict: Bool
    public var passed: Bool

    /// Percent of all members who voted yes.
    public var percent: Double { totalMembers > 0 ? Double(yes) * 100 / Double(totalMembers) : 0 }
    public var notVoted: Int { max(0, totalMembers - yes - no - recused) }

    public var summary: String {
        let need = (strict ? "trên " : "từ ") + "\(threshold)%" + (strict ? "" : " trở lên")
        return
            "\(yes)/\(totalMembers) thành viên đồng ý (\(VietnameseNumber.format(percent, maxFractionDigits: 1))%; yêu cầu \(need) tổng số thành viên Hội đồng): "
            + (passed ? "đạt" : "không đạt")
    }
}

public enum CouncilTally {
    /// Counts on all members: recused and silent members count in the denominator, never as yes.
    public static func tally(
        totalMembers: Int, yes: Int, no: Int, recused: Int, written: Int,
        threshold: Int, strict: Bool
    ) -> Result<NomineeTally, WorkflowError> {
        guard totalMembers > 0 else { return .failure(WorkflowError("Hội đồng chưa có thành viên.")) }
        guard yes >= 0, no >= 0, recused >= 0, written >= 0 else {
            return .failure(WorkflowError("Số phiếu không được âm."))
        }
        guard yes + no + recused <= totalMembers else {
            return .failure(
                WorkflowError("Số phiếu (\(yes + no + recused)) vượt quá số thành viên Hội đồng (\(totalMembers))."))
        }
        guard written <= yes + no else {
            return .failure(WorkflowError("Số phiếu gửi bằng văn bản vượt quá số phiếu."))
        }
        let passed = strict ? yes * 100 > threshold * totalMembers : yes * 100 >= threshold * totalMembers
        return .success(
            NomineeTally(
                totalMembers: totalMembers, yes: yes, no: no, recused: recused, written: written,
                threshold: threshold, strict: strict, passed: passed))
    }
}

// MARK: - Rule set choice and subjects

extension RuleLibrary {
    /// The rule set in force on `day` for `jurisdiction`: the most specific one ("VN-KT" before "VN").
    public static func ruleSet(forDay day: String, jurisdiction: String, in sets: [RuleSet]) -> RuleSet? {
        var j = jurisdiction
        while true {
            if let s = sets.first(where: { $0.jurisdiction == j && $0.covers(day: day) }) { return s }
            guard let dash = j.lastIndex(of: "-") else { break }
            j = String(j[..<dash])
        }
        return nil
    }

    /// The day whose rules judge a year's achievement when nothing else is said: the last day of that year.
    public static func judgingDay(forYear year: Int) -> String { String(format: "%04d-12-31", year) }

    /// Finds the form code a title is written as ("Lao động tiên tiến", "lao-dong-tien-tien"), across all sets.
    public static func formCode(forTitle title: String, in sets: [RuleSet]) -> String? {
        let folded = VietnameseText.fold(title)
        for s in sets {
            if let f = s.forms.first(where: { $0.code == title || VietnameseText.fold($0.name) == folded }) {
                return f.code
            }
        }
        return nil
    }

    /// The rule-file subject of a subject: villages are collectives judged by the village rules.
    public static func ruleSubject(kind: SubjectKind, isVillage: Bool) -> String {
        switch kind {
        case .individual: return "individual"
        case .household: return "household"
        case .collective: return isVillage ? "village" : "collective"
        }
    }
}
