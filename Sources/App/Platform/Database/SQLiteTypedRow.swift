import Foundation
import SQLKit
import SQLiteKit
import SQLiteNIO

/// A SQLite row read by SQLKit's `decode(column:as:)` with the common column types converted directly.
///
/// SQLiteKit's row hands every value to `SQLiteDataDecoder`, which asks the runtime whether the type conforms to
/// `SQLiteDataConvertible` (a protocol conformance lookup per value) and decodes an optional through a nested
/// `Decoder`. A list's page of fifty registrations reads some 1,500 values that way: `RegistrationSummary.init(row:)`
/// took 7.5 % of the search page's samples under load (`perf_page.py`, session 30). Here a `String`, `Int`, `Double`
/// and their optionals, when the stored value is of the matching kind, are returned as they are — what the decoder
/// returns for them; anything else (another type, a value of another kind, a missing column) goes to the decoder as
/// before, so errors and conversions are SQLiteKit's.
struct SQLiteTypedRow: SQLRow {
    let row: SQLiteRow
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { row.columns.map(\.name) }

    func contains(column: String) -> Bool { row.column(column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let data = row.column(column) else { return true }
        return data == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = row.column(column) else {
            // SQLiteKit's own row throws its (internal) error for a missing column; this says the same.
            throw SQLiteTypedRowError.missingColumn(column)
        }
        if let value = Self.direct(data, as: D.self) { return value }
        return try decoder.decode(D.self, from: data)
    }

    /// The value of `data` as `D` when `D` is one of the common types and `data` is of its kind; else nil.
    /// The types are compared by identity with ones looked up once: `String?.self` written here would ask the
    /// runtime for the optional's metadata at every call (2.2 % of the search page, session 30).
    @inline(__always)
    static func direct<D>(_ data: SQLiteData, as: D.Type) -> D? {
        let type = ObjectIdentifier(D.self)
        switch data {
        case .text(let string):
            if type == ColumnTypes.string { return unsafeBitCast(string, to: D.self) }
            if type == ColumnTypes.optionalString { return unsafeBitCast(String?.some(string), to: D.self) }
        case .integer(let int):
            if type == ColumnTypes.int { return unsafeBitCast(int, to: D.self) }
            if type == ColumnTypes.optionalInt { return unsafeBitCast(Int?.some(int), to: D.self) }
            // A flag is stored as 0 or 1 (`SQLiteData.bool`); any other number goes to the decoder, which refuses it.
            if int == 0 || int == 1 {
                if type == ColumnTypes.bool { return unsafeBitCast(int == 1, to: D.self) }
                if type == ColumnTypes.optionalBool { return unsafeBitCast(Bool?.some(int == 1), to: D.self) }
            }
            if type == ColumnTypes.date { return unsafeBitCast(Self.date(Double(int)), to: D.self) }
            if type == ColumnTypes.optionalDate { return unsafeBitCast(Date?.some(Self.date(Double(int))), to: D.self) }
        case .float(let double):
            if type == ColumnTypes.double { return unsafeBitCast(double, to: D.self) }
            if type == ColumnTypes.optionalDouble { return unsafeBitCast(Double?.some(double), to: D.self) }
            if type == ColumnTypes.date { return unsafeBitCast(Self.date(double), to: D.self) }
            if type == ColumnTypes.optionalDate { return unsafeBitCast(Date?.some(Self.date(double)), to: D.self) }
        case .null:
            if type == ColumnTypes.optionalString { return unsafeBitCast(String?.none, to: D.self) }
            if type == ColumnTypes.optionalInt { return unsafeBitCast(Int?.none, to: D.self) }
            if type == ColumnTypes.optionalDouble { return unsafeBitCast(Double?.none, to: D.self) }
            if type == ColumnTypes.optionalBool { return unsafeBitCast(Bool?.none, to: D.self) }
            if type == ColumnTypes.optionalDate { return unsafeBitCast(Date?.none, to: D.self) }
        case .blob: break
        }
        return nil
    }

    /// A moment stored as seconds since 1970, as SQLiteNIO's `Date(sqliteData:)` makes it: rounded to the
    /// microsecond from the reference date, so that a date read back equals the one written.
    static func date(_ seconds: Double) -> Date {
        let sinceReference = seconds - Date.timeIntervalBetween1970AndReferenceDate
        return Date(timeIntervalSinceReferenceDate: (sinceReference * 1e6).rounded() / 1e6)
    }

}

/// The common types of a column's value, looked up once and compared by identity (`SQLiteTypedRow.direct`,
/// `PostgresTypedRow.direct`).
enum ColumnTypes {
    static let string = ObjectIdentifier(String.self)
    static let optionalString = ObjectIdentifier(String?.self)
    static let int = ObjectIdentifier(Int.self)
    static let optionalInt = ObjectIdentifier(Int?.self)
    static let double = ObjectIdentifier(Double.self)
    static let optionalDouble = ObjectIdentifier(Double?.self)
    static let bool = ObjectIdentifier(Bool.self)
    static let optionalBool = ObjectIdentifier(Bool?.self)
    static let date = ObjectIdentifier(Date.self)
    static let optionalDate = ObjectIdentifier(Date?.self)
}

enum SQLiteTypedRowError: Error, CustomStringConvertible {
    case missingColumn(String)

    var description: String {
        switch self {
        case .missingColumn(let column): "no column \(column) in the row"
        }
    }
}
