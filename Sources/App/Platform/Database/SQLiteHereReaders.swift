import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLiteNIO
import Vapor

/// A heavy page's reads on SQLite, run on the thread its handler already runs on (`OffLoopExecutor`), on connections
/// of their own: no hop to the thread pool and back. An SQLKit statement awaited then makes no hop at all; a Fluent
/// read, whose future the caller awaits, still goes to the event loop and back when the future completes.
///
/// A statement sent the usual way (`SQLiteConnectionsDatabase.run`) from a heavy page's thread went to the event loop
/// for a connection, to the thread pool to step it, to the event loop to complete its future, and back to the
/// handler's thread: four thread switches a statement, each a wake-up of a sleeping thread. The handler's thread may
/// block (that is what it is for), so a read is stepped there, on one of these connections, taken and given back
/// under a lock. Only reads go here: the text begins with SELECT or WITH and SQLite calls the statement read-only
/// (`queryRowsHere(readOnly:)`); a write, and anything inside a transaction or `withConnection`, goes the usual way.
/// WAL lets these connections read beside the others, each statement from the latest commit. A connection that
/// cannot be opened is logged once, and for `retryAfter` no other is tried: the reads go the usual way meanwhile.
///
/// A read that waits here (SQLite's busy timeout during a WAL recovery, pages read from a cold disk) holds one of the
/// few threads of the heavy pages, where it held one of the app's thread pool before; the heavy pages are bounded by
/// their slots either way (`Admission`).
///
/// At most `capacity` connections (one a thread of the executor), opened when first needed with the same settings
/// as the event loops' connections, and closed when the application stops (`OffLoopShutdown`).
///
/// A second set of these serves the event loops themselves (`onLoops`): the session's lookup, marked a short read
/// (`LoopRead`), is stepped on its loop instead of going to the thread pool and back.
final class SQLiteHereReaders: Sendable {
    let path: String
    /// Run on each connection when it is opened (busy timeout, page cache, memory map).
    let pragmas: [String]
    let capacity: Int
    /// The event loops' readers (`SQLiteConnectionsDatabase.ranOnLoop`), a pool any loop takes an idle one from: opened
    /// on the loop when first needed, with a busy timeout of 0 set first, and a read that SQLite calls busy before its
    /// first row is not run here (false), nor is a connection kept whose opening found the file locked (a failed
    /// open): a loop does not wait for another connection's lock. It still does the rest of SQLite's work: the
    /// opening, the schema read at the first statement, pages read from disk.
    let onLoops: Bool
    /// The connection's own functions other than `queryRowsHere` (its `close()`) run on these.
    private let threadPool: NIOThreadPool
    private let eventLoop: any EventLoop
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    private struct State {
        var idle: [SQLiteConnection] = []
        var opened = 0
        var closed = false
        var taken = 0
        var failures = 0
        var failedAt: NIODeadline?
        var busy = 0
    }

    init(
        path: String, pragmas: [String], capacity: Int, onLoops: Bool = false, threadPool: NIOThreadPool,
        eventLoop: any EventLoop, logger: Logger
    ) {
        self.logger = logger
        self.path = path
        // First: SQLiteNIO opens a connection with a busy handler that retries at once without end, and a setting that
        // reads the schema (`synchronous`, `cache_size`) would spin the loop while the file is locked.
        self.pragmas =
            onLoops ? ["PRAGMA busy_timeout = 0"] + pragmas.filter { !$0.hasPrefix("PRAGMA busy_timeout") } : pragmas
        self.capacity = capacity
        self.onLoops = onLoops
        self.threadPool = threadPool
        self.eventLoop = eventLoop
    }

    /// After a failed open, how long no other connection is tried.
    static let retryAfter = TimeAmount.seconds(30)

