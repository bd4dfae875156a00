import Foundation

/// A status that a workflow table moves: stored as its code (English kebab-case, the raw value), shown by its
/// Vietnamese label.
public protocol WorkflowStatus: RawRepresentable, Hashable, Codable, Sendable where RawValue == String {
    var label: String { get }
}

/// A state machine written as a table: for each status, the statuses it may move to. Records change status
/// only through a move the table allows (in the app: the model's `move(to:)`).
public protocol WorkflowTable {
    associatedtype Status: WorkflowStatus
    /// Legal next statuses, in the order shown to the user; empty for a final status.
    static func targets(from: Status) -> [Status]
}

extension WorkflowTable {
    public static func allowed(from: Status, to: Status) -> Bool {
        targets(from: from).contains(to)
    }

    /// The refusal of a move the table does not allow: both statuses, and what is allowed instead.
    public static func illegalMessage(from: Status, to: Status) -> String {
        let refused = "Không thể chuyển từ “\(from.label)” sang “\(to.label)”."
        let next = targets(from: from)
        guard !next.isEmpty else { return refused + " “\(from.label)” là bước cuối, không chuyển tiếp được." }
        return refused + " Từ “\(from.label)” chỉ có thể chuyển sang: "
            + next.map { "“\($0.label)”" }.joined(separator: ", ") + "."
    }
}
