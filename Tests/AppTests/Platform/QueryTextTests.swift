import Testing
import Vapor

@testable import App

/// `Request.queryText` parses the query string once; it must read every value as Vapor's own container does.
@Suite("Query string read once, as Vapor reads it")
struct QueryTextTests {
    static let queries = [
        "q=s%C3%A2m+d%C3%A2y&year=2024", "q=a%2Bb&q=last", "unitID=&page=2&perPage=abc", "flag&x=1=2&=v&y=%ZZ",
        "q=%C4%91%C4%83k%20r%E1%BB%93ng&typeCode=tt-01", "", "a=1&&b=2", "q=+lead+trail+",
    ]

    @Test(arguments: queries)
    func sameAsVapor(_ query: String) async throws {
        try await withTestApp(demo: false) { app in
            let req = Request(
                application: app, url: URI(string: "/app/registrations?" + query), on: app.eventLoopGroup.next())
            let keys = Set(
                query.split(separator: "&").map { String($0.split(separator: "=", maxSplits: 1).first ?? "") }
                    + ["q", "year", "missing"])
            for key in keys where !key.isEmpty {
                #expect(req.queryText(key) == req.query[String.self, at: key], "\(query): \(key)")
            }
        }
    }
}
