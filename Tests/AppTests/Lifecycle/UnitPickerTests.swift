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
        try await manyUnits(
            app, under: "KR-DAKRUONG", kind: .thon, code: "KR-DR-T", name: "Thôn Thử", place: " xã Đăk Ruồng")
    }

    /// One unit more than a select carries under the unit `parent`: "`name` 0`place`" … with codes `code`0 ….
    @discardableResult
    static func manyUnits(
        _ app: Application, under parent: String, kind: UnitKind, code: String, name: String, place: String = ""
    ) async throws -> Int {
        let top = try #require(try await UnitModel.query(on: app.db).filter(\.$code == parent).first())
        for i in 0...UnitPicker.selectLimit {
            let v = UnitModel(
                code: "\(code)\(i)", name: "\(name) \(i)\(place)", shortName: "\(name) \(i)", kind: kind,
                parentID: top.id, place: "", abbreviation: "")
            try await v.create(on: app.db)
            v.path = top.unitPath.child(try v.requireID()).raw
            try await v.save(on: app.db)
        }
        // The app adds units only through audited services (the form, the unit import); written here past them, they
        // get the one audit entry an import would leave, which tells the kept reference data to read again.
        try await AuditLog.record(
            on: app.db, actor: nil, action: "import", entity: "unit", entityID: nil, unitID: top.id,
            summary: "Thêm \(UnitPicker.selectLimit + 1) đơn vị thử", before: Optional<String>.none,
            after: Optional<String>.none)
        return try top.requireID()
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

    @Test("The lists of events, media and replications take a typed unit too once units are many, and filter by it")
    func otherListFilters() async throws {
        try await withTestApp { app in
            let commune = try await Self.manyVillages(app)
            let village = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DR-T17").first())
            let villageID = try village.requireID()
            let web = Browser(app)
            try await web.login("dakruong")
            // (list, the id's query item, the text's query item)
            let lists = [
                (EventPath.list.href, "unit", "unitText"), (MediaPath.list.href, "unit", "unitText"),
                (ReplicationsPath.list.href, "unitID", "unit"),
            ]
            for (list, idName, textName) in lists {
                let page = try await web.send(.GET, list)
                #expect(page.status == .ok, "\(list)")
                #expect(!page.text.contains("<select id=\"\(idName)\""), "\(list)")
                #expect(page.text.contains("<input id=\"\(textName)\" name=\"\(textName)\" type=\"search\""), "\(list)")
                #expect(!page.text.contains("Thôn Thử 17"), "\(list): the units are not sent to the page")
                // An exact code in any case: the unit's name shown, its id kept for the pager.
                let byCode = try await web.send(.GET, list + "?\(textName)=kr-dr-t17")
                #expect(byCode.text.contains("value=\"Thôn Thử 17 xã Đăk Ruồng\""), "\(list)")
                #expect(
                    byCode.text.contains("<input type=\"hidden\" name=\"\(idName)\" value=\"\(villageID)\">"), "\(list)"
                )
                // Several: links to the list filtered by each; nothing: said so in Vietnamese.
                let several = try await web.send(.GET, list + "?\(textName)=thon+thu+1&year=2025")
                #expect(several.text.contains("đơn vị khớp “thon thu 1”"), "\(list)")
                #expect(several.text.contains("?year=2025&amp;\(idName)="), "\(list)")
                let none = try await web.send(.GET, list + "?\(textName)=kh%C3%B4ng+c%C3%B3+%C4%91%C3%A2u")
                #expect(none.status == .ok)
                #expect(none.text.contains("Không có đơn vị nào khớp “không có đâu” trong phạm vi của bạn"), "\(list)")
            }
            // Filtered by the typed unit: an event of the village is listed, one of the commune is not.
            let api = try await APIClient.login(app, "dakruong")
            for (unit, title) in [(villageID, "Tham quan ở Thôn Thử"), (commune, "Sơ kết ở xã Đăk Ruồng")] {
                let r = try await api.send(
                    .POST, "/api/v1/events",
                    json: [
                        "unitID": unit, "kind": "experience-talk", "title": title, "date": "10/06/2025", "place": "X",
                    ])
                #expect(r.status == .created, "\(r.text)")
            }
            let events = try await web.send(.GET, EventPath.list.href + "?unitText=KR-DR-T17")
            #expect(events.text.contains("Tham quan ở Thôn Thử") && !events.text.contains("Sơ kết ở xã Đăk Ruồng"))
            let all = try await web.send(.GET, EventPath.list.href)
            #expect(all.text.contains("Tham quan ở Thôn Thử") && all.text.contains("Sơ kết ở xã Đăk Ruồng"))
        }
    }

    /// The registration form's unit (issue 11: nationally its select carried 2,000 of 100,000 units, 121 KB, and
    /// the others could not be chosen): a code or words of a name once the units are many; matches offered as
    /// radio buttons; what was typed kept; an abolished unit never offered.
    @Test(
        "The registration form: a select for a few units; for many, a code or a name, with the matches to choose from")
    func formField() async throws {
        try await withTestApp { app in
            let web = Browser(app)
            try await web.login("dakruong")
            let few = try await web.send(.GET, "/app/registrations/new")
            #expect(few.text.contains("<select id=\"unitID\" name=\"unitID\""))
            _ = try await Self.manyVillages(app)
            let closed = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DR-T299").first())
            closed.abolishedOn = "2025-01-01"
            try await closed.save(on: app.db)
            let form = try await web.send(.GET, "/app/registrations/new")
            #expect(form.status == .ok)
            #expect(!form.text.contains("<select id=\"unitID\""))
            // The officer's own unit comes chosen, by its name, its id beside it; no empty list of matches.
            #expect(
                form.text.contains(
                    "<input id=\"unit\" name=\"unit\" type=\"text\" value=\"Ủy ban nhân dân xã Đăk Ruồng\">"))
            #expect(!form.text.contains("unit-matches"))
            #expect(!form.text.contains("Thôn Thử 17"), "the units are not sent to the page")
            func fields(unit: String, unitID: String = "", title: String) -> [(String, String)] {
                [
                    ("year", "2024"), ("unit", unit), ("unitID", unitID), ("subjectKind", "household"),
                    ("subjectName", "Hộ bà Y \(title)"), ("typeCode", "MH-15"), ("title", title),
                ]
            }
            // Words of a name match four units: the form comes back with what was typed and the four as radio buttons.
            func unit(_ code: String) async throws -> Int {
                try #require(try await UnitModel.query(on: app.db).filter(\.$code == code).first()).requireID()
            }
            let (t30, t300, t17) = (
                try await unit("KR-DR-T30"), try await unit("KR-DR-T300"), try await unit("KR-DR-T17")
            )
            let two = try await web.post("/app/registrations", fields(unit: "thon thu 30", title: "Mô hình A"))
            #expect(two.status == .unprocessableEntity, "\(two.text.prefix(300))")
            #expect(two.text.contains("value=\"thon thu 30\"") && two.text.contains("value=\"Mô hình A\""))
            #expect(two.text.contains("Có 2 đơn vị khớp “thon thu 30”; chọn một:"))
            // Each word matches the start of a word: “30” offers Thôn Thử 30 and 300, not 130 or 230.
            #expect(!two.text.contains("Thôn Thử 130") && !two.text.contains("Thôn Thử 230"))
            for id in [t30, t300] {
                #expect(two.text.contains("<input type=\"radio\" name=\"unitID\" value=\"\(id)\">"))
            }
            // One of them chosen, the text as typed still there: created in that unit.
            let chosen = try await web.post(
                "/app/registrations", fields(unit: "thon thu 30", unitID: String(t30), title: "Mô hình A"))
            #expect(chosen.status == .seeOther, "\(chosen.text.prefix(300))")
            // The exact code, any case: created in that unit.
            let byCode = try await web.post("/app/registrations", fields(unit: "kr-dr-t17", title: "Mô hình B"))
            #expect(byCode.status == .seeOther, "\(byCode.text.prefix(300))")
            let made = try await RegistrationModel.query(on: app.db).filter(\.$title ~~ ["Mô hình A", "Mô hình B"])
                .all()
            #expect(made.map { "\($0.title) \($0.$unit.id)" }.sorted() == ["Mô hình A \(t30)", "Mô hình B \(t17)"])
            // An abolished unit takes no new record: its code names nothing.
            let abolished = try await web.post("/app/registrations", fields(unit: "KR-DR-T299", title: "Mô hình C"))
            #expect(abolished.status == .unprocessableEntity)
            #expect(abolished.text.contains("Không có đơn vị nào khớp “KR-DR-T299” trong phạm vi của bạn."))
            // Nothing typed: the unit is required, in Vietnamese.
            let empty = try await web.post("/app/registrations", fields(unit: "", title: "Mô hình D"))
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("id=\"unitID-error\""))
        }
    }

    @Test(
        "The key of the kept answers tells apart every scope, unit kind, exclusion and activity, and not the same ones")
    func choicesKey() async throws {
        try await withTestApp { app in
            let a = UnitPath(raw: "/1/")
            let b = UnitPath(raw: "/1/2/")
            func key(_ s: UnitScope, active: Bool = false, kinds: [UnitKind] = [], excluding: Set<Int> = []) -> String {
                UnitChoices(scope: s, activeOnly: active, kinds: kinds, excluding: excluding, db: app.db).key
            }
            let keys = [
                key(.all), key(.none), key(.subtree(a)), key(.subtree(b)), key(.subtrees([a, b])),
                key(.subtrees([b, a])), key(.all, active: true), key(.all, kinds: [.xa]),
                key(.all, kinds: [.xa, .thon]),
                key(.all, excluding: [1]), key(.all, excluding: [1, 2]), key(.all, excluding: [12]),
                key(.subtree(a), active: true, kinds: [.xa], excluding: [3]),
            ]
            #expect(Set(keys).count == keys.count)
            #expect(key(.all, excluding: [2, 1]) == key(.all, excluding: [1, 2]))
            #expect(key(.subtree(a)) == key(.subtrees([a])))
        }
    }
}
