import Fluent
import SQLKit

/// `subjects.public_exemplar`: the public predicate (`PublicQueries.isPublic`) kept on the subject's row, and the
/// public directory's order over the public exemplars only, `subjects_public_order_idx (sort_key, id, unit_id)
/// WHERE public_exemplar` (issue 11). The directory walked every subject in name order and tested each: nationally
/// (1,000,000 subjects, 37,679 public) 14,347 subjects for its first page (120 ms), and a commune's page, which has
/// few exemplars, the whole table (12.8 s). The flag is kept by triggers on registrations (status, subject),
/// consents (withdrawal, subject) and subjects (kind), so every writer — services, the import's bulk INSERT, the
/// data generator, a restore — keeps it in the same transaction: a withdrawn consent hides the exemplar at once.
/// The trigger only writes a row whose flag changes.
struct AddPublicExemplarFlag: AsyncMigration {
    var name: String { "AddPublicExemplarFlag" }

    /// The recognised statuses as this migration wrote them into the triggers; `PublicExemplarFlagTests` checks
    /// them against `PublicQueries.recognised` (a change needs a migration that writes the triggers again).
    static let recognised = ["achieved", "nominated", "awarded", "replicated"]

    /// The predicate over the subject `subjects` whose id is `id`: the same test as `PublicQueries.isPublic()`.
    static func predicate(id: String) -> String {
        let statuses = recognised.map { "'\($0)'" }.joined(separator: ", ")
        return """
            (EXISTS (SELECT 1 FROM registrations pr WHERE pr.subject_id = \(id) AND pr.status IN (\(statuses))) \
            AND (subjects.kind = 'collective' OR EXISTS (SELECT 1 FROM consents pc WHERE pc.subject_id = \(id) \
            AND pc.withdrawn_at IS NULL)))
            """
    }

    /// Sets the flag of the subject `subjectID` (an SQL expression) when it differs from the predicate.
    static func refresh(_ subjectID: String) -> String {
        """
        UPDATE subjects SET public_exemplar = NOT public_exemplar \
        WHERE id = \(subjectID) AND public_exemplar <> \(predicate(id: "subjects.id"))
        """
    }

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.alter(table: "subjects").column(
            "public_exemplar", type: .custom(SQLRaw("BOOLEAN")), .notNull, .default(false)
        ).run()
        try await sql.raw(
            """
            UPDATE subjects SET public_exemplar = NOT public_exemplar \
            WHERE public_exemplar <> \(unsafeRaw: Self.predicate(id: "subjects.id"))
            """
        ).run()
        if database.isPostgres {
            for statement in [
                """
                CREATE FUNCTION subjects_public_refresh(sid bigint) RETURNS void LANGUAGE sql AS $$ \
                \(Self.refresh("sid")) $$
                """,
                """
                CREATE FUNCTION subjects_public_from_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                IF TG_OP <> 'DELETE' THEN PERFORM subjects_public_refresh(NEW.subject_id); END IF; \
                IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.subject_id IS DISTINCT FROM NEW.subject_id) THEN \
                PERFORM subjects_public_refresh(OLD.subject_id); END IF; RETURN NULL; END $$
                """,
                """
                CREATE FUNCTION subjects_public_from_kind() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                PERFORM subjects_public_refresh(NEW.id); RETURN NULL; END $$
                """,
                """
                CREATE TRIGGER registrations_public_exemplar AFTER INSERT OR DELETE OR UPDATE OF status, subject_id \
                ON registrations FOR EACH ROW EXECUTE FUNCTION subjects_public_from_row()
                """,
                """
                CREATE TRIGGER consents_public_exemplar AFTER INSERT OR DELETE OR UPDATE OF withdrawn_at, subject_id \
                ON consents FOR EACH ROW EXECUTE FUNCTION subjects_public_from_row()
                """,
                """
                CREATE TRIGGER subjects_public_exemplar AFTER UPDATE OF kind ON subjects FOR EACH ROW \
                EXECUTE FUNCTION subjects_public_from_kind()
                """,
            ] {
                try await sql.raw("\(unsafeRaw: statement)").run()
            }
        } else {
            for table in ["registrations", "consents"] {
                let columns = table == "registrations" ? "status, subject_id" : "withdrawn_at, subject_id"
                for statement in [
                    "CREATE TRIGGER \(table)_public_insert AFTER INSERT ON \(table) BEGIN "
                        + "\(Self.refresh("new.subject_id")); END",
                    "CREATE TRIGGER \(table)_public_update AFTER UPDATE OF \(columns) ON \(table) BEGIN "
                        + "\(Self.refresh("new.subject_id")); \(Self.refresh("old.subject_id")); END",
                    "CREATE TRIGGER \(table)_public_delete AFTER DELETE ON \(table) BEGIN "
                        + "\(Self.refresh("old.subject_id")); END",
                ] {
                    try await sql.raw("\(unsafeRaw: statement)").run()
                }
            }
            try await sql.raw(
                """
                CREATE TRIGGER subjects_public_kind AFTER UPDATE OF kind ON subjects BEGIN \
                \(unsafeRaw: Self.refresh("new.id")); END
                """
            ).run()
        }
        try await sql.raw(
            "CREATE INDEX subjects_public_order_idx ON subjects (sort_key, id, unit_id) WHERE public_exemplar"
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP INDEX IF EXISTS subjects_public_order_idx").run()
        if database.isPostgres {
            for statement in [
                "DROP TRIGGER IF EXISTS registrations_public_exemplar ON registrations",
                "DROP TRIGGER IF EXISTS consents_public_exemplar ON consents",
                "DROP TRIGGER IF EXISTS subjects_public_exemplar ON subjects",
                "DROP FUNCTION IF EXISTS subjects_public_from_row()",
                "DROP FUNCTION IF EXISTS subjects_public_from_kind()",
                "DROP FUNCTION IF EXISTS subjects_public_refresh(bigint)",
            ] {
                try await sql.raw("\(unsafeRaw: statement)").run()
            }
        } else {
            for table in ["registrations", "consents"] {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_public_\(unsafeRaw: event)").run()
                }
            }
            try await sql.raw("DROP TRIGGER IF EXISTS subjects_public_kind").run()
        }
        try await sql.alter(table: "subjects").dropColumn("public_exemplar").run()
    }
}
