import Fluent

/// A running import's heartbeat: the instance that runs it touches `heartbeat_at`, so a start of another instance
/// (or a command such as `user list`) tells a job that is still running from one a stop of the server cut short.
struct AddImportJobHeartbeat: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("import_jobs").field("heartbeat_at", .datetime).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("import_jobs").deleteField("heartbeat_at").update()
    }
}
