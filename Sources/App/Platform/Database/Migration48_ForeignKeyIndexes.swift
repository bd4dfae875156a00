import Fluent
import SQLKit

/// An index on each foreign key a page reads its rows by (issue 11). The tables were made with their references
/// but not their indexes, so "the transitions of this registration" scanned every transition: 160 ms of a
/// registration's page at national scale (1,000,000 transitions). The same held for a registration's actions,
/// evaluations and evidence, a dossier's awards (3,000,000 rows), nominees, documents and events, a council's votes,
/// a subject's initiatives and replications, a group's files, and for deleting a unit (each reference to it is
/// checked). `ForeignKeyIndexTests` lists the references left without one, each with its reason.
struct AddForeignKeyIndexes: AsyncMigration {
    var name: String { "AddForeignKeyIndexes" }

    static let indexes: [(table: String, column: String)] = [
        ("registration_transitions", "registration_id"), ("nurturing_actions", "registration_id"),
        ("nurturing_actions", "responsible_unit_id"), ("evaluations", "registration_id"),
        ("evaluation_results", "evaluation_id"), ("evidence_files", "registration_id"),
        ("evidence_files", "evaluation_id"), ("subjects", "heads_unit_id"), ("initiatives", "subject_id"),
        ("dossiers", "unit_id"), ("awards", "dossier_id"), ("dossier_nominees", "registration_id"),
        ("dossier_nominees", "subject_id"), ("dossier_nominees", "award_id"), ("dossier_documents", "dossier_id"),
        ("dossier_events", "dossier_id"), ("council_attendance", "member_id"), ("council_votes_cast", "nominee_id"),
        ("council_votes_cast", "member_id"), ("council_tallies", "nominee_id"), ("group_files", "group_id"),
        ("group_files", "unit_id"), ("group_submissions", "unit_id"), ("group_pledges", "file_id"),
        ("group_scores", "unit_id"), ("replications", "subject_id"), ("media_entries", "unit_id"),
        ("proposals", "unit_id"), ("unit_group_members", "unit_id"), ("movement_agencies", "unit_id"),
    ]

    static func name(_ i: (table: String, column: String)) -> String { "\(i.table)_\(i.column)_fk_idx" }

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        for i in Self.indexes {
            try await sql.create(index: Self.name(i)).on(i.table).column(i.column).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for i in Self.indexes { try await sql.drop(index: Self.name(i)).run() }
    }
}
