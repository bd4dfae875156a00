import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor

@testable import App

/// A clock the test moves by hand: the throttle's windows pass without sleeping.
final class TestClock: Sendable {
    private let time = NIOLockedValueBox(Date())
    func now() -> Date { time.withLockedValue { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
}

/// Sends a token request with an optional client address (X-Forwarded-For, read only when the policy trusts it).
private func tokenRequest(_ app: Application, _ username: String, _ password: String, from address: String? = nil)
    async throws -> Sent
{
    var headers = HTTPHeaders()
    headers.contentType = .json
    if let address { headers.replaceOrAdd(name: .xForwardedFor, value: address) }
    let body = ByteBuffer(
        data: try JSONSerialization.data(withJSONObject: ["username": username, "password": password]))
    let res = try await app.testing().sendRequest(.POST, "/api/v1/auth/token", headers: headers, body: body)
    return Sent(status: res.status, headers: res.headers, text: String(buffer: res.body))
}

@discardableResult
private func useClock(_ app: Application) -> TestClock {
    let clock = TestClock()
    app.loginThrottle.now = { clock.now() }
    return clock
}

@Suite("Login throttling, bounded bcrypt, login audit, password and admin rules, safe next, quiet help")
struct AuthSecurityTests {
    @Test("API: after 5 wrong passwords the account answers 429 with Retry-After, even to the right password")
    func apiLockout() async throws {
        try await withTestApp { app in
            let clock = useClock(app)
            for _ in 0..<5 {
                #expect(try await tokenRequest(app, "noivu", "sai-mat-khau-roi").status == .unauthorized)
            }
            let locked = try await tokenRequest(app, "noivu", demoPassword)
            #expect(locked.status == .tooManyRequests)
            let retry = Int(locked.headers.first(name: .retryAfter) ?? "") ?? 0
            #expect(retry > 0 && retry <= 60)
            #expect(try locked.jsonObject()["code"] as? String == "too_many_requests")
            #expect(
                try locked.jsonObject()["message"] as? String
                    == "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.")
            // An unknown username gets the same answers: its existence is not revealed.
            for _ in 0..<5 {
                #expect(try await tokenRequest(app, "khong-co-ai", "sai-mat-khau-roi").status == .unauthorized)
            }
            #expect(try await tokenRequest(app, "khong-co-ai", demoPassword).status == .tooManyRequests)

            // After the lockout, one more failure locks it again, for twice as long.
            clock.advance(61)
            #expect(try await tokenRequest(app, "noivu", "sai-mat-khau-roi").status == .unauthorized)
            let longer = try await tokenRequest(app, "noivu", demoPassword)
            #expect(longer.status == .tooManyRequests)
            #expect((Int(longer.headers.first(name: .retryAfter) ?? "") ?? 0) > 60)
            #expect((try longer.jsonObject()["message"] as? String)?.contains("sau 2 phút") == true)

            // Once it passes, the right password works and clears the account's count.
            clock.advance(121)
            #expect(try await tokenRequest(app, "noivu", demoPassword).status == .ok)
            #expect(try await LoginFailureModel.query(on: app.db).filter(\.$account == "noivu").count() == 0)
            #expect(try await tokenRequest(app, "noivu", "sai-mat-khau-roi").status == .unauthorized)
            #expect(try await tokenRequest(app, "noivu", demoPassword).status == .ok)
        }
    }

    @Test("Web: after 5 wrong passwords the form answers 429 with the message and the username kept; no session")
    func webLockout() async throws {
        try await withTestApp { app in
            let clock = useClock(app)
            let b = Browser(app)
            try await b.send(.GET, "/dang-nhap")
            for _ in 0..<5 {
                let res = try await b.post("/dang-nhap", [("username", "dakruong"), ("password", "sai-mat-khau-roi")])
                #expect(res.status == .unauthorized)
            }
            let res = try await b.post("/dang-nhap", [("username", "dakruong"), ("password", demoPassword)])
            #expect(res.status == .tooManyRequests)
            #expect(res.text.contains("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút."))
            #expect(res.text.contains("value=\"dakruong\""))
            #expect(res.headers.first(name: .retryAfter) != nil)
            #expect(b.cookies[AuthCookies.session] == nil)
            // The API login of the same account is refused too: one count per account.
            #expect(try await tokenRequest(app, "dakruong", demoPassword).status == .tooManyRequests)
            clock.advance(16 * 60)
            try await b.login("dakruong")
            #expect(b.cookies[AuthCookies.session] != nil)
        }
    }

    @Test("Attempts waiting for bcrypt count at once: a burst cannot pass the limit while the pool is busy")
    func burstCounted() async throws {
        // Patient writes: the five failures write their audit entries at once when the pool is released, and on a
        // saturated host (both suites and a build) two of them once waited past the 45 s writer wait (503).
        try await withTestApp(adjust: AuditChainTests.patientWrites) { app in
            useClock(app)
            let work = app.passwordWork
            let gate = DispatchSemaphore(value: 0)
            let blocked = (0..<work.threads).map { _ in
                work.pool.runIfActive(eventLoop: app.eventLoopGroup.next()) { gate.wait() }
            }
            var pending: [Task<HTTPStatus, any Error>] = []
            for i in 1...5 {
                pending.append(Task { try await tokenRequest(app, "giaoduc", "sai-mat-khau-roi").status })
                while try await LoginFailureModel.query(on: app.db).count() < i {
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            // If attempts were counted only after bcrypt, the sixth would wait here too: release the pool after a
            // while so that the test fails instead of hanging. The clock starts only now, so a loaded host that is
            // slow to record the five failures above cannot use it up.
            let released = NIOLockedValueBox(false)
            let release = Task {
                try? await Task.sleep(for: .seconds(60))
                guard !Task.isCancelled else { return }
                released.withLockedValue { $0 = true }
                for _ in 0..<work.threads { gate.signal() }
            }
            let sixth = try await tokenRequest(app, "giaoduc", demoPassword)
            let stillBlocked = !released.withLockedValue { $0 }
            release.cancel()
            for _ in 0..<work.threads { gate.signal() }
            for f in blocked { try await f.get() }
            #expect(sixth.status == .tooManyRequests)
            #expect(stillBlocked)
            for t in pending { #expect(try await t.value == .unauthorized) }
        }
    }

    @Test("Per address: 20 failures over different usernames refuse that address, not another one")
    func addressLimit() async throws {
        try await withTestApp { app in
            useClock(app)
            app.loginThrottle.policy.trustForwardedFor = true
            let attacker = "203.0.113.7"
            for i in 0..<20 {
                let res = try await tokenRequest(
                    app, "ten-doan-\(i)", "sai-mat-khau-roi", from: "10.0.0.1, \(attacker)")
                #expect(res.status == .unauthorized)
            }
            #expect(try await tokenRequest(app, "hoidong", demoPassword, from: attacker).status == .tooManyRequests)
            #expect(try await tokenRequest(app, "hoidong", demoPassword, from: "198.51.100.2").status == .ok)
            // Without trust in the proxy, the header is ignored (a client cannot pick its own address).
            app.loginThrottle.policy.trustForwardedFor = false
            #expect(try await tokenRequest(app, "hoidong", demoPassword, from: attacker).status == .ok)
        }
    }

    @Test("Limits come from the environment, with defaults; a wrong value names its variable")
    func policyFromEnvironment() throws {
        let standard = try AppConfig.fromEnvironment([:], workingDirectory: packageRoot).loginThrottle
        #expect(standard.maxFailuresPerAccount == 5)
        #expect(standard.maxFailuresPerAddress == 20)
        #expect(standard.window == 15 * 60)
        #expect(standard.trustForwardedFor == false)
        let custom = try AppConfig.fromEnvironment(
            [
                "DIENHINH_LOGIN_MAX_FAILURES": "3", "DIENHINH_LOGIN_MAX_FAILURES_PER_ADDRESS": "50",
                "DIENHINH_LOGIN_WINDOW_MINUTES": "30", "DIENHINH_TRUST_PROXY": "true",
            ], workingDirectory: packageRoot
        ).loginThrottle
        #expect(custom.maxFailuresPerAccount == 3 && custom.maxFailuresPerAddress == 50)
        #expect(custom.window == 30 * 60 && custom.trustForwardedFor)
        #expect(throws: ConfigError.self) {
            try AppConfig.fromEnvironment(["DIENHINH_LOGIN_MAX_FAILURES": "nhiều"], workingDirectory: packageRoot)
        }
    }

    @Test(
        "Every login, failed login, lockout, logout and token revocation is audited, with the address, never the password"
    )
    func audited() async throws {
        try await withTestApp { app in
            useClock(app)
            let wrong = "sai-mat-khau-bi-mat-9"
            let b = Browser(app)
            try await b.send(.GET, "/dang-nhap")
            try await b.post("/dang-nhap", [("username", "noivu"), ("password", wrong)])
            try await b.login("noivu")
            try await b.post("/dang-xuat", [])
            let api = try await APIClient.login(app, "hoidong")
            #expect(try await api.send(.DELETE, "/api/v1/auth/token").status == .noContent)
            for _ in 0..<5 { _ = try await tokenRequest(app, "khong-co-ai", wrong) }

            let rows = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "session").all()
            func count(_ action: String, _ text: String) -> Int {
                rows.filter { $0.action == action && ($0.summary + ($0.after ?? "")).contains(text) }.count
            }
            #expect(count("login-failed", "noivu") == 1)
            #expect(count("login", "noivu") == 1)
            #expect(count("logout", "noivu") == 1)
            #expect(count("login", "hoidong") == 1)
            #expect(count("token-revoke", "hoidong") == 1)
            #expect(count("login-failed", "khong-co-ai") == 5)
            #expect(count("login-locked", "khong-co-ai") == 1)
            #expect(rows.allSatisfy { ($0.after ?? "").contains("address") })
            let all = try await AuditEntryModel.query(on: app.db).all()
            #expect(!all.contains { ($0.summary + ($0.before ?? "") + ($0.after ?? "")).contains(wrong) })
            #expect(!all.contains { ($0.summary + ($0.before ?? "") + ($0.after ?? "")).contains(demoPassword) })
        }
    }

    @Test("A password over bcrypt's 72 bytes is refused when set; 72 bytes are accepted")
    func passwordBytes() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "admin", adminPassword)
            let long = String(repeating: "mật", count: 19) // 19 × 4 bytes = 76 bytes, 57 characters
            #expect(long.utf8.count > 72 && long.count < 128)
            let made = try await api.send(
                .POST, "/api/v1/users",
                json: ["username": "dai72", "fullName": "Thử Dài", "role": "council-member", "password": long])
            #expect(made.status == .unprocessableEntity)
            let fields = try made.jsonObject()["fields"] as? [String: String]
            #expect(fields?["password"]?.contains("72 byte") == true)
            let fits = String(repeating: "a", count: 72)
            let ok = try await api.send(
                .POST, "/api/v1/users",
                json: ["username": "dai72", "fullName": "Thử Dài", "role": "council-member", "password": fits])
            #expect(ok.status == .created)
            let id = try #require(try ok.jsonObject()["id"] as? Int)
            #expect(throws: ConfigError.self) {
                try AppConfig.fromEnvironment(["DIENHINH_ADMIN_PASSWORD": long], workingDirectory: packageRoot)
            }
            let change = try await api.send(
                .PUT, "/api/v1/users/\(id)",
                json: ["username": "dai72", "fullName": "Thử Dài", "role": "council-member", "password": long + "x"])
            #expect(change.status == .unprocessableEntity)
            // The web form says the same.
            let b = Browser(app)
            try await b.login("admin", adminPassword)
            try await b.send(.GET, "/app/users/new")
            let form = try await b.post(
                "/app/users",
                [
                    ("username", "dai73"), ("fullName", "Thử"), ("role", "council-member"), ("unitID", ""),
                    ("password", long),
                ])
            #expect(form.status == .unprocessableEntity)
            #expect(form.text.contains("72 byte"))
        }
    }

    @Test("The last active admin cannot be demoted or locked, by itself or another admin")
    func lastAdmin() async throws {
        try await withTestApp { app in
            let admins = try await UserModel.query(on: app.db).filter(\.$role == "admin").filter(\.$active == true)
                .all()
            #expect(admins.count == 1)
            let adminID = try #require(admins.first?.id)
            let api = try await APIClient.login(app, "admin", adminPassword)
            let demote = try await api.send(
                .PUT, "/api/v1/users/\(adminID)",
                json: ["username": "admin", "fullName": "Quản trị hệ thống", "role": "standing-office"])
            #expect(demote.status == .conflict)
            #expect((try demote.jsonObject()["message"] as? String)?.contains("quản trị hệ thống cuối cùng") == true)
            #expect(try await UserModel.find(adminID, on: app.db)?.role == "admin")

            // A second admin may demote the first; then it is the last and cannot demote or lock itself.
            let second = try await api.send(
                .POST, "/api/v1/users",
                json: ["username": "quantri2", "fullName": "Quản trị Hai", "role": "admin", "password": adminPassword])
            #expect(second.status == .created)
            let secondID = try #require(try second.jsonObject()["id"] as? Int)
            let api2 = try await APIClient.login(app, "quantri2", adminPassword)
            let first = try await api2.send(
                .PUT, "/api/v1/users/\(adminID)",
                json: ["username": "admin", "fullName": "Quản trị hệ thống", "role": "admin", "active": false])
            #expect(first.status == .ok)
            let self1 = try await api2.send(
                .PUT, "/api/v1/users/\(secondID)",
                json: ["username": "quantri2", "fullName": "Quản trị Hai", "role": "council-member"])
            #expect(self1.status == .conflict)
            #expect(try await UserModel.find(secondID, on: app.db)?.role == "admin")
        }
    }

    @Test(
        "next= accepts only same-site paths",
        arguments: [
            "/\t/evil.example/", "//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)",
            "/\n/evil.example", "/app\r\nLocation: https://evil.example", "\\/evil.example", "", "app",
            "/%09/evil.example\u{202E}",
        ])
    func unsafeNext(_ next: String) async throws {
        #expect(AuthWebController.safeNext(next) == "/app")
        try await withTestApp(demo: false) { app in
            let b = Browser(app)
            try await b.send(.GET, "/dang-nhap")
            let res = try await b.post(
                "/dang-nhap", [("username", "admin"), ("password", adminPassword), ("next", next)])
            #expect(res.status == .seeOther)
            #expect(res.location == "/app")
        }
    }

    /// A signed-out visitor opening a search is sent to the login form and, once signed in, back to the same search:
    /// the query's own `+` (a space), `%2B` (a plus sign), `&`, `=` and Vietnamese letters survive the round trip
    /// through the login link (`QueryString`, as every link's query) and the form's hidden field.
    @Test(
        "After signing in, the page asked for comes back with its query exactly",
        arguments: [
            "/app/registrations?q=C%2B%2B+x&year=2024", "/app/registrations?q=%C4%91%C4%83k+r%E1%BB%93ng",
            "/app/units?q=a%26b%3Dc", "/app/registrations",
        ])
    func nextRoundTrip(_ asked: String) async throws {
        try await withTestApp(demo: false) { app in
            let b = Browser(app)
            let away = try await b.send(.GET, asked)
            #expect(away.status == .seeOther || away.status == .found || away.status == .temporaryRedirect)
            let login = try #require(away.location)
            #expect(login.hasPrefix(AuthPath.login.href + "?next="))
            let form = try await b.send(.GET, login)
            let field = try slice(form.text, from: "name=\"next\" value=\"", through: "\"")
            let next = String(field.dropFirst("name=\"next\" value=\"".count).dropLast())
                .replacingOccurrences(of: "&amp;", with: "&")
            let res = try await b.post(
                AuthPath.login.href, [("username", "admin"), ("password", adminPassword), ("next", next)])
            #expect(res.status == .seeOther)
            #expect(res.location == asked)
        }
    }

    @Test("next= keeps a same-site path with its query")
    func safeNext() {
        #expect(AuthWebController.safeNext("/app/units?q=a&page=2") == "/app/units?q=a&page=2")
        #expect(AuthWebController.safeNext("/app/subjects/4") == "/app/subjects/4")
        #expect(AuthWebController.safeNext(nil) == "/app")
    }

    @Test("Help does not start the server's first start; serve and no command do")
    func helpDispatch() {
        for args in [["--help"], ["-h"], ["serve", "--help"], ["user", "create", "--help"], ["migrate", "--help"]] {
            #expect(!CommandLineDispatch.runsFirstStart(args), "\(args)")
        }
        for args in [[], ["serve"], ["serve", "--hostname", "0.0.0.0"], ["--port", "8081"]] {
            #expect(CommandLineDispatch.runsFirstStart(args), "\(args)")
        }
        #expect(!CommandLineDispatch.runsFirstStart(["migrate"]))
    }

    static let binary = packageRoot + "/.build/debug/dienhinh"

    @Test(
        "dienhinh --help and dienhinh <cmd> --help create no database and print no password",
        .enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func helpTouchesNothing() throws {
        for args in [["--help"], ["serve", "--help"], ["user", "create", "--help"], ["demo-data", "--help"]] {
            let dir = NSTemporaryDirectory() + "dienhinh-help-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.binary)
            p.arguments = args
            p.currentDirectoryURL = URL(fileURLWithPath: dir)
            p.environment = [
                "DATABASE_PATH": dir + "/dienhinh.sqlite", "DIENHINH_RESOURCES": packageRoot,
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin",
            ]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(args): \(text)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "\(args) left files")
            #expect(!text.contains("mật khẩu:") && !text.contains("lần khởi động đầu tiên"), "\(args): \(text)")
        }
    }

    @Test("The dummy hash costs a full bcrypt of the configured cost, and no password matches it")
    func dummyHash() throws {
        let dummy = PasswordWork.dummyHash(cost: 12)
        #expect(dummy.hasPrefix("$2b$12$") && dummy.count == 60)
        // The salt is accepted, so verification computes the whole hash before comparing.
        _ = try Bcrypt.hash("x", salt: String(dummy.prefix(29)))
        #expect(try Bcrypt.verify("", created: PasswordWork.dummyHash(cost: 4)) == false)
        #expect(PasswordWork.dummyHash(cost: 4).hasPrefix("$2b$04$"))
    }

    @Test("bcrypt runs on its own bounded pool: with every bcrypt thread busy, signed-in pages still answer")
    func boundedPool() async throws {
        try await withTestApp { app in
            let work = app.passwordWork
            #expect(work.pool !== app.threadPool)
            #expect(work.threads == max(1, System.coreCount / 2))
            let b = Browser(app)
            try await b.login("noivu")
            // Fill every bcrypt thread with work that waits for the test.
            let gate = DispatchSemaphore(value: 0)
            let blocked = (0..<work.threads).map { _ in
                work.pool.runIfActive(eventLoop: app.eventLoopGroup.next()) { gate.wait() }
            }
            let pending = Task { try await tokenRequest(app, "hoidong", demoPassword).status }
            #expect(try await b.send(.GET, "/app").status == .ok)
            #expect(try await b.send(.GET, "/app/units").status == .ok)
            for _ in 0..<work.threads { gate.signal() }
            for f in blocked { try await f.get() }
            #expect(try await pending.value == .ok)
        }
    }
}
