import Fluent
import SQLKit

/// Issue 10 §6: citizens' proposals of new exemplars in the moderation queue of the unit concerned, and the
/// per-address count of proposals taken (a hash of the address, never the address) for rate limiting across
/// app instances.
struct CreateProposals: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("proposals")
            .field("id", .int, .identifier(auto: true))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("unit_path", .string, .required)
            .field("subject_name", .string, .required)
            .field("subject_kind", .string, .required)
            .field("achievements", .string, .required)
            // The proposer's contact: shown only in the internal queue, to roles that read personal data.
            .field("proposer_name", .string, .required)
            .field("proposer_phone", .string, .required)
            .field("proposer_email", .string, .required)
            .field("consent_contact", .bool, .required)
            .field("status", .string, .required)
            .field("decision_reason", .string, .required)
            .field("decided_by", .int, .references("users", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .field("submitted_at", .datetime, .required)
            .create()
        try await db.schema("proposal_hits")
            .field("id", .int, .identifier(auto: true))
            .field("address_hash", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = db as! any SQLDatabase
        // A unit's queue (by status), newest first, paged by key; the whole queue for the standing office.
        try await sql.raw("CREATE INDEX proposals_unit_idx ON proposals (unit_path, status, id)").run()
        try await sql.raw("CREATE INDEX proposals_status_idx ON proposals (status, id)").run()
        try await sql.raw("CREATE INDEX proposal_hits_address_idx ON proposal_hits (address_hash, at)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("proposal_hits").delete()
        try await db.schema("proposals").delete()
    }
}
