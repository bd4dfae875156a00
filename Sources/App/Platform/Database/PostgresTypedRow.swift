import Domain
import FluentPostgresDriver
import Foundation
import NIOCore
import SQLKit

/// The app's SQL statements on PostgreSQL (`Database.sql()`), their rows read as `PostgresTypedRow`s: what SQLite's
/// rows are through `SQLiteTypedRow`.
///
/// PostgresKit hands each row as a `SQLRow` that decodes every column through its general translation: a cast of
/// the Swift type to the PostgreSQL protocols, a coding key spelled out for the column, a check for Fluent's enums.
/// On the national search page (50 rows of 29 columns) that was a third of the server's CPU (`perf`, session 32),
/// more than PostgreSQL's own time for the page. Here the statement is serialized, bound and run as PostgresKit
/// does (the same text, the same binds, the same log line for `DIENHINH_SQL_LOG`), on the same connection, and the
/// common types are decoded straight from the cell. A statement with a nil bind or one PostgresNIO cannot encode
/// itself, and every other type of column, go PostgresKit's way.
struct PostgresTypedSQL: SQLDatabase {
    let base: any SQLDatabase
    let postgres: any PostgresDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        let (text, binds) = base.serialize(query)
        var bindings = PostgresBindings(capacity: binds.count)
        do {
            for bind in binds {
                guard try Self.append(bind, to: &bindings) else { return base.execute(sql: query, onRow) }
            }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        if let level = queryLogLevel {
            logger.log(
                level: level, "Executing query",
                metadata: ["sql": .string(text), "binds": .array(binds.map { .string("\($0)") })])
        }
        let statement = PostgresQuery(unsafeSQL: text, binds: bindings)
        return postgres.withConnection { connection in
            connection.query(statement, logger: connection.logger) { onRow(PostgresTypedRow(row: $0)) }
        }.map { _ in }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }

    /// Appends `value` when PostgresNIO encodes its type itself, as PostgresKit's translation then does; false for
    /// any other value, a nil included (PostgresKit binds a nil optional as a NULL of the wrapped type's, which
    /// PostgreSQL needs where it cannot infer a parameter's type, as in `$1 IS NULL`): the statement then goes
    /// PostgresKit's way.
    private static func append(_ value: any Encodable & Sendable, to bindings: inout PostgresBindings) throws -> Bool {
        // A nil optional is not an encodable of PostgresNIO's (the cast does not unwrap `.none`).
        guard let encodable = value as? any PostgresThrowingDynamicTypeEncodable else { return false }
        try bindings.append(encodable, context: .default)
        return true
    }
}

/// A row of `PostgresTypedSQL`: strings, integers, doubles and booleans (and their optionals) decoded straight from
/// the cell, workflow statuses from their code, other types PostgresNIO decodes (dates, UUIDs) by PostgresNIO; any
/// other type as PostgresKit's own row decodes it.
struct PostgresTypedRow: SQLRow {
    let row: PostgresRow
    let cells: PostgresRandomAccessRow

    init(row: PostgresRow) {
        self.row = row
        cells = row.makeRandomAccess()
    }

    var allColumns: [String] { cells.map(\.columnName) }

    func contains(column: String) -> Bool { cells.contains(column) }

    func decodeNil(column: String) throws -> Bool { !cells.contains(column) || cells[column].bytes == nil }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard cells.contains(column) else { throw PostgresTypedRowError.missingColumn(column) }
        let cell = cells[column]
        // Fluent's enums (user-defined types read as strings) and `numeric` read as a Double: PostgresKit's way,
        // which has its workarounds for them.
        guard !cell.dataType.isUserDefined, cell.dataType != .numeric else {
            return try row.sql().decode(column: column, as: D.self)
        }
        if let value = try Self.direct(cell, as: D.self) { return value }
        // A workflow status is stored as its code: made from the text, as its `Decodable` does.
        if let status = D.self as? any WorkflowStatus.Type { return try Self.status(status, cell, column) as! D }
        // Any other type PostgresNIO decodes itself (a date, a UUID): PostgresKit's own first path, less its
        // coding key; a `Decimal` from text is one of its workarounds.
        if let decodable = D.self as? any PostgresDecodable.Type, D.self != Decimal.self {
            return try cell.decode(decodable, context: .default) as! D
        }
        return try row.sql().decode(column: column, as: D.self)
    }

    private static func status<S: WorkflowStatus>(_: S.Type, _ cell: PostgresCell, _ column: String) throws -> S {
        let code = try cell.decode(String.self, context: .default)
        guard let status = S(rawValue: code) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "\(column): no \(S.self) has the code \(code)"))
        }
        return status
    }

    /// The value of `cell` as `D` when `D` is one of the common types; else nil. The types are compared by identity
    /// with ones looked up once (`SQLiteTypedRow.direct`).
    @inline(__always)
    static func direct<D>(_ cell: PostgresCell, as: D.Type) throws -> D? {
        let type = ObjectIdentifier(D.self)
        let context = PostgresDecodingContext.default
        switch type {
        case ColumnTypes.string: return unsafeBitCast(try cell.decode(String.self, context: context), to: D.self)
        case ColumnTypes.int: return unsafeBitCast(try cell.decode(Int.self, context: context), to: D.self)
        case ColumnTypes.double: return unsafeBitCast(try cell.decode(Double.self, context: context), to: D.self)
        case ColumnTypes.bool: return unsafeBitCast(try cell.decode(Bool.self, context: context), to: D.self)
        case ColumnTypes.optionalString:
            return unsafeBitCast(try cell.decode(String?.self, context: context), to: D.self)
        case ColumnTypes.optionalInt: return unsafeBitCast(try cell.decode(Int?.self, context: context), to: D.self)
        case ColumnTypes.optionalDouble:
            return unsafeBitCast(try cell.decode(Double?.self, context: context), to: D.self)
        case ColumnTypes.optionalBool: return unsafeBitCast(try cell.decode(Bool?.self, context: context), to: D.self)
        default: return nil
        }
    }

}

enum PostgresTypedRowError: Error, CustomStringConvertible {
    case missingColumn(String)

    var description: String {
        switch self {
        case .missingColumn(let name): "no column \(name) in the row"
        }
    }
}
