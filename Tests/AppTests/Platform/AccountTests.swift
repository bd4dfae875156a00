import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Accounts: own password, one-time passwords, forced change, disabling, own sessions")
struct AccountTests {
    static let newPassword = "mat-khau-moi-cua-toi-2025"

    /// A fresh unit officer of Tân Lập (nobody else's login depends on it), created by the admin.
    static func officer(_ app: Application, _ username: String, must: Bool = false) async throws -> Int {
        let admin = try await APIClient.login(app, "admin", adminPassword)
        let res = try await admin.send(
            .POST, "/api/v1/users",
            json: [
                "username": username, "fullName": "Cán bộ \(username)", "role": Role.unitOfficer.rawValue,
                "unitID": try await unitID(app, "KR-TANLAP"), "password": demoPassword, "mustChangePassword": must,
            ])
        #expect(res.status == .created, "\(res.text)")
        return try #require(try res.jsonObject()["id"] as? Int)
    }

    static func tokenCount(_ app: Application, _ userID: Int) async throws -> Int {
        try await AuthTokenModel.query(on: app.db).filter(\.$user.$id == userID).count()
    }

    @Test("Change own password: wrong current, mismatch, too short, same as old → the form again, nothing changed")
    func refusedChanges() async throws {
        try await withTestApp { app in
            let id = try await Self.officer(app, "doimk1")
            let before = try #require(try await UserModel.find(id, on: app.db)?.passwordHash)
            let b = Browser(app)
            try await b.login("doimk1")
            let form = try await b.send(.GET, "/app/tai-khoan/mat-khau")
            #expect(form.status == .ok)
            #expect(form.text.contains("Nhập lại mật khẩu mới"))
            let cases: [([(String, String)], String)] = [
                (
                    [
                        ("currentPassword", "sai-mat-khau-roi"), ("newPassword", Self.newPassword),
                        ("confirmPassword", Self.newPassword),
                    ],
                    "Mật khẩu hiện tại không đúng."
                ),
                (
                    [
                        ("currentPassword", demoPassword), ("newPassword", Self.newPassword),
                        ("confirmPassword", Self.newPassword + "x"),
                    ],
                    "Hai lần nhập mật khẩu mới không khớp nhau"
                ),
                (
                    [("currentPassword", demoPassword), ("newPassword", "ngan"), ("confirmPassword", "ngan")],
                    "Mật khẩu phải có ít nhất \(Check.minimumPasswordLength) ký tự."
                ),
                (
                    [
                        ("currentPassword", demoPassword), ("newPassword", demoPassword),
                        ("confirmPassword", demoPassword),
                    ],
                    "Mật khẩu mới phải khác mật khẩu hiện tại."
                ),
            ]
            for (fields, message) in cases {
                let res = try await b.post("/app/tai-khoan/mat-khau", fields)
                #expect(res.status == .unprocessableEntity, "\(message)")
                #expect(res.text.contains(message), "\(res.text.prefix(400))")
                // A password is never sent back in the page.
                #expect(!res.text.contains(Self.newPassword))
            }
            #expect(try await UserModel.find(id, on: app.db)?.passwordHash == before)
            // The API says the same in JSON.
            let api = try await APIClient.login(app, "doimk1")
            let wrong = try await api.send(
                .POST, "/api/v1/me/password", json: ["currentPassword": "sai", "newPassword": Self.newPassword])
            #expect(wrong.status == .unprocessableEntity)
            #expect((try wrong.jsonObject()["fields"] as? [String: String])?["currentPassword"] != nil)
        }
    }

    @Test("Change own password: the old one fails, the new one works, other sessions end, this one stays, audited")
    func change() async throws {
        try await withTestApp { app in
            let id = try await Self.officer(app, "doimk2")
            let other = Browser(app)
            try await other.login("doimk2")
            let api = try await APIClient.login(app, "doimk2")
            let b = Browser(app)
            try await b.login("doimk2")
            #expect(try await Self.tokenCount(app, id) == 3)
            try await b.send(.GET, "/app/tai-khoan/mat-khau")
            let ok = try await b.post(
                "/app/tai-khoan/mat-khau",
                [
                    ("currentPassword", demoPassword), ("newPassword", Self.newPassword),
                    ("confirmPassword", Self.newPassword),
                ])
            #expect(ok.status == .seeOther)
            #expect(ok.location == "/app/tai-khoan")
            #expect(try await b.send(.GET, "/app/tai-khoan").text.contains("Đã đổi mật khẩu"))
            #expect(try await Self.tokenCount(app, id) == 1)
            #expect(try await other.send(.GET, "/app").location?.hasPrefix("/dang-nhap") == true)
            #expect(try await api.send(.GET, "/api/v1/me").status == .unauthorized)
            let old = try await APIClient(app: app, token: nil).send(
                .POST, "/api/v1/auth/token", json: ["username": "doimk2", "password": demoPassword])
            #expect(old.status == .unauthorized)
            let fresh = try await APIClient.login(app, "doimk2", Self.newPassword)
            #expect(try await fresh.send(.GET, "/api/v1/me").status == .ok)
            let user = try #require(try await UserModel.find(id, on: app.db))
            #expect(user.passwordChangedAt != nil)
            #expect(!user.mustChangePassword)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "password-change").all()
            #expect(audit.count == 1)
            #expect(!audit.contains { ($0.after ?? "").contains(Self.newPassword) })

            // Through the API: this token stays valid, the web session ends.
            let again = Browser(app)
            try await again.login("doimk2", Self.newPassword)
            let change = try await fresh.send(
                .POST, "/api/v1/me/password",
                json: ["currentPassword": Self.newPassword, "newPassword": "mot-mat-khau-khac-nua"])
            #expect(change.status == .noContent, "\(change.text)")
            #expect(try await fresh.send(.GET, "/api/v1/me").status == .ok)
            #expect(try await again.send(.GET, "/app").location?.hasPrefix("/dang-nhap") == true)
        }
    }

