@testable import Vapor
import NIOConcurrencyHelpers
import XCTest

/// Điển Hình patch (`PATCHES.md`): `Storage.get` takes the stored value without a dynamic cast. Every key gives back
/// what was set under it — values of every shape, an existential, a class, an optional — a replaced value is the new
/// one, a removed one is gone and its shutdown closure has run, and keys never see each other's values.
final class StoragePatchTests: XCTestCase {
    private struct IntKey: StorageKey { typealias Value = Int }
    private struct TextKey: StorageKey { typealias Value = String }
    private struct ListKey: StorageKey { typealias Value = [String: [Int]] }
    private struct ExistentialKey: StorageKey { typealias Value = any Sendable & CustomStringConvertible }
    private struct OptionalKey: StorageKey { typealias Value = Int? }
    private final class Box: Sendable { let n: Int; init(_ n: Int) { self.n = n } }
    private struct BoxKey: StorageKey { typealias Value = Box }
    private struct LargeKey: StorageKey { typealias Value = (Int, Int, Int, Int, String) }

    func testEveryKeyGivesBackItsOwnValue() {
        var storage = Storage()
        XCTAssertNil(storage[IntKey.self])
        XCTAssertNil(storage[BoxKey.self])
        storage[IntKey.self] = 7
        storage[TextKey.self] = "Đắk Rông"
        storage[ListKey.self] = ["a": [1, 2], "b": []]
        storage[ExistentialKey.self] = 2.5
        storage[OptionalKey.self] = .some(nil)
        let box = Box(3)
        storage[BoxKey.self] = box
        storage[LargeKey.self] = (1, 2, 3, 4, "năm")
        XCTAssertEqual(storage[IntKey.self], 7)
        XCTAssertEqual(storage[TextKey.self], "Đắk Rông")
        XCTAssertEqual(storage[ListKey.self], ["a": [1, 2], "b": []])
        XCTAssertEqual(storage[ExistentialKey.self]?.description, "2.5")
        XCTAssertEqual(storage[OptionalKey.self], .some(nil))
        XCTAssertTrue(storage[BoxKey.self] === box)
        XCTAssertEqual(storage[LargeKey.self]?.4, "năm")
        XCTAssertEqual(storage[LargeKey.self]?.3, 4)
        XCTAssertTrue(storage.contains(IntKey.self))

        storage[IntKey.self] = 8
        XCTAssertEqual(storage[IntKey.self], 8)
        storage[TextKey.self] = nil
        XCTAssertNil(storage[TextKey.self])
        XCTAssertFalse(storage.contains(TextKey.self))
        XCTAssertEqual(storage[ListKey.self]?["a"], [1, 2])

        // A copy of the container keeps its values when the original changes.
        let copy = storage
        storage[IntKey.self] = 9
        XCTAssertEqual(copy[IntKey.self], 8)
        XCTAssertEqual(storage[IntKey.self], 9)
    }

    func testRemovingAValueRunsItsShutdown() {
        let closed = NIOLockedValueBox<[Int]>([])
        var storage = Storage()
        storage.set(IntKey.self, to: 1, onShutdown: { v in closed.withLockedValue { $0.append(v) } })
        storage.set(IntKey.self, to: nil)
        XCTAssertEqual(closed.withLockedValue { $0 }, [1])
        XCTAssertNil(storage[IntKey.self])
        storage.set(IntKey.self, to: 2, onShutdown: { v in closed.withLockedValue { $0.append(v) } })
        storage.shutdown()
        XCTAssertEqual(closed.withLockedValue { $0 }, [1, 2])
        XCTAssertEqual(storage[IntKey.self], 2)
    }

    func testAsyncShutdownRuns() async {
        let closed = NIOLockedValueBox<[String]>([])
        var storage = Storage()
        await storage.setWithAsyncShutdown(
            TextKey.self, to: "một", onShutdown: { v in closed.withLockedValue { $0.append(v) } })
        XCTAssertEqual(storage[TextKey.self], "một")
        await storage.asyncShutdown()
        XCTAssertEqual(closed.withLockedValue { $0 }, ["một"])
    }
}
