import Fluent
import SQLKit
import Testing

@testable import App

/// Every foreign key has an index that starts with it, or is named here with the reason it needs none (issue 11: the
/// transitions of a registration were read by scanning all of them). On SQLite and PostgreSQL.
@Suite struct ForeignKeyIndexTests {
    /// References read with their row, never by: who recorded, approved, wrote or decided something.
    static let whoDidIt: Set<String> = [
        "consents.withdrawn_by", "consents.recorded_by", "stories.approved_by", "stories.author_id",
        "replications.created_by", "replication_assessments.created_by", "events.created_by",
        "event_files.uploaded_by", "media_entries.recorded_by", "proposals.decided_by", "import_jobs.user_id",
        "notice_outbox.user_id", "council_members.user_id", "dossier_nominees.decider_id",
    ]
    /// References into small tables, or read through another index: at most hundreds of rows behind each.
    static let small: Set<String> = [
        "users.unit_id", "catalogue_criteria.subject_type_id", "council_members.unit_id",
        "authorities.standing_unit_id", "decisions.corrects_id", "notice_reads.user_id",
        "state_proposals.authority_id", "state_decisions.authority_id", "group_years.head_unit_id",
        "group_submissions.plan_file_id", "group_pledges.unit_id", "judgement_answers.evidence_file_id",
        "judgement_answers.meeting_id", "dossier_nominees.state_decision_id", "dossier_nominees.state_proposal_id",
    ]

    @Test func everyForeignKeyHasAnIndexOrAReason() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try app.db.sql()
            var missing: Set<String> = []
            if app.db.isPostgres {
                let rows = try await sql.raw(
                    """
                    SELECT c.conrelid::regclass::text AS t, a.attname AS col FROM pg_constraint c
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                    WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 AND NOT EXISTS (
                      SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
                    """
                ).all()
                for r in rows {
                    missing.insert(
                        try r.decode(column: "t", as: String.self) + "."
                            + (try r.decode(column: "col", as: String.self)))
                }
            } else {
                let tables = try await sql.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%VIRTUAL%'"
                ).all().map { try $0.decode(column: "name", as: String.self) }
                for t in tables {
                    var leading: Set<String> = []
                    for i in try await sql.raw("PRAGMA index_list(\(ident: t))").all() {
                        let name = try i.decode(column: "name", as: String.self)
                        if let first = try await sql.raw("PRAGMA index_info(\(ident: name))").all().first {
                            leading.insert(try first.decode(column: "name", as: String.self))
                        }
                    }
                    for c in try await sql.raw("PRAGMA table_info(\(ident: t))").all()
                    where try c.decode(column: "pk", as: Int.self) == 1 {
                        leading.insert(try c.decode(column: "name", as: String.self))
                    }
                    for fk in try await sql.raw("PRAGMA foreign_key_list(\(ident: t))").all() {
                        let column = try fk.decode(column: "from", as: String.self)
                        if !leading.contains(column) { missing.insert("\(t).\(column)") }
                    }
                }
            }
            #expect(missing.subtracting(Self.whoDidIt).subtracting(Self.small).sorted() == [])
            // Each name in the lists is a real reference still without an index (no stale entries).
            #expect(Self.whoDidIt.union(Self.small).subtracting(missing).sorted() == [])
        }
    }
}
