import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Shared steps of the cluster and block tests.
enum GroupWorkFixture {
    static func groupID(_ app: Application, _ code: String) async throws -> Int {
        try #require(try await UnitGroupModel.query(on: app.db).filter(\.$code == code).first()?.id)
    }

    /// A fresh 2025 registration of the unit (created by the standing office through the API); its id.
    static func registration(_ app: Application, unit: Int, name: String) async throws -> Int {
        let api = try await APIClient.login(app, "noivu")
        let res = try await api.registerIndividual(name, unit: unit, title: "Điển hình \(name)", movementIDs: [])
        #expect(res.status == .created || res.status == .ok, "\(res.text)")
        return try #require(try res.jsonObject()["id"] as? Int)
    }

    /// The `<tr>` of a member on the board.
    static func row(_ html: String, _ unit: String) -> String? {
        html.components(separatedBy: "<tr>").first { $0.contains(">\(unit)</a>") }
    }
}

@Suite("Clusters and blocks: members' submissions, the office's deadline and returns, the head, scores")
struct GroupWorkTests {
    let dakRuongName = "Ủy ban nhân dân xã Đăk Ruồng"
    let tanLapName = "Ủy ban nhân dân xã Tân Lập"

    @Test("A member submits; the office sees on time, late and missing; returns with a reason; the member resubmits")
    func submitReturnResubmit() async throws {
        try await withTestApp { app in
            let cum = try await GroupWorkFixture.groupID(app, "CUM-XA")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let tanLap = try await unitID(app, "KR-TANLAP")
            let reg = try await GroupWorkFixture.registration(app, unit: dakRuong, name: "Y Nhóm Thử")
            let board = "/app/groups/\(cum)/year/2025"
            let memberPage = "\(board)/members/\(dakRuong)"

            let office = Browser(app)
            try await office.login("noivu")
            try await office.send(.GET, board)
            let setDeadline = try await office.post("\(board)/deadline", [("deadline", "31/12/2099")])
            #expect(setDeadline.status == .seeOther, "\(setDeadline.text.prefix(300))")

            let member = Browser(app)
            try await member.login("dakruong")
            let form = try await member.send(.GET, memberPage)
            #expect(form.status == .ok && form.text.contains("Y Nhóm Thử"), "\(form.text.prefix(300))")
            // Nothing chosen and no file: a Vietnamese message, nothing written.
            let empty = try await member.upload(
                "\(memberPage)/submit", fields: [], file: ("file", "", "application/octet-stream", []))
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("Vui lòng chọn tệp kế hoạch"))
            #expect(empty.text.contains("Vui lòng chọn ít nhất một điển hình"))
            let sent = try await member.upload(
                "\(memberPage)/submit", fields: [("exemplarIDs[]", String(reg))],
                file: ("file", "Kế hoạch 2025.pdf", "application/pdf", Fields.pdf))
            #expect(sent.status == .seeOther, "\(sent.text.prefix(400))")

            var page = try await office.send(.GET, board)
            #expect(GroupWorkFixture.row(page.text, dakRuongName)?.contains("Đã nộp đúng hạn") == true)
            #expect(GroupWorkFixture.row(page.text, tanLapName)?.contains("Chưa nộp") == true)
            // A deadline already passed: the same submission is now late.
            try await office.post("\(board)/deadline", [("deadline", "01/01/2025")])
            page = try await office.send(.GET, board)
            #expect(GroupWorkFixture.row(page.text, dakRuongName)?.contains("Nộp muộn") == true, "\(page.text)")
            #expect(page.text.contains("Nộp muộn: <strong>1</strong>"))
            #expect(page.text.contains("Chưa nộp: <strong>6</strong>"))

            // Returning needs a reason; the typed reason is kept on the error page.
            let noReason = try await office.post("\(board)/members/\(dakRuong)/return", [("reason", "  ")])
            #expect(
                noReason.status == .unprocessableEntity && noReason.text.contains("Lý do trả lại không được để trống"))
            let returned = try await office.post(
                "\(board)/members/\(dakRuong)/return", [("reason", "Thiếu chữ ký của Chủ tịch UBND xã.")])
            #expect(returned.status == .seeOther)
            let seen = try await member.send(.GET, memberPage)
            #expect(seen.text.contains("Thiếu chữ ký của Chủ tịch UBND xã."))
            #expect(seen.text.contains("Bị trả lại"))
            // Nothing to return for a member who has not submitted.
            let none = try await office.post("\(board)/members/\(tanLap)/return", [("reason", "Không có")])
            #expect(none.status == .conflict)

