import Domain
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
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
    /// Inside a transaction (or Fluent's `withConnection`, which it counts as one) every statement goes unnamed: one
    /// first prepared in a transaction that has failed would fail its preparation, and PostgresNIO keeps that failure
    /// for the name on the connection.
    let inTransaction: Bool

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
        var types: [PostgresDataType] = []
        types.reserveCapacity(binds.count)
        do {
            for bind in binds {
                guard let type = try Self.append(bind, to: &bindings) else { return base.execute(sql: query, onRow) }
                types.append(type)
            }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        if let level = queryLogLevel {
            logger.log(
                level: level, "Executing query",
                metadata: ["sql": .string(text), "binds": .array(binds.map { .string("\($0)") })])
        }
        if !inTransaction, let name = PreparedStatements.shared.name(sql: text, types: types) {
            let statement = NamedStatement(name: name, sql: text, types: types, bindings: bindings)
            return postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask { try await statement.run(on: connection, onRow) }
            }
        }
        let statement = PostgresQuery(unsafeSQL: text, binds: bindings)
        return postgres.withConnection { connection in
            let names = PostgresTypedRow.Names()
            return connection.query(statement, logger: connection.logger) { onRow(PostgresTypedRow(row: $0, names)) }
        }.map { _ in }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }

    /// Appends `value` when PostgresNIO encodes its type itself, as PostgresKit's translation then does, and gives its
    /// PostgreSQL type; nil for any other value, a nil included (PostgresKit binds a nil optional as a NULL of the
    /// wrapped type's, which PostgreSQL needs where it cannot infer a parameter's type, as in `$1 IS NULL`): the
    /// statement then goes PostgresKit's way.
    private static func append(_ value: any Encodable & Sendable, to bindings: inout PostgresBindings) throws
        -> PostgresDataType?
    {
        // A nil optional is not an encodable of PostgresNIO's (the cast does not unwrap `.none`).
        guard let encodable = value as? any PostgresThrowingDynamicTypeEncodable else { return nil }
        try bindings.append(encodable, context: .default)
        return encodable.psqlType
    }
}

/// Names for the statements PostgreSQL keeps prepared on each connection, one a statement's text and bind types.
///
/// PostgreSQL plans an unnamed statement again on every run: a registration's summary plans in 0.34–0.42 ms and
/// runs in 0.05, the session lookup on every signed-in request plans in 0.09–0.13 and runs in 0.03 (session 32).
/// A named one is parsed once a connection, and after five runs PostgreSQL keeps its generic plan when that plan
/// costs no more than the custom ones (0.005–0.02 ms to take). A pattern that is a bind (`LIKE $1`, `~ $1`) is the
/// exception: only its value lets an index serve it (a unit's subtree by its path's prefix, a word by the trigram
/// index), so a generic plan reads the table, and PostgreSQL, which cannot see that from its estimates, took one for
/// the national search: 4 req/s where it had 278. Such a statement stays unnamed.
///
/// PostgresNIO prepares a name on a connection the first time it runs there and never closes it, so the names are
/// bounded (DIENHINH_PG_PREPARED, 0–4096 statements; 0: every statement unnamed): past the bound, a new text runs
/// unnamed. The app's statements have few shapes (a list's filters, an `IN` of up to a page's ids); the bound is
/// for the rest.
final class PreparedStatements: Sendable {
    static let shared = PreparedStatements()

    /// Statements with a text longer than this run unnamed.
    static let longestText = 16_384
    /// How the statements that get a name begin (SQLKit writes its keywords in capitals): queries only, which a
    /// failed named run may run again (`NamedStatement.run`).
    static let kept = ["SELECT "]

    private struct State {
        var limit = 512
        /// Each text seen: its name, or nil when it runs unnamed (a pattern bind). At most `limit` of each.
        var names: [String: String?] = [:]
        var named = 0
    }
    private let state = NIOLockedValueBox(State())

    /// How many statements get a name; the names already given stay.
    func setLimit(_ limit: Int) { state.withLockedValue { $0.limit = limit } }

    init(limit: Int = 512) { setLimit(limit) }

    /// The name of the statement `sql` with binds of `types`; nil when it runs unnamed: past the bound, a text
    /// longer than `longestText`, a pattern bind (`bindsPattern`), and anything but a query.
    func name(sql: String, types: [PostgresDataType]) -> String? {
        guard sql.utf8.count <= Self.longestText,
            Self.kept.contains(where: { sql.utf8.starts(with: $0.utf8) })
        else { return nil }
        var key = sql
        for type in types { key += ",\(type.rawValue)" }
        return state.withLockedValue { state in
            if let name = state.names[key] { return name }
            if Self.bindsPattern(sql) {
                if state.names.count - state.named < state.limit { state.names[key] = .some(nil) }
                return nil
            }
            guard state.named < state.limit else { return nil }
            state.named += 1
            let name = "dienhinh_\(state.named)"
            state.names[key] = name
            return name
        }
    }

