import Domain
import Foundation
import NIOConcurrencyHelpers

/// Today in Vietnam: the one place the app asks the clock for a date or a year.
enum Today {
    /// A fixed day for the work done inside `Today.$fixed.withValue(…)`: the demo builds past years through the
    /// services as they happened. Nothing else sets it.
    @TaskLocal static var fixed: String?
    /// Today in Vietnam as yyyy-mm-dd.
    static var iso: String { fixed ?? kept.iso(at: Date()) }
    /// This year in Vietnam.
    static var year: Int { Int(iso.prefix(4)) ?? Calendar(identifier: .gregorian).component(.year, from: Date()) }

    /// The day's date kept until the day changes: a list asks for this year on every view, and formatting and
    /// parsing a date each time was 1.2 % of a search page's CPU (session 34). Vietnam keeps UTC+7 all year, so a
    /// day there is the span of the clock's seconds from one midnight at UTC+7 to the next, and its date follows
    /// from its number by arithmetic alone (no time-zone data needed).
    static let kept = Day()

    final class Day: Sendable {
        private let state = NIOLockedValueBox<(day: Int, iso: String)>((Int.min, ""))

        func iso(at now: Date) -> String {
            let day = Int(((now.timeIntervalSince1970 + 7 * 3_600) / 86_400).rounded(.down))
            if let iso = state.withLockedValue({ $0.day == day ? $0.iso : nil }) { return iso }
            let iso = Self.iso(day: day)
            state.withLockedValue { $0 = (day, iso) }
            return iso
        }

        /// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
        static func iso(day: Int) -> String {
            let z = day + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(y)-\(two(m))-\(two(d))"
        }
    }
}
