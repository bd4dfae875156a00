import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The last forms whose unit selects were capped (issue 11): a story's unit, an event's organiser and participants, a
/// statistics form's unit and a citizen's proposal. Past `UnitPicker.selectLimit` units each takes a code or words of
/// a name instead of listing units, keeps what was typed, and saves nothing when the text names none or several.
@Suite("More forms' units once units are many: a story, an event, a statistics form, a citizen's proposal")
struct UnitChoiceFormsTests {
    static func id(_ app: Application, _ code: String) async throws -> Int {
        try #require(try await UnitModel.query(on: app.db).filter(\.$code == code).first()).requireID()
    }

    /// One commune more than a select carries, under the district: "Xã Thử Nghiệm 0" … (codes KR-XT0 …).
    static func manyCommunes(_ app: Application) async throws {
        try await UnitPickerTests.manyUnits(app, under: "KR", kind: .xa, code: "KR-XT", name: "Xã Thử Nghiệm")
    }

    @Test("A new story's unit is typed by the standing office; a typo keeps the text and saves no story")
    func storyUnit() async throws {
        try await withTestApp { app in
            let commune = try await UnitPickerTests.manyVillages(app)
            let subject = try await StoriesTests.subject(app)
            let office = Browser(app)
            try await office.login("noivu")
            let form = try await office.send(.GET, StoriesPath.new.href)
            #expect(form.status == .ok, "\(form.text.prefix(300))")
            #expect(form.text.contains("<input id=\"unit\" name=\"unit\" type=\"text\""))
            #expect(!form.text.contains("<select id=\"unitID\""))
            #expect(!form.text.contains("Thôn Thử 17"), "the units are not sent to the page")
            let fields = StoriesTests.fields(subject: subject.id!, title: "Bài thử đơn vị gõ")
            let typo = try await office.post(
                StoriesPath.list.href, fields + [("unit", "không có đâu"), ("unitID", "")])
            #expect(typo.status == .unprocessableEntity)
            #expect(typo.text.contains("Chưa xác định được đơn vị từ “không có đâu”"))
            #expect(typo.text.contains("value=\"không có đâu\"") && typo.text.contains("value=\"Bài thử đơn vị gõ\""))
            #expect(try await StoryModel.query(on: app.db).filter(\.$title == "Bài thử đơn vị gõ").count() == 0)
            let made = try await office.post(StoriesPath.list.href, fields + [("unit", "kr-dakruong"), ("unitID", "")])
            #expect(made.status == .seeOther, "\(made.text.prefix(600))")
            let story = try #require(
                try await StoryModel.query(on: app.db).filter(\.$title == "Bài thử đơn vị gõ").first())
            #expect(story.unitID == commune)
        }
    }

    @Test("An event's organiser by code and its participants added by text; several matches are offered to tick")
    func eventUnits() async throws {
        try await withTestApp { app in
            let commune = try await UnitPickerTests.manyVillages(app)
            let (t17, t30, t300) = (
                try await Self.id(app, "KR-DR-T17"), try await Self.id(app, "KR-DR-T30"),
                try await Self.id(app, "KR-DR-T300")
            )
            let web = Browser(app)
            try await web.login("dakruong")
            let form = try await web.send(.GET, EventPath.new.href)
            #expect(form.status == .ok)
            // The organiser shows the officer's commune by name; the participants are a text field, no unit listed.
            #expect(form.text.contains("<input type=\"hidden\" name=\"unitID\" value=\"\(commune)\">"))
            #expect(form.text.contains("<input id=\"unitIDsText\" name=\"unitIDsText\" type=\"text\" value=\"\""))
            #expect(!form.text.contains("Thôn Thử 17"), "the units are not sent to the page")
            func event(_ title: String, _ extra: [(String, String)]) -> [(String, String)] {
                [
                    ("unit", "kr-dakruong"), ("unitID", ""), ("kind", "study-visit"), ("title", title),
                    ("date", "05/03/2025"), ("time", "07 giờ 30"), ("place", "Thôn 3, xã Đăk Ruồng"),
                    ("outcomes", ""), ("people", ""),
                ] + extra
            }
            func saved(_ title: String) async throws -> [Int]? {
                guard let e = try await EventModel.query(on: app.db).filter(\.$title == title).first() else {
                    return nil
                }
                return try await EventUnitModel.query(on: app.db).filter(\.$eventID == e.requireID()).all().map(
                    \.unitID
                )
                .sorted()
            }
            // Several villages match: the form again, the text kept, the matches offered unticked; nothing saved.
            let several = try await web.post(
                EventPath.list.href, event("Sự kiện thử A", [("unitIDsText", "thon thu 30")]))
            #expect(several.status == .unprocessableEntity, "\(several.text.prefix(400))")
            #expect(several.text.contains("“thon thu 30” khớp nhiều đơn vị"))
            #expect(several.text.contains("value=\"thon thu 30\"") && several.text.contains("value=\"Sự kiện thử A\""))
            for id in [t30, t300] {
                #expect(several.text.contains("<input type=\"checkbox\" name=\"unitIDs[]\" value=\"\(id)\">"))
            }
            #expect(try await saved("Sự kiện thử A") == nil)
            // One of them ticked, the text still there: saved with the ticked one.
            let ticked = try await web.post(
                EventPath.list.href,
                event("Sự kiện thử A", [("unitIDsText", "thon thu 30"), ("unitIDs[]", String(t30))]))
            #expect(ticked.status == .seeOther, "\(ticked.text.prefix(400))")
            #expect(try await saved("Sự kiện thử A") == [t30])
            // A code adds its unit beside those ticked; the organiser typed by code is the commune.
            let coded = try await web.post(
                EventPath.list.href,
                event("Sự kiện thử B", [("unitIDsText", "KR-DR-T17"), ("unitIDs[]", String(t300))]))
            #expect(coded.status == .seeOther, "\(coded.text.prefix(400))")
            #expect(try await saved("Sự kiện thử B") == [t17, t300].sorted())
            let b = try #require(try await EventModel.query(on: app.db).filter(\.$title == "Sự kiện thử B").first())
            #expect(b.unitID == commune)
            // Its edit form lists the chosen participants ticked, and only them.
            let edit = try await web.send(.GET, EventPath.edit(.id(try b.requireID())).href)
            #expect(edit.text.contains("value=\"\(t17)\" checked> Thôn Thử 17 xã Đăk Ruồng (KR-DR-T17)"))
            #expect(!edit.text.contains("Thôn Thử 18 xã"))
            // A text naming nothing: an error on the participants, nothing saved.
            let none = try await web.post(
                EventPath.list.href, event("Sự kiện thử C", [("unitIDsText", "không có đâu")]))
            #expect(none.status == .unprocessableEntity)
            #expect(
                none.text.contains("Không có đơn vị nào khớp “không có đâu”") && none.text.contains("unitIDs-error"))
            #expect(try await saved("Sự kiện thử C") == nil)
        }
    }

    @Test("A statistics form for any unit in reach, by code or by a match offered; another unit's stays not found")
    func statisticsUnit() async throws {
        try await withTestApp { app in
            _ = try await UnitPickerTests.manyVillages(app)
            let (t17, tanLap) = (try await Self.id(app, "KR-DR-T17"), try await Self.id(app, "KR-TANLAP"))
            let web = Browser(app)
            try await web.login("dakruong")
            let own = try await web.send(.GET, StatisticsPath.form(.text("0601")).href)
            #expect(own.status == .ok)
            #expect(own.text.contains("<input id=\"unitText\" name=\"unitText\" type=\"search\""))
            #expect(!own.text.contains("Thôn Thử 17"), "the units are not sent to the page")
            let coded = try await web.send(.GET, StatisticsPath.form(.text("0601")).href + "?unitText=KR-DR-T17")
            #expect(coded.status == .ok)
            #expect(coded.text.contains("Đơn vị báo cáo: <strong>Thôn Thử 17 xã Đăk Ruồng</strong>"))
            #expect(coded.text.contains("<input type=\"hidden\" name=\"unit\" value=\"\(t17)\">"))
            let several = try await web.send(
                .GET, StatisticsPath.form(.text("0601")).href + "?unitText=thon%20thu%2030&year=2025")
            #expect(several.status == .ok)
            #expect(several.text.contains("Có 2 đơn vị khớp “thon thu 30”; chọn một:"))
            #expect(
                several.text.contains("/app/statistics/0601?unit=\(try await Self.id(app, "KR-DR-T30"))&amp;year=2025"))
            #expect(
                try await web.send(.GET, StatisticsPath.form(.text("0601")).href + "?unit=\(tanLap)").status
                    == .notFound)
        }
    }

    @Test("A citizen names the receiving commune by name once communes are many; the page lists none of them")
    func proposalUnit() async throws {
        try await withTestApp { app in
            try await Self.manyCommunes(app)
            let dakRuong = try await Self.id(app, "KR-DAKRUONG")
            let v = try await ProposalTests.visitor(app)
            let page = try await v.send(.GET, ProposalsPath.publicForm.href)
            #expect(page.text.contains("<input id=\"unit\" name=\"unit\" type=\"text\""))
            #expect(!page.text.contains("Xã Thử Nghiệm 17"), "the units are not sent to the page")
            var fields = ProposalTests.fields(unit: 0, name: "Hộ ông Thử Gõ").filter { $0.0 != "unitID" }
            let several = try await v.post(ProposalsPath.publicForm.href, fields + [("unit", "xa thu nghiem 1")])
            #expect(several.status == .unprocessableEntity)
            #expect(several.text.contains("đơn vị khớp “xa thu nghiem 1”"))
            #expect(several.text.contains("value=\"Hộ ông Thử Gõ\""))
            fields.append(("unit", "đăk ruồng"))
            let sent = try await v.post(ProposalsPath.publicForm.href, fields)
            #expect(sent.status == .seeOther, "\(sent.text.prefix(400))")
            let p = try #require(
                try await ProposalModel.query(on: app.db).filter(\.$subjectName == "Hộ ông Thử Gõ").first())
            #expect(p.unitID == dakRuong)
        }
    }

    @Test("A movement's lead and coordinating agencies added by code once units are many; a vague text saves nothing")
    func movementAgencies() async throws {
        try await withTestApp { app in
            try await Self.manyCommunes(app)
            let (pnv, x17) = (try await Self.id(app, "KR-PNV"), try await Self.id(app, "KR-XT17"))
            let office = Browser(app)
            try await office.login("noivu")
            let form = try await office.send(.GET, MovementsPath.new.href)
            #expect(form.status == .ok)
            #expect(form.text.contains("<input id=\"leadAgencyIDsText\" name=\"leadAgencyIDsText\" type=\"text\""))
            #expect(form.text.contains("<input id=\"coordinatingAgencyIDsText\""))
            #expect(!form.text.contains("Xã Thử Nghiệm 17"), "the units are not sent to the page")
            func movement(_ code: String, lead: String, coordinating: String) -> [(String, String)] {
                [
                    ("code", code), ("name", "Phong trào thử \(code)"), ("kind", "phong-trao"), ("level", "huyen"),
                    ("fromYear", "2025"), ("toYear", "2026"), ("leadAgencyIDsText", lead),
                    ("coordinatingAgencyIDsText", coordinating),
                ]
            }
            let vague = try await office.post(
                MovementsPath.list.href, movement("PT-THU1", lead: "KR-PNV", coordinating: "xa thu nghiem"))
            #expect(vague.status == .unprocessableEntity)
            #expect(vague.text.contains("“xa thu nghiem” khớp nhiều đơn vị"))
            #expect(vague.text.contains("Có hơn 10 đơn vị khớp “xa thu nghiem”"))
            #expect(vague.text.contains("value=\"Phong trào thử PT-THU1\""))
            #expect(try await MovementModel.query(on: app.db).filter(\.$code == "PT-THU1").count() == 0)
            let made = try await office.post(
                MovementsPath.list.href, movement("PT-THU2", lead: "kr-pnv", coordinating: "KR-XT17"))
            #expect(made.status == .seeOther, "\(made.text.prefix(400))")
            let m = try #require(try await MovementModel.query(on: app.db).filter(\.$code == "PT-THU2").first())
            let agencies = try await MovementAgencyModel.query(on: app.db).filter(\.$movement.$id == m.requireID())
                .all()
                .map { "\($0.role) \($0.$unit.id)" }.sorted()
            #expect(agencies == ["coordinating \(x17)", "lead \(pnv)"])
        }
    }
}
