import Domain
import FluentKit
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor

@testable import App

private func postgresCast(_ app: Application) -> String { app.db.isPostgres ? "::text" : "" }

/// `Database.sql()` reads rows through the app's typed rows (`PostgresTypedRow`, `SQLiteTypedRow`): each value as the
/// driver's own row reads it, nulls and errors included, and binds of every kind reach the statement.
/// Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
@Suite("Typed rows: the app's SQL reads what the driver's rows read")
struct TypedRowTests {
    struct Values: Equatable {
        var text: String
        var nothing: String?
        var small: Int
        var big: Int
        var noNumber: Int?
        var real: Double
        var decimal: Double
        var yes: Bool
        var maybe: Bool?
        var status: RegistrationStatus
        var stamp: Date
        var echoed: String
        var echoedNumber: Int
        var echoedNil: String?

        init(_ row: any SQLRow) throws {
            text = try row.decode(column: "text", as: String.self)
            nothing = try row.decode(column: "absent", as: String?.self)
            small = try row.decode(column: "small", as: Int.self)
            big = try row.decode(column: "big", as: Int.self)
            noNumber = try row.decode(column: "no_number", as: Int?.self)
            real = try row.decode(column: "real", as: Double.self)
            decimal = try row.decode(column: "decimal", as: Double.self)
            yes = try row.decode(column: "yes", as: Bool.self)
            maybe = try row.decode(column: "maybe", as: Bool?.self)
            status = try row.decodeCode(column: "status", as: RegistrationStatus.self)
            stamp = try row.decode(column: "stamp", as: Date.self)
            echoed = try row.decode(column: "echoed", as: String.self)
            echoedNumber = try row.decode(column: "echoed_number", as: Int.self)
            echoedNil = try row.decode(column: "echoed_nil", as: String?.self)
        }
    }

