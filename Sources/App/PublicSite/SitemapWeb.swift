import Fluent
import Foundation
import Vapor

/// `/sitemap.xml` (sitemaps.org 0.9) of the public pages, a sitemap index of parts when they pass 50,000 URLs, and
/// `/robots.txt` pointing at it.
struct SitemapWebController {
    static let perFile = 50_000

    func register(_ r: any RoutesBuilder) {
        r.heavy.get(PublicPath.sitemap, use: sitemap)
        r.heavy.get(PublicPath.sitemapPart(.key), use: part)
        r.get(PublicPath.robots, use: robots)
    }

    /// Every public URL with its last change, in a stable order.
    static func urls(_ req: Request) async throws -> [(String, Date?)] {
        var out: [(String, Date?)] = [(req.absolute(HomePath.publicHome.href), nil)]
        out += req.publicColumns.all.map { (req.absolute(PublicPath.column(.text($0.code)).href), nil) }
        out.append((req.absolute(PublicPath.exemplars.href), nil))
        for s in try await PublicQueries.allStories(on: req.database) {
            out.append((req.absolute(PublicPath.story(id: s.id ?? 0, slug: s.slug).href), s.updatedAt))
        }
        for id in try await PublicQueries.allExemplarIDs(on: req.database) {
            out.append((req.absolute(PublicPath.exemplar(.id(id)).href), nil))
        }
        return out
    }

    @Sendable func sitemap(req: Request) async throws -> Response {
        let all = try await Self.urls(req)
        if all.count <= Self.perFile { return Self.xml(Self.urlset(all)) }
        let parts = (all.count + Self.perFile - 1) / Self.perFile
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for n in 1...parts {
            x +=
                "<sitemap><loc>\(FeedWebController.esc(req.absolute(PublicPath.sitemapPart(.id(n)).href)))</loc></sitemap>\n"
        }
        x += "</sitemapindex>\n"
        return Self.xml(x)
    }

    @Sendable func part(req: Request) async throws -> Response {
        guard let n = req.parameters.get("part", as: Int.self), n >= 1 else { throw AppError.notFound() }
        let all = try await Self.urls(req)
        let start = (n - 1) * Self.perFile
        guard start < all.count else { throw AppError.notFound() }
        return Self.xml(Self.urlset(Array(all[start..<min(all.count, start + Self.perFile)])))
    }

    static func urlset(_ urls: [(String, Date?)]) -> String {
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for (loc, modified) in urls {
            x += "<url><loc>\(FeedWebController.esc(loc))</loc>"
            if let modified { x += "<lastmod>\(FeedWebController.rfc3339(modified))</lastmod>" }
            x += "</url>\n"
        }
        return x + "</urlset>\n"
    }

    static func xml(_ body: String) -> Response {
        let res = Response(status: .ok, body: .init(string: body))
        res.headers.replaceOrAdd(name: .contentType, value: "application/xml; charset=utf-8")
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return res
    }

    @Sendable func robots(req: Request) async throws -> Response {
        let body = """
            User-agent: *
            Allow: /
            Disallow: /app
            Disallow: /api
            Disallow: /dang-nhap

            Sitemap: \(req.absolute(PublicPath.sitemap.href))

            """
        let res = Response(status: .ok, body: .init(string: body))
        res.headers.replaceOrAdd(name: .contentType, value: "text/plain; charset=utf-8")
        return res
    }
}
