import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("The public site's pages kept as rendered until the next audited write (PageCache)")
struct PageCacheTests {
    static func cache(_ sent: Sent) -> String? { sent.headers.first(name: CachedPages.header) }

    /// An audited write as a user makes it: a movement created through the web form (led by the district's Home
    /// Affairs office), as `browser`, who must be signed in as someone who may create one.
    static func createMovement(_ app: Application, _ browser: Browser, code: String, _ name: String) async throws {
        let lead = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-PNV").first())
        try await browser.send(.GET, "/app/movements/new")
        let created = try await browser.post(
            "/app/movements",
            [
                ("code", code), ("name", name), ("kind", "phong-trao"), ("level", "huyen"), ("fromYear", "2025"),
                ("toYear", "2026"), ("leadAgencyIDs[]", String(try lead.requireID())),
            ])
        #expect(created.status == .seeOther, "\(created.text.prefix(400))")
    }

    @Test("A public page is rendered once, then served from its copy, byte for byte, until a write")
    func servedUntilWrite() async throws {
        try await withTestApp { app in
            let first = try await Browser(app).send(.GET, "/")
            let second = try await Browser(app).send(.GET, "/")
            #expect(first.status == .ok && Self.cache(first) == "miss")
            #expect(second.status == .ok && Self.cache(second) == "hit")
            #expect(second.text == first.text)
            // The copy keeps what the browser must see: no-store, HTML.
            #expect(second.headers.first(name: .cacheControl) == "no-store")
            #expect(second.headers.contentType?.description.hasPrefix("text/html") == true)
            // Another page, another copy.
            let exemplars = try await Browser(app).send(.GET, "/dien-hinh")
            #expect(Self.cache(exemplars) == "miss")
            #expect(try await Self.cache(Browser(app).send(.GET, "/dien-hinh")) == "hit")

            // Any audited write — here a movement created through the web form — and every copy is rendered again.
            let office = Browser(app)
            try await office.login("noivu")
            let before = try await PageCache.version(on: app.db).get()
            try await Self.createMovement(app, office, code: "PT-CACHE", "Phong trào thử bộ nhớ trang")
            #expect(try await PageCache.version(on: app.db).get() > before)
            let after = try await Browser(app).send(.GET, "/")
            #expect(after.status == .ok && Self.cache(after) == "miss")
            #expect(after.text.contains("Phong trào thử bộ nhớ trang"))
            #expect(try await Self.cache(Browser(app).send(.GET, "/dien-hinh")) == "miss")
            #expect(try await Self.cache(Browser(app).send(.GET, "/")) == "hit")
            #expect(app.pageCache.counts.hits >= 3)
        }
    }

