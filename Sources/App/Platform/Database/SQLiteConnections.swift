import FluentKit
import FluentSQL
import FluentSQLiteDriver
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit

/// SQLite for a server: several connections an event loop, so one slow read does not hold up the others, and a
/// transaction that takes the write lock when it begins.
///
/// - **Readers.** FluentSQLiteDriver keeps one connection per event loop (its `maxConnectionsPerEventLoop` is
///   ignored), so a slow query made every request of its loop wait (issue 11: 32 list requests finished together).
///   Here `readers` drivers share the file; each statement goes to the connection of its loop with the fewest
///   statements running. WAL lets them read at once, each from its own snapshot.
/// - **Writers.** The driver begins a transaction with `BEGIN` (deferred): a transaction that reads before it writes
///   holds a snapshot, and when another connection commits first its write fails at once with SQLITE_BUSY — no busy
///   timeout helps, the snapshot is stale (a 500 under concurrent writes, `AuditChainTests`). `BEGIN IMMEDIATE` takes
///   the write lock at the start; another writer waits for it under `busy_timeout` (set on every connection by
///   `Bootstrap`) instead of failing.
/// - **One writer in line.** Before it takes a connection, a transaction — and a Fluent create, update or delete
///   outside one — waits for its turn at the file's writer gate (`FairGate.sqliteWriter`), first come first served, holding no connection
///   and no thread meanwhile (the databases of one file, the requests' and the jobs', share the gate).
///
/// - **Rows handed over at once.** SQLiteNIO's futures API, which the Fluent driver uses for every statement, hands
///   each row to the event loop as a task of its own: a dashboard's few hundred rows were as many cross-thread
///   wake-ups (with `andAllSucceed` over their futures, 15–25 % of the page's CPU in a perf profile); its async API
///   costs a Swift task and two hops whatever the rows. Every read and every SQLKit statement not run on a heavy
///   page's thread (below) runs here through the vendored connection's `queryRowsAtOnce` (`run`): one hop to the
///   thread pool, the rows handed to the caller on the thread that steps the statement, one hop back when the
///   future completes. The rows are read as `SQLiteTypedRow`s.
/// - **A heavy page's reads where it runs.** On a heavy page's own thread (`OffLoopExecutor`) a read is stepped on
///   that thread, on a connection of `SQLiteHereReaders` (`runHereOrOnLeastBusy`): an SQLKit statement awaited
///   makes no hop at all, a Fluent read (a future awaited) one to the event loop and one back.
/// - **The session's lookup on its loop.** A short read marked `LoopRead` (the one every signed-in request runs) is
///   stepped on the event loop it is called on, on a connection of the loops' own `SQLiteHereReaders` (busy timeout
///   0: a locked file sends it the usual way, `ranOnLoop`).
///
/// Inside a transaction or `withConnection`, the database handed to the closure is that one connection.
struct SQLiteConnectionsConfiguration: DatabaseConfiguration {
    /// One per connection an event loop; all on the same file (an in-memory database takes one: each connection
    /// to `.memory` would be a database of its own).
    var bases: [any DatabaseConfiguration]
    /// Shared by every configuration of the same file.
    let gate: FairGate
    /// Where a heavy page's reads run on its own thread; nil: every statement goes to a connection of this loop.
    var here: SQLiteHereReaders? = nil
    /// Where a short read marked so (`LoopRead`) runs on the event loop itself; nil: it goes the usual way.
    var onLoop: SQLiteHereReaders? = nil
    var middleware: [any AnyModelMiddleware] {
        get { bases[0].middleware }
        set { for i in bases.indices { bases[i].middleware = newValue } }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        SQLiteConnectionsDriver(
            bases: bases.map { $0.makeDriver(for: databases) }, gate: gate, here: here, onLoop: onLoop)
    }
}

struct SQLiteConnectionsDriver: DatabaseDriver {
    let bases: [any DatabaseDriver]
    let gate: FairGate
    let here: SQLiteHereReaders?
    let onLoop: SQLiteHereReaders?
    /// Statements running on each base driver's connection, per event loop.
    let load = NIOLockedValueBox<[ObjectIdentifier: [Int]]>([:])

