import Domain
import Fluent
import Testing
import Vapor

@testable import App

@Suite("Accounts, sessions, CSRF and tokens")
struct AuthTests {
    @Test("Wrong password: 401, the username kept, no session")
    func wrongPassword() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.send(.GET, "/dang-nhap")
            let res = try await b.post("/dang-nhap", [("username", "noivu"), ("password", "sai-mat-khau-roi")])
            #expect(res.status == .unauthorized)
            #expect(res.text.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
            #expect(res.text.contains("value=\"noivu\""))
            #expect(b.cookies[AuthCookies.session] == nil)
            #expect(try await b.send(.GET, "/app").status == .seeOther)
        }
    }

    @Test("Login sets a secure-flagged, HttpOnly session stored in the database; logout ends it")
    func loginLogout() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.send(.GET, "/dang-nhap")
            let res = try await b.post(
                "/dang-nhap", [("username", "NoiVu"), ("password", demoPassword), ("next", "/app/units")])
            #expect(res.status == .seeOther)
            #expect(res.location == "/app/units")
            let setCookie = res.headers[.setCookie].first { $0.hasPrefix(AuthCookies.session) } ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.lowercased().contains("samesite=lax"))
            #expect(setCookie.contains("Secure"))
            #expect(try await AuthTokenModel.query(on: app.db).filter(\.$kind == "web").count() == 1)
            let home = try await b.send(.GET, "/app")
            #expect(home.status == .ok)
            #expect(home.text.contains("Nguyễn Thị Hằng"))
            let out = try await b.post("/dang-xuat", [])
            #expect(out.status == .seeOther)
            #expect(try await AuthTokenModel.query(on: app.db).filter(\.$kind == "web").count() == 0)
            #expect(try await b.send(.GET, "/app").status == .seeOther)
        }
    }

    @Test(
        "Secure flag: automatic by default (off only for plain HTTP to loopback), or fixed by DIENHINH_SECURE_COOKIES")
    func secureFlag() async throws {
        #expect(try AppConfig.fromEnvironment([:], workingDirectory: packageRoot).secureCookies == nil)
        #expect(
            try AppConfig.fromEnvironment(["DIENHINH_SECURE_COOKIES": "false"], workingDirectory: packageRoot)
                .secureCookies == false)
        #expect(throws: ConfigError.self) {
            try AppConfig.fromEnvironment(["DIENHINH_SECURE_COOKIES": "maybe"], workingDirectory: packageRoot)
        }
        try await withTestApp { app in
            for (host, secure) in [
                ("127.0.0.1:8080", false), ("localhost", false), ("[::1]:8080", false),
                ("dienhinh.kontum.gov.vn", true),
            ] {
                let res = try await app.testing().sendRequest(.GET, "/dang-nhap", headers: ["Host": host])
                let cookie = res.headers[.setCookie].first { $0.hasPrefix(AuthCookies.preLoginCSRF) } ?? ""
                #expect(cookie.contains("Secure") == secure, "\(host): \(cookie)")
            }
            let proxied = try await app.testing().sendRequest(
                .GET, "/dang-nhap", headers: ["Host": "127.0.0.1", "X-Forwarded-Proto": "https"])
            #expect(proxied.headers[.setCookie].first?.contains("Secure") == true)
        }
    }

    @Test("A form post without the CSRF token is refused and changes nothing")
    func csrf() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.login("noivu")
            let res = try await b.send(
                .POST, "/app/units", form: [("code", "KR-CSRF"), ("name", "Thử"), ("kind", "phong"), ("parentID", "")])
            #expect(res.status == .forbidden)
            #expect(res.text.contains("Phiên làm việc đã hết hạn"))
            let wrong = try await b.send(
                .POST, "/app/units",
                form: [("_csrf", "gia-mao"), ("code", "KR-CSRF"), ("name", "Thử"), ("kind", "phong")])
            #expect(wrong.status == .forbidden)
            #expect(try await UnitModel.query(on: app.db).filter(\.$code == "KR-CSRF").count() == 0)
            // The login form is protected too (pre-login double-submit cookie).
            let anon = Browser(app)
            #expect(
                try await anon.send(.POST, "/dang-nhap", form: [("username", "noivu"), ("password", demoPassword)])
                    .status == .forbidden)
        }
    }

    @Test(
        "API token: issued for a right password, refused for a wrong one, revoked on request; an unsafe next is ignored"
    )
    func apiToken() async throws {
        try await withTestApp { app in
            let bad = try await APIClient(app: app, token: nil).send(
                .POST, "/api/v1/auth/token", json: ["username": "noivu", "password": "khong-dung-dau"])
            #expect(bad.status == .unauthorized)
            #expect(try bad.jsonObject()["code"] as? String == "unauthorized")
            let missing = try await APIClient(app: app, token: nil).send(
                .POST, "/api/v1/auth/token", json: ["username": "noivu"])
            #expect(missing.status == .badRequest)
            #expect((try missing.jsonObject()["message"] as? String)?.contains("định dạng") == true)
            let api = try await APIClient.login(app, "noivu")
            let me = try await api.send(.GET, "/api/v1/me")
            #expect(try me.json(UserDTO.self).role == "standing-office")
            #expect(try await api.send(.DELETE, "/api/v1/auth/token").status == .noContent)
            #expect(try await api.send(.GET, "/api/v1/me").status == .unauthorized)
            #expect(AuthWebController.safeNext("//evil.example/x") == "/app")
            #expect(AuthWebController.safeNext("https://evil.example") == "/app")
            #expect(AuthWebController.safeNext("/app/units?q=a") == "/app/units?q=a")
        }
    }

    @Test("A locked account cannot sign in and loses its sessions")
    func lockedAccount() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.login("dakruong")
            let admin = try await APIClient.login(app, "admin", adminPassword)
            let id = try #require(try await UserModel.query(on: app.db).filter(\.$username == "dakruong").first()?.id)
            let unit = try await unitID(app, "KR-DAKRUONG")
            let res = try await admin.send(
                .PUT, "/api/v1/users/\(id)",
                json: [
                    "username": "dakruong", "fullName": "A Thuận", "role": "unit-officer", "unitID": unit,
                    "active": false,
                ])
            #expect(res.status == .ok)
            #expect(try await b.send(.GET, "/app").status == .seeOther)
            let again = Browser(app)
            try await again.send(.GET, "/dang-nhap")
            #expect(
                try await again.post("/dang-nhap", [("username", "dakruong"), ("password", demoPassword)]).status
                    == .unauthorized)
        }
    }
}
