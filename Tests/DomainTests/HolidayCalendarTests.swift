import Foundation
import Testing

@testable import Domain

@Suite("HolidayCalendarTests")
struct HolidayCalendarTests {
    static let shipped: HolidayCalendar = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Calendar/holidays-vn.json")
        let file = try! HolidayFile.decode(try! Data(contentsOf: url))
        return HolidayCalendar(file.days)
    }()

    @Test("The shipped file decodes without problems, and its Tết and Giỗ Tổ dates are the lunar ones")
    func shippedFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Calendar/holidays-vn.json")
        let file = try HolidayFile.decode(try Data(contentsOf: url))
        #expect(file.problems().isEmpty)
        // Mùng 1 Tết and 10/3 âm lịch, UTC+7 (2030: 02/02 in Vietnam, 03/02 in China).
        let tet = [
            "2023-01-22", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13",
            "2030-02-02",
        ]
        let gioTo = [
            "2023-04-29", "2024-04-18", "2025-04-07", "2026-04-26", "2027-04-16", "2028-04-04", "2029-04-23",
            "2030-04-12",
        ]
        for d in tet { #expect(Self.shipped.entry(d)?.name.contains("mùng 1") == true, "\(d)") }
        for d in gioTo { #expect(Self.shipped.entry(d)?.name.contains("Giỗ Tổ") == true, "\(d)") }
    }

    @Test("Tết Ất Tỵ 2025 spans two weekends: 20 working days from 20/01/2025 skip 27–31/01")
    func tetSpanningWeekend() {
        // Without holidays: 2025-02-17. With Tết 27/01–31/01 off: five working days later.
        #expect(WorkingDays.add(20, to: "2025-01-20") == "2025-02-17")
        #expect(WorkingDays.add(20, to: "2025-01-20", calendar: Self.shipped) == "2025-02-24")
        #expect(WorkingDays.isWorkingDay("2025-01-29", calendar: Self.shipped) == false)
        #expect(WorkingDays.add(1, to: "2025-01-24", calendar: Self.shipped) == "2025-02-03")
    }

    @Test("A make-up Saturday counts as a working day, its swapped Friday does not")
    func makeUpSaturday() {
        #expect(WorkingDays.isWorkingDay("2025-04-26", calendar: Self.shipped) == true)
        #expect(WorkingDays.isWorkingDay("2025-05-02", calendar: Self.shipped) == false)
        // Friday 25/04 + 1 working day = Saturday 26/04 (làm bù), not Monday 28/04.
        #expect(WorkingDays.add(1, to: "2025-04-25", calendar: Self.shipped) == "2025-04-26")
        #expect(WorkingDays.add(1, to: "2025-04-25") == "2025-04-28")
    }

    @Test("Across the year boundary: 31/12/2025 + 1 working day skips Tết Dương lịch and the swapped 02/01/2026")
    func yearBoundary() {
        #expect(WorkingDays.add(1, to: "2025-12-31", calendar: Self.shipped) == "2026-01-05")
        #expect(WorkingDays.workingDaysBetween("2025-12-31", "2026-01-05", calendar: Self.shipped) == 1)
        #expect(WorkingDays.workingDaysBetween("2026-01-05", "2025-12-31", calendar: Self.shipped) == -1)
    }

    @Test("Calendar-day deadlines ending on a day off move to the next working day")
    func calendarDays() {
        // 20/01/2025 + 10 days = 30/01/2025 (Tết) → Monday 03/02/2025.
        #expect(WorkingDays.addCalendarDays(10, to: "2025-01-20", calendar: Self.shipped) == "2025-02-03")
        #expect(WorkingDays.addCalendarDays(10, to: "2025-03-03", calendar: Self.shipped) == "2025-03-13")
    }

    @Test("Typed days: dd/mm/yyyy or yyyy-mm-dd; impossible dates and make-up weekdays are refused")
    func input() {
        #expect(WorkingDays.isoDay(fromInput: "2/9/2026") == "2026-09-02")
        #expect(WorkingDays.isoDay(fromInput: "2026-09-02") == "2026-09-02")
        #expect(WorkingDays.isoDay(fromInput: "30/02/2026") == nil)
        #expect(WorkingDays.isoDay(fromInput: "ngày mai") == nil)
        let weekdayMakeUp = CalendarDay(day: "2026-09-03", kind: .makeUpWorkday, name: "x", basis: "y", verified: false)
        #expect(!weekdayMakeUp.problems().isEmpty)
    }
}
