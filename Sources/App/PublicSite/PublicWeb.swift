import Domain
import Fluent
import Vapor

/// The head and frame of every public page: canonical URL, Open Graph, the columns menu.
struct PublicLayout: Encodable, Sendable {
    let title: String
    let description: String
    /// Absolute.
    let canonical: String
    /// "website" or "article".
    let ogType: String
    /// Absolute; a story's first photo.
    var ogImage: String?
    var ogImageAlt: String?
    let columns: [NavItem]
    let signedIn: Bool
    /// The Atom feed this page offers (absolute).
    var feedHref: String
    var feedTitle: String
    var homeHref = HomePath.publicHome.href
    var exemplarsHref = PublicPath.exemplars.href
    var searchHref = PublicPath.search.href
    /// The citizens' proposal form (issue 10 §6).
    var proposeHref = ProposalsPath.publicForm.href
    var appHref = HomePath.home.href
    /// A message after a redirect (the proposal form's thanks).
    var flash: String?
}

struct StoryCard: Encodable, Sendable {
    let title: String
    let href: String
    let lead: String
    let published: String
    /// ISO 8601 for `<time datetime>`.
    let publishedISO: String
    let columnName: String
    let columnHref: String
}

struct ExemplarCard: Encodable, Sendable {
    let name: String
    let kindLabel: String
    let unitName: String
    let href: String
}

struct FacetLink: Encodable, Sendable {
    let label: String
    let count: Int
    let href: String
    let active: Bool
}

struct PublicHomePage: Encodable, Sendable {
    let site: PublicLayout
    let stories: [StoryCard]
    let nextHref: String?
    let columns: [FacetLink]
    let communes: [FacetLink]
    let fields: [FacetLink]
    let movements: [Row]
    struct Row: Encodable, Sendable {
        let name: String
        let kindLabel: String
        let period: String
        let leads: String
    }
}

struct PublicColumnPage: Encodable, Sendable {
    let site: PublicLayout
    let name: String
    let stories: [StoryCard]
    let nextHref: String?
    let feedHref: String
}

struct PublicStoryPage: Encodable, Sendable {
    let site: PublicLayout
    let title: String
    let lead: String
    let bodyHTML: String
    let published: String
    let publishedISO: String
    let columnName: String
    let columnHref: String
    let photos: [Photo]
    let minority: Minority?
    let exemplars: [ExemplarCard]
    struct Photo: Encodable, Sendable {
        let src: String
        let alt: String
        let caption: String
        let width: Int
        let height: Int
    }
    struct Minority: Encodable, Sendable {
        let lang: String
        let text: String
        let translator: String
    }
}

struct PublicExemplarsPage: Encodable, Sendable {
    let site: PublicLayout
    let heading: String
    let exemplars: [ExemplarCard]
    let nextHref: String?
    let communes: [FacetLink]
    let fields: [FacetLink]
}

struct PublicExemplarPage: Encodable, Sendable {
    let site: PublicLayout
    let name: String
    let kindLabel: String
    let unitName: String
    let unitHref: String
    let fields: [String]
    let recognitions: [Recognition]
    let stories: [StoryCard]
    let awards: [Award]
    /// Where the exemplar's models spread (`ReplicationQuery.adopters`).
    var replications: [Line] = []
    /// The events this exemplar hosted, once held.
    var events: [Line] = []
    struct Recognition: Encodable, Sendable {
        let year: Int
        let title: String
        let statusLabel: String
    }
    struct Award: Encodable, Sendable {
        let formName: String
        let year: Int
        let authority: String
        let decision: String
    }
    struct Line: Encodable, Sendable {
        let text: String
        let href: String?
    }
}

struct PublicSearchPage: Encodable, Sendable {
    let site: PublicLayout
    let q: String
    let searched: Bool
    let stories: [StoryCard]
    let exemplars: [ExemplarCard]
}

struct PublicWebController {
    static let perPage = 12

    func register(_ r: any RoutesBuilder) {
        r.get(PublicPath.column(.key), use: column)
        r.get(PublicPath.story(.key), use: story)
        r.get(PublicPath.photo(.key), use: photo)
        r.heavy.get(PublicPath.exemplars, use: exemplars)
        r.get(PublicPath.exemplar(.key), use: exemplar)
        r.heavy.get(PublicPath.search, use: search)
    }

    // MARK: Building blocks

    static func layout(
        _ req: Request, title: String, description: String, path: String, ogType: String = "website"
    ) -> PublicLayout {
        PublicLayout(
            title: title, description: String(description.prefix(300)), canonical: req.absolute(path),
            ogType: ogType,
            columns: req.publicColumns.all.map {
                NavItem(
                    label: $0.name, href: PublicPath.column(.text($0.code)).href,
                    active: path == PublicPath.column(.text($0.code)).href)
            }, signedIn: req.auth != nil, feedHref: req.absolute(PublicPath.feed.href),
            feedTitle: "Điển hình tiên tiến — bài viết mới")
    }