            let again = try await member.upload(
                "\(memberPage)/submit", fields: [("exemplarIDs[]", String(reg))],
                file: ("file", "Kế hoạch 2025 (sửa).pdf", "application/pdf", Fields.pdf))
            #expect(again.status == .seeOther, "\(again.text.prefix(400))")
            let api = try await APIClient.login(app, "noivu")
            let year = try await api.send(.GET, "/api/v1/groups/\(cum)/years/2025").jsonObject()
            let members = try #require(year["members"] as? [[String: Any]])
            let mine = try #require(members.first { $0["unitID"] as? Int == dakRuong })
            #expect(mine["status"] as? String == "submitted" && mine["standing"] as? String == "late")
            #expect(mine["exemplarIDs"] as? [Int] == [reg])
            // The plan file downloads for the office.
            let fileID = try #require(mine["planFileID"] as? Int)
            let file = try await api.send(.GET, "/api/v1/group-files/\(fileID)")
            #expect(file.status == .ok && file.text.hasPrefix("%PDF"))
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "group-submission").count()
            #expect(audit == 3)
        }
    }

    @Test("Only the member itself submits: another member, another group's unit and a non-member cannot")
    func whoSubmits() async throws {
        try await withTestApp { app in
            let cum = try await GroupWorkFixture.groupID(app, "CUM-XA")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let tanLap = try await unitID(app, "KR-TANLAP")
            let pnv = try await unitID(app, "KR-PNV")
            let reg = try await GroupWorkFixture.registration(app, unit: tanLap, name: "A Tân Lập")
            func submit(_ user: String, unit: Int) async throws -> HTTPStatus {
                let api = try await APIClient.login(app, user)
                return try await api.upload(
                    "/api/v1/groups/\(cum)/years/2025/members/\(unit)/submission", filename: "kh.pdf",
                    type: "application/pdf", bytes: Fields.pdf, fields: [("exemplarIDs", String(reg))]
                ).status
            }
            #expect(try await submit("dakruong", unit: tanLap) == .notFound, "another member's submission")
            #expect(try await submit("giaoduc", unit: tanLap) == .notFound, "a unit of another group")
            #expect(try await submit("bientap", unit: tanLap) == .notFound)
            #expect(try await submit("hoidong", unit: tanLap) == .forbidden)
            #expect(try await submit("noivu", unit: pnv) == .notFound, "Phòng Nội vụ is no member of the cluster")
            // A member may list only its own registrations as exemplars.
            let api = try await APIClient.login(app, "dakruong")
            let foreign = try await api.upload(
                "/api/v1/groups/\(cum)/years/2025/members/\(dakRuong)/submission", filename: "kh.pdf",
                type: "application/pdf", bytes: Fields.pdf, fields: [("exemplarIDs", String(reg))])
            #expect(foreign.status == .unprocessableEntity && foreign.text.contains("của chính đơn vị"))
            #expect(try await GroupSubmissionModel.query(on: app.db).count() == 0)
        }
    }

    @Test("The year's head sees its members' standing, not another group's; other members see only their own")
    func headScope() async throws {
        try await withTestApp { app in
            let cum = try await GroupWorkFixture.groupID(app, "CUM-XA")
            let khoi = try await GroupWorkFixture.groupID(app, "KHOI-PHONG")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let tanLap = try await unitID(app, "KR-TANLAP")
            let member = Browser(app)
            try await member.login("dakruong")
            #expect(try await member.send(.GET, "/app/groups/\(cum)/year/2025").status == .forbidden)
            #expect(try await member.send(.GET, "/app/groups/\(cum)/year/2025/members/\(tanLap)").status == .notFound)

            let office = Browser(app)
            try await office.login("noivu")
            let page = try await office.send(.GET, "/app/groups/\(cum)/year/2025")
            #expect(page.text.contains("đề xuất luân phiên"))
            let bad = try await office.post("/app/groups/\(cum)/year/2025/head", [("headUnitID", "999999")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Vui lòng chọn một đơn vị thành viên"))
            let ok = try await office.post("/app/groups/\(cum)/year/2025/head", [("headUnitID", String(dakRuong))])
            #expect(ok.status == .seeOther)

            let board = try await member.send(.GET, "/app/groups/\(cum)/year/2025")
            #expect(board.status == .ok && GroupWorkFixture.row(board.text, tanLapName) != nil)
            #expect(!board.text.contains("Lưu hạn nộp"), "the head does not set the deadline")
            #expect(try await member.send(.GET, "/app/groups/\(cum)/year/2025/members/\(tanLap)").status == .ok)
            #expect(try await member.send(.GET, "/app/groups/\(khoi)/year/2025").status == .notFound)
            #expect(
                try await member.send(.GET, "/app/groups/\(cum)/year/2024").status == .forbidden, "head of 2025 only")
            let head = try await member.post("/app/groups/\(cum)/year/2025/deadline", [("deadline", "31/03/2025")])
            #expect(head.status == .forbidden)
            // Next year's suggestion rotates to the member after Đăk Ruồng.
            let api = try await APIClient.login(app, "noivu")
            let next = try await api.send(.GET, "/api/v1/groups/\(cum)/years/2026").jsonObject()
            let suggested = next["suggestedHeadUnitID"] as? Int
            #expect(suggested != nil && suggested != dakRuong)
            let list = try await member.send(.GET, "/app/group-work?year=2025")
            #expect(
                list.text.contains("Cụm thi đua các xã, thị trấn") && !list.text.contains("Khối thi đua các cơ quan"))
        }
    }

    @Test("Scores rank the members by the rule file; bad points keep what was typed with a Vietnamese message")
    func scoresAndRanking() async throws {
        try await withTestApp { app in
            let cum = try await GroupWorkFixture.groupID(app, "CUM-XA")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let tanLap = try await unitID(app, "KR-TANLAP")
            let rule = try #require(GroupScoringRule.inForce(2025, among: try app.groupScoringRules))
            let office = Browser(app)
            try await office.login("noivu")
            let path = "/app/groups/\(cum)/year/2025/scores"
            let page = try await office.send(.GET, path)
            #expect(page.status == .ok && page.text.contains("cần xác minh"))
            let top = rule.criteria.map {
                (GroupWorkService.field(unit: dakRuong, criterion: $0.code), GroupScoring.format($0.maxPoints))
            }
            let second = rule.criteria.map { (GroupWorkService.field(unit: tanLap, criterion: $0.code), "8,5") }
            let bad = try await office.post(path, top + [(second[0].0, "mười")] + second.dropFirst())
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("là số từ 0 đến") && bad.text.contains("value=\"mười\""))
            #expect(try await GroupScoreModel.query(on: app.db).count() == 0, "nothing written")
            let saved = try await office.post(path, top + second)
            #expect(saved.status == .seeOther, "\(saved.text.prefix(300))")

            let api = try await APIClient.login(app, "noivu")
            let ranking = try await api.send(.GET, "/api/v1/groups/\(cum)/years/2025/ranking").jsonObject()
            let rows = try #require(ranking["ranking"] as? [[String: Any]])
            #expect(rows.first?["unitID"] as? Int == dakRuong && rows.first?["rank"] as? Int == 1)
            #expect(rows.first?["proposal"] as? String == rule.proposals.first?.code)
            #expect(rows.dropFirst().first?["unitID"] as? Int == tanLap && rows.dropFirst().first?["rank"] as? Int == 2)
            #expect(rows.dropFirst(2).allSatisfy { $0["rank"] is NSNull || $0["rank"] == nil })
            // 8.5 on each of 4 criteria is 34 of 100: below the Bằng khen's share, so not proposed.
            #expect(rows.dropFirst().first?["proposal"] is NSNull || rows.dropFirst().first?["proposal"] == nil)
            // The API takes the same points and refuses a score above the maximum.
            let over = try await api.send(
                .PUT, "/api/v1/groups/\(cum)/years/2025/scores",
                json: ["scores": [["unitID": tanLap, "criterion": rule.criteria[0].code, "points": "500"]]])
            #expect(over.status == .unprocessableEntity && over.text.contains("là số từ 0 đến"))
            let deadline = try await api.send(
                .PUT, "/api/v1/groups/\(cum)/years/2025/deadline", json: ["deadline": "31/02/2025"])
            #expect(deadline.status == .unprocessableEntity && deadline.text.contains("không phải ngày hợp lệ"))
        }
    }

    @Test("Members sign the pledge; a bad date keeps what was typed")
    func pledge() async throws {
        try await withTestApp { app in
            let cum = try await GroupWorkFixture.groupID(app, "CUM-XA")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let member = Browser(app)
            try await member.login("dakruong")
            let path = "/app/groups/\(cum)/year/2025/members/\(dakRuong)"
            try await member.send(.GET, path)
            let bad = try await member.upload(
                "\(path)/pledge", fields: [("signedOn", "32/01/2025"), ("signer", "Nguyễn Văn Ký")],
                file: ("file", "", "application/octet-stream", []))
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Vui lòng nhập ngày ký"))
            #expect(bad.text.contains("value=\"Nguyễn Văn Ký\"") && bad.text.contains("value=\"32/01/2025\""))
            let ok = try await member.upload(
                "\(path)/pledge", fields: [("signedOn", "15/01/2025"), ("signer", "Nguyễn Văn Ký")],
                file: ("file", "giao-uoc.pdf", "application/pdf", Fields.pdf))
            #expect(ok.status == .seeOther, "\(ok.text.prefix(300))")
            let office = Browser(app)
            try await office.login("noivu")
            let board = try await office.send(.GET, "/app/groups/\(cum)/year/2025")
            #expect(GroupWorkFixture.row(board.text, dakRuongName)?.contains("15/01/2025 — Nguyễn Văn Ký") == true)
        }
    }

    @Test("The group views render from their mocks (also in SurfaceTests)")
    func views() async throws {
        try await withTestApp(demo: false) { app in
            func render<C: Encodable & Sendable>(_ name: String, _ ctx: C, _ mustContain: String) async throws {
                let html = String(buffer: try await app.view.render(name, ctx).get().data)
                #expect(html.contains(mustContain), "\(name) lacks \(mustContain)")
                #expect(!html.contains("#("), "\(name) has an unrendered tag")
                #expect(!html.contains("style="), "\(name) has an inline style")
            }
            try await render("groups/work", GroupWorkListPage.mock, "Hồ sơ của đơn vị")
            try await render("groups/board", GroupBoardPage.mock, "Thiếu chữ ký của Chủ tịch")
            try await render("groups/board", GroupBoardPage.mock, "value=\"31/02/2025\"")
            try await render("groups/board", GroupBoardPage.mock, "Lý do trả lại không được để trống.")
            try await render("groups/member", GroupMemberPage.mock, "Phòng Nội vụ trả lại hồ sơ")
            try await render("groups/member", GroupMemberPage.mock, "value=\"32/01/2025\"")
            try await render("groups/scores", GroupScoresPage.mock, "cần xác minh")
            try await render("groups/scores", GroupScoresPage.mock, "value=\"mười\"")
        }
    }
}
