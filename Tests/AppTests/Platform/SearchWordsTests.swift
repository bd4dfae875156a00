import Fluent
import Foundation
import SQLKit
import Testing

@testable import App

/// The folded-text searches' word-start match (`FoldedTextSearch.matching`): on PostgreSQL `search_words LIKE '%
/// word%'` over the generated column (migration 59), on SQLite the FTS5 table and the walk's `GLOB`. Each is checked
/// against the rule written out here, on random texts with punctuation, digits and the start of the text.
@Suite("Folded-text search: a word matches the start of a word, on every database and both ways")
struct SearchWordsTests {
    /// Whether `word` starts a word of `text`: at the start of the text or after a character that is not an ASCII
    /// letter or digit (the folded text's alphabet).
    static func startsWord(_ word: String, in text: String) -> Bool {
        let t = Array(text.utf8)
        let w = Array(word.utf8)
        guard !w.isEmpty, t.count >= w.count else { return false }
        func isWordByte(_ b: UInt8) -> Bool { (97...122).contains(b) || (48...57).contains(b) }
        for i in 0...(t.count - w.count) where Array(t[i..<(i + w.count)]) == w {
            if i == 0 || !isWordByte(t[i - 1]) { return true }
        }
        return false
    }

    @Test(
        "Random texts: the index's matches are the rule's, a word or two at a time (and the old expression's), over the whole table and a partial index"
    )
    func randomTexts() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try app.db.sql()
            try await sql.raw(
                "CREATE TABLE search_probe (id INTEGER PRIMARY KEY, search_text TEXT NOT NULL, shown BOOLEAN NOT NULL)"
            ).run()
            let search = FoldedTextSearch(table: "search_probe")
            // A search over the shown rows only (as the public exemplars'): on PostgreSQL each word is also a
            // substring, for the planner's sake; the rows are the same.
            let partial = FoldedTextSearch(table: "search_probe", only: "shown")
            try await search.create(on: app.db)
            try await partial.create(on: app.db)
            #expect(partial.matching(["sam"], on: app.db).count == (app.db.isPostgres ? 2 : 1))
            #expect(search.matching(["sam"], on: app.db).count == 1)
            var rng = SplitMix64(seed: 36)
            let syllables = ["sam", "day", "an", "nguyen", "van", "a", "ba", "hoa", "2", "20", "640", "x", "thon"]
            let separators = [" ", " – ", "-", "(", ") ", ", ", "/", ".", "", "  "]
            var texts: [String] = []
            for id in 1...300 {
                var text = ""
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    text += separators.randomElement(using: &rng)! + syllables.randomElement(using: &rng)!
                }
                text = String(text.drop { $0 == " " })
                texts.append(text)
                try await sql.raw(
                    "INSERT INTO search_probe (id, search_text, shown) VALUES (\(bind: id), \(bind: text), \(bind: id % 3 != 0))"
                ).run()
            }
            // A text written again is searched as it now reads (the generated column; the FTS5 triggers).
            try await sql.raw("UPDATE search_probe SET search_text = 'sam–day thon' WHERE id = 1").run()
            texts[0] = "sam–day thon"
            let queries = [
                ["sam"], ["da"], ["an"], ["a"], ["20"], ["640"], ["sam", "day"], ["ng", "va"], ["hoa", "2"],
            ]
            for words in queries {
                let expected = Set(
                    texts.indices.filter { i in words.allSatisfy { Self.startsWord($0, in: texts[i]) } }.map { $0 + 1 })
                // Neither nothing nor everything: the comparison tells matches from the rest.
                #expect(!expected.isEmpty && expected.count < texts.count, "\(words)")
                for (s, filter, want) in [
                    (search, "1 = 1", expected), (partial, "shown", expected.filter { $0 % 3 != 0 }),
                ] {
                    for walk in app.db.isPostgres ? [false] : [false, true] {
                        var q: SQLQueryString = "SELECT id FROM search_probe WHERE \(unsafeRaw: filter)"
                        for c in s.matching(words, walk: walk, on: app.db) { q += " AND \(c)" }
                        let found = Set(try await sql.raw(q).all().map { try $0.decode(column: "id", as: Int.self) })
                        #expect(
                            found == want,
                            "\(words) \(filter) walk \(walk): \(found.symmetricDifference(want).sorted())")
                    }
                }
                if app.db.isPostgres {
                    // The regular expression the search was before migration 59: the same rows.
                    var q: SQLQueryString = "SELECT id FROM search_probe WHERE 1 = 1"
                    for w in words { q += " AND search_text ~ \(bind: "(^|[^[:alnum:]])" + w)" }
                    let old = Set(try await sql.raw(q).all().map { try $0.decode(column: "id", as: Int.self) })
                    #expect(old == expected, "\(words)")
                }
            }
        }
    }

    @Test("PostgreSQL: migration 59 makes every search's trigram index over search_words, and its revert undoes it")
    func migration() async throws {
        try await withTestApp { app in
            guard app.db.isPostgres else { return }
            let sql = try app.db.sql()
            func definitions() async throws -> [String] {
                var out: [String] = []
                for search in SearchWords.searches {
                    out.append(try await SearchWords.definition(of: search, sql) ?? "none")
                }
                return out
            }
            func wordsColumns() async throws -> Int {
                try await sql.raw(
                    """
                    SELECT count(*) AS n FROM information_schema.columns
                    WHERE table_schema = current_schema() AND column_name = \(bind: FoldedTextSearch.wordsColumn)
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? -1
            }
            /// The pages of the units' table its visibility map marks all visible (0 after a rewrite).
            func allVisible() async throws -> Int {
                try await sql.raw("SELECT relallvisible AS n FROM pg_class WHERE relname = 'units'")
                    .first()?.decode(column: "n", as: Int.self) ?? -1
            }
            /// How many times the searched tables have been vacuumed. Whether a VACUUM can mark pages all visible
            /// depends on the snapshots other tests' transactions hold at that moment (the database is shared), so
            /// the upkeep is checked by its runs (PostgreSQL counts a VACUUM as it ends).
            func vacuums() async throws -> Int {
                try await sql.raw(
                    """
                    SELECT coalesce(sum(vacuum_count), 0)::bigint AS n FROM pg_stat_user_tables
                    WHERE schemaname = current_schema() AND relname IN ('registrations', 'subjects', 'units', 'dossiers', 'movements', 'users')
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? -1
            }
            #expect(try await UnitModel.query(on: app.db).count() > 0, "the demo's units")
            // A database made now has the new form from the searches' own migrations.
            #expect(try await definitions().allSatisfy { $0.contains("search_words gin_trgm_ops") })
            #expect(try await wordsColumns() == 6)
            try await SearchWords().revert(on: app.db)
            #expect(try await definitions().allSatisfy { $0.contains("search_text gin_trgm_ops") })
            #expect(try await wordsColumns() == 0)
            let publicIndex = try await SearchWords.definition(of: AddPublicSearch.search, sql)
            #expect(publicIndex?.hasSuffix("WHERE public_exemplar") == true, "\(publicIndex ?? "")")
            // A database of before: the migration converts each search, the partial one staying partial.
            try await SearchWords().prepare(on: app.db)
            #expect(try await definitions().allSatisfy { $0.contains("search_words gin_trgm_ops") })
            #expect(try await wordsColumns() == 6)
            let converted = try await SearchWords.definition(of: AddPublicSearch.search, sql)
            #expect(converted?.hasSuffix("WHERE public_exemplar") == true, "\(converted ?? "")")
            // The converted tables' statistics gathered (the planner has none for a new column).
            let analyzed = try await sql.raw(
                """
                SELECT count(*) AS n FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL
                AND relname IN ('registrations', 'subjects', 'units', 'dossiers', 'movements', 'users')
                """
            ).first()?.decode(column: "n", as: Int.self)
            #expect(analyzed == 6)
            // The rewrite left the visibility map empty; after the commit, a VACUUM of each table fills it again.
            #expect(try await allVisible() == 0)
            let before = try await vacuums()
            try await SearchWords().afterCommit(on: app.db)
            #expect(try await vacuums() == before + 6)
            // Run again, it finds nothing to do.
            try await SearchWords().prepare(on: app.db)
            #expect(try await definitions().allSatisfy { $0.contains("search_words gin_trgm_ops") })
            // Through the app's migrator: applied once, in its transaction, then the upkeep after its commit.
            try await SearchWords().revert(on: app.db)
            try await MigrationLog.query(on: app.db).filter(\.$name == SearchWords().name).delete()
            let beforeRun = try await vacuums()
            #expect(try await AtomicMigrator.run([SearchWords()], on: app.db) == ["SearchWords"])
            #expect(try await definitions().allSatisfy { $0.contains("search_words gin_trgm_ops") })
            #expect(try await vacuums() == beforeRun + 6)
            #expect(try await AtomicMigrator.run([SearchWords()], on: app.db) == [])
        }
    }
}
