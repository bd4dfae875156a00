import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import App

/// The lists that page by cursor through `QueryBuilder.keysetPage` (issue 11): units, users, movements, the audit
/// log, the award lookup and the dossiers. Each walks every row once in its order (the export's), forwards and
/// back, never counts past 10,001, serves deep pages only by cursor, and reads its page from an index.
/// Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
@Suite("Lists paged by cursor", .serialized)
struct ListPagingTests {
    /// A list: its API and web paths, who reads it, a small page size that makes several pages, the ids in list
    /// order as the database gives them, and the word after the total on the web page.
    struct List {
        let name: String
        let api: String
        let web: String
        var user: String
        var password: String
        let perPage: Int
        let noun: String
        let ordered: @Sendable (Application) async throws -> [Int]
        /// A search whose total on PostgreSQL is bounded by the rows seen (`PageTotal.seen`).
        var seenTotalOnPostgres = false
    }

    static let lists: [List] = [
        List(
            name: "units", api: "/api/v1/units", web: "/app/units", user: "noivu", password: demoPassword, perPage: 7,
            noun: "đơn vị",
            ordered: { app in
                try await UnitModel.query(on: app.db).sort(\.$path).sort(\.$id).all().map { try $0.requireID() }
            }),
        List(
            name: "users", api: "/api/v1/users", web: "/app/users", user: "admin", password: adminPassword,
            perPage: 2, noun: "tài khoản",
            ordered: { app in try await UserModel.query(on: app.db).sort(\.$username).all().map { try $0.requireID() } }
        ),
        List(
            name: "movements", api: "/api/v1/movements", web: "/app/movements", user: "noivu", password: demoPassword,
            perPage: 2, noun: "phong trào",
            ordered: { app in
                try await MovementModel.query(on: app.db).sort(\.$code).all().map { try $0.requireID() }
            }),
        List(
            name: "audit", api: "/api/v1/audit", web: "/app/audit", user: "admin", password: adminPassword,
            perPage: 40, noun: "mục",
            ordered: { app in
                try await AuditEntryModel.query(on: app.db).sort(\.$id, .descending).all().map { try $0.requireID() }
            }),
        List(
            name: "awards", api: "/api/v1/awards", web: "/app/awards", user: "admin", password: adminPassword,
            perPage: 40, noun: "lượt khen thưởng",
            ordered: { app in
                try await AwardModel.query(on: app.db)
                    .join(SubjectModel.self, on: \AwardModel.$subject.$id == \SubjectModel.$id)
                    .sort(SubjectModel.self, \.$sortKey).sort(SubjectModel.self, \.$id).sort(\.$year, .descending)
                    .sort(\.$id).all().map { try $0.requireID() }
            }),
        List(
            name: "dossiers", api: "/api/v1/dossiers", web: "/app/dossiers", user: "noivu", password: demoPassword,
            perPage: 1, noun: "hồ sơ",
            ordered: { app in
                try await DossierModel.query(on: app.db).sort(\.$year, .descending).sort(\.$id, .descending).all()
                    .map { try $0.requireID() }
            }),
    ]

    @Test("Each list walks every row once in its order by cursor, forwards and back; the total is exact")
    func walk() async throws {
        try await withTestApp { app in
            for list in Self.lists where list.name != "awards" { try await Self.walk(app, list) }
        }
    }

