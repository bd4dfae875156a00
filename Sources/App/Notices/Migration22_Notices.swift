import Fluent
import SQLKit

/// Issue 14: inboxes (notices to an account or a unit, read per account), their e-mail outbox, and an optional
/// e-mail address on accounts.
struct CreateNotices: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("notices")
            .field("id", .int, .identifier(auto: true))
            .field("unit_id", .int, .references("units", "id", onDelete: .cascade))
            .field("user_id", .int, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("link", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("notice_reads")
            .field("id", .int, .identifier(auto: true))
            .field("notice_id", .int, .required, .references("notices", "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("read_at", .datetime, .required)
            .unique(on: "notice_id", "user_id")
            .create()
        try await db.schema("notice_outbox")
            .field("id", .int, .identifier(auto: true))
            .field("notice_id", .int, .required, .references("notices", "id", onDelete: .cascade))
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("claim_token", .string)
            .field("claimed_at", .datetime)
            .field("sent_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string, .required)
            .create()
        try await db.schema("users").field("email", .string).update()
        let sql = db as! any SQLDatabase
        // An inbox reads an account's and a unit's notices newest first, paged by (created_at, id).
        try await sql.raw("CREATE INDEX notices_user_idx ON notices (user_id, created_at, id)").run()
        try await sql.raw("CREATE INDEX notices_unit_idx ON notices (unit_id, created_at, id)").run()
        // The mailer looks only at what is still to send, oldest first.
        try await sql.raw(
            "CREATE INDEX notice_outbox_due_idx ON notice_outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL"
        ).run()
        try await sql.raw("CREATE INDEX notice_outbox_notice_idx ON notice_outbox (notice_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("users").deleteField("email").update()
        try await db.schema("notice_outbox").delete()
        try await db.schema("notice_reads").delete()
        try await db.schema("notices").delete()
    }
}
