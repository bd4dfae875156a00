import Fluent
import SQLKit

/// Issue 16, item 4: the periodic reports (sơ kết, tổng kết) of an authority to the level above, one draft per
/// authority, kind and period, with their narrative kept between drafts.
struct CreatePeriodicReports: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("periodic_reports")
            .field("id", .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("summary", .string, .required)
            .field("number", .string, .required)
            .field("day", .string)
            .field("place", .string, .required)
            .field("signing_mode", .string, .required)
            .field("chief_title", .string, .required)
            .field("signer_title", .string, .required)
            .field("signer_name", .string, .required)
            .field("recipients", .string, .required)
            .field("situation", .string, .required)
            .field("results", .string, .required)
            .field("shortcomings", .string, .required)
            .field("directions", .string, .required)
            .field("proposals", .string, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "authority_id", "kind", "period_from", "period_to")
            .create()
        // The list reads an authority's reports newest period first.
        try await (db as! any SQLDatabase).raw(
            "CREATE INDEX periodic_reports_list_idx ON periodic_reports (authority_id, period_to, id)"
        ).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("periodic_reports").delete()
    }
}
