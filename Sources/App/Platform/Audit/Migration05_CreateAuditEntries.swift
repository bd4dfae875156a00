import Fluent
import SQLKit

struct CreateAuditEntries: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .field("id", .int, .identifier(auto: true))
            .field("at", .datetime, .required)
            .field("user_id", .int)
            .field("username", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string)
            .field("unit_id", .int)
            .field("summary", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
        try await db.sql().create(index: "audit_entity_idx").on("audit_entries").column("entity").column("entity_id")
            .run()
    }
    func revert(on db: any Database) async throws { try await db.schema("audit_entries").delete() }
}
