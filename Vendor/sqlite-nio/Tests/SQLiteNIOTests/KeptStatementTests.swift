import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLiteNIO
import Testing

/// Điển Hình patch (PATCHES.md): statements kept compiled per connection.
@Suite("Kept statements")
struct KeptStatementTests {
    @Test
    func sameTextRunsAgainWithOtherBinds() async throws {
        try await withOpenedConnection { conn in
            _ = try await conn.query("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB)")
            for i in 1...5 {
                _ = try await conn.query("INSERT INTO t (id, name) VALUES (?, ?)", [.integer(i), .text("n\(i)")])
            }
            let before = conn.keptStatementCount
            for i in 1...5 {
                let rows = try await conn.query("SELECT id, name FROM t WHERE id >= ? ORDER BY id", [.integer(i)])
                #expect(rows.map { $0.column("id")?.integer } == Array(i...5))
                #expect(rows.first?.column("name")?.string == "n\(i)")
            }
            // The SELECT is kept once, whatever its binds.
            #expect(conn.keptStatementCount == before + 1)
            // The futures API takes the same kept statement.
            let ids = NIOLockedValueBox<[Int?]>([])
            try await conn.query("SELECT id, name FROM t WHERE id >= ? ORDER BY id", [.integer(4)], logger: conn.logger) {
                row in ids.withLockedValue { $0.append(row.column("id")?.integer) }
            }.get()
            #expect(ids.withLockedValue { $0 } == [4, 5])
            #expect(conn.keptStatementCount == before + 1)
        }
    }

