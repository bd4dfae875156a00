import Foundation

/// Where a story (bài viết tuyên truyền) stands in its editorial workflow (issue 10 §1).
public enum StoryStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    case draft
    case awaitingApproval = "awaiting-approval"
    case published
    case withdrawn

    public var label: String {
        switch self {
        case .draft: return "Bản nháp"
        case .awaitingApproval: return "Chờ duyệt"
        case .published: return "Đã đăng"
        case .withdrawn: return "Đã gỡ"
        }
    }
}

/// The editorial moves: an editor sends a draft for approval; the approver publishes it or sends it back to
/// draft; a published story can be withdrawn, and a withdrawn one reworked as a draft.
public enum StoryWorkflow: WorkflowTable {
    public static func targets(from: StoryStatus) -> [StoryStatus] {
        switch from {
        case .draft: return [.awaitingApproval]
        case .awaitingApproval: return [.published, .draft]
        case .published: return [.withdrawn]
        case .withdrawn: return [.draft]
        }
    }
}
