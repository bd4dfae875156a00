import Fluent
import SQLKit

/// Issue 14: the ledger of each authority's emulation and commendation fund (quỹ thi đua, khen thưởng).
/// Amounts are signed đồng: income and reversals positive, a decision's spending negative.
struct CreateFundEntries: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("fund_entries")
            .field("id", .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id", onDelete: .restrict))
            .field("year", .int, .required)
            .field("day", .string, .required)
            .field("kind", .string, .required)
            .field("amount", .int64, .required)
            .field("description", .string, .required)
            .field("reference", .string, .required)
            .field("decision_id", .int, .references("decisions", "id", onDelete: .restrict))
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        let sql = db as! any SQLDatabase
        // The ledger: one authority, newest first, paged by id; the report: one authority's year.
        try await sql.raw("CREATE INDEX fund_entries_ledger_idx ON fund_entries (authority_id, id)").run()
        try await sql.raw("CREATE INDEX fund_entries_year_idx ON fund_entries (authority_id, year, day)").run()
        try await sql.raw("CREATE INDEX fund_entries_decision_idx ON fund_entries (decision_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("fund_entries").delete()
    }
}
