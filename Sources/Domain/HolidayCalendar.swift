import Foundation

// Working days under Vietnamese law: Monday–Friday, minus public holidays (Bộ luật Lao động 2019 art. 112),
// the compensatory days when a holiday falls on a weekend (art. 111(3)) and the days the Prime Minister swaps,
// plus the weekend days decreed as make-up working days ("làm bù"). The days themselves are data
// (Resources/Calendar/holidays-vn.json, then the `calendar_days` table, which an administrator edits).

/// What a calendar entry does to the working week.
public enum CalendarDayKind: String, Codable, Sendable, CaseIterable {
    /// A public holiday of art. 112 (even on a weekend, where it changes nothing by itself).
    case holiday
    /// A day off on a weekday: compensatory ("nghỉ bù") or swapped ("hoán đổi").
    case dayOff = "day-off"
    /// A Saturday or Sunday worked instead of a swapped day ("làm bù").
    case makeUpWorkday = "make-up-workday"

    public var label: String {
        switch self {
        case .holiday: return "Ngày lễ, Tết"
        case .dayOff: return "Ngày nghỉ (nghỉ bù, hoán đổi)"
        case .makeUpWorkday: return "Ngày làm bù"
        }
    }
}

/// One day of the calendar with its reason.
public struct CalendarDay: Codable, Sendable, Equatable {
    /// "yyyy-MM-dd".
    public var day: String
    public var kind: CalendarDayKind
    public var name: String
    /// The legal basis or the announcement that decreed it.
    public var basis: String
    /// false: computed or not yet confirmed; the screen shows "cần xác minh".
    public var verified: Bool

    public init(day: String, kind: CalendarDayKind, name: String, basis: String, verified: Bool) {
        self.day = day
        self.kind = kind
        self.name = name
        self.basis = basis
        self.verified = verified
    }

    /// What is wrong with this entry, in Vietnamese (empty: nothing).
    public func problems() -> [String] {
        var out: [String] = []
        if WorkingDays.parse(day) == nil { out.append("Ngày “\(day)” không phải ngày hợp lệ (yyyy-mm-dd).") }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { out.append("Ngày \(day): chưa có tên.") }
        if basis.trimmingCharacters(in: .whitespaces).isEmpty { out.append("Ngày \(day): chưa có căn cứ.") }
        if kind == .makeUpWorkday, let weekday = WorkingDays.weekday(day), !WorkingDays.isWeekend(weekday) {
            out.append("Ngày làm bù \(day) phải là thứ Bảy hoặc Chủ nhật.")
        }
        return out
    }
}

/// The shipped calendar file: versioned; a new version adds days, it never overwrites an administrator's edit.
public struct HolidayFile: Codable, Sendable, Equatable {
    public var version: String
    public var title: String
    public var legalBasis: String
    /// How the lunar dates were computed.
    public var method: String
    public var notes: [String]?
    public var days: [CalendarDay]

    public static func decode(_ data: Data) throws -> HolidayFile {
        try JSONDecoder().decode(HolidayFile.self, from: data)
    }

    public func problems() -> [String] {
        var out = days.flatMap { $0.problems() }
        var seen = Set<String>()
        for d in days where !seen.insert(d.day).inserted { out.append("Ngày \(d.day) có hai dòng.") }
        return out
    }
}

/// The days off and make-up days that differ from a plain Monday–Friday week.
public struct HolidayCalendar: Sendable, Equatable {
    public private(set) var days: [String: CalendarDay]

    public init(_ days: [CalendarDay]) {
        var map: [String: CalendarDay] = [:]
        for d in days { map[d.day] = d }
        self.days = map
    }

    /// Monday–Friday only: what the system did before the calendar existed.
    public static let weekendsOnly = HolidayCalendar([])

    public func entry(_ day: String) -> CalendarDay? { days[day] }
}

public enum WorkingDays {
    /// True when `day` ("yyyy-MM-dd") is a working day; nil when it is not a date.
    public static func isWorkingDay(_ day: String, calendar: HolidayCalendar) -> Bool? {
        guard let wd = weekday(day) else { return nil }
        switch calendar.entry(day)?.kind {
        case .makeUpWorkday: return true
        case .holiday, .dayOff: return false
        case nil: return !isWeekend(wd)
        }
    }

    /// `day` plus `count` working days: the deadline "within N working days from `day`" (the day itself not counted).
    public static func add(_ count: Int, to day: String, calendar: HolidayCalendar) -> String? {
        guard var date = parse(day) else { return nil }
        var left = count
        // Bounded: a calendar can not make a year without working days, but bad data must not hang a request.
        var guardDays = 0
        while left > 0, guardDays < 3660 {
            date = gregorian.date(byAdding: .day, value: 1, to: date) ?? date
            guardDays += 1
            if isWorkingDay(format(date), calendar: calendar) == true { left -= 1 }
        }
        return left == 0 ? format(date) : nil
    }

