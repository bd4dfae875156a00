import Domain
import Fluent
import SQLKit

/// A full-text index over a table's folded `search_text`: SQLite, an FTS5 table `<table>_fts` (external content,
/// unicode61 words, prefix indexes when asked) kept by insert, delete and update triggers, filled once; PostgreSQL,
/// a pg_trgm GIN index `<table>_search_trgm_idx` over the table's `search_words` (`wordsColumn`), which serves a
/// word-start search as `LIKE '% word%'`. With `only`, the index holds the rows where that boolean column is true,
/// and follows the column's changes.
struct FoldedTextSearch {
    let table: String
    /// FTS5 prefix indexes ("2 3 4"): a common prefix is then one posting list, read in order and stopped after a
    /// page, where FTS5 would otherwise merge the postings of every word that starts so.
    var prefix: String? = nil
    /// A boolean column of `table`: only its rows where it is true are indexed (`subjects.public_exemplar`: the
    /// public search looks among 37,679 public exemplars, not 1,000,000 subjects). A query through such an index
    /// must carry the same condition (PostgreSQL's planner uses a partial index only then).
    var only: String? = nil

    private var name: String { table + (only.map { "_" + $0 } ?? "") }
    var fts: String { name + "_fts" }
    var trigramIndex: String { name + "_search_trgm_idx" }

    /// The FTS5 table's definition (`AddSearchPrefixIndex` makes the registrations' again with prefix indexes).
    var createTable: String {
        """
        CREATE VIRTUAL TABLE \(fts) USING fts5(search_text, content='\(table)', content_rowid='id', \
        tokenize='unicode61'\(prefix.map { ", prefix='\($0)'" } ?? ""))
        """
    }

    /// PostgreSQL: the column the trigram index holds, made by PostgreSQL from `search_text` on every write (a stored
    /// generated column): a space, then the text with each run of characters that are not letters or digits made one
    /// space. A word starts wherever a space stands before it, so `LIKE '% word%'` is the word-start search the
    /// regular expression `(^|[^[:alnum:]])word` on `search_text` was, row for row (`SearchWordsTests`), and
    /// cheaper: nationally, the search page's statement took 0.37 ms to plan and 0.54 to run with the expression
    /// (the planner compiles it into a trigram graph to cost the index, and each row is tested by the regular
    /// expression engine), 0.15 and 0.22 with `LIKE` (migration 59, `SearchWords`).
    static let wordsColumn = "search_words"
    static let wordsDefinition =
        "text GENERATED ALWAYS AS (' ' || regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g')) STORED"

