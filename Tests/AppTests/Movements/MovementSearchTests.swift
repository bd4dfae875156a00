import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The movement list's `q` (page and API) from the movements' full-text index (migration 56): the starts of folded
/// words of the code and name, as every other list searches.
@Suite("Movement list: the search reads the movements' full-text index")
struct MovementSearchTests {
    static func codes(_ client: APIClient, _ q: String) async throws -> Set<String> {
        let query = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
        let res = try await client.send(.GET, "/api/v1/movements?perPage=100&q=\(query)")
        #expect(res.status == .ok, "\(res.text)")
        let items = try res.jsonObject()["items"] as? [[String: Any]] ?? []
        return Set(items.compactMap { $0["code"] as? String })
    }

    @Test("Found by the folded starts of the words of its code or name, not by a fragment inside a word")
    func search() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            #expect(try await Self.codes(api, "nông thôn") == ["PT-NTM"])
            #expect(try await Self.codes(api, "NTM") == ["PT-NTM"])
            #expect(try await Self.codes(api, "pt-ntm") == ["PT-NTM"])
            #expect(try await Self.codes(api, "hoc") == ["PT-DTHT", "PT-HCM", "PT-KHSK"])
            #expect(try await Self.codes(api, "hoc tot") == ["PT-DTHT"])
            #expect(try await Self.codes(api, "đời sống văn") == ["PT-VHDS"])
            // A fragment inside a word (the LIKE found “ong” in “nông”, “công”, “chung”…) matches nothing.
            #expect(try await Self.codes(api, "ong").isEmpty)
            // Nothing searchable left after folding (quotes, stars): no search, the whole list.
            let all = try await Self.codes(api, "")
            let punctuation = try await Self.codes(api, "\"*")
            #expect(all.count >= 11 && punctuation == all)
            let b = Browser(app)
            try await b.login("dakruong")
            let page = try await b.send(.GET, "/app/movements?q=nong+thon")
            #expect(page.status == .ok)
            #expect(page.text.contains("Kon Tum chung sức xây dựng nông thôn mới"))
            #expect(!page.text.contains("Dạy tốt - Học tốt"))
        }
    }

    @Test("The index and the walk along the code order give the same movements, page after page")
    func indexAndWalkAgree() async throws {
        try await withTestApp { app in
            for q in ["pt", "hoc", "van hoa", "khongcoai"] {
                var ways: [[String]] = []
                for common in [FoldedTextSearch.commonMatches, 0] {
                    let rows = try await everyPage(q: q, perPage: 2) {
                        try await MovementQueries.list(q: q, year: nil, leadUnitID: nil, $0, on: app.db, common: common)
                    }
                    ways.append(rows.map(\.code))
                }
                #expect(ways[0] == ways[1], "\(q)")
                #expect(ways[0] == ways[0].sorted(), "code order")
            }
        }
    }
}