    func makeDatabase(with context: DatabaseContext) -> any Database {
        SQLiteConnectionsDatabase(
            bases: bases.map { $0.makeDatabase(with: context) }, load: load, gate: gate, inTransaction: false,
            here: here, onLoop: onLoop)
    }

    func shutdown() { for base in bases { base.shutdown() } }

    func shutdownAsync() async { for base in bases { await base.shutdownAsync() } }
}

struct SQLiteConnectionsDatabase: Database, SQLDatabase {
    /// The same event loop's database of each base driver; inside a transaction, the one connection.
    let bases: [any Database]
    /// Nil inside a transaction or `withConnection` (one connection, nothing to choose).
    let load: NIOLockedValueBox<[ObjectIdentifier: [Int]]>?
    let gate: FairGate
    /// Inside a transaction the gate is already held.
    let inTransaction: Bool
    /// A heavy page's reads, on its own thread (`SQLiteHereReaders`); nil inside a transaction or `withConnection`.
    var here: SQLiteHereReaders? = nil
    /// The event loops' short reads (`LoopRead`); nil inside a transaction or `withConnection`.
    var onLoop: SQLiteHereReaders? = nil

    var context: DatabaseContext { bases[0].context }

    /// Every connection of this event loop, for the per-connection settings made at start.
    var connections: [any SQLDatabase] { bases.map { $0 as! any SQLDatabase } }

    // MARK: Choosing a connection

