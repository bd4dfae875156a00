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
