import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Clusters and blocks created, edited and given members on screen and through the API (issue 15, item 3).
@Suite("Clusters and blocks: editing")
struct GroupsEditTests {
    @Test("The standing office creates a block, renames it, adds and removes members; each write is audited")
    func webFlow() async throws {
        try await withTestApp { app in
            let web = Browser(app)
            try await web.login("noivu")
            let list = try await web.send(.GET, "/app/groups")
            #expect(list.text.contains("href=\"/app/groups/new\""))
            let form = try await web.send(.GET, "/app/groups/new")
            #expect(form.status == .ok)

            let bad = try await web.post("/app/groups", [("code", "khối 1"), ("name", ""), ("kind", "cum")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Mã chỉ gồm chữ in hoa không dấu"))
            #expect(bad.text.contains("Tên cụm, khối không được để trống."))
            #expect(bad.text.contains("value=\"khối 1\""))

            let dup = try await web.post("/app/groups", [("code", "CUM-XA"), ("name", "Trùng"), ("kind", "cum")])
            #expect(dup.status == .unprocessableEntity)
            #expect(dup.text.contains("đã được dùng cho cụm, khối khác"))

            let made = try await web.post(
                "/app/groups", [("code", "KHOI-THUNGHIEM"), ("name", "Khối các trường học"), ("kind", "khoi")])
            #expect(
                made.status == .seeOther,
                "\(made.text.components(separatedBy: "alert").dropFirst().first?.prefix(400) ?? "")")
            let g = try #require(try await UnitGroupModel.query(on: app.db).filter(\.$code == "KHOI-THUNGHIEM").first())
            let id = try g.requireID()
            #expect(made.location == "/app/groups/\(id)/edit")
            #expect(g.kind == "khoi")

            let edit = try await web.send(.GET, "/app/groups/\(id)/edit")
            #expect(edit.status == .ok)
            #expect(edit.text.contains("Chưa có đơn vị thành viên."))
            let dakruong = try await unitID(app, "KR-DAKRUONG")
            let tanlap = try await unitID(app, "KR-TANLAP")
            #expect(try await web.post("/app/groups/\(id)/members", [("unitID", "\(dakruong)")]).status == .seeOther)
            #expect(try await web.post("/app/groups/\(id)/members", [("unitID", "\(tanlap)")]).status == .seeOther)
            let again = try await web.post("/app/groups/\(id)/members", [("unitID", "\(tanlap)")])
            #expect(again.status == .unprocessableEntity)
            #expect(again.text.contains("đã là thành viên"))
            let none = try await web.post("/app/groups/\(id)/members", [("unitID", "")])
            #expect(none.text.contains("Vui lòng chọn một đơn vị để thêm vào cụm, khối."))
            #expect(
                Set(try await UnitGroupMemberModel.query(on: app.db).filter(\.$group.$id == id).all().map(\.$unit.id))
                    == [dakruong, tanlap])

            let removed = try await web.post("/app/groups/\(id)/members/\(dakruong)/delete", [])
            #expect(removed.status == .seeOther)
            #expect(
                try await UnitGroupMemberModel.query(on: app.db).filter(\.$group.$id == id).all().map(\.$unit.id)
                    == [tanlap])

            let renamed = try await web.post(
                "/app/groups/\(id)", [("code", "KHOI-TRUONG"), ("name", "Khối trường học"), ("kind", "khoi")])
            #expect(renamed.status == .seeOther)
            let after = try #require(try await UnitGroupModel.find(id, on: app.db))
            #expect(after.code == "KHOI-TRUONG")
            #expect(after.name == "Khối trường học")
            #expect(
                try await AuditEntryModel.query(on: app.db).filter(\.$entity == "unit-group").count() == 5)
        }
    }

    @Test("Others read the clusters but may not change them (403), and see no edit links")
    func othersRead() async throws {
        try await withTestApp { app in
            let g = try #require(try await UnitGroupModel.query(on: app.db).first())
            let id = try g.requireID()
            let web = Browser(app)
            try await web.login("dakruong")
            let list = try await web.send(.GET, "/app/groups")
            #expect(list.status == .ok)
            #expect(!list.text.contains("/app/groups/new"))
            #expect(!list.text.contains("/edit"))
            #expect(try await web.send(.GET, "/app/groups/\(id)/edit").status == .forbidden)
            #expect(
                try await web.post("/app/groups/\(id)", [("code", "X"), ("name", ""), ("kind", "")]).status
                    == .forbidden)
            let api = try await APIClient.login(app, "hoidong")
            #expect(
                try await api.send(.POST, "/api/v1/unit-groups", json: ["code": "", "name": "", "kind": ""]).status
                    == .forbidden)
        }
    }

    @Test("API: create with members, replace members, validation in Vietnamese")
    func api() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let dakruong = try await unitID(app, "KR-DAKRUONG")
            let tanlap = try await unitID(app, "KR-TANLAP")
            let res = try await api.send(
                .POST, "/api/v1/unit-groups",
                json: ["code": "CUM-API", "name": "Cụm qua API", "kind": "cum", "memberIDs": [dakruong]])
            #expect(res.status == .created, "\(res.text)")
            let made = try res.json(GroupDetailDTO.self)
            #expect(made.memberIDs == [dakruong])
            let put = try await api.send(
                .PUT, "/api/v1/unit-groups/\(made.id)",
                json: ["code": "CUM-API", "name": "Cụm qua API", "kind": "khoi", "memberIDs": [tanlap]])
            #expect(put.status == .ok)
            #expect(try put.json(GroupDetailDTO.self).memberIDs == [tanlap])
            #expect(try put.json(GroupDetailDTO.self).kindLabel == "Khối thi đua")
            let bad = try await api.send(
                .POST, "/api/v1/unit-groups",
                json: ["code": "CUM-X", "name": "X", "kind": "nhom", "memberIDs": [999_999]])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Vui lòng chọn Cụm thi đua hoặc Khối thi đua."))
            #expect(bad.text.contains("Có đơn vị thành viên không tồn tại."))
            let listed = try await api.send(.GET, "/api/v1/unit-groups")
            #expect(listed.text.contains("CUM-API"))
        }
    }
}
