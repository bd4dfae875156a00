import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The public site's pages kept as rendered until the data changes (issue 11: the public home and an exemplar's
/// page at national scale are the pages many citizens ask for at once, and each costs 4–6 ms of Leaf and SQL).
///
/// **When a copy is used.** Every audited write moves the audit chain's head (`audit_state.last_id`, in the same
/// transaction as the write), and every write of the app is audited — the pages' data included: subjects, consents,
/// registrations, awards, stories, units, movements, catalogues. A copy is tagged with the head read *before* the page
/// was rendered, and served only while the head is still that one: the next request after any write, through any
/// instance on the same database, renders the page again. A copy is also never older than `maxAge` (60 s), for what
/// changes without an audited write (counts refreshed in the background, `dienhinh gen-data`).
///
/// **What a copy is for.** One URL as one kind of visitor sees it: the key is the site's base (scheme and host, as
/// canonical links use it), the path with its query, and whether the visitor is signed in (the header's button).
/// Only a GET answered 200 from memory, with no cookie set and at most `maxEntryBytes`, is kept; a request carrying a
/// flash message is neither served nor kept.
///
/// **Bounded.** At most `maxBytes` of bodies (DIENHINH_PAGE_CACHE_MB, default 32; 0 turns the cache off); past that the
/// oldest copies go first. Each instance keeps its own: a copy is derived data, never state.
final class PageCache: Sendable {
    struct Entry: Sendable {
        let version: Int
        let madeAt: Date
        let headers: HTTPHeaders
        let body: ByteBuffer
        let serial: Int
    }

    private struct Store {
        var entries: [String: Entry] = [:]
        /// Keys in the order they were kept, with the serial of the copy kept then (a key kept again later has a
        /// newer serial, so its old place in line is skipped).
        var order: [(key: String, serial: Int)] = []
        var orderStart = 0
        var bytes = 0
        var serial = 0
        var hits = 0
        var misses = 0
    }

    let maxBytes: Int
    let maxEntryBytes: Int
    let maxAge: TimeInterval
    private let store = NIOLockedValueBox(Store())

    init(maxBytes: Int, maxEntryBytes: Int = 1 << 20, maxAge: TimeInterval = 60) {
        self.maxBytes = maxBytes
        self.maxEntryBytes = min(maxEntryBytes, maxBytes)
        self.maxAge = maxAge
    }

    var isEnabled: Bool { maxBytes > 0 }

    /// Copies served and pages rendered since start (for the tests and the benchmark's report).
    var counts: (hits: Int, misses: Int) { store.withLockedValue { ($0.hits, $0.misses) } }
    var bytes: Int { store.withLockedValue { $0.bytes } }

    /// The copy of `key` made at `version`, not older than `maxAge`; counts a hit or a miss.
    func copy(_ key: String, version: Int, now: Date = Date()) -> Entry? {
        store.withLockedValue { s in
            if let e = s.entries[key], e.version == version, now.timeIntervalSince(e.madeAt) < maxAge {
                s.hits += 1
                return e
            }
            s.misses += 1
            return nil
        }
    }

    /// Keeps `body` as the copy of `key` at `version`, dropping the oldest copies until the bodies fit.
    func keep(_ key: String, version: Int, headers: HTTPHeaders, body: ByteBuffer, now: Date = Date()) {
        let size = body.readableBytes + key.utf8.count
        guard size <= maxEntryBytes else { return }
        store.withLockedValue { s in
            if let old = s.entries.removeValue(forKey: key) { s.bytes -= old.body.readableBytes + key.utf8.count }
            while s.bytes + size > maxBytes, s.orderStart < s.order.count {
                let (oldKey, serial) = s.order[s.orderStart]
                s.orderStart += 1
                if let e = s.entries[oldKey], e.serial == serial {
                    s.entries[oldKey] = nil
                    s.bytes -= e.body.readableBytes + oldKey.utf8.count
                }
            }
            s.serial += 1
            s.entries[key] = Entry(version: version, madeAt: now, headers: headers, body: body, serial: s.serial)
            s.order.append((key, s.serial))
            s.bytes += size
            // The line's consumed front is dropped once it is most of the array.
            if s.orderStart > 1024, s.orderStart * 2 > s.order.count {
                s.order.removeFirst(s.orderStart)
                s.orderStart = 0
            }
        }
    }

    /// The statement that reads the version (also read as a column of the session's lookup, `AuthService.lookup`).
    static let versionSQL = "SELECT last_id FROM audit_state WHERE id = 1"

    /// The data's version as the copies are tagged with it: the audit chain's head (0 before the first write).
    static func version(on db: any Database) -> EventLoopFuture<Int> {
        guard let sql = db as? any SQLDatabase else { return db.eventLoop.makeSucceededFuture(-1) }
        return sql.raw(SQLQueryString(versionSQL)).first().flatMapThrowing { row in
            guard let row, try !row.decodeNil(column: "last_id") else { return 0 }
            return try row.decode(column: "last_id", as: Int.self)
        }
    }
}

extension Application {
    private struct PageCacheKey: StorageKey { typealias Value = PageCache }
    /// This instance's copies of public pages (`configure` sets it).
    var pageCache: PageCache {
        get { configured(PageCacheKey.self) }
        set { storage[PageCacheKey.self] = newValue }
    }
}

/// Serves the routes registered under it from `PageCache` (the public site's pages). Future-based, like the global
/// middlewares: a hit is answered without a trip through Swift concurrency's pool. The header `X-Page-Cache` says
/// `hit` or `miss`.
struct CachedPages: Middleware {
    static let header = "X-Page-Cache"

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let cache = req.application.pageCache
        guard cache.isEnabled, req.method == .GET, Flash.value(req) == nil else {
            return next.respond(to: req)
        }
        let key = "\(req.auth == nil ? "-" : "+") \(req.publicBase)\(req.url.string)"
        // A version that cannot be read (the database busy or gone) renders the page as if there were no cache.
        return PageCache.version(on: req.database).map(Optional.some).recover { _ in nil }.flatMap { version in
            guard let version else { return next.respond(to: req) }
            if let copy = cache.copy(key, version: version) {
                var headers = copy.headers
                headers.replaceOrAdd(name: Self.header, value: "hit")
                return req.eventLoop.makeSucceededFuture(
                    Response(status: .ok, headers: headers, body: .init(buffer: copy.body)))
            }
            return next.respond(to: req).map { res in
                if res.status == .ok, let body = res.body.buffer, !res.headers.contains(name: .setCookie) {
                    cache.keep(key, version: version, headers: res.headers, body: body)
                }
                res.headers.replaceOrAdd(name: Self.header, value: "miss")
                return res
            }
        }
    }
}
