import Foundation

/// Calendar arithmetic for spreadsheet date serials, without Foundation's Calendar (no time zones involved).
enum SpreadsheetDate {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static let epoch1899 = daysFromCivil(year: 1899, month: 12, day: 30)
    private static let epoch1904 = daysFromCivil(year: 1904, month: 1, day: 1)

    /// The serial number of a date in the 1900 date system, or nil before 1900-01-01 (Excel has none).
    /// Keeps Excel's fictitious 29 February 1900: serials below 61 are one less than the day count.
    static func serial(year: Int, month: Int, day: Int) -> Int? {
        let days = daysFromCivil(year: year, month: month, day: day) - epoch1899
        if days < 2 { return nil } // before 1900-01-01
        return days < 61 ? days - 1 : days
    }

    /// The date and time of a serial number; nil for negative serials.
    static func components(serial: Double, date1904: Bool)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)?
    {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil } // up to 9999-12-31
        let totalSeconds = Int((serial * 86400).rounded())
        var dayNumber = totalSeconds / 86400
        let secs = totalSeconds % 86400
        let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60)
        if date1904 {
            let c = civilFromDays(epoch1904 + dayNumber)
            return (c.year, c.month, c.day, h, m, s)
        }
        if dayNumber == 60 { return (1900, 2, 29, h, m, s) } // Excel's 1900 leap-year bug
        if dayNumber == 0 { return (1900, 1, 0, h, m, s) } // as Excel shows a pure time
        if dayNumber < 60 { dayNumber += 1 }
        let c = civilFromDays(epoch1899 + dayNumber)
        return (c.year, c.month, c.day, h, m, s)
    }

    static func text(day: Int, month: Int, year: Int) -> String {
        pad2(day) + "/" + pad2(month) + "/" + pad(year, 4)
    }

    static func pad2(_ n: Int) -> String { pad(n, 2) }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
