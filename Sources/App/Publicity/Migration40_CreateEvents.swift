import Fluent
import SQLKit

/// Issue 10 §4: events — study visits, experience talks, interim and final review conferences — with their hosts
/// and honoured exemplars, participating units and people, and materials (files stored like evidence).
struct CreateEvents: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("events")
            .field("id", .int, .identifier(auto: true))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("held_on", .string, .required)
            .field("year", .int, .required)
            .field("time_text", .string, .required)
            .field("place", .string, .required)
            .field("status", .string, .required)
            .field("outcomes", .string, .required)
            .field("invitation_number", .string, .required)
            .field("report_number", .string, .required)
            .field("signer_capacity", .string, .required)
            .field("signer_name", .string, .required)
            .field("recipients", .string, .required)
            .field("created_by", .int, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("event_subjects")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("honour", .string, .required)
            .unique(on: "event_id", "subject_id", "role")
            .create()
        try await db.schema("event_units")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .cascade))
            .unique(on: "event_id", "unit_id")
            .create()
        try await db.schema("event_people")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("title", .string, .required)
            .field("unit_name", .string, .required)
            .create()
        try await db.schema("event_files")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("original_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage", .string, .required)
            .field("storage_key", .string, .required)
            .field("data", .data)
            .field("uploaded_by", .int, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        let sql = db as! any SQLDatabase
        // The list: newest first, paged by (held_on, id); by organising unit; by kind; counts per year.
        try await sql.raw("CREATE INDEX events_date_idx ON events (held_on, id)").run()
        try await sql.raw("CREATE INDEX events_unit_idx ON events (unit_id, held_on, id)").run()
        try await sql.raw("CREATE INDEX events_kind_idx ON events (kind, held_on, id)").run()
        try await sql.raw("CREATE INDEX events_year_idx ON events (year, kind, status)").run()
        // "Which events did this exemplar host or get honoured at?" (the exemplar's page).
        try await sql.raw("CREATE INDEX event_subjects_subject_idx ON event_subjects (subject_id, event_id)").run()
        try await sql.raw("CREATE INDEX event_units_unit_idx ON event_units (unit_id, event_id)").run()
        try await sql.raw("CREATE INDEX event_people_event_idx ON event_people (event_id, position)").run()
        try await sql.raw("CREATE INDEX event_files_event_idx ON event_files (event_id, id)").run()
    }

    func revert(on db: any Database) async throws {
        for t in ["event_files", "event_people", "event_units", "event_subjects", "events"] {
            try await db.schema(t).delete()
        }
    }
}
