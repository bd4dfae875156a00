import Fluent
import SQLKit

/// Issue 9: an initiative or research topic serves as the basis of one award only (CV 5007/BNV-TĐKT, cần xác minh).
/// Each use links the initiative to the nominee that proposes on it and, once decided, to the award.
struct CreateInitiativeUses: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("initiative_uses")
            .field("id", .int, .identifier(auto: true))
            .field("initiative_id", .int, .required, .references("initiatives", "id", onDelete: .cascade))
            .field("nominee_id", .int, .references("dossier_nominees", "id", onDelete: .cascade))
            .field("award_id", .int, .references("awards", "id", onDelete: .cascade))
            .field("created_at", .datetime)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.raw("CREATE INDEX initiative_uses_initiative_idx ON initiative_uses (initiative_id)").run()
        try await sql.raw("CREATE INDEX initiative_uses_nominee_idx ON initiative_uses (nominee_id)").run()
        try await sql.raw("CREATE INDEX initiative_uses_award_idx ON initiative_uses (award_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("initiative_uses").delete()
    }
}
