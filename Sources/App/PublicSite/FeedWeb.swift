import Domain
import Fluent
import Foundation
import Vapor

/// Atom feeds (RFC 4287) of the newest public stories, overall and per column, for the district or province portal
/// to embed (issue 10 §7).
struct FeedWebController {
    static let entries = 30

    func register(_ r: any RoutesBuilder) {
        r.heavy.get(PublicPath.feed, use: overall)
        r.heavy.get(PublicPath.columnFeed(.key), use: column)
    }

    @Sendable func overall(req: Request) async throws -> Response {
        let stories = try await PublicQueries.latest(limit: Self.entries, on: req.database).stories
        return try await Self.feed(
            req, title: "Điển hình tiên tiến — bài viết mới", selfPath: PublicPath.feed.href,
            alternatePath: HomePath.publicHome.href, stories: stories)
    }

    @Sendable func column(req: Request) async throws -> Response {
        guard let column = req.publicColumns.named(req.parameters.get("slug") ?? "") else {
            throw AppError.notFound("Không có chuyên mục này.")
        }
        let stories = try await PublicQueries.latest(column: column.code, limit: Self.entries, on: req.database).stories
        return try await Self.feed(
            req, title: "Điển hình tiên tiến — \(column.name)",
            selfPath: PublicPath.columnFeed(.text(column.code)).href,
            alternatePath: PublicPath.column(.text(column.code)).href, stories: stories)
    }

    static func feed(
        _ req: Request, title: String, selfPath: String, alternatePath: String, stories: [StoryModel]
    ) async throws -> Response {
        let unitIDs = Array(Set(stories.map(\.unitID)))
        let units = unitIDs.isEmpty ? [] : try await UnitModel.query(on: req.database).filter(\.$id ~~ unitIDs).all()
        let unitNames = Dictionary(units.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
        let updated =
            stories.map { max($0.updatedAt, $0.publishedAt ?? $0.updatedAt) }.max()
            ?? Date(
                timeIntervalSince1970: 0)
        var x = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
            <id>\(esc(req.absolute(selfPath)))</id>
            <title>\(esc(title))</title>
            <updated>\(rfc3339(updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(esc(req.absolute(selfPath)))"/>
            <link rel="alternate" type="text/html" href="\(esc(req.absolute(alternatePath)))"/>
            <author><name>Điển Hình</name></author>
            <generator>Điển Hình</generator>

            """
        for s in stories {
            let url = req.absolute(PublicPath.story(id: s.id ?? 0, slug: s.slug).href)
            let published = s.publishedAt ?? s.createdAt
            x += """
                <entry>
                <id>\(esc(url))</id>
                <title>\(esc(s.title))</title>
                <link rel="alternate" type="text/html" href="\(esc(url))"/>
                <published>\(rfc3339(published))</published>
                <updated>\(rfc3339(max(s.updatedAt, published)))</updated>
                <author><name>\(esc(unitNames[s.unitID] ?? "Điển Hình"))</name></author>
                <category term="\(esc(s.columnCode))" label="\(esc(req.publicColumns.label(s.columnCode)))"/>
                <summary type="text">\(esc(s.lead))</summary>
                </entry>

                """
        }
        x += "</feed>\n"
        let res = Response(status: .ok, body: .init(string: x))
        res.headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return res
    }

    static func rfc3339(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = u.value
                if v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
                    || v >= 0x10000
                {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
