import Fluent
import SQLKit

/// Wrong passwords of the last window, shared by every app instance: the login throttle counts them per account and
/// per address (each count is an index range).
struct CreateLoginFailures: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("login_failures")
            .field("id", .int, .identifier(auto: true))
            .field("account", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = try db.sql()
        try await sql.create(index: "login_failures_account_idx").on("login_failures").column("account").column("at")
            .run()
        try await sql.create(index: "login_failures_address_idx").on("login_failures").column("address").column("at")
            .run()
        try await sql.create(index: "login_failures_at_idx").on("login_failures").column("at").run()
    }
    func revert(on db: any Database) async throws { try await db.schema("login_failures").delete() }
}
