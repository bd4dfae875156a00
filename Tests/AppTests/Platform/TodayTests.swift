import Foundation
import Testing

@testable import App

@Suite("Today in Vietnam")
struct TodayTests {
    @Test("The kept day turns at midnight in Vietnam (17:00 UTC), and is the clock's own date between")
    func keptDay() {
        let day = Today.Day()
        let evening = Date(timeIntervalSince1970: 1_796_489_999) // 2026-12-05 16:59:59 UTC, 23:59:59 in Vietnam
        #expect(day.iso(at: evening) == "2026-12-05")
        #expect(day.iso(at: evening.addingTimeInterval(1)) == "2026-12-06")
        #expect(day.iso(at: evening) == "2026-12-05")
        // New Year's Eve in Vietnam: 31/12 at 23:59:59 there, then the next year.
        let eve = Date(timeIntervalSince1970: 1_798_736_399) // 2026-12-31 16:59:59 UTC
        #expect(day.iso(at: eve) == "2026-12-31")
        #expect(day.iso(at: eve.addingTimeInterval(1)) == "2027-01-01")
        #expect(Today.iso == Today.kept.iso(at: Date()) && Today.year == Int(Today.iso.prefix(4)))
    }
}