    /// Runs `text` here and hands its rows to `onRow` on this thread; false, with nothing run, when it is not a
    /// read, no connection is free, none could be opened, or the readers are closed (the caller then runs it the
    /// usual way). Call it only from a thread that may block, or, for the loops' readers (`onLoops`), with a
    /// statement of a few rows found by index (`LoopRead`).
    func read(_ text: String, _ binds: [SQLiteData], _ onRow: (SQLiteRow) -> Void) throws -> Bool {
        guard Self.isSelect(text), let connection = take() else { return false }
        defer { giveBack(connection) }
        var rows = 0
        do {
            return try connection.queryRowsHere(text, binds, readOnly: true) {
                rows += 1
                onRow($0)
            }
        } catch let error as SQLiteError where onLoops && rows == 0 && Self.busyReasons.contains(error.reason) {
            state.withLockedValue { $0.busy += 1 }
            logger.debug(
                "Tệp SQLite đang bị khóa; câu lệnh đọc nhanh chạy theo cách thường", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// SQLite's answers for a lock it would have to wait for.
    private static let busyReasons: [SQLiteError.Reason] = [.busy, .busyInRecovery, .busyInSnapshot, .busyTimeout]

    /// Reads of the loops' readers that found the file busy and went the usual way (tests).
    var busyCount: Int { state.withLockedValue { $0.busy } }

    /// Connections open now (tests).
    var openCount: Int { state.withLockedValue { $0.opened } }

    /// Statements that have taken a connection here since start (tests).
    var takenCount: Int { state.withLockedValue { $0.taken } }

    /// Connections that could not be opened since start (tests).
    var failedOpens: Int { state.withLockedValue { $0.failures } }

    /// Closes the connections; a read after this goes the usual way.
    func shutdown() async {
        let idle = state.withLockedValue { s -> [SQLiteConnection] in
            s.closed = true
            defer {
                s.opened -= s.idle.count
                s.idle = []
            }
            return s.idle
        }
        for connection in idle { try? await connection.close().get() }
    }

    /// Whether the statement's text begins with SELECT or WITH (a transaction's BEGIN or COMMIT, which SQLite also
    /// calls read-only, never does).
    static func isSelect(_ text: String) -> Bool {
        // The first word, lower-cased, a byte a letter (at most seven: longer than "select" is no match), with no
        // array made for it: this runs for every statement of a heavy page.
        var word: UInt64 = 0
        var letters = 0
        for byte in text.utf8.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
            let letter = byte | 0x20
            guard (0x61...0x7A).contains(letter), letters < 7 else { break }
            word = word << 8 | UInt64(letter)
            letters += 1
        }
        return word == Self.select || word == Self.with
    }

    private static func packed(_ word: String) -> UInt64 { word.utf8.reduce(0) { $0 << 8 | UInt64($1) } }
    private static let select = packed("select")
    private static let with = packed("with")

    /// An idle connection, or one opened now while there are fewer than `capacity`; nil when none is free or the
    /// opening failed (logged).
    private func take() -> SQLiteConnection? {
        enum Taken {
            case idle(SQLiteConnection)
            case open
            case none
        }
        let taken = state.withLockedValue { s -> Taken in
            if s.closed { return .none }
            if let c = s.idle.popLast() {
                s.taken += 1
                return .idle(c)
            }
            guard s.opened < capacity else { return .none }
            if let failed = s.failedAt, NIODeadline.now() - failed < Self.retryAfter { return .none }
            s.opened += 1
            s.taken += 1
            return .open
        }
        switch taken {
        case .idle(let connection): return connection
        case .none: return nil
        case .open:
            do {
                let connection = try SQLiteConnection.openHere(
                    storage: .file(path: path), threadPool: threadPool, on: eventLoop)
                do {
                    for pragma in pragmas { _ = try connection.queryRowsHere(pragma, [], readOnly: false) { _ in } }
                } catch {
                    _ = connection.close()
                    throw error
                }
                return connection
            } catch {
                state.withLockedValue {
                    $0.opened -= 1
                    $0.taken -= 1
                    $0.failures += 1
                    $0.failedAt = .now()
                }
                logger.warning(
                    onLoops
                        ? "Không mở được kết nối SQLite đọc nhanh trên vòng sự kiện; câu lệnh chạy theo cách thường"
                        : "Không mở được kết nối SQLite cho trang nặng; câu lệnh chạy theo cách thường",
                    metadata: ["error": "\(error)"])
                return nil
            }
        }
    }

    private func giveBack(_ connection: SQLiteConnection) {
        let keep = state.withLockedValue { s -> Bool in
            guard !s.closed else {
                s.opened -= 1
                return false
            }
            s.idle.append(connection)
            return true
        }
        if !keep { _ = connection.close() }
    }
}

extension Application {
    private struct SQLiteHereReadersKey: StorageKey { typealias Value = SQLiteHereReaders }
    /// A heavy page's SQLite reads on its own thread; nil unless the database is a SQLite file and heavy pages have
    /// threads of their own.
    var sqliteHereReaders: SQLiteHereReaders? {
        get { storage[SQLiteHereReadersKey.self] }
        set { storage[SQLiteHereReadersKey.self] = newValue }
    }

    private struct SQLiteLoopReadersKey: StorageKey { typealias Value = SQLiteHereReaders }
    /// The event loops' short reads on SQLite (`SQLiteConnectionsDatabase.ranOnLoop`); nil unless the database is a
    /// SQLite file.
    var sqliteLoopReaders: SQLiteHereReaders? {
        get { storage[SQLiteLoopReadersKey.self] }
        set { storage[SQLiteLoopReadersKey.self] = newValue }
    }
}
