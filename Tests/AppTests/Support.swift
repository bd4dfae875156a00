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

/// A fresh app per test, started from a copy of a database made once per test process (migrated, with the admin
/// and, unless `demo: false`, the small demo), so a test pays for a file copy instead of the migrations and the
/// demo. SQLite: a temporary WAL file of its own, like production (readers beside a long write transaction are
/// not locked out). With TEST_DATABASE_URL: a PostgreSQL database of its own, created from a template database and
/// dropped afterwards. Tests run in parallel either way. The app starts from the copy the way a server does
/// (`Bootstrap.prepare`, the admin check, the demo check), so the start path is still the one under test.
/// `sqliteFile` is kept for the tests that say they need a file: every SQLite test app now has one.
func withTestApp(
    demo: Bool = true, sqliteFile: Bool = false, adjust: (inout AppConfig) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let onPostgres = !(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty
    if onPostgres { await TestDatabaseSlots.postgres.acquire() }
    defer { if onPostgres { TestDatabaseSlots.postgres.releaseLater() } }
    let database = try await TestTemplates.shared.copy(demo: demo)
    let app = try await Application.make(.testing)
    var config = testConfig(database)
    adjust(&config)
    var failure: (any Error)?
    do {
        try await configure(app, config)
        try await Bootstrap.prepare(app)
        _ = try await DemoData.ensureAdmin(app: app, config: config)
        if demo { _ = try await DemoData.loadIfEmpty(app: app, config: config) }
        try await body(app)
    } catch {
        failure = TestSetupError.described(error)
    }
    try await app.asyncShutdown()
    try await TestTemplates.shared.remove(database)
    if let failure { throw failure }
}

/// The part of a page from the first `start` to the first `end` after it, both included.
func slice(_ html: String, from start: String, through end: String) throws -> String {
    let from = try #require(html.range(of: start))
    let to = try #require(html.range(of: end, range: from.upperBound..<html.endIndex))
    return String(html[from.lowerBound..<to.upperBound])
}

/// An error of a test's database, with the words PostgreSQL gave: `PSQLError`'s description is a generic line
/// (CI once showed only "PSQLError – Generic description…"), its `String(reflecting:)` names the SQL state.
struct TestSetupError: Error, CustomStringConvertible {
    let stage: String
    let detail: String
    var description: String { "\(stage): \(detail)" }

    static func described(_ error: any Error) -> any Error {
        guard String(describing: type(of: error)).hasPrefix("PSQL") else { return error }
        return TestSetupError(stage: "PostgreSQL", detail: String(reflecting: error))
    }
}

func testConfig(_ database: AppConfig.DatabaseKind) -> AppConfig {
    AppConfig(
        database: database, adminPassword: adminPassword, demoPassword: demoPassword, secureCookies: nil,
        bcryptCost: 4, workingDirectory: packageRoot)
}

/// The databases tests start from, made once per process and per `demo`: a SQLite folder (the file and its
/// uploads) copied per test, or a PostgreSQL template database. Names carry the process id, so a later run drops
/// what a killed run left behind, and never what a live run is using.
actor TestTemplates {
    static let shared = TestTemplates()
    private var made: [Bool: Task<String, any Error>] = [:]
    private var admin: Task<Application, any Error>?
    private let baseURL = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    private let pid = ProcessInfo.processInfo.processIdentifier

    /// A new database of its own for one test.
    func copy(demo: Bool) async throws -> AppConfig.DatabaseKind {
        let template = try await template(demo: demo)
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        if let baseURL {
            let name = "dh_t_\(pid)_\(id)"
            try await adminSQL("CREATE DATABASE \(name) TEMPLATE \(template)")
            return .postgres(url: try Self.url(baseURL, database: name), searchPath: nil)
        }
        let dir = NSTemporaryDirectory() + "dienhinh-test-\(id)"
        try FileManager.default.copyItem(atPath: template, toPath: dir)
        return .sqliteFile(path: dir + "/dienhinh.sqlite")
    }

    func remove(_ database: AppConfig.DatabaseKind) async throws {
        switch database {
        case .sqliteFile(let path):
            try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
        case .postgres(let url, _):
            guard let name = URLComponents(string: url)?.path.dropFirst(), !name.isEmpty else { return }
            try await dropDatabase(String(name))
        case .sqliteMemory:
            break
        }
    }

    private func template(demo: Bool) async throws -> String {
        if let task = made[demo] { return try await task.value }
        let task = Task { try await self.make(demo: demo) }
        made[demo] = task
        return try await task.value
    }

    private func make(demo: Bool) async throws -> String {
        let database: AppConfig.DatabaseKind
        let result: String
        if let baseURL {
            try await dropLeftovers()
            result = "dh_tpl_\(pid)_\(demo ? "demo" : "bare")"
            try await dropDatabase(result)
            try await adminSQL("CREATE DATABASE \(result)")
            database = .postgres(url: try Self.url(baseURL, database: result), searchPath: nil)
        } else {
            result = NSTemporaryDirectory() + "dienhinh-template-\(pid)-\(demo ? "demo" : "bare")"
            try? FileManager.default.removeItem(atPath: result)
            try FileManager.default.createDirectory(atPath: result, withIntermediateDirectories: true)
            database = .sqliteFile(path: result + "/dienhinh.sqlite")
        }
        let app = try await Application.make(.testing)
        let config = testConfig(database)
        do {
            try await configure(app, config)
            try await Bootstrap.prepare(app)
            _ = try await DemoData.ensureAdmin(app: app, config: config)
            if demo { _ = try await DemoData.loadIfEmpty(app: app, config: config) }
            if case .sqliteFile = database {
                // Everything into the main file, so a copy of the folder is the whole database.
                try await app.db.sql().raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return result
    }

    /// The server's `max_connections`.
    func maxConnections() async throws -> Int {
        let row = try await adminApp().db.sql().raw("SHOW max_connections").first()
        return Int(try row?.decode(column: "max_connections", as: String.self) ?? "") ?? 100
    }

    /// Test and template databases of runs whose process is gone.
    private func dropLeftovers() async throws {
        let rows = try await adminApp().db.sql()
            .raw("SELECT datname FROM pg_database WHERE datname LIKE 'dh\\_t%\\_%'").all()
        for row in rows {
            let name = try row.decode(column: "datname", as: String.self)
            let parts = name.split(separator: "_")
            guard parts.count >= 4, parts[1] == "t" || parts[1] == "tpl", let owner = Int32(parts[2]) else { continue }
            if owner != pid && kill(owner, 0) != 0 {
                try await dropDatabase(name)
            }
        }
    }

    /// Drops a test database on TEST_DATABASE_URL's server, ending the sessions still on it. `WITH (FORCE)` needs
    /// the right to end others' sessions; an autovacuum worker on the database belongs to no role, so a role that is
    /// neither superuser nor in `pg_signal_backend` gets 42501 (CI stop 24): then the plain DROP, which waits for
    /// the worker (and is tried again by `adminSQL` while the database is in use).
    func dropDatabase(_ name: String) async throws {
        do {
            try await adminSQL("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        } catch let e as TestSetupError where e.detail.contains("42501") {
            try await adminSQL("DROP DATABASE IF EXISTS \(name)")
        }
    }

    /// CREATE and DROP DATABASE, tried again a few times when PostgreSQL says the template is in use (55006: an
    /// autovacuum worker or a closing connection of the template's maker may still be on it on a loaded host).
    /// Other errors are thrown with PostgreSQL's own words, which `PSQLError` hides from its description.
    private func adminSQL(_ sql: String) async throws {
        var attempt = 0
        while true {
            do {
                try await adminApp().db.sql().raw(SQLQueryString(sql)).run()
                return
            } catch {
                let detail = String(reflecting: error)
                attempt += 1
                guard attempt < 8, detail.contains("55006") || detail.contains("being accessed by other users") else {
                    throw TestSetupError(stage: sql, detail: detail)
                }
                try await Task.sleep(for: .milliseconds(250 * attempt))
            }
        }
    }

    /// One connection pool on TEST_DATABASE_URL's own database, for CREATE and DROP DATABASE; made once (a Task,
    /// because the actor may be entered again while the first caller waits). A caller may wait long for one of its
    /// connections: PostgreSQL 15's DROP DATABASE waits for a checkpoint, and on a loaded host one took 18.6 s (its
    /// sync of 7,442 files), so every CREATE and DROP queued behind it and AsyncKit's 10 s ended four tests with
    /// `connectionRequestTimeout` (CI stop 33).
    private func adminApp() async throws -> Application {
        if let admin { return try await admin.value }
        let baseURL = self.baseURL
        let task = Task {
            let app = try await Application.make(.testing)
            do {
                // 15 minutes: past the setting's range (1–600 s), which bounds what an operator types.
                var config = testConfig(.postgres(url: try #require(baseURL), searchPath: nil))
                config.postgresPoolWait = 900
                try configureDatabase(app, config)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            return app
        }
        admin = task
        return try await task.value
    }

    private static func url(_ base: String, database: String) throws -> String {
        var c = try #require(URLComponents(string: base))
        c.path = "/" + database
        return try #require(c.string)
    }
}

/// Each PostgreSQL test app may open up to 4 connections per event loop (8 on 2 cores, 32 on 8), and the tests run in
/// parallel: at most `limit` PostgreSQL test apps are alive at once, the others wait their turn. The limit comes from
/// the server's own `max_connections` (less a margin for the admin pool and superusers), so a default server (100)
/// is never overrun — CI once failed with 53300 "remaining connection slots are reserved" — and a server with more
/// (CI sets 500) runs more apps side by side; at most 16, beyond which a test run gains nothing.
actor TestDatabaseSlots {
    static let postgres = TestDatabaseSlots()
    private var limit: Int?
    private var used = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if limit == nil {
            let perApp = 4 * System.coreCount
            let server = (try? await TestTemplates.shared.maxConnections()) ?? 100
            let computed = max(2, min(16, (server - 10 - perApp) / perApp))
            // Another caller may have set it while this one asked the server.
            if limit == nil {
                limit = computed
                print(
                    "PostgreSQL tests: max_connections \(server), \(System.coreCount) cores → \(computed) test apps at once"
                )
            }
        }
        if used < limit ?? 2 {
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

extension APIClient {
    /// An individual registered through the API (`POST /api/v1/registrations`, a "CN-03" model unless said): the
    /// answer, for the caller to check. `movementIDs` is sent only when given.
    func registerIndividual(
        _ name: String, unit: Int, year: Int = 2025, typeCode: String = "CN-03", title: String,
        movementIDs: [Int]? = nil
    ) async throws -> Sent {
        var body: [String: Any] = [
            "year": year, "unitID": unit, "typeCode": typeCode, "title": title,
            "subject": ["kind": "individual", "name": name],
        ]
        if let movementIDs { body["movementIDs"] = movementIDs }
        return try await send(.POST, "/api/v1/registrations", json: body)
    }
}

func unitID(_ app: Application, _ code: String) async throws -> Int {
    try #require(try await UnitModel.query(on: app.db).filter(\.$code == code).first()?.id)
}

/// Every row of a keyset-paged list, `perPage` at a time, following each page's cursor to the end.
func everyPage<T: Sendable>(q: String, perPage: Int, _ fetch: (ListQuery) async throws -> App.Page<T>) async throws
    -> [T]
{
    var rows: [T] = []
    var list = ListQuery(q: q, page: nil, perPage: perPage)
    while true {
        let page = try await fetch(list)
        rows += page.items
        guard let next = page.next else { return rows }
        list.after = next.token
    }
}

/// Starting with `env` stops with a configuration error that names `variable` and whose message says `message`.
func expectRefused(
    _ env: [String: String], naming variable: String, saying message: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        _ = try AppConfig.fromEnvironment(env, workingDirectory: NSTemporaryDirectory())
        Issue.record("\(env) was accepted", sourceLocation: sourceLocation)
    } catch let e as ConfigError {
        #expect(
            e.variable == variable && (message.isEmpty || e.message.contains(message)), "\(e.variable): \(e.message)",
            sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(env): \(error)", sourceLocation: sourceLocation)
    }
}
