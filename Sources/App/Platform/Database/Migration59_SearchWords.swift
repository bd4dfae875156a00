import Fluent
import SQLKit

/// PostgreSQL: every folded-text search (`FoldedTextSearch`) matches words by `search_words LIKE '% word%'` over a
/// stored generated column, where it tested `search_text ~ '(^|[^[:alnum:]])word'` — the same rows, and the
/// national search page's statement planned in 0.15 ms and ran in 0.22 where it took 0.37 and 0.54 (`pgbench`, one
/// client; on a battery of nine other searches `LIKE` was faster on eight, 1.1–2.7×, slower on “tran thi hoa”, whose
/// padded trigrams “  t”, “  h” are common: 27.6 ms against 14.1; docs/PERFORMANCE.md, session 36). Each table
/// searched gets the column, and its trigram index (same name) is made again over it. PostgreSQL writes the column
/// for every row: nationally 35 s for the registrations and 13 s for their index (54 s for the whole migration).
/// On a database made after this migration the searches' own migrations make the new form, and this one finds
/// nothing to do. SQLite: nothing (FTS5 tables).
struct SearchWords: AfterCommitMigration {
    var name: String { "SearchWords" }

    /// Every search made by an earlier migration, in the order they were made.
    static let searches = [
        AddRegistrationSearch.migration.search, AddSubjectSearch.migration.search, AddUnitSearch.migration.search,
        AddPublicSearch.search, AddDossierSearch.search, AddMovementSearch.search, AddUserSearch.search,
    ]

    /// The tables searched, each once.
    static let tables = searches.reduce(into: [String]()) { if !$0.contains($1.table) { $0.append($1.table) } }

    func prepare(on database: any Database) async throws {
        guard database.isPostgres else { return }
        let sql = try database.sql()
        var converted: Set<String> = []
        for search in Self.searches where try await Self.definition(of: search, sql)?.contains("search_text") == true {
            try await sql.raw("DROP INDEX \(ident: search.trigramIndex)").run()
            try await search.create(on: database)
            converted.insert(search.table)
        }
        // The planner's statistics of the new column: without them it guesses a pattern's share of the rows, and
        // autovacuum does not count the table's rewrite as changes to gather them for.
        for table in Self.tables where converted.contains(table) { try await sql.raw("ANALYZE \(ident: table)").run() }
    }

    /// The rewritten tables' visibility maps, which a rewrite leaves empty: until a `VACUUM`, every index-only scan
    /// of them reads the table too. Nationally, before it, the dashboard ran 1,478 req/s where it ran 2,211, the
    /// standing office's home 1,061 where it ran 1,411 (`run.py`, session 36). Their statistics were gathered in
    /// `prepare`; on a database made after this migration the tables are empty and each `VACUUM` is a no-op.
    func afterCommit(on database: any Database) async throws {
        guard database.isPostgres else { return }
        let sql = try database.sql()
        for table in Self.tables { try await sql.raw("VACUUM \(ident: table)").run() }
    }

    func revert(on database: any Database) async throws {
        guard database.isPostgres else { return }
        let sql = try database.sql()
        for search in Self.searches.reversed() {
            try await search.drop(on: database)
            try await sql.raw(
                """
                CREATE INDEX \(ident: search.trigramIndex) ON \(ident: search.table) USING gin (search_text gin_trgm_ops)\
                \(unsafeRaw: search.only.map { " WHERE " + $0 } ?? "")
                """
            ).run()
        }
    }

    /// The definition of `search`'s trigram index; nil when there is none.
    static func definition(of search: FoldedTextSearch, _ sql: any SQLDatabase) async throws -> String? {
        try await sql.raw(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = \(bind: search.trigramIndex)"
        ).first()?.decode(column: "indexdef", as: String.self)
    }
}
