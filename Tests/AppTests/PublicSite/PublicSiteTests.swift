import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Public site")
struct PublicSiteTests {
    static func get(_ app: Application, _ path: String) async throws -> Sent {
        try await Browser(app).send(.GET, path)
    }

    /// Every public place a story can show: pages, feeds, sitemap, public API, search.
    static func everywhere(_ app: Application, _ s: StoryModel, search: String) async throws -> [String: String] {
        var out: [String: String] = [:]
        for path in [
            "/", PublicPath.column(.text(s.columnCode)).href, "/feed.atom",
            PublicPath.columnFeed(.text(s.columnCode)).href, "/sitemap.xml", "/api/v1/public/stories?limit=100",
            PublicPath.search.href([("q", search)]),
        ] {
            let body = try await get(app, path).text
            // The sitemap lists URLs, not titles: stand the title in for the story's URL.
            out[path] = path == "/sitemap.xml" ? (body.contains(PublicFixture.storyHref(s) + "<") ? s.title : "") : body
        }
        return out
    }

    @Test("A published story shows on the home, its column, its page, both feeds, the sitemap, the API and search")
    func publishedStory() async throws {
        try await withTestApp { app in
            let collective = try await PublicFixture.recognisedSubject(app, kind: .collective)
            let s = try await PublicFixture.story(
                app, title: "Tổ hợp tác trồng sâm Ngọc Linh", status: .published, subjects: [collective.id ?? 0],
                minority: ("sed", "Tóm tắt bằng tiếng Xơ Đăng", "A Hùng"))
            for (path, body) in try await Self.everywhere(app, s, search: "sam ngoc linh") {
                #expect(body.contains("Tổ hợp tác trồng sâm Ngọc Linh"), "\(path) lacks the published story")
            }
            let page = try await Self.get(app, PublicFixture.storyHref(s))
            #expect(page.status == .ok)
            #expect(
                page.text.contains("<link rel=\"canonical\" href=\"http://localhost\(PublicFixture.storyHref(s))\">"))
            #expect(page.text.contains("property=\"og:type\" content=\"article\""))
            #expect(page.text.contains("property=\"og:locale\" content=\"vi_VN\""))
            #expect(page.text.contains("<p lang=\"sed\">Tóm tắt bằng tiếng Xơ Đăng</p>"))
            #expect(page.text.contains("Người dịch: A Hùng"))
            #expect(page.text.contains("<strong>Tổ hợp tác trồng sâm Ngọc Linh</strong>"))
            // The home counts the published stories of each column (one grouped query).
            let home = try await Self.get(app, "/")
            for column in PublicColumns(app.storyColumns).all {
                let n = try await StoryModel.query(on: app.db).filter(\.$columnCode == column.code)
                    .filter(\.$status == StoryStatus.published).count()
                let entry =
                    "<a href=\"\(PublicPath.column(.text(column.code)).href)\">\(column.name)</a> "
                    + "<span class=\"meta\">(\(n))</span>"
                #expect(home.text.contains(entry), "\(column.code): \(n) published")
            }
            // The id alone finds it too.
            #expect(try await Self.get(app, "/bai-viet/\(s.id ?? 0)").status == .ok)
            let api = try await Self.get(app, "/api/v1/public/stories/\(s.id ?? 0)")
            #expect(api.status == .ok)
            #expect(api.text.contains("\"minorityLang\":\"sed\""))
        }
    }

    @Test("A draft, a story awaiting approval and a withdrawn story show nowhere public, and their pages are 404")
    func unpublishedStories() async throws {
        try await withTestApp { app in
            let collective = try await PublicFixture.recognisedSubject(app, kind: .collective)
            for (status, title) in [
                (StoryStatus.draft, "Bài nháp về vườn cà phê"), (.awaitingApproval, "Bài chờ duyệt về bếp ăn"),
                (.withdrawn, "Bài đã gỡ về đội văn nghệ"),
            ] {
                let s = try await PublicFixture.story(
                    app, title: title, status: status, subjects: [collective.id ?? 0])
                for (path, body) in try await Self.everywhere(app, s, search: VietnameseText.fold(title)) {
                    #expect(!body.contains(title), "\(path) shows a \(status.rawValue) story")
                }
                #expect(try await Self.get(app, PublicFixture.storyHref(s)).status == .notFound)
                #expect(try await Self.get(app, "/api/v1/public/stories/\(s.id ?? 0)").status == .notFound)
            }
        }
    }

    @Test("A story about an individual shows only while the individual's consent is in force")
    func consentGatesStories() async throws {
        try await withTestApp { app in
            let person = try await PublicFixture.recognisedSubject(app, kind: .individual)
            let pid = person.id ?? 0
            let title = "Người giữ rừng ở Đăk Ruồng"
            let s = try await PublicFixture.story(app, title: title, status: .published, subjects: [pid])
            func shown() async throws -> Bool {
                let all = try await Self.everywhere(app, s, search: "giu rung")
                let hits = all.filter { $0.value.contains(title) }.count
                let page = try await Self.get(app, PublicFixture.storyHref(s)).status
                let exemplar = try await Self.get(app, PublicPath.exemplar(.id(pid)).href).status
                let api = try await Self.get(app, "/api/v1/public/exemplars/\(pid)").status
                // All or nothing: never half public.
                #expect(hits == 0 || hits == all.count, "\(all.filter { !$0.value.contains(title) }.keys)")
                #expect((page == .ok) == (hits > 0) && (exemplar == .ok) == (hits > 0) && (api == .ok) == (hits > 0))
                return hits > 0
            }
            #expect(try await shown() == false, "no consent: withheld")
            let c = try await PublicFixture.consent(app, subjectID: pid)
            #expect(try await shown() == true, "consent in force: public")
            try await PublicFixture.withdraw(app, c)
            #expect(try await shown() == false, "consent withdrawn: withheld at once, story still published")
            #expect(try await StoryModel.find(s.id, on: app.db)?.status == .published)
        }
    }

    @Test("Exemplar pages: a recognised collective is public; an unrecognised subject is 404; no personal field")
    func exemplarPages() async throws {
        try await withTestApp { app in
            let collective = try await PublicFixture.recognisedSubject(app, kind: .collective)
            let page = try await Self.get(app, PublicPath.exemplar(.id(collective.id ?? 0)).href)
            #expect(page.status == .ok)
            #expect(page.text.contains(collective.name))
            #expect(page.text.contains("rel=\"canonical\""))
            if let other = try await PublicFixture.unrecognisedSubject(app, kind: .collective) {
                #expect(try await Self.get(app, PublicPath.exemplar(.id(other.id ?? 0)).href).status == .notFound)
            }
            #expect(try await Self.get(app, "/dien-hinh/999999").status == .notFound)
            let list = try await Self.get(app, PublicPath.exemplars.href([("xa", String(collective.$unit.id))]))
            #expect(list.status == .ok)
            #expect(list.text.contains(collective.name))
            #expect(try await Self.get(app, "/dien-hinh?xa=999999").status == .notFound)
            #expect(try await Self.get(app, "/chuyen-muc/khong-co").status == .notFound)
            #expect(try await Self.get(app, "/chuyen-muc/khong-co/feed.atom").status == .notFound)
        }
    }

    /// A large site reads its facets from the instance's copy and counts them again in the background once the copy
    /// is old; a small one counts at once; a page lists at most `unitLimit` units, those with the most exemplars.
    @Test func facetsOfALargeSiteComeFromACopyCountedAgainInTheBackground() async throws {
        try await withTestApp { app in
            let person = try await PublicFixture.newRecognised(app, kind: .individual)
            let consent = try await PublicFixture.consent(app, subjectID: person.id ?? 0)
            func total(_ f: PublicQueries.Facets) -> Int { f.units.reduce(0) { $0 + $1.count } }
            let before = total(try await PublicQueries.facets(on: app.db))
            let large = PublicFacetCache(liveSubjects: 0, maxAge: 3_600)
            let aging = PublicFacetCache(liveSubjects: 0, maxAge: 0)
            let small = PublicFacetCache()
            #expect(total(try await large.facets(on: app.db)) == before)
            #expect(total(try await aging.facets(on: app.db)) == before)
            try await PublicFixture.withdraw(app, consent)
            let after = total(try await PublicQueries.facets(on: app.db))
            #expect(after == before - 1)
            #expect(total(try await small.facets(on: app.db)) == after, "a small site counts at once")
            #expect(total(try await large.facets(on: app.db)) == before, "a fresh copy is served as it is")
            // An old copy is served once more while it is counted again, then the new count.
            var seen = [total(try await aging.facets(on: app.db))]
            for _ in 0..<100 where seen.last != after {
                try await Task.sleep(for: .milliseconds(50))
                seen.append(total(try await aging.facets(on: app.db)))
            }
            #expect(seen.first == before && seen.last == after, "\(seen)")
        }
    }

    /// The facets keep the units with the most exemplars (ties: the older unit), counted and cut by the database, and
    /// show them in name order.
    @Test func facetsKeepTheUnitsWithTheMostExemplars() async throws {
        try await withTestApp { app in
            let communes = try await UnitModel.query(on: app.db).filter(\.$kind == "xa").sort(\.$id).limit(3).all()
            for (i, commune) in communes.enumerated() {
                for _ in 0..<(4 - i) {
                    let s = try await PublicFixture.newRecognised(app, kind: .collective)
                    s.$unit.id = try commune.requireID()
                    try await s.save(on: app.db)
                }
            }
            let all = try await PublicQueries.facets(on: app.db, unitLimit: 1_000).units
            #expect(all.count >= 3)
            for limit in [1, 2, max(all.count - 1, 1)] {
                let cut = try await PublicQueries.facets(on: app.db, unitLimit: limit).units
                let expected = all.sorted { ($0.count, -$0.id) > ($1.count, -$1.id) }.prefix(limit)
                #expect(Set(cut.map(\.id)) == Set(expected.map(\.id)), "limit \(limit)")
                #expect(cut.map(\.name) == all.map(\.name).filter { n in cut.contains { $0.name == n } })
            }
        }
    }

    @Test(
        "The exemplar directory, its facets and the sitemap agree on who is public, follow consent, and read in index order"
    )
    func directoryFacetsSitemapAgree() async throws {
        try await withTestApp { app in
            let collective = try await PublicFixture.newRecognised(app, kind: .collective)
            let person = try await PublicFixture.newRecognised(app, kind: .individual)
            let household = try await PublicFixture.newRecognised(app, kind: .household)
            let consent = try await PublicFixture.consent(app, subjectID: person.id ?? 0)
            func views() async throws -> (directory: Set<Int>, sitemap: Set<Int>, facetTotal: Int, ordered: Bool) {
                var all: [SubjectModel] = []
                var after: Int?
                while true {
                    let page = try await PublicQueries.exemplars(
                        unitPath: nil, field: nil, after: after, limit: 7, on: app.db)
                    all += page.subjects
                    guard page.more, let last = page.subjects.last?.id else { break }
                    after = last
                }
                let keys = all.map { ($0.sortKey, $0.id ?? 0) }
                let ordered = zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }
                let facets = try await PublicQueries.facets(on: app.db)
                return (
                    Set(all.compactMap(\.id)), Set(try await PublicQueries.allExemplarIDs(on: app.db)),
                    facets.units.reduce(0) { $0 + $1.count }, ordered
                )
            }
            var v = try await views()
            #expect(v.ordered, "pages by key in (sort_key, id) order, no subject twice")
            #expect(v.directory == v.sitemap)
            #expect(v.facetTotal == v.directory.count)
            #expect(v.directory.contains(collective.id ?? 0), "a recognised collective needs no consent")
            #expect(v.directory.contains(person.id ?? 0), "an individual with a consent in force")
            #expect(!v.directory.contains(household.id ?? 0), "a household without consent is withheld")
            try await PublicFixture.withdraw(app, consent)
            v = try await views()
            #expect(!v.directory.contains(person.id ?? 0) && !v.sitemap.contains(person.id ?? 0))
            #expect(v.facetTotal == v.directory.count)

            // The directory's query walks the public exemplars in (sort_key, id) order through the partial index
            // subjects_public_order_idx (migration 52), not every subject.
            try await app.db.withConnection { conn in
                let sql = try conn.sql()
                let query: SQLQueryString = """
                    SELECT "subjects"."id" FROM "subjects" INNER JOIN "units" ON "subjects"."unit_id" = "units"."id" \
                    WHERE \(PublicQueries.isPublic()) ORDER BY "subjects"."sort_key" ASC, "subjects"."id" ASC LIMIT 31
                    """
                if conn.isPostgres {
                    try await sql.raw("SET enable_seqscan = off").run()
                    try await sql.raw("SET enable_sort = off").run()
                    let lines = try await sql.raw("EXPLAIN \(query)").all().map {
                        try $0.decode(column: "QUERY PLAN", as: String.self)
                    }
                    try await sql.raw("RESET enable_seqscan").run()
                    try await sql.raw("RESET enable_sort").run()
                    let text = lines.joined(separator: "\n")
                    #expect(text.contains("subjects_public_order_idx"), "\(text)")
                    #expect(
                        !lines.contains {
                            $0.trimmingCharacters(in: .whitespaces).hasPrefix("Sort") || $0.contains("->  Sort")
                        }, "\(text)")
                } else {
                    let text = try await sql.raw("EXPLAIN QUERY PLAN \(query)").all().map {
                        try $0.decode(column: "detail", as: String.self)
                    }.joined(separator: "\n")
                    #expect(text.contains("subjects_public_order_idx"), "\(text)")
                    #expect(!text.contains("TEMP B-TREE FOR ORDER BY"), "\(text)")
                }
            }
        }
    }

    @Test("Search folds Vietnamese: “dak ruong” finds “Đăk Ruồng”")
    func searchFolding() async throws {
        try await withTestApp { app in
            let collective = try await PublicFixture.recognisedSubject(app, kind: .collective)
            try await PublicFixture.story(
                app, title: "Mùa vàng ở Đăk Ruồng", status: .published, subjects: [collective.id ?? 0])
            for q in ["dak ruong", "ĐĂK RUỒNG", "Dak  Ruong"] {
                let res = try await Self.get(app, PublicPath.search.href([("q", q)]))
                #expect(res.status == .ok)
                #expect(res.text.contains("Mùa vàng ở Đăk Ruồng"), "\(q)")
            }
            let none = try await Self.get(app, PublicPath.search.href([("q", "%_\\")]))
            #expect(none.status == .ok)
            #expect(!none.text.contains("Mùa vàng"))
        }
    }

    @Test("Feeds are Atom (RFC 4287): well-formed, the required elements, the right content type, 30 entries at most")
    func atomFeeds() async throws {
        try await withTestApp { app in
            let collective = try await PublicFixture.recognisedSubject(app, kind: .collective)
            for n in 0..<32 {
                try await PublicFixture.story(
                    app, title: "Bài số \(n) <&> \"trích\"", status: .published, subjects: [collective.id ?? 0],
                    publishedAt: Date(timeIntervalSinceNow: Double(-n * 3600)))
            }
            for path in ["/feed.atom", "/chuyen-muc/song-dep/feed.atom", "/chuyen-muc/chuyen-thuong-ngay/feed.atom"] {
                let res = try await Self.get(app, path)
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "application/atom+xml; charset=utf-8")
                let check = AtomCheck()
                let parser = XMLParser(data: Data(res.text.utf8))
                parser.delegate = check
                #expect(parser.parse(), "\(path) is not well-formed: \(String(describing: parser.parserError))")
                #expect(check.root == "feed" && check.namespace == "http://www.w3.org/2005/Atom")
                for required in ["id", "title", "updated"] {
                    #expect(check.feedChildren.contains(required), "\(required)")
                }
                #expect(check.selfLink, "\(path) has no rel=self link")
                #expect(check.entries.count <= 30)
                for entry in check.entries {
                    for required in ["id", "title", "updated", "published", "link", "summary", "author"] {
                        #expect(entry.contains(required), "\(path): an entry lacks \(required)")
                    }
                }
                if path != "/chuyen-muc/chuyen-thuong-ngay/feed.atom" { #expect(check.entries.count == 30) }
            }
            #expect(try await Self.get(app, "/feed.atom").text.contains("Bài số 0 &lt;&amp;&gt; &quot;trích&quot;"))
            #expect(!(try await Self.get(app, "/feed.atom").text.contains("Bài số 31 ")))
        }
    }

    @Test("Paging by key: the next page continues where the first stopped, no story twice")
    func paging() async throws {
        try await withTestApp { app in
            let collective = try await PublicFixture.recognisedSubject(app, kind: .collective)
            let when = Date()
            for n in 0..<15 {
                // Same time for all: the id breaks the tie.
                try await PublicFixture.story(
                    app, title: "Trang bài \(n)", status: .published, subjects: [collective.id ?? 0], publishedAt: when)
            }
            let first = try await PublicQueries.latest(limit: 12, on: app.db)
            #expect(first.stories.count == 12 && first.more)
            let second = try await PublicQueries.latest(after: first.stories.last?.id, limit: 12, on: app.db)
            #expect(second.stories.count == 3 && !second.more)
            #expect(Set(first.stories.map(\.id)).isDisjoint(with: Set(second.stories.map(\.id))))
            let home = try await Self.get(app, "/")
            #expect(home.text.contains("Bài cũ hơn"))
            let api = try await Self.get(app, "/api/v1/public/stories?limit=12").jsonObject()
            #expect((api["nextAfter"] as? Int) == first.stories.last?.id)
        }
    }

    @Test("The sitemap lists the public pages; robots.txt points at it and keeps crawlers out of /app and /api")
    func sitemapAndRobots() async throws {
        try await withTestApp { app in
            let collective = try await PublicFixture.recognisedSubject(app, kind: .collective)
            let s = try await PublicFixture.story(
                app, title: "Bài trong sơ đồ trang", status: .published, subjects: [collective.id ?? 0])
            let map = try await Self.get(app, "/sitemap.xml")
            #expect(map.status == .ok)
            #expect(map.text.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
            #expect(map.text.contains("<loc>http://localhost\(PublicFixture.storyHref(s))</loc>"))
            #expect(map.text.contains("<loc>http://localhost/dien-hinh/\(collective.id ?? 0)</loc>"))
            #expect(XMLParser(data: Data(map.text.utf8)).parse())
            let robots = try await Self.get(app, "/robots.txt")
            #expect(robots.text.contains("Disallow: /app") && robots.text.contains("Disallow: /api"))
            #expect(robots.text.contains("Sitemap: http://localhost/sitemap.xml"))
        }
    }

    @Test(
        "THE PRIVACY SWEEP: no public response holds a subject's ID number or phone, nor an individual's address or birth date"
    )
    func privacySweep() async throws {
        try await withTestApp { app in
            // Make the sweep bite: a consenting individual and a collective with stories, an individual without.
            let collective = try await PublicFixture.recognisedSubject(app, kind: .collective)
            let person = try await PublicFixture.recognisedSubject(app, kind: .individual)
            try await PublicFixture.consent(app, subjectID: person.id ?? 0)
            try await PublicFixture.story(
                app, title: "Bài về một tập thể", status: .published, subjects: [collective.id ?? 0])
            try await PublicFixture.story(
                app, title: "Bài về một người", status: .published, subjects: [person.id ?? 0])
            if let household = try? await PublicFixture.recognisedSubject(app, kind: .household) {
                try await PublicFixture.story(
                    app, title: "Bài về một hộ chưa đồng ý", status: .published, subjects: [household.id ?? 0])
            }
            var secrets: [String: String] = [:]
            for s in try await SubjectModel.query(on: app.db).all() {
                for v in [s.idNumber, s.phone] where v.count >= 6 { secrets[v] = "\(s.name): id/phone" }
                if s.subjectKind != .collective {
                    if s.address.count >= 12 { secrets[s.address] = "\(s.name): address" }
                    if s.birthDate.count == 10 {
                        secrets[s.birthDate] = "\(s.name): birth date"
                        secrets[s.birthDate.isoToVietnamese] = "\(s.name): birth date"
                    }
                }
            }
            // A registration's contact line often holds a phone.
            for r in try await RegistrationModel.query(on: app.db).all() where r.contact.count >= 6 {
                secrets[r.contact] = "registration contact"
            }
            // The citizens' proposals (helper 4), if the table is there: the proposer's contact is never public.
            if let rows = try? await (app.db as! any SQLDatabase).raw("SELECT * FROM proposals").all() {
                for row in rows {
                    for column in row.allColumns
                    where ["contact", "phone", "email", "address"].contains(where: column.contains) {
                        if let v = try? row.decode(column: column, as: String?.self), v.count >= 6 {
                            secrets[v] = "proposal \(column)"
                        }
                    }
                }
            }
            #expect(secrets.count > 10, "the demo has personal data to look for")
            var queue: [String] = [
                "/", "/feed.atom", "/sitemap.xml", "/robots.txt", "/api/v1/public/stories?limit=100",
            ]
            queue += PublicColumns(app.storyColumns).all.map { PublicPath.columnFeed(.text($0.code)).href }
            queue += ["/tim-kiem?q=a", "/tim-kiem?q=nguyen", "/tim-kiem?q=ho", "/tim-kiem?q=thon"]
            var seen = Set(queue)
            var fetched = 0
            var publicPages = 0
            while !queue.isEmpty, fetched < 300 {
                let path = queue.removeFirst()
                let res = try await Self.get(app, path)
                fetched += 1
                #expect(res.status == .ok || res.status == .notFound, "\(path) → \(res.status)")
                for (secret, what) in secrets where res.text.contains(secret) {
                    Issue.record("\(path) shows \(what)")
                }
                // Helper 4's proposal form has the signed-in layout: the lead gives it canonical/OG.
                if res.headers.first(name: .contentType)?.hasPrefix("text/html") == true, res.status == .ok,
                    !path.hasPrefix("/gioi-thieu-dien-hinh")
                {
                    publicPages += 1
                    #expect(res.text.contains("<link rel=\"canonical\""), "\(path) lacks its canonical link")
                    #expect(res.text.contains("property=\"og:title\""), "\(path) lacks Open Graph")
                }
                for link in Self.links(res.text) where !seen.contains(link) {
                    seen.insert(link)
                    queue.append(link)
                }
                if path.hasPrefix("/api/v1/public/stories"),
                    let items = try res.jsonObject()["items"] as? [[String: Any]]
                {
                    for item in items {
                        if let id = item["id"] as? Int, !seen.contains("/api/v1/public/stories/\(id)") {
                            seen.insert("/api/v1/public/stories/\(id)")
                            queue.append("/api/v1/public/stories/\(id)")
                        }
                    }
                }
                if path.hasPrefix("/dien-hinh/"), let id = Int(path.dropFirst("/dien-hinh/".count)) {
                    let api = "/api/v1/public/exemplars/\(id)"
                    if !seen.contains(api) {
                        seen.insert(api)
                        queue.append(api)
                    }
                }
            }
            #expect(fetched >= 20, "the crawl found only \(fetched) public responses")
            #expect(publicPages >= 10)
        }
    }

    /// The site's own links in a page or an XML document: href="/…", and absolute http://localhost/… ones; not the
    /// signed-in area, the API outside /api/v1/public, the sign-in page or stylesheets.
    static func links(_ text: String) -> [String] {
        var out: [String] = []
        let patterns = [#"href="([^"]+)""#, #"<loc>([^<]+)</loc>"#, #"src="([^"]+)""#]
        for pattern in patterns {
            guard let re = try? NSRegularExpression(pattern: pattern) else { continue }
            let ns = text as NSString
            for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                var link = ns.substring(with: m.range(at: 1)).replacingOccurrences(of: "&amp;", with: "&")
                if link.hasPrefix("http://localhost") { link = String(link.dropFirst("http://localhost".count)) }
                guard link.hasPrefix("/"), !link.hasPrefix("//") else { continue }
                if let hash = link.firstIndex(of: "#") { link = String(link[..<hash]) }
                if link.isEmpty || link.hasPrefix("/app") || link.hasPrefix("/dang-nhap") || link.hasPrefix("/css")
                    || (link.hasPrefix("/api") && !link.hasPrefix("/api/v1/public"))
                {
                    continue
                }
                out.append(link)
            }
        }
        return out
    }
}

/// Reads an Atom document: the root, the feed's own children, each entry's children, a rel="self" link.
final class AtomCheck: NSObject, XMLParserDelegate {
    var root: String?
    var namespace: String?
    var feedChildren: Set<String> = []
    var entries: [Set<String>] = []
    var selfLink = false
    private var depth = 0

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        if depth == 1 {
            root = name
            namespace = attributes["xmlns"]
        } else if depth == 2 {
            if name == "entry" { entries.append([]) } else { feedChildren.insert(name) }
            if name == "link" && attributes["rel"] == "self" { selfLink = true }
        } else if depth == 3, !entries.isEmpty {
            entries[entries.count - 1].insert(name)
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
    }
}
