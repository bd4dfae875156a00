import Fluent
import SQLKit

/// Issue 10 §3: the media log (coverage of an exemplar on radio, television, in print, online, on social networks
/// and over the commune loudspeakers), and the number of coverages an evaluation counted toward influence.
struct CreateMediaLog: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("media_entries")
            .field("id", .int, .identifier(auto: true))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .cascade))
            // The subject's unit path when recorded: the scope of who reads and writes the entry.
            .field("scope_path", .string, .required)
            // The unit that recorded the coverage.
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("outlet_kind", .string, .required)
            .field("outlet_name", .string, .required)
            .field("published_on", .string, .required)
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("link", .string, .required)
            .field("note", .string, .required)
            .field("recorded_by", .int, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        let sql = db as! any SQLDatabase
        // The log, newest first, paged by key; a subject's coverage and its count for an evaluation period.
        try await sql.raw("CREATE INDEX media_entries_date_idx ON media_entries (published_on, id)").run()
        try await sql.raw("CREATE INDEX media_entries_subject_idx ON media_entries (subject_id, published_on, id)")
            .run()
        try await sql.raw("CREATE INDEX media_entries_year_idx ON media_entries (year, scope_path, id)").run()
        try await db.schema("evaluations").field("media_count", .int).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("evaluations").deleteField("media_count").update()
        try await db.schema("media_entries").delete()
    }
}