    static func card(_ s: StoryModel, _ columns: PublicColumns) -> StoryCard {
        let at = s.publishedAt ?? s.createdAt
        return StoryCard(
            title: s.title, href: PublicPath.story(id: s.id ?? 0, slug: s.slug).href, lead: s.lead,
            published: PublicQueries.date(at), publishedISO: ISO8601DateFormatter().string(from: at),
            columnName: columns.label(s.columnCode), columnHref: PublicPath.column(.text(s.columnCode)).href)
    }

    static func card(_ s: SubjectModel) -> ExemplarCard {
        ExemplarCard(
            name: s.name, kindLabel: kindLabel(s.subjectKind), unitName: s.$unit.value?.name ?? "",
            href: PublicPath.exemplar(.id(s.id ?? 0)).href)
    }

    static func kindLabel(_ k: SubjectKind) -> String {
        switch k {
        case .collective: return "Tập thể"
        case .individual: return "Cá nhân"
        case .household: return "Hộ gia đình"
        }
    }

    /// A positive id from a query parameter, or nil.
    static func id(_ req: Request, _ name: String) -> Int? {
        guard let raw = req.queryText(name), let n = Int(raw), n > 0 else { return nil }
        return n
    }

    static func facets(_ req: Request, unitID: Int? = nil, field: String? = nil) async throws
        -> (communes: [FacetLink], fields: [FacetLink])
    {
        let f = try await req.application.publicFacets.facets(on: req.application.db)
        return (
            f.units.map { u in
                FacetLink(
                    label: u.name, count: u.count, href: PublicPath.exemplars.href([("xa", String(u.id))]),
                    active: u.id == unitID)
            },
            f.fields.map { x in
                FacetLink(
                    label: x.name, count: x.count, href: PublicPath.exemplars.href([("linh-vuc", x.code)]),
                    active: x.code == field)
            }
        )
    }

    // MARK: Pages

    @Sendable func home(req: Request) async throws -> Response {
        let columns = req.publicColumns
        let page = try await PublicQueries.latest(after: Self.id(req, "sau"), limit: Self.perPage, on: req.database)
        let facets = try await Self.facets(req)
        let movements = try await MovementModel.query(on: req.database).with(\.$agencies) { $0.with(\.$unit) }.sort(
            \.$code
        )
        .limit(50).all()
        let rows = movements.map { m in
            PublicHomePage.Row(
                name: m.name, kindLabel: MovementKind(rawValue: m.kind)?.label ?? m.kind,
                period: "\(m.fromYear)–\(m.toYear)",
                leads: m.agencies.filter { $0.role == "lead" }.map { $0.unit.name }.joined(separator: ", "))
        }
        let columnCounts = try await PublicQueries.publishedPerColumn(on: req.database)
        let context = PublicHomePage(
            site: Self.layout(
                req, title: "Điển hình tiên tiến",
                description: "Bài viết về các tập thể, cá nhân, hộ gia đình điển hình tiên tiến và việc nhân rộng "
                    + "điển hình trên địa bàn.",
                path: HomePath.publicHome.href),
            stories: page.stories.map { Self.card($0, columns) },
            nextHref: page.more
                ? page.stories.last.map { HomePath.publicHome.href([("sau", String($0.id ?? 0))]) } : nil,
            columns: columns.all.map {
                FacetLink(
                    label: $0.name, count: columnCounts[$0.code] ?? 0, href: PublicPath.column(.text($0.code)).href,
                    active: false)
            },
            communes: facets.communes, fields: facets.fields, movements: rows)
        return try await Self.render(req, "public/home", context)
    }

    @Sendable func column(req: Request) async throws -> Response {
        let columns = req.publicColumns
        let slug = req.parameters.get("slug") ?? ""
        guard let column = columns.named(slug) else { throw AppError.notFound("Không có chuyên mục này.") }
        let path = PublicPath.column(.text(column.code)).href
        let page = try await PublicQueries.latest(
            column: column.code, after: Self.id(req, "sau"), limit: Self.perPage, on: req.database)
        var site = Self.layout(
            req, title: column.name, description: "Bài viết trong chuyên mục “\(column.name)”.", path: path)
        let feed = PublicPath.columnFeed(.text(column.code)).href
        site.feedHref = req.absolute(feed)
        site.feedTitle = "Chuyên mục \(column.name)"
        let context = PublicColumnPage(
            site: site, name: column.name, stories: page.stories.map { Self.card($0, columns) },
            nextHref: page.more
                ? page.stories.last.map { PublicPath.column(.text(column.code)).href([("sau", String($0.id ?? 0))]) }
                : nil,
            feedHref: feed)
        return try await Self.render(req, "public/column", context)
    }

