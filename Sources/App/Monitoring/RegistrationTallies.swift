import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Counts of registrations kept up to date on write (issue 11, item 3), so that a dashboard or a quota reads a few
/// rows instead of scanning a year of registrations (2 s at national scale, 100,000 units and 1,000,000
/// registrations; the standing office's home page walked every bound unit's subtree).
///
/// `registration_tallies` holds, for every unit — counted with its whole subtree — and for the whole tree (scope 0),
/// per year, how many registrations fall under each item of a dimension:
///
/// | dim | item | counts |
/// |---|---|---|
/// | `ks` | `kind/status` (e.g. `collective/recognised`) | registrations |
/// | `field` | field code (`""`: none chosen) | registrations |
/// | `type` | `subject_type_id/kind` (`/kind`: none chosen) | registrations |
/// | `mv` | movement id (`""`: not linked to any) | registrations, once per movement |
/// | `ev` | `""` | evaluations of the registrations |
/// | `due` | `""` | registrations registered or under nurturing with no evaluation yet |
///
/// Each registration remembers what it last added (`registrations.tally_key`: its unit's path, its year and its
/// items, as JSON). `sync` computes what it adds now and applies the difference to every scope of the old and the
/// new path — so a status change, a move of the registration or of its unit, a movement linked or an evaluation
/// added all come right by syncing the registrations concerned, and a second sync changes nothing. Saves through
/// Fluent sync by themselves (`Middleware`, on every database); bulk writers store the key with each row and call
/// `addNew` (the import), or call `rebuild` (the data generator, the migration). `verify` recounts everything from the registrations and names a difference.
///
/// **No hot row.** Every write touches the cells of scope 0 and of the top of the tree; updated in place, those rows
/// would be held by each writing transaction until it commits — on PostgreSQL one writer at a time behind them, and
/// deadlocks against other locks taken in another order (the audit chain's head). So a write only *appends* its
/// differences to `registration_tally_deltas`; readers add the deltas to the cells (`UNION ALL`, both indexed the
/// same way), and `compact` folds the deltas into the cells every few seconds (`Compaction`, on every instance; on
/// PostgreSQL one at a time under an advisory lock, the rows taken by one `DELETE … RETURNING`).
enum RegistrationTallies {

    /// What one registration adds, at every scope of `path`, in `year`.
    struct Contribution: Codable, Equatable, Sendable {
        var p: String
        var y: Int
        /// "dim:item" → count.
        var c: [String: Int]

        var scopes: [Int] { [0] + UnitPath(raw: p).ids }
    }

    struct Cell: Hashable, Sendable {
        let scope: Int
        let year: Int
        let dim: String
        let item: String
    }

    /// The items of a registration as it stands.
    static func contribution(
        path: String, year: Int, kind: String, status: String, fieldCode: String, typeID: Int?, movements: [Int],
        evaluations: Int
    ) -> Contribution {
        var c: [String: Int] = [
            "ks:\(kind)/\(status)": 1, "field:\(fieldCode)": 1, "type:\(typeID.map(String.init) ?? "")/\(kind)": 1,
        ]
        if movements.isEmpty { c["mv:"] = 1 }
        for m in Set(movements) { c["mv:\(m)"] = 1 }
        if evaluations > 0 { c["ev:"] = evaluations }
        let waiting = [RegistrationStatus.registered.rawValue, RegistrationStatus.nurturing.rawValue]
        if evaluations == 0 && waiting.contains(status) { c["due:"] = 1 }
        return Contribution(p: path, y: year, c: c)
    }

    static func add(_ c: Contribution, sign: Int, to deltas: inout [Cell: Int]) {
        for scope in c.scopes {
            for (key, n) in c.c {
                let parts = key.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let cell = Cell(
                    scope: scope, year: c.y, dim: String(parts[0]), item: parts.count > 1 ? String(parts[1]) : "")
                deltas[cell, default: 0] += sign * n
            }
        }
    }

