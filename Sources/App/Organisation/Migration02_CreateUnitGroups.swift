import Fluent
import SQLKit

struct CreateUnitGroups: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("unit_groups")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .unique(on: "code")
            .create()
        try await db.schema("unit_group_members")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("unit_groups", "id", onDelete: .cascade))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .cascade))
            .unique(on: "group_id", "unit_id")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("unit_group_members").delete()
        try await db.schema("unit_groups").delete()
    }
}
