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

/// Public's files answered from memory (`KeptFiles`), with the headers Vapor's `FileMiddleware` sends (issue 11).
@Suite("Public's files from memory")
struct KeptFilesTests {
    @Test("The stylesheet from memory: its bytes and FileMiddleware's headers; a 304 for the ETag held; no range")
    func stylesheet() async throws {
        try await withTestApp(demo: false) { app in
            let bytes = try #require(
                FileManager.default.contents(atPath: app.directory.publicDirectory + "css/app.css"))
            // What Vapor's FileMiddleware answers for the same file, read from disk.
            let disk = FileMiddleware(publicDirectory: app.directory.publicDirectory)
            func fromDisk(_ headers: HTTPHeaders = [:]) async throws -> Response {
                let req = Request(
                    application: app, method: .GET, url: URI(path: "/css/app.css"), headers: headers,
                    on: app.eventLoopGroup.next())
                return try await disk.respond(to: req, chainingTo: NotFound()).get()
            }
            let reference = try await fromDisk()
            let eTag = try #require(reference.headers.first(name: .eTag))
            let css = try await app.testing().sendRequest(.GET, "/css/app.css")
            #expect(css.status == .ok && Data(buffer: css.body) == bytes)
            for name: HTTPHeaders.Name in [.eTag, .lastModified, .contentType] {
                #expect(css.headers.first(name: name) == reference.headers.first(name: name), "\(name)")
            }
            #expect(css.headers.first(name: .cacheControl) == "public, max-age=3600")
            let held = try await app.testing().sendRequest(.GET, "/css/app.css", headers: ["If-None-Match": eTag])
            let heldOnDisk = try await fromDisk(["If-None-Match": eTag])
            #expect(held.status == .notModified && heldOnDisk.status == .notModified && held.body.readableBytes == 0)
            for name: HTTPHeaders.Name in [.eTag, .lastModified, .contentType, .contentLength] {
                #expect(held.headers.first(name: name) == heldOnDisk.headers.first(name: name), "304 \(name)")
            }
            let other = try await app.testing().sendRequest(.GET, "/css/app.css", headers: ["If-None-Match": "\"1-2\""])
            #expect(other.status == .ok && other.body.readableBytes == bytes.count)
            // A kept file is answered whole: a range is ignored and none is offered.
            let range = try await app.testing().sendRequest(.GET, "/css/app.css", headers: ["Range": "bytes=0-9"])
            #expect(range.status == .ok && Data(buffer: range.body) == bytes)
            #expect(!css.headers.contains(name: .acceptRanges))
            let head = try await app.testing().sendRequest(.HEAD, "/css/app.css")
            #expect(head.status == .ok && head.headers.first(name: .eTag) == eTag)
        }
    }

    @Test("Every regular file under Public/ by its relative path, within the bounds; a larger one is left to the disk")
    func bounds() throws {
        let dir = NSTemporaryDirectory() + "kept-\(UUID().uuidString)/"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "js/deep", withIntermediateDirectories: true)
        try Data("a{}".utf8).write(to: URL(fileURLWithPath: dir + "js/deep/a.css"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "top.txt"))
        try Data(count: KeptFiles.maxFile + 1).write(to: URL(fileURLWithPath: dir + "big.bin"))
        let kept = KeptFiles(publicDirectory: dir)
        #expect(Set(kept.files.keys) == ["js/deep/a.css", "top.txt"])
        let css = try #require(kept.response("js/deep/a.css", ifNoneMatch: nil))
        #expect(css.status == .ok && css.headers.contentType == .css && css.body.string == "a{}")
        #expect(kept.response("big.bin", ifNoneMatch: nil) == nil && kept.response("js", ifNoneMatch: nil) == nil)
        #expect(PublicFilesMiddleware.relativePath("//js/%64eep/a.css") == "js/deep/a.css")
        // Past `maxTotal` in all, the rest is left to the disk: nine files of 4 MB, at most eight kept.
        let many = NSTemporaryDirectory() + "kept-\(UUID().uuidString)/"
        defer { try? FileManager.default.removeItem(atPath: many) }
        try FileManager.default.createDirectory(atPath: many, withIntermediateDirectories: true)
        for i in 0..<9 { try Data(count: KeptFiles.maxFile).write(to: URL(fileURLWithPath: many + "f\(i).bin")) }
        let bounded = KeptFiles(publicDirectory: many)
        #expect(bounded.files.count == KeptFiles.maxTotal / KeptFiles.maxFile)
        #expect(bounded.files.values.reduce(0) { $0 + $1.body.readableBytes } <= KeptFiles.maxTotal)
    }

    /// A responder after the middleware: 404 for anything that reaches it.
    struct NotFound: Responder {
        func respond(to request: Request) -> EventLoopFuture<Response> {
            request.eventLoop.makeSucceededFuture(Response(status: .notFound))
        }
    }

    @Test("The middleware answers from its copy, not the disk: a file removed after start is still served as it was")
    func fromMemory() async throws {
        try await withTestApp(demo: false) { app in
            let dir = NSTemporaryDirectory() + "kept-\(UUID().uuidString)/"
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try FileManager.default.createDirectory(atPath: dir + "css", withIntermediateDirectories: true)
            try Data("b{}".utf8).write(to: URL(fileURLWithPath: dir + "css/b.css"))
            let middleware = PublicFilesMiddleware(publicDirectory: dir)
            try FileManager.default.removeItem(atPath: dir + "css/b.css")
            func get(_ path: String) async throws -> Response {
                let req = Request(application: app, method: .GET, url: URI(path: path), on: app.eventLoopGroup.next())
                return try await middleware.respond(to: req, chainingTo: NotFound()).get()
            }
            let kept = try await get("/css/b.css")
            #expect(kept.status == .ok && kept.body.string == "b{}")
            // Not kept: the disk (FileMiddleware), which has no such file, then the next responder.
            #expect(try await get("/css/c.css").status == .notFound)
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
            #expect(PublicFilesMiddleware.relativePath("/css/app.css") == "css/app.css")
            #expect(PublicFilesMiddleware.relativePath("///css") == "css")
            #expect(PublicFilesMiddleware.relativePath("/") == "")
            #expect(PublicFilesMiddleware.relativePath("/%zz") == nil)
        }
    }
}