    @Test("An exemplar whose consent is withdrawn is gone at once, though its page was kept")
    func consentWithdrawn() async throws {
        try await withTestApp { app in
            let s = try await ConsentTests.recognisedIndividual(app)
            let sid = try s.requireID()
            let office = Browser(app)
            try await office.login("noivu")
            let ok = try await office.upload(
                "/app/subjects/\(sid)/consents", fields: ConsentTests.fields(givenBy: "Bà Y Thị Hoa"),
                file: ("file", "phieu-dong-y.jpg", "image/jpeg", jpegBytes))
            #expect(ok.status == .seeOther, "\(ok.text.prefix(400))")
            let path = PublicPath.exemplar(.id(sid)).href
            #expect(try await Self.cache(Browser(app).send(.GET, path)) == "miss")
            let kept = try await Browser(app).send(.GET, path)
            #expect(kept.status == .ok && Self.cache(kept) == "hit" && kept.text.contains(s.name))
            let c = try #require(
                try await ConsentModel.query(on: app.db).filter(\.$subjectID == sid).filter(\.$withdrawnAt == nil)
                    .first())
            let withdrawn = try await office.post(
                "/app/consents/\(try c.requireID())/withdraw", [("reason", "Gia đình xin rút")])
            #expect(withdrawn.status == .seeOther)
            #expect(try await Browser(app).send(.GET, path).status == .notFound)
            // Not found is never kept.
            #expect(try await Self.cache(Browser(app).send(.GET, path)) == nil)
        }
    }

    @Test("A signed-in visitor, another host and a flash message each get their own page, never another's copy")
    func keys() async throws {
        try await withTestApp { app in
            let visitor = try await Browser(app).send(.GET, "/")
            #expect(visitor.text.contains(">Đăng nhập</a>"))
            let staff = Browser(app)
            try await staff.login("noivu")
            let signedIn = try await staff.send(.GET, "/")
            #expect(Self.cache(signedIn) == "miss")
            #expect(signedIn.text.contains("Vào hệ thống") && !signedIn.text.contains(">Đăng nhập</a>"))
            #expect(try await Self.cache(staff.send(.GET, "/")) == "hit")
            #expect(try await Browser(app).send(.GET, "/").text.contains(">Đăng nhập</a>"))

            // Canonical links name the host the visitor used (no DIENHINH_PUBLIC_URL here).
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .host, value: "dienhinh.konray.example")
            let other = try await Browser(app).send(.GET, "/", headers: headers)
            #expect(Self.cache(other) == "miss")
            #expect(other.text.contains("href=\"http://dienhinh.konray.example/\""))
            #expect(!(try await Browser(app).send(.GET, "/").text.contains("dienhinh.konray.example")))

            // A page carrying a flash message is rendered for that visitor alone.
            let flash = Browser(app)
            flash.cookies[Flash.cookie] = "Cảm ơn"
            #expect(try await Self.cache(flash.send(.GET, "/")) == nil)
        }
    }

    static func noCopies(_ c: inout AppConfig) { c.pageCacheMiB = 0 }

    @Test("DIENHINH_PAGE_CACHE_MB=0 keeps no copy; a value out of 0–1024 stops the start with a message")
    func setting() async throws {
        try await withTestApp(adjust: Self.noCopies) { app in
            let first = try await Browser(app).send(.GET, "/")
            let second = try await Browser(app).send(.GET, "/")
            #expect(first.status == .ok && Self.cache(first) == nil && Self.cache(second) == nil)
            #expect(app.pageCache.bytes == 0)
        }
        let dir = FileManager.default.temporaryDirectory.path
        #expect(try AppConfig.fromEnvironment([:], workingDirectory: dir).pageCacheMiB == 32)
        #expect(try AppConfig.fromEnvironment(["DIENHINH_PAGE_CACHE_MB": "0"], workingDirectory: dir).pageCacheMiB == 0)
        for bad in ["1025", "-1", "nhiều"] {
            #expect {
                try AppConfig.fromEnvironment(["DIENHINH_PAGE_CACHE_MB": bad], workingDirectory: dir)
            } throws: { error in
                "\(error)".contains("DIENHINH_PAGE_CACHE_MB") && "\(error)".contains("từ 0 đến 1024")
            }
        }
    }

    @Test("Copies stay within their budget, oldest out first; a copy of another version or past its age is not served")
    func budget() {
        let cache = PageCache(maxBytes: 1000, maxEntryBytes: 400, maxAge: 60)
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        func body(_ n: Int) -> ByteBuffer { ByteBuffer(repeating: UInt8(ascii: "a"), count: n) }
        for i in 0..<5 { cache.keep("k\(i)", version: 7, headers: [:], body: body(298), now: t0) }
        // 5 × 300 bytes do not fit in 1,000: the first two went.
        #expect(cache.bytes == 900)
        #expect(cache.copy("k0", version: 7, now: t0) == nil && cache.copy("k1", version: 7, now: t0) == nil)
        #expect(cache.copy("k4", version: 7, now: t0)?.body.readableBytes == 298)
        // Kept again, a key moves to the back of the line.
        cache.keep("k2", version: 7, headers: [:], body: body(298), now: t0)
        cache.keep("k5", version: 7, headers: [:], body: body(298), now: t0)
        #expect(cache.copy("k2", version: 7, now: t0) != nil && cache.copy("k3", version: 7, now: t0) == nil)
        #expect(cache.bytes == 900)
        // Too large for one copy: not kept.
        cache.keep("big", version: 7, headers: [:], body: body(500), now: t0)
        #expect(cache.copy("big", version: 7, now: t0) == nil && cache.bytes == 900)
        // Another version, or a minute old: rendered again.
        #expect(cache.copy("k5", version: 8, now: t0) == nil)
        #expect(cache.copy("k5", version: 7, now: t0.addingTimeInterval(59)) != nil)
        #expect(cache.copy("k5", version: 7, now: t0.addingTimeInterval(60)) == nil)
    }
}