    static func decode(_ text: String?, id: Int) throws -> Contribution? {
        guard let text, !text.isEmpty else { return nil }
        do { return try JSONDecoder().decode(Contribution.self, from: Data(text.utf8)) } catch {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [],
                    debugDescription: "registrations.tally_key của đăng ký \(id) không đọc được: \(error)"))
        }
    }

    /// The stored key: the JSON that `JSONEncoder` writes with sorted keys (`RegistrationTalliesTests.storedKey`
    /// compares them), written directly. An import encodes one for each row; the encoder took 5 % of its time.
    static func encode(_ c: Contribution) -> String {
        var out = #"{"c":{"#
        for (i, key) in c.c.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            appendJSON(key, to: &out)
            out += ":" + String(c.c[key] ?? 0)
        }
        out += #"},"p":"#
        appendJSON(c.p, to: &out)
        out += #","y":"# + String(c.y) + "}"
        return out
    }

    /// A JSON string literal as `JSONEncoder` writes it: quote, backslash and slash escaped, control characters as
    /// their short escapes or `\u00XX`, the rest as it is.
    private static func appendJSON(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Adds registrations just inserted with these contributions as their `tally_key` (a bulk writer that knows them
    /// from its rows: the import). `sync` of those registrations afterwards finds nothing to change.
    static func addNew(_ contributions: [Contribution], on sql: any SQLDatabase) async throws {
        var deltas: [Cell: Int] = [:]
        for c in contributions { add(c, sign: 1, to: &deltas) }
        try await apply(deltas, on: sql)
    }

    // MARK: Keeping them up to date

    /// What each of these registrations adds as it stands, with the key it last stored.
    private static func standing(_ ids: [Int], on sql: any SQLDatabase) async throws -> [(
        id: Int, stored: String?, now: Contribution
    )] {
        guard !ids.isEmpty else { return [] }
        struct Row: Decodable {
            let id: Int
            let year: Int
            let kind: String
            let status: String
            let field: String
            let type: Int?
            let stored: String?
            let path: String
        }
        let rows = try await sql.raw(
            """
            SELECT r.id, r.year, r.subject_kind AS kind, r.status, r.field_code AS field, r.subject_type_id AS type,
              r.tally_key AS stored, u.path
            FROM registrations r JOIN units u ON u.id = r.unit_id WHERE r.id IN (\(binds: ids))
            """
        ).all(decoding: Row.self)
        struct Link: Decodable {
            let reg: Int
            let movement: Int
        }
        let links = try await sql.raw(
            """
            SELECT registration_id AS reg, movement_id AS movement FROM registration_movements
            WHERE registration_id IN (\(binds: ids))
            """
        ).all(decoding: Link.self)
        let movements = Dictionary(grouping: links, by: \.reg).mapValues { $0.map(\.movement) }
        struct Evaluated: Decodable {
            let reg: Int
            let n: Int
        }
        let evaluated = try await sql.raw(
            """
            SELECT registration_id AS reg, COUNT(*) AS n FROM evaluations WHERE registration_id IN (\(binds: ids))
            GROUP BY registration_id
            """
        ).all(decoding: Evaluated.self)
        let evaluations = Dictionary(uniqueKeysWithValues: evaluated.map { ($0.reg, $0.n) })
        return rows.map { r in
            (
                r.id, r.stored,
                contribution(
                    path: r.path, year: r.year, kind: r.kind, status: r.status, fieldCode: r.field, typeID: r.type,
                    movements: movements[r.id] ?? [], evaluations: evaluations[r.id] ?? 0)
            )
        }
    }

    /// Brings the tallies of these registrations up to date, a chunk at a time; ids that no longer exist are skipped
    /// (`remove` takes a deleted one out first).
    static func sync(ids: [Int], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for chunk in Array(Set(ids)).sorted().chunked(500) where !chunk.isEmpty {
            var deltas: [Cell: Int] = [:]
            var keys: [(Int, String)] = []
            for r in try await standing(chunk, on: sql) {
                let before = try decode(r.stored, id: r.id)
                guard before != r.now else { continue }
                if let before { add(before, sign: -1, to: &deltas) }
                add(r.now, sign: 1, to: &deltas)
                keys.append((r.id, encode(r.now)))
            }
            try await apply(deltas, on: sql)
            for batch in keys.chunked(400) where !batch.isEmpty {
                let cases = batch.map { id, key -> SQLQueryString in "WHEN \(bind: id) THEN \(bind: key)" }
                try await sql.raw(
                    """
                    UPDATE registrations SET tally_key = CASE id \(cases.joined(separator: " ")) END
                    WHERE id IN (\(binds: batch.map(\.0)))
                    """
                ).run()
            }
        }
    }

    /// The ids of the registrations (of the units under `path`, when given), 2,000 at a time in id order.
    private static func eachPage(
        under path: String? = nil, on sql: any SQLDatabase, _ body: ([Int]) async throws -> Void
    )
        async throws
    {
        var after = 0
        struct Row: Decodable { let id: Int }
        while true {
            let ids: [Int]
            if let path {
                ids = try await sql.raw(
                    """
                    SELECT r.id FROM registrations r JOIN units u ON u.id = r.unit_id
                    WHERE u.path LIKE \(bind: path + "%") AND r.id > \(bind: after) ORDER BY r.id LIMIT 2000
                    """
                ).all(decoding: Row.self).map(\.id)
            } else {
                ids = try await sql.raw(
                    "SELECT id FROM registrations WHERE id > \(bind: after) ORDER BY id LIMIT 2000"
                ).all(decoding: Row.self).map(\.id)
            }
            guard let last = ids.last else { return }
            try await body(ids)
            after = last
        }
    }

    /// Syncs every registration of a subtree (its units have just moved).
    static func syncSubtree(path: String, on db: any Database) async throws {
        try await eachPage(under: path, on: try db.sql()) { try await sync(ids: $0, on: db) }
    }

    /// Takes a registration about to be deleted out of the tallies.
    static func remove(id: Int, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        struct Row: Decodable { let stored: String? }
        let row = try await sql.raw("SELECT tally_key AS stored FROM registrations WHERE id = \(bind: id)").first(
            decoding: Row.self)
        guard let before = try decode(row?.stored, id: id) else { return }
        var deltas: [Cell: Int] = [:]
        add(before, sign: -1, to: &deltas)
        try await apply(deltas, on: sql)
        try await sql.raw("UPDATE registrations SET tally_key = NULL WHERE id = \(bind: id)").run()
    }

    /// Appends the differences to the delta log (one statement a few hundred cells; no row of the cells is touched).
    static func apply(_ deltas: [Cell: Int], on sql: any SQLDatabase) async throws {
        let cells = deltas.filter { $0.value != 0 }.sorted {
            ($0.key.scope, $0.key.year, $0.key.dim, $0.key.item) < ($1.key.scope, $1.key.year, $1.key.dim, $1.key.item)
        }
        for batch in cells.chunked(400) where !batch.isEmpty {
            let values = batch.map { cell, n -> SQLQueryString in
                "(\(bind: cell.scope), \(bind: cell.year), \(bind: cell.dim), \(bind: cell.item), \(bind: n))"
            }
            try await sql.raw(
                """
                INSERT INTO registration_tally_deltas (scope_id, year, dim, item, n) \
                VALUES \(values.joined(separator: ", "))
                """
            ).run()
        }
    }

    /// Folds the delta log into the cells; returns the deltas folded (0 when another instance is folding).
    @discardableResult
    static func compact(on db: any Database) async throws -> Int {
        // Idle most of the time: a read, and no write lock taken, when there is nothing to fold.
        struct Any1: Decodable { let one: Int }
        guard
            try await db.sql().raw("SELECT 1 AS one FROM registration_tally_deltas LIMIT 1").first(decoding: Any1.self)
                != nil
        else { return 0 }
        return try await db.transaction { tx in
            let sql = try tx.sql()
            struct N: Decodable { let n: Int? }
            if tx.isPostgres {
                struct Lock: Decodable { let ok: Bool }
                guard
                    try await sql.raw("SELECT pg_try_advisory_xact_lock(7305001) AS ok").first(decoding: Lock.self)?.ok
                        == true
                else { return 0 }
                // One statement: the rows it deletes are the rows it folds, whatever commits meanwhile.
                return try await sql.raw(
                    """
                    WITH moved AS (DELETE FROM registration_tally_deltas RETURNING scope_id, year, dim, item, n),
                    folded AS (
                      INSERT INTO registration_tallies (scope_id, year, dim, item, n)
                      SELECT scope_id, year, dim, item, SUM(n) FROM moved GROUP BY scope_id, year, dim, item
                      ON CONFLICT (scope_id, year, dim, item) DO UPDATE SET n = registration_tallies.n + excluded.n
                      RETURNING 1)
                    SELECT (SELECT COUNT(*) FROM moved) AS n
                    """
                ).first(decoding: N.self)?.n ?? 0
            }
            // SQLite: this transaction is the one writer; nothing lands between the two statements.
            let n =
                try await sql.raw("SELECT COUNT(*) AS n FROM registration_tally_deltas").first(decoding: N.self)?.n ?? 0
            guard n > 0 else { return 0 }
            try await sql.raw(
                """
                INSERT INTO registration_tallies (scope_id, year, dim, item, n)
                SELECT scope_id, year, dim, item, SUM(n) FROM registration_tally_deltas WHERE true
                GROUP BY scope_id, year, dim, item
                ON CONFLICT (scope_id, year, dim, item) DO UPDATE SET n = registration_tallies.n + excluded.n
                """
            ).run()
            try await sql.raw("DELETE FROM registration_tally_deltas").run()
            return n
        }
    }

    /// The cells with the deltas not yet folded, over a condition on both tables' columns.
    static func summed(_ condition: SQLQueryString) -> SQLQueryString {
        """
        SELECT scope_id AS scope, year, dim, item, SUM(n) AS n FROM (
          SELECT scope_id, year, dim, item, n FROM registration_tallies WHERE \(condition)
          UNION ALL SELECT scope_id, year, dim, item, n FROM registration_tally_deltas WHERE \(condition)
        ) t GROUP BY scope_id, year, dim, item HAVING SUM(n) <> 0
        """
    }

    /// Recounts everything from the registrations: for a database loaded in bulk, and for the migration.
    static func rebuild(on db: any Database) async throws {
        let sql = try db.sql()
        try await sql.raw("DELETE FROM registration_tallies").run()
        try await sql.raw("DELETE FROM registration_tally_deltas").run()
        try await sql.raw("UPDATE registrations SET tally_key = NULL WHERE tally_key IS NOT NULL").run()
        try await eachPage(on: sql) { try await sync(ids: $0, on: db) }
        try await compact(on: db)
    }

    /// Every cell that differs from a recount of the registrations as they stand (empty: all agree). For the tests
    /// and the operator; reads every registration, a page at a time.
    static func verify(on db: any Database) async throws -> [String] {
        let sql = try db.sql()
        var expected: [Cell: Int] = [:]
        try await eachPage(on: sql) { ids in
            for chunk in ids.chunked(500) {
                for r in try await standing(chunk, on: sql) { add(r.now, sign: 1, to: &expected) }
            }
        }
        struct Stored: Decodable {
            let scope: Int
            let year: Int
            let dim: String
            let item: String
            let n: Int
        }
        var problems: [String] = []
        var seen = Set<Cell>()
        var afterCell: (Int, Int, String, String) = (-1, 0, "", "")
        while true {
            let after: SQLQueryString = """
                (scope_id, year, dim, item) > (\(bind: afterCell.0), \(bind: afterCell.1), \(bind: afterCell.2), \
                \(bind: afterCell.3))
                """
            let page = try await sql.raw(
                "\(summed(after)) ORDER BY scope_id, year, dim, item LIMIT 5000"
            ).all(decoding: Stored.self)
            guard let last = page.last else { break }
            for s in page {
                let cell = Cell(scope: s.scope, year: s.year, dim: s.dim, item: s.item)
                seen.insert(cell)
                let want = expected[cell] ?? 0
                if s.n != want {
                    problems.append("\(s.scope)/\(s.year)/\(s.dim):\(s.item) = \(s.n), đếm lại \(want)")
                }
            }
            afterCell = (last.scope, last.year, last.dim, last.item)
        }
        for (cell, n) in expected where n != 0 && !seen.contains(cell) {
            problems.append("\(cell.scope)/\(cell.year)/\(cell.dim):\(cell.item) thiếu, đếm lại \(n)")
        }
        return problems.sorted()
    }

    // MARK: Reading

    /// Sums of one dimension per scope and year: [scope: [year: [item: n]]].
    static func read(
        scopes: [Int], years: ClosedRange<Int>, dims: [String], on sql: any SQLDatabase
    ) async throws -> [Int: [Int: [String: [String: Int]]]] {
        struct Row: Decodable {
            let scope: Int
            let year: Int
            let dim: String
            let item: String
            let n: Int
        }
        var out: [Int: [Int: [String: [String: Int]]]] = [:]
        for chunk in Array(Set(scopes)).sorted().chunked(500) where !chunk.isEmpty {
            let condition: SQLQueryString = """
                scope_id IN (\(binds: chunk)) AND year BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound) \
                AND dim IN (\(binds: dims))
                """
            let rows = try await sql.raw(
                summed(condition)
            ).all(decoding: Row.self)
            for r in rows {
                out[r.scope, default: [:]][r.year, default: [:]][r.dim, default: [:]][r.item, default: 0] += r.n
            }
        }
        return out
    }

    /// One unit's sum of some items of a dimension in a year, as an SQL expression over its id column (the cells
    /// and the deltas not yet folded; two index probes).
    static func count(of unitColumn: String, year: Int, dim: String, items: [String]) -> SQLQueryString {
        let condition: SQLQueryString = """
            scope_id = \(unsafeRaw: unitColumn) AND year = \(bind: year) AND dim = \(bind: dim) \
            AND item IN (\(binds: items))
            """
        return """
            ((SELECT COALESCE(SUM(n), 0) FROM registration_tallies WHERE \(condition)) \
            + (SELECT COALESCE(SUM(n), 0) FROM registration_tally_deltas WHERE \(condition)))
            """
    }

    /// The scopes whose subtrees make up these subtrees, each registration once: a subtree inside another is left
    /// out (a cluster's members, a unit that inherited others' history).
    static func scopes(covering paths: [UnitPath]) -> [Int] {
        paths.filter { p in !paths.contains { $0 != p && $0.strictlyContains(p) } }.compactMap(\.ids.last)
    }

    /// All years of one dimension over the registrations a listing scope holds, or nil when the scope is not a set
    /// of subtrees (a unit's subtree or the registrations of its movements: counted directly).
    static func total(_ scope: RegistrationScope, dim: String, on db: any Database) async throws -> Int? {
        let scopes: [Int]
        switch scope.kind {
        case .all: scopes = [0]
        case .subtree(let p): scopes = Self.scopes(covering: [p])
        case .subtrees(let paths): scopes = Self.scopes(covering: paths)
        case .subtreeOrMovements: return nil
        }
        guard !scopes.isEmpty else { return 0 }
        struct Row: Decodable { let n: Int }
        return try await db.sql().raw(summed("scope_id IN (\(binds: scopes)) AND dim = \(bind: dim)"))
            .all(decoding: Row.self).reduce(0) { $0 + $1.n }
    }

    // MARK: Saves through Fluent

    /// Syncs a registration after it is created or saved, takes it out before it is deleted, and syncs the
    /// registration of a movement link or an evaluation created or deleted.
    struct Middleware: AsyncModelMiddleware {
        typealias Model = RegistrationModel
        func create(model: RegistrationModel, on db: any Database, next: any AnyAsyncModelResponder) async throws {
            try await next.create(model, on: db)
            try await sync(ids: [try model.requireID()], on: db)
        }
        func update(model: RegistrationModel, on db: any Database, next: any AnyAsyncModelResponder) async throws {
            try await next.update(model, on: db)
            try await sync(ids: [try model.requireID()], on: db)
        }
        func delete(model: RegistrationModel, force: Bool, on db: any Database, next: any AnyAsyncModelResponder)
            async throws
        {
            try await remove(id: try model.requireID(), on: db)
            try await next.delete(model, force: force, on: db)
        }
    }

    /// A row that hangs on a registration and counts in it (a movement link, an evaluation): created or deleted,
    /// its registration is synced.
    struct ChildMiddleware<Child: Model>: AsyncModelMiddleware {
        typealias Model = Child
        let registration: @Sendable (Child) -> Int

        func create(model: Child, on db: any Database, next: any AnyAsyncModelResponder) async throws {
            try await next.create(model, on: db)
            try await sync(ids: [registration(model)], on: db)
        }
        func delete(model: Child, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
            try await next.delete(model, force: force, on: db)
            try await sync(ids: [registration(model)], on: db)
        }
    }

    /// Folds the delta log every few seconds while the server runs (every instance: the folds do not overlap).
    struct Compaction: LifecycleHandler {
        static let every: Duration = .seconds(5)
        private let loop = BackgroundLoop()

        func didBootAsync(_ app: Application) async throws {
            // Only a server: a command (`migrate`) boots before its schema exists, and folds what it writes itself.
            guard CommandLineDispatch.runsFirstStart(Array(app.environment.arguments.dropFirst())) else { return }
            let db = app.db
            let logger = app.logger
            loop.start(every: Self.every) {
                try await compact(on: db)
            } failed: { error in
                logger.warning("Không gộp được số đếm đăng ký (registration_tally_deltas): \(error)")
            }
        }

        func shutdownAsync(_ app: Application) async { await loop.stop() }
    }

    static var middlewares: [any AnyModelMiddleware] {
        [
            Middleware(), ChildMiddleware<RegistrationMovementModel> { $0.$registration.id },
            ChildMiddleware<EvaluationModel> { $0.$registration.id },
        ]
    }
}
