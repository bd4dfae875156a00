import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The registration list's unit filter (`UnitPicker`, issue 11): a select for a district's few units, a text field
/// that takes a code or a name when there are more than the page should carry.
@Suite("The unit filter: a select for a few units, a code or a name for many")
struct UnitPickerTests {
    /// Villages under Đăk Ruồng until the commune officer's scope holds more than a select should carry.
    static func manyVillages(_ app: Application) async throws -> Int {
        let commune = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first())
        for i in 0...UnitPicker.selectLimit {
            let v = UnitModel(
                code: "KR-DR-T\(i)", name: "Thôn Thử \(i) xã Đăk Ruồng", shortName: "Thôn Thử \(i)", kind: .thon,
                parentID: commune.id, place: "", abbreviation: "")
            try await v.create(on: app.db)
            v.path = commune.unitPath.child(try v.requireID()).raw
            try await v.save(on: app.db)
        }
        return try commune.requireID()
    }

    @Test("A district's units: the select as before, and the page no longer lists every unit once they are many")
    func selectThenText() async throws {
        try await withTestApp { app in
            let web = Browser(app)
            try await web.login("dakruong")
            let few = try await web.send(.GET, "/app/registrations")
            #expect(few.status == .ok)
            #expect(few.text.contains("<select id=\"unitID\" name=\"unitID\">"))
            _ = try await Self.manyVillages(app)
            let many = try await web.send(.GET, "/app/registrations")
            #expect(many.status == .ok)
            #expect(!many.text.contains("<select id=\"unitID\""))
            #expect(many.text.contains("<input id=\"unit\" name=\"unit\" type=\"search\""))
            #expect(!many.text.contains("Thôn Thử 17"), "the units are not sent to the page")
        }
    }

    @Test("A code or one name filters; several names are offered as links; nothing matching says so in Vietnamese")
    func typedUnits() async throws {
        try await withTestApp { app in
            let commune = try await Self.manyVillages(app)
            let web = Browser(app)
            try await web.login("dakruong")
            let village = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DR-T17").first())
            let villageID = try village.requireID()
            // The exact code (any case): filtered by it, its name shown, its id kept in the form.
            let byCode = try await web.send(.GET, "/app/registrations?unit=kr-dr-t17")
            #expect(byCode.status == .ok)
            #expect(byCode.text.contains("value=\"Thôn Thử 17 xã Đăk Ruồng\""))
            #expect(byCode.text.contains("<input type=\"hidden\" name=\"unitID\" value=\"\(villageID)\">"))
            // Words of the name, without diacritics: several match, each a link that filters by it.
            let several = try await web.send(.GET, "/app/registrations?unit=thon+thu+1&year=2024")
            #expect(several.status == .ok)
            #expect(several.text.contains("đơn vị khớp “thon thu 1”"))
            #expect(several.text.contains("year=2024") && several.text.contains("unitID="))
            // One name: filtered by it.
            let one = try await web.send(.GET, "/app/registrations?unit=Th%C3%B4n+Th%E1%BB%AD+250")
            #expect(one.text.contains("name=\"unitID\" value=\""))
            // Nothing: a message, and the list not filtered by unit.
            let none = try await web.send(.GET, "/app/registrations?unit=kh%C3%B4ng+c%C3%B3+%C4%91%C3%A2u")
            #expect(none.status == .ok)
            #expect(none.text.contains("Không có đơn vị nào khớp “không có đâu” trong phạm vi của bạn"))
            // Another unit's code is outside the officer's scope: not found, not filtered.
            let other = try await web.send(.GET, "/app/registrations?unit=KR-TANLAP")
            #expect(other.text.contains("Không có đơn vị nào khớp"))
            // A registration of the village is listed when filtered by it, and one of the commune is not.
            let api = try await APIClient.login(app, "dakruong")
            for (unit, name) in [(villageID, "Hộ bà Y Thôn"), (commune, "Hộ ông A Xã")] {
                let r = try await api.send(
                    .POST, "/api/v1/registrations",
                    json: [
                        "year": 2024, "unitID": unit, "typeCode": "MH-15", "title": "Mô hình thử bộ lọc",
                        "subject": ["kind": "household", "name": name],
                    ])
                #expect(r.status == .created, "\(r.text)")
            }
            let filtered = try await web.send(.GET, "/app/registrations?unit=KR-DR-T17")
            #expect(filtered.text.contains("Hộ bà Y Thôn") && !filtered.text.contains("Hộ ông A Xã"))
            // The chosen id with its name kept: still filtered (the pager's and the exports' links carry the id).
            let kept = try await web.send(
                .GET,
                "/app/registrations?unitID=\(villageID)&unit=Th%C3%B4n+Th%E1%BB%AD+17+x%C3%A3+%C4%90%C4%83k+Ru%E1%BB%93ng"
            )
            #expect(kept.text.contains("Hộ bà Y Thôn") && !kept.text.contains("Hộ ông A Xã"))
            #expect(kept.text.contains("unitID=\(villageID)"))
        }
    }
}
