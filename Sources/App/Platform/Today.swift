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
    /// day there is the span of the clock's seconds from one midnight at UTC+7 to the next.
    static let kept = Day()

    final class Day: Sendable {
        private let state = NIOLockedValueBox<(day: Int, iso: String)>((Int.min, ""))

        func iso(at now: Date) -> String {
            let day = Int(((now.timeIntervalSince1970 + 7 * 3_600) / 86_400).rounded(.down))
            if let iso = state.withLockedValue({ $0.day == day ? $0.iso : nil }) { return iso }
            let iso = VietnameseDate.displayToISO(VietnameseDate.format(now)) ?? ""
            state.withLockedValue { $0 = (day, iso) }
            return iso
        }
    }
}
