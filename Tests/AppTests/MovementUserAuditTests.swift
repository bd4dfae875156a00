import Fluent
import Testing
import Vapor
@testable import App
import Domain

@Suite("Movements, users and the audit log")
struct MovementUserAuditTests {
    @Test("The standing office sets up a movement in the browser; a lead agency edits only its own; every write is audited")
    func movementLifecycle() async throws {
        try await withTestApp { app in
            let pnv = try await unitID(app, "KR-PNV")
            let tp = try await unitID(app, "KR-TP")
            let b = Browser(app)
            try await b.login("noivu")
            try await b.send(.GET, "/app/movements/new")
            let bad = try await b.post("/app/movements", [("code", "PT-MOI"), ("name", "Thi đua chuyển đổi số"), ("kind", "phong-trao"), ("level", "huyen"),
                                                          ("fromYear", "2026"), ("toYear", "2024")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Năm kết thúc không được trước năm bắt đầu."))
            #expect(bad.text.contains("Chọn ít nhất một đơn vị chủ trì."))
            #expect(bad.text.contains("value=\"Thi đua chuyển đổi số\""))
            let ok = try await b.post("/app/movements", [("code", "PT-MOI"), ("name", "Thi đua chuyển đổi số"), ("kind", "phong-trao"), ("level", "huyen"),
                                                         ("fromYear", "2024"), ("toYear", "2026"), ("leadAgencyIDs[]", String(pnv)), ("coordinatingAgencyIDs[]", String(tp))])
            #expect(ok.status == .seeOther)
            let page = try await b.send(.GET, try #require(ok.location))
            #expect(page.text.contains("Thi đua chuyển đổi số"))
            #expect(page.text.contains("Phòng Tư pháp"))

            let lead = try await APIClient.login(app, "giaoduc")
            let movements = try await lead.send(.GET, "/api/v1/movements").json(ListResponse<MovementDTO>.self).items
            let own = try #require(movements.first { $0.code == "PT-DTHT" })
            let other = try #require(movements.first { $0.code == "PT-MOI" })
            let edit = try await lead.send(.PUT, "/api/v1/movements/\(own.id)", json: ["code": own.code, "name": own.name, "kind": own.kind, "level": own.level,
                                                                                      "fromYear": 2023, "toYear": 2025, "description": "Nội dung cập nhật của Phòng GD&ĐT",
                                                                                      "leadAgencyIDs": [pnv]])
            #expect(edit.status == .ok)
            // The lead stays with the lead agency even if it sends another.
            #expect(try edit.json(MovementDTO.self).agencies.filter { $0.role == "lead" }.map(\.code) == ["KR-GDDT"])
            let refused = try await lead.send(.PUT, "/api/v1/movements/\(other.id)", json: ["code": other.code, "name": "Đổi tên", "kind": other.kind, "level": other.level,
                                                                                           "fromYear": 2024, "toYear": 2026, "leadAgencyIDs": [pnv]])
            #expect(refused.status == .forbidden)
            #expect((try refused.jsonObject()["message"] as? String)?.contains("phong trào do mình chủ trì") == true)

            let audit = try await APIClient.login(app, "noivu").send(.GET, "/api/v1/audit?entity=movement").json(ListResponse<AuditAPIController.EntryDTO>.self)
            #expect(audit.items.count == 2)
            let update = try #require(audit.items.first { $0.action == "update" })
            #expect(update.username == "giaoduc")
            #expect(update.before?.contains("\"description\":\"\"") == true)
            #expect(update.after?.contains("Nội dung cập nhật của Phòng GD&ĐT") == true)
            let html = try await b.send(.GET, "/app/audit")
            #expect(html.status == .ok)
            #expect(html.text.contains("Sửa phong trào PT-DTHT"))
        }
    }

    @Test("Users: created through the API with the role codes, refused with clear messages, listed in scope")
    func users() async throws {
        try await withTestApp { app in
            let admin = try await APIClient.login(app, "admin", adminPassword)
            let unit = try await unitID(app, "KR-DAKRUONG")
            let bad = try await admin.send(.POST, "/api/v1/users", json: ["username": "Xã ĐR", "fullName": "", "role": "unit-officer", "password": "ngan"])
            #expect(bad.status == .unprocessableEntity)
            let fields = try #require(try bad.jsonObject()["fields"] as? [String: String])
            #expect(fields["username"] != nil && fields["fullName"] != nil && fields["unitID"] != nil && fields["password"] != nil)
            let ok = try await admin.send(.POST, "/api/v1/users", json: ["username": "dakruong2", "fullName": "Y Hoa", "role": "unit-officer", "unitID": unit, "password": "mot-mat-khau-dai"])
            #expect(ok.status == .created)
            let officer = try await APIClient.login(app, "dakruong2", "mot-mat-khau-dai")
            let visible = try await officer.send(.GET, "/api/v1/users").json(ListResponse<UserDTO>.self).items.map(\.username).sorted()
            #expect(visible == ["dakruong", "dakruong2"])
            // A unit officer cannot create accounts; the standing office cannot create an admin.
            #expect(try await officer.send(.POST, "/api/v1/users", json: ["username": "x1x", "fullName": "X", "role": "unit-officer", "unitID": unit, "password": "mot-mat-khau-dai"]).status == .forbidden)
            let office = try await APIClient.login(app, "noivu")
            #expect(try await office.send(.POST, "/api/v1/users", json: ["username": "admin2", "fullName": "X", "role": "admin", "password": "mot-mat-khau-dai"]).status == .forbidden)

            let b = Browser(app)
            try await b.login("admin", adminPassword)
            try await b.send(.GET, "/app/users/new")
            let form = try await b.post("/app/users", [("username", "bientap2"), ("fullName", "Lê Văn Tâm"), ("role", "editor"), ("unitID", ""), ("password", "ngan"), ("active", "on")])
            #expect(form.status == .unprocessableEntity)
            #expect(form.text.contains("phải thuộc một đơn vị"))
            #expect(form.text.contains("value=\"Lê Văn Tâm\""))
            #expect(!form.text.contains("value=\"ngan\""))
        }
    }
}

@Suite("OpenAPI, errors, views")
struct SurfaceTests {
    @Test("The OpenAPI document lists exactly the real /api/v1 routes, and real answers carry its required fields")
    func openAPIMatchesRoutes() async throws {
        try await withTestApp { app in
            let res = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(res.status == .ok)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: res.body).utf8)) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, ops) in paths { for method in ops.keys { documented.insert("\(method.uppercased()) /api/v1\(path)") } }
            var real = Set<String>()
            for route in app.routes.all {
                let path = "/" + route.path.map { c -> String in
                    if case .parameter(let n) = c { return "{\(n)}" }
                    return c.description
                }.joined(separator: "/")
                if path.hasPrefix("/api/v1/") { real.insert("\(route.method.rawValue) \(path)") }
            }
            #expect(documented == real, "only documented: \(documented.subtracting(real)); only real: \(real.subtracting(documented))")

            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            func required(_ name: String) -> [String] { schemas[name]?["required"] as? [String] ?? [] }
            let api = try await APIClient.login(app, "noivu")
            let units = try await api.send(.GET, "/api/v1/units").jsonObject()
            let unit = try #require((units["items"] as? [[String: Any]])?.first)
            for key in required("Unit") { #expect(unit[key] != nil, "Unit.\(key)") }
            let m = try #require((try await api.send(.GET, "/api/v1/movements").jsonObject()["items"] as? [[String: Any]])?.first)
            for key in required("Movement") { #expect(m[key] != nil, "Movement.\(key)") }
            let err = try await api.send(.GET, "/api/v1/units/999999").jsonObject()
            for key in required("Error") { #expect(err[key] != nil, "Error.\(key)") }
        }
    }

    @Test("Unknown pages get a Vietnamese error page with the real status; the API answers JSON")
    func errors() async throws {
        try await withTestApp(demo: false) { app in
            let page = try await app.testing().sendRequest(.GET, "/khong-co-trang-nay")
            #expect(page.status == .notFound)
            let text = String(buffer: page.body)
            #expect(text.contains("Không tìm thấy"))
            #expect(text.contains("lang=\"vi\""))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/khong-co")
            #expect(api.status == .notFound)
            #expect(String(buffer: api.body).contains("\"code\":\"not_found\""))
            let health = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(health.status == .ok)
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
        }
    }

    @Test("Every view renders from its .mock context")
    func everyViewRenders() async throws {
        try await withTestApp(demo: false) { app in
            func render<C: Encodable & Sendable>(_ name: String, _ ctx: C, mustContain: String) async throws {
                let view = try await app.view.render(name, ctx).get()
                let html = String(buffer: view.data)
                #expect(html.contains("<html lang=\"vi\">"), "\(name)")
                #expect(html.contains(mustContain), "\(name) lacks \(mustContain)")
                #expect(!html.contains("#("), "\(name) has an unrendered tag")
            }
            try await render("login", LoginPage.mock, mustContain: "Tên đăng nhập hoặc mật khẩu không đúng.")
            try await render("public-home", PublicHomePage.mock, mustContain: "Dạy tốt - Học tốt")
            try await render("home", HomePage.mock, mustContain: "Rà soát phong trào")
            try await render("units", UnitsPage.mock, mustContain: "Ủy ban nhân dân xã Đăk Ruồng")
            try await render("unit", UnitPage.mock, mustContain: "Thêm đơn vị trực thuộc")
            try await render("unit-form", UnitFormPage.mock, mustContain: "Mã không được để trống.")
            try await render("groups", GroupsPage.mock, mustContain: "Cụm thi đua các xã, thị trấn")
            try await render("users", UsersPage.mock, mustContain: "A Thuận")
            try await render("user-form", UserFormPage.mock, mustContain: "Mật khẩu phải có ít nhất 10 ký tự.")
            try await render("movements", MovementsPage.mock, mustContain: "PT-DTHT")
            try await render("movement", MovementPage.mock, mustContain: "Phòng Giáo dục và Đào tạo")
            try await render("movement-form", MovementFormPage.mock, mustContain: "Tên phong trào không được để trống.")
            try await render("catalogue", CataloguePage.mock, mustContain: "MH-01-TC01")
            try await render("audit", AuditPage.mock, mustContain: "Sửa đơn vị")
            try await render("error", ErrorPageContext.mock, mustContain: "Lỗi 404")
            try await render("registrations", RegistrationsPage.mock, mustContain: "Mô hình trồng sâm dây")
            try await render("registration-form", RegistrationFormPage.mock, mustContain: "Tên đối tượng không được để trống.")
            try await render("registration", RegistrationPage.mock, mustContain: "Quá hạn")
            try await render("evaluation-form", EvaluationFormPage.mock, mustContain: "Số cán bộ lãnh đạo, quản lý đạt")
            try await render("subject", SubjectPage.mock, mustContain: "062080000123")
            try await render("criteria", CriteriaPage.mock, mustContain: "Không có hộ tái nghèo")
            try await render("imports", ImportsPage.mock, mustContain: "dang-ky-2024.xlsx")
            try await render("import-job", ImportJobPage.mock, mustContain: "Không có đơn vị mã “KR-XYZ”.")
            try await render("dossiers", DossiersPage.mock, mustContain: "Trích yếu không được để trống.")
            try await render("dossier", DossierPage.mock, mustContain: "Cảnh báo: Chưa đủ điều kiện để đề nghị Chiến sĩ thi đua cơ sở.")
            try await render("council", CouncilPage.mock, mustContain: "Nguyễn Văn An")
            try await render("meeting", MeetingPage.mock, mustContain: "Bạn thuộc đơn vị đề nghị")
            try await render("awards", AwardsPage.mock, mustContain: "Số 120/QĐ-UBND ngày 20/12/2024")
            try await render("eligibility", EligibilityPage.mock, mustContain: "cần xác minh")
            try await render("eligibility", EligibilityPage.mock, mustContain: "Ngày áp dụng: 31/12/2024")
            let views = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Resources/Views").filter { $0.hasSuffix(".leaf") }
            // base, pager and form-error are partials rendered inside the pages above.
            #expect(views.count == 29 + 3, "a new view needs a render test: \(views.sorted())")
        }
    }
}
