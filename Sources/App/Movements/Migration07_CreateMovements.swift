import Fluent
import SQLKit

struct CreateMovements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("movements")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("level", .string, .required)
            .field("from_year", .int, .required)
            .field("to_year", .int, .required)
            .field("description", .string, .required)
            .field("legal_basis", .string, .required)
            .field("search_text", .string, .required)
            .field("catalogue_version", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await db.schema("movement_agencies")
            .field("id", .int, .identifier(auto: true))
            .field("movement_id", .int, .required, .references("movements", "id", onDelete: .cascade))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("role", .string, .required)
            .unique(on: "movement_id", "unit_id")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("movement_agencies").delete()
        try await db.schema("movements").delete()
    }
}
