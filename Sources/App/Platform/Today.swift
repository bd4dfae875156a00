import Domain
import Foundation

/// Today in Vietnam: the one place the app asks the clock for a date or a year.
enum Today {
    /// A fixed day for the work done inside `Today.$fixed.withValue(…)`: the demo builds past years through the
    /// services as they happened. Nothing else sets it.
    @TaskLocal static var fixed: String?
    /// Today in Vietnam as yyyy-mm-dd.
    static var iso: String { fixed ?? VietnameseDate.displayToISO(VietnameseDate.format(Date())) ?? "" }
    /// This year in Vietnam.
    static var year: Int { Int(iso.prefix(4)) ?? Calendar(identifier: .gregorian).component(.year, from: Date()) }
}
