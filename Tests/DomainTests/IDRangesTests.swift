import Testing

@testable import Domain

@Suite("Runs of consecutive ids (an import's audit entry)")
struct IDRangesTests {
    @Test("Consecutive ids make one run; gaps, order and repeats are handled; every id is in exactly one run")
    func runs() {
        #expect(IDRanges.of([Int]()) == [])
        #expect(IDRanges.of([7]) == [[7, 7]])
        #expect(IDRanges.of(Array(1...50_000)) == [[1, 50_000]])
        #expect(IDRanges.of([5, 3, 4, 10, 12, 11, 4, 20]) == [[3, 5], [10, 12], [20, 20]])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let ids = Set(
                (0..<Int.random(in: 0...60, using: &generator)).map { _ in
                    Int.random(in: -30...90, using: &generator)
                })
            let runs = IDRanges.of(ids)
            let expanded = runs.flatMap { Array($0[0]...$0[1]) }
            #expect(expanded == ids.sorted())
            // Runs are apart: the next starts at least two after the last one ended.
            for (a, b) in zip(runs, runs.dropFirst()) { #expect(b[0] > a[1] + 1) }
        }
    }
}
