import Fluent
import NIOConcurrencyHelpers
import Vapor

/// What signed-in pages read on every view and writes rarely change — the catalogue in force and its fields and
/// types, the movements, the unit groups, whether a scope has more units than a select carries — kept between
/// requests while the data has not changed (issue 11: a national list page ran 12 statements, 5 of them for its
/// filters' choices, and each statement costs more in Fluent, SQLKit and the thread hops than in SQLite).
///
/// The same rule as the public pages' copies (`PageCache`): every write of the app is audited in its own
/// transaction and moves the audit chain's head; a value is tagged with the head read *before* it was read, and used
/// only while the head is still that one, so the next request after any write, through any instance, reads it again,
/// and for at most `maxAge`.
/// A request reads the head once (`Request.dataVersion`), and only a GET or HEAD uses the copies: a request that
/// writes reads what it writes. Each instance keeps its own, at most `maxEntries` (past that they all go).
final class ReferenceCache: Sendable {
    private let store = NIOLockedValueBox<[String: (version: Int, madeAt: Date, value: any Sendable)]>([:])
    let maxEntries: Int
    /// A copy is also never older than this, as the public pages' (for what changes without an audited write:
    /// `dienhinh gen-data`, a database restored under a running server).
    let maxAge: TimeInterval

    init(maxEntries: Int = 4_096, maxAge: TimeInterval = 60) {
        self.maxEntries = max(0, maxEntries)
        self.maxAge = maxAge
    }

    /// The copy of `key` made at `version`, or `make`'s value kept as that copy (none kept when `maxEntries` is 0).
    func value<V: Sendable>(_ key: String, version: Int, now: Date = Date(), make: () async throws -> V)
        async throws -> V
    {
        guard maxEntries > 0 else { return try await make() }
        if let value: V = kept(key, version: version, now: now) { return value }
        let value = try await make()
        store.withLockedValue { s in
            if s.count >= maxEntries, s[key] == nil { s.removeAll(keepingCapacity: true) }
            s[key] = (version, now, value)
        }
        return value
    }

    /// The copy of `key` made at `version`, if this instance keeps one younger than `maxAge`.
    func kept<V: Sendable>(_ key: String, version: Int, now: Date = Date()) -> V? {
        guard let kept = store.withLockedValue({ $0[key] }), kept.version == version,
            now.timeIntervalSince(kept.madeAt) < maxAge
        else { return nil }
        return kept.value as? V
    }

    var count: Int { store.withLockedValue { $0.count } }
}

extension Application {
    private struct ReferenceCacheKey: StorageKey { typealias Value = ReferenceCache }
    private struct FigureCacheKey: StorageKey { typealias Value = ReferenceCache }
    /// This instance's copies of reference data (`configure` sets it).
    var referenceCache: ReferenceCache {
        get { configured(ReferenceCacheKey.self) }
        set { storage[ReferenceCacheKey.self] = newValue }
    }
    /// The same for larger values, fewer of them: a dashboard's tables and charts (tens of KB each).
    var figureCache: ReferenceCache {
        get { configured(FigureCacheKey.self) }
        set { storage[FigureCacheKey.self] = newValue }
    }
}

extension Request {
    private struct DataVersionKey: StorageKey { typealias Value = Int }

    /// The data's version as this request first saw it: the audit chain's head, read once.
    func dataVersion() async throws -> Int {
        if let v = storage[DataVersionKey.self] { return v }
        let v = try await PageCache.version(on: db).get()
        storage[DataVersionKey.self] = v
        return v
    }

    /// The version read by the request's first statement, when that statement reads it as a column (the session's
    /// lookup does: one statement fewer on every signed-in page). A version already seen stands.
    func sawDataVersion(_ v: Int) {
        if storage[DataVersionKey.self] == nil { storage[DataVersionKey.self] = v }
    }

    /// The copy `reference(key)` would answer with now, without waiting: nil unless the request is a GET or HEAD whose
    /// data version is already known (`sawDataVersion`) and this instance keeps `key` at that version.
    func keptReference<V: Sendable>(_ key: String) -> V? {
        let cache = application.referenceCache
        guard method == .GET || method == .HEAD, cache.maxEntries > 0, let version = storage[DataVersionKey.self]
        else { return nil }
        return cache.kept(key, version: version)
    }

    /// Reference data read through `ReferenceCache` on a GET or HEAD, directly otherwise. `key` names what `make`
    /// reads, with everything it depends on (a scope, a flag).
    func reference<V: Sendable>(_ key: String, in cache: ReferenceCache? = nil, make: () async throws -> V)
        async throws -> V
    {
        let cache = cache ?? application.referenceCache
        guard method == .GET || method == .HEAD, cache.maxEntries > 0 else { return try await make() }
        return try await cache.value(key, version: try await dataVersion(), make: make)
    }
}

extension Request? {
    /// `Request.reference` for code that runs with or without a request (a list's view keeps the answer; a form's
    /// check or a direct call reads it).
    func reference<V: Sendable>(_ key: String, make: () async throws -> V) async throws -> V {
        guard let req = self else { return try await make() }
        return try await req.reference(key, make: make)
    }
}
