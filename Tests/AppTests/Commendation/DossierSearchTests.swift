import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The dossier list's `q` (page, API, export) from the dossiers' full-text index (migration 55), the starts of
/// folded words, as every other list searches.
@Suite("Dossier list: the search reads the dossiers' full-text index")
struct DossierSearchTests {
    /// The titles of the dossiers an API search lists.
    static func titles(_ client: APIClient, _ q: String) async throws -> [String] {
        let query = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
        let res = try await client.send(.GET, "/api/v1/dossiers?perPage=100&q=\(query)")
        #expect(res.status == .ok, "\(res.text)")
        let items = try res.jsonObject()["items"] as? [[String: Any]] ?? []
        return items.compactMap { $0["title"] as? String }
    }

    @Test(
        "Found by the folded starts of the words of its title or unit, not by a fragment inside a word; in scope only; page, API and export alike"
    )
    func search() async throws {
        try await withTestApp { app in
            let office = try await APIClient.login(app, "noivu")
            let dakruong = try await unitID(app, "KR-DAKRUONG")
            let tanlap = try await unitID(app, "KR-TANLAP")
            for (unit, title) in [
                (dakruong, "Tờ trình khen Tổ hợp tác nuôi cá lồng Đắk Pxi"),
                (tanlap, "Tờ trình khen Tổ hợp tác trồng sâm dây Ngọc Linh"),
            ] {
                let res = try await office.send(
                    .POST, "/api/v1/dossiers", json: ["unitID": unit, "year": 2025, "title": title])
                #expect(res.status == .created || res.status == .ok, "\(res.text)")
            }
            let fish = "Tờ trình khen Tổ hợp tác nuôi cá lồng Đắk Pxi"
            let ginseng = "Tờ trình khen Tổ hợp tác trồng sâm dây Ngọc Linh"
            // Word starts, folded (đ → d, no marks), in any order; each word must match.
            #expect(try await Self.titles(office, "dak pxi") == [fish])
            #expect(try await Self.titles(office, "Đắk PXI") == [fish])
            #expect(try await Self.titles(office, "sam day") == [ginseng])
            #expect(try await Self.titles(office, "ngoc sâm") == [ginseng])
            #expect(Set(try await Self.titles(office, "to trinh khen to hop")) == [fish, ginseng])
            // The unit's name is searched too (Tân Lập).
            #expect(try await Self.titles(office, "tan lap to trinh") == [ginseng])
            // A fragment inside a word no longer matches (the LIKE found “ong” in “lồng” and “trồng”).
            #expect(try await Self.titles(office, "ong").isEmpty)
            #expect(try await Self.titles(office, "khongcoai").isEmpty)
            // Syntax of the full-text query is only text: quotes, stars and operators find nothing and fail nothing.
            for odd in ["\"", "*", "NOT", "sam OR", "a:b", "(ca"] {
                let query = odd.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? odd
                let res = try await office.send(.GET, "/api/v1/dossiers?q=\(query)")
                #expect(res.status == .ok, "\(odd): \(res.text)")
            }
            // A commune's officer searches its own commune's dossiers only.
            let commune = try await APIClient.login(app, "dakruong")
            #expect(try await Self.titles(commune, "to trinh khen") == [fish])
            #expect(try await Self.titles(commune, "sam day").isEmpty)
            // The page and the export search the same way.
            let b = Browser(app)
            try await b.login("noivu")
            let page = try await b.send(.GET, "/app/dossiers?q=sam+day")
            #expect(page.status == .ok)
            #expect(page.text.contains("sâm dây Ngọc Linh") && !page.text.contains("cá lồng Đắk Pxi"))
            let csv = try ListExportsTests.csvRows(
                try await ListExportsTests.get(b, "/app/dossiers/export?q=dak+pxi", "csv"))
            #expect(csv.count == 2 && csv.last?.contains(fish) == true, "\(csv)")
        }
    }

    @Test("The index and the walk along the list's order give the same dossiers, page after page")
    func indexAndWalkAgree() async throws {
        try await withTestApp { app in
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "noivu").first())
            let actor = try await AuthService.actor(for: user, on: app.db).0
            for q in ["de nghi", "khen thuong", "dak", "nam 2024", "khongcoai"] {
                var ways: [[Int]] = []
                for common in [FoldedTextSearch.commonMatches, 0] {
                    let rows = try await everyPage(q: q, perPage: 2) {
                        try await DossierService.list(
                            actor: actor, status: "", year: nil, q: q, $0, on: app.db, common: common)
                    }
                    ways.append(rows.compactMap(\.id))
                }
                #expect(ways[0] == ways[1], "\(q)")
                if q != "khongcoai" { #expect(!ways[0].isEmpty, "\(q) finds the demo's dossiers") }
            }
        }
    }

    @Test("SQLite: a search reads dossiers_fts, not every dossier")
    func plan() async throws {
        try await withTestApp { app in try await Self.readsIndex(app, AddDossierSearch.search, ["sam", "day"]) }
    }

    /// A search of `search`'s table for `words`: on SQLite its plan reads the FTS5 table and never scans the table
    /// itself; on PostgreSQL the trigram index exists (the planner's choice depends on the data: the scale suites).
    static func readsIndex(_ app: Application, _ search: FoldedTextSearch, _ words: [String]) async throws {
        guard !app.db.isPostgres else {
            let defs = try await app.db.sql().raw(
                "SELECT indexdef FROM pg_indexes WHERE indexname = \(bind: search.trigramIndex)"
            ).all().map { try $0.decode(column: "indexdef", as: String.self) }
            #expect(defs.first?.contains("gin_trgm_ops") == true, "\(defs)")
            return
        }
        var q: SQLQueryString = "SELECT \(ident: search.table).\"id\" FROM \(ident: search.table) WHERE 1 = 1"
        for c in search.matching(words, on: app.db) { q += " AND \(c)" }
        let plan = try await RegistrationListScaleTests.explain(app, q).joined(separator: "\n")
        #expect(plan.contains(search.fts), "\(plan)")
        let scan = "SCAN \(search.table)"
        #expect(!plan.split(separator: "\n").contains { $0 == scan || $0.hasPrefix(scan + " ") }, "\(plan)")
    }
}