    /// `queryRowsAtOnce`: every row in order, on the thread that steps the statement (not the event loop), the
    /// future completed once on the connection's loop; the kept statement is the same as the other APIs'; an error
    /// fails the future and keeps nothing.
    @Test
    func rowsAtOnce() async throws {
        try await withOpenedConnection { conn in
            _ = try await conn.query("CREATE TABLE r (id INTEGER PRIMARY KEY, name TEXT)")
            for i in 1...300 {
                _ = try await conn.query("INSERT INTO r (id, name) VALUES (?, ?)", [.integer(i), .text("n\(i)")])
            }
            let text = "SELECT id, name FROM r WHERE id >= ? ORDER BY id"
            _ = try await conn.query(text, [.integer(1)])
            let before = conn.keptStatementCount
            let seen = NIOLockedValueBox<(ids: [Int?], onLoop: Int)>(([], 0))
            let loop = conn.eventLoop
            let future = conn.queryRowsAtOnce(text, [.integer(2)]) { row in
                seen.withLockedValue {
                    $0.ids.append(row.column("id")?.integer)
                    if loop.inEventLoop { $0.onLoop += 1 }
                }
            }
            let completedOnLoop = try await future.map { loop.inEventLoop }.get()
            #expect(completedOnLoop)
            #expect(seen.withLockedValue { $0.ids } == Array(2...300))
            #expect(seen.withLockedValue { $0.onLoop } == 0)
            #expect(conn.keptStatementCount == before)
            await #expect(throws: (any Error).self) {
                try await conn.queryRowsAtOnce("SELECT * FROM missing", []) { _ in }.get()
            }
            #expect(conn.keptStatementCount == before)
        }
    }

    @Test
    func missingBindsAreNull() async throws {
        try await withOpenedConnection { conn in
            // A run with fewer binds than parameters reads NULL for the rest, not the last run's values.
            let full = try await conn.query("SELECT ?1 AS a, ?2 AS b", [.integer(1), .text("x")])
            #expect(full.first?.column("b")?.string == "x")
            let partial = try await conn.query("SELECT ?1 AS a, ?2 AS b", [.integer(2)])
            #expect(partial.first?.column("a")?.integer == 2)
            #expect(partial.first?.column("b") == .null)
        }
    }

    @Test
    func failedStatementNotKept() async throws {
        try await withOpenedConnection { conn in
            _ = try await conn.query("CREATE TABLE u (id INTEGER PRIMARY KEY)")
            _ = try await conn.query("INSERT INTO u (id) VALUES (1)")
            let before = conn.keptStatementCount
            await #expect(throws: (any Error).self) {
                try await conn.query("INSERT INTO u (id) VALUES (?)", [.integer(1)])  // a constraint error
            }
            await #expect(throws: (any Error).self) { try await conn.query("SELECT * FROM missing") }
            #expect(conn.keptStatementCount == before)
            // The same text runs again after its failure, and is kept once it succeeds.
            _ = try await conn.query("INSERT INTO u (id) VALUES (?)", [.integer(2)])
            #expect(conn.keptStatementCount == before + 1)
            let rows = try await conn.query("SELECT count(*) AS n FROM u")
            #expect(rows.first?.column("n")?.integer == 2)
        }
    }

    @Test
    func schemaChangeReadsColumnsAgain() async throws {
        try await withOpenedConnection { conn in
            _ = try await conn.query("CREATE TABLE v (id INTEGER PRIMARY KEY)")
            _ = try await conn.query("INSERT INTO v (id) VALUES (1)")
            #expect(try await conn.query("SELECT * FROM v").first?.columns.map(\.name) == ["id"])
            _ = try await conn.query("ALTER TABLE v ADD COLUMN label TEXT DEFAULT 'x'")
            let row = try await conn.query("SELECT * FROM v").first
            #expect(row?.columns.map(\.name) == ["id", "label"])
            #expect(row?.column("label")?.string == "x")
            // Every row of a run after a change has the new columns, not only the first (three rows; a column
            // dropped: no value read under its old place).
            _ = try await conn.query("INSERT INTO v (id, label) VALUES (10, 'a'), (11, 'b')")
            _ = try await conn.query("ALTER TABLE v ADD COLUMN extra TEXT DEFAULT 'e'")
            let rows = try await conn.query("SELECT * FROM v")
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { $0.columns.map(\.name) == ["id", "label", "extra"] })
            #expect(rows.allSatisfy { $0.column("extra")?.string == "e" })
            _ = try await conn.query("ALTER TABLE v DROP COLUMN label")
            let after = try await conn.query("SELECT * FROM v")
            #expect(after.allSatisfy { $0.columns.map(\.name) == ["id", "extra"] && $0.column("label") == nil })
            #expect(after.map { $0.column("extra")?.string } == ["e", "e", "e"])
            _ = try await conn.query("DELETE FROM v WHERE id >= 10")
            // An empty result after a change keeps nothing stale either.
            _ = try await conn.query("ALTER TABLE v ADD COLUMN other INTEGER")
            #expect(try await conn.query("SELECT * FROM v WHERE id = 2").isEmpty)
            _ = try await conn.query("INSERT INTO v (id) VALUES (2)")
            #expect(try await conn.query("SELECT * FROM v WHERE id = 2").first?.columns.map(\.name) == ["id", "extra", "other"])
        }
    }

    @Test
    func leastRecentlyUsedGoes() async throws {
        try await withOpenedConnection { conn in
            for i in 0..<100 {
                _ = try await conn.query("SELECT \(i) AS n")
            }
            #expect(conn.keptStatementCount == 64)
            // A kept text still runs; an evicted one is compiled again.
            #expect(try await conn.query("SELECT 99 AS n").first?.column("n")?.integer == 99)
            #expect(try await conn.query("SELECT 0 AS n").first?.column("n")?.integer == 0)
        }
    }

    @Test
    func keptStatementsAreReset() async throws {
        // A kept statement has been reset (`busy` 0 in SQLite's own list of the connection's statements): it holds no
        // read transaction and no lock.
        try await withOpenedConnection { conn in
            _ = try await conn.query("CREATE TABLE w (id INTEGER PRIMARY KEY)")
            _ = try await conn.query("INSERT INTO w (id) VALUES (1), (2)")
            _ = try await conn.query("SELECT id FROM w")
            _ = try await conn.query("SELECT id FROM w")
            let listed = try await conn.query("SELECT sql, busy FROM sqlite_stmt WHERE sql = 'SELECT id FROM w'")
            #expect(listed.count == 1)
            #expect(listed.first?.column("busy")?.integer == 0)
        }
    }

    @Test
    func keptStatementNotCompiledAgain() async throws {
        // A plan that uses a bound value (`LIMIT ?`) is compiled once more at its first run, when SQLite sees the
        // value (`reprep` in SQLite's own list of statements: 1), and not again while the value keeps its kind: still 1
        // after five runs. (Clearing the bindings between runs would mark it for compiling again every time.)
        try await withOpenedConnection { conn in
            _ = try await conn.query("CREATE TABLE r (id INTEGER PRIMARY KEY, name TEXT)")
            _ = try await conn.query("INSERT INTO r (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')")
            let text = "SELECT id FROM r WHERE id >= ? ORDER BY id LIMIT ?"
            func listed() async throws -> (reprep: Int?, run: Int?) {
                let row = try await conn.query("SELECT reprep, run FROM sqlite_stmt WHERE sql = ?", [.text(text)]).first
                return (row?.column("reprep")?.integer, row?.column("run")?.integer)
            }
            for i in 1...5 {
                let rows = try await conn.query(text, [.integer(i % 3 + 1), .integer(2)])
                #expect(rows.first?.column("id")?.integer == i % 3 + 1)
                let (reprep, run) = try await listed()
                #expect(reprep == 1 && run == i, "run \(i): reprep \(String(describing: reprep))")
            }
        }
    }

    @Test
    func largeBindNotKept() async throws {
        // A statement that bound a large blob is finalized, not kept holding its copy.
        try await withOpenedConnection { conn in
            _ = try await conn.query("CREATE TABLE f (id INTEGER PRIMARY KEY, data BLOB)")
            let before = conn.keptStatementCount
            var big = ByteBuffer()
            big.writeRepeatingByte(7, count: 100_000)
            _ = try await conn.query("INSERT INTO f (id, data) VALUES (?, ?)", [.integer(1), .blob(big)])
            #expect(conn.keptStatementCount == before)
            let rows = try await conn.query("SELECT length(data) AS n FROM f WHERE id = 1")
            #expect(rows.first?.column("n")?.integer == 100_000)
        }
    }

    /// `queryRowsHere`: every row on the calling thread, the statement kept as by the other APIs; with `readOnly` a
    /// statement that writes is not run (false), even one that begins with WITH, and it stays kept; an error in the
    /// middle of the rows is thrown after the rows before it, and the connection goes on.
    @Test
    func rowsHere() async throws {
        try await withOpenedConnection { conn in
            _ = try await conn.query("CREATE TABLE h (id INTEGER PRIMARY KEY, note TEXT)")
            for i in 1...3 {
                _ = try await conn.query("INSERT INTO h (id, note) VALUES (?, ?)", [.integer(i), .text("n\(i)")])
            }
            let read = "SELECT id, note FROM h WHERE id >= ? ORDER BY id"
            _ = try await conn.query(read, [.integer(1)])
            let before = conn.keptStatementCount
            var ids: [Int?] = []
            #expect(try conn.queryRowsHere(read, [.integer(2)], readOnly: true) { ids.append($0.column("id")?.integer) })
            #expect(ids == [2, 3] && conn.keptStatementCount == before)
            // A write, even one that begins as a read does, is not run when only reads are asked for; it is kept.
            let write = "WITH x(n) AS (SELECT 'bốn') INSERT INTO h (note) SELECT n FROM x"
            for _ in 0..<2 { #expect(try conn.queryRowsHere(write, [], readOnly: true) { _ in } == false) }
            #expect(try await conn.query("SELECT count(*) AS n FROM h").first?.column("n")?.integer == 3)
            #expect(conn.keptStatementCount == before + 2)
            // Without `readOnly` it runs.
            #expect(try conn.queryRowsHere(write, [], readOnly: false) { _ in })
            #expect(try await conn.query("SELECT note FROM h WHERE id = 4").first?.column("note")?.string == "bốn")
            // An error after the first row: the rows before it were handed over, the error is thrown.
            var seen = 0
            #expect(throws: (any Error).self) {
                try conn.queryRowsHere(
                    "SELECT CASE WHEN id > 1 THEN json('x{') ELSE id END AS v FROM h ORDER BY id", [], readOnly: true
                ) { _ in seen += 1 }
            }
            #expect(seen == 1)
            ids = []
            #expect(try conn.queryRowsHere(read, [.integer(4)], readOnly: true) { ids.append($0.column("id")?.integer) })
            #expect(ids == [4])
        }
    }

    /// `openHere` opens on the calling thread a connection the other APIs then use as one `open` made.
    @Test
    func openedHere() async throws {
        let conn = try SQLiteConnection.openHere(
            storage: .memory, threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton.any())
        _ = try await conn.query("CREATE TABLE o (id INTEGER PRIMARY KEY)")
        _ = try await conn.query("INSERT INTO o (id) VALUES (7)")
        var ids: [Int?] = []
        #expect(try conn.queryRowsHere("SELECT id FROM o", [], readOnly: true) { ids.append($0.column("id")?.integer) })
        #expect(ids == [7])
        try await conn.close()
    }
}
