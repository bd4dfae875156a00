import Fluent
import SQLKit

/// Issue 4: annual-record facts for eligibility, initiatives, awards, dossiers, council meetings and ballots.
struct CreateCommendation: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        // (name, type, boolean flag with default false)
        let added: [(String, DatabaseSchema.DataType, Bool)] = [
            ("discipline", .string, false), ("discipline_pending", .bool, true), ("maternity_leave", .bool, true),
            ("treatment_leave", .bool, true), ("family_exclusions", .string, false),
            ("member_count", .int, false), ("members_completing", .int, false), ("members_ldtt", .int, false),
            ("members_cstd", .int, false), ("members_disciplined", .int, false),
        ]
        for (name, type, flag) in added {
            let key = FieldKey(stringLiteral: name)
            if flag {
                try await db.schema("annual_records").field(key, type, .required, .sql(.default(false))).update()
            } else {
                try await db.schema("annual_records").field(key, type).update()
            }
        }
        try await db.schema("initiatives")
            .field("id", .int, .identifier(auto: true))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("scope", .string, .required)
            .field("recognition", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("dossiers")
            .field("id", .int, .identifier(auto: true))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("number", .string, .required)
            .field("status", .string, .required)
            .field("rule_set_id", .string, .required)
            .field("submitted_day", .string)
            .field("appraisal_due", .string)
            .field("meeting_id", .int)
            .field("decision_number", .string, .required)
            .field("decision_date", .string, .required)
            .field("decision_authority", .string, .required)
            .field("decision_signer", .string, .required)
            .field("search_text", .string, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("awards")
            .field("id", .int, .identifier(auto: true))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .restrict))
            .field("form_code", .string, .required)
            .field("form_name", .string, .required)
            .field("level", .string, .required)
            .field("year", .int, .required)
            .field("period", .string, .required)
            .field("decision_number", .string, .required)
            .field("decision_date", .string, .required)
            .field("authority", .string, .required)
            .field("dossier_id", .int, .references("dossiers", "id", onDelete: .setNull))
            .field("source", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "subject_id", "form_code", "year")
            .create()
        try await db.schema("dossier_nominees")
            .field("id", .int, .identifier(auto: true))
            .field("dossier_id", .int, .required, .references("dossiers", "id", onDelete: .cascade))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .restrict))
            .field("registration_id", .int, .references("registrations", "id", onDelete: .setNull))
            .field("form_code", .string, .required)
            .field("form_name", .string, .required)
            .field("achievement", .string, .required)
            .field("eligibility", .string, .required)
            .field("warning", .string, .required)
            .field("appraisal", .string, .required)
            .field("appraisal_note", .string, .required)
            .field("vote_yes", .int).field("vote_no", .int).field("vote_recused", .int).field("vote_written", .int)
            .field("vote_total", .int).field("vote_threshold", .int).field("vote_passed", .bool)
            .field("award_id", .int, .references("awards", "id", onDelete: .setNull))
            .unique(on: "dossier_id", "subject_id", "form_code")
            .create()
        try await db.schema("dossier_documents")
            .field("id", .int, .identifier(auto: true))
            .field("dossier_id", .int, .required, .references("dossiers", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("original_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage", .string, .required)
            .field("storage_key", .string, .required)
            .field("data", .data)
            .field("generated", .bool, .required)
            .field("uploaded_by", .int)
            .field("created_at", .datetime)
            .create()
        try await db.schema("dossier_events")
            .field("id", .int, .identifier(auto: true))
            .field("dossier_id", .int, .required, .references("dossiers", "id", onDelete: .cascade))
            .field("nominee_id", .int)
            .field("at", .datetime, .required)
            .field("user_id", .int)
            .field("username", .string, .required)
            .field("action", .string, .required)
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("note", .string, .required)
            .create()
        try await db.schema("council_members")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("position", .string, .required)
            .field("unit_id", .int, .references("units", "id", onDelete: .setNull))
            .field("user_id", .int, .references("users", "id", onDelete: .setNull))
            .field("active", .bool, .required)
            .field("sort", .int, .required)
            .create()
        try await db.schema("council_meetings")
            .field("id", .int, .identifier(auto: true))
            .field("title", .string, .required)
            .field("meeting_date", .string, .required)
            .field("location", .string, .required)
            .field("chair", .string, .required)
            .field("secretary", .string, .required)
            .field("status", .string, .required)
            .field("rule_set_id", .string, .required)
            .field("notes", .string, .required)
            .field("total_members", .int)
            .field("present_count", .int)
            .field("created_at", .datetime)
            .create()
        try await db.schema("council_attendance")
            .field("id", .int, .identifier(auto: true))
            .field("meeting_id", .int, .required, .references("council_meetings", "id", onDelete: .cascade))
            .field("member_id", .int, .required, .references("council_members", "id", onDelete: .restrict))
            .field("present", .bool, .required)
            .field("written", .bool, .required)
            .unique(on: "meeting_id", "member_id")
            .create()
        try await db.schema("council_votes_cast")
            .field("id", .int, .identifier(auto: true))
            .field("meeting_id", .int, .required, .references("council_meetings", "id", onDelete: .cascade))
            .field("member_id", .int, .required, .references("council_members", "id", onDelete: .restrict))
            .field("nominee_id", .int, .required, .references("dossier_nominees", "id", onDelete: .cascade))
            .field("written", .bool, .required)
            .field("recused", .bool, .required)
            .unique(on: "meeting_id", "member_id", "nominee_id")
            .create()
        try await db.schema("council_tallies")
            .field("id", .int, .identifier(auto: true))
            .field("meeting_id", .int, .required, .references("council_meetings", "id", onDelete: .cascade))
            .field("nominee_id", .int, .required, .references("dossier_nominees", "id", onDelete: .cascade))
            .field("yes", .int, .required)
            .field("no", .int, .required)
            .unique(on: "meeting_id", "nominee_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in [
            "council_tallies", "council_votes_cast", "council_attendance", "council_meetings", "council_members",
            "dossier_events",
            "dossier_documents", "dossier_nominees", "awards", "dossiers", "initiatives",
        ] {
            try await db.schema(t).delete()
        }
        for c in [
            "discipline", "discipline_pending", "maternity_leave", "treatment_leave", "family_exclusions",
            "member_count",
            "members_completing", "members_ldtt", "members_cstd", "members_disciplined",
        ] {
            try await db.schema("annual_records").deleteField(FieldKey(stringLiteral: c)).update()
        }
    }
}
