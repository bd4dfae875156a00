import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import App

/// The registration list does not depend on the table size (issue 11): an index serves each filter and the order,
/// pages go by cursor, the total stops counting at 10,001, search uses FTS5 / pg_trgm over the folded text.
/// Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
@Suite("Registration list at scale", .serialized)
struct RegistrationListScaleTests {
    static func admin(_ app: Application, _ username: String = "noivu") async throws -> Actor {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        return try await AuthService.actor(for: user, on: app.db).0
    }

    /// The query plan of the list's page query for a filter (the one `RegistrationListing.list` runs), one line a
    /// node, as `username` lists.
    static func plan(_ app: Application, _ f: RegistrationFilter, as username: String = "noivu") async throws
        -> [String]
    {
        let actor = try await admin(app, username)
        let q = try #require(try await RegistrationListing.PageQuery.make(f, actor: actor, on: app.db))
        return try await Self.explain(
            app, q.page(f.after.map { [q.from($0)] } ?? []).column(RegistrationListing.column("id")).limit(51).query)
    }

    /// The plan of a query, one line a node. On PostgreSQL with scans and sorts priced out (and any other plan
    /// node in `pricedOut`): tiny tables favour scans and sorts of a few rows, so a Sort node left in the plan means
    /// no index can give the query its order.
    static func explain(_ app: Application, _ query: any SQLExpression, pricedOut: [String] = ["seqscan", "sort"])
        async throws -> [String]
    {
        let postgres = app.db.isPostgres
        return try await app.db.withConnection { conn in
            let sql = try conn.sql()
            if postgres {
                for s in pricedOut { try await sql.raw("SET enable_\(unsafeRaw: s) = off").run() }
                let rows = try await sql.raw("EXPLAIN \(query)").all()
                for s in pricedOut { try await sql.raw("RESET enable_\(unsafeRaw: s)").run() }
                return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }
            }
            return try await sql.raw("EXPLAIN QUERY PLAN \(query)").all().map {
                try $0.decode(column: "detail", as: String.self)
            }
        }
    }

    @Test("Each filter of the list is served by an index in list order: no sort of the matching rows")
    func plans() async throws {
        try await withTestApp { app in
            try await StreamedExportTests.bulk(app, year: 2034, count: 300)
            let leaf = try await unitID(app, "KR-DAKRUONG")
            let typeCode = try #require(try await SubjectTypeModel.query(on: app.db).first()?.code)
            let movement = try #require(try await MovementModel.query(on: app.db).first()?.id)
            // A movement most registrations take part in, as at scale.
            let sql = try app.db.sql()
            try await sql.raw(
                """
                INSERT INTO registration_movements (registration_id, movement_id)
                SELECT id, \(bind: movement) FROM registrations WHERE year = 2034
                """
            ).run()
            var filters: [(String, RegistrationFilter)] = []
            func add(_ name: String, _ change: (inout RegistrationFilter) -> Void) {
                var f = RegistrationFilter()
                change(&f)
                filters.append((name, f))
            }
            add("none") { _ in }
            add("year") { $0.year = 2034 }
            add("unit") { $0.unitID = leaf }
            add("status") { $0.status = "registered" }
            add("type") { $0.typeCode = typeCode }
            add("field") { $0.fieldCode = "kinh-te" }
            add("kind") { $0.subjectKind = "individual" }
            add("movement") { $0.movementID = movement }
            add("year after a cursor") {
                $0.year = 2034
                $0.after = RegistrationCursor(sortKey: "k5", id: 10)
            }
            for (name, f) in filters {
                let lines = try await Self.plan(app, f)
                let text = lines.joined(separator: "\n")
                if name == "unit" {
                    // A small subtree (a commune and its villages) is read from its units, each unit's registrations
                    // from an index, and the few rows found sorted (`SmallSubtree`); the others walk the order.
                    // On PostgreSQL the subtree's units are named by id (`UnitQueries.Reach.ids`), read by their
                    // primary key; it orders the join itself, from its statistics of these few rows.
                    #expect(
                        app.db.isPostgres
                            ? text.contains("units_pkey") && text.contains("= ANY")
                            : text.contains("units_path_id_idx"),
                        "\(text)")
                    #expect(text.contains("registrations_"), "\(text)")
                    continue
                }
                if app.db.isPostgres {
                    #expect(text.contains("Index Scan") || text.contains("Index Only Scan"), "\(name):\n\(text)")
                    let sorts = lines.filter {
                        $0.trimmingCharacters(in: .whitespaces).hasPrefix("Sort") || $0.contains("->  Sort")
                    }
                    #expect(sorts.isEmpty, "\(name):\n\(text)")
                } else {
                    #expect(text.contains("USING INDEX") || text.contains("USING COVERING INDEX"), "\(name):\n\(text)")
                    #expect(!text.contains("TEMP B-TREE FOR ORDER BY"), "\(name):\n\(text)")
                }
            }
            // A commune officer's own list (their scope, a small subtree) is read from their units too.
            let scoped = try await Self.plan(app, RegistrationFilter(), as: "dakruong")
            #expect(
                scoped.joined().contains(app.db.isPostgres ? "= ANY" : "units_path_id_idx"),
                "\(scoped.joined(separator: "\n"))")
            // A search, the newest first: SQLite walks the full-text index in its own (rowid) order and stops after
            // a page; PostgreSQL walks the primary key backwards, or the trigram index. No sort of the matches.
            for year in [nil, 2034] {
                var search = RegistrationFilter()
                search.q = "nguoi xuat"
                search.year = year
                let lines = try await Self.plan(app, search)
                let text = lines.joined(separator: "\n")
                if app.db.isPostgres {
                    #expect(text.contains("Index"), "\(text)")
                    #expect(
                        !lines.contains {
                            $0.trimmingCharacters(in: .whitespaces).hasPrefix("Sort") || $0.contains("->  Sort")
                        }, "\(text)")
                } else {
                    #expect(text.contains("SCAN registrations_fts VIRTUAL TABLE"), "\(text)")
                    #expect(!text.contains("TEMP B-TREE FOR ORDER BY"), "\(text)")
                }
            }
        }
    }

    @Test("A subtree's list read from its units: the rows of the walk in its order, each once, with their total")
    func smallSubtree() async throws {
        try await withTestApp { app in
            try await StreamedExportTests.bulk(app, year: 2036, count: 230)
            let sql = try app.db.sql()
            // The commune's rows (its own and its villages'), and the whole district's, as a walk reads them: by the
            // office with a unit filter, and by the commune's officer in their own scope (no filter).
            for (code, reader) in [("KR-DAKRUONG", "noivu"), (nil, "noivu"), ("KR-DAKRUONG", "dakruong")] {
                let units = UnitModel.query(on: app.db)
                let unit = try #require(
                    try await (code.map { units.filter(\.$code == $0) } ?? units.filter(\.$parent.$id == nil)).first())
                let ordered = try await sql.raw(
                    """
                    SELECT r.id FROM registrations r JOIN units u ON u.id = r.unit_id
                    WHERE r.year = 2036 AND u.path LIKE \(bind: unit.path + "%") ORDER BY r.sort_key, r.id
                    """
                ).all().map { try $0.decode(column: "id", as: Int.self) }
                #expect(ordered.count >= 230)
                let api = try await APIClient.login(app, reader)
                let base =
                    "/api/v1/registrations?year=2036&perPage=41"
                    + (reader == "noivu" ? "&unitID=\(try unit.requireID())" : "")
                var (seen, path, back) = ([Int](), base, [ListPage]())
                while true {
                    let page = try await api.send(.GET, path).json(ListPage.self)
                    #expect(page.total == ordered.count && !page.totalIsLowerBound)
                    seen += page.items.map(\.id)
                    back.append(page)
                    guard let next = page.next, back.count < 20 else { break }
                    path = base + "&after=\(next)"
                }
                #expect(seen == ordered, "\(code ?? "district"), \(reader)")
                // Backwards from the last page: the page before it, the same rows.
                let last = try #require(back.last)
                if let previous = last.previous, back.count >= 2 {
                    let before = try await api.send(.GET, base + "&before=\(previous)").json(ListPage.self)
                    #expect(before.items.map(\.id) == back[back.count - 2].items.map(\.id))
                }
            }
        }
    }

    @Test(
        "A commune officer's search reads the commune's rows and tests their text: the matches newest first, each once")
    func smallSubtreeSearch() async throws {
        try await withTestApp { app in
            try await StreamedExportTests.bulk(app, year: 2040, count: 260)
            let sql = try app.db.sql()
            // A third of the rows moved to another commune: matches the officer must not see.
            let tanlap = try await unitID(app, "KR-TANLAP")
            try await sql.raw(
                "UPDATE registrations SET unit_id = \(bind: tanlap) WHERE year = 2040 AND id % 3 = 0"
            ).run()
            let commune = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first())
            // "xuat 2040-1" starts 2040-1, 10–19, 100–199: the commune's of those, the newest first.
            let expected = try await sql.raw(
                """
                SELECT r.id FROM registrations r JOIN units u ON u.id = r.unit_id
                WHERE u.path LIKE \(bind: commune.path + "%") AND r.search_text LIKE 'nguoi xuat 2040-1%'
                ORDER BY r.id DESC
                """
            ).all().map { try $0.decode(column: "id", as: Int.self) }
            #expect(expected.count > 50)
            let api = try await APIClient.login(app, "dakruong")
            let base = "/api/v1/registrations?q=xuat%202040-1&perPage=17"
            var (seen, path, pages) = ([Int](), base, [ListPage]())
            while pages.count < 20 {
                let page = try await api.send(.GET, path).json(ListPage.self)
                if !app.db.isPostgres { #expect(page.total == expected.count && !page.totalIsLowerBound) }
                seen += page.items.map(\.id)
                pages.append(page)
                guard let next = page.next else { break }
                path = base + "&after=\(next)"
            }
            #expect(seen == expected)
            let last = try #require(pages.last)
            if let previous = last.previous, pages.count >= 2 {
                let before = try await api.send(.GET, base + "&before=\(previous)").json(ListPage.self)
                #expect(before.items.map(\.id) == pages[pages.count - 2].items.map(\.id))
            }
            // The web page says the order; on SQLite the page starts from the commune's units, not the index.
            let b = Browser(app)
            try await b.login("dakruong")
            #expect(try await b.send(.GET, "/app/registrations?q=xuat%202040-1").text.contains("mới nhất trước"))
            if !app.db.isPostgres {
                var search = RegistrationFilter()
                search.q = "xuat 2040-1"
                let lines = try await Self.plan(app, search, as: "dakruong")
                #expect(lines.first?.contains("units_path_id_idx (path>? AND path<?)") == true, "\(lines)")
                #expect(!lines.joined().contains("registrations_fts"), "\(lines)")
            }
        }
    }

    @Test("Cursor pages across runs of equal sort keys: every row once, forwards and back; a bad cursor is a 400")
    func keysetPaging() async throws {
        try await withTestApp { app in
            try await StreamedExportTests.bulk(app, year: 2035, count: 500)
            let sql = try app.db.sql()
            let ordered = try await sql.raw(
                "SELECT id FROM registrations WHERE year = 2035 ORDER BY sort_key, id"
            ).all().map { try $0.decode(column: "id", as: Int.self) }
            let api = try await APIClient.login(app, "noivu")
            var seen: [Int] = []
            var pages: [ListPage] = []
            var path = "/api/v1/registrations?year=2035&perPage=37"
            while true {
                let r = try await api.send(.GET, path)
                #expect(r.status == .ok, "\(r.text.prefix(300))")
                let page = try r.json(ListPage.self)
                pages.append(page)
                seen += page.items.map(\.id)
                #expect(page.total == 500 && page.totalIsLowerBound == false)
                guard let next = page.next else { break }
                path = "/api/v1/registrations?year=2035&perPage=37&after=\(next)"
                #expect(pages.count < 30)
            }
            #expect(seen == ordered)
            #expect(pages.count == 14)
            // Backwards from the last page with `previous`.
            var previous = try await api.send(.GET, path).json(ListPage.self)
            var back = previous.items.map(\.id)
            while let before = previous.previous {
                previous = try await api.send(.GET, "/api/v1/registrations?year=2035&perPage=37&before=\(before)").json(
                    ListPage.self)
                back = previous.items.map(\.id) + back
            }
            #expect(back == ordered)

            // The web page links first, previous and next pages by cursor.
            let b = Browser(app)
            try await b.login("noivu")
            let first = try await b.send(.GET, "/app/registrations?year=2035")
            #expect(first.status == .ok)
            #expect(first.text.contains("after=") && first.text.contains("500 đăng ký"))
            // A deep page number goes back to the first page (web) or is a 400 (API).
            let deep = try await b.send(.GET, "/app/registrations?year=2035&page=900")
            #expect(deep.status.code >= 300 && deep.status.code < 400)
            #expect(deep.headers.first(name: .location) == "/app/registrations?year=2035")
            #expect(try await api.send(.GET, "/api/v1/registrations?page=900").status == .badRequest)
            // Bad cursors: never a 500.
            for bad in ["%%%", "abc", "bm9uZQ", "MAp4", "LTUKaw", String(repeating: "A", count: 3_000)] {
                let r = try await api.send(.GET, "/api/v1/registrations?after=\(bad)")
                #expect(r.status == .badRequest, "\(bad): \(r.status)")
                #expect(r.text.contains("vị trí trang"), "\(bad): \(r.text.prefix(200))")
                let w = try await b.send(.GET, "/app/registrations?before=\(bad)")
                #expect(w.status == .badRequest, "\(bad): \(w.status)")
            }
        }
    }

    @Test("The total is exact up to 10,000, then “hơn 10.000”")
    func boundedTotal() async throws {
        try await withTestApp { app in
            try await StreamedExportTests.bulk(app, year: 2036, count: 10_050)
            let api = try await APIClient.login(app, "noivu")
            let many = try await api.send(.GET, "/api/v1/registrations?year=2036&perPage=5").json(ListPage.self)
            #expect(many.total == 10_001 && many.totalIsLowerBound)
            let few = try await api.send(.GET, "/api/v1/registrations?year=2036&q=xuat%202036-1005").json(
                ListPage.self)
            #expect(few.totalIsLowerBound == false && few.total == few.items.count)
            let b = Browser(app)
            try await b.login("noivu")
            #expect(try await b.send(.GET, "/app/registrations?year=2036").text.contains("hơn 10.000 đăng ký"))
        }
    }

    @Test(
        "A search lists the newest first, pages by cursor both ways, and counts up to 1,000 (PostgreSQL: the rows seen)"
    )
    func searchNewestFirst() async throws {
        try await withTestApp { app in
            try await StreamedExportTests.bulk(app, year: 2038, count: 1_050)
            let sql = try app.db.sql()
            let newest = try await sql.raw("SELECT id FROM registrations WHERE year = 2038 ORDER BY id DESC").all().map
            {
                try $0.decode(column: "id", as: Int.self)
            }
            #expect(newest.count == 1_050)
            let postgres = app.db.isPostgres
            let api = try await APIClient.login(app, "noivu")
            let base = "/api/v1/registrations?year=2038&q=nguoi%20xuat&perPage=200"
            var path = base
            var seen: [Int] = []
            var last = try await api.send(.GET, path)
            while true {
                #expect(last.status == .ok, "\(last.text.prefix(300))")
                let page = try last.json(ListPage.self)
                // PostgreSQL does not count a search past the rows seen (`RegistrationListing.PageQuery.total`).
                #expect(page.total == (postgres ? page.items.count + 1 : 1_001) && page.totalIsLowerBound)
                #expect((try last.jsonObject()["order"] as? String) == "newest")
                seen += page.items.map(\.id)
                guard let next = page.next, seen.count < 2_000 else { break }
                path = base + "&after=\(next)"
                last = try await api.send(.GET, path)
            }
            #expect(seen == newest)
            var back: [Int] = []
            var page = try last.json(ListPage.self)
            back = page.items.map(\.id)
            while let before = page.previous, back.count < 2_000 {
                page = try await api.send(.GET, base + "&before=\(before)").json(ListPage.self)
                back = page.items.map(\.id) + back
            }
            #expect(back == newest)
            // Without a search the same year is in name order.
            let plain = try await api.send(.GET, "/api/v1/registrations?year=2038&perPage=5")
            #expect((try plain.jsonObject()["order"] as? String) == "name")
            let b = Browser(app)
            try await b.login("noivu")
            let web = try await b.send(.GET, "/app/registrations?year=2038&q=ng%C6%B0%E1%BB%9Di%20xu%E1%BA%A5t")
            #expect(web.text.contains(postgres ? "hơn 50 đăng ký" : "hơn 1.000 đăng ký"))
            #expect(web.text.contains("mới nhất trước"))
            // The last page asked by number: exact on PostgreSQL (the rows before it and its own), bounded on SQLite.
            let last6 = try await api.send(.GET, base + "&page=6").json(ListPage.self)
            #expect(last6.items.count == 50 && last6.next == nil)
            #expect(postgres ? last6.total == 1_050 && !last6.totalIsLowerBound : last6.total == 1_001)
            // A first page with no page after it is its own total, on both databases: "7" starts 7, 70–79, 700–799.
            let one = try await api.send(.GET, "/api/v1/registrations?year=2038&q=xuat%202038-7&perPage=200")
                .json(ListPage.self)
            #expect(one.items.count == 111 && one.total == 111 && !one.totalIsLowerBound && one.next == nil)
        }
    }

    @Test("A search over the whole tree with no other filter is counted in the full-text index alone, the same total")
    func searchCountedInIndex() async throws {
        try await withTestApp { app in
            try await StreamedExportTests.bulk(app, year: 2039, count: 129)
            let api = try await APIClient.login(app, "noivu")
            func total(_ query: String) async throws -> (Int, Bool) {
                let page = try await api.send(.GET, "/api/v1/registrations?perPage=20&" + query).json(ListPage.self)
                return (page.total, page.totalIsLowerBound)
            }
            // PostgreSQL does not count a search past the rows seen (`RegistrationListing.PageQuery.total`).
            let postgres = app.db.isPostgres
            // "2039-1" starts 2039-1, 2039-10…19, 2039-100…129: 41 rows; with the year (joined) the same.
            let (alone, aloneBound) = try await total("q=xuat%202039-1")
            let (joined, _) = try await total("q=xuat%202039-1&year=2039")
            #expect(alone == (postgres ? 21 : 41) && aloneBound == postgres && joined == alone)
            // Rows deleted leave the index with them (its triggers): the count follows.
            let sql = try app.db.sql()
            let gone = try #require(
                try await sql.raw("SELECT id FROM registrations WHERE year = 2039 ORDER BY id DESC").first()?.decode(
                    column: "id", as: Int.self))
            for table in ["registration_movements", "registration_transitions"] {
                try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE registration_id = \(bind: gone)").run()
            }
            try await sql.raw("DELETE FROM registrations WHERE id = \(bind: gone)").run()
            // A total is kept until the next audited write (`PageQuery.total`); this delete went past the services.
            let office = Browser(app)
            try await office.login("noivu")
            try await PageCacheTests.createMovement(app, office, code: "PT-DEM", "Phong trào sau khi xoá")
            #expect(try await total("q=xuat%202039-1").0 == (postgres ? 21 : 40))
            // A commune officer's search (the rows are their commune's) is counted within their units: the same.
            let commune = try await APIClient.login(app, "dakruong")
            let theirs = try await commune.send(.GET, "/api/v1/registrations?perPage=20&q=xuat%202039-1").json(
                ListPage.self)
            #expect(theirs.total == (postgres ? 21 : 40))
            if !postgres {
                // The index alone counts only a search with nothing else to filter by: the statement the total
                // runs reads no registrations and no units then, and joins them otherwise.
                func counting(_ username: String, year: Int? = nil) async throws -> (ftsOnly: Bool, plan: String) {
                    let user = try #require(
                        try await UserModel.query(on: app.db).filter(\.$username == username).first())
                    var f = RegistrationFilter()
                    (f.q, f.year) = ("xuat 2039-1", year)
                    let actor = try await AuthService.actor(for: user, on: app.db).0
                    let q = try #require(try await RegistrationListing.PageQuery.make(f, actor: actor, on: app.db))
                    let plan = try await Self.explain(app, q.counted.query).joined(separator: " | ")
                    return (q.ftsOnly, plan)
                }
                let whole = try await counting("noivu")
                #expect(whole.ftsOnly)
                #expect(
                    whole.plan.contains("VIRTUAL TABLE") && !whole.plan.contains("registrations ")
                        && !whole.plan.contains("units"), "\(whole.plan)")
                for joined in [try await counting("noivu", year: 2039), try await counting("dakruong")] {
                    #expect(!joined.ftsOnly)
                    #expect(joined.plan.contains("registrations ") || joined.plan.contains("units"), "\(joined.plan)")
                }
            }
        }
    }

    @Test("The list joins the units only when a condition names them: the whole tree's search reads no unit")
    func unitsJoinedWhenNamed() async throws {
        try await withTestApp { app in
            try await StreamedExportTests.bulk(app, year: 2036, count: 60)
            var search = RegistrationFilter()
            search.q = "người xuất"
            search.year = 2036
            // The district's staff see the whole tree: nothing about units to test.
            let whole = try await Self.plan(app, search).joined(separator: " | ")
            #expect(!whole.contains("units"), "\(whole)")
            // A commune officer's scope, and a filter by a unit with units under it, are tested on the units.
            let scoped = try await Self.plan(app, search, as: "dakruong").joined(separator: " | ")
            #expect(scoped.contains("units"), "\(scoped)")
            var byUnit = search
            byUnit.unitID = try await UnitModel.query(on: app.db).filter(\.$parent.$id == nil).first()?.id
            let filtered = try await Self.plan(app, byUnit).joined(separator: " | ")
            #expect(filtered.contains("units"), "\(filtered)")
            // The same rows either way: the officer's are the district's under the officer's commune.
            let api = try await APIClient.login(app, "dakruong")
            let page = try await api.send(.GET, "/api/v1/registrations?year=2036&q=nguoi%20xuat&perPage=100")
                .json(ListPage.self)
            #expect(page.items.count == 60)
        }
    }

    @Test("The web list's rows, read with only the columns its table shows, say what the API's whole summaries say")
    func narrowRows() async throws {
        try await withTestApp { app in
            _ = try await DemoDistrict.load(app: app, today: DemoDistrictTests.today) // every kind of subject, types
            let actor = try await Self.admin(app)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            /// The row the page showed when it was made from a whole summary.
            func shown(_ r: RegistrationSummary) -> RegistrationRow {
                RegistrationRow(
                    id: r.id, href: RegistrationsPath.registration(.id(r.id)).href, year: r.year,
                    subjectName: r.subject.name, subjectKindLabel: r.subject.subjectKind.label, title: r.title,
                    unitName: r.unitShortName, typeName: r.typeName ?? "—", statusLabel: r.status.label,
                    status: r.status.rawValue)
            }
            var kinds = Set<String>()
            var statuses = Set<String>()
            // The list in name order, a search (on PostgreSQL its ids first, then their rows), and a common word.
            for q in ["", "Đăk", "nguyen"] {
                var f = RegistrationFilter()
                f.q = q
                f.perPage = 7
                var pages = 0
                var rows = 0
                repeat {
                    let narrow = try await RegistrationListing.list(
                        f, as: RegistrationRow.self, actor: actor, on: app.db)
                    let whole = try await RegistrationListing.list(
                        f, as: RegistrationSummary.self, actor: actor, on: app.db)
                    #expect(try encoder.encode(narrow.items) == encoder.encode(whole.items.map(shown)), "q = \(q)")
                    #expect(narrow.next == whole.next && narrow.total == whole.total)
                    kinds.formUnion(narrow.items.map(\.subjectKindLabel))
                    statuses.formUnion(narrow.items.map(\.status))
                    rows += narrow.items.count
                    pages += 1
                    f.after = narrow.next
                } while f.after != nil && pages < 4
                #expect(rows > 7, "q = \(q)") // more than one page compared
            }
            #expect(kinds.count > 1 && statuses.count > 1)
        }
    }

    @Test("Search over the folded text: word prefixes, same results on both databases, kept up to date on write")
    func foldedSearch() async throws {
        try await withTestApp { app in
            try await StreamedExportTests.bulk(app, year: 2037, count: 30)
            let api = try await APIClient.login(app, "noivu")
            func ids(_ q: String) async throws -> [Int] {
                let e = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                return try await api.send(.GET, "/api/v1/registrations?year=2037&perPage=100&q=\(e)").json(
                    ListPage.self
                ).items.map(\.id)
            }
            #expect(try await ids("người xuất").count == 30)
            #expect(try await ids("NGUOI XUAT 2037-7").count == 1) // "2037-7": the words 2037 and 7
            #expect(try await ids("nguo xu").count == 30) // prefixes of words
            #expect(try await ids("uoi").isEmpty) // not the middle of a word
            #expect(try await ids("xuat 9999").isEmpty)
            #expect(try await ids("\"*) - (").count == 30) // no words: punctuation alone filters nothing
            // The search text follows an update and a delete (triggers on SQLite, the column itself on PostgreSQL).
            let sql = try app.db.sql()
            let one = try #require(try await ids("xuat 2037-7").first)
            try await sql.raw("UPDATE registrations SET search_text = 'dak ruong chuyen doi' WHERE id = \(bind: one)")
                .run()
            #expect(try await ids("Đăk Ruồng chuyển").count == 1)
            #expect(try await ids("xuat 2037-7").isEmpty)
            try await sql.raw("DELETE FROM registrations WHERE id = \(bind: one)").run()
            #expect(try await ids("dak ruong").isEmpty)
        }
    }
}

/// The API's list page as a client reads it.
struct ListPage: Decodable {
    struct Item: Decodable { let id: Int }
    let items: [Item]
    let page: Int?
    let total: Int
    let totalIsLowerBound: Bool
    let next: String?
    let previous: String?
}
