import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Clusters and blocks: the office accepts a submission; the year's head sees its members and its cluster")
struct GroupAcceptHeadTests {
    let dakRuongName = "Ủy ban nhân dân xã Đăk Ruồng"
    let tanLapName = "Ủy ban nhân dân xã Tân Lập"

    @Test("The office accepts; the counts follow; an accepted one is not replaced, may be returned, then resubmitted")
    func accept() async throws {
        try await withTestApp { app in
            let cum = try await GroupWorkFixture.groupID(app, "CUM-XA")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let tanLap = try await unitID(app, "KR-TANLAP")
            let reg = try await GroupWorkFixture.registration(app, unit: dakRuong, name: "Y Tiếp Nhận")
            let board = "/app/groups/\(cum)/year/2025"
            let memberPage = "\(board)/members/\(dakRuong)"
            let member = Browser(app)
            try await member.login("dakruong")
            try await member.send(.GET, memberPage)
            let sent = try await member.upload(
                "\(memberPage)/submit", fields: [("exemplarIDs[]", String(reg))],
                file: ("file", "Kế hoạch 2025.pdf", "application/pdf", Fields.pdf))
            #expect(sent.status == .seeOther, "\(sent.text.prefix(300))")

            let office = Browser(app)
            try await office.login("noivu")
            var page = try await office.send(.GET, board)
            #expect(page.text.contains("Chờ tiếp nhận: <strong>1</strong>"), "\(page.text.prefix(2000))")
            #expect(page.text.contains("\(board)/members/\(dakRuong)/accept"))
            // A member cannot accept, not even its own; nothing to accept for a member who has not submitted.
            #expect(try await member.post("\(board)/members/\(dakRuong)/accept", []).status == .forbidden)
            let none = try await office.post("\(board)/members/\(tanLap)/accept", [])
            #expect(none.status == .conflict && none.text.contains("không có gì để tiếp nhận"))
            let ok = try await office.post("\(board)/members/\(dakRuong)/accept", [])
            #expect(ok.status == .seeOther, "\(ok.text.prefix(300))")
            page = try await office.send(.GET, board)
            #expect(
                page.text.contains("Đã tiếp nhận: <strong>1</strong>")
                    && page.text.contains("Chờ tiếp nhận: <strong>0</strong>"))
            #expect(GroupWorkFixture.row(page.text, dakRuongName)?.contains("Đã tiếp nhận ") == true)
            #expect(!page.text.contains("\(board)/members/\(dakRuong)/accept"), "no second accept form")
            let list = try await office.send(.GET, "/app/group-work?year=2025")
            #expect(list.text.contains("Đã tiếp nhận 1"), "\(list.text.prefix(2000))")

            // The member sees it accepted, without the submit form; a resubmission is refused and nothing changes.
            let seen = try await member.send(.GET, memberPage)
            #expect(seen.text.contains("Đã tiếp nhận") && !seen.text.contains("\(memberPage)/submit\""))
            let again = try await member.upload(
                "\(memberPage)/submit", fields: [("exemplarIDs[]", String(reg))],
                file: ("file", "Kế hoạch 2025 (sửa).pdf", "application/pdf", Fields.pdf))
            #expect(again.status == .conflict, "\(again.text.prefix(300))")

            // The API: accepting twice is a conflict; the office may return it with a reason, the member resubmits.
            let api = try await APIClient.login(app, "noivu")
            let twice = try await api.send(.POST, "/api/v1/groups/\(cum)/years/2025/members/\(dakRuong)/accept")
            #expect(twice.status == .conflict, "\(twice.text)")
            let year = try await api.send(.GET, "/api/v1/groups/\(cum)/years/2025").jsonObject()
            let counts = try #require(year["counts"] as? [String: Any])
            #expect(counts["accepted"] as? Int == 1 && counts["missing"] as? Int == 6)
            let mine = try #require((year["members"] as? [[String: Any]])?.first { $0["unitID"] as? Int == dakRuong })
            #expect(mine["status"] as? String == "accepted" && mine["acceptedAt"] is String)
            let back = try await api.send(
                .POST, "/api/v1/groups/\(cum)/years/2025/members/\(dakRuong)/return",
                json: ["reason": "Danh sách điển hình có đăng ký đã rút."])
            let backStatus = try back.jsonObject()["status"] as? String
            #expect(back.status == .ok && backStatus == "returned", "\(back.text)")
            let resent = try await member.upload(
                "\(memberPage)/submit", fields: [("exemplarIDs[]", String(reg))],
                file: ("file", "Kế hoạch 2025 (sửa).pdf", "application/pdf", Fields.pdf))
            #expect(resent.status == .seeOther)
            let accepted = try await api.send(.POST, "/api/v1/groups/\(cum)/years/2025/members/\(dakRuong)/accept")
            let acceptedStatus = try accepted.jsonObject()["status"] as? String
            #expect(accepted.status == .ok && acceptedStatus == "accepted")
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "group-submission")
                .filter(\.$action == "accept").count()
            #expect(audit == 2)
        }
    }

    @Test("The head of 2024 sees its members and its cluster's dashboard for 2024, not for 2025; others do not")
    func headDashboard() async throws {
        try await withTestApp { app in
            let cum = try await GroupWorkFixture.groupID(app, "CUM-XA")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let tanLap = try await unitID(app, "KR-TANLAP")
            let office = try await APIClient.login(app, "noivu")
            for (year, head) in [(2024, dakRuong), (2025, tanLap)] {
                let r = try await office.send(
                    .PUT, "/api/v1/groups/\(cum)/years/\(year)/head", json: ["headUnitID": head])
                #expect(r.status == .ok, "\(r.text)")
            }
            let head = Browser(app)
            try await head.login("dakruong")
            let api = try await APIClient.login(app, "dakruong")
            func dashboard(_ year: String) -> String { "/app/dashboard?scope=group-\(cum)&year=\(year)" }
            let page = try await head.send(.GET, dashboard("2024"))
            #expect(
                page.status == .ok && page.text.contains("Cụm thi đua các xã, thị trấn"), "\(page.text.prefix(500))")
            #expect(page.text.contains("value=\"group-\(cum)\""), "the scope picker offers the cluster")
            #expect(try await head.send(.GET, dashboard("2025")).status == .notFound, "a head of 2024 only")
            #expect(try await head.send(.GET, dashboard("2024-2025")).status == .notFound)
            #expect(try await api.send(.GET, "/api/v1\(dashboard("2024").dropFirst(4))").status == .ok)
            #expect(try await api.send(.GET, "/api/v1\(dashboard("2025").dropFirst(4))").status == .notFound)
            let export = "/app/dashboard/export?scope=group-\(cum)&year=2024&table=don-vi&format=csv"
            #expect(try await head.send(.GET, export).status == .ok)
            // The head's own dashboard does not offer the cluster for a year it does not head.
            let own = try await head.send(.GET, "/app/dashboard?scope=unit-\(dakRuong)&year=2025")
            #expect(own.status == .ok && !own.text.contains("value=\"group-\(cum)\""))

            // The group-work page and the board link to the cluster's figures for the year it heads.
            let list = try await head.send(.GET, "/app/group-work?year=2024")
            #expect(
                list.text.contains(dashboard("2024").replacingOccurrences(of: "&", with: "&amp;"))
                    || list.text.contains(dashboard("2024")), "\(list.text.prefix(3000))")
            #expect(list.text.contains("Đơn vị bạn là trưởng năm 2024"))
            let board = try await head.send(.GET, "/app/groups/\(cum)/year/2024")
            #expect(board.status == .ok && GroupWorkFixture.row(board.text, tanLapName) != nil)
            #expect(board.text.contains("Số liệu điển hình của cụm, khối năm 2024"))
            #expect(!board.text.contains("/accept\""), "the head reads, it does not accept")
            #expect(try await head.send(.GET, "/app/groups/\(cum)/year/2025").status == .forbidden)
            let list2025 = try await head.send(.GET, "/app/group-work?year=2025")
            #expect(!list2025.text.contains("scope=group-\(cum)"))

            // Tân Lập's account is not a demo account: another member (a commune outside the head years) and a unit
            // outside the cluster see no figures.
            let other = Browser(app)
            try await other.login("giaoduc")
            #expect(try await other.send(.GET, dashboard("2024")).status == .notFound)
            let editor = Browser(app)
            try await editor.login("bientap")
            #expect(try await editor.send(.GET, dashboard("2024")).status != .ok)
            let council = Browser(app)
            try await council.login("hoidong")
            #expect(try await council.send(.GET, dashboard("2025")).status == .ok)
        }
    }
}

