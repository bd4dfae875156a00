import Domain
import Fluent
import Testing
import Vapor

@testable import App

@Suite("Movements, users and the audit log")
struct MovementUserAuditTests {
    @Test(
        "The standing office sets up a movement in the browser; a lead agency edits only its own; every write is audited"
    )
    func movementLifecycle() async throws {
        try await withTestApp { app in
            let pnv = try await unitID(app, "KR-PNV")
            let tp = try await unitID(app, "KR-TP")
            let b = Browser(app)
            try await b.login("noivu")
            try await b.send(.GET, "/app/movements/new")
            let bad = try await b.post(
                "/app/movements",
                [
                    ("code", "PT-MOI"), ("name", "Thi đua chuyển đổi số"), ("kind", "phong-trao"), ("level", "huyen"),
                    ("fromYear", "2026"), ("toYear", "2024"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Năm kết thúc không được trước năm bắt đầu."))
            #expect(bad.text.contains("Chọn ít nhất một đơn vị chủ trì."))
            #expect(bad.text.contains("value=\"Thi đua chuyển đổi số\""))
            let ok = try await b.post(
                "/app/movements",
                [
                    ("code", "PT-MOI"), ("name", "Thi đua chuyển đổi số"), ("kind", "phong-trao"), ("level", "huyen"),
                    ("fromYear", "2024"), ("toYear", "2026"), ("leadAgencyIDs[]", String(pnv)),
                    ("coordinatingAgencyIDs[]", String(tp)),
                ])
            #expect(ok.status == .seeOther)
            let page = try await b.send(.GET, try #require(ok.location))
            #expect(page.text.contains("Thi đua chuyển đổi số"))
            #expect(page.text.contains("Phòng Tư pháp"))

            let lead = try await APIClient.login(app, "giaoduc")
            let movements = try await lead.send(.GET, "/api/v1/movements").json(ListResponse<MovementDTO>.self).items
            let own = try #require(movements.first { $0.code == "PT-DTHT" })
            let other = try #require(movements.first { $0.code == "PT-MOI" })
            let edit = try await lead.send(
                .PUT, "/api/v1/movements/\(own.id)",
                json: [
                    "code": own.code, "name": own.name, "kind": own.kind, "level": own.level,
                    "fromYear": 2023, "toYear": 2025, "description": "Nội dung cập nhật của Phòng GD&ĐT",
                    "leadAgencyIDs": [pnv],
                ])
            #expect(edit.status == .ok)
            // The lead stays with the lead agency even if it sends another.
            #expect(try edit.json(MovementDTO.self).agencies.filter { $0.role == "lead" }.map(\.code) == ["KR-GDDT"])
            let refused = try await lead.send(
                .PUT, "/api/v1/movements/\(other.id)",
                json: [
                    "code": other.code, "name": "Đổi tên", "kind": other.kind, "level": other.level,
                    "fromYear": 2024, "toYear": 2026, "leadAgencyIDs": [pnv],
                ])
            #expect(refused.status == .forbidden)
            #expect((try refused.jsonObject()["message"] as? String)?.contains("phong trào do mình chủ trì") == true)

            let audit = try await APIClient.login(app, "noivu").send(.GET, "/api/v1/audit?entity=movement").json(
                ListResponse<AuditAPIController.EntryDTO>.self)
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
            let bad = try await admin.send(
                .POST, "/api/v1/users",
                json: ["username": "Xã ĐR", "fullName": "", "role": "unit-officer", "password": "ngan"])
            #expect(bad.status == .unprocessableEntity)
            let fields = try #require(try bad.jsonObject()["fields"] as? [String: String])
            #expect(
                fields["username"] != nil && fields["fullName"] != nil && fields["unitID"] != nil
                    && fields["password"] != nil)
            let ok = try await admin.send(
                .POST, "/api/v1/users",
                json: [
                    "username": "dakruong2", "fullName": "Y Hoa", "role": "unit-officer", "unitID": unit,
                    "password": "mot-mat-khau-dai",
                ])
            #expect(ok.status == .created)
            let officer = try await APIClient.login(app, "dakruong2", "mot-mat-khau-dai")
            let visible = try await officer.send(.GET, "/api/v1/users").json(ListResponse<UserDTO>.self).items.map(
                \.username
            ).sorted()
            #expect(visible == ["dakruong", "dakruong2", "hd.dakruong"], "the commune council member of Đăk Ruồng too")
            // A unit officer cannot create accounts; the standing office cannot create an admin.
            #expect(
                try await officer.send(
                    .POST, "/api/v1/users",
                    json: [
                        "username": "x1x", "fullName": "X", "role": "unit-officer", "unitID": unit,
                        "password": "mot-mat-khau-dai",
                    ]
                ).status == .forbidden)
            let office = try await APIClient.login(app, "noivu")
            #expect(
                try await office.send(
                    .POST, "/api/v1/users",
                    json: ["username": "admin2", "fullName": "X", "role": "admin", "password": "mot-mat-khau-dai"]
                ).status == .forbidden)

            let b = Browser(app)
            try await b.login("admin", adminPassword)
            try await b.send(.GET, "/app/users/new")
            let form = try await b.post(
                "/app/users",
                [
                    ("username", "bientap2"), ("fullName", "Lê Văn Tâm"), ("role", "editor"), ("unitID", ""),
                    ("password", "ngan"), ("active", "on"),
                ])
            #expect(form.status == .unprocessableEntity)
            #expect(form.text.contains("phải thuộc một đơn vị"))
            #expect(form.text.contains("value=\"Lê Văn Tâm\""))
            #expect(!form.text.contains("value=\"ngan\""))
        }
    }
}
