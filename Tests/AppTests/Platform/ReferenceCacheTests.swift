import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Reference data kept between requests until the next audited write (ReferenceCache)")
struct ReferenceCacheTests {
    /// The number in the `stat-value` span just before `label` ("1.234" reads 1234).
    static func stat(_ page: Sent, before label: String) throws -> Int {
        let html = page.text
        let end = try #require(html.range(of: label))
        let value = try #require(html[..<end.lowerBound].range(of: "stat-value\">", options: .backwards))
        let text = html[value.upperBound..<end.lowerBound].prefix { $0 != "<" }
        return try #require(Int(text.filter(\.isNumber)))
    }

    /// Copies that do not age out while a test runs: what these tests check is the version a copy was read at. The
    /// app's copies live 60 s at most; under the whole suite on two cores one of these tests once took 5 minutes,
    /// and a copy read at its start was read again before its check (the whole suite, session 32).
    static func keepCopiesLong(_ app: Application) {
        app.referenceCache = ReferenceCache(maxAge: 3_600)
    }

    /// The district's standing office signed in, on an app whose copies do not age out (`keepCopiesLong`).
    static func signedInOffice(_ app: Application) async throws -> Browser {
        keepCopiesLong(app)
        let office = Browser(app)
        try await office.login("noivu")
        return office
    }

