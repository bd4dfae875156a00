import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("CalendarTests")
struct CalendarTests {
    static func set(_ app: Application, _ id: String) throws -> RuleSet {
        try #require(app.ruleSets.first { $0.id == id })
    }

    @Test("The shipped calendar is loaded once: a restart neither duplicates nor restores an edited or deleted day")
    func loadIsIdempotent() async throws {
        try await withTestApp(demo: false) { app in
            let count = try await CalendarDayModel.query(on: app.db).count()
            #expect(count > 100)
            let tet = try #require(try await CalendarDayModel.query(on: app.db).filter(\.$day == "2025-01-29").first())
            tet.name = "Mùng 1 Tết (đã sửa)"
            tet.source = .manual
            try await tet.save(on: app.db)
            try await CalendarDayModel.query(on: app.db).filter(\.$day == "2025-01-30").delete()
            #expect(try await CalendarService.loadShipped(workingDirectory: packageRoot, on: app.db) == 0)
            #expect(try await CalendarDayModel.query(on: app.db).count() == count - 1)
            let again = try await CalendarDayModel.query(on: app.db).filter(\.$day == "2025-01-29").first()
            #expect(again?.name == "Mùng 1 Tết (đã sửa)")
        }
    }

    @Test("A dossier submitted before Tết 2025 gets an appraisal deadline after Tết that skips the holidays")
    func appraisalSkipsTet() async throws {
        try await withTestApp(demo: false) { app in
            let set = try Self.set(app, "rules-2024-nd98")
            let days = try #require(set.procedure?.appraisal.workingDays)
            // Monday–Friday only would give one week earlier than the calendar's answer.
            let plain = WorkingDays.add(days, to: "2025-01-20")
            let due = try await DossierService.appraisalDue(set, from: "2025-01-20", on: app.db)
            #expect(days == 20)
            #expect(plain == "2025-02-17")
            #expect(due == "2025-02-24")
        }
    }

