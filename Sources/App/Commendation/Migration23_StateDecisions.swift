import Fluent
import SQLKit

/// Issue 14: State-level forms. A province's tờ trình proposing nominees upward (`state_proposals`), the State's
/// decision recorded when it returns (`state_decisions`), and the links: each nominee to its proposal and decision,
/// each award to the State decision behind it.
struct CreateStateDecisions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("state_proposals")
            .field("id", .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id", onDelete: .restrict))
            .field("dossier_id", .int, .required, .references("dossiers", "id", onDelete: .restrict))
            .field("number", .string, .required)
            .field("day", .string, .required)
            .field("addressee", .string, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        try await db.schema("state_decisions")
            .field("id", .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id", onDelete: .restrict))
            .field("dossier_id", .int, .required, .references("dossiers", "id", onDelete: .restrict))
            .field("outcome", .string, .required)
            .field("issuer", .string, .required)
            .field("number", .string, .required)
            .field("day", .string, .required)
            .field("form_code", .string, .required)
            .field("form_name", .string, .required)
            .field("file_reference", .string, .required)
            .field("reason", .string, .required)
            .field("recorded_by", .int)
            .field("created_at", .datetime)
            .create()
        // SQLite adds one column per ALTER TABLE.
        try await db.schema("dossier_nominees").field("state_level", .bool, .required, .sql(.default(false))).update()
        try await db.schema("dossier_nominees").field(
            "state_proposal_id", .int, .references("state_proposals", "id", onDelete: .restrict)
        ).update()
        try await db.schema("dossier_nominees").field(
            "state_decision_id", .int, .references("state_decisions", "id", onDelete: .restrict)
        ).update()
        try await db.schema("awards").field(
            "state_decision_id", .int, .references("state_decisions", "id", onDelete: .restrict)
        ).update()
        let sql = db as! any SQLDatabase
        // A dossier page lists its proposals and decisions; a decision lists its awards.
        try await sql.raw("CREATE INDEX state_proposals_dossier_idx ON state_proposals (dossier_id, id)").run()
        try await sql.raw("CREATE INDEX state_decisions_dossier_idx ON state_decisions (dossier_id, id)").run()
        try await sql.raw("CREATE INDEX awards_state_decision_idx ON awards (state_decision_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("awards").deleteField("state_decision_id").update()
        for column in ["state_decision_id", "state_proposal_id", "state_level"] {
            try await db.schema("dossier_nominees").deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await db.schema("state_decisions").delete()
        try await db.schema("state_proposals").delete()
    }
}
