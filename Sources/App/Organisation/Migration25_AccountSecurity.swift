import Fluent
import SQLKit

/// Issue 15, accounts: a password that must be changed at the next sign-in (generated or reset by someone else),
/// when the password last changed, who disabled an account and when (disabling keeps the account and its history;
/// `active` stays the switch), and what a person needs to recognise their own sessions: when each was last used,
/// from which browser and address.
struct AddAccountSecurity: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await db.schema("users")
            .field("must_change_password", .bool, .required, .sql(.default(false))).update()
        try await db.schema("users").field("password_changed_at", .datetime).update()
        try await db.schema("users").field("disabled_at", .datetime).update()
        try await db.schema("users").field("disabled_by", .int).update()
        try await db.schema("auth_tokens").field("last_seen_at", .datetime).update()
        try await db.schema("auth_tokens").field("user_agent", .string).update()
        try await db.schema("auth_tokens").field("ip", .string).update()
        // A person's sessions, and ending all of them at a password change, read by user.
        try await (db as! any SQLDatabase).raw(
            "CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id, kind, id)"
        ).run()
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("DROP INDEX auth_tokens_user_idx").run()
        for column in ["ip", "user_agent", "last_seen_at"] {
            try await db.schema("auth_tokens").deleteField(FieldKey(stringLiteral: column)).update()
        }
        for column in ["disabled_by", "disabled_at", "password_changed_at", "must_change_password"] {
            try await db.schema("users").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
