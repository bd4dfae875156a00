import Domain
import Fluent
import Foundation

/// Who did what, when, with the record before and after. Append-only.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "username") var username: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @OptionalField(key: "entity_id") var entityID: String?
    @OptionalField(key: "unit_id") var unitID: Int?
    @Field(key: "summary") var summary: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    /// The chain (migration 13): the previous entry's hash, and SHA-256 over this entry's fields and `prevHash`.
    @OptionalField(key: "prev_hash") var prevHash: String?
    @OptionalField(key: "hash") var hash: String?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $at, $userID, $username, $action, $entity, $entityID, $unitID, $summary, $before, $after, $prevHash,
            $hash,
        ]
    }
    init() {}
}

extension AuditEntryModel {
    /// The log's order (its pages and its export): the newest first, by id.
    static let listOrder: [KeysetColumn<AuditEntryModel>] = [
        .int("audit_entries", "id", descending: true) { try $0.requireID() }
    ]
}