    @Test("A one-time password from the standing office: shown once, forced change on the web, 403 on the API")
    func resetAndForcedChange() async throws {
        try await withTestApp { app in
            let id = try await Self.officer(app, "quenmk")
            let victim = try await APIClient.login(app, "quenmk")
            let noivu = Browser(app)
            try await noivu.login("noivu")
            let edit = try await noivu.send(.GET, "/app/users/\(id)/edit")
            #expect(edit.text.contains("/app/users/\(id)/reset-password"))
            let reset = try await noivu.post("/app/users/\(id)/reset-password", [])
            #expect(reset.status == .ok)
            let password = try #require(
                reset.text.components(separatedBy: "id=\"one-time-password\">").dropFirst().first?
                    .components(separatedBy: "<").first)
            #expect(password.count == 19)
            #expect(try await victim.send(.GET, "/api/v1/me").status == .unauthorized)
            #expect(try await UserModel.find(id, on: app.db)?.mustChangePassword == true)
            // Never in the audit log, nor in a page the office opens again.
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "password-reset").all()
            #expect(audit.count == 1)
            #expect(!audit.contains { ($0.summary + ($0.after ?? "")).contains(password) })
            #expect(!(try await noivu.send(.GET, "/app/users/\(id)/edit").text.contains(password)))

            // The API token of such an account is refused with a Vietnamese message, except to change it.
            let api = try await APIClient.login(app, "quenmk", password)
            let refused = try await api.send(.GET, "/api/v1/registrations")
            #expect(refused.status == .forbidden)
            #expect((try refused.jsonObject()["message"] as? String)?.contains("đổi mật khẩu") == true)
            #expect(try await api.send(.GET, "/api/v1/me").status == .ok)