@Suite("The demo's cluster years and the district's report draft (DemoGroupYear), on the demo tree")
struct DemoGroupYearTests {
    @Test("2024 and 2025: deadline, rotating head (Đăk Ruồng in 2025), pledges, on time, late, returned, accepted")
    func demoGroupYear() async throws {
        try await withTestApp { app in
            let cum = try await GroupWorkFixture.groupID(app, "CUM-XA")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let api = try await APIClient.login(app, "noivu")
            // One registration per member and year, as the district's registrations step would leave.
            let members = try await GroupWorkService.load(cum, year: 2025, on: app.db).memberIDs
            for year in [2024, 2025] {
                for unit in members {
                    let res = try await api.registerIndividual(
                        "Người \(unit) \(year)", unit: unit, year: year, title: "Điển hình \(unit) \(year)",
                        movementIDs: [])
                    #expect(res.status == .created || res.status == .ok, "\(res.text)")
                }
            }
            let run = try await DemoDistrictRun.make(app: app, today: "2026-01-15", on: app.db)
            try await run.groupYear()

            let y2025 = try await api.send(.GET, "/api/v1/groups/\(cum)/years/2025").jsonObject()
            #expect(y2025["headUnitID"] as? Int == dakRuong && y2025["deadline"] as? String == "31/03/2025")
            let c = try #require(y2025["counts"] as? [String: Int])
            #expect(c["accepted"] == 3 && c["submitted"] == 2 && c["late"] == 1 && c["missing"] == 2, "\(c)")
            let rows = try #require(y2025["members"] as? [[String: Any]])
            #expect(rows.filter { $0["pledgeSignedOn"] is String }.count == members.count - 1)
            #expect(rows.first { $0["unitID"] as? Int == dakRuong }?["standing"] as? String == "missing")
            let y2024 = try await api.send(.GET, "/api/v1/groups/\(cum)/years/2024").jsonObject()
            #expect(y2024["headUnitID"] as? Int != dakRuong && y2024["headUnitID"] is Int)
            let c24 = try #require(y2024["counts"] as? [String: Int])
            #expect(c24["missing"] == 1 && c24["late"] == 1 && c24["returned"] == 0, "\(c24)")
            // The resubmission after a return is audited: one return per year.
            let returns = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "group-submission")
                .filter(\.$action == "return").count()
            #expect(returns == 2)
            let ranking = try await api.send(.GET, "/api/v1/groups/\(cum)/years/2024/ranking").jsonObject()
            let ranked = try #require(ranking["ranking"] as? [[String: Any]])
            #expect(ranked.first?["proposal"] as? String == "co-thi-dua", "\(ranked.prefix(2))")
            #expect(ranked.allSatisfy { $0["rank"] is Int })
            let report = try #require(
                try await PeriodicReportModel.query(on: app.db).filter(\.$periodTo == "2025-06-30").first())
            #expect(report.situation.contains("Kon Rẫy") || report.situation.contains("điển hình"))
        }
    }
}
