import Fluent
import SQLKit

/// The two-tier reform (issue 13, item 6): who took whose history, and the day a unit ended.
struct CreateUnitSuccessions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("unit_successions")
            .field("id", .int, .identifier(auto: true))
            .field("predecessor_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("successor_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("effective_day", .string, .required)
            .field("kind", .string, .required)
            .field("basis", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "predecessor_id", "successor_id")
            .create()
        try await db.sql().create(index: "unit_successions_predecessor_idx").on("unit_successions")
            .column("predecessor_id").run()
        try await db.sql().create(index: "unit_successions_successor_idx").on("unit_successions")
            .column("successor_id").run()
        // A unit that ended stays readable; nothing new is registered in it from this day (yyyy-mm-dd).
        try await db.schema("units").field("abolished_on", .string).update()
        // The eligibility history of a commune's own collective walks from a unit to the subject that stands for it.
        try await db.sql().create(index: "subjects_represents_unit_idx").on("subjects").column("represents_unit_id")
            .run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql().drop(index: "subjects_represents_unit_idx").run()
        try await db.schema("units").deleteField("abolished_on").update()
        try await db.schema("unit_successions").delete()
    }
}
