import Fluent
import Foundation
import SQLKit

/// A bulk load's secondary indexes, set aside while it writes and made again after (issue 11, item 1): one sort an
/// index over the loaded rows instead of a B-tree insert an index a row — and on PostgreSQL a trigram GIN index built
/// once instead of grown a row at a time. Unique indexes stay (they are constraints the writer relies on), and so do
/// the triggers that keep data right (the public exemplar flag); on SQLite the triggers that keep the FTS5 tables
/// (`FoldedTextSearch`, external content) are set aside too, and each table's index is rebuilt from its content.
///
/// The definitions are read from the database itself (`sqlite_master`, `pg_indexes`), so whatever the migrations
/// made comes back the same, name for name. Only for a writer that owns the tables for the time of the load
/// (`gen-data`, on a database without registrations): the app's readers would scan meanwhile.
struct DeferredIndexes: Sendable {
    struct Definition: Sendable, Equatable {
        let name: String
        let sql: String
    }

    let indexes: [Definition]
    /// SQLite: the FTS5 triggers set aside, and the FTS5 tables to rebuild after.
    let triggers: [Definition]
    let fullText: [String]

    /// The secondary (not unique) indexes of `tables`, as the database defines them, in the order they were made.
    /// The order matters: where two indexes serve a query equally well, SQLite's planner takes the one made last (a
    /// list of one unit's registrations of a year walked a year's 333,000 rows in sort order through
    /// `registrations_year_order_idx` when that index was made after `registrations_unit_order_idx`: 703 ms
    /// instead of 0.1). Made again in the same order, they are chosen as before.
    static func secondaryIndexes(of tables: [String], on db: any Database) async throws -> [Definition] {
        let sql = try db.sql()
        let rows: [any SQLRow]
        if db.isPostgres {
            rows = try await sql.raw(
                """
                SELECT c.relname AS name, pg_get_indexdef(c.oid) AS sql FROM pg_index x
                JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND t.relname IN (\(binds: tables)) ORDER BY c.oid
                """
            ).all()
        } else {
            // Indexes made by UNIQUE or PRIMARY KEY constraints have no SQL of their own.
            rows = try await sql.raw(
                """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name IN (\(binds: tables)) AND sql IS NOT NULL ORDER BY rowid
                """
            ).all()
        }
        return try rows.map {
            Definition(
                name: try $0.decode(column: "name", as: String.self), sql: try $0.decode(column: "sql", as: String.self)
            )
        }.filter { !$0.sql.uppercased().hasPrefix("CREATE UNIQUE") }
    }

    /// Drops the secondary indexes of `tables` (and on SQLite the FTS5 triggers of `fullText`'s tables) and returns
    /// what `restore` makes again.
    static func setAside(tables: [String], fullText: [String], on db: any Database) async throws -> DeferredIndexes {
        let indexes = try await secondaryIndexes(of: tables, on: db)
        var triggers: [Definition] = []
        var rebuilt: [String] = []
        if !db.isPostgres {
            let names = fullText.flatMap { t in ["insert", "delete", "update"].map { "\(t)_fts_\($0)" } }
            triggers = try await db.sql().raw(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (\(binds: names)) ORDER BY rowid"
            ).all().map {
                Definition(
                    name: try $0.decode(column: "name", as: String.self),
                    sql: try $0.decode(column: "sql", as: String.self))
            }
            rebuilt = fullText.filter { t in triggers.contains { $0.name.hasPrefix(t + "_fts_") } }
        }
        let set = DeferredIndexes(indexes: indexes, triggers: triggers, fullText: rebuilt)
        try await db.transaction { tx in
            let sql = try tx.sql()
            try await Self.readSchema(sql)
            for t in set.triggers { try await sql.raw("DROP TRIGGER \(ident: t.name)").run() }
            for i in set.indexes { try await sql.raw("DROP INDEX \(ident: i.name)").run() }
        }
        return set
    }

    /// SQLite: a connection checks that its copy of the schema is current when it runs a statement, not when it
    /// prepares one, and `CREATE INDEX` or `DROP INDEX` is refused while it is prepared (“already exists”) if this
    /// connection last saw the schema before another one changed it. A read first brings its copy up to date; in the
    /// transaction, which holds the write lock, nothing changes it after.
    private static func readSchema(_ sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("SELECT count(*) AS n FROM sqlite_master").run()
    }

    /// Makes the indexes and triggers again, rebuilds the FTS5 tables from their content, and on PostgreSQL
    /// refreshes the planner's statistics of `tables`; one transaction.
    func restore(tables: [String], on db: any Database) async throws {
        try await db.transaction { tx in
            let sql = try tx.sql()
            try await Self.readSchema(sql)
            if tx.isPostgres {
                // The sorts of a million rows in memory rather than in temporary files (this transaction only).
                try await sql.raw("SET LOCAL maintenance_work_mem = '256MB'").run()
            }
            for i in indexes { try await sql.raw("\(unsafeRaw: i.sql)").run() }
            for t in triggers { try await sql.raw("\(unsafeRaw: t.sql)").run() }
            for t in fullText {
                try await sql.raw("INSERT INTO \(ident: t + "_fts")(\(ident: t + "_fts")) VALUES ('rebuild')").run()
            }
            // PostgreSQL's planner needs statistics (autovacuum would gather them later); SQLite's plans are chosen
            // without `sqlite_stat1`, as on every database the app makes, so none is written there.
            if tx.isPostgres {
                for t in tables { try await sql.raw("ANALYZE \(ident: t)").run() }
            }
        }
    }
}
