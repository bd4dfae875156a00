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
        // The fixed day of the demo's past years wins.
        Today.$fixed.withValue("2020-05-01") { #expect(Today.iso == "2020-05-01" && Today.year == 2020) }
    }

    @Test("A day's number gives the calendar's date: leap days, centuries, before 1970")
    func civilDates() {
        let calendar = Calendar(identifier: .gregorian)
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC")!
        // Every day from 1900 to 2102 against Foundation's calendar.
        for day in stride(from: -25_567, through: 48_579, by: 1) {
            let c = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86_400))
            let expected = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            if Today.Day.iso(day: day) != expected {
                Issue.record("day \(day): \(Today.Day.iso(day: day)) ≠ \(expected)")
                return
            }
        }
        #expect(Today.Day.iso(day: 0) == "1970-01-01" && Today.Day.iso(day: 11_016) == "2000-02-29")
    }
}
