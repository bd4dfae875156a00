import Fluent
import SQLKit

/// Search over the folded names of subjects that does not walk the table (issue 11): the award lookup's `q`. It was
/// a `LIKE '%…%'` on `subjects.search_text`, checked subject by subject in name order until a page was found: a
/// name nobody has walked all 1,000,000 subjects of the national data (1.3 s, and 0.3 s more to count). As for the
/// registrations (migrations 36 and 47): SQLite, an FTS5 table over `subjects.search_text` (external content, prefix
/// indexes for two to four letters) kept by triggers, so every writer — the services, the import's bulk INSERT,
/// the data generator — keeps it in the same transaction; PostgreSQL, a pg_trgm GIN index that serves the
/// word-start regular expressions. Each searched word matches the start of a word of the name.
struct AddSubjectSearch: AsyncMigration {
    var name: String { "AddSubjectSearch" }

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw(
                "CREATE INDEX subjects_search_trgm_idx ON subjects USING gin (search_text gin_trgm_ops)"
            ).run()
            return
        }
        for statement in [
            """
            CREATE VIRTUAL TABLE subjects_fts USING fts5(search_text, content='subjects', content_rowid='id', \
            tokenize='unicode61', prefix='2 3 4')
            """,
            """
            CREATE TRIGGER subjects_fts_insert AFTER INSERT ON subjects BEGIN
            INSERT INTO subjects_fts(rowid, search_text) VALUES (new.id, new.search_text); END
            """,
            """
            CREATE TRIGGER subjects_fts_delete AFTER DELETE ON subjects BEGIN
            INSERT INTO subjects_fts(subjects_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            END
            """,
            """
            CREATE TRIGGER subjects_fts_update AFTER UPDATE OF search_text ON subjects BEGIN
            INSERT INTO subjects_fts(subjects_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            INSERT INTO subjects_fts(rowid, search_text) VALUES (new.id, new.search_text); END
            """,
            "INSERT INTO subjects_fts(subjects_fts) VALUES ('rebuild')",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("DROP INDEX IF EXISTS subjects_search_trgm_idx").run()
            return
        }
        for t in ["insert", "delete", "update"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "subjects_fts_" + t)").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS subjects_fts").run()
    }
}
