import Domain
import Foundation

/// Today in Vietnam: the one place the app asks the clock for a date or a year.
enum Today {
    /// Today in Vietnam as yyyy-mm-dd.
    static var iso: String { VietnameseDate.displayToISO(VietnameseDate.format(Date())) ?? "" }
    /// This year in Vietnam.
    static var year: Int { Int(iso.prefix(4)) ?? Calendar(identifier: .gregorian).component(.year, from: Date()) }
}
