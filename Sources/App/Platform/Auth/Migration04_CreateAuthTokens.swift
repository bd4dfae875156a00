import Fluent
import SQLKit

struct CreateAuthTokens: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("auth_tokens")
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("token_hash", .string, .required)
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("auth_tokens").delete() }
}
