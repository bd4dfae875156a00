import FluentKit
import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import SQLKit
import SQLiteNIO
import Testing
import Vapor

@testable import App

/// A heavy page's reads on SQLite run on its own thread (`SQLiteHereReaders`): the same rows as the usual way,
/// handed over on that thread; writes, transactions and failures go as before.
@Suite("SQLite: a heavy page's reads on the thread it runs on")
struct SQLiteHereReadersTests {
    @Test func onlyStatementsThatBeginWithSelectOrWith() {
        for read in [
            "SELECT 1", "  select x FROM t", "\n\tWITH a AS (SELECT 1) SELECT * FROM a",
            "with(x) AS (SELECT 1) SELECT x",
            "Select\n1",
        ] {
            #expect(SQLiteHereReaders.isSelect(read), "\(read)")
        }
        for other in [
            "INSERT INTO t VALUES (1)", "BEGIN", "BEGIN IMMEDIATE", "COMMIT", "PRAGMA cache_size", "", "  ", "sel",
            "SELECTED", "UPDATE t SET x = 1", "withdraw",
        ] {
            #expect(!SQLiteHereReaders.isSelect(other), "\(other)")
        }
    }

    /// Where a statement's rows were handed over, and the rows.
    private static func rows(
        _ db: any Database, _ query: SQLQueryString
    ) async throws -> (onThread: Bool, rows: [[String]]) {
        let seen = NIOLockedValueBox<(Bool, [[String]])>((true, []))
        try await db.sql().execute(sql: query) { row in
            let values = row.allColumns.map { column in
                (try? row.decode(column: column, as: String.self))
                    ?? (try? row.decode(column: column, as: Int.self)).map(String.init) ?? "∅"
            }
            seen.withLockedValue {
                $0.0 = $0.0 && OffLoopExecutor.isCurrent
                $0.1.append(values)
            }
        }
        return seen.withLockedValue { $0 }
    }

    @Test(.enabled(if: SQLiteConnectionsTests.onSQLite))
    func readsOnTheHeavyThreadGiveTheSameRowsWithoutAHop() async throws {
        try await withTestApp(adjust: AdmissionTests.loopsHeavyOff) { app in
            let here = try #require(app.sqliteHereReaders)
            let executor = try #require(app.admission.offLoop)
            #expect(here.capacity == System.coreCount && here.openCount == 0)
            let db = app.db
            // A heavy page, signed in, reads there: the first registration of the year in the list's order is on it.
            let browser = Browser(app)
            try await browser.login("admin", adminPassword)
            let api = try await APIClient.login(app, "noivu")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let year = 2025
            for name in ["Trần Thị Hoa", "Lê Văn An", "Nguyễn Văn Bình"] {
                let made = try await api.registerIndividual(
                    name, unit: dakRuong, year: year, title: "Mô hình của \(name)")
                #expect(made.status == .created || made.status == .ok, "\(made.text)")
            }
            let first = try #require(
                try await RegistrationModel.query(on: db).filter(\.$year == year).sort(\.$sortKey).sort(\.$id).first()?
                    .id
            )
            let taken = here.takenCount
            let page = try await browser.send(.GET, "/app/registrations?year=\(year)")
            #expect(page.status == .ok && page.text.contains("/app/registrations/\(first)\""))
            #expect(here.takenCount > taken && here.openCount == 1)

            // The usual way: the rows are handed over on the thread pool, not on a heavy page's thread.
            let query: SQLQueryString = "SELECT id, name, code FROM units ORDER BY id"
            let usual = try await Self.rows(db, query)
            #expect(!usual.onThread && usual.rows.count > 10)
            // On a heavy page's thread: the same rows, handed over there, on a connection of its own.
            let there = try await Task(executorPreference: executor) { try await Self.rows(db, query) }.value
            #expect(there.onThread && there.rows == usual.rows)
            #expect(here.openCount == 1)
            // Fluent's models read there too, as they read the usual way.
            let count = try await UnitModel.query(on: db).count()
            let names = try await UnitModel.query(on: db).sort(\.$id).all().map(\.name)
            let takenBeforeModels = here.takenCount
            let (countThere, namesThere) = try await Task(executorPreference: executor) {
                (
                    try await UnitModel.query(on: db).count(),
                    try await UnitModel.query(on: db).sort(\.$id).all().map(\.name)
                )
            }.value
            #expect(countThere == count && namesThere == names && names.count == usual.rows.count)
            #expect(here.takenCount == takenBeforeModels + 2)
            #expect(here.openCount == 1, "one thread at a time: one connection")
            // `withConnection` is that one connection, from any thread.
            let leased = try await Task(executorPreference: executor) {
                try await db.withConnection { try await Self.rows($0, query) }
            }.value
            #expect(!leased.onThread && leased.rows == usual.rows)

            // A write from that thread goes the usual way (to the writer's turn), and the next read there sees it.
            try await db.sql().raw("CREATE TABLE probe_here (id INTEGER PRIMARY KEY, note TEXT NOT NULL)").run()
            let afterWrite = try await Task(executorPreference: executor) {
                try await db.sql().raw("INSERT INTO probe_here (note) VALUES (\(bind: "một"))").run()
                return try await Self.rows(db, "SELECT note FROM probe_here")
            }.value
            #expect(afterWrite.onThread && afterWrite.rows == [["một"]])
            // A write that begins as a read does: SQLite says it writes, so it runs the usual way (its RETURNING row
            // is handed over on the thread pool), though it took a connection here to be asked.
            let takenBeforeWith = here.takenCount
            let with = try await Task(executorPreference: executor) {
                try await Self.rows(
                    db,
                    "WITH x(n) AS (SELECT \(bind: "ba")) INSERT INTO probe_here (note) SELECT n FROM x RETURNING note")
            }.value
            #expect(!with.onThread && with.rows == [["ba"]] && here.takenCount == takenBeforeWith + 1)
            #expect(try await Self.rows(db, "SELECT note FROM probe_here ORDER BY id").rows == [["một"], ["ba"]])
            try await db.sql().raw("DELETE FROM probe_here WHERE note = \(bind: "ba")").run()
            // Inside a transaction every statement is the transaction's: its own write is seen before it commits,
            // which a connection of the readers' would not see.
            let inside = try await Task(executorPreference: executor) {
                try await db.transaction { tx in
                    try await tx.sql().raw("INSERT INTO probe_here (note) VALUES (\(bind: "hai"))").run()
                    return try await Self.rows(tx, "SELECT note FROM probe_here ORDER BY id")
                }
            }.value
            #expect(!inside.onThread && inside.rows == [["một"], ["hai"]])

            // A failed read is the caller's error, whether SQLite refuses it at once or after a first row, and the
            // connection goes back for the next one.
            for failing: SQLQueryString in [
                "SELECT nothing FROM no_such_table",
                "SELECT CASE WHEN id > 1 THEN json('x{') ELSE id END AS v FROM probe_here ORDER BY id",
            ] {
                let taken = here.takenCount
                await #expect(throws: (any Error).self) {
                    try await Task(executorPreference: executor) { try await db.sql().raw(failing).all() }.value
                }
                #expect(here.takenCount == taken + 1, "run here: \(failing)")
            }
            // The connection was opened with the request connections' settings.
            let timeout = try await Task(executorPreference: executor) {
                try await Self.rows(db, "SELECT timeout FROM pragma_busy_timeout")
            }.value
            #expect(timeout.onThread && timeout.rows == [["30000"]])
            let again = try await Task(executorPreference: executor) {
                try await Self.rows(db, "SELECT count(*) AS n FROM probe_here")
            }.value
            #expect(again.onThread && again.rows == [["2"]] && here.openCount == 1)

