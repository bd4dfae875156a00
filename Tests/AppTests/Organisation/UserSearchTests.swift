import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The users list's `q` (page, API, export) over the folded full name and user name (migration 58): the starts of
/// words, as every other list searches. It was `LIKE` on the text as typed.
@Suite("Users list: the search reads the folded names from the users' full-text index")
struct UserSearchTests {
    static func usernames(_ client: APIClient, _ q: String) async throws -> Set<String> {
        let query = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
        let res = try await client.send(.GET, "/api/v1/users?perPage=100&q=\(query)")
        #expect(res.status == .ok, "\(res.text)")
        let items = try res.jsonObject()["items"] as? [[String: Any]] ?? []
        return Set(items.compactMap { $0["username"] as? String })
    }

    @Test("Found by the folded starts of the words of the full name or user name; renamed, found by the new name")
    func search() async throws {
        try await withTestApp { app in
            let admin = try await APIClient.login(app, "admin", adminPassword)
            let unit = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first())
            let made = try await admin.send(
                .POST, "/api/v1/users",
                json: [
                    "username": "hang.tk", "fullName": "Nguyễn Thị Hằng", "role": Role.unitOfficer.rawValue,
                    "unitID": try unit.requireID(), "password": demoPassword,
                ])
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(try made.jsonObject()["id"] as? Int)
            for q in ["nguyen hang", "NGUYỄN", "hằng thị", "Hang", "hang.tk", "tk"] {
                #expect(try await Self.usernames(admin, q).contains("hang.tk"), "\(q)")
            }
            // A fragment inside a word (the LIKE found “ang” in “Hằng”) and a word the name lacks: not found.
            for q in ["ang", "nguyen lan"] {
                #expect(try await !Self.usernames(admin, q).contains("hang.tk"), "\(q)")
            }
            // Nothing searchable (quotes, stars): no search, the whole list's first page.
            #expect(try await Self.usernames(admin, "\"*") == Self.usernames(admin, ""))

            let renamed = try await admin.send(
                .PUT, "/api/v1/users/\(id)",
                json: [
                    "username": "hang.tk", "fullName": "Y Thị Blơi", "role": Role.unitOfficer.rawValue,
                    "unitID": try unit.requireID(),
                ])
            #expect(renamed.status == .ok, "\(renamed.text)")
            #expect(try await !Self.usernames(admin, "nguyen hang").contains("hang.tk"))
            #expect(try await Self.usernames(admin, "bloi").contains("hang.tk"))

            // The page and the export search alike.
            let b = Browser(app)
            try await b.login("admin", adminPassword)
            let page = try await b.send(.GET, "/app/users?q=y+thi+bloi")
            #expect(page.status == .ok && page.text.contains("hang.tk"))
            let csv = try await b.send(.GET, "/app/users/export?format=csv&q=bloi")
            #expect(csv.status == .ok && csv.text.contains("hang.tk") && !csv.text.contains("noivu"), "\(csv.text)")

        }
    }

    @Test("SQLite: a search reads users_fts, not every user; PostgreSQL has the trigram index")
    func plan() async throws {
        try await withTestApp { app in
            try await DossierSearchTests.readsIndex(app, AddUserSearch.search, ["nguyen", "hang"])
        }
    }
}
