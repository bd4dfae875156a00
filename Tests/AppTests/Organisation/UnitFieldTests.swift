import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The forms that choose one unit (`UnitField`, issue 11): nationally their selects held the first 2,000 of 100,000
/// units and the rest could not be chosen. Past `UnitPicker.selectLimit` units each takes a code or words of a name,
/// offers the matches, keeps what was typed, and never saves an optional unit as empty because the text named none.
@Suite("A form's unit: a select for a few units, a code or a name for many (accounts, units, clusters)")
struct UnitFieldTests {
    @Test(
        "An account's unit, a unit's parent and a cluster's new member are typed by code or name once units are many")
    func typedUnitFields() async throws {
        try await withTestApp { app in
            let admin = Browser(app)
            try await admin.login("admin", adminPassword)
            #expect(
                try await admin.send(.GET, UsersPath.new.href).text.contains("<select id=\"unitID\" name=\"unitID\""))
            _ = try await UnitPickerTests.manyVillages(app)
            func unit(_ code: String) async throws -> Int {
                try #require(try await UnitModel.query(on: app.db).filter(\.$code == code).first()).requireID()
            }
            let (t30, t300, t17) = (
                try await unit("KR-DR-T30"), try await unit("KR-DR-T300"), try await unit("KR-DR-T17")
            )

            // The account form: a text field, the units not sent to the page.
            let new = try await admin.send(.GET, UsersPath.new.href)
            #expect(new.status == .ok)
            #expect(!new.text.contains("<select id=\"unitID\""))
            #expect(new.text.contains("<input id=\"unit\" name=\"unit\" type=\"text\" value=\"\">"))
            #expect(!new.text.contains("Thôn Thử 17"))
            func account(_ username: String, unit: String, unitID: String = "") -> [(String, String)] {
                [
                    ("username", username), ("fullName", "Y Thử"), ("role", "unit-officer"), ("unit", unit),
                    ("unitID", unitID), ("password", "mat-khau-thu-12345"), ("active", "on"),
                ]
            }
            // Several match: the form again, what was typed kept, the four offered; no account.
            let several = try await admin.post(UsersPath.list.href, account("ythu1", unit: "thon thu 30"))
            #expect(several.status == .unprocessableEntity, "\(several.text.prefix(300))")
            #expect(several.text.contains("value=\"thon thu 30\"") && several.text.contains("value=\"ythu1\""))
            #expect(several.text.contains("Có 2 đơn vị khớp “thon thu 30”; chọn một:"))
            for id in [t30, t300] {
                #expect(several.text.contains("<input type=\"radio\" name=\"unitID\" value=\"\(id)\">"))
            }
            // Nothing matches: an error on the field, never an account saved without its unit.
            let none = try await admin.post(UsersPath.list.href, account("ythu2", unit: "không có đâu"))
            #expect(none.status == .unprocessableEntity)
            #expect(none.text.contains("Chưa xác định được đơn vị từ “không có đâu”"))
            #expect(none.text.contains("id=\"unitID-error\""))
            // One chosen among the matches, and an exact code in any case: saved in that unit.
            let chosen = try await admin.post(
                UsersPath.list.href, account("ythu3", unit: "thon thu 30", unitID: String(t30)))
            #expect(chosen.status == .seeOther, "\(chosen.text.prefix(300))")
            #expect(try await admin.post(UsersPath.list.href, account("ythu4", unit: "kr-dr-t17")).status == .seeOther)
            let users = try await UserModel.query(on: app.db).filter(
                \.$username ~~ ["ythu1", "ythu2", "ythu3", "ythu4"]
            )
            .all()
            #expect(users.map { "\($0.username) \($0.$unit.id ?? 0)" }.sorted() == ["ythu3 \(t30)", "ythu4 \(t17)"])
            // Its edit form shows the unit by name, its id beside it.
            let edited = try #require(users.first { $0.username == "ythu4" })
            let edit = try await admin.send(.GET, UsersPath.edit(.id(try edited.requireID())).href)
            #expect(edit.text.contains("value=\"Thôn Thử 17 xã Đăk Ruồng\""))
            #expect(edit.text.contains("<input type=\"hidden\" name=\"unitID\" value=\"\(t17)\">"))

            // A unit's parent, by code.
            let unitFields: [(String, String)] = [
                ("code", "KR-DR-T17-X"), ("name", "Xóm Thử"), ("shortName", ""), ("kind", "thon"),
                ("parent", "KR-DR-T17"), ("parentID", ""), ("place", ""), ("abbreviation", ""),
            ]
            let made = try await admin.post(UnitsPath.list.href, unitFields)
            #expect(made.status == .seeOther, "\(made.text.prefix(300))")
            let xom = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DR-T17-X").first())
            #expect(xom.$parent.id == t17)
            let rootless = try await admin.post(
                UnitsPath.list.href,
                unitFields.map { $0.0 == "code" ? ("code", "KR-Y") : $0.0 == "parent" ? ("parent", "zzz") : $0 })
            #expect(rootless.status == .unprocessableEntity)
            #expect(rootless.text.contains("id=\"parentID-error\""))
            #expect(try await UnitModel.query(on: app.db).filter(\.$code == "KR-Y").count() == 0)

            // A cluster's new member, by code; once a member it is no longer offered.
            let office = Browser(app)
            try await office.login("noivu")
            let group = try #require(try await UnitGroupModel.query(on: app.db).filter(\.$code == "CUM-XA").first())
            let groupID = try group.requireID()
            let members = GroupEditPath.members(.id(groupID)).href
            let page = try await office.send(.GET, GroupEditPath.edit(.id(groupID)).href)
            #expect(page.text.contains("<input id=\"unit\" name=\"unit\" type=\"text\" value=\"\">"))
            #expect(try await office.post(members, [("unit", "kr-dr-t300"), ("unitID", "")]).status == .seeOther)
            let linked = try await UnitGroupMemberModel.query(on: app.db).filter(\.$group.$id == groupID)
                .filter(\.$unit.$id == t300).count()
            #expect(linked == 1)
            let again = try await office.post(members, [("unit", "KR-DR-T300"), ("unitID", "")])
            #expect(again.status == .unprocessableEntity)
            #expect(again.text.contains("Chưa xác định được đơn vị từ “KR-DR-T300”"))
        }
    }

    @Test("A new dossier's unit, typed by a commune officer whose units are many: by code, or an error on the field")
    func dossierUnit() async throws {
        try await withTestApp { app in
            let commune = try await UnitPickerTests.manyVillages(app)
            let web = Browser(app)
            try await web.login("dakruong")
            let list = try await web.send(.GET, DossiersPath.list.href)
            #expect(list.status == .ok)
            #expect(list.text.contains("<input id=\"unit\" name=\"unit\" type=\"text\""))
            #expect(!list.text.contains("Thôn Thử 17"), "the units are not sent to the page")
            func dossier(_ unit: String, _ title: String) -> [(String, String)] {
                [("unit", unit), ("unitID", ""), ("year", "2025"), ("title", title), ("number", "")]
            }
            let none = try await web.post(DossiersPath.list.href, dossier("không có đâu", "Hồ sơ thử A"))
            #expect(none.status == .unprocessableEntity)
            #expect(none.text.contains("Chưa xác định được đơn vị từ “không có đâu”"))
            #expect(none.text.contains("value=\"Hồ sơ thử A\""))
            let made = try await web.post(DossiersPath.list.href, dossier("kr-dakruong", "Hồ sơ thử B"))
            #expect(made.status == .seeOther, "\(made.text.prefix(300))")
            let saved = try await DossierModel.query(on: app.db).filter(\.$title ~~ ["Hồ sơ thử A", "Hồ sơ thử B"])
                .all()
            #expect(saved.map { "\($0.title) \($0.$unit.id)" } == ["Hồ sơ thử B \(commune)"])
        }
    }

    @Test("A unit's own criterion and a model's adopting unit, typed by a commune officer whose units are many")
    func criterionAndReplicationUnits() async throws {
        try await withTestApp { app in
            _ = try await UnitPickerTests.manyVillages(app)
            let t17 = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DR-T17").first())
            let web = Browser(app)
            try await web.login("dakruong")
            let page = try await web.send(.GET, SubjectsPath.criteria.href)
            #expect(page.text.contains("<input id=\"unit\" name=\"unit\" type=\"text\""))
            #expect(!page.text.contains("Thôn Thử 17"), "the units are not sent to the page")
            func criterion(_ unit: String, _ code: String) -> [(String, String)] {
                [
                    ("unit", unit), ("unitID", ""), ("year", "2025"), ("code", code), ("text", "Tiêu chí thử"),
                    ("kind", CriterionKind.boolean.rawValue),
                ]
            }
            let several = try await web.post(SubjectsPath.criteria.href, criterion("thon thu 30", "TC-UF1"))
            #expect(several.status == .unprocessableEntity)
            #expect(several.text.contains("Có 2 đơn vị khớp “thon thu 30”; chọn một:"))
            #expect(several.text.contains("value=\"TC-UF1\""))
            let made = try await web.post(SubjectsPath.criteria.href, criterion("kr-dr-t17", "TC-UF2"))
            #expect(made.status == .seeOther, "\(made.text.prefix(300))")
            let saved = try await UnitCriterionModel.query(on: app.db).filter(\.$code ~~ ["TC-UF1", "TC-UF2"]).all()
            #expect(saved.map { "\($0.code) \($0.$unit.id)" } == ["TC-UF2 \(try t17.requireID())"])

            let form = try await web.send(.GET, ReplicationsPath.new.href)
            #expect(form.status == .ok)
            #expect(form.text.contains("<input id=\"adoptingUnit\" name=\"adoptingUnit\" type=\"text\""))
            #expect(!form.text.contains("Thôn Thử 17"))
            let before = try await ReplicationModel.query(on: app.db).count()
            let bad = try await web.post(
                ReplicationsPath.list.href,
                [("registrationID", ""), ("adoptingUnit", "không có đâu"), ("adoptingUnitID", ""), ("adoptedOn", "")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Chưa xác định được đơn vị từ “không có đâu”"))
            #expect(bad.text.contains("id=\"adoptingUnitID-error\""))
            #expect(try await ReplicationModel.query(on: app.db).count() == before)
        }
    }

    @Test(
        "A council member's unit, typed by the standing office once units are many; optional, never emptied by a typo")
    func councilMemberUnit() async throws {
        try await withTestApp { app in
            let district = try await keepDistrictInOffice(app)
            _ = try await UnitPickerTests.manyVillages(app)
            let t17 = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DR-T17").first())
            let office = Browser(app)
            try await office.login("noivu")
            let page = try await office.send(.GET, CouncilPath.council.href(authority: district))
            #expect(page.text.contains("<input id=\"unit\" name=\"unit\" type=\"text\""))
            #expect(!page.text.contains("Thôn Thử 17"), "the units are not sent to the page")
            func member(_ name: String, unit: String) -> [(String, String)] {
                [
                    ("authorityID", String(district)), ("name", name), ("position", "Ủy viên"), ("unit", unit),
                    ("unitID", ""), ("username", ""),
                ]
            }
            let typo = try await office.post(CouncilPath.members.href, member("Y Thử Một", unit: "không có đâu"))
            #expect(typo.status == .unprocessableEntity)
            #expect(typo.text.contains("Chưa xác định được đơn vị từ “không có đâu”"))
            #expect(typo.text.contains("value=\"không có đâu\""))
            let made = try await office.post(CouncilPath.members.href, member("Y Thử Hai", unit: "KR-DR-T17"))
            #expect(made.status == .seeOther, "\(made.text.prefix(300))")
            let saved = try await CouncilMemberModel.query(on: app.db).filter(\.$name ~~ ["Y Thử Một", "Y Thử Hai"])
                .all()
            #expect(saved.map { "\($0.name) \($0.$unit.id ?? 0)" } == ["Y Thử Hai \(try t17.requireID())"])
        }
    }

    @Test("An authority's unit and its council's standing agency, two typed fields on one form once units are many")
    func authorityUnits() async throws {
        try await withTestApp { app in
            _ = try await UnitPickerTests.manyVillages(app)
            let t17 = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DR-T17").first())
            let t30 = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DR-T30").first())
            let admin = Browser(app)
            try await admin.login("admin", adminPassword)
            let form = try await admin.send(.GET, AuthoritiesPath.new.href)
            #expect(form.status == .ok)
            #expect(form.text.contains("<input id=\"unit\" name=\"unit\" type=\"text\" value=\"\">"))
            #expect(form.text.contains("<input id=\"standingUnit\" name=\"standingUnit\" type=\"text\" value=\"\">"))
            #expect(!form.text.contains("Thôn Thử 17"), "the units are not sent to the page")
            func authority(unit: String, standing: String) -> [(String, String)] {
                [
                    ("unit", unit), ("unitID", ""), ("level", "xa"), ("name", "Ủy ban nhân dân thôn thử"),
                    ("headTitle", "Trưởng thôn thử"), ("councilName", "Hội đồng thử"),
                    ("standingUnit", standing), ("standingUnitID", ""), ("signingMode", "kt"),
                    ("chiefTitle", "Chủ tịch"), ("signerTitle", "Phó Chủ tịch"), ("place", "Đăk Ruồng"),
                    ("decisionFormat", "{n}/QĐ-UBND"), ("minutesFormat", "{n}/BB-HĐTĐKT"),
                ]
            }
            let before = try await AuthorityModel.query(on: app.db).count()
            // A typo in the standing agency: the form again with both texts kept and the error on that field.
            let typo = try await admin.post(
                AuthoritiesPath.list.href, authority(unit: "kr-dr-t17", standing: "không có đâu"))
            #expect(typo.status == .unprocessableEntity, "\(typo.text.prefix(300))")
            #expect(typo.text.contains("Chưa xác định được đơn vị từ “không có đâu”"))
            #expect(typo.text.contains("id=\"standingUnitID-error\""))
            #expect(typo.text.contains("value=\"không có đâu\"") && typo.text.contains("value=\"Hội đồng thử\""))
            #expect(try await AuthorityModel.query(on: app.db).count() == before)
            // Both by code: saved with those units.
            let made = try await admin.post(
                AuthoritiesPath.list.href, authority(unit: "kr-dr-t17", standing: "KR-DR-T30"))
            #expect(made.status == .seeOther, "\(made.text.prefix(300))")
            let saved = try #require(
                try await AuthorityModel.query(on: app.db).filter(\.$headTitle == "Trưởng thôn thử").first())
            #expect(saved.$unit.id == (try t17.requireID()))
            #expect(saved.$standingUnit.id == (try t30.requireID()))
            // Its page shows the standing agency by name, its id beside it.
            let page = try await admin.send(.GET, AuthoritiesPath.authority(.id(try saved.requireID())).href)
            #expect(page.text.contains("value=\"Thôn Thử 30 xã Đăk Ruồng\""))
            #expect(
                page.text.contains("<input type=\"hidden\" name=\"standingUnitID\" value=\"\(try t30.requireID())\">"))
        }
    }
}
