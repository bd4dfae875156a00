import Fluent
import SQLKit

/// Search over the folded text of registrations (subject, title, unit) that does not scan the table (issue 11).
/// SQLite: an FTS5 table over `registrations.search_text` (external content), kept up to date by triggers, so every
/// writer — the service, the import's bulk INSERT, the data generator — keeps it right in the same transaction.
/// PostgreSQL: a pg_trgm GIN index over the same column, which serves the word-start regular expressions of
/// `RegistrationListing.conditions`. Both match each searched word at the start of a word of the folded text.
struct AddRegistrationSearch: AsyncMigration {
    var name: String { "AddRegistrationSearch" }

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw(
                "CREATE INDEX registrations_search_trgm_idx ON registrations USING gin (search_text gin_trgm_ops)"
            ).run()
            return
        }
        for statement in [
            AddSearchPrefixIndex.table(prefix: nil),
            """
            CREATE TRIGGER registrations_fts_insert AFTER INSERT ON registrations BEGIN
            INSERT INTO registrations_fts(rowid, search_text) VALUES (new.id, new.search_text); END
            """,
            """
            CREATE TRIGGER registrations_fts_delete AFTER DELETE ON registrations BEGIN
            INSERT INTO registrations_fts(registrations_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            END
            """,
            """
            CREATE TRIGGER registrations_fts_update AFTER UPDATE OF search_text ON registrations BEGIN
            INSERT INTO registrations_fts(registrations_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO registrations_fts(rowid, search_text) VALUES (new.id, new.search_text); END
            """,
            "INSERT INTO registrations_fts(registrations_fts) VALUES ('rebuild')",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("DROP INDEX IF EXISTS registrations_search_trgm_idx").run()
            return
        }
        for t in ["insert", "delete", "update"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "registrations_fts_" + t)").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS registrations_fts").run()
    }
}