    /// `work` on the base with the fewest statements running on this loop, counted until its future completes.
    private func onLeastBusy<T: Sendable>(_ work: (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let (i, done) = pick()
        let result = work(bases[i])
        result.whenComplete { _ in done() }
        return result
    }

    /// The base with the fewest statements running on this loop, counted until `done` is called.
    private func pick() -> (index: Int, done: @Sendable () -> Void) {
        guard let load, bases.count > 1 else { return (0, {}) }
        let loop = ObjectIdentifier(context.eventLoop)
        let count = bases.count
        let index = load.withLockedValue { all in
            var running = all[loop] ?? Array(repeating: 0, count: count)
            let i = running.indices.min { running[$0] < running[$1] } ?? 0
            running[i] += 1
            all[loop] = running
            return i
        }
        return (index, { load.withLockedValue { $0[loop]?[index] -= 1 } })
    }

    /// One connection's database, for a transaction or `withConnection`: every statement on that connection, none
    /// on `here`'s or `onLoop`'s.
    private func one(_ base: any Database, inTransaction: Bool) -> SQLiteConnectionsDatabase {
        SQLiteConnectionsDatabase(
            bases: [base], load: nil, gate: gate, inTransaction: inTransaction, here: nil, onLoop: nil)
    }

    /// `work` after this writer's turn at the gate (at once inside a transaction, which holds it).
    private func inTurn<T: Sendable>(_ work: @escaping @Sendable () -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        inTransaction ? work() : gate.run(on: eventLoop, work)
    }

    /// Whether `statement` ran on this thread: a read, and the calling code runs on a heavy page's own thread
    /// (`SQLiteHereReaders`). Rows are handed to `onRow` here.
    private func ranHere(_ statement: Statement, _ onRow: @escaping @Sendable (any SQLRow) -> Void) throws -> Bool {
        guard let here, OffLoopExecutor.isCurrent else { return false }
        return try here.read(statement.text, statement.binds, Self.typed(onRow))
    }

    /// Whether `statement` ran on this event loop: a short read marked so (`LoopRead`), called on the loop of this
    /// database, on one of the loops' readers (`SQLiteHereReaders.onLoops`), which never wait for a lock.
    private func ranOnLoop(
        _ expression: any SQLExpression, _ statement: Statement, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) throws -> Bool {
        guard let onLoop, expression is LoopRead, eventLoop.inEventLoop else { return false }
        return try onLoop.read(statement.text, statement.binds, Self.typed(onRow))
    }

    /// Runs `expression` (serialised once) on this thread when it can (`ranHere`, `ranOnLoop`), else on the least
    /// busy connection of this loop. Rows are handed to `onRow` on the thread that steps the statement.
    private func runHereOrOnLeastBusy(
        _ expression: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        let statement: Statement
        do {
            statement = try Self.statement(expression, on: bases[0])
            if try ranHere(statement, onRow) || ranOnLoop(expression, statement, onRow) {
                return eventLoop.makeSucceededVoidFuture()
            }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return onLeastBusy { Self.run(statement, on: $0, onRow) }
    }

    /// `runHereOrOnLeastBusy` for an async caller: a read run here completes without a future, so the caller goes on
    /// on its thread (a future's completion would go through the event loop and back).
    private func runHereOrOnLeastBusy(
        _ expression: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) async throws {
        let statement = try Self.statement(expression, on: bases[0])
        if try ranHere(statement, onRow) { return }
        try await onLeastBusy { Self.run(statement, on: $0, onRow) }.get()
    }

    // MARK: Database

    func execute(
        query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void
    ) -> EventLoopFuture<Void> {
        let run: @Sendable () -> EventLoopFuture<Void> = {
            onLeastBusy { $0.execute(query: query, onOutput: onOutput) }
        }
        switch query.action {
        case .read, .aggregate:
            let sql = SQLQueryConverter(delegate: ReadConverterDelegate()).convert(query)
            return runHereOrOnLeastBusy(sql) { onOutput(SQLiteRowOutput(row: $0, schema: nil)) }
        case .create, .update, .delete, .custom: return inTurn(run)
        }
    }

    /// A statement's text and binds for SQLite.
    typealias Statement = (text: String, binds: [SQLiteData])

    /// Runs `statement` (any statement) on a connection of `base`, its rows read as `SQLiteTypedRow`s and handed
    /// over on the thread that steps the statement (the vendored SQLiteNIO's `queryRowsAtOnce`); the future
    /// completes once, on the connection's event loop.
    private static func run(
        _ statement: Statement, on base: any Database, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        let rows = Self.typed(onRow)
        return (base as! any SQLiteDatabase).withConnection { connection in
            connection.queryRowsAtOnce(statement.text, statement.binds, rows)
        }
    }

    /// `onRow` for SQLiteNIO's rows, read as `SQLiteTypedRow`s.
    private static func typed(
        _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> @Sendable (SQLiteRow) -> Void {
        let decoder = SQLiteDataDecoder()
        return { onRow(SQLiteTypedRow(row: $0, decoder: decoder)) }
    }

    /// `expression`'s text and binds for SQLite, logged as SQLiteKit does (`DIENHINH_SQL_LOG`).
    private static func statement(_ expression: any SQLExpression, on base: any Database) throws -> Statement {
        let sql = base as! any SQLDatabase
        let (text, rawBinds) = SQLiteSerializing(base: sql).serialize(expression)
        if let level = sql.queryLogLevel {
            sql.logger.log(
                level: level, "Executing query",
                metadata: ["sql": .string(text), "binds": .array(rawBinds.map { .string("\($0)") })])
        }
        // The default encoder, as the rows' default decoder: `configure` gives the driver neither (its
        // `DatabaseConfigurationFactory.sqlite`), so the driver's are the defaults too. One set there must be passed
        // here.
        let encoder = SQLiteDataEncoder()
        return (text, try rawBinds.map { try encoder.encode($0) })
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        inTurn { onLeastBusy { $0.execute(schema: schema) } }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        bases[0].execute(enum: `enum`)
    }

    func withConnection<T: Sendable>(
        _ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>
    ) -> EventLoopFuture<T> {
        let inTransaction = self.inTransaction
        return onLeastBusy { $0.withConnection { closure(self.one($0, inTransaction: inTransaction)) } }
    }

    func transaction<T: Sendable>(
        _ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>
    ) -> EventLoopFuture<T> {
        if inTransaction { return closure(self) }
        return inTurn {
            onLeastBusy { base in
                base.withConnection { connection -> EventLoopFuture<T> in
                    let sql = connection as! any SQLDatabase
                    let inside = self.one(connection, inTransaction: true)
                    return sql.raw("BEGIN IMMEDIATE").run().flatMap {
                        closure(inside).flatMap { value in sql.raw("COMMIT").run().map { value } }
                            .flatMapError { error in
                                sql.raw("ROLLBACK").run().flatMapErrorThrowing { _ in throw error }
                                    .flatMapThrowing { _ -> T in throw error }
                            }
                    }
                }
            }
        }
    }

    // MARK: SQLDatabase

    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }
    // The first base's, cast alone: `connections` casts every base into a new array, and the statement of every
    // query asks for `queryLogLevel`, a list's SQL for `dialect` (`isPostgres`): 0.5 % of the SQLite web list's
    // samples (session 50). The dialect is SQLiteKit's, made at once (as `SQLiteSerializing`'s): the base's makes a
    // SQL database of its connection to ask it.
    var version: (any SQLDatabaseReportedVersion)? { first.version }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { first.queryLogLevel }
    private var first: any SQLDatabase { bases[0] as! any SQLDatabase }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<
        Void
    > {
        runHereOrOnLeastBusy(query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await runHereOrOnLeastBusy(query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let (i, done) = pick()
        defer { done() }
        return try await (bases[i] as! any SQLDatabase).withSession(closure)
    }
}

/// `base` as its statements are serialised: FluentSQLiteDriver's database makes a SQLiteKit database, then its
/// dialect, each time the serializer asks for the dialect, once for every identifier quoted (2.5 % of a registration's
/// page under load, session 30); here the dialect is SQLiteKit's own, made at once. Nothing else is asked of it.
struct SQLiteSerializing: SQLDatabase {
    let base: any SQLDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<
        Void
    > {
        base.execute(sql: query, onRow)
    }
}

/// A row as Fluent reads a model from it, its columns prefixed by the schema when asked (FluentSQLiteDriver's
/// `SQLRowDatabaseOutput`, internal there).
private struct SQLiteRowOutput: DatabaseOutput {
    let row: any SQLRow
    let schema: String?

    var description: String { String(describing: row) }

    private func column(_ key: FieldKey) -> String {
        (schema.map { FieldKey.prefix(.prefix(.string($0), "_"), key) } ?? key).description
    }

    func schema(_ schema: String) -> any DatabaseOutput { SQLiteRowOutput(row: row, schema: schema) }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }
    func decode<T: Decodable>(_ key: FieldKey, as: T.Type) throws -> T {
        try row.decode(column: column(key), as: T.self)
    }
}

extension FairGate {
    /// The one writer of a SQLite file, shared by every database configuration of that file; a write that waits
    /// longer than `seconds` is a 503 with Retry-After.
    static func sqliteWriter(wait seconds: Int) -> FairGate { FairGate(slots: 1, timeout: .seconds(Int64(seconds))) }
}

/// A short read that an event loop may step itself on a SQLite file (`SQLiteConnectionsDatabase.ranOnLoop`): a
/// statement over a few rows found by index, such as the session's lookup that every signed-in request runs. Sent the
/// usual way it went from the loop to the thread pool and back, two thread switches for some twenty microseconds of
/// work. Serialised as `inner`; elsewhere (PostgreSQL, a transaction) it runs as `inner` would.
struct LoopRead: SQLExpression {
    let inner: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) { inner.serialize(to: &serializer) }
}

extension SQLDatabase {
    /// The first row of `query`, a short read (`LoopRead`), as `raw(query).first()` gives it.
    func firstOfShortRead(_ query: SQLQueryString) -> EventLoopFuture<(any SQLRow)?> {
        let first = NIOLockedValueBox<(any SQLRow)?>(nil)
        return execute(sql: LoopRead(inner: query)) { row in first.withLockedValue { if $0 == nil { $0 = row } } }
            .map { first.withLockedValue { $0 } }
    }
}
