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
        try await FoldedTextSearch(table: "subjects", prefix: "2 3 4").create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await FoldedTextSearch(table: "subjects", prefix: "2 3 4").drop(on: database)
    }
}

/// A full-text index over a table's folded `search_text`: SQLite, an FTS5 table `<table>_fts` (external content,
/// unicode61 words, prefix indexes when asked) kept by insert, delete and update triggers, filled once; PostgreSQL,
/// a pg_trgm GIN index `<table>_search_trgm_idx`, which serves LIKE and regular expressions.
struct FoldedTextSearch {
    let table: String
    let prefix: String?

    var fts: String { table + "_fts" }

    /// The FTS5 table's definition (`AddSearchPrefixIndex` makes the registrations' again with prefix indexes).
    var createTable: String {
        """
        CREATE VIRTUAL TABLE \(fts) USING fts5(search_text, content='\(table)', content_rowid='id', \
        tokenize='unicode61'\(prefix.map { ", prefix='\($0)'" } ?? ""))
        """
    }

    func create(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw(
                "CREATE INDEX \(unsafeRaw: table)_search_trgm_idx ON \(unsafeRaw: table) USING gin (search_text gin_trgm_ops)"
            ).run()
            return
        }
        let delete = "INSERT INTO \(fts)(\(fts), rowid, search_text) VALUES ('delete', old.id, old.search_text);"
        let insert = "INSERT INTO \(fts)(rowid, search_text) VALUES (new.id, new.search_text);"
        for statement in [
            createTable,
            "CREATE TRIGGER \(fts)_insert AFTER INSERT ON \(table) BEGIN \(insert) END",
            "CREATE TRIGGER \(fts)_delete AFTER DELETE ON \(table) BEGIN \(delete) END",
            "CREATE TRIGGER \(fts)_update AFTER UPDATE OF search_text ON \(table) BEGIN \(delete) \(insert) END",
            "INSERT INTO \(fts)(\(fts)) VALUES ('rebuild')",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func drop(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: table)_search_trgm_idx").run()
            return
        }
        for t in ["insert", "delete", "update"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: fts + "_" + t)").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: fts)").run()
    }
}