            // Closed when the application stops: reads then go the usual way.
            await here.shutdown()
            #expect(here.openCount == 0)
            let closed = try await Task(executorPreference: executor) { try await Self.rows(db, query) }.value
            #expect(!closed.onThread && closed.rows == usual.rows)
        }
    }

    /// A connection that cannot be opened: the read goes the usual way (false), the counts are as before, and no
    /// other is tried until `retryAfter` has passed.
    @Test func aConnectionThatCannotBeOpenedIsNotTriedAgainAtOnce() throws {
        let missing = NSTemporaryDirectory() + "/no-such-folder-\(UUID().uuidString)/x.sqlite"
        let here = SQLiteHereReaders(
            path: missing, pragmas: [], capacity: 2, threadPool: .singleton,
            eventLoop: MultiThreadedEventLoopGroup.singleton.any(), logger: Logger(label: "test"))
        for _ in 0..<3 {
            #expect(try here.read("SELECT 1", []) { _ in } == false)
        }
        #expect(here.failedOpens == 1 && here.openCount == 0 && here.takenCount == 0)
        #expect(try here.read("INSERT INTO t VALUES (1)", []) { _ in } == false)
    }

    @Test func onlyWhereHeavyPagesHaveThreadsOfTheirOwn() async throws {
        try await withTestApp(demo: false, adjust: AdmissionTests.loopsHeavyOn) { app in
            #expect(app.sqliteHereReaders == nil)
        }
        try await withTestApp(demo: false) { app in #expect(app.sqliteHereReaders == nil) }
        try await withTestApp(demo: false, adjust: AdmissionTests.loopsHeavyOff) { app in
            // On PostgreSQL a handler waits for its statements without a thread: nothing to read here.
            #expect((app.sqliteHereReaders != nil) == SQLiteConnectionsTests.onSQLite)
            let config = try #require(app.config)
            let threads = try #require(Admission.offLoopThreads(config))
            #expect(threads == System.coreCount)
            #expect(app.sqliteHereReaders.map { $0.capacity == threads } ?? true)
        }
    }

    /// Every signed-in request's session lookup is stepped on its event loop (`LoopRead`), on the loops' readers: a
    /// page and an API call signed in, sent over HTTP to the running server, take one of them and are answered as
    /// before. (The tests' in-memory requests do not run on a loop: their lookups go the usual way.)
    @Test(.enabled(if: SQLiteConnectionsTests.onSQLite))
    func theSessionIsLookedUpOnTheEventLoop() async throws {
        try await withTestApp { app in
            let loops = try #require(app.sqliteLoopReaders)
            #expect(loops.onLoops && loops.capacity == Array(app.eventLoopGroup.makeIterator()).count)
            let browser = Browser(app)
            try await browser.login("admin", adminPassword)
            let session = try #require(browser.cookies[AuthCookies.session])
            let api = try await APIClient.login(app, "noivu")
            let token = try #require(api.token)
            let live = try app.testing(method: .running(port: 0))
            func sent(_ path: String, _ headers: HTTPHeaders) async throws -> (HTTPStatus, String) {
                let res = try await live.sendRequest(.GET, path, headers: headers)
                return (res.status, String(buffer: res.body))
            }
            let taken = loops.takenCount
            let home = try await sent("/app", ["Cookie": "\(AuthCookies.session)=\(session)"])
            #expect(home.0 == .ok && home.1.contains("Đăng xuất"))
            #expect(loops.takenCount == taken + 1 && loops.busyCount == 0)
            let me = try await sent("/api/v1/me", ["Authorization": "Bearer \(token)"])
            #expect(me.0 == .ok && me.1.contains("noivu"))
            #expect(loops.takenCount == taken + 2)
            // A session that is not one is still no session: the client follows the redirect to the sign-in form,
            // whose request looks the cookie up again.
            let stranger = try await sent("/app", ["Cookie": "\(AuthCookies.session)=khong-phai-phien"])
            #expect(stranger.0 == .ok && stranger.1.contains("name=\"password\"") && !stranger.1.contains("Đăng xuất"))
            #expect(loops.takenCount == taken + 4 && loops.busyCount == 0)
        }
    }

    /// A loops' reader never waits for a lock: while another connection holds the file, its read says so (false,
    /// nothing run, counted) and the caller goes the usual way; once the lock is gone it reads. A heavy page's reader
    /// (busy timeout set) is not one of these.
    @Test func aLoopsReaderDoesNotWaitForALock() async throws {
        let path = NSTemporaryDirectory() + "loop-reader-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await writer.query("CREATE TABLE t (x INTEGER)")
        _ = try await writer.query("INSERT INTO t VALUES (7)")
        let loops = SQLiteHereReaders(
            path: path, pragmas: ["PRAGMA busy_timeout = 30000"], capacity: 1, onLoops: true, threadPool: .singleton,
            eventLoop: MultiThreadedEventLoopGroup.singleton.any(), logger: Logger(label: "test"))
        #expect(loops.pragmas == ["PRAGMA busy_timeout = 0"])
        var seen: [Int] = []
        #expect(try loops.read("SELECT x FROM t", []) { seen.append($0.column("x")?.integer ?? -1) })
        #expect(seen == [7] && loops.busyCount == 0)
        // A reader opened under the lock: its first setting that reads the schema fails at once (the busy timeout is
        // set first), and the open counts as failed; set after, SQLiteNIO's own busy handler would retry without end.
        let late = SQLiteHereReaders(
            path: path, pragmas: ["PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 30000"], capacity: 1,
            onLoops: true, threadPool: .singleton, eventLoop: MultiThreadedEventLoopGroup.singleton.any(),
            logger: Logger(label: "test"))
        #expect(late.pragmas == ["PRAGMA busy_timeout = 0", "PRAGMA synchronous = NORMAL"])
        _ = try await writer.query("BEGIN EXCLUSIVE")
        _ = try await writer.query("INSERT INTO t VALUES (8)")
        // The lock is let go after 3 s whatever happens, so that a reader that waited fails the test, not hangs it.
        let release = Task {
            try await Task.sleep(for: .seconds(3))
            _ = try await writer.query("COMMIT")
        }
        let start = Date()
        #expect(try loops.read("SELECT x FROM t", []) { _ in Issue.record("a row under the lock") } == false)
        #expect(try late.read("SELECT x FROM t", []) { _ in Issue.record("a row under the lock") } == false)
        #expect(loops.busyCount == 1 && late.failedOpens == 1 && late.openCount == 0)
        #expect(Date().timeIntervalSince(start) < 2)
        try await release.value
        seen = []
        #expect(try loops.read("SELECT x FROM t ORDER BY x", []) { seen.append($0.column("x")?.integer ?? -1) })
        #expect(seen == [7, 8] && loops.busyCount == 1)
        // Any other failure is the caller's, as before.
        #expect(throws: SQLiteError.self) { try loops.read("SELECT nothing FROM t", []) { _ in } }
        await loops.shutdown()
        try await writer.close()
    }
}
