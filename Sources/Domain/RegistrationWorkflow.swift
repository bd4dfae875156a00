import Foundation

/// Where a registered model or exemplar stands in its lifecycle (seed §IV.1: register, nurture, evaluate,
/// commend, replicate).
public enum RegistrationStatus: String, Codable, CaseIterable, Sendable, WorkflowStatus {
    case registered
    case nurturing
    case achieved
    case notAchieved = "not-achieved"
    case nominated
    case awarded
    case replicated
    case stopped

    public var label: String {
        switch self {
        case .registered: return "Đăng ký"
        case .nurturing: return "Đang bồi dưỡng"
        case .achieved: return "Đạt điển hình"
        case .notAchieved: return "Chưa đạt"
        case .nominated: return "Đề nghị khen thưởng"
        case .awarded: return "Đã khen thưởng"
        case .replicated: return "Nhân rộng"
        case .stopped: return "Dừng theo dõi"
        }
    }

    /// The subject counts as an exemplar (for quotas, the public page, the leader rule).
    public var isExemplar: Bool {
        switch self {
        case .achieved, .nominated, .awarded, .replicated: return true
        case .registered, .nurturing, .notAchieved, .stopped: return false
        }
    }
}

/// Facts the workflow cannot know by itself.
public struct TransitionContext: Sendable {
    /// At least one evaluation of this registration concluded "đạt".
    public var hasAchievingEvaluation: Bool
    /// The move is made by the commendation workflow's decision (only it may set "đã khen thưởng").
    public var byDecision: Bool

    public init(hasAchievingEvaluation: Bool = false, byDecision: Bool = false) {
        self.hasAchievingEvaluation = hasAchievingEvaluation
        self.byDecision = byDecision
    }
}

public enum TransitionCheck: Equatable, Sendable {
    case allowed
    case refused(String)

    public var isAllowed: Bool { self == .allowed }
}

/// The lifecycle of a registration as a table of legal moves, with guards and the rule for reasons.
public enum RegistrationWorkflow: WorkflowTable {
    /// One legal move. A backward move (undoing a step, resuming after a stop) must give a reason.
    struct Move: Sendable {
        let to: RegistrationStatus
        let isBackward: Bool
        static func forward(_ to: RegistrationStatus) -> Move { Move(to: to, isBackward: false) }
        static func back(_ to: RegistrationStatus) -> Move { Move(to: to, isBackward: true) }
    }

    /// The transition table. Order is the order shown to the user.
    static let table: [RegistrationStatus: [Move]] = [
        .registered: [.forward(.nurturing), .forward(.stopped)],
        .nurturing: [.forward(.achieved), .forward(.notAchieved), .forward(.stopped)],
        .notAchieved: [.forward(.nurturing), .forward(.stopped)],
        .achieved: [.forward(.nominated), .forward(.replicated), .back(.nurturing), .forward(.stopped)],
        .nominated: [.forward(.awarded), .back(.achieved), .forward(.stopped)],
        .awarded: [.forward(.replicated)],
        .replicated: [.forward(.stopped)],
        .stopped: [.back(.registered), .back(.nurturing)],
    ]

    /// Statuses that always need a reason, whatever the origin.
    static let reasonedTargets: Set<RegistrationStatus> = [.notAchieved, .stopped]

    public static let needsAchievingEvaluation =
        "Cần có ít nhất một lần đánh giá kết luận đạt trước khi công nhận đạt điển hình."
    public static let onlyByDecision = "Chỉ quyết định khen thưởng mới chuyển sang đã khen thưởng."

    /// Legal next states.
    public static func targets(from: RegistrationStatus) -> [RegistrationStatus] {
        (table[from] ?? []).map(\.to)
    }

    /// Whether the move needs a written reason: to "Chưa đạt", to "Dừng theo dõi", and every backward move.
    public static func requiresReason(from: RegistrationStatus, to: RegistrationStatus) -> Bool {
        reasonedTargets.contains(to) || (table[from] ?? []).contains { $0.to == to && $0.isBackward }
    }

    /// Decides one move: legality first, then the guards, then the reason.
    public static func check(
        from: RegistrationStatus, to: RegistrationStatus, reason: String, context: TransitionContext
    ) -> TransitionCheck {
        if from == to { return .refused("Hồ sơ đang ở trạng thái “\(from.label)”.") }
        guard targets(from: from).contains(to) else { return .refused(illegalMessage(from: from, to: to)) }
        if to == .achieved, !context.hasAchievingEvaluation { return .refused(needsAchievingEvaluation) }
        if to == .awarded, !context.byDecision { return .refused(onlyByDecision) }
        if requiresReason(from: from, to: to), reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .refused(reasonMessage(from: from, to: to))
        }
        return .allowed
    }

    public static func reasonMessage(from: RegistrationStatus, to: RegistrationStatus) -> String {
        "Cần ghi rõ lý do khi chuyển từ “\(from.label)” sang “\(to.label)”."
    }
}