    func create(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw(
                """
                ALTER TABLE \(ident: table) ADD COLUMN IF NOT EXISTS \(ident: Self.wordsColumn) \
                \(unsafeRaw: Self.wordsDefinition)
                """
            ).run()
            try await sql.raw(
                """
                CREATE INDEX \(ident: trigramIndex) ON \(ident: table) USING gin (\(ident: Self.wordsColumn) gin_trgm_ops)\
                \(unsafeRaw: only.map { " WHERE " + $0 } ?? "")
                """
            ).run()
            return
        }
        for statement in [createTable] + triggers {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    /// SQLite: the triggers that keep the FTS5 table, then its filling. External content: a row is deleted from the
    /// index with the text it was indexed with (`old`). With `only`, a row enters and leaves with its column.
    var triggers: [String] {
        let delete = "INSERT INTO \(fts)(\(fts), rowid, search_text) SELECT 'delete', old.id, old.search_text"
        let insert = "INSERT INTO \(fts)(rowid, search_text) SELECT new.id, new.search_text"
        guard let only else {
            return [
                "CREATE TRIGGER \(fts)_insert AFTER INSERT ON \(table) BEGIN \(insert); END",
                "CREATE TRIGGER \(fts)_delete AFTER DELETE ON \(table) BEGIN \(delete); END",
                "CREATE TRIGGER \(fts)_update AFTER UPDATE OF search_text ON \(table) BEGIN \(delete); \(insert); END",
                "INSERT INTO \(fts)(\(fts)) VALUES ('rebuild')",
            ]
        }
        return [
            "CREATE TRIGGER \(fts)_insert AFTER INSERT ON \(table) WHEN new.\(only) BEGIN \(insert); END",
            "CREATE TRIGGER \(fts)_delete AFTER DELETE ON \(table) WHEN old.\(only) BEGIN \(delete); END",
            """
            CREATE TRIGGER \(fts)_update AFTER UPDATE OF search_text, \(only) ON \(table) \
            WHEN old.\(only) OR new.\(only) BEGIN \(delete) WHERE old.\(only); \(insert) WHERE new.\(only); END
            """,
            // Not 'rebuild': it would index every row of the content table.
            "INSERT INTO \(fts)(rowid, search_text) SELECT id, search_text FROM \(table) WHERE \(only)",
        ]
    }

    func drop(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: trigramIndex)").run()
            // The column goes with the table's last search (a table's searches are dropped in reverse order: the
            // public exemplars' before all subjects').
            if only == nil {
                try await sql.raw("ALTER TABLE \(ident: table) DROP COLUMN IF EXISTS \(ident: Self.wordsColumn)").run()
            }
            return
        }
        for t in ["insert", "delete", "update"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: fts + "_" + t)").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: fts)").run()
    }

    /// Each searched word matches the start of a word of `search_text`: SQLite, the rows' ids from the FTS5 table (a
    /// prefix query per word, `ftsMatch`), usable in any query over the table; PostgreSQL, `search_words LIKE
    /// '% word%'` per word (`wordsColumn`), served by the trigram index. The words are folded letters and digits
    /// (`words`), so neither quoting nor the pattern needs escaping. Empty when there is nothing to search.
    ///
    /// A search over a partial index (`only`) on PostgreSQL also has each word as a substring (`LIKE '%word%'`),
    /// which the word-start pattern implies: PostgreSQL estimates a word's share of the indexed rows from the
    /// whole table's statistics, and for “nguyen” (a third of the people nationally, no public exemplar) walked the
    /// 37,775 public exemplars in name order testing each: 23.5 ms (54 with the regular expressions before
    /// migration 59). With the pair it reads the partial index, whose rows are few: 0.28 ms. Not for a whole
    /// table's search: on the registrations the pair made a common search read the index for all its matches (“sam
    /// day”, 100,148 of them: 580–639 ms).
    ///
    /// `walk` (SQLite): for words that match many rows (`isCommon`), or rows that are few already (a small scope's,
    /// `UnitQueries.isSmall`), a test of each row's own text — the word at its start or after a character that is
    /// not an ASCII letter or digit (`GLOB`), which is where FTS5's tokenizer starts a word in folded text — so the
    /// query reads the table in its own order and stops after a page, and nothing gathers the matches first
    /// (75,803 units for “xã”: 13 ms). The same rows as the index gives while the
    /// folded text is ASCII, as Vietnamese folds to; a letter of another script next to a word would differ.
    func matching(_ words: [String], walk: Bool = false, on db: any Database) -> [any SQLExpression] {
        guard !words.isEmpty else { return [] }
        if db.isPostgres {
            let column = SQLColumn(Self.wordsColumn, table: table)
            return words.flatMap { word -> [any SQLExpression] in
                let start = SQLBinaryExpression(column, .like, SQLBind("% " + word + "%"))
                return only == nil ? [start] : [start, SQLBinaryExpression(column, .like, SQLBind("%" + word + "%"))]
            }
        }
        let text = SQLColumn("search_text", table: table)
        if walk {
            return words.map {
                SQLGroupExpression(
                    SQLQueryString("\(text) GLOB \(bind: $0 + "*") OR \(text) GLOB \(bind: "*[^a-z0-9]" + $0 + "*")"))
            }
        }
        return [
            SQLBinaryExpression(
                SQLColumn("id", table: table), .in,
                SQLGroupExpression(
                    SQLQueryString(
                        "SELECT rowid FROM \(ident: fts) WHERE \(ident: fts) MATCH \(bind: Self.ftsMatch(words))")))
        ]
    }

    /// Whether the words match more than `over` rows (SQLite: counted in the full-text index, stopped there;
    /// PostgreSQL plans from its statistics: false). Nationally a page of units in tree order for “xã” (75,803 of
    /// 99,348 units) took 44 ms from the index's matches (read, then sorted) and 0.2 ms walking the tree with
    /// `GLOB`; for “hòa” (9,732) 9 ms and 1.9 ms; for a name nobody has 0.1 ms from the index, and a walk reads
    /// every unit. Counting (to 10,001) is another matter: from the index 6–14 ms, walking 13–225 ms.
    func isCommon(_ words: [String], over: Int = commonMatches, on db: any Database) async throws -> Bool {
        guard !words.isEmpty, !db.isPostgres else { return false }
        let row = try await db.sql().raw(
            """
            SELECT count(*) AS n FROM (SELECT rowid FROM \(ident: fts) WHERE \(ident: fts) MATCH \(bind: Self.ftsMatch(words)) \
            LIMIT \(literal: over + 1))
            """
        ).first()
        return try (row?.decode(column: "n", as: Int.self) ?? 0) > over
    }

    /// Filters `query` (over this search's table) to the rows whose text has each of `words` at a word's start: from
    /// the index, or — when more than `common` rows match (`isCommon`) — by testing each row along the query's own
    /// order (`matching(walk:)`), which then stops after a page. Nothing when `words` is empty.
    @discardableResult
    func filter<M: Model>(
        _ query: QueryBuilder<M>, words: [String], common: Int = commonMatches, on db: any Database
    ) async throws -> QueryBuilder<M> {
        for condition in matching(words, walk: try await isCommon(words, over: common, on: db), on: db) {
            query.filter(.sql(condition))
        }
        return query
    }

    /// Past this many matches a search walks the table in list order (`isCommon`).
    static let commonMatches = 2_000

    /// The words of a search: folded (diacritics off, đ → d, lower case), split at anything not a letter or digit.
    static func words(_ q: String) -> [String] {
        VietnameseText.fold(q).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// An FTS5 query where each word matches the start of a word.
    static func ftsMatch(_ words: [String]) -> String { words.map { "\"\($0)\"*" }.joined(separator: " AND ") }
}

/// A migration that only adds a table's `FoldedTextSearch` (its FTS5 table and triggers, or its trigram index).
struct FoldedTextSearchMigration: AsyncMigration {
    let name: String
    let search: FoldedTextSearch

    func prepare(on database: any Database) async throws { try await search.create(on: database) }
    func revert(on database: any Database) async throws { try await search.drop(on: database) }
}

extension FoldedTextSearch {
    /// The migration named `name` that adds this search.
    func migration(named name: String) -> FoldedTextSearchMigration {
        FoldedTextSearchMigration(name: name, search: self)
    }
}
