import Domain
import Fluent
import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The package root, found from this file, so tests find Resources/ wherever they run.
let packageRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

let demoPassword = "mat-khau-mau-2024"
let adminPassword = "mat-khau-quan-tri-2024"

/// A fresh app per test: in-memory SQLite by default; with TEST_DATABASE_URL, PostgreSQL in a schema
/// of its own that is dropped afterwards. Tests run in parallel either way.
/// `sqliteFile`: a temporary SQLite file in WAL mode instead of memory, for tests where a reader runs
/// beside a long write transaction (an in-memory shared-cache database locks readers out; a WAL file,
/// like production, does not).
func withTestApp(demo: Bool = true, sqliteFile: Bool = false, _ body: (Application) async throws -> Void) async throws {
    let onPostgres = !(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty
    if onPostgres { await TestDatabaseSlots.postgres.acquire() }
    defer { if onPostgres { TestDatabaseSlots.postgres.releaseLater() } }
    let app = try await Application.make(.testing)
    var schema: String?
    let database: AppConfig.DatabaseKind
    if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
        let s = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        schema = s
        database = .postgres(url: url, searchPath: [s, "public"])
    } else if sqliteFile {
        let dir = NSTemporaryDirectory() + "dienhinh-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        database = .sqliteFile(path: dir + "/dienhinh.sqlite")
    } else {
        database = .sqliteMemory
    }
    let config = AppConfig(
        database: database, adminPassword: adminPassword, demoPassword: demoPassword, secureCookies: nil,
        bcryptCost: 4, workingDirectory: packageRoot)
    var failure: (any Error)?
    do {
        try await configure(app, config)
        if let schema { try await app.db.sql().raw("CREATE SCHEMA \(ident: schema)").run() }
        try await Bootstrap.prepare(app)
        _ = try await DemoData.ensureAdmin(app: app, config: config)
        if demo { _ = try await DemoData.loadIfEmpty(app: app, config: config) }
        try await body(app)
    } catch {
        failure = error
    }
    if let schema { try? await app.db.sql().raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
    try await app.asyncShutdown()
    if case .sqliteFile(let path) = database {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    if let failure { throw failure }
}

/// PostgreSQL accepts 100 connections by default and each test app keeps a few (up to 4 per event loop), while
/// the tests run in parallel: at most `limit` PostgreSQL test apps are alive at once, the others wait their turn.
actor TestDatabaseSlots {
    static let postgres = TestDatabaseSlots(limit: 12)
    let limit: Int
    private var used = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if used < limit {
            used += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { used -= 1 } else { waiting.removeFirst().resume() }
    }

    nonisolated func releaseLater() { Task { await self.release() } }
}

struct Sent {
    let status: HTTPStatus
    let headers: HTTPHeaders
    let text: String
    /// The body as bytes, for downloads.
    var bytes: [UInt8] = []
    var location: String? { headers.first(name: .location) }
    func json<T: Decodable>(_ t: T.Type) throws -> T {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return try d.decode(T.self, from: Data(text.utf8))
    }
    func jsonObject() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}

/// A browser: keeps cookies, reads the CSRF token from the last form it saw.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, form: [(String, String)]? = nil, raw: String? = nil,
        headers extra: HTTPHeaders = [:]
    ) async throws -> Sent {
        var headers = extra
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        var body: ByteBuffer?
        if let form {
            headers.contentType = .urlEncodedForm
            var c = URLComponents()
            c.queryItems = form.map { URLQueryItem(name: $0.0, value: $0.1) }
            let encoded = (c.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
            body = ByteBuffer(string: encoded)
        }
        if let raw {
            // A body as a careless client sends it, not re-encoded.
            headers.contentType = .urlEncodedForm
            body = ByteBuffer(string: raw)
        }
        let res = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for cookie in res.headers[.setCookie] {
            let pair = cookie.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if cookie.lowercased().contains("expires=thu, 01 jan 1970") || parts[1].isEmpty {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
        let text = String(buffer: res.body)
        if let r = text.range(of: "name=\"_csrf\" value=\"") {
            let rest = text[r.upperBound...]
            if let end = rest.firstIndex(of: "\"") { csrf = String(rest[..<end]) }
        }
        return Sent(status: res.status, headers: res.headers, text: text, bytes: Array(buffer: res.body))
    }

    /// Sends a form with the CSRF token of the last page.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)]) async throws -> Sent {
        try await send(.POST, path, form: [("_csrf", csrf ?? "")] + fields)
    }

    func login(_ username: String, _ password: String = demoPassword) async throws {
        try await send(.GET, "/dang-nhap")
        let res = try await post("/dang-nhap", [("username", username), ("password", password), ("next", "/app")])
        #expect(
            res.status == .seeOther, "login of \(username) should redirect, got \(res.status): \(res.text.prefix(300))")
        try await send(.GET, "/app")
    }
}

/// An API client with a bearer token.
struct APIClient {
    let app: Application
    let token: String?

    static func login(_ app: Application, _ username: String, _ password: String = demoPassword) async throws
        -> APIClient
    {
        let anon = APIClient(app: app, token: nil)
        let res = try await anon.send(.POST, "/api/v1/auth/token", json: ["username": username, "password": password])
        #expect(res.status == .ok, "token for \(username): \(res.text)")
        let token = try res.jsonObject()["token"] as? String
        return APIClient(app: app, token: token)
    }

    func send(_ method: HTTPMethod, _ path: String, json: Any? = nil) async throws -> Sent {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        }
        let res = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        return Sent(status: res.status, headers: res.headers, text: String(buffer: res.body))
    }
}

extension APIClient {
    /// A multipart upload of one file in the field "file", with the bearer token.
    func upload(
        _ path: String, filename: String, type: String = "application/octet-stream", bytes: [UInt8],
        fields: [(String, String)] = []
    ) async throws -> Sent {
        let (h, body) = multipart(fields, file: ("file", filename, type, bytes))
        var headers = h
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
        return Sent(status: res.status, headers: res.headers, text: String(buffer: res.body))
    }
}

func unitID(_ app: Application, _ code: String) async throws -> Int {
    try #require(try await UnitModel.query(on: app.db).filter(\.$code == code).first()?.id)
}
