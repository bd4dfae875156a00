import App
import Benchmark
import Foundation
import Vapor

// Whole requests through the app's own responder — middleware, sessions or tokens, access, SQL, Leaf — with no
// socket and no HTTP parsing, on a database filled by `dienhinh gen-data` (the same endpoints as
// `Benchmarks/http/run.py`). Each page is read against the bare route `/healthz` of the same run: the ratio is the
// page's own cost, whatever the machine is doing.
//
//     DIENHINH_BENCH_DATABASE=/path/dienhinh.sqlite  (or DATABASE_URL=postgres://…)
//     DIENHINH_BENCH_PASSWORD=…   the admin's password (run.py's default when unset)

/// The app, signed in twice (a web session and an API token), and the ids the paths need.
final class Harness: @unchecked Sendable {
    let app: Application
    let cookie: HTTPHeaders
    let bearer: HTTPHeaders
    let paths: [(name: String, path: String, web: Bool?)]

    static func make() async throws -> Harness {
        let environment = ProcessInfo.processInfo.environment
        guard environment["DIENHINH_BENCH_DATABASE"] != nil || environment["DATABASE_URL"] != nil else {
            fatalError("Pages: set DIENHINH_BENCH_DATABASE (an SQLite file made by gen-data) or DATABASE_URL")
        }
        var env = environment
        if let path = environment["DIENHINH_BENCH_DATABASE"] { env["DATABASE_PATH"] = path }
        env["DIENHINH_DEMO"] = nil
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../..").standardizedFileURL.path
        env["DIENHINH_RESOURCES"] = env["DIENHINH_RESOURCES"] ?? root
        let app = try await Application.make(.production)
        app.logger.logLevel = .error
        let config = try AppConfig.fromEnvironment(env, workingDirectory: root)
        try await configure(app, config)
        try await app.asyncBoot()
        let password = environment["DIENHINH_BENCH_PASSWORD"] ?? "mat-khau-quan-tri-benchmark"

        // A web session: the sign-in form's CSRF token, then the form.
        let form = try await respond(app, .GET, "/dang-nhap")
        let csrf = try firstMatch(#"name="_csrf" value="([^"]+)""#, in: form.text)
        var formHeaders = HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")])
        formHeaders.add(name: .cookie, value: cookies(form.response))
        let body = "_csrf=\(percent(csrf))&username=admin&password=\(percent(password))"
        let signedIn = try await respond(app, .POST, "/dang-nhap", headers: formHeaders, body: body, expect: .seeOther)
        let cookie = HTTPHeaders([("Cookie", cookies(form.response) + "; " + cookies(signedIn.response))])

        let token = try await respond(
            app, .POST, "/api/v1/auth/token", headers: HTTPHeaders([("Content-Type", "application/json")]),
            body: #"{"username":"admin","password":"\#(password)"}"#)
        let bearer = HTTPHeaders([("Authorization", "Bearer " + (try string(json(token.text)["token"])))])

        let list = try json(try await respond(app, .GET, "/api/v1/registrations?perPage=1", headers: bearer).text)
        guard let first = (list["items"] as? [[String: Any]])?.first else {
            throw Abort(.internalServerError, reason: "the database has no registration: fill it with gen-data")
        }
        let registration = try string(first["id"])
        let unit = try string(first["unitID"])
        let exemplars = try await respond(app, .GET, "/dien-hinh").text
        let exemplar = (try? firstMatch(#"href="(/dien-hinh/\d+)""#, in: exemplars)) ?? "/dien-hinh/0"
        let paths = endpoints.map { endpoint in
            let path = endpoint.path.replacingOccurrences(of: "{unit}", with: unit)
                .replacingOccurrences(of: "{registration}", with: registration)
                .replacingOccurrences(of: "{exemplar}", with: exemplar)
            return (endpoint.name, path, endpoint.web)
        }
        return Harness(app: app, cookie: cookie, bearer: bearer, paths: paths)
    }

    private init(app: Application, cookie: HTTPHeaders, bearer: HTTPHeaders, paths: [(String, String, Bool?)]) {
        self.app = app
        self.cookie = cookie
        self.bearer = bearer
        self.paths = paths.map { (name: $0.0, path: $0.1, web: $0.2) }
    }

    /// One GET as a signed-in user (web session, API token) or an anonymous one; anything but 200 stops the run.
    func get(_ path: String, web: Bool?) async throws -> Int {
        let headers = web.map { $0 ? cookie : bearer } ?? [:]
        return try await Self.respond(app, .GET, path, headers: headers).response.body.count
    }

    static func respond(
        _ app: Application, _ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: String? = nil,
        expect: HTTPStatus = .ok
    ) async throws -> (response: Response, text: String) {
        let request = Request(
            application: app, method: method, url: URI(string: path), headers: headers,
            collectedBody: body.map { ByteBuffer(string: $0) }, on: app.eventLoopGroup.any())
        let response = try await app.responder.respond(to: request).get()
        guard response.status == expect else {
            throw Abort(.internalServerError, reason: "\(method) \(path): \(response.status), not \(expect)")
        }
        return (response, response.body.string ?? "")
    }

    private static func cookies(_ response: Response) -> String {
        response.headers[.setCookie].compactMap { $0.split(separator: ";").first.map(String.init) }.joined(
            separator: "; ")
    }

    private static func firstMatch(_ pattern: String, in text: String) throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { throw Abort(.internalServerError, reason: "\(pattern) not found") }
        return String(text[range])
    }

    private static func json(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Abort(.internalServerError, reason: "not a JSON object: \(text.prefix(200))")
        }
        return object
    }

    private static func string(_ value: Any?) throws -> String {
        switch value {
        case let s as String: return s
        case let n as Int: return String(n)
        default: throw Abort(.internalServerError, reason: "missing value in the API's answer")
        }
    }

    private static func percent(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}

nonisolated(unsafe) var harness: Harness?

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], warmupIterations: 3,
        maxDuration: .seconds(4), maxIterations: 2_000)
    Benchmark.setup = { harness = try await Harness.make() }
    Benchmark.teardown = {
        try await harness?.app.asyncShutdown()
        harness = nil
    }
    for (index, endpoint) in Harness.endpoints.enumerated() {
        Benchmark(endpoint.name) { benchmark in
            guard let harness else { return }
            let (_, path, web) = harness.paths[index]
            for _ in benchmark.scaledIterations { blackHole(try await harness.get(path, web: web)) }
        }
    }
}

extension Harness {
    /// What is measured: a name, a path (its ids found at setup) and who asks: a web session (true), an API token
    /// (false) or nobody. `run.sh` reads every page against the first, the bare route.
    static let endpoints: [(name: String, path: String, web: Bool?)] = [
        ("bare route /healthz", "/healthz", nil),
        (
            "API list, three filters",
            "/api/v1/registrations?year=2024&unitID={unit}&subjectKind=individual&perPage=50",
            false
        ),
        ("API folded search", "/api/v1/registrations?q=sam%20day&perPage=50", false),
        ("web list, three filters", "/app/registrations?year=2024&unitID={unit}&subjectKind=individual", true),
        ("web folded search", "/app/registrations?q=sam%20day", true),
        ("standing office home", "/app", true),
        ("dashboard", "/app/dashboard", true),
        ("a registration's page", "/app/registrations/{registration}", true),
        ("registration form", "/app/registrations/new", true),
        ("public home page", "/", nil),
        ("public exemplar page", "{exemplar}", nil),
    ]
}
