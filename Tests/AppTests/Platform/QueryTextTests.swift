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

    /// The one-pass decoder gives what Foundation's two calls gave, on chosen texts and on 5,000 random ones made of
    /// the bytes that matter (`%`, `+`, hex digits of both cases, a multi-byte letter, an invalid UTF-8 escape).
    @Test
    func formDecodedAsFoundation() {
        func foundation(_ s: String) -> String? { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
        let chosen = [
            "", "plain", "s%C3%A2m+d%C3%A2y", "a%2Bb", "%", "%4", "%zz", "%4g", "100%", "%%41", "+%2B+", "%C3", "%C3%",
            "%FF", "%C3%A2", "đăk rồng", "%E1%BB%93ng", "%00", "a+%0A+b",
        ]
        var generator = SystemRandomNumberGenerator()
        let pieces = ["%", "+", "4", "1", "a", "F", "c", "3", "%C3", "%A2", "%FF", "%2B", "â", "x", " "]
        let random = (0..<5_000).map { _ in
            (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
        for text in chosen + random {
            #expect(Request.formDecoded(text[...]) == foundation(text), "\(text)")
        }
    }

    @Test("Over HTTP an integer filter's blanks are trimmed (a zero-width space too); a newline is a 400 naming it")
    func integerFilterBlanksOverHTTP() async throws {
        try await withTestApp(demo: false) { app in
            let api = try await APIClient.login(app, "admin", adminPassword)
            let trimmed = try await api.send(.GET, "/api/v1/registrations?year=%E2%80%8B2024%09&perPage=%C2%A05")
            #expect(trimmed.status == .ok, "\(trimmed.text.prefix(300))")
            let newline = try await api.send(.GET, "/api/v1/registrations?year=2024%0A")
            #expect(newline.status == .badRequest)
            #expect(newline.text.contains("Tham số “year” phải là số nguyên"), "\(newline.text.prefix(300))")
        }
    }

    @Test("An integer filter's blanks are trimmed as Foundation trims whitespaces, and nothing else")
    func trimmedAsFoundation() {
        let chosen = [
            "", " ", "\t", "12", " 12", "12 ", "\t12\t", "\u{A0}12\u{3000}", "\u{2009} 1 2 \u{202F}", "\n12\n",
            "12\r\n",
            "\u{200B}12", "\u{85}12", "â 1", " đ ", "\u{1680}", "e\u{301} ",
        ]
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            " ", "\t", "\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{200B}", "\u{200C}", "\u{180E}", "\u{FEFF}",
            "\u{205F}",
            "\u{1680}", "\u{85}", "1", "-", "a", "đ", "\u{301}",
        ]
        let random = (0..<5_000).map { _ in
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
        for text in chosen + random {
            #expect(
                Request.trimmedSpaces(text) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test("A string holds an ASCII needle exactly when Foundation's contains says so")
    func holdsAsFoundation() {
        let needles = ["%", "no-store", "%3B", "ab", "a"]
        let chosen = ["", "%", "no-store", "private, no-store", "no-stor", "NO-STORE", "/app/%C3%A1", "đ%", "abab"]
        let pieces = ["%", "3", "B", "a", "b", "no-", "store", ",", " ", "đ", "e\u{301}", "\u{1F600}", "-"]
        var generator = SystemRandomNumberGenerator()
        let random = (0..<3_000).map { _ in
            (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
        for text in chosen + random {
            for needle in needles {
                #expect(text.holds(needle) == text.contains(needle), "\(text.debugDescription) \(needle)")
            }
            #expect(text.holds(""))
        }
    }
}
