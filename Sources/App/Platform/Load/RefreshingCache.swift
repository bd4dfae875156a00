import Foundation

/// Derived figures that are costly to count and may be a little old (issue 11): the first reader of a key counts
/// and the others wait for that one count; later readers get the copy at once, and a reader that finds it older than
/// `maxAge` starts one count in the background and still gets the copy. A failed count leaves the copy as it was.
///
/// Each instance keeps its own copies: they are derived data, never state (sessions, uploads and jobs live in the
/// database), and a restart loses nothing but the first count. Used where a page shows totals over a national tree
/// on every view: the public facets (`PublicFacetCache`) and the standing office's quota digest (`QuotaWebController`).
actor RefreshingCache<Key: Hashable & Sendable, Value: Sendable> {
    let maxAge: TimeInterval
    private var copies: [Key: (value: Value, madeAt: Date)] = [:]
    private var counting: [Key: Task<Value, any Error>] = [:]

    init(maxAge: TimeInterval) { self.maxAge = maxAge }

    func value(_ key: Key, count: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let copy = copies[key] {
            if Date().timeIntervalSince(copy.madeAt) >= maxAge, counting[key] == nil { _ = start(key, count) }
            return copy.value
        }
        return try await (counting[key] ?? start(key, count)).value
    }

    private func start(_ key: Key, _ count: @escaping @Sendable () async throws -> Value) -> Task<Value, any Error> {
        let task = Task { try await count() }
        counting[key] = task
        Task { await self.finish(key, task) }
        return task
    }

    private func finish(_ key: Key, _ task: Task<Value, any Error>) async {
        if let made = try? await task.value { copies[key] = (made, Date()) }
        counting[key] = nil
    }
}