    @Sendable func story(req: Request) async throws -> Response {
        let columns = req.publicColumns
        let ref = req.parameters.get("ref") ?? ""
        guard let id = Int(ref.prefix { $0.isNumber }), id > 0,
            let s = try await PublicQueries.story(id, on: req.database)
        else { throw AppError.notFound("Không tìm thấy bài viết.") }
        let path = PublicPath.story(id: id, slug: s.slug).href
        let photos = try await PublicQueries.photos(ofStory: id, on: req.database)
        let subjects = try await PublicQueries.subjects(ofStory: id, on: req.database)
        let linkable = try await PublicQueries.publicExemplars(subjects.compactMap(\.id), on: req.database)
        var site = Self.layout(req, title: s.title, description: s.lead, path: path, ogType: "article")
        if let first = photos.first {
            site.ogImage = req.absolute(PublicPath.photo(.id(first.id ?? 0)).href)
            site.ogImageAlt = first.alt
        }
        let card = Self.card(s, columns)
        let context = PublicStoryPage(
            site: site, title: s.title, lead: s.lead, bodyHTML: s.bodyHTML, published: card.published,
            publishedISO: card.publishedISO, columnName: card.columnName, columnHref: card.columnHref,
            photos: photos.map {
                .init(
                    src: PublicPath.photo(.id($0.id ?? 0)).href, alt: $0.alt, caption: $0.caption, width: $0.width,
                    height: $0.height)
            },
            minority: s.minoritySummary.isEmpty
                ? nil : .init(lang: s.minorityLang, text: s.minoritySummary, translator: s.minorityTranslator),
            exemplars: subjects.map { subject in
                var c = Self.card(subject)
                if !linkable.contains(subject.id ?? 0) {
                    c = ExemplarCard(name: c.name, kindLabel: c.kindLabel, unitName: c.unitName, href: "")
                }
                return c
            })
        return try await Self.render(req, "public/story", context)
    }

