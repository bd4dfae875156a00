import Crypto
import Foundation
import Leaf
import Vapor

/// Fingerprints of the files under Public/, taken at start: pages link `/css/app.css?v=<fingerprint>`, and a
/// response for the current fingerprint may be kept by the browser for a year. A new release changes the
/// fingerprint, so the browser fetches the new stylesheet at once.
struct StaticAssets: Sendable {
    let versions: [String: String]

    init(publicDirectory: String, paths: [String] = ["/css/app.css"]) {
        var versions: [String: String] = [:]
        for path in paths {
            let file = publicDirectory.hasSuffix("/") ? publicDirectory + path.dropFirst() : publicDirectory + path
            if let data = FileManager.default.contents(atPath: file) {
                versions[path] = Hex.lowercase(SHA256.hash(data: data).prefix(6))
            }
        }
        self.versions = versions
    }

    func url(_ path: String) -> String {
        versions[path].map { "\(path)?v=\($0)" } ?? path
    }
}

/// `#asset("/css/app.css")` in a template: the fingerprinted URL.
struct AssetTag: UnsafeUnescapedLeafTag {
    let assets: StaticAssets

    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let path = ctx.parameters.first?.string else {
            throw Abort(.internalServerError, reason: "#asset cần một đường dẫn")
        }
        return .string(assets.url(path))
    }
}

/// Cache-Control for files under Public/: a year, immutable, for the fingerprint in force; an hour otherwise.
struct StaticCacheMiddleware: Middleware {
    let assets: StaticAssets

    /// A future's `map` (no task of its own for every request, as an async middleware would have).
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).map { res in self.cacheable(res, for: req) }
    }

    func cacheable(_ res: Response, for req: Request) -> Response {
        let path = req.url.path
        guard req.method == .GET || req.method == .HEAD, let current = assets.versions[path],
            res.status == .ok || res.status == .notModified
        else { return res }
        let fresh = (try? req.query.get(String.self, at: "v")) == current
        res.headers.replaceOrAdd(
            name: .cacheControl, value: fresh ? "public, max-age=31536000, immutable" : "public, max-age=3600")
        return res
    }
}

/// The files under Public/, served by Vapor's `FileMiddleware` for the paths under Public's own top-level entries
/// (read at start: `css`) and no other. `FileMiddleware` asks the file system about every request's path, on NIO's
/// thread pool: for a page or an API call, a hop to a pool thread and back, to learn that no file has that name
/// (session 38: 0.7 % of the national API search's samples in the middleware, more in the threads' wake-ups).
struct PublicFilesMiddleware: Middleware {
    let files: FileMiddleware
    /// The names directly under Public/ at start.
    let entries: Set<String>

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
        entries = Set((try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? [])
    }

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let first = Self.firstSegment(req.url.path), entries.contains(first) else {
            return next.respond(to: req)
        }
        return files.respond(to: req, chainingTo: next)
    }

    /// The path's first segment as `FileMiddleware` reads it (percent-decoded, leading slashes dropped); nil when
    /// it does not decode.
    static func firstSegment(_ path: String) -> String? {
        guard let decoded = path.contains("%") ? path.removingPercentEncoding : path else { return nil }
        let trimmed = decoded.drop { $0 == "/" }
        return String(trimmed.prefix { $0 != "/" })
    }
}
