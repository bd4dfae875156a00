import Foundation
import Testing
import VaporTesting

@testable import App

/// The stylesheet is linked by a fingerprinted URL that a browser may keep for a year (issue 11).
@Suite("Static assets")
struct StaticAssetTests {
    @Test("Pages link the fingerprinted stylesheet; that URL is immutable for a year, the bare one for an hour")
    func fingerprinted() async throws {
        try await withTestApp(demo: false) { app in
            let login = try await Browser(app).send(.GET, "/login")
            let href = try #require(
                login.text.firstMatch(of: /href="(\/css\/app\.css\?v=[0-9a-f]{12})"/).map { String($0.1) })
            let css = try await Browser(app).send(.GET, href)
            #expect(css.status == .ok)
            #expect(css.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(css.text.contains("{"))
            let bare = try await Browser(app).send(.GET, "/css/app.css")
            #expect(bare.headers.first(name: .cacheControl) == "public, max-age=3600")
            let stale = try await Browser(app).send(.GET, "/css/app.css?v=000000000000")
            #expect(stale.headers.first(name: .cacheControl) == "public, max-age=3600")
            // The fingerprint is the file's: the same bytes give the same URL.
            let bytes = try #require(
                FileManager.default.contents(atPath: app.directory.publicDirectory + "css/app.css"))
            #expect(
                href.hasSuffix(StaticAssets(publicDirectory: app.directory.publicDirectory).versions["/css/app.css"]!))
            #expect(!bytes.isEmpty)
        }
    }
}

/// The CSRF token a page carries is masked afresh each time (BREACH), and still works.
@Suite("Masked CSRF token")
struct MaskedCSRFTests {
    @Test("Two pages carry different values for one session's token; both are accepted; a changed one is refused")
    func masked() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.login("dakruong")
            func token() async throws -> String {
                let page = try await b.send(.GET, "/app")
                return try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) })
            }
            let first = try await token()
            let second = try await token()
            #expect(first != second)
            #expect(Secrets.unmaskedCSRF(first) == Secrets.unmaskedCSRF(second))
            var bytes = try #require(Secrets.bytes(base64URL: first))
            bytes[40] ^= 1
            let bad = try await b.send(
                .POST, "/app/notices/read-all", form: [("_csrf", Secrets.base64URL(bytes)), ("back", "/app")])
            #expect(bad.status == .forbidden)
            for t in [first, second] {
                let ok = try await b.send(.POST, "/app/notices/read-all", form: [("_csrf", t), ("back", "/app")])
                #expect(ok.status == .seeOther)
            }
        }
    }

    @Test("Public's files are served under its own folders however the path is spelled, and nothing else is a file")
    func publicFiles() async throws {
        try await withTestApp { app in
            let css = try await app.testing().sendRequest(.GET, "/css/app.css")
            #expect(css.status == .ok && css.body.readableBytes > 1_000)
            for spelling in ["//css/app.css", "/%63ss/app.css", "/css/%61pp.css"] {
                let again = try await app.testing().sendRequest(.GET, spelling)
                #expect(again.status == .ok && again.body == css.body, "\(spelling)")
            }
            #expect(try await app.testing().sendRequest(.GET, "/css/missing.css").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/app.css").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/css/%2E%2E/Package.swift").status != .ok)
            #expect(PublicFilesMiddleware.firstSegment("/css/app.css") == "css")
            #expect(PublicFilesMiddleware.firstSegment("///css") == "css")
            #expect(PublicFilesMiddleware.firstSegment("/") == "")
            #expect(PublicFilesMiddleware.firstSegment("/%zz") == nil)
        }
    }
}