    @Sendable func photo(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self),
            let p = try await StoryPhotoModel.find(id, on: req.database),
            try await PublicQueries.story(p.storyID, on: req.database) != nil
        else { throw AppError.notFound("Không tìm thấy ảnh.") }
        let data = try await FileStore.get(storage: p.storage, key: p.storageKey, data: p.data, app: req.application)
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.replaceOrAdd(name: .contentType, value: p.contentType)
        // Revalidated each time: a withdrawn story or consent stops showing its photos at once.
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return res
    }

    @Sendable func exemplars(req: Request) async throws -> Response {
        let unitID = Self.id(req, "xa")
        let field = req.queryText("linh-vuc").flatMap { $0.isEmpty ? nil : $0 }
        var unit: UnitModel?
        if let unitID {
            guard let u = try await UnitModel.find(unitID, on: req.database) else {
                throw AppError.notFound("Không có đơn vị này.")
            }
            unit = u
        }
        var fieldName: String?
        if let field { fieldName = try await PublicQueries.fieldNames([field], on: req.database)[field] ?? field }
        let page = try await PublicQueries.exemplars(
            unitPath: unit?.path, field: field, after: Self.id(req, "sau"), limit: 30, on: req.database)
        var heading = "Điển hình tiên tiến"
        if let unit { heading += " — \(unit.name)" }
        if let fieldName { heading += " — lĩnh vực \(fieldName)" }
        let query: [(String, String)] = [("xa", unitID.map(String.init) ?? ""), ("linh-vuc", field ?? "")]
        let facets = try await Self.facets(req, unitID: unitID, field: field)
        let context = PublicExemplarsPage(
            site: Self.layout(
                req, title: heading, description: "Các tập thể, cá nhân, hộ gia đình điển hình tiên tiến.",
                path: PublicPath.exemplars.href(query)),
            heading: heading, exemplars: page.subjects.map(Self.card),
            nextHref: page.more
                ? page.subjects.last.map { PublicPath.exemplars.href(query + [("sau", String($0.id ?? 0))]) } : nil,
            communes: facets.communes, fields: facets.fields)
        return try await Self.render(req, "public/exemplars", context)
    }

    @Sendable func exemplar(req: Request) async throws -> Response {
        let columns = req.publicColumns
        guard let id = req.parameters.get("id", as: Int.self),
            let s = try await PublicQueries.exemplar(id, on: req.database)
        else { throw AppError.notFound("Không tìm thấy điển hình này.") }
        let data = try await Self.exemplarData(s, on: req.database)
        var context = PublicExemplarPage(
            site: Self.layout(
                req, title: s.name,
                description: "\(Self.kindLabel(s.subjectKind)) điển hình tiên tiến, \(s.unit.name).",
                path: PublicPath.exemplar(.id(id)).href, ogType: "profile"),
            name: s.name, kindLabel: Self.kindLabel(s.subjectKind), unitName: s.unit.name,
            unitHref: PublicPath.exemplars.href([("xa", String(s.$unit.id))]), fields: data.fields,
            recognitions: data.recognitions, stories: data.stories.map { Self.card($0, columns) },
            awards: data.awards)
        context.replications = try await Self.replicationLines(data.registrationIDs, on: req.database)
        context.events = try await EventsQuery.hosted(by: id, on: req.database).filter { $0.status == .held }.map {
            let role =
                $0.roles.contains(.host)
                ? "đơn vị, người chủ trì" : "được biểu dương" + ($0.honour.isEmpty ? "" : " (\($0.honour))")
            return PublicExemplarPage.Line(
                text: "\($0.date) — \($0.kind.label): \($0.title), tại \($0.place); \(role)", href: nil)
        }
        return try await Self.render(req, "public/exemplar", context)
    }

    /// An exemplar's public facts: fields, recognised registrations, public stories, valid awards (public fields
    /// only: form, year, authority, decision number and date).
    /// Where each recognised model of the exemplar has spread: unit names and counts only.
    static func replicationLines(_ registrationIDs: [Int], on db: any Database) async throws -> [PublicExemplarPage
        .Line]
    {
        let adopters = try await ReplicationQuery.adopters(of: registrationIDs, on: db)
        return registrationIDs.compactMap { id in
            guard let units = adopters[id], !units.isEmpty else { return nil }
            let count = units.reduce(0) { $0 + $1.count }
            let names = units.map { "\($0.name) (\($0.count))" }.joined(separator: ", ")
            return .init(text: "Được nhân rộng \(count) lần ở \(units.count) đơn vị: \(names)", href: nil)
        }
    }

    static func exemplarData(_ s: SubjectModel, on db: any Database) async throws -> (
        fields: [String], recognitions: [PublicExemplarPage.Recognition], stories: [StoryModel],
        awards: [PublicExemplarPage.Award], registrationIDs: [Int]
    ) {
        let id = s.id ?? 0
        let regs = try await RegistrationModel.query(on: db).filter(\.$subject.$id == id)
            .filter(\.$status ~~ PublicQueries.recognised).sort(\.$year, .descending).all()
        let names = try await PublicQueries.fieldNames(regs.map(\.fieldCode), on: db)
        var fields: [String] = []
        for r in regs where !r.fieldCode.isEmpty {
            let n = names[r.fieldCode] ?? r.fieldCode
            if !fields.contains(n) { fields.append(n) }
        }
        let stories = try await PublicQueries.latest(subjectID: id, limit: 50, on: db).stories
        let awards = try await AwardModel.query(on: db).filter(\.$subject.$id == id)
            .filter(\.$status == AwardStatus.valid).sort(\.$year, .descending).all()
        return (
            fields,
            regs.map { .init(year: $0.year, title: $0.title, statusLabel: $0.status.label) },
            stories,
            awards.map {
                .init(
                    formName: $0.formName, year: $0.year, authority: $0.authority,
                    decision: $0.decisionNumber.isEmpty
                        ? "" : "Quyết định số \($0.decisionNumber) ngày \($0.decisionDate.isoToVietnamese)")
            },
            regs.compactMap(\.id)
        )
    }

    @Sendable func search(req: Request) async throws -> Response {
        let columns = req.publicColumns
        let q = VietnameseText.clean(req.queryText("q") ?? "")
        let folded = PublicQueries.foldQuery(String(q.prefix(100)))
        let stories = try await PublicQueries.searchStories(folded, limit: 30, on: req.database)
        let words = FoldedTextSearch.words(String(q.prefix(100)))
        let exemplars =
            words.isEmpty
            ? []
            : try await PublicQueries.exemplars(
                unitPath: nil, field: nil, words: words, after: nil, limit: 30, on: req.database
            ).subjects
        let context = PublicSearchPage(
            site: Self.layout(
                req, title: q.isEmpty ? "Tìm kiếm" : "Tìm kiếm: \(q)",
                description: "Tìm bài viết và điển hình tiên tiến.", path: PublicPath.search.href([("q", q)])),
            q: q, searched: !folded.isEmpty, stories: stories.map { Self.card($0, columns) },
            exemplars: exemplars.map(Self.card))
        return try await Self.render(req, "public/search", context)
    }

    /// Sent with no-store (`req.render`), so no browser or proxy keeps it; this instance keeps a copy until the next
    /// audited write (`CachedPages`): a withdrawn story or consent disappears at the next request all the same.
    static func render<C: Encodable & Sendable>(_ req: Request, _ template: String, _ context: C) async throws
        -> Response
    {
        try await req.render(template, context)
    }
}