    @Test("The registration list's choices are read once, and again after any write: a new movement is offered at once")
    func listChoices() async throws {
        try await withTestApp { app in
            let office = try await Self.signedInOffice(app)
            let kept = app.referenceCache.count // the home page's figures, after signing in
            let first = try await office.send(.GET, "/app/registrations")
            #expect(first.status == .ok)
            #expect(
                app.referenceCache.count == kept + 2 + 7,
                "the filter's choices, whether the units fit a select, and the seven selects' options as HTML")
            // Read from the copy: a movement written past the services (no audit entry) is not offered yet…
            let hidden = MovementModel()
            (hidden.code, hidden.name, hidden.kind, hidden.level) = (
                "PT-AN", "Phong trào ghi ngoài dịch vụ", "phong-trao", "huyen"
            )
            (hidden.fromYear, hidden.toYear, hidden.description, hidden.legalBasis) = (2025, 2026, "", "")
            hidden.searchText = "phong trao ghi ngoai dich vu"
            try await hidden.create(on: app.db)
            let again = try await office.send(.GET, "/app/registrations")
            #expect(again.status == .ok && !again.text.contains("Phong trào ghi ngoài dịch vụ"))
            // …but every write of the app is audited: one through the form, and both are offered at the next view.
            try await PageCacheTests.createMovement(
                app, office, code: "PT-THAMCHIEU", "Phong trào thử dữ liệu tham chiếu")
            let after = try await office.send(.GET, "/app/registrations")
            #expect(after.text.contains("Phong trào thử dữ liệu tham chiếu"))
            #expect(after.text.contains("Phong trào ghi ngoài dịch vụ"))
            // The choices are the same as read directly, option for option.
            let direct = try await RegistrationOptions.FilterChoices.read(on: app.db)
            let cached = try await app.referenceCache.value(
                "registrations.filter", version: try await PageCache.version(on: app.db).get()
            ) { () -> RegistrationOptions.FilterChoices in
                Issue.record("the list's view kept no copy at this version")
                return direct
            }
            #expect(cached.movements.map(\.name) == direct.movements.map(\.name))
            #expect(cached.groups.map(\.id) == direct.groups.map(\.id))
            #expect(cached.fields?.map(\.code) == direct.fields?.map(\.code))
            #expect(cached.types?.map(\.code) == direct.types?.map(\.code))
        }
    }

    /// The selects are kept as HTML for each value chosen (`Request.keptOptions`): each view marks its own choice,
    /// whatever was kept for the views before it, and the year select lists this year.
    @Test("Kept selects mark each view's own choice: a year, a status, then none")
    func keptSelectsMarkTheirChoice() async throws {
        try await withTestApp { app in
            let office = try await Self.signedInOffice(app)
            func chosen(_ html: String, _ select: String) throws -> [String] {
                let options = try slice(html, from: "<select id=\"\(select)\"", through: "</select>")
                // Each option after its `<option value="`: the value up to its quote, then ` selected` if chosen.
                return options.components(separatedBy: "<option value=\"").dropFirst().compactMap { option in
                    let value = option.prefix { $0 != "\"" }
                    return option.dropFirst(value.count).hasPrefix("\" selected") ? String(value) : nil
                }
            }
            let thisYear = String(Today.year)
            for (query, year, status) in [
                ("?year=2024", "2024", ""), ("?year=\(thisYear)&status=nurturing", thisYear, "nurturing"),
                ("?year=2024", "2024", ""), ("", "", ""),
            ] {
                let page = try await office.send(.GET, "/app/registrations" + query)
                #expect(page.status == .ok)
                #expect(try chosen(page.text, "year") == [year], "\(query)")
                #expect(try chosen(page.text, "status") == [status], "\(query)")
                #expect(page.text.contains("<option value=\"\(thisYear)\""), "\(query)")
            }
        }
    }

    @Test("A list's total is counted once for its filter and its reader's scope, and again after any write")
    func listTotals() async throws {
        try await withTestApp { app in
            Self.keepCopiesLong(app)
            let office = try await APIClient.login(app, "noivu")
            let commune = try await APIClient.login(app, "dakruong")
            func total(_ client: APIClient, _ path: String) async throws -> Int {
                try await client.send(.GET, path).json(ListResponse<RegistrationDTO>.self).total
            }
            // Three registrations of the commune's and one of another commune's in a year; one a page, so the
            // totals are counted (and still are with one row fewer).
            var ids: [Int] = []
            for (client, code, kind, name, type) in [
                (commune, "KR-DAKRUONG", "household", "Hộ bà Y Lan", "MH-15"),
                (commune, "KR-DAKRUONG", "collective", "Thôn 2", "MH-03"),
                (commune, "KR-DAKRUONG", "household", "Hộ ông A Lực", "MH-15"),
                (office, "KR-TANLAP", "household", "Hộ bà Lan", "MH-15"),
            ] {
                let made = try await client.send(
                    .POST, "/api/v1/registrations",
                    json: [
                        "year": 2024, "unitID": try await unitID(app, code), "typeCode": type,
                        "title": "Mô hình của \(name)", "subject": ["kind": kind, "name": name],
                    ])
                #expect(made.status == .created, "\(made.text)")
                ids.append(try made.json(RegistrationDTO.self).id)
            }
            let (id, year) = (ids[0], 2024)
            let path = "/api/v1/registrations?year=\(year)&perPage=1"
            let all = try await total(office, path)
            let mine = try await total(commune, path)
            #expect(mine >= 3 && all > mine, "the commune counts its own, the office the district's")
            // Moved out of the year past the services (no audit entry): the kept totals stand, each its own…
            try await app.db.sql().raw("UPDATE registrations SET year = 1990 WHERE id = \(bind: id)").run()
            #expect(try await total(office, path) == all)
            #expect(try await total(commune, path) == mine)
            // …until any audited write, by anyone: both counted again.
            let browser = Browser(app)
            try await browser.login("noivu")
            try await PageCacheTests.createMovement(app, browser, code: "PT-TOTAL", "Phong trào đếm lại")
            #expect(try await total(office, path) == all - 1)
            #expect(try await total(commune, path) == mine - 1)
        }
    }

    @Test("A unit's user: the unit's name and path are read once for its requests, and again after any write")
    func signedInActor() async throws {
        try await withTestApp { app in
            Self.keepCopiesLong(app)
            let officer = Browser(app)
            try await officer.login("dakruong")
            let unit = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first())
            let name = unit.name
            #expect(try await officer.send(.GET, AccountPath.account.href).text.contains(name))
            // Renamed past the services (no audit entry): the requests go on with the kept actor…
            unit.name = "Xã đổi tên ngoài dịch vụ"
            try await unit.save(on: app.db)
            let kept = try await officer.send(.GET, AccountPath.account.href)
            #expect(kept.status == .ok && kept.text.contains(name) && !kept.text.contains("Xã đổi tên ngoài dịch vụ"))
            // The session's lookup finds that copy without a task (`keptReference`, the type `reference` keeps): a
            // page read at the data's version, not a request that writes.
            let account = try #require(try await UserModel.query(on: app.db).filter(\.$username == "dakruong").first())
            let version = try await PageCache.version(on: app.db).get()
            func keptActor(_ method: HTTPMethod) throws -> (Actor, String?)? {
                let req = Request(
                    application: app, method: method, url: URI(path: "/app"), on: app.eventLoopGroup.next())
                req.sawDataVersion(version)
                return req.keptReference(AuthService.actorKey(try SignedInUser(account)))
            }
            let fast = try #require(try keptActor(.GET))
            #expect(fast.0.unitID == unit.id && fast.1 == name)
            #expect(try keptActor(.POST) == nil)
            // …until any audited write, by anyone: the next request reads the unit again.
            let office = Browser(app)
            try await office.login("noivu")
            try await PageCacheTests.createMovement(app, office, code: "PT-ACTOR", "Phong trào thử người dùng")
            #expect(try await officer.send(.GET, AccountPath.account.href).text.contains("Xã đổi tên ngoài dịch vụ"))
        }
    }

    @Test("The home page's counts are kept per user and counted again after any write, through any user")
    func homeFigures() async throws {
        try await withTestApp { app in
            Self.keepCopiesLong(app)
            func movements(_ page: Sent) throws -> Int {
                try Self.stat(page, before: "<span class=\"stat-label\">Phong trào, cuộc vận động")
            }
            let office = Browser(app)
            try await office.login("noivu")
            let before = try movements(try await office.send(.GET, "/app"))
            #expect(try movements(try await office.send(.GET, "/app")) == before)
            // A write through the form moves the version: every user's count follows at once.
            let commune = Browser(app)
            try await commune.login("dakruong")
            let theirs = try movements(try await commune.send(.GET, "/app"))
            try await PageCacheTests.createMovement(app, office, code: "PT-TRANGCHU", "Phong trào thử trang chủ")
            #expect(try movements(try await office.send(.GET, "/app")) == before + 1)
            #expect(try movements(try await commune.send(.GET, "/app")) == theirs + 1)
        }
    }

    @Test("The dashboard's figures are drawn again after a write: a registration made by a commune counts at once")
    func dashboardFigures() async throws {
        try await withTestApp { app in
            func total(_ page: Sent) throws -> Int { try Self.stat(page, before: "</span> Tổng số đăng ký") }
            // A cell of a table kept as drawn with the figures (`monitoring/dashboard-sections`).
            func households(_ page: Sent) throws -> Int {
                let html = page.text
                let row = try #require(html.range(of: "<th scope=\"row\">Hộ gia đình</th><td>"))
                return try #require(Int(html[row.upperBound...].prefix { $0 != "<" }.filter(\.isNumber)))
            }
            let office = Browser(app)
            try await office.login("noivu")
            let path = "/app/dashboard?year=2024"
            let first = try await office.send(.GET, path)
            let before = try total(first)
            let householdsBefore = try households(first)
            let again = try await office.send(.GET, path)
            #expect(try total(again) == before && (try households(again)) == householdsBefore)
            let kept = app.figureCache.count
            #expect(kept >= 1)
            let commune = Browser(app)
            try await commune.login("dakruong")
            try await commune.send(.GET, "/app/registrations/new")
            let unit = try #require(
                try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first()
            ).requireID()
            let made = try await commune.post(
                "/app/registrations",
                [
                    ("year", "2024"), ("unitID", String(unit)), ("subjectKind", "household"),
                    ("subjectName", "Hộ ông A Thử Bảng"), ("typeCode", "MH-15"), ("title", "Mô hình thử bảng số liệu"),
                ])
            #expect(made.status == .seeOther, "\(made.text.prefix(400))")
            let after = try await office.send(.GET, path)
            #expect(try total(after) == before + 1)
            #expect(try households(after) == householdsBefore + 1)
        }
    }

    @Test(
        "A registration's criteria are kept by version, type, unit and year, and a unit's new criterion shows at once")
    func registrationCriteria() async throws {
        try await withTestApp { app in
            let officer = Browser(app)
            try await officer.login("dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let api = try await APIClient.login(app, "dakruong")
            let id = try await HostileFileTests.createRegistration(
                api, unit: unit, name: "Hộ bà Y Thử", title: "Mô hình thử tiêu chí giữ sẵn")
            let r = try #require(try await RegistrationModel.find(id, on: app.db))
            let path = "/app/registrations/\(id)"
            let none = app.referenceCache.count
            let first = try await officer.send(.GET, path)
            #expect(first.status == .ok)
            #expect(app.referenceCache.count >= none + 2, "the criteria and the field's name are kept")
            // A catalogue criterion changed past the services (no audit entry) is not seen: the page reads its copy…
            let version = try #require(
                try await CatalogueVersionModel.query(on: app.db).filter(\.$version == r.catalogueVersion).first())
            let general = try #require(
                try await CatalogueCriterionModel.query(on: app.db).filter(\.$version.$id == version.requireID())
                    .filter(\.$subjectType.$id == nil).first())
            #expect(first.text.contains(general.code))
            general.text = "Tiêu chí sửa ngoài dịch vụ"
            try await general.save(on: app.db)
            let again = try await officer.send(.GET, path)
            #expect(again.status == .ok && !again.text.contains("Tiêu chí sửa ngoài dịch vụ"))
            // …until an audited write: the commune adds a criterion of its own for that year and kind, and the
            // next view shows both.
            let made = try await api.send(
                .POST, "/api/v1/unit-criteria",
                json: [
                    "unitID": unit, "year": r.year, "code": "DR-BN", "text": "Không có hộ thử bộ nhớ đệm tái nghèo",
                    "kind": "zeroCount", "measure": "hộ tái nghèo", "subjectKinds": [r.subjectKind],
                ])
            #expect(made.status == .created, "\(made.text)")
            let after = try await officer.send(.GET, path)
            #expect(after.text.contains("Không có hộ thử bộ nhớ đệm tái nghèo"))
            #expect(after.text.contains("Tiêu chí sửa ngoài dịch vụ"))
            // The API's criteria of the registration say the same.
            let listed = try await api.send(.GET, "/api/v1/registrations/\(id)/criteria")
            #expect(listed.text.contains("DR-BN"))
            // A page and the criteria read directly agree, criterion for criterion.
            let direct = try await CriteriaService.criteria(
                for: try await RegistrationQueries.readable(
                    id, actor: Actor(userID: 0, username: "thử", role: .admin, unitID: nil, unitPath: nil),
                    on: app.db),
                on: app.db)
            for c in direct { #expect(after.text.contains(c.spec.code), "\(c.spec.code)") }
        }
    }

    static func noCopies(_ c: inout AppConfig) { c.referenceEntries = 0 }

    @Test("DIENHINH_REFERENCE_CACHE=0 keeps nothing and every view reads again; a value out of 0–65536 stops the start")
    func setting() async throws {
        try await withTestApp(adjust: Self.noCopies) { app in
            let office = Browser(app)
            try await office.login("noivu")
            #expect(try await office.send(.GET, "/app/registrations").status == .ok)
            #expect(try await office.send(.GET, "/app/dashboard").status == .ok)
            #expect(app.referenceCache.count == 0 && app.figureCache.count == 0)
        }
        let dir = FileManager.default.temporaryDirectory.path
        let standard = try AppConfig.fromEnvironment([:], workingDirectory: dir)
        #expect(standard.referenceEntries == 4_096)
        #expect(
            try AppConfig.fromEnvironment(["DIENHINH_REFERENCE_CACHE": "0"], workingDirectory: dir).referenceEntries
                == 0)
        for bad in ["65537", "-1", "tắt"] {
            #expect {
                try AppConfig.fromEnvironment(["DIENHINH_REFERENCE_CACHE": bad], workingDirectory: dir)
            } throws: { error in
                "\(error)".contains("DIENHINH_REFERENCE_CACHE") && "\(error)".contains("từ 0 đến 65536")
            }
        }
    }

    @Test("A copy is used only at the version it was read at, only for the type it holds, and the store is bounded")
    func versions() async throws {
        let cache = ReferenceCache(maxEntries: 3)
        var reads = 0
        func read(_ key: String, _ version: Int, _ value: Int) async throws -> Int {
            try await cache.value(key, version: version) {
                reads += 1
                return value
            }
        }
        #expect(try await read("a", 1, 10) == 10)
        #expect(try await read("a", 1, 11) == 10 && reads == 1)
        // The same copy without waiting (`kept`): at its version and type only.
        #expect(cache.kept("a", version: 1) == 10)
        #expect((cache.kept("a", version: 2) as Int?) == nil && (cache.kept("a", version: 1) as String?) == nil)
        #expect(try await read("a", 2, 12) == 12 && reads == 2)
        // A copy past its age is read again, at the same version.
        let later = Date().addingTimeInterval(61)
        #expect(try await cache.value("a", version: 2, now: later) { 13 } == 13)
        #expect(try await cache.value("a", version: 2, now: later) { 14 } == 13)
        // Another type under the same key is read, not cast.
        let text = try await cache.value("a", version: 2) { "chữ" }
        #expect(text == "chữ")
        _ = try await read("b", 2, 1)
        _ = try await read("c", 2, 1)
        #expect(cache.count == 3)
        _ = try await read("d", 2, 1)
        #expect(cache.count == 1)
        // A read that fails keeps nothing.
        struct Failed: Error {}
        await #expect(throws: Failed.self) {
            try await cache.value("e", version: 2) { () throws -> Int in throw Failed() }
        }
        #expect(try await read("e", 2, 5) == 5)
    }

    @Test("Only a GET or HEAD reads through the copies: a request that writes reads what it writes")
    func postsReadDirectly() async throws {
        try await withTestApp { app in
            func request(_ method: HTTPMethod) -> Request {
                Request(application: app, method: method, url: "/app/registrations", on: app.eventLoopGroup.next())
            }
            let get = request(.GET)
            #expect(try await get.reference("thu") { 1 } == 1)
            #expect(try await request(.GET).reference("thu") { 2 } == 1)
            #expect(try await request(.HEAD).reference("thu") { 3 } == 1)
            #expect(try await request(.POST).reference("thu") { 4 } == 4)
            #expect(app.referenceCache.count == 1)
            // A request reads the version once: what it reads later in the same request is tagged with it.
            let before = try await get.dataVersion()
            try await PublicFixture.audited(app, "thử dữ liệu tham chiếu")
            #expect(try await get.dataVersion() == before)
            #expect(try await request(.GET).dataVersion() > before)
            #expect(try await request(.GET).reference("thu") { 5 } == 5)
        }
    }
}