    /// Whether a bind of `sql` is a pattern: `$n` right after `LIKE`, `ILIKE`, `SIMILAR TO`, `~` or `~*`.
    static func bindsPattern(_ sql: String) -> Bool {
        let bytes = Array(sql.utf8)
        let space = UInt8(ascii: " ")
        for i in bytes.indices.dropLast() where bytes[i] == UInt8(ascii: "$") && (48...57).contains(bytes[i + 1]) {
            var end = i
            while end > 0, bytes[end - 1] == space || bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
            let before = bytes[..<end]
            if ["LIKE", "SIMILAR TO", "~", "~*"].contains(where: { before.reversed().starts(with: $0.utf8.reversed()) })
            {
                return true
            }
        }
        return false
    }
}

/// One statement run as a named prepared statement through PostgresNIO's own preparation (it prepares the name on a
/// connection once, holds other runs of the name until then, and keeps the row description). PostgresNIO takes a
/// prepared statement's name, text and types from its type: here they come from the task that runs it.
struct NamedStatement: PostgresPreparedStatement {
    struct Text: Sendable {
        var name = ""
        var sql = ""
        var types: [PostgresDataType] = []
    }
    @TaskLocal static var running = Text()

    static var name: String { running.name }
    static var sql: String { running.sql }
    static var bindingDataTypes: [PostgresDataType] { running.types }

    let text: Text
    let bindings: PostgresBindings

    init(name: String, sql: String, types: [PostgresDataType], bindings: PostgresBindings) {
        text = Text(name: name, sql: sql, types: types)
        self.bindings = bindings
    }

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }

    /// Runs the statement by its name; when that fails before any row, runs it once more unnamed. A failed
    /// preparation (a lock timeout, a cancel, a table not yet made) is kept by PostgresNIO for the name on that
    /// connection and would fail every later run there; a query read again reads what it read.
    func run(on connection: PostgresConnection, _ onRow: @Sendable (any SQLRow) -> Void) async throws {
        var rows = 0
        let names = PostgresTypedRow.Names()
        do {
            try await Self.$running.withValue(text) {
                for try await row in try await connection.execute(self, logger: connection.logger) {
                    rows += 1
                    onRow(PostgresTypedRow(row: row, names))
                }
            }
        } catch  where rows == 0 {
            let unnamed = PostgresQuery(unsafeSQL: text.sql, binds: bindings)
            for try await row in try await connection.query(unnamed, logger: connection.logger) {
                onRow(PostgresTypedRow(row: row, names))
            }
        }
    }
}

/// A row of `PostgresTypedSQL`: strings, integers, doubles and booleans (and their optionals) decoded straight from
/// the cell, workflow statuses from their code, other types PostgresNIO decodes (dates, UUIDs) by PostgresNIO; any
/// other type as PostgresKit's own row decodes it.
struct PostgresTypedRow: SQLRow {
    let row: PostgresRow
    let cells: PostgresRandomAccessRow
    private let next = NextColumn()
    /// Whether this statement's columns have names of their own (`Names`).
    private let uniqueNames: Bool

    /// The column after the one read last. A row is mostly read in the order of its columns, so a name is first
    /// compared with that column's, and looked up by name (PostgresNIO's table, a hash of the name) only when it is
    /// another: two lookups a cell were 4.5 % of the server's samples on the national search (`perf`, session 36).
    /// A row is read by one reader at a time.
    private final class NextColumn: @unchecked Sendable {
        var index = 0
    }

    /// Whether a statement's columns have names of their own, found from its first row and shared by its rows: each
    /// row asks as it is made, in the driver's callback, one after another. Where two columns share a name (`SELECT
    /// *` over a join) PostgresNIO's lookup gives the last of them, so a row is then read by name only, as before.
    final class Names: @unchecked Sendable {
        private var unique: Bool?

        func areUnique(_ cells: PostgresRandomAccessRow) -> Bool {
            if let unique { return unique }
            let found = Set(cells.map(\.columnName)).count == cells.count
            unique = found
            return found
        }
    }

    init(row: PostgresRow, _ names: Names = Names()) {
        self.row = row
        cells = row.makeRandomAccess()
        uniqueNames = names.areUnique(cells)
    }

    var allColumns: [String] { cells.map(\.columnName) }

    func contains(column: String) -> Bool { cell(column) != nil }

    func decodeNil(column: String) throws -> Bool { cell(column)?.bytes == nil }

    /// The cell of `column`, nil when the row has none: the next column's or the last one's (read again, as after
    /// `contains` or `decodeNil`) if it is that one, else by name.
    private func cell(_ column: String) -> PostgresCell? {
        let start = next.index
        for guess in stride(from: start, through: start - 1, by: -1)
        where uniqueNames && guess >= 0 && guess < cells.count {
            let cell = cells[guess]
            if cell.columnName == column {
                next.index = guess + 1
                return cell
            }
        }
        guard cells.contains(column) else { return nil }
        let cell = cells[column]
        next.index = cell.columnIndex + 1
        return cell
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let cell = cell(column) else { throw PostgresTypedRowError.missingColumn(column) }
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