            // The web: signing in leads to the change form, and every page leads back there.
            let b = Browser(app)
            try await b.send(.GET, "/dang-nhap")
            let login = try await b.post(
                "/dang-nhap", [("username", "quenmk"), ("password", password), ("next", "/app/registrations")])
            #expect(login.location == "/app/tai-khoan/mat-khau")
            for path in ["/app", "/app/registrations", "/app/tai-khoan", "/app/huong-dan"] {
                let page = try await b.send(.GET, path)
                #expect(page.status == .seeOther && page.location == "/app/tai-khoan/mat-khau", "\(path)")
            }
            let form = try await b.send(.GET, "/app/tai-khoan/mat-khau")
            #expect(form.text.contains("Mật khẩu hiện tại của bạn do người khác đặt"))
            #expect(try await b.send(.GET, "/app/ho-tro").status == .ok)
            let done = try await b.post(
                "/app/tai-khoan/mat-khau",
                [
                    ("currentPassword", password), ("newPassword", Self.newPassword),
                    ("confirmPassword", Self.newPassword),
                ])
            #expect(done.status == .seeOther)
            #expect(done.location == "/app")
            #expect(try await b.send(.GET, "/app/registrations").status == .ok)
            #expect(try await UserModel.find(id, on: app.db)?.mustChangePassword == false)
            // The API token issued before the change was another session: it ended.
            #expect(try await api.send(.GET, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test("Who may reset: the standing office not an admin (403), a unit officer not even in its unit (403 / 404)")
    func resetScope() async throws {
        try await withTestApp { app in
            let adminID = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin").first()?.id)
            let tanlapID = try #require(
                try await UserModel.query(on: app.db).filter(\.$username == "tanlap").first()?.id)
            let dakruong = try await APIClient.login(app, "dakruong")
            let admin = try await APIClient.login(app, "admin", adminPassword)
            let noivu = try await APIClient.login(app, "noivu")
            #expect(try await noivu.send(.POST, "/api/v1/users/\(adminID)/password-reset").status == .forbidden)
            #expect(try await dakruong.send(.POST, "/api/v1/users/\(tanlapID)/password-reset").status == .notFound)
            let own = try await Self.officerIn(app, "dakruong2", "KR-DAKRUONG", admin)
            #expect(try await dakruong.send(.POST, "/api/v1/users/\(own)/password-reset").status == .forbidden)
            #expect(
                try await APIClient.login(app, "hoidong").send(.POST, "/api/v1/users/\(own)/password-reset").status
                    == .notFound)
            let ok = try await noivu.send(.POST, "/api/v1/users/\(own)/password-reset")
            #expect(ok.status == .ok)
            let body = try ok.json(PasswordResetDTO.self)
            #expect(body.user.mustChangePassword)
            #expect(body.password.count == 19)
            // Nobody resets their own password this way.
            #expect(try await admin.send(.POST, "/api/v1/users/\(adminID)/password-reset").status == .conflict)
        }
    }

    static func officerIn(_ app: Application, _ username: String, _ unit: String, _ admin: APIClient) async throws
        -> Int
    {
        let res = try await admin.send(
            .POST, "/api/v1/users",
            json: [
                "username": username, "fullName": "Cán bộ \(username)", "role": Role.unitOfficer.rawValue,
                "unitID": try await unitID(app, unit), "password": demoPassword,
            ])
        return try #require(try res.jsonObject()["id"] as? Int)
    }

    @Test("A disabled account cannot sign in, its session and token stop at once, the list shows it; enabling again")
    func disable() async throws {
        try await withTestApp { app in
            let id = try await Self.officer(app, "khoatk")
            let web = Browser(app)
            try await web.login("khoatk")
            let api = try await APIClient.login(app, "khoatk")
            let admin = try await APIClient.login(app, "admin", adminPassword)
            let fields: [String: Any] = [
                "username": "khoatk", "fullName": "Cán bộ khoatk", "role": Role.unitOfficer.rawValue,
                "unitID": try await unitID(app, "KR-TANLAP"),
            ]
            var off = fields
            off["active"] = false
            let disabled = try await admin.send(.PUT, "/api/v1/users/\(id)", json: off)
            #expect(disabled.status == .ok)
            #expect(try disabled.jsonObject()["disabledAt"] as? String != nil)
            #expect(try await api.send(.GET, "/api/v1/me").status == .unauthorized)
            #expect(try await web.send(.GET, "/app").location?.hasPrefix("/dang-nhap") == true)
            let again = try await APIClient(app: app, token: nil).send(
                .POST, "/api/v1/auth/token", json: ["username": "khoatk", "password": demoPassword])
            #expect(again.status == .unauthorized)
            let user = try #require(try await UserModel.find(id, on: app.db))
            #expect(user.disabledBy != nil)
            let b = Browser(app)
            try await b.login("admin", adminPassword)
            let list = try await b.send(.GET, "/app/users?q=khoatk")
            #expect(list.text.contains("Đã khóa từ"))
            // History stays: the account and its audit entries are still there.
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityID == String(id)).count() > 0)
            var on = fields
            on["active"] = true
            #expect(try await admin.send(.PUT, "/api/v1/users/\(id)", json: on).status == .ok)
            #expect(try await UserModel.find(id, on: app.db)?.disabledAt == nil)
            #expect(try await APIClient.login(app, "khoatk").send(.GET, "/api/v1/me").status == .ok)
        }
    }

    @Test("Own sessions: listed with the device; end one, end all others; someone else's is 404")
    func sessions() async throws {
        try await withTestApp { app in
            let id = try await Self.officer(app, "phien")
            let other = Browser(app)
            try await other.login("phien")
            let api = try await APIClient.login(app, "phien")
            let b = Browser(app)
            try await b.send(.GET, "/dang-nhap")
            var headers = HTTPHeaders()
            headers.add(name: .userAgent, value: "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36")
            try await b.send(
                .POST, "/dang-nhap",
                form: [("_csrf", b.csrf ?? ""), ("username", "phien"), ("password", demoPassword), ("next", "/app")],
                headers: headers)
            let page = try await b.send(.GET, "/app/tai-khoan")
            #expect(page.status == .ok)
            #expect(page.text.contains("Chrome trên Linux"))
            #expect(page.text.contains("Phiên này"))
            #expect(page.text.contains("Kết thúc 2 phiên khác"))
            let listed = try await api.send(.GET, "/api/v1/me/sessions").json([SessionDTO].self)
            #expect(listed.count == 3)
            #expect(listed.filter(\.current).count == 1)
            #expect(listed.allSatisfy { $0.lastSeenAt != nil })
            // Someone else's session: not found, and it stays.
            let noivuToken = try #require(
                try await AuthTokenModel.query(on: app.db).join(
                    UserModel.self, on: \AuthTokenModel.$user.$id == \UserModel.$id
                )
                .filter(UserModel.self, \.$username == "admin").first()?.id)
            #expect(try await api.send(.DELETE, "/api/v1/me/sessions/\(noivuToken)").status == .notFound)
            #expect(try await b.post("/app/tai-khoan/phien/\(noivuToken)/ket-thuc", []).status == .notFound)
            #expect(try await AuthTokenModel.find(noivuToken, on: app.db) != nil)
            // End the API token from the web.
            let apiToken = try #require(listed.first { $0.kind == "api" })
            try await b.send(.GET, "/app/tai-khoan")
            #expect(try await b.post("/app/tai-khoan/phien/\(apiToken.id)/ket-thuc", []).status == .seeOther)
            #expect(try await api.send(.GET, "/api/v1/me").status == .unauthorized)
            // End all others: the other browser is signed out, this one stays.
            try await b.send(.GET, "/app/tai-khoan")
            #expect(try await b.post("/app/tai-khoan/phien/ket-thuc-khac", []).status == .seeOther)
            #expect(try await other.send(.GET, "/app").location?.hasPrefix("/dang-nhap") == true)
            #expect(try await b.send(.GET, "/app").status == .ok)
            #expect(try await Self.tokenCount(app, id) == 1)
        }
    }

    @Test("Many sessions: the page lists this one and the 20 most recent, counts the rest, and ends them all")
    func manySessions() async throws {
        try await withTestApp { app in
            let id = try await Self.officer(app, "nhieuphien")
            for _ in 0..<30 { _ = try await APIClient.login(app, "nhieuphien") }
            let b = Browser(app)
            try await b.login("nhieuphien")
            let page = try await b.send(.GET, "/app/tai-khoan")
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<td data-label=\"Loại\">").count - 1 == 21)
            #expect(page.text.contains("<td data-label=\"Loại\">Trình duyệt <span class=\"tag\">Phiên này</span>"))
            #expect(page.text.contains("Và 10 phiên khác đang hoạt động"))
            #expect(page.text.contains("Kết thúc 30 phiên khác"))
            #expect(page.text.utf8.count < 50_000)
            #expect(try await b.post("/app/tai-khoan/phien/ket-thuc-khac", []).status == .seeOther)
            #expect(try await Self.tokenCount(app, id) == 1)
            let after = try await b.send(.GET, "/app/tai-khoan")
            #expect(!after.text.contains("phiên khác"))
        }
    }

    @Test("last_seen_at is written at most once a minute per token")
    func lastSeen() async throws {
        try await withTestApp(demo: false) { app in
            let api = try await APIClient.login(app, "admin", adminPassword)
            let token = try #require(try await AuthTokenModel.query(on: app.db).filter(\.$kind == "api").first())
            let recent = Date().addingTimeInterval(-30)
            let stale = Date().addingTimeInterval(-120)
            token.lastSeenAt = recent
            try await token.save(on: app.db)
            #expect(try await api.send(.GET, "/api/v1/me").status == .ok)
            let kept = try #require(try await AuthTokenModel.find(token.id, on: app.db)?.lastSeenAt)
            #expect(abs(kept.timeIntervalSince(recent)) < 1)
            token.lastSeenAt = stale
            try await token.save(on: app.db)
            #expect(try await api.send(.GET, "/api/v1/me").status == .ok)
            let seen = try #require(try await AuthTokenModel.find(token.id, on: app.db)?.lastSeenAt)
            #expect(seen.timeIntervalSinceNow > -10)
        }
    }

    @Test("The production admin: a generated password must be changed; one the operator set need not")
    func productionAdmin() async throws {
        try await withTestApp(demo: false) { app in
            // Make room for a first admin again: the fixture's becomes an ordinary account.
            try await UserModel.query(on: app.db).filter(\.$username == "admin").set(\.$username, to: "admin-cu")
                .set(\.$role, to: Role.editor.rawValue).update()
            var config = try #require(app.config)
            config.adminPassword = nil
            let made = try await DemoData.ensureAdmin(app: app, config: config)
            #expect(made.created)
            let printed = try #require(made.printedPassword)
            let admin = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin").first())
            #expect(admin.mustChangePassword)
            let api = try await APIClient.login(app, "admin", printed)
            #expect(try await api.send(.GET, "/api/v1/users").status == .forbidden)
            // The fixture's admin, whose password was given (DIENHINH_ADMIN_PASSWORD), is not forced.
            let fixture = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin-cu").first())
            #expect(!fixture.mustChangePassword)
        }
    }
}
