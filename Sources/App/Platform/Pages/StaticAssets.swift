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

    /// A routed answer is no file of Public/ (those are answered before the router, `PublicFilesMiddleware`): it is
    /// let through without reading its path (made with Foundation on every call until Vapor's patch of session 49:
    /// 0.6 % of the web list's samples here, session 47).
    func cacheable(_ res: Response, for req: Request) -> Response {
        guard req.route == nil else { return res }
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

/// The files under Public/: read into memory at start and answered from there (`KeptFiles`), for the paths under
/// Public's own top-level entries (`css`) and no other; what is not kept (past the bounds, a link, another method)
/// goes to Vapor's `FileMiddleware`, which asks the file system on every request, in a task of its own.
/// Before, every request of the stylesheet went there: 3,740 req/s on national SQLite against 10,158 for `/healthz`
/// (session 42); the issue asks the static path to be at least as fast as `/healthz` (session 43). The files are
/// read once, as their fingerprints are (`StaticAssets`): a file changed under a running server is served as it was
/// at start, under the fingerprint of then, until the next start.
///
/// `FileMiddleware` itself only for Public's entries: it asks the file system about every request's path, on NIO's
/// thread pool: for a page or an API call, a hop to a pool thread and back, to learn that no file has that name
/// (session 38: 0.7 % of the national API search's samples in the middleware, more in the threads' wake-ups).
struct PublicFilesMiddleware: Middleware {
    let files: FileMiddleware
    /// The names directly under Public/ at start.
    let entries: Set<String>
    let kept: KeptFiles

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
        entries = Set((try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? [])
        kept = KeptFiles(publicDirectory: publicDirectory)
    }

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let relative = Self.relativePath(req.url.path), entries.contains(String(relative.prefix { $0 != "/" }))
        else {
            return next.respond(to: req)
        }
        if req.method == .GET || req.method == .HEAD,
            let answer = kept.response(relative, ifNoneMatch: req.headers.first(name: .ifNoneMatch))
        {
            return req.eventLoop.makeSucceededFuture(answer)
        }
        return files.respond(to: req, chainingTo: next)
    }

    /// The path as `FileMiddleware` reads it (percent-decoded, leading slashes dropped); nil when it does not decode.
    static func relativePath(_ path: String) -> String? {
        guard let decoded = path.holds("%") ? path.removingPercentEncoding : path else { return nil }
        return String(decoded.drop { $0 == "/" })
    }
}

/// The regular files under Public/ as read at start, each with the headers `FileMiddleware` would send (ETag of its
/// modification time's seconds and its size, Last-Modified, Content-Type), by their path relative to Public/. At most
/// `maxFile` bytes a file and `maxTotal` in all: the others are read from disk on each request, as before. A kept
/// file is always answered whole: a `Range` is ignored, as HTTP allows (RFC 9110, 14.2), and no `Accept-Ranges` is
/// offered, so that no client joins a part read from disk to one kept from before.
struct KeptFiles: Sendable {
    struct File: Sendable {
        let body: ByteBuffer
        let headers: HTTPHeaders
        let eTag: String
    }

    static let maxFile = 4 << 20
    static let maxTotal = 32 << 20

    let files: [String: File]

    init(publicDirectory: String) {
        let root = publicDirectory.hasSuffix("/") ? publicDirectory : publicDirectory + "/"
        var files: [String: File] = [:]
        var total = 0
        let walk = FileManager.default.enumerator(atPath: root)
        while let relative = walk?.nextObject() as? String {
            let path = root + relative
            // The file's own entry (a link is left to FileMiddleware, as before), its size and modification time as
            // FileMiddleware reads them for its ETag.
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size <= Self.maxFile,
                total + Int(st.st_size) <= Self.maxTotal, let data = FileManager.default.contents(atPath: path),
                data.count == Int(st.st_size)
            else { continue }
            total += data.count
            let eTag = "\"\(st.st_mtim.tv_sec)-\(data.count)\""
            var headers = HTTPHeaders()
            headers.lastModified = HTTPHeaders.LastModified(
                Date(timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec)))
            headers.replaceOrAdd(name: .eTag, value: eTag)
            if let ext = relative.split(separator: ".").last, let type = HTTPMediaType.fileExtension(String(ext)) {
                headers.contentType = type
            }
            files[relative] = File(body: ByteBuffer(data: data), headers: headers, eTag: eTag)
        }
        self.files = files
    }

    /// The answer for `relative` from memory, nil when it is not kept: a 304 when the client holds this ETag, with
    /// the headers FileMiddleware's has (no Content-Type; the length a 200 would have).
    func response(_ relative: String, ifNoneMatch: String?) -> Response? {
        guard let file = files[relative] else { return nil }
        if ifNoneMatch == file.eTag {
            var headers = file.headers
            headers.remove(name: .contentType)
            headers.replaceOrAdd(name: .contentLength, value: String(file.body.readableBytes))
            return Response(status: .notModified, version: .http1_1, headersNoUpdate: headers, body: .empty)
        }
        return Response(status: .ok, headers: file.headers, body: .init(buffer: file.body))
    }
}