    @Test("Strings, integers, reals, decimals, booleans, nulls and enums; binds of each kind; errors stay errors")
    func sameValues() async throws {
        try await withTestApp(demo: false) { app in
            let postgres = app.db.isPostgres
            let name = "Nguyễn Thị Ánh Tuyết — “Đảm đang”"
            // Binds PostgresNIO encodes itself: a string, an integer.
            let query: SQLQueryString =
                postgres
                ? """
                SELECT 'Đắk Rông'::text AS text, NULL::text AS absent, 42 AS small, 9007199254740993::bigint AS big,
                NULL::int AS no_number, 2.5::float8 AS real, 1.25::numeric AS decimal, true AS yes, NULL::bool AS maybe,
                'registered'::text AS status, '2025-12-05 10:00:00+00'::timestamptz AS stamp,
                \(bind: name)::text AS echoed, \(bind: 7)::bigint AS echoed_number,
                NULL::text AS echoed_nil
                """
                : """
                SELECT 'Đắk Rông' AS text, NULL AS absent, 42 AS small, 9007199254740993 AS big, NULL AS no_number,
                2.5 AS real, 1.25 AS decimal, 1 AS yes, NULL AS maybe, 'registered' AS status, 1764928800.0 AS stamp,
                \(bind: name) AS echoed,
                \(bind: 7) AS echoed_number, NULL AS echoed_nil
                """
            let typed = try #require(try await app.db.sql().raw(query).first())
            if postgres { #expect(typed is PostgresTypedRow) }
            let driver = try #require(try await (app.db as! any SQLDatabase).raw(query).first())
            let values = try Values(typed)
            #expect(values == (try Values(driver)))
            #expect(values.text == "Đắk Rông" && values.nothing == nil && values.small == 42)
            #expect(values.big == 9_007_199_254_740_993 && values.noNumber == nil)
            #expect(values.real == 2.5 && values.decimal == 1.25 && values.yes && values.maybe == nil)
            #expect(values.status == .registered && values.echoed == name && values.echoedNumber == 7)
            #expect(try driver.decode(column: "status", as: RegistrationStatus.self) == values.status)
            #expect(values.echoedNil == nil && values.stamp == Date(timeIntervalSince1970: 1_764_928_800))
            #expect(typed.allColumns.count == 14 && typed.contains(column: "echoed") && !typed.contains(column: "x"))
            #expect(try typed.decodeNil(column: "absent") && !(try typed.decodeNil(column: "text")))
            // What cannot be read is an error, as through the driver's row: a missing column, a null where a value
            // must be, a text as a number, a text that is no status's code.
            for row in [typed, driver] {
                #expect(throws: (any Error).self) { try row.decode(column: "missing", as: String.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "absent", as: String.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "text", as: Int.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "text", as: RegistrationStatus.self) }
                #expect(throws: (any Error).self) { try row.decodeCode(column: "text", as: RegistrationStatus.self) }
            }
            // A code that names no status is an error naming the column and the code (`SQLRow.decode` of a code
            // type), never a default.
            let unknown = #expect(throws: DecodingError.self) {
                try typed.decodeCode(column: "text", as: RegistrationStatus.self)
            }
            if case .dataCorrupted(let context) = unknown {
                #expect(context.debugDescription.holds("“text”") && context.debugDescription.holds("Đắk Rông"))
            } else {
                Issue.record("not a data error: \(String(describing: unknown))")
            }
            // PostgreSQL: a cell is read from its bytes, but a failure is PostgresNIO's error, with the column.
            if postgres {
                let mismatch = #expect(throws: PostgresDecodingError.self) {
                    try typed.decode(column: "text", as: Int.self)
                }
                #expect(mismatch?.columnName == "text" && mismatch?.code == .typeMismatch)
                let missing = #expect(throws: PostgresDecodingError.self) {
                    try typed.decode(column: "absent", as: String.self)
                }
                #expect(missing?.columnName == "absent" && missing?.code == .missingData)
                // An optional's too: its type is PostgresNIO's, and so is its error.
                let optional = #expect(throws: PostgresDecodingError.self) {
                    try typed.decode(column: "text", as: Int?.self)
                }
                #expect(optional?.columnName == "text" && optional?.code == .typeMismatch)
                #expect(optional.map { $0.targetType == Int?.self } == true)
                let flag = #expect(throws: PostgresDecodingError.self) {
                    try typed.decode(column: "text", as: Bool.self)
                }
                #expect(flag?.columnName == "text" && flag?.code == .typeMismatch)
            }
        }
    }

    /// SQLite's flags (0 or 1) and moments (seconds since 1970, as a real or an integer) read directly
    /// (`SQLiteTypedRow.direct`): the values SQLiteNIO's decoder gives, its microsecond rounding included, and its
    /// refusals (a flag of 2, a null where a value must be) stay refusals.
    @Test
    func sqliteFlagsAndMomentsAsTheDriver() async throws {
        try await withTestApp(demo: false) { app in
            guard !app.db.isPostgres else { return }
            let query: SQLQueryString = """
                SELECT 1 AS yes, 0 AS no, 2 AS two, NULL AS none, 1764928800.1234567 AS real_stamp,
                1764928800 AS whole_stamp, -0.0000004 AS early, 'x' AS text
                """
            let typed = try #require(try await app.db.sql().raw(query).first())
            #expect(typed is SQLiteTypedRow)
            let driver = try #require(try await (app.db as! any SQLDatabase).raw(query).first())
            for row in [typed, driver] {
                #expect(try row.decode(column: "yes", as: Bool.self) && !(try row.decode(column: "no", as: Bool.self)))
                #expect(try row.decode(column: "yes", as: Bool?.self) == true)
                #expect(try row.decode(column: "none", as: Bool?.self) == nil)
                #expect(try row.decode(column: "none", as: Date?.self) == nil)
                #expect(throws: (any Error).self) { try row.decode(column: "two", as: Bool.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "none", as: Bool.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "none", as: Date.self) }
            }
            for column in ["real_stamp", "whole_stamp", "early"] {
                let ours = try typed.decode(column: column, as: Date.self)
                #expect(ours == (try driver.decode(column: column, as: Date.self)), "\(column)")
                #expect(try typed.decode(column: column, as: Date?.self) == ours, "\(column)")
            }
            #expect(
                try typed.decode(column: "real_stamp", as: Date.self).timeIntervalSinceReferenceDate
                    == ((1_764_928_800.1234567 - Date.timeIntervalBetween1970AndReferenceDate) * 1e6).rounded() / 1e6)
        }
    }

    @Test("Columns read in any order, read twice, or sharing a name give what the driver's row gives")
    func anyOrder() async throws {
        try await withTestApp(demo: false) { app in
            let query: SQLQueryString = """
                SELECT 1 AS a, 'hai' AS b, 3 AS c, NULL AS d, 5 AS e UNION ALL SELECT 6, 'bảy', 8, 9, 10
                """
            let typed = try await app.db.sql().raw(query).all()
            let driver = try await (app.db as! any SQLDatabase).raw(query).all()
            #expect(typed.count == 2 && driver.count == 2)
            var rng = SplitMix64(seed: 36)
            for (ours, theirs) in zip(typed, driver) {
                // In order, backwards, shuffled, each twice, with `contains` and `decodeNil` between.
                for order in [["a", "b", "c", "d", "e"], ["e", "d", "c", "b", "a"], ["b", "b", "a", "e", "e", "c"]]
                    + (0..<5).map({ _ in ["a", "b", "c", "d", "e"].shuffled(using: &rng) })
                {
                    for column in order {
                        #expect(ours.contains(column: column) && !ours.contains(column: "x"))
                        #expect(try ours.decodeNil(column: column) == theirs.decodeNil(column: column))
                        if column == "b" {
                            #expect(
                                try ours.decode(column: column, as: String.self)
                                    == theirs.decode(column: column, as: String.self))
                        } else {
                            #expect(
                                try ours.decode(column: column, as: Int?.self)
                                    == theirs.decode(column: column, as: Int?.self), "\(order) \(column)")
                        }
                    }
                }
            }
            // Two columns of one name (a `SELECT *` over a join): the same one as the driver's, read first or after.
            let twice: SQLQueryString = "SELECT 1 AS id, 2 AS other, 3 AS id"
            for reads in [["id"], ["other", "id"], ["id", "other", "id"]] {
                let ours = try #require(try await app.db.sql().raw(twice).first())
                let theirs = try #require(try await (app.db as! any SQLDatabase).raw(twice).first())
                for column in reads {
                    #expect(
                        try ours.decode(column: column, as: Int.self) == theirs.decode(column: column, as: Int.self),
                        "\(reads)")
                }
            }
        }
    }

    @Test("Binds the driver encodes its own way (an enum, a nil) send the statement its way, and it works")
    func driversBinds() async throws {
        try await withTestApp(demo: false) { app in
            let cast = postgresCast(app)
            let echoed = try #require(
                try await app.db.sql().raw("SELECT \(bind: RegistrationStatus.nurturing)\(unsafeRaw: cast) AS s")
                    .first())
            #expect(try echoed.decode(column: "s", as: RegistrationStatus.self) == .nurturing)
            // A nil with nothing to infer its type from: PostgresKit binds a NULL of the optional's wrapped type (an
            // untyped NULL here is PostgreSQL's "could not determine data type of parameter $1").
            let none: String? = nil
            let some: String? = "có"
            let tested = try #require(
                try await app.db.sql().raw(
                    """
                    SELECT CASE WHEN \(bind: none) IS NULL THEN 1 ELSE 0 END AS none_is_null,
                    CASE WHEN \(bind: some) IS NULL THEN 1 ELSE 0 END AS some_is_null
                    """
                ).first())
            #expect(try tested.decode(column: "none_is_null", as: Int.self) == 1)
            #expect(try tested.decode(column: "some_is_null", as: Int.self) == 0)
        }
    }

    struct RolledBack: Error {}

    @Test("Inside a transaction the statements run on its connection: they see its writes before the commit")
    func insideATransaction() async throws {
        try await withTestApp(demo: false) { app in
            let postgres = app.db.isPostgres
            try await app.db.sql().raw("CREATE TABLE typed_rows_probe (n INTEGER)").run()
            do {
                try await app.db.transaction { tx in
                    let sql = try tx.sql()
                    try await sql.raw("INSERT INTO typed_rows_probe (n) VALUES (\(bind: 5)), (\(bind: 6))").run()
                    // Rows not yet committed: only the transaction's own connection sees them.
                    let row = try #require(try await sql.raw("SELECT COUNT(*) AS c FROM typed_rows_probe").first())
                    #expect(try row.decode(column: "c", as: Int.self) == 2)
                    if postgres {
                        let pid: SQLQueryString = "SELECT pg_backend_pid() AS pid"
                        let ours = try #require(try await sql.raw(pid).first())
                        #expect(ours is PostgresTypedRow)
                        let driver = try #require(try await (tx as! any SQLDatabase).raw(pid).first())
                        #expect(
                            try ours.decode(column: "pid", as: Int.self) == driver.decode(column: "pid", as: Int.self))
                    }
                    throw RolledBack()
                }
            } catch is RolledBack {}
            let after = try #require(try await app.db.sql().raw("SELECT COUNT(*) AS c FROM typed_rows_probe").first())
            #expect(try after.decode(column: "c", as: Int.self) == 0)
            try await app.db.sql().raw("DROP TABLE typed_rows_probe").run()
        }
    }

    @Test("PostgreSQL: a statement run again on a connection is prepared there once and planned generically")
    func preparedOnce() async throws {
        try await withTestApp(demo: false) { app in
            guard app.db.isPostgres else { return }
            try await app.db.sql().raw("CREATE TABLE prepared_probe (id BIGINT PRIMARY KEY, name TEXT)").run()
            try await app.db.sql().raw(
                "INSERT INTO prepared_probe SELECT n, 'Đơn vị ' || n FROM generate_series(1, 8) n"
            ).run()
            // One connection: Fluent's `withConnection` counts as a transaction, where nothing is prepared, so the
            // typed SQL is made on it as `Database.sql()` makes it outside one.
            try await app.db.withConnection { db in
                let sql = PostgresTypedSQL(
                    base: db as! any SQLDatabase, postgres: db as! any PostgresDatabase, inTransaction: false)
                // A lookup by key: one text, eight values, each run reads its own row.
                for id in 1...8 {
                    let row = try #require(
                        try await sql.raw("SELECT name FROM prepared_probe WHERE id = \(bind: id)").first())
                    #expect(try row.decode(column: "name", as: String.self) == "Đơn vị \(id)")
                }
                // The same text with a text bind is another statement: the first was prepared for an integer.
                for value in ["7", "bảy"] as [any Encodable & Sendable] + [7] {
                    let row = try #require(try await sql.raw("SELECT CAST(\(bind: value) AS TEXT) AS v").first())
                    #expect(try row.decode(column: "v", as: String.self) == "\(value)")
                }
                let prepared = try await sql.raw(
                    """
                    SELECT statement, generic_plans + custom_plans AS runs, generic_plans FROM pg_prepared_statements
                    WHERE statement LIKE \(bind: "SELECT name FROM prepared_probe WHERE id = %")
                    OR statement LIKE \(bind: "SELECT CAST(%")
                    ORDER BY statement, runs
                    """
                ).all()
                let runs = try prepared.map { try $0.decode(column: "runs", as: Int.self) }
                #expect(runs == [1, 2, 8])
                // After five runs PostgreSQL keeps the lookup's generic plan: it is not planned again.
                #expect(try prepared.last?.decode(column: "generic_plans", as: Int.self) ?? 0 > 0)
            }
            // A preparation that failed on a connection (here: its table not made yet) is kept by PostgresNIO for
            // the name there; the statement runs unnamed once the table is there, and reads its rows.
            try await app.db.withConnection { db in
                let sql = PostgresTypedSQL(
                    base: db as! any SQLDatabase, postgres: db as! any PostgresDatabase, inTransaction: false)
                let read: SQLQueryString = "SELECT n FROM prepared_later WHERE n > \(bind: 0)"
                await #expect(throws: (any Error).self) { try await sql.raw(read).all() }
                try await sql.raw("CREATE TABLE prepared_later (n BIGINT)").run()
                try await sql.raw("INSERT INTO prepared_later VALUES (1), (2)").run()
                for _ in 0..<2 {
                    #expect(try await sql.raw(read).all().count == 2)
                }
                try await sql.raw("DROP TABLE prepared_later").run()
            }
            // In a transaction a statement is not prepared (its failure would stay with the name).
            try await app.db.transaction { tx in
                let sql = try tx.sql()
                _ = try await sql.raw("SELECT name FROM prepared_probe WHERE id = \(bind: -1) AND 1 = 1").all()
                let prepared = try await sql.raw(
                    "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%AND 1 = 1'"
                ).first()
                #expect(try prepared?.decode(column: "n", as: Int.self) == 0)
            }
            try await app.db.sql().raw("DROP TABLE prepared_probe").run()
        }
    }

    @Test("DIENHINH_PG_CONNECTIONS 1–64 sets each event loop's pool; on PostgreSQL no more are opened than that")
    func poolSize() async throws {
        let dir = NSTemporaryDirectory()
        #expect(try AppConfig.fromEnvironment([:], workingDirectory: dir).postgresConnections == 4)
        #expect(
            try AppConfig.fromEnvironment(["DIENHINH_PG_CONNECTIONS": "2"], workingDirectory: dir)
                .postgresConnections == 2)
        for bad in ["0", "65", "bốn"] {
            expectRefused(["DIENHINH_PG_CONNECTIONS": bad], naming: "DIENHINH_PG_CONNECTIONS", saying: "từ 1 đến 64")
        }
        try await withTestApp(
            adjust: { $0.postgresConnections = 1 },
            { app in
                guard app.db.isPostgres else { return }
                let loops = Array(app.eventLoopGroup.makeIterator())
                // Many statements at once on every loop: each loop's pool opens one connection and queues the rest.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for loop in loops {
                        for _ in 0..<8 {
                            group.addTask {
                                let db = try #require(app.databases.database(.psql, logger: app.logger, on: loop))
                                _ = try await db.sql().raw("SELECT pg_sleep(0.05)").all()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let sql = try app.db.sql()
                let name = try #require(
                    try await sql.raw("SELECT current_database() AS d").first()?.decode(
                        column: "d", as: String.self))
                let open = try #require(
                    try await sql.raw(
                        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = \(bind: name)"
                    ).first()?.decode(column: "n", as: Int.self))
                #expect(open <= loops.count, "\(open) connections for \(loops.count) loops")
            })
    }

    @Test(
        "DIENHINH_PG_POOL_WAIT 1–600: every pooled connection busy past it is a 503 with Retry-After, not a 500"
    )
    func poolWait() async throws {
        let dir = NSTemporaryDirectory()
        #expect(try AppConfig.fromEnvironment([:], workingDirectory: dir).postgresPoolWait == 10)
        #expect(
            try AppConfig.fromEnvironment(["DIENHINH_PG_POOL_WAIT": "3"], workingDirectory: dir).postgresPoolWait == 3)
        for bad in ["0", "601", "mười"] {
            expectRefused(["DIENHINH_PG_POOL_WAIT": bad], naming: "DIENHINH_PG_POOL_WAIT", saying: "từ 1 đến 600")
        }
        try await withTestApp(
            adjust: {
                $0.postgresConnections = 1
                $0.postgresPoolWait = 1
            },
            { app in
                guard app.db.isPostgres else { return }
                let api = try await APIClient.login(app, "noivu")
                let browser = Browser(app)
                try await browser.login("noivu")
                #expect(try await api.send(.GET, "/api/v1/registrations").status == .ok)
                // Each event loop's one connection held by a long statement: a request waits 1 s for it, then is told
                // to come back.
                let loops = Array(app.eventLoopGroup.makeIterator())
                // Each loop's connection opened first, so a holder below takes an idle one (opening one counts
                // against the same 1 s).
                for loop in loops {
                    let db = try #require(app.databases.database(.psql, logger: app.logger, on: loop))
                    try await db.sql().raw("SELECT 1").run()
                }
                let held = NIOLockedValueBox(0)
                let release = NIOLockedValueBox(false)
                let failure = NIOLockedValueBox<String?>(nil)
                // Held for at most about 8 s: with AsyncKit's 10 s instead of the setting's 1 s, the first request
                // would get a connection once they let go and answer 200.
                let holders = Task {
                    await withTaskGroup(of: Void.self) { group in
                        for loop in loops {
                            group.addTask {
                                do {
                                    let db = try #require(app.databases.database(.psql, logger: app.logger, on: loop))
                                    try await db.withConnection { conn in
                                        held.withLockedValue { $0 += 1 }
                                        for _ in 0..<80 where !release.withLockedValue({ $0 }) {
                                            try await conn.sql().raw("SELECT pg_sleep(0.1)").run()
                                        }
                                    }
                                } catch {
                                    failure.withLockedValue { $0 = String(reflecting: error) }
                                }
                            }
                        }
                    }
                }
                for _ in 0..<3000
                where held.withLockedValue({ $0 }) < loops.count && failure.withLockedValue({ $0 }) == nil {
                    try await Task.sleep(for: .milliseconds(10))
                }
                guard held.withLockedValue({ $0 }) == loops.count else {
                    release.withLockedValue { $0 = true }
                    await holders.value
                    Issue.record("not every connection was held: \(failure.withLockedValue { $0 } ?? "30 s passed")")
                    return
                }
                let refused = try await api.send(.GET, "/api/v1/registrations")
                let page = try await browser.send(.GET, "/app/registrations")
                release.withLockedValue { $0 = true }
                await holders.value
                #expect(failure.withLockedValue { $0 } == nil)
                #expect(refused.status == .serviceUnavailable, "\(refused.text)")
                #expect(Int(refused.headers.first(name: .retryAfter) ?? "") ?? 0 >= 1)
                let error = try refused.jsonObject()
                #expect(error["code"] as? String == "overloaded")
                #expect((error["message"] as? String)?.contains("chưa lấy được kết nối") == true)
                #expect(page.status == .serviceUnavailable)
                #expect(Int(page.headers.first(name: .retryAfter) ?? "") ?? 0 >= 1)
                #expect(page.text.contains("chưa lấy được kết nối"))
                // The connections free again: the same requests are answered.
                #expect(try await api.send(.GET, "/api/v1/registrations").status == .ok)
                #expect(try await browser.send(.GET, "/app/registrations").status == .ok)
            })
    }

    @Test("Prepared statements' names: one a text and its bind types, within the bound, queries only")
    func preparedNames() {
        let names = PreparedStatements(limit: 3)
        let first = names.name(sql: "SELECT 1 WHERE $1", types: [.int8])
        #expect(first != nil && names.name(sql: "SELECT 1 WHERE $1", types: [.int8]) == first)
        let text = names.name(sql: "SELECT 1 WHERE $1", types: [.text])
        #expect(text != nil && text != first)
        for unnamed in [
            "CREATE TABLE t (n int)", "UPDATE t SET n = $1", "SELECT " + String(repeating: "x", count: 20_000),
        ] {
            #expect(names.name(sql: unnamed, types: [.int8]) == nil)
        }
        #expect(names.name(sql: "SELECT 2", types: []) != nil)
        // Past the bound a new text runs unnamed; those named keep their names.
        #expect(names.name(sql: "SELECT 3", types: []) == nil)
        #expect(names.name(sql: "SELECT 1 WHERE $1", types: [.int8]) == first)
        // A pattern bind runs unnamed: a generic plan cannot use its index.
        let wide = PreparedStatements()
        for pattern in [
            "SELECT id FROM units WHERE path LIKE $1", "SELECT id FROM subjects WHERE search_text ~ $2 AND id > $1",
            "SELECT id FROM units u WHERE u.path ILIKE\n$3", "SELECT 1 WHERE $1 ~* $2",
        ] {
            #expect(PreparedStatements.bindsPattern(pattern) && wide.name(sql: pattern, types: [.text]) == nil)
        }
        for plain in ["SELECT id FROM units WHERE path LIKE b.path || '%' AND id = $1", "SELECT $1 ~ 'a'"] {
            #expect(!PreparedStatements.bindsPattern(plain) && wide.name(sql: plain, types: [.int8]) != nil)
        }
        // Off (DIENHINH_PG_PREPARED=0): nothing new is named.
        let off = PreparedStatements(limit: 0)
        #expect(off.name(sql: "SELECT 2", types: []) == nil)
    }
}