    /// Monday–Friday only (kept for callers without a calendar).
    public static func add(_ count: Int, to day: String) -> String? { add(count, to: day, calendar: .weekendsOnly) }

    /// `day` plus `count` calendar days ("trong thời hạn N ngày"); an end on a day off moves to the next working
    /// day (Bộ luật Dân sự 2015, Điều 148 khoản 5).
    public static func addCalendarDays(_ count: Int, to day: String, calendar: HolidayCalendar) -> String? {
        guard let start = parse(day), var date = gregorian.date(byAdding: .day, value: count, to: start) else {
            return nil
        }
        var guardDays = 0
        while isWorkingDay(format(date), calendar: calendar) == false, guardDays < 366 {
            date = gregorian.date(byAdding: .day, value: 1, to: date) ?? date
            guardDays += 1
        }
        return format(date)
    }

    /// Working days after `from` up to and including `to` (negative when `to` is earlier, 0 when equal).
    public static func workingDaysBetween(_ from: String, _ to: String, calendar: HolidayCalendar) -> Int? {
        guard let a = parse(from), let b = parse(to) else { return nil }
        if a == b { return 0 }
        let (lo, hi, sign) = a < b ? (a, b, 1) : (b, a, -1)
        var count = 0
        var d = lo
        while d < hi {
            d = gregorian.date(byAdding: .day, value: 1, to: d) ?? hi
            if isWorkingDay(format(d), calendar: calendar) == true { count += 1 }
        }
        return sign * count
    }

    /// Days from `from` to `to` (negative when `to` is earlier).
    public static func daysBetween(_ from: String, _ to: String) -> Int? {
        guard let a = parse(from), let b = parse(to) else { return nil }
        return gregorian.dateComponents([.day], from: a, to: b).day
    }

    /// The years a deadline computation from `day` may touch (its year and the next), to load their days.
    public static func years(from day: String) -> [Int] {
        guard let y = Int(day.prefix(4)) else { return [] }
        return [y, y + 1]
    }

    /// A day typed as dd/mm/yyyy or yyyy-mm-dd, as "yyyy-MM-dd"; nil when it is not a real date.
    public static func isoDay(fromInput text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.contains("/") {
            let p = t.split(separator: "/").map(String.init)
            guard p.count == 3, let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]) else { return nil }
            let iso = String(format: "%04d-%02d-%02d", y, m, d)
            return parse(iso) == nil ? nil : iso
        }
        return parse(t) == nil ? nil : t
    }

    static var gregorian: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }

    /// Strict "yyyy-MM-dd": a real date between 1900 and 2200.
    static func parse(_ day: String) -> Date? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1900...2200).contains(y), (1...12).contains(m), (1...31).contains(d),
            let date = gregorian.date(from: DateComponents(year: y, month: m, day: d))
        else { return nil }
        let back = gregorian.dateComponents([.year, .month, .day], from: date)
        return back.year == y && back.month == m && back.day == d ? date : nil
    }

    static func format(_ d: Date) -> String {
        let c = gregorian.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// 1 = Sunday … 7 = Saturday.
    static func weekday(_ day: String) -> Int? { parse(day).map { gregorian.component(.weekday, from: $0) } }
    static func isWeekend(_ weekday: Int) -> Bool { weekday == 1 || weekday == 7 }
}

// MARK: - A form's procedure deadlines (rule files)

/// A deadline of a form's procedure, e.g. "niêm yết công khai 10 ngày" for Gia đình văn hóa (Nghị định 86/2023).
public struct FormDeadline: Codable, Sendable, Equatable {
    /// What the deadline counts from in a dossier.
    public enum Start: String, Codable, Sendable {
        /// The day the dossier was drawn up (the list is posted then).
        case created
        /// The day the dossier reached the conferring authority.
        case submitted
    }
    /// How the days count: "calendar" ("trong thời hạn N ngày") or "working" ("N ngày làm việc").
    public enum Count: String, Codable, Sendable {
        case calendar, working
    }
    public var code: String
    public var name: String
    public var days: Int
    public var count: Count
    public var from: Start
    public var article: String
    public var verified: Bool

    /// The last day of the deadline counted from `day`.
    public func due(from day: String, calendar: HolidayCalendar) -> String? {
        switch count {
        case .working: return WorkingDays.add(days, to: day, calendar: calendar)
        case .calendar: return WorkingDays.addCalendarDays(days, to: day, calendar: calendar)
        }
    }

    /// "10 ngày" / "10 ngày làm việc".
    public var lengthText: String { count == .working ? "\(days) ngày làm việc" : "\(days) ngày" }
}
