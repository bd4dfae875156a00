import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import App

/// `RefreshingCache`: one count for readers that arrive together, the copy at once afterwards, a count again in the
/// background once the copy is old, and a failed count leaves the copy.
@Suite struct RefreshingCacheTests {
    struct Failure: Error {}

    @Test func oneCountThenTheCopyThenABackgroundCount() async throws {
        let counted = NIOLockedValueBox(0)
        let fail = NIOLockedValueBox(false)
        let count: @Sendable () async throws -> Int = {
            try await Task.sleep(for: .milliseconds(100))
            if fail.withLockedValue({ $0 }) { throw Failure() }
            return counted.withLockedValue { n in
                n += 1
                return n
            }
        }
        let fresh = RefreshingCache<String, Int>(maxAge: 3_600)
        let together = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await fresh.value("a", count: count) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(together == Array(repeating: 1, count: 8) && counted.withLockedValue { $0 } == 1)
        #expect(try await fresh.value("a", count: count) == 1, "a fresh copy is served as it is")
        #expect(try await fresh.value("b", count: count) == 2, "another key counts for itself")

        let old = RefreshingCache<String, Int>(maxAge: 0)
        let first = try await old.value("a", count: count)
        #expect(try await old.value("a", count: count) == first, "an old copy is served while it is counted again")
        var latest = first
        for _ in 0..<100 where latest == first {
            try await Task.sleep(for: .milliseconds(20))
            latest = try await old.value("a", count: count)
        }
        #expect(latest == first + 1)
        fail.withLockedValue { $0 = true }
        _ = try await old.value("a", count: count)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await old.value("a", count: count) == latest, "a failed count leaves the copy")
        let none = RefreshingCache<String, Int>(maxAge: 60)
        await #expect(throws: Failure.self) { try await none.value("a", count: count) }
    }
}
