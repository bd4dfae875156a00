import Testing

@testable import Domain

@Suite struct LargestTests {
    @Test func theLargestInTheirOrderTiesToTheEarlier() {
        let values = [3, 9, 1, 9, 5, 7, 5]
        #expect(values.largest(3) { $0 } == [9, 9, 7])
        // Two fives tie for the fourth place: the earlier one is kept.
        let indexed = Array(values.enumerated())
        #expect(indexed.largest(4) { $0.element }.map(\.offset) == [1, 3, 4, 5])
        #expect(values.largest(10) { $0 } == values)
        #expect([Int]().largest(2) { $0 }.isEmpty)
    }
}
