import FluentKit
import FluentSQL
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SQLiteKit
import Testing
import Vapor

@testable import App

/// SQLite's connections (`SQLiteConnections.swift`): readers beside a slow query, one writer a transaction.
/// SQLite only: PostgreSQL has its own pool and row locks.
@Suite("SQLite: several readers an event loop, and transactions that take the write lock when they begin")
struct SQLiteConnectionsTests {
    static var onSQLite: Bool { (ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty }

    @Test(
        "DIENHINH_SQLITE_READERS: 1–16, DIENHINH_SQLITE_WRITE_WAIT: 1–600, DIENHINH_SQL_LOG and DIENHINH_NIO_EXECUTOR: 1 or 0"
    )
    func readersFromTheEnvironment() throws {
        let dir = NSTemporaryDirectory()
        #expect(try AppConfig.fromEnvironment([:], workingDirectory: dir).sqliteWriteWait == 45)
        #expect(
            try AppConfig.fromEnvironment(["DIENHINH_SQLITE_WRITE_WAIT": "5"], workingDirectory: dir).sqliteWriteWait
                == 5)
        for bad in ["0", "601", "năm"] {
            expectRefused(
                ["DIENHINH_SQLITE_WRITE_WAIT": bad], naming: "DIENHINH_SQLITE_WRITE_WAIT", saying: "từ 1 đến 600")
        }
        // DIENHINH_NIO_EXECUTOR: read alike by `main.swift` (`LoopExecutor.wanted`) and by the configuration.
        // Unset: on, on either database.
        let postgres = ["DATABASE_URL": "postgres://u:p@localhost:5432/db"]
        let cases: [([String: String], Bool)] = [
            ([:], true), (postgres, true), (["DIENHINH_NIO_EXECUTOR": "1"], true),
            (["DIENHINH_NIO_EXECUTOR": "yes"], true), (["DIENHINH_NIO_EXECUTOR": "0"], false),
            (postgres.merging(["DIENHINH_NIO_EXECUTOR": "off"]) { a, _ in a }, false),
            (postgres.merging(["DIENHINH_NIO_EXECUTOR": " No "]) { a, _ in a }, false),
        ]
        for (env, on) in cases {
            #expect(try AppConfig.fromEnvironment(env, workingDirectory: dir).loopExecutor == on, "\(env)")
            #expect(LoopExecutor.wanted(env) == on, "\(env)")
        }
        expectRefused(["DIENHINH_NIO_EXECUTOR": "có"], naming: "DIENHINH_NIO_EXECUTOR")
        // DIENHINH_HEAVY_OFF_LOOP: heavy pages off the loops (when the loops are the executor); by default on SQLite,
        // not on PostgreSQL.
        #expect(try AppConfig.fromEnvironment([:], workingDirectory: dir).heavyOffLoop == true)
        #expect(try AppConfig.fromEnvironment(postgres, workingDirectory: dir).heavyOffLoop == false)
        #expect(
            try AppConfig.fromEnvironment(["DIENHINH_HEAVY_OFF_LOOP": "0"], workingDirectory: dir).heavyOffLoop == false
        )
        let postgresOffLoop = postgres.merging(["DIENHINH_HEAVY_OFF_LOOP": "1"]) { a, _ in a }
        #expect(try AppConfig.fromEnvironment(postgresOffLoop, workingDirectory: dir).heavyOffLoop == true)
        expectRefused(["DIENHINH_HEAVY_OFF_LOOP": "có"], naming: "DIENHINH_HEAVY_OFF_LOOP")
        #expect(try AppConfig.fromEnvironment([:], workingDirectory: dir).sqlLog == false)
        #expect(try AppConfig.fromEnvironment(["DIENHINH_SQL_LOG": "1"], workingDirectory: dir).sqlLog == true)
        expectRefused(["DIENHINH_SQL_LOG": "có"], naming: "DIENHINH_SQL_LOG")
        let standard = try AppConfig.fromEnvironment([:], workingDirectory: dir).sqliteReaders
        #expect((2...4).contains(standard))
        #expect(
            try AppConfig.fromEnvironment(["DIENHINH_SQLITE_READERS": "6"], workingDirectory: dir).sqliteReaders == 6)
        for bad in ["0", "17", "bốn"] {
            expectRefused(["DIENHINH_SQLITE_READERS": bad], naming: "DIENHINH_SQLITE_READERS", saying: "từ 1 đến 16")
        }
    }

    /// Each transaction reads, then writes: with `BEGIN` (deferred) the later writers' snapshots are stale when the
    /// first commits and SQLite answers SQLITE_BUSY at once (the 500s under concurrent writes).
    @Test("DIENHINH_SQLITE_MMAP_MB 0–2047 and DIENHINH_SQLITE_CACHE_MB 1–1024 are set on every request connection")
    func mapAndCacheOfTheRequestConnections() async throws {
        let dir = NSTemporaryDirectory()
        let standard = try AppConfig.fromEnvironment([:], workingDirectory: dir)
        #expect(standard.sqliteMmapMiB == 0 && standard.sqliteCacheMiB == 2)
        let set = try AppConfig.fromEnvironment(
            ["DIENHINH_SQLITE_MMAP_MB": "64", "DIENHINH_SQLITE_CACHE_MB": "8"], workingDirectory: dir)
        #expect(set.sqliteMmapMiB == 64 && set.sqliteCacheMiB == 8)
        for (name, bad, range) in [
            ("DIENHINH_SQLITE_MMAP_MB", "2048", "từ 0 đến 2047"), ("DIENHINH_SQLITE_MMAP_MB", "-1", "từ 0 đến 2047"),
            ("DIENHINH_SQLITE_CACHE_MB", "0", "từ 1 đến 1024"), ("DIENHINH_SQLITE_CACHE_MB", "tám", "từ 1 đến 1024"),
        ] {
            expectRefused([name: bad], naming: name, saying: range)
        }
        guard Self.onSQLite else { return }
        let settings: (inout AppConfig) -> Void = {
            $0.sqliteMmapMiB = 64
            $0.sqliteCacheMiB = 8
        }
        try await withTestApp(demo: false, adjust: settings) { app in
            var checked = 0
            for loop in app.eventLoopGroup.makeIterator() {
                let db = try app.databases.database(.sqlite, logger: app.logger, on: loop).orThrow()
                for connection in try (db as? SQLiteConnectionsDatabase).orThrow().connections {
                    let mmap = try await connection.raw("PRAGMA mmap_size").first()?.decode(
                        column: "mmap_size", as: Int.self)
                    let cache = try await connection.raw("PRAGMA cache_size").first()?.decode(
                        column: "cache_size", as: Int.self)
                    #expect(mmap == 64 * 1_048_576 && cache == -8 * 1024)
                    checked += 1
                }
            }
            let loops = app.eventLoopGroup.makeIterator().reduce(0) { n, _ in n + 1 }
            #expect(checked == loops * (try #require(app.config).sqliteReaders))
        }
    }

    @Test(.enabled(if: onSQLite)) func readThenWriteTransactionsAllCommit() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try app.db.sql()
            try await sql.raw("CREATE TABLE probe_writes (id INTEGER PRIMARY KEY, seen INTEGER NOT NULL)").run()
            let loops = Array(app.eventLoopGroup.makeIterator())
            let failures = try await withThrowingTaskGroup(of: String?.self) { group in
                for i in 0..<60 {
                    let db = try #require(
                        app.databases.database(.sqlite, logger: app.logger, on: loops[i % loops.count]))
                    group.addTask {
                        do {
                            try await db.transaction { tx in
                                let row = try await tx.sql().raw("SELECT count(*) AS n FROM probe_writes").first()
                                let seen = try row?.decode(column: "n", as: Int.self) ?? -1
                                try await tx.sql().raw("INSERT INTO probe_writes (seen) VALUES (\(bind: seen))").run()
                            }
                            return nil
                        } catch {
                            return String(reflecting: error)
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { if let f = $1 { $0.append(f) } }
            }
            #expect(failures.isEmpty, "\(failures.count) transactions failed: \(failures.prefix(3))")
            let rows = try await sql.raw("SELECT seen FROM probe_writes ORDER BY id").all()
            let seen = try rows.map { try $0.decode(column: "seen", as: Int.self) }
            // One writer at a time: each transaction saw exactly the rows committed before it.
            #expect(seen == Array(0..<60))
        }
    }

    /// A slow read on one event loop; quick reads on the same loop finish while it still runs. With one connection
    /// an event loop they queued behind it.
    @Test(.enabled(if: onSQLite)) func aSlowReadDoesNotHoldUpItsLoop() async throws {
        try await withTestApp(demo: false) { app in
            #expect(try #require(app.config).sqliteReaders >= 2)
            let loop = app.eventLoopGroup.next()
            let db = try #require(app.databases.database(.sqlite, logger: app.logger, on: loop))
            let slowDone = NIOLockedValueBox(false)
            let slowStarted = NIOLockedValueBox(false)
            let slow = Task {
                slowStarted.withLockedValue { $0 = true }
                let row = try await db.sql().raw(
                    """
                    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000000)
                    SELECT count(*) AS n FROM c
                    """
                ).first()
                slowDone.withLockedValue { $0 = true }
                return try row?.decode(column: "n", as: Int.self)
            }
            while !slowStarted.withLockedValue({ $0 }) { await Task.yield() }
            try await Task.sleep(for: .milliseconds(50))
            var finishedWhileSlowRan = 0
            for _ in 0..<10 {
                let row = try await db.sql().raw("SELECT count(*) AS n FROM units").first()
                #expect(try row?.decode(column: "n", as: Int.self) != nil)
                if !slowDone.withLockedValue({ $0 }) { finishedWhileSlowRan += 1 }
            }
            #expect(try await slow.value == 20_000_000)
            #expect(
                finishedWhileSlowRan == 10, "quick reads that waited for the slow one: \(10 - finishedWhileSlowRan)")
        }
    }

    /// Models (many rows, `first()`, a count, a join) and SQLKit statements read through the connection's
    /// `queryRowsAtOnce` give the same rows, a joined model's columns included.
    @Test(.enabled(if: onSQLite)) func modelsAndStatementsGiveTheSameRows() async throws {
        try await withTestApp { app in
            let db = app.db
            let sql = try db.sql()

            let many = try await UnitModel.query(on: db).sort(\.$id).all()
            let raw = try await sql.raw("SELECT id, name FROM units ORDER BY id").all()
            #expect(many.count > 5 && many.count == raw.count)
            #expect(try many.map(\.id) == raw.map { try $0.decode(column: "id", as: Int?.self) })
            #expect(try many.map(\.name) == raw.map { try $0.decode(column: "name", as: String.self) })
            let first = try await UnitModel.query(on: db).sort(\.$id).first()
            #expect(first?.id == many.first?.id && first?.name == many.first?.name)
            #expect(try await UnitModel.query(on: db).count() == many.count)
            // A join: each model read from its own prefixed columns.
            let subjects = try await SubjectModel.query(on: db)
                .join(UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id).sort(\.$id).all()
            #expect(subjects.count > 5)
            for subject in subjects {
                let unit = try subject.joined(UnitModel.self)
                #expect(unit.id == subject.$unit.id && many.contains { $0.id == unit.id && $0.name == unit.name })
            }
        }
    }

    /// Every read's rows are `SQLiteTypedRow`s (SQL and models, few rows and many), and a typed row decodes every
    /// kind of stored value as SQLiteKit's own row does — the same value, or an error where it throws one.
    @Test(.enabled(if: onSQLite)) func typedRowsDecodeAsSQLiteKitsRows() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try app.db.sql()
            for statement in ["SELECT 1 AS x", "SELECT 1 AS x UNION ALL SELECT 2"] {
                let rows = try await sql.raw(SQLQueryString(statement)).all()
                #expect(!rows.isEmpty && rows.allSatisfy { $0 is SQLiteTypedRow }, "\(statement)")
            }
            let few = try await sql.select().column(SQLRaw("1")).limit(1).all()
            #expect(!few.isEmpty && few.allSatisfy { $0 is SQLiteTypedRow })
            let row = try #require(
                try await sql.raw(
                    """
                    SELECT 'tên' AS t, '12' AS tn, 7 AS i, 2.5 AS f, NULL AS n, x'00ff' AS b, 1 AS one, 0 AS zero,
                    'true' AS tt
                    """
                ).first())
            let typed = try #require(row as? SQLiteTypedRow)
            let theirs = typed.row.sql(decoder: typed.decoder)
            func same<D: Decodable & Equatable>(_ type: D.Type) {
                for column in typed.allColumns + ["missing"] {
                    let mine = Result { try typed.decode(column: column, as: D.self) }
                    let kit = Result { try theirs.decode(column: column, as: D.self) }
                    switch (mine, kit) {
                    case (.success(let a), .success(let b)): #expect(a == b, "\(column) as \(D.self)")
                    case (.failure, .failure): break
                    default: Issue.record("\(column) as \(D.self): \(mine) here, \(kit) in SQLiteKit")
                    }
                }
            }
            same(String.self)
            same(String?.self)
            same(Int.self)
            same(Int?.self)
            same(Double.self)
            same(Double?.self)
            same(Bool.self)
            same(Bool?.self)
            same(Int64.self)
            same(Data.self)
            same(Data?.self)
            #expect(try typed.decode(column: "t", as: String.self) == "tên")
            #expect(try typed.decode(column: "n", as: Int?.self) == nil)
            #expect(try typed.decodeNil(column: "n") && !(try typed.decodeNil(column: "i")))
            #expect(typed.contains(column: "f") && !typed.contains(column: "missing"))
        }
    }

    /// Statements are serialised with SQLiteKit's dialect made once (`SQLiteSerializing`): the same text and binds as
    /// through the driver's database, for model queries (filters, a join, sorts, limits), a count and raw SQL.
    @Test(.enabled(if: onSQLite)) func serialisedAsTheDriverDoes() async throws {
        try await withTestApp(demo: false) { app in
            try await app.db.withConnection { connection in
                let driver = connection as! any SQLDatabase
                let ours = SQLiteSerializing(base: driver)
                let converter = SQLQueryConverter(delegate: ReadConverterDelegate())
                let statements: [any SQLExpression] = [
                    converter.convert(
                        UnitModel.query(on: connection).filter(\.$name == "Xã “Tân” \"A\"").sort(\.$id).limit(5).query),
                    converter.convert(
                        SubjectModel.query(on: connection)
                            .join(UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id)
                            .filter(UnitModel.self, \.$code ~~ "xa").sort(\.$name).range(10..<20).query),
                    converter.convert(UnitModel.query(on: connection).filter(\.$id ~~ [1, 2, 3]).query),
                    SQLQueryString("SELECT \(ident: "a\"b"), \(literal: "l'x") FROM units WHERE id = \(bind: 4)"),
                ]
                for statement in statements {
                    let (text, binds) = ours.serialize(statement)
                    let (theirs, theirBinds) = driver.serialize(statement)
                    #expect(text == theirs)
                    #expect(binds.map { "\($0)" } == theirBinds.map { "\($0)" })
                }
                return connection.eventLoop.makeSucceededVoidFuture()
            }.get()
        }
    }

    /// A transaction's closure gets its one connection: what it wrote is visible to it before the commit, a
    /// nested transaction joins it, and a failure rolls the whole back.
    @Test(.enabled(if: onSQLite)) func aTransactionIsOneConnection() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try app.db.sql()
            try await sql.raw("CREATE TABLE probe_tx (id INTEGER PRIMARY KEY, v TEXT NOT NULL)").run()
            struct Stop: Error {}
            await #expect(throws: Stop.self) {
                try await app.db.transaction { tx in
                    try await tx.sql().raw("INSERT INTO probe_tx (v) VALUES ('a')").run()
                    try await tx.transaction { inner in
                        #expect(inner.inTransaction)
                        try await inner.sql().raw("INSERT INTO probe_tx (v) VALUES ('b')").run()
                    }
                    for _ in 0..<8 {
                        let n = try await tx.sql().raw("SELECT count(*) AS n FROM probe_tx").first()
                        #expect(try n?.decode(column: "n", as: Int.self) == 2)
                    }
                    throw Stop()
                }
            }
            let n = try await sql.raw("SELECT count(*) AS n FROM probe_tx").first()
            #expect(try n?.decode(column: "n", as: Int.self) == 0)
        }
    }

    /// The gate hands the write turn in the order it was asked for, and refuses one that waited too long.
    @Test func theWriteGateServesInOrderAndRefusesALongWait() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loops = Array(group.makeIterator())
        let gate = FairGate(timeout: .milliseconds(300))
        #expect(try await gate.acquire(on: loops[0]).get() == false)
        let order = NIOLockedValueBox<[Int]>([])
        var turns: [EventLoopFuture<Void>] = []
        for i in 0..<6 {
            turns.append(
                gate.acquire(on: loops[i % 2]).map { waited in
                    order.withLockedValue { $0.append(waited ? i : -1) }
                    gate.release()
                })
        }
        #expect(gate.waiting == 6)
        gate.release()
        for t in turns { try await t.get() }
        #expect(order.withLockedValue { $0 } == Array(0..<6))
        // Held, and nobody lets go: the next writer is refused after the timeout with a 503 and Retry-After.
        _ = try await gate.acquire(on: loops[1]).get()
        do {
            _ = try await gate.acquire(on: loops[0]).get()
            Issue.record("a writer got the turn while another held it")
        } catch let e as AppError {
            #expect(e.status == .serviceUnavailable && e.code == .busy && (e.retryAfter ?? 0) >= 1)
        }
        #expect(gate.waiting == 0 && gate.refused == 1)
        gate.release()
        #expect(try await gate.acquire(on: loops[0]).get() == false)
        gate.release()
        #expect(gate.held == 0)
        try await group.shutdownGracefully()
    }

    /// A long write ahead of it: the request waits its turn for DIENHINH_SQLITE_WRITE_WAIT seconds, then gets a 503
    /// with Retry-After and a Vietnamese message, and nothing of it is saved; sent again once the write is over, it
    /// is saved.
    static func impatientWrites(_ c: inout AppConfig) { c.sqliteWriteWait = 1 }

    @Test(.enabled(if: onSQLite)) func aWriteThatWaitsTooLongIsA503AndSavesNothing() async throws {
        try await withTestApp(adjust: Self.impatientWrites) { app in
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let body: [String: Any] = [
                "year": 2024, "unitID": unit, "typeCode": "MH-15", "title": "Mô hình trồng sâm dây",
                "subject": ["kind": "household", "name": "Hộ bà Y Lan"],
            ]
            let before = try await RegistrationModel.query(on: app.db).count()
            // The long write holds its turn until the request has been answered (at most a minute).
            let started = NIOLockedValueBox(false)
            let answered = NIOLockedValueBox(false)
            let long = Task {
                try await app.db.transaction { tx in
                    try await tx.sql().raw("UPDATE audit_state SET id = id WHERE id = 1").run()
                    started.withLockedValue { $0 = true }
                    for _ in 0..<600 where !answered.withLockedValue({ $0 }) {
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
            }
            while !started.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            let refused = try await api.send(.POST, "/api/v1/registrations", json: body)
            answered.withLockedValue { $0 = true }
            #expect(refused.status == .serviceUnavailable, "\(refused.text)")
            #expect(Int(refused.headers.first(name: .retryAfter) ?? "") ?? 0 >= 1)
            let error = try refused.jsonObject()
            #expect(error["code"] as? String == "busy")
            #expect((error["message"] as? String)?.contains("Máy chủ đang bận") == true)
            try await long.value
            #expect(try await RegistrationModel.query(on: app.db).count() == before)
            let saved = try await api.send(.POST, "/api/v1/registrations", json: body)
            #expect(saved.status == .created, "\(saved.text)")
            #expect(try await RegistrationModel.query(on: app.db).count() == before + 1)
        }
    }
}
