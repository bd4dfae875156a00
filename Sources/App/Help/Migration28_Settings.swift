import Fluent

/// Issue 15: the system's own settings as keys and values (the support contact first), each with who changed it
/// last and when. One row per key.
struct CreateSettings: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("settings")
            .field("id", .int, .identifier(auto: true))
            .field("key", .string, .required)
            .field("value", .string, .required)
            .field("updated_at", .datetime)
            .field("updated_by", .int)
            .unique(on: "key")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("settings").delete() }
}
