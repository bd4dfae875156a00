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
            return postgres.withConnection { connection in statement.run(on: connection, onRow) }
        }
        let statement = PostgresQuery(unsafeSQL: text, binds: bindings)
        return postgres.withConnection { connection in PostgresTypedRow.unnamed(statement, on: connection, onRow) }
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
/// connection once, holds other runs of the name until then, and keeps the row description), its rows handed over on
/// the connection's event loop (the vendored PostgresNIO's `execute(preparedName:…)`, `Vendor/postgres-nio/PATCHES.md`).
/// Upstream takes a prepared statement's name from its type and hands its rows through an async sequence: each run
/// was a Swift task, a task-local value for the name, and the sequence's steps (session 45).
struct NamedStatement: Sendable {
    let name: String
    let sql: String
    let types: [PostgresDataType]
    let bindings: PostgresBindings

    /// The rows a run has handed over: read and written on the connection's event loop only (the rows' callback
    /// and the failure's), one after another.
    private final class RowCount: @unchecked Sendable {
        var count = 0
    }

    /// Runs the statement by its name; when that fails before any row, runs it once more unnamed. A failed
    /// preparation (a lock timeout, a cancel, a table not yet made) is kept by PostgresNIO for the name on that
    /// connection and would fail every later run there; a query read again reads what it read.
    func run(on connection: PostgresConnection, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        let rows = RowCount()
        let columns = PostgresTypedRow.Columns()
        return connection.execute(
            preparedName: name, sql: sql, bindings: bindings, bindingDataTypes: types, logger: connection.logger
        ) { row in
            rows.count += 1
            onRow(PostgresTypedRow(row: row, columns))
        }.flatMapError { error in
            guard rows.count == 0 else { return connection.eventLoop.makeFailedFuture(error) }
            return PostgresTypedRow.unnamed(PostgresQuery(unsafeSQL: sql, binds: bindings), on: connection, onRow)
        }
    }
}

/// A row of `PostgresTypedSQL`: strings, integers, doubles and booleans (and their optionals) decoded straight from
/// the cell, workflow statuses from their code, other types PostgresNIO decodes (dates, UUIDs) by PostgresNIO; any
/// other type as PostgresKit's own row decodes it.
///
/// A cell is read from its bytes and its column's type and format (the vendored PostgresNIO's `bytes(at:)`,
/// `Vendor/postgres-nio/PATCHES.md`), the columns described once a statement (`Columns`): making a `PostgresCell`
/// for each read copied the column's description and retained its name and the cell's buffer, and was with the
/// lookup of its column 5 % of the server's samples on the national API search (`perf_page.py`, session 45).
struct PostgresTypedRow: SQLRow {
    let row: PostgresRow
    let cells: PostgresRandomAccessRow
    private let next = NextColumn()
    private let columns: ColumnInfo

    /// The column after the one read last. A row is mostly read in the order of its columns, so a name is first
    /// compared with that column's, and looked up by name only when it is another: two lookups a cell were 4.5 % of
    /// the server's samples on the national search (`perf`, session 36). A row is read by one reader at a time.
    private final class NextColumn: @unchecked Sendable {
        var index = 0
    }

    /// A statement's columns, described from its first row and shared by its rows: each row asks as it is made, in
    /// the driver's callback, one after another.
    final class Columns: @unchecked Sendable {
        private var info: ColumnInfo?

        func info(_ cells: PostgresRandomAccessRow) -> ColumnInfo {
            if let info { return info }
            let made = ColumnInfo(cells)
            info = made
            return made
        }
    }

    /// The names, types and formats of a statement's columns, and each name's column. Where two columns share a
    /// name (`SELECT *` over a join) PostgresNIO's lookup gives the last of them, as `index` does, and a row is then
    /// read by name only (`unique`), as before.
    final class ColumnInfo: Sendable {
        let names: [String]
        let types: [PostgresDataType]
        let formats: [PostgresFormat]
        let index: [String: Int]
        let unique: Bool

        init(_ cells: PostgresRandomAccessRow) {
            let described = (0..<cells.count).map { cells.column(at: $0) }
            names = described.map(\.name)
            types = described.map(\.dataType)
            formats = described.map(\.format)
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() { index[name] = i }
            self.index = index
            unique = index.count == names.count
        }
    }

    init(row: PostgresRow, _ columns: Columns) {
        self.row = row
        cells = row.makeRandomAccess()
        self.columns = columns.info(cells)
    }

    /// Runs `statement` unnamed on `connection` (PostgreSQL parses and plans it each time), its rows handed to
    /// `onRow` as typed rows on the connection's event loop.
    static func unnamed(
        _ statement: PostgresQuery, on connection: PostgresConnection, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        let columns = Columns()
        return connection.query(statement, logger: connection.logger) { onRow(PostgresTypedRow(row: $0, columns)) }
            .map { _ in }
    }

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { index(column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let i = index(column) else { return true }
        return cells.bytes(at: i) == nil
    }

    /// The index of `column`, nil when the row has none: the next column's or the last one's (read again, as after
    /// `contains` or `decodeNil`) if it is that one, else by name.
    private func index(_ column: String) -> Int? {
        let start = next.index
        let names = columns.names
        for guess in stride(from: start, through: start - 1, by: -1)
        where columns.unique && guess >= 0 && guess < names.count && names[guess] == column {
            next.index = guess + 1
            return guess
        }
        guard let found = columns.index[column] else { return nil }
        next.index = found + 1
        return found
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let i = index(column) else { throw PostgresTypedRowError.missingColumn(column) }
        let dataType = columns.types[i]
        // Fluent's enums (user-defined types read as strings) and `numeric` read as a Double: PostgresKit's way,
        // which has its workarounds for them.
        guard !dataType.isUserDefined, dataType != .numeric else {
            return try row.sql().decode(column: column, as: D.self)
        }
        do {
            if let value = try Self.direct(cells.bytes(at: i), dataType, columns.formats[i], as: D.self) {
                return value
            }
        } catch is PostgresDecodingError.Code {
            // Read again below through the cell (every type `direct` reads is one of PostgresNIO's), which throws
            // PostgresNIO's own error, with the column's name and the cell.
        }
        let cell = cells[i]
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

    /// The value of a cell (its bytes, type and format) as `D` when `D` is one of the common types; else nil. The
    /// types are compared by identity with ones looked up once (`SQLiteTypedRow.direct`). What PostgresNIO's
    /// decoding throws here is its bare code; `decode` then reads the cell again through `PostgresCell` for the
    /// error PostgresNIO gives, with the column.
    @inline(__always)
    static func direct<D>(_ bytes: ByteBuffer?, _ type: PostgresDataType, _ format: PostgresFormat, as: D.Type)
        throws -> D?
    {
        var bytes = bytes
        let context = PostgresDecodingContext.default
        func raw<T: PostgresDecodable>(_: T.Type) throws -> D {
            unsafeBitCast(try T._decodeRaw(from: &bytes, type: type, format: format, context: context), to: D.self)
        }
        switch ObjectIdentifier(D.self) {
        case ColumnTypes.string: return try raw(String.self)
        case ColumnTypes.int: return try raw(Int.self)
        case ColumnTypes.double: return try raw(Double.self)
        case ColumnTypes.bool: return try raw(Bool.self)
        case ColumnTypes.optionalString: return try raw(String?.self)
        case ColumnTypes.optionalInt: return try raw(Int?.self)
        case ColumnTypes.optionalDouble: return try raw(Double?.self)
        case ColumnTypes.optionalBool: return try raw(Bool?.self)
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
