import Fluent
import SQLKit

/// Issue 10: an individual's or a household's consent to be published (who gave it, when, how, the scanned form),
/// and its withdrawal. A subject is public only while it has a consent that is not withdrawn.
struct CreateConsents: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("consents")
            .field("id", .int, .identifier(auto: true))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .cascade))
            .field("given_by", .string, .required)
            .field("given_on", .string, .required)
            .field("method", .string, .required)
            .field("scope_note", .string, .required)
            .field("original_name", .string)
            .field("content_type", .string)
            .field("size", .int)
            .field("sha256", .string)
            .field("storage", .string)
            .field("storage_key", .string)
            .field("data", .data)
            .field("recorded_by", .int, .references("users", "id", onDelete: .setNull))
            .field("recorded_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .field("withdrawn_by", .int, .references("users", "id", onDelete: .setNull))
            .field("withdraw_reason", .string)
            .create()
        let sql = db as! any SQLDatabase
        // "Does this subject have a consent in force?" — asked for every subject on every public page.
        try await sql.raw("CREATE INDEX consents_subject_idx ON consents (subject_id, withdrawn_at, id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("consents").delete()
    }
}
