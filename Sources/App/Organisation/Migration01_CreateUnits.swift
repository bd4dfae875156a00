import Fluent
import SQLKit

struct CreateUnits: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("units")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .int, .references("units", "id", onDelete: .restrict))
            .field("path", .string, .required)
            .field("place", .string, .required)
            .field("abbreviation", .string, .required)
            .field("search_text", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await db.sql().create(index: "units_path_idx").on("units").column("path").run()
        try await db.sql().create(index: "units_parent_idx").on("units").column("parent_id").run()
    }
    func revert(on db: any Database) async throws { try await db.schema("units").delete() }
}
