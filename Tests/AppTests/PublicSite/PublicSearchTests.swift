import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The public search and a unit's page of the directory read the public exemplars only (migration 53): their names'
/// full-text index and their index by unit. Each way a query can take gives the same exemplars.
@Suite("Public site: the search and a unit's directory over the public exemplars")
struct PublicSearchTests {
    static func get(_ app: Application, _ path: String) async throws -> String {
        var body = ""
        try await app.testing().test(.GET, path) { res in
            #expect(res.status == .ok, "\(path)")
            body = res.body.string
        }
        return body
    }

    /// Whether the public search for `q` lists the exemplar `id`.
    static func finds(_ app: Application, _ q: String, _ id: Int) async throws -> Bool {
        let body = try await get(app, PublicPath.search.href([("q", q)]))
        return body.contains("href=\"\(PublicPath.exemplar(.id(id)).href)\"")
    }

    static func rename(_ app: Application, _ id: Int, _ name: String) async throws {
        let s = try #require(try await SubjectModel.find(id, on: app.db))
        s.name = name
        s.refreshSearch()
        try await s.save(on: app.db)
        try await PublicFixture.audited(app, "subject \(id) renamed")
    }

    /// Every public exemplar of a query, page after page by key, with the given thresholds.
    static func all(
        _ app: Application, unitPath: String? = nil, words: [String] = [], small: Int, common: Int
    ) async throws -> [Int] {
        var out: [Int] = []
        var after: Int?
        while true {
            let page = try await PublicQueries.exemplars(
                unitPath: unitPath, field: nil, words: words, after: after, limit: 3, on: app.db, small: small,
                common: common)
            out += page.subjects.compactMap(\.id)
            guard page.more, let last = page.subjects.last?.id else { return out }
            after = last
        }
    }