    @Test("An administrator adds a day off on the web page and a deadline moves; bad dates come back typed")
    func adminAddedDayOffMovesDeadline() async throws {
        try await withTestApp(demo: true) { app in
            let set = try Self.set(app, "rules-2025-nd152")
            let before = try await DossierService.appraisalDue(set, from: "2026-03-02", on: app.db)
            let admin = Browser(app)
            try await admin.login("admin", adminPassword)
            var page = try await admin.send(.GET, "/app/calendar?year=2026")
            #expect(page.status == .ok)
            #expect(page.text.contains("Giỗ Tổ Hùng Vương"))
            #expect(page.text.contains("cần xác minh"))
            // Bad input: a Vietnamese message and the value as typed.
            page = try await admin.post(
                "/app/calendar?year=2026",
                [("day", "31/02/2026"), ("kind", "day-off"), ("name", "Nghỉ đột xuất"), ("basis", "Thông báo số 1")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("không phải ngày hợp lệ"))
            #expect(page.text.contains("value=\"31/02/2026\""))
            page = try await admin.post(
                "/app/calendar?year=2026",
                [("day", "04/03/2026"), ("kind", "make-up-workday"), ("name", "Làm bù"), ("basis", "Thông báo số 1")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật"))
            page = try await admin.post(
                "/app/calendar?year=2026",
                [("day", "04/03/2026"), ("kind", "day-off"), ("name", "Nghỉ đột xuất"), ("basis", "Thông báo số 1")])
            #expect(page.status == .seeOther, "\(page.text.prefix(300))")
            let after = try await DossierService.appraisalDue(set, from: "2026-03-02", on: app.db)
            #expect(before == "2026-03-30")
            #expect(after == "2026-03-31")
            // The same day twice is refused with a message.
            page = try await admin.post(
                "/app/calendar?year=2026",
                [("day", "2026-03-04"), ("kind", "day-off"), ("name", "Lần hai"), ("basis", "Thông báo số 2")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("đã có trong lịch"))
            // Deleting it restores the deadline.
            let row = try #require(try await CalendarDayModel.query(on: app.db).filter(\.$day == "2026-03-04").first())
            #expect(row.source == .manual)
            page = try await admin.post("/app/calendar/days/\(try row.requireID())/delete", [])
            #expect(page.status == .seeOther)
            #expect(try await DossierService.appraisalDue(set, from: "2026-03-02", on: app.db) == before)
            // The year in the query must be a year.
            page = try await admin.send(.GET, "/app/calendar?year=hai-nghin")
            #expect(page.status == .badRequest)
            #expect(page.text.contains("không hợp lệ"))
        }
    }

    @Test("Only the administrator and the standing office edit the calendar; everyone signed in reads it")
    func onlyAdminAndStandingOfficeWrite() async throws {
        try await withTestApp(demo: true) { app in
            let row = try #require(try await CalendarDayModel.query(on: app.db).filter(\.$day == "2026-09-02").first())
            let id = try row.requireID()
            for user in ["dakruong", "hoidong", "giaoduc", "bientap"] {
                let b = Browser(app)
                try await b.login(user)
                let read = try await b.send(.GET, "/app/calendar?year=2026")
                #expect(read.status == .ok, "\(user) reads")
                #expect(!read.text.contains("/app/calendar/days/\(id)/delete"), "\(user) is offered no delete")
                let add = try await b.post(
                    "/app/calendar", [("day", "04/03/2026"), ("kind", "day-off"), ("name", "x"), ("basis", "y")])
                #expect(add.status == .forbidden, "\(user) add → \(add.status)")
                let del = try await b.post("/app/calendar/days/\(id)/delete", [])
                #expect(del.status == .forbidden, "\(user) delete → \(del.status)")
            }
            #expect(try await CalendarDayModel.find(id, on: app.db) != nil)
            #expect(try await CalendarDayModel.query(on: app.db).filter(\.$day == "2026-03-04").count() == 0)
            let noivu = Browser(app)
            try await noivu.login("noivu")
            #expect(try await noivu.send(.GET, "/app").text.contains("/app/calendar"), "the standing office's nav")
            let api = try await APIClient.login(app, "dakruong")
            let year = try await api.send(.GET, "/api/v1/calendar?year=2025").jsonObject()
            let days = try #require(year["days"] as? [[String: Any]])
            #expect(
                days.contains { $0["day"] as? String == "2025-04-26" && $0["kind"] as? String == "make-up-workday" })
            #expect(try await api.send(.GET, "/api/v1/calendar?year=x").status == .badRequest)
        }
    }

    @Test("A Gia đình văn hóa dossier shows the end of its posting and the rule's article")
    func familyDossierShowsPostingEnd() async throws {
        try await withTestApp(demo: true) { app in
            let dakruong = try await unitID(app, "KR-DAKRUONG")
            let household = try #require(
                try await SubjectModel.query(on: app.db).filter(\.$kind == SubjectKind.household.rawValue)
                    .filter(\.$unit.$id == dakruong).first())
            let unit = Browser(app)
            try await unit.login("dakruong")
            try await unit.send(.GET, "/app/dossiers")
            var page = try await unit.post(
                "/app/dossiers",
                [
                    ("unitID", String(dakruong)), ("year", String(Today.year)),
                    ("title", "Đề nghị Gia đình văn hóa"), ("number", "3/TTr-THON"),
                ])
            #expect(page.status == .seeOther, "\(page.text.prefix(300))")
            let path = try #require(page.location)
            try await unit.send(.GET, path)
            page = try await unit.post(
                path + "/nominees",
                [
                    ("subjectID", String(try household.requireID())), ("formCode", "gia-dinh-van-hoa"),
                    ("achievement", "Gương mẫu"), ("acknowledgeWarning", "yes"),
                ])
            #expect(
                page.status == .seeOther,
                "\(page.text.components(separatedBy: "role=\"alert\"").last?.prefix(300) ?? "")")
            page = try await unit.send(.GET, path)
            let did = try #require(Int(path.split(separator: "/").last ?? ""))
            let d = try #require(try await DossierModel.find(did, on: app.db))
            let created = try #require(d.createdAt.flatMap { VietnameseDate.displayToISO(VietnameseDate.format($0)) })
            let calendar = try await CalendarService.calendar(around: created, on: app.db)
            let end = try #require(WorkingDays.addCalendarDays(10, to: created, calendar: calendar))
            #expect(page.text.contains("Niêm yết công khai danh sách hộ gia đình"))
            #expect(page.text.contains("đến hết \(end.isoToVietnamese)"), "\(end)")
            #expect(page.text.contains("86/2023/NĐ-CP"))
        }
    }
}
