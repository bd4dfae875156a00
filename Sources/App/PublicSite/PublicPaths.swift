import Domain
import Vapor

/// The public site's pages (issue 10 §7): no sign-in, Vietnamese URL words.
enum PublicPath: SitePath {
    /// `/chuyen-muc/{slug}`: a column's stories.
    case column(Param)
    /// `/chuyen-muc/{slug}/feed.atom`
    case columnFeed(Param)
    /// `/bai-viet/{id}-{slug}`: one parameter, the id read from its front.
    case story(Param)
    /// `/anh/{photoID}`: a story photo, served only while its story is public.
    case photo(Param)
    /// `/dien-hinh`: exemplars by commune (`?xa=`) and by field (`?linh-vuc=`).
    case exemplars
    /// `/dien-hinh/{subjectID}`
    case exemplar(Param)
    /// `/tim-kiem?q=`
    case search
    case feed
    case sitemap
    /// `/sitemap-{n}.xml`: one part of a large sitemap (sitemap index).
    case sitemapPart(Param)
    case robots

    var segments: [PathSegment] {
        switch self {
        case .column(let p): ["chuyen-muc", .param("slug", p)]
        case .columnFeed(let p): ["chuyen-muc", .param("slug", p), "feed.atom"]
        case .story(let p): ["bai-viet", .param("ref", p)]
        case .photo(let p): ["anh", .param("id", p)]
        case .exemplars: ["dien-hinh"]
        case .exemplar(let p): ["dien-hinh", .param("id", p)]
        case .search: ["tim-kiem"]
        case .feed: ["feed.atom"]
        case .sitemap: ["sitemap.xml"]
        case .sitemapPart(let p): ["sitemap", .param("part", p)]
        case .robots: ["robots.txt"]
        }
    }

    /// A story's link: `/bai-viet/12-nguoi-giu-rung`.
    static func story(id: Int, slug: String) -> PublicPath {
        .story(.text(slug.isEmpty ? String(id) : "\(id)-\(slug)"))
    }
}

/// One of the plan's columns (§II.6, §IV.5–6) as the public site shows it. The code is the URL word.
struct PublicColumn: Sendable, Encodable {
    let code: String
    let name: String
}

/// The columns of `Resources/Catalogue/columns.json` (rules are data), taken from the app's `storyColumns`, the
/// list the editors' forms read, so the public site and the stories agree on codes.
struct PublicColumns: Sendable {
    let all: [PublicColumn]

    init(_ columns: StoryColumns?) {
        all = columns?.columns.map { PublicColumn(code: $0.slug, name: $0.name) } ?? []
    }

    func named(_ code: String) -> PublicColumn? { all.first { $0.code == code } }
    func label(_ code: String) -> String { named(code)?.name ?? code }
}

extension Request {
    var publicColumns: PublicColumns { PublicColumns(application.storyColumns) }
}