    @Test("The search finds an exemplar by the starts of its name's words, folded, and follows consent and renaming")
    func searchByWords() async throws {
        try await withTestApp { app in
            let id = try await PublicFixture.newRecognised(app, kind: .individual).requireID()
            try await Self.rename(app, id, "Nguyễn Thị Ngọc Đông")
            #expect(try await !Self.finds(app, "ngoc dong", id), "an individual without a consent is withheld")
            let consent = try await PublicFixture.consent(app, subjectID: id)
            for q in ["ngoc dong", "ĐÔNG NGỌC", "Đông", "ngo", "nguyễn-thị"] {
                #expect(try await Self.finds(app, q, id), "\(q)")
            }
            for q in ["ong", "ngoc xuan", "gọc"] {
                #expect(try await !Self.finds(app, q, id), "\(q): not the start of a word, or a word it lacks")
            }
            try await Self.rename(app, id, "Lê Thị Mai")
            #expect(try await !Self.finds(app, "ngoc dong", id), "the old name is gone from the index")
            #expect(try await Self.finds(app, "le mai", id))
            try await PublicFixture.withdraw(app, consent)
            #expect(try await !Self.finds(app, "le mai", id), "a withdrawn consent hides it at once")

            let collective = try await PublicFixture.newRecognised(app, kind: .collective).requireID()
            try await Self.rename(app, collective, "Hợp tác xã Nông nghiệp Đăk Ruồng")
            #expect(try await Self.finds(app, "dak ruong", collective))
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE registrations SET status = 'registered' WHERE subject_id = \(bind: collective)"
            ).run()
            try await PublicFixture.audited(app, "recognition of \(collective) dropped")
            #expect(try await !Self.finds(app, "dak ruong", collective), "no recognised registration left")

            // From the index or by testing each name along the walk: the same exemplars, in the same order.
            for words in [["hop"], ["tac", "xa"], ["t"], ["zzz"]] {
                let indexed = try await Self.all(app, words: words, small: 0, common: 1_000_000)
                let walked = try await Self.all(app, words: words, small: 0, common: -1)
                #expect(indexed == walked, "\(words)")
            }
        }
    }

    @Test("A unit's directory page lists its subtree's public exemplars, the same from its units as along the walk")
    func unitPages() async throws {
        try await withTestApp { app in
            _ = try await PublicFixture.recognisedSubject(app, kind: .collective)
            _ = try await PublicFixture.newRecognised(app, kind: .collective)
            let facets = try await PublicQueries.facets(on: app.db)
            #expect(!facets.units.isEmpty)
            var paths: Set<String> = []
            for f in facets.units {
                let unit = try #require(try await UnitModel.find(f.id, on: app.db))
                // The unit, the units above it (a district, the province) and the root.
                let ids = unit.path.split(separator: "/").compactMap { Int($0) }
                for up in ids { paths.insert(try #require(try await UnitModel.find(up, on: app.db)).path) }
            }
            for path in paths.sorted() {
                let fromUnits = try await Self.all(app, unitPath: path, small: 1_000_000, common: 1_000_000)
                let walked = try await Self.all(app, unitPath: path, small: -1, common: 1_000_000)
                #expect(fromUnits == walked, "\(path)")
            }
            // Over HTTP: a unit with public exemplars lists each of them (the facet's count), another unit none.
            for f in facets.units.prefix(3) {
                let body = try await Self.get(app, PublicPath.exemplars.href([("xa", String(f.id))]))
                let unit = try #require(try await UnitModel.find(f.id, on: app.db))
                let expected = try await Self.all(app, unitPath: unit.path, small: 1_000_000, common: 1_000_000)
                #expect(expected.count >= f.count)
                for id in expected.prefix(30) {
                    #expect(body.contains("href=\"\(PublicPath.exemplar(.id(id)).href)\""), "\(f.name): \(id)")
                }
            }
        }
    }

    @Test("The plans: a small subtree from its units' public index, the search from the public names' index")
    func plans() async throws {
        try await withTestApp { app in
            let sql = app.db as! any SQLDatabase
            let path = "/1/"
            let small: SQLQueryString = """
                SELECT "subjects"."id" FROM "subjects" WHERE \(PublicQueries.isPublic()) AND \
                \(PublicQueries.inSubtree(path, postgres: app.db.isPostgres)) ORDER BY "subjects"."sort_key", "subjects"."id" LIMIT 31
                """
            let search = AddPublicSearch.search.matching(["dong"], on: app.db)
            let words = try #require(search.first)
            let q: SQLQueryString = """
                SELECT "subjects"."id" FROM "subjects" WHERE \(PublicQueries.isPublic()) AND \(words) \
                ORDER BY "subjects"."sort_key", "subjects"."id" LIMIT 31
                """
            if app.db.isPostgres {
                // PostgreSQL plans from its statistics (a test database is too small to show the plan of a
                // national one): the indexes are there, partial where they should be.
                let rows = try await sql.raw(
                    """
                    SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN ('subjects_public_unit_idx', \
                    'subjects_public_exemplar_search_trgm_idx', 'units_path_pattern_idx')
                    """
                ).all()
                var defs: [String: String] = [:]
                for r in rows {
                    defs[try r.decode(column: "indexname", as: String.self)] = try r.decode(
                        column: "indexdef", as: String.self)
                }
                #expect(defs["subjects_public_unit_idx"]?.contains("WHERE public_exemplar") == true, "\(defs)")
                #expect(
                    defs["subjects_public_exemplar_search_trgm_idx"]?.contains("gin_trgm_ops) WHERE public_exemplar")
                        == true, "\(defs)")
                #expect(defs["units_path_pattern_idx"]?.contains("text_pattern_ops") == true, "\(defs)")
            } else {
                func plan(_ query: SQLQueryString) async throws -> String {
                    try await sql.raw("EXPLAIN QUERY PLAN \(query)").all().map {
                        try $0.decode(column: "detail", as: String.self)
                    }.joined(separator: "\n")
                }
                let smallPlan = try await plan(small)
                #expect(smallPlan.contains("subjects_public_unit_idx"), "\(smallPlan)")
                #expect(smallPlan.contains("units_path_id_idx (path>? AND path<?)"), "\(smallPlan)")
                let searchPlan = try await plan(q)
                #expect(searchPlan.contains("subjects_public_exemplar_fts"), "\(searchPlan)")
                #expect(
                    !searchPlan.split(separator: "\n").contains {
                        $0.hasPrefix("SCAN subjects ") || $0 == "SCAN subjects"
                    },
                    "\(searchPlan)")
            }
        }
    }
}
