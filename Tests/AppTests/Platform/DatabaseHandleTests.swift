import Foundation
import Testing
import Vapor

@testable import App

/// The app's code takes a request's database through `req.database` (made once a request), not Fluent's `req.db`
/// (made again on every use: on PostgreSQL 2 % of the web list's samples each time). The app has no `req.db(id)`
/// either (background jobs take `app.jobsDB`), so any `req.db` is caught.
@Suite("One database handle a request")
struct DatabaseHandleTests {
    static var fluentHandle: Regex<(Substring, Substring)> { #/\b(req|request)\??\.db\b/# }

    /// `\b` as in most regex engines: Swift's default (Unicode words) reads "db.transaction" as one word.
    static func uses(in line: String) -> Bool {
        PolicyOnlyTests.code(line).contains(fluentHandle.wordBoundaryKind(.simple))
    }

    @Test("No file in Sources/App but RequestDatabase.swift takes Fluent's req.db")
    func oneHandle() throws {
        let files = try PolicyOnlyTests.appSources()
        #expect(files.contains("Sources/App/Platform/Database/RequestDatabase.swift"))
        var found: [String] = []
        for file in files where !file.hasSuffix("/RequestDatabase.swift") {
            let text = try String(contentsOf: PolicyOnlyTests.root.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.components(separatedBy: "\n").enumerated() where Self.uses(in: line) {
                found.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found.isEmpty, "use req.database:\n\(found.joined(separator: "\n"))")
    }

    @Test("The scan finds Fluent's handle, with or without an id, and lets the kept one and comments through")
    func scanner() {
        let caught = [
            "let db = req.db", "try await X.query(on: req.db).all()", "on: request.db)", "req.db.transaction {",
            "req.db(.psql)", "req?.db",
        ]
        for line in caught { #expect(Self.uses(in: line), "not caught: \(line)") }
        for line in ["let db = req.database", "on: app.db", "// Fluent's req.db makes one each time"] {
            #expect(!Self.uses(in: line), "wrongly caught: \(line)")
        }
    }

    /// Kept, not made again: a change to the request's logger after the first use does not reach the kept handle,
    /// where Fluent's `req.db` (made again) carries it.
    @Test("req.database is made once a request and kept")
    func keptForTheRequest() async throws {
        try await withTestApp(demo: false) { app in
            let req = Request(application: app, on: app.eventLoopGroup.next())
            _ = req.database
            req.logger[metadataKey: "probe"] = "1"
            #expect(req.database.logger[metadataKey: "probe"] == nil)
            #expect(req.db.logger[metadataKey: "probe"] == "1")
            let users = try await req.database.query(UserModel.self).count()
            #expect(users >= 1)
        }
    }
}
