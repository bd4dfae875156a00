import Fluent
import SQLKit

/// Issue 13: the register of decisions and minutes per authority and year; awards point to their decision and
/// keep a status, so a withdrawn decision leaves its awards readable; a dossier points to its decision.
struct CreateDecisionRegister: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("decisions")
            .field("id", .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id", onDelete: .restrict))
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("seq", .int)
            .field("number", .string, .required)
            .field("day", .string, .required)
            .field("meeting_id", .int, .references("council_meetings", "id", onDelete: .restrict))
            .field("summary", .string, .required)
            .field("issuer", .string, .required)
            .field("signing_mode", .string, .required)
            .field("chief_title", .string, .required)
            .field("signer_title", .string, .required)
            .field("signer_name", .string, .required)
            .field("place", .string, .required)
            .field("executors", .string, .required)
            .field("recipients", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string, .required)
            .field("corrects_id", .int, .references("decisions", "id", onDelete: .restrict))
            .field("created_by", .int)
            .field("created_at", .datetime)
            // Numbers restart each year (a register runs from 1 January to 31 December), so "12/QĐ-UBND" of 2024
            // and of 2025 are two decisions.
            .unique(on: "authority_id", "kind", "year", "number")
            .create()
        // SQLite adds one column per ALTER TABLE.
        try await db.schema("awards").field("decision_id", .int, .references("decisions", "id")).update()
        try await db.schema("awards").field("status", .string, .required, .sql(.default("valid"))).update()
        try await db.schema("awards").field("status_note", .string, .required, .sql(.default(""))).update()
        try await db.schema("dossiers").field("decision_id", .int, .references("decisions", "id")).update()
        let sql = db as! any SQLDatabase
        // The register listing: one authority's year, newest first, paged by id; the next number: max seq.
        try await sql.raw("CREATE INDEX decisions_register_idx ON decisions (authority_id, year, id)").run()
        try await sql.raw("CREATE INDEX decisions_seq_idx ON decisions (authority_id, kind, year, seq)").run()
        try await sql.raw("CREATE INDEX decisions_meeting_idx ON decisions (meeting_id)").run()
        try await sql.raw("CREATE INDEX awards_decision_idx ON awards (decision_id)").run()
        try await sql.raw("CREATE INDEX dossiers_decision_idx ON dossiers (decision_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("dossiers").deleteField("decision_id").update()
        for column in ["status_note", "status", "decision_id"] {
            try await db.schema("awards").deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await db.schema("decisions").delete()
    }
}