    @Test("The award lookup and the units on generated data: several awards a person, names alike, many pages")
    func walkGenerated() async throws {
        try await withTestApp(demo: false) { app in
            let profile = ScaleData.Profile(
                name: "test", provinces: 1, communesPerProvince: 3, agenciesPerProvince: 1, villagesPerCommune: 2,
                schoolsPerCommune: 1, unitsPerAgency: 1, registrations: 120, awardsPerRegistration: 3)
            let s = try await ScaleData.generate(profile, seed: 11, app: app, on: app.db)
            #expect(s.awards > 200)
            for var list in Self.lists where list.name == "awards" || list.name == "units" {
                (list.user, list.password) = ("admin", adminPassword) // no demo accounts here
                try await Self.walk(app, list)
            }
            // A search: each word matches the start of a word of the folded name; the people recorded last first.
            let sql = try app.db.sql()
            let names = try await sql.raw("SELECT search_text FROM subjects").all().map {
                try $0.decode(column: "search_text", as: String.self)
            }
            var counts: [String: Int] = [:]
            for n in names { for w in Set(n.split(separator: " ")) { counts[String(w), default: 0] += 1 } }
            let word = try #require(
                counts.filter { $0.value >= 4 && $0.key.count >= 3 }.max { $0.value < $1.value }?.key)
            let prefix = String(word.prefix(3))
            for q in [word, prefix] {
                let search = List(
                    name: "award search “\(q)”", api: "/api/v1/awards?q=\(q)", web: "/app/awards?q=\(q)", user: "admin",
                    password: adminPassword, perPage: 4, noun: "lượt khen thưởng",
                    ordered: { app in
                        try await app.db.sql().raw(
                            """
                            SELECT a.id FROM awards a JOIN subjects s ON s.id = a.subject_id
                            WHERE ' ' || s.search_text LIKE \(bind: "% " + q + "%")
                            ORDER BY s.id DESC, a.year DESC, a.id
                            """
                        ).all().map { try $0.decode(column: "id", as: Int.self) }
                    }, seenTotalOnPostgres: true)
                try await Self.walk(app, search)
            }
            // The export of a search holds the rows of the list.
            let web = Browser(app)
            try await web.login("admin", adminPassword)
            let csv = try await web.send(.GET, "/app/awards/export?format=csv&q=\(word)")
            #expect(csv.status == .ok)
            let api = try await APIClient.login(app, "admin", adminPassword)
            let all = try await api.send(.GET, "/api/v1/awards?q=\(word)&perPage=500").json(ListPage.self)
            let lines = csv.text.split(whereSeparator: \.isNewline)
            #expect(lines.count - 1 == all.items.count && all.next == nil, "\(lines.count) \(all.items.count)")
        }
    }

    @Test(
        "A commune officer's units, award lookup and dossiers start from the commune's units: each row once, in order")
    func officerScopeFromUnits() async throws {
        try await withTestApp { app in
            let commune = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first())
            let under = commune.path + "%"
            // The rows of the commune and its villages in each list's order, as a walk with a prefix match finds them.
            let units: @Sendable (Application) async throws -> [Int] = { app in
                try await app.db.sql().raw(
                    "SELECT id FROM units WHERE path LIKE \(bind: under) ORDER BY path, id"
                ).all().map { try $0.decode(column: "id", as: Int.self) }
            }
            let awards: @Sendable (Application) async throws -> [Int] = { app in
                try await app.db.sql().raw(
                    """
                    SELECT a.id FROM awards a JOIN subjects s ON s.id = a.subject_id JOIN units u ON u.id = s.unit_id
                    WHERE u.path LIKE \(bind: under) ORDER BY s.sort_key, s.id, a.year DESC, a.id
                    """
                ).all().map { try $0.decode(column: "id", as: Int.self) }
            }
            let dossiers: @Sendable (Application) async throws -> [Int] = { app in
                try await app.db.sql().raw(
                    """
                    SELECT d.id FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE u.path LIKE \(bind: under)
                    ORDER BY d.year DESC, d.id DESC
                    """
                ).all().map { try $0.decode(column: "id", as: Int.self) }
            }
            // More awards than the demo gives the commune, on a subject of one of its units.
            let subjectID = try #require(
                try await app.db.sql().raw(
                    """
                    SELECT s.id FROM subjects s JOIN units u ON u.id = s.unit_id WHERE u.path LIKE \(bind: under)
                    ORDER BY s.id LIMIT 1
                    """
                ).first()?.decode(column: "id", as: Int.self))
            for year in 2001...2012 {
                let a = AwardModel(subjectID: subjectID)
                (a.formCode, a.formName, a.level, a.year) = ("giay-khen", "Giấy khen", "xa", year)
                a.period = "Năm \(year)"
                (a.decisionNumber, a.decisionDate, a.authority, a.source) = (
                    "\(year)/QĐ", "\(year + 1)-01-15", "UBND", "nhap-tay"
                )
                try await a.create(on: app.db)
            }
            // And a dossier more, sent by the officer.
            let officer = try await APIClient.login(app, "dakruong")
            let sent = try await officer.send(
                .POST, "/api/v1/dossiers",
                json: ["unitID": try commune.requireID(), "year": 2025, "title": "Hồ sơ thêm của xã"])
            #expect(sent.status == .created || sent.status == .ok, "\(sent.text.prefix(300))")
            for (name, api, web, noun, ordered) in [
                ("units", "/api/v1/units", "/app/units", "đơn vị", units),
                ("awards", "/api/v1/awards", "/app/awards", "lượt khen thưởng", awards),
                ("dossiers", "/api/v1/dossiers", "/app/dossiers", "hồ sơ", dossiers),
            ] {
                let n = try await ordered(app).count
                #expect(n >= 3, "\(name): \(n)")
                try await Self.walk(
                    app,
                    List(
                        name: "\(name) of KR-DAKRUONG", api: api, web: web, user: "dakruong", password: demoPassword,
                        perPage: max(1, n / 3 - (n % 3 == 0 ? 1 : 0)), noun: noun, ordered: ordered))
            }
            // A search among the commune's awards: the given name of the subject with the added awards, each word
            // at a word's start; the people recorded last first (`AwardService.searchOrder`).
            let given = try #require(
                try await SubjectModel.find(subjectID, on: app.db)?.searchText.split(separator: " ").last.map(
                    String.init))
            let found: @Sendable (Application) async throws -> [Int] = { app in
                try await app.db.sql().raw(
                    """
                    SELECT a.id FROM awards a JOIN subjects s ON s.id = a.subject_id JOIN units u ON u.id = s.unit_id
                    WHERE u.path LIKE \(bind: under) AND ' ' || s.search_text LIKE \(bind: "% " + given + "%")
                    ORDER BY s.id DESC, a.year DESC, a.id
                    """
                ).all().map { try $0.decode(column: "id", as: Int.self) }
            }
            let matches = try await found(app).count
            try await Self.walk(
                app,
                List(
                    name: "award search “\(given)” of KR-DAKRUONG", api: "/api/v1/awards?q=\(given)",
                    web: "/app/awards?q=\(given)", user: "dakruong", password: demoPassword,
                    perPage: max(1, matches / 3 - (matches % 3 == 0 ? 1 : 0)), noun: "lượt khen thưởng", ordered: found,
                    seenTotalOnPostgres: true))
            // The page queries start from the commune's units: a range of the path index on SQLite, their ids on
            // PostgreSQL.
            let dakruong = try #require(try await UserModel.query(on: app.db).filter(\.$username == "dakruong").first())
            let actor = try await AuthService.actor(for: dakruong, on: app.db).0
            let db = app.db
            let plans: [(String, [String])] = [
                (
                    "units",
                    try await Self.plan(
                        app, UnitQueries.filtered(UnitFilter(), scope: Policy.unitScope(actor), on: db))
                ),
                (
                    "awards",
                    try await Self.plan(
                        app,
                        try await AwardService.filtered(q: "", year: nil, formCode: "", actor: actor, on: db).inOrder(
                            AwardService.order, from: nil))
                ),
                (
                    "award search",
                    try await Self.plan(
                        app,
                        try await AwardService.filtered(q: given, year: nil, formCode: "", actor: actor, on: db)
                            .inOrder(AwardService.searchOrder, from: nil))
                ),
                (
                    "dossiers",
                    try await Self.plan(
                        app,
                        try await DossierService.filtered(actor: actor, status: "", year: nil, q: "", on: db).inOrder(
                            DossierService.order, from: nil))
                ),
            ]
            for (name, lines) in plans {
                let text = lines.joined(separator: "\n")
                if app.db.isPostgres {
                    // The units' own list: their path index. Records: the commune's units named by id
                    // (`UnitQueries.Reach.ids`; a path prefix's estimate from statistics was 40 times too many).
                    #expect(
                        name == "units" ? text.contains("units_path") : text.contains("= ANY"), "\(name):\n\(text)")
                } else {
                    // The units' own list: the range is its order. Records: their units' ids from the range.
                    let range = "USING COVERING INDEX units_path_id_idx (path>? AND path<?)"
                    #expect(
                        name == "units"
                            ? lines.first?.hasPrefix("SEARCH units USING INDEX units_path_id_idx (path>? AND path<?)")
                                == true && !text.contains("TEMP B-TREE")
                            : lines.prefix(3).contains { $0.contains(range) } && !text.contains("SCAN")
                                && !text.contains("_fts"),
                        "\(name):\n\(text)")
                }
            }
        }
    }

    static func walk(_ app: Application, _ list: List) async throws {
        let api = try await APIClient.login(app, list.user, list.password)
        let ordered = try await list.ordered(app)
        let seenTotal = list.seenTotalOnPostgres && app.db.isPostgres
        #expect(ordered.count > list.perPage * 2, "\(list.name): \(ordered.count) rows")
        let base = "\(list.api)\(list.api.contains("?") ? "&" : "?")perPage=\(list.perPage)"
        var seen: [Int] = []
        var pages = 0
        var last: ListPage?
        var path = base
        while pages < 200 {
            let r = try await api.send(.GET, path)
            #expect(r.status == .ok, "\(list.name): \(r.text.prefix(300))")
            let page = try r.json(ListPage.self)
            #expect(page.page == (pages == 0 ? 1 : nil), "\(list.name)")
            if seenTotal {
                // The rows up to the end of this page, and one more while another follows (`Paging.seenTotal`).
                let rows = (page.page.map { ($0 - 1) * list.perPage } ?? 0) + page.items.count
                let exact = page.page != nil && page.next == nil
                #expect(page.total == rows + (exact ? 0 : 1) && page.totalIsLowerBound == !exact, "\(list.name)")
            } else {
                #expect(page.total == ordered.count && !page.totalIsLowerBound, "\(list.name): \(page.total)")
            }
            #expect((page.previous == nil) == (pages == 0), "\(list.name)")
            pages += 1
            seen += page.items.map(\.id)
            last = page
            guard let next = page.next else { break }
            path = base + "&after=\(next)"
        }
        #expect(seen == ordered, "\(list.name)")
        #expect(pages == (ordered.count + list.perPage - 1) / list.perPage, "\(list.name)")
        var back = last?.items.map(\.id) ?? []
        var page = try #require(last)
        while let before = page.previous, back.count <= ordered.count {
            page = try await api.send(.GET, base + "&before=\(before)").json(ListPage.self)
            back = page.items.map(\.id) + back
        }
        #expect(back == ordered, "\(list.name)")
        // By number, the last page knows the total from the rows it skipped.
        let lastNumber = (ordered.count + list.perPage - 1) / list.perPage
        if (lastNumber - 1) * list.perPage <= Paging.maxOffset {
            let p = try await api.send(.GET, base + "&page=\(lastNumber)").json(ListPage.self)
            #expect(p.page == lastNumber && p.next == nil && p.total == ordered.count, "\(list.name)")
            #expect(p.items.map(\.id) == Array(ordered.suffix(p.items.count)), "\(list.name)")
        }

        // The web page: the total, and links to the next page by cursor that work. (Signing in is audited.)
        let web = Browser(app)
        try await web.login(list.user, list.password)
        let count = try await list.ordered(app).count
        let first = try await web.send(.GET, "\(list.web)\(list.web.contains("?") ? "&" : "?")perPage=\(list.perPage)")
        #expect(first.status == .ok, "\(list.name)")
        let label = seenTotal ? VietnameseText.boundedCount(list.perPage + 1, bound: list.perPage) : "\(count)"
        #expect(first.text.contains("\(label) \(list.noun)"), "\(list.name)")
        let next = try #require(Self.link(first.text, rel: "next"), "\(list.name)")
        #expect(next.contains("after=") && next.contains("perPage=\(list.perPage)"), "\(list.name)")
        let second = try await web.send(.GET, next)
        #expect(second.status == .ok, "\(list.name)")
        #expect(Self.link(second.text, rel: "prev")?.contains("before=") == true, "\(list.name)")
        #expect(second.text.contains("« Trang đầu"), "\(list.name)")
    }

    /// The href of the pager's link with `rel`, unescaped.
    static func link(_ html: String, rel: String) -> String? {
        guard let r = html.range(of: "rel=\"\(rel)\"") else { return nil }
        let before = html[..<r.lowerBound]
        guard let h = before.range(of: "href=\"", options: .backwards) else { return nil }
        let rest = before[h.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("Deep page numbers, bad cursors and another list's cursor: a Vietnamese 400 (API) or the first page (web)")
    func badPlaces() async throws {
        try await withTestApp { app in
            let unitsCursor = ListCursor([.text("/1/"), .int(1)]).token
            for list in Self.lists {
                let api = try await APIClient.login(app, list.user, list.password)
                let deep = try await api.send(.GET, "\(list.api)?page=900")
                #expect(deep.status == .badRequest && deep.text.contains("quá sâu"), "\(list.name): \(deep.status)")
                let web = Browser(app)
                try await web.login(list.user, list.password)
                let w = try await web.send(.GET, "\(list.web)?q=&page=900")
                #expect(w.status.code >= 300 && w.status.code < 400, "\(list.name): \(w.status)")
                #expect(w.location == list.web, "\(list.name): \(w.location ?? "")")
                var bad = ["%%%", "abc", "aQ", "czk6YWJj", String(repeating: "A", count: 3_000)]
                if list.name != "units" { bad.append(unitsCursor) }
                for b in bad {
                    let r = try await api.send(.GET, "\(list.api)?after=\(b)")
                    #expect(r.status == .badRequest, "\(list.name) \(b.prefix(20)): \(r.status)")
                    #expect(r.text.contains("vị trí trang"), "\(list.name): \(r.text.prefix(200))")
                    let h = try await web.send(.GET, "\(list.web)?before=\(b)")
                    #expect(h.status == .badRequest, "\(list.name) \(b.prefix(20)): \(h.status)")
                }
                let both = try await api.send(.GET, "\(list.api)?after=\(unitsCursor)&before=\(unitsCursor)")
                #expect(both.status == .badRequest, "\(list.name)")
            }
        }
    }

    @Test("Cursor tokens: every value kind survives the round trip; anything else is not a cursor")
    func tokens() {
        let c = ListCursor([.text("Nguyễn Văn A\n:s3:"), .int(-42), .text(""), .int(Int.max)])
        #expect(ListCursor(token: c.token) == c)
        #expect(c.token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) })
        for bad in ["", "%", "aQ", "czU6YWJj", "aTFq", "czE6AA", Base64URL.encode(Array("i1s99:ab".utf8))] {
            #expect(ListCursor(token: bad) == nil, "\(bad)")
        }
        let order: [KeysetColumn<UnitModel>] = UnitQueries.order
        #expect(ListCursor([.text("/1/"), .int(3)]).fits(order))
        #expect(!ListCursor([.int(3), .text("/1/")]).fits(order))
        #expect(!ListCursor([.text("/1/")]).fits(order))
    }

    @Test("Past 10,000 rows the total says “hơn 10.000” and counts no further")
    func boundedTotal() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "admin", adminPassword)
            let sql = try app.db.sql()
            try await sql.raw(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10050)
                INSERT INTO audit_entries (at, username, action, entity, summary)
                SELECT (SELECT at FROM audit_entries ORDER BY id LIMIT 1), 'may', 'update', 'bulk', 'Dòng ' || i FROM n
                """
            ).run()
            let many = try await api.send(.GET, "/api/v1/audit?perPage=5").json(ListPage.self)
            #expect(many.total == 10_001 && many.totalIsLowerBound)
            let one = try await api.send(.GET, "/api/v1/audit?perPage=5&entity=bulk").json(ListPage.self)
            #expect(one.total == 10_001 && one.items.count == 5)
            let none = try await api.send(.GET, "/api/v1/audit?entity=none").json(ListPage.self)
            #expect(none.total == 0 && none.items.isEmpty && none.next == nil && none.previous == nil)
            let web = Browser(app)
            try await web.login("admin", adminPassword)
            #expect(try await web.send(.GET, "/app/audit").text.contains("hơn 10.000 mục"))
        }
    }

    /// The plan of a list's page query after a cursor, one line a node (`RegistrationListScaleTests.explain`).
    static func plan(_ app: Application, _ query: QueryBuilder<some Model>) async throws -> [String] {
        try await RegistrationListScaleTests.explain(app, query.limit(51).readSQL)
    }

    @Test("Each list's page after a cursor starts from an index in list order: no sort of the matching rows")
    func plans() async throws {
        try await withTestApp { app in
            let noivu = try #require(try await UserModel.query(on: app.db).filter(\.$username == "noivu").first())
            let actor = try await AuthService.actor(for: noivu, on: app.db).0
            let db = app.db
            var plans: [(String, [String])] = []
            plans.append(
                (
                    "units",
                    try await Self.plan(
                        app,
                        UnitQueries.filtered(UnitFilter(), scope: .all, on: db).inOrder(
                            UnitQueries.order, from: [.text("/1/"), .int(3)]))
                ))
            plans.append(
                (
                    "users",
                    try await Self.plan(
                        app,
                        UserQueries.filtered(q: "", role: "", scope: .all, on: db).inOrder(
                            UserQueries.order, from: [.text("m")]))
                ))
            plans.append(
                (
                    "movements",
                    try await Self.plan(
                        app, MovementModel.query(on: db).inOrder(MovementQueries.order, from: [.text("P")]))
                ))
            plans.append(
                (
                    "audit",
                    try await Self.plan(
                        app, AuditEntryModel.query(on: db).inOrder(AuditEntryModel.listOrder, from: [.int(50)]))
                ))
            plans.append(
                (
                    "audit of one kind",
                    try await Self.plan(
                        app,
                        AuditEntryModel.query(on: db).filter(\.$entity == "unit").inOrder(
                            AuditEntryModel.listOrder, from: [.int(50)]))
                ))
            plans.append(
                (
                    "awards",
                    try await Self.plan(
                        app,
                        try await AwardService.filtered(q: "", year: nil, formCode: "", actor: actor, on: db).inOrder(
                            AwardService.order, from: [.text("m"), .int(3), .int(2024), .int(5)]))
                ))
            // A year or a form, on the first page too (no cursor to narrow the subjects): SQLite, told they are
            // common, walks the subjects in name order instead of scanning and sorting the awards.
            for (name, year, form) in [("awards of a year", 2024, ""), ("awards of a form", nil, "giay-khen")] {
                for from in [nil, [CursorValue.text("m"), .int(3), .int(2024), .int(5)]] {
                    plans.append(
                        (
                            name + (from == nil ? ", first page" : ""),
                            try await Self.plan(
                                app,
                                try await AwardService.filtered(q: "", year: year, formCode: form, actor: actor, on: db)
                                    .inOrder(AwardService.order, from: from))
                        ))
                }
            }
            plans.append(
                (
                    "award search",
                    try await Self.plan(
                        app,
                        try await AwardService.filtered(q: "nguyen van", year: nil, formCode: "", actor: actor, on: db)
                            .inOrder(
                                AwardService.searchOrder, from: [.int(30), .int(2024), .int(5)]))
                ))
            plans.append(
                (
                    "dossiers",
                    try await Self.plan(
                        app,
                        DossierService.filtered(actor: actor, status: "", year: nil, q: "", on: db).inOrder(
                            DossierService.order, from: [.int(2025), .int(3)]))
                ))
            for (name, lines) in plans {
                let text = lines.joined(separator: "\n")
                if app.db.isPostgres {
                    #expect(text.contains("Index"), "\(name):\n\(text)")
                    // A Sort node sorts every matching row. An Incremental Sort (the award lookup: one subject's
                    // awards by year) sorts within runs the index already gives in order, and stops with the page.
                    let sorts = lines.filter {
                        $0.trimmingCharacters(in: .whitespaces).hasPrefix("Sort  (") || $0.contains("->  Sort  (")
                    }
                    #expect(sorts.isEmpty, "\(name):\n\(text)")
                } else if name == "award search" {
                    // The full-text matches as a sorted set of subject ids, walked backwards from the cursor.
                    #expect(text.contains("subjects_fts VIRTUAL TABLE"), "\(name):\n\(text)")
                    #expect(!text.contains("TEMP B-TREE FOR ORDER BY"), "\(name):\n\(text)")
                } else {
                    #expect(!text.contains("TEMP B-TREE FOR ORDER BY"), "\(name):\n\(text)")
                    #expect(
                        lines.first?.hasPrefix(name.hasSuffix("first page") ? "SCAN subjects" : "SEARCH") == true,
                        "\(name):\n\(text)")
                }
            }
        }
    }
}
