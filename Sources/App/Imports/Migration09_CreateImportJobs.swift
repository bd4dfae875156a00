import Fluent
import Foundation

struct CreateImportJobs: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("import_jobs")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("status", .string, .required)
            .field("total", .int, .required)
            .field("processed", .int, .required)
            .field("created_count", .int, .required)
            .field("error_count", .int, .required)
            .field("errors", .string, .required)
            .field("created_at", .datetime)
            .field("finished_at", .datetime)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("import_jobs").delete() }
}
