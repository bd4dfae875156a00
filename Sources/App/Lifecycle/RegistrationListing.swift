import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Which registrations an actor may list, as SQL conditions over `registrations` joined with `units`.
struct RegistrationScope: Sendable {
    enum Kind: Sendable { case all, subtree(UnitPath), subtreeOrMovements(UnitPath?, [Int]), subtrees([UnitPath]) }
    let kind: Kind

    func apply<M: Model>(_ q: QueryBuilder<M>) -> QueryBuilder<M> {
        guard let c = condition else { return q }
        return q.filter(.sql(c))
    }

    /// The scope as one condition; nil when every registration is in scope.
    var condition: (any SQLExpression)? {
        func prefix(_ scope: UnitScope) -> any SQLExpression {
            let c: SQLQueryString? = UnitQueries.condition(scope, units: UnitModel.schema)
            return c ?? SQLRaw("1 = 1")
        }
        switch kind {
        case .all: return nil
        case .subtree(let p): return prefix(.subtree(p))
        case .subtrees(let paths): return prefix(.subtrees(paths))
        case .subtreeOrMovements(let p, let movements):
            var alternatives: [any SQLExpression] = []
            if let p { alternatives.append(prefix(.subtree(p))) }
            if !movements.isEmpty {
                // A subquery, not a list of registration ids: a movement may hold more than a query can bind.
                alternatives.append(RegistrationListing.inMovements(movements))
            }
            return RegistrationListing.any(alternatives)
        }
    }
}

struct RegistrationFilter: Sendable {
    var q = ""
    var year: Int?
    var unitID: Int?
    /// A unit typed by code or name (`UnitPicker`), when the actor's units are too many for a select.
    var unitText = ""
    var groupID: Int?
    var fieldCode = ""
    var typeCode = ""
    var movementID: Int?
    var subjectKind = ""
    var status = ""
    var page = 1
    var perPage = 50
    /// Keyset paging: the rows after this one (next pages) or before it (previous pages).
    var after: RegistrationCursor?
    var before: RegistrationCursor?

    init() {}
    init(query req: Request) throws {
        let v = req.queryValues
        let list = try v.list()
        q = list.q
        year = try v.int("year")
        unitID = try v.int("unitID")
        unitText = v.text("unit") ?? ""
        groupID = try v.int("groupID")
        fieldCode = v.text("fieldCode") ?? ""
        typeCode = v.text("typeCode") ?? ""
        movementID = try v.int("movementID")
        subjectKind = v.text("subjectKind") ?? ""
        status = v.text("status") ?? ""
        page = list.page
        perPage = list.perPage
        after = try RegistrationCursor.query(list.after, "after")
        before = try RegistrationCursor.query(list.before, "before")
        if after != nil && before != nil {
            throw AppError.badRequest(Paging.bothCursors)
        }
    }

    /// The filter as query items, for links that keep it (pages, exports).
    var queryItems: [(String, String)] {
        [
            ("q", q), ("year", year.map(String.init) ?? ""), ("unitID", unitID.map(String.init) ?? ""),
            ("groupID", groupID.map(String.init) ?? ""),
            ("fieldCode", fieldCode), ("typeCode", typeCode), ("movementID", movementID.map(String.init) ?? ""),
            ("subjectKind", subjectKind), ("status", status),
        ]
    }
}

/// A place in the list's order, (sort_key, id), as an opaque URL-safe token.
struct RegistrationCursor: Sendable, Equatable {
    let sortKey: String
    let id: Int

    init(sortKey: String, id: Int) {
        self.sortKey = sortKey
        self.id = id
    }

    var token: String { Base64URL.encode(Array("\(id)\n\(sortKey)".utf8)) }

    /// nil for anything that is not a token this server made.
    init?(token: String) {
        guard let data = Base64URL.decode(token), let text = String(data: data, encoding: .utf8),
            let newline = text.firstIndex(of: "\n"), let id = Int(text[..<newline]), id > 0
        else { return nil }
        let key = String(text[text.index(after: newline)...])
        guard !key.contains("\0") else { return nil }
        self.init(sortKey: key, id: id)
    }

    /// The cursor of the query parameter `name`, whose value is `raw`: nil when absent, a Vietnamese 400 when it is not
    /// one of ours.
    static func query(_ raw: String?, _ name: String) throws -> RegistrationCursor? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let c = RegistrationCursor(token: raw) else { throw AppError.badRequest(Paging.badCursor(name)) }
        return c
    }
}

/// A keyset page of the list: its rows (`Item`: what the page is read as, `ListedRegistration`), links to the pages
/// around it, and a bounded total.
struct RegistrationListPage<Item: Sendable>: Sendable {
    let items: [Item]
    /// The first row of the next page starts after this; nil on the last page.
    let next: RegistrationCursor?
    /// The previous page ends before this; nil on the first page.
    let previous: RegistrationCursor?
    /// The page number when paged by number (`page=`), else nil.
    let page: Int?
    let perPage: Int
    /// Exact up to `countBound`; `totalIsBound` says the true total is larger.
    let total: Int
    /// `RegistrationListing.countBound`, or `searchCountBound` for a search.
    var countBound = RegistrationListing.countBound
    /// The order of the rows: a search lists the newest registrations first (`RegistrationListing.list`).
    var order = RegistrationListing.Order.name
    var totalIsBound: Bool { total > countBound }
    var totalLabel: String { VietnameseText.boundedCount(total, bound: countBound) }
}

/// One row of the registration export, read in one joined query.
struct RegistrationExportRow: Sendable {
    let id: Int
    let year: Int
    let subjectName: String
    let subjectKind: String
    let unitName: String
    let unitCode: String
    let typeName: String
    let fieldCode: String
    let movements: String
    let title: String
    let status: String
    let sortKey: String
}

/// A unit the list filters by: its path, and whether units hang under it.
struct FilterUnit: Sendable {
    let path: String
    let hasChildren: Bool
}

/// A list condition on a small scope of units — a subtree, an officer's inherited subtrees, a group's members
/// (`UnitQueries.isSmall`): the list's query starts from the scope's units and reads their registrations
/// (`RegistrationListing.select`), and a search tests each one's text (`conditions`), where it would otherwise walk
/// the list's order and test each row's unit. Nationally a district's list for a year walked the year's
/// registrations in order to find 51 of its 27 units' (0.4–0.7 s on SQLite, 1 req/s at 32 connections); from its
/// units, 0.2 ms and a sort of the few rows found. A large subtree stays a walk: its rows are dense in the order.
struct SmallSubtree: SQLExpression {
    let condition: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) { condition.serialize(to: &serializer) }
}

/// A list condition over the `units` table (a scope's or a filter's subtrees, tested by the units' paths): the
/// list's query joins `units` only when a condition is one (or a `SmallSubtree`; `RegistrationListing.select`).
/// Joined for nothing, each row the page read was looked up in `units` too, and planning the join was half of the
/// national search's planning on PostgreSQL (0.26 ms with it, 0.14 without).
struct OnUnits: SQLExpression {
    let condition: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) { condition.serialize(to: &serializer) }
}

enum RegistrationListing {
    /// The total is counted exactly up to this many rows; past it the list says "hơn 10.000".
    static let countBound = Paging.countBound
    /// A search's total is counted up to this many: each counted row is a full-text match checked against the
    /// other filters (in a small scope, a row of the scope whose text matches).
    static let searchCountBound = 1_000

    /// The order of a page. Without a search: Vietnamese name order (given name first for people), then id — an
    /// index walk. A search lists the newest registrations first: the full-text index (SQLite FTS5 with prefix
    /// indexes, migration 47) hands its matches in rowid order and the walk stops after a page, where name order
    /// had to read and sort every match first (“sam day”, ≈ 50,000 matches nationally, took 8 s a request under
    /// load). On PostgreSQL the same order lets the planner walk the primary key backwards and stop. In a small
    /// scope (`SmallSubtree`) the scope's matching rows are read and sorted by id, the same order.
    enum Order: String, Sendable, Codable {
        case name, newest
    }

    /// nil when the actor may list none.
    static func scopeIDs(_ actor: Actor, on db: any Database) async throws -> RegistrationScope? {
        switch Policy.registrationScope(actor) {
        case .all: return RegistrationScope(kind: .all)
        case .subtree(let path): return RegistrationScope(kind: .subtree(path))
        case .subtrees(let paths): return RegistrationScope(kind: .subtrees(paths))
        case .subtreeOrMovements(let path, let movementIDs):
            return RegistrationScope(kind: .subtreeOrMovements(path, movementIDs.sorted()))
        case .none: return nil
        }
    }

    static func any(_ alternatives: [any SQLExpression]) -> any SQLExpression {
        alternatives.isEmpty
            ? SQLRaw("1 = 0") : SQLGroupExpression(SQLKit.SQLList(alternatives, separator: SQLRaw(" OR ")))
    }

    static func column(_ name: String) -> SQLColumn { SQLColumn(name, table: RegistrationModel.schema) }

    /// `walk`: keep the planner on the order index and test membership row by row (SQLite's unary `+` hides the
    /// id from index choice): a movement may hold most registrations, and a page needs only the first 50 in order.
    static func inMovements(_ movements: [Int], walk: Bool = false) -> any SQLExpression {
        SQLBinaryExpression(
            walk ? SQLList([SQLRaw("+"), column("id")], separator: SQLRaw("")) as any SQLExpression : column("id"), .in,
            SQLGroupExpression(
                SQLRaw(
                    "SELECT registration_id FROM registration_movements WHERE movement_id IN ("
                        + movements.map(String.init).joined(separator: ", ") + ")")))
    }

    /// The filter as SQL conditions over `registrations` joined with `units`; nil when the actor may list none.
    /// `ftsJoined` (SQLite): the search is a `MATCH` on `registrations_fts`, which the query joins (`select(fts:)`);
    /// otherwise it is a subquery of the matching ids, usable in any query. With a `SmallSubtree` among the
    /// conditions, neither: each of the scope's rows' own text is tested (`FoldedTextSearch.matching(walk:)`), and
    /// `PageQuery.make` does not join the index.
    /// `keptFor`: what the filter names (its unit's path, a group's members, a type's ids) is read through the
    /// request's reference copies (`Request.reference`), not on every view of a list.
    static func conditions(
        _ f: RegistrationFilter, actor: Actor, on db: any Database, ftsJoined: Bool = false, keptFor req: Request? = nil
    ) async throws -> [any SQLExpression]? {
        guard let scope = try await scopeIDs(actor, on: db) else { return nil }
        var c: [any SQLExpression] = []
        let words = FoldedTextSearch.words(f.q)
        switch scope.kind {
        case .subtree(let p): c.append(try await under(.subtree(p), words: words, on: db, keptFor: req))
        case .subtrees(let ps): c.append(try await under(.subtrees(ps), words: words, on: db, keptFor: req))
        case .all, .subtreeOrMovements: if let s = scope.condition { c.append(OnUnits(condition: s)) }
        }
        if let y = f.year { c.append(SQLBinaryExpression(column("year"), .equal, SQLBind(y))) }
        if let u = f.unitID {
            // The unit's path and whether units hang under it, in one read.
            let units = SQLIdentifier(UnitModel.schema)
            let unit = try await req.reference("registrations.unit-filter \(u)") {
                try await db.sql().raw(
                    """
                    SELECT u.path, CASE WHEN EXISTS (SELECT 1 FROM \(units) c WHERE c.parent_id = u.id) THEN 1 ELSE 0
                    END AS has_children FROM \(units) u WHERE u.id = \(bind: u)
                    """
                ).first().map {
                    FilterUnit(
                        path: try $0.decode(column: "path", as: String.self),
                        hasChildren: try $0.decode(column: "has_children", as: Int.self) == 1)
                }
            }
            guard let unit else { return c + [SQLRaw("1 = 0")] }
            // A unit without units under it: its own index, (unit_id, sort_key, id).
            c.append(
                unit.hasChildren
                    ? try await under(.subtree(UnitPath(raw: unit.path)), words: words, on: db, keptFor: req)
                    : SQLBinaryExpression(column("unit_id"), .equal, SQLBind(u)))
        }
        if let g = f.groupID {
            let paths = try await req.reference("registrations.group-filter \(g)") {
                try await UnitGroupMemberModel.query(on: db).filter(\.$group.$id == g).with(\.$unit).all()
                    .map(\.unit.path)
            }
            c.append(try await under(.subtrees(paths.map(UnitPath.init(raw:))), words: words, on: db, keptFor: req))
        }
        if !f.fieldCode.isEmpty { c.append(SQLBinaryExpression(column("field_code"), .equal, SQLBind(f.fieldCode))) }
        if !f.typeCode.isEmpty {
            // A code is kept only when it could be one (the key comes from the query string: a long text would make
            // an entry of its own for each request).
            let keeper = f.typeCode.utf8.count <= 64 ? req : nil
            let ids = try await keeper.reference("registrations.type-filter \(f.typeCode)") {
                try await SubjectTypeModel.query(on: db).filter(\.$code == f.typeCode).all().compactMap(\.id)
            }
            c.append(
                ids.count == 1
                    ? SQLBinaryExpression(column("subject_type_id"), .equal, SQLBind(ids[0]))
                    : SQLBinaryExpression(
                        column("subject_type_id"), .in,
                        SQLGroupExpression((ids.isEmpty ? [-1] : ids).map { SQLBind($0) })
                    ))
        }
        if let m = f.movementID { c.append(inMovements([m], walk: true)) }
        if !f.subjectKind.isEmpty {
            c.append(SQLBinaryExpression(column("subject_kind"), .equal, SQLBind(f.subjectKind)))
        }
        // An unknown code matches nothing.
        if !f.status.isEmpty {
            c.append(
                RegistrationStatus(rawValue: f.status).map {
                    SQLBinaryExpression(column("status"), .equal, SQLBind($0.rawValue))
                } ?? SQLRaw("1 = 0"))
        }
        let search = FoldedTextSearch(table: RegistrationModel.schema)
        if c.contains(where: { $0 is SmallSubtree }) {
            // A small subtree's rows, each one's own text tested (SQLite; `under`).
            c += search.matching(words, walk: true, on: db)
        } else if ftsJoined && !words.isEmpty {
            c.append(SQLQueryString("registrations_fts MATCH \(bind: FoldedTextSearch.ftsMatch(words))"))
        } else {
            // PostgreSQL, word-start patterns the trigram index serves (migration 59); SQLite, the FTS5 table's ids.
            c += search.matching(words, on: db)
        }
        return c
    }

    /// The registrations of the units in `scope` (an actor's subtrees, a filter's unit or group), as one condition:
    /// read from the scope's units when they are few (`UnitQueries.isSmall`; a `SmallSubtree`), else a prefix match
    /// on the units' path, tested along the list's order. A search too on SQLite, each of the subtree's rows' own
    /// text tested (`conditions`): a commune officer's search walked the full-text matches newest first testing
    /// each one's unit — for “sam day” (100,000 matches nationally) 250–500 ms a page and its count, where the
    /// commune's 265 registrations are tested in 1 ms. On PostgreSQL a search keeps the walk, planned with the
    /// statistics of its trigram index.
    static func under(_ scope: UnitScope, words: [String], on db: any Database, keptFor req: Request?) async throws
        -> any SQLExpression
    {
        let reach: UnitQueries.Reach =
            words.isEmpty || !db.isPostgres
            ? try await UnitQueries.reach(scope, on: db, keptFor: req, sqlite: .range) : .walk
        let condition: any SQLExpression =
            UnitQueries.condition(scope, units: UnitModel.schema, reach, postgres: db.isPostgres) ?? SQLRaw("1 = 1")
        return reach.walks ? OnUnits(condition: condition) : SmallSubtree(condition: condition)
    }

    /// `registrations` under `conditions`, joined with `units` when a condition names it (`OnUnits`, `SmallSubtree`)
    /// or the caller reads its columns (`units`), and with `registrations_fts` when `fts`; from the units first when
    /// a condition is a `SmallSubtree` (`CROSS JOIN`: SQLite keeps that order; PostgreSQL plans either).
    static func select(
        _ sql: any SQLDatabase, _ conditions: [any SQLExpression], fts: Bool = false, units: Bool = false
    ) -> SQLSelectBuilder {
        let unitID = SQLBinaryExpression(SQLColumn("id", table: UnitModel.schema), .equal, column("unit_id"))
        var b: SQLSelectBuilder
        if conditions.contains(where: { $0 is SmallSubtree }) {
            b = sql.select().from(
                SQLQueryString("\(ident: UnitModel.schema) CROSS JOIN \(ident: RegistrationModel.schema)")
            ).where(unitID)
        } else if units || conditions.contains(where: { $0 is OnUnits }) {
            b = sql.select().from(RegistrationModel.schema).join(UnitModel.schema, on: unitID)
        } else {
            b = sql.select().from(RegistrationModel.schema)
        }
        if fts {
            b = b.join(
                SQLIdentifier("registrations_fts"), on: SQLColumn("rowid", table: "registrations_fts"), .equal,
                column("id"))
        }
        for c in conditions { b = b.where(c) }
        return b
    }

    /// Rows after (or before) `cursor` in list order, (sort_key, id), as a row-value comparison that both databases
    /// answer by walking an index from there.
    static func keyset(_ cursor: RegistrationCursor, before: Bool = false) -> any SQLExpression {
        SQLBinaryExpression(
            SQLGroupExpression([column("sort_key"), column("id")]), before ? .lessThan : .greaterThan,
            SQLGroupExpression([SQLBind(cursor.sortKey), SQLBind(cursor.id)]))
    }

    static func ordered(_ b: SQLSelectBuilder, descending: Bool = false) -> SQLSelectBuilder {
        b.orderBy(
            SQLOrderBy(
                expression: column("sort_key"), direction: descending ? SQLDirection.descending : SQLDirection.ascending
            )
        )
        .orderBy(
            SQLOrderBy(
                expression: column("id"), direction: descending ? SQLDirection.descending : SQLDirection.ascending))
    }

    /// The number of matching rows, counted up to `bound + 1` (a count that stops).
    static func boundedCount(
        _ sql: any SQLDatabase, _ conditions: [any SQLExpression], bound: Int = countBound, fts: Bool = false
    ) async throws -> Int {
        try await count(sql, select(sql, conditions, fts: fts).column(SQLLiteral.numeric("1")).limit(bound + 1))
    }

    /// The rows of `inner` (a query that stops at its limit), counted.
    static func count(_ sql: any SQLDatabase, _ inner: SQLSelectBuilder) async throws -> Int {
        let row = try await sql.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLGroupExpression(inner.query), as: SQLIdentifier("t"))).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The page query of a filter: its conditions, its order (`Order`), and the cursor condition for that order.
    struct PageQuery {
        let sql: any SQLDatabase
        let conditions: [any SQLExpression]
        let order: Order
        /// SQLite, searching outside a small scope: the query joins `registrations_fts` and orders by its rowid.
        let fts: Bool
        /// The request whose reference copies keep the total (`total`); nil: counted each time.
        var kept: Request? = nil
        /// SQLite, searching with nothing else to filter by (the whole tree's scope, no other filter): the only
        /// condition is the full-text match.
        var ftsOnly: Bool { fts && conditions.count == 1 }

        /// The rows a total counts, up to `countBound + 1`. With the full-text match as the only condition, the
        /// matches in `registrations_fts` alone: joined, each of the 1,001 rows counted was looked up in
        /// `registrations` and `units` — two thirds of the national search page's time under load went to reading
        /// those pages (`perf`, session 27).
        var counted: SQLSelectBuilder {
            let rows =
                ftsOnly
                ? sql.select().from("registrations_fts").where(conditions[0]) : select(sql, conditions, fts: fts)
            return rows.column(SQLLiteral.numeric("1")).limit(countBound + 1)
        }

        /// nil when the actor may list nothing.
        static func make(_ f: RegistrationFilter, actor: Actor, on db: any Database, keptFor req: Request? = nil)
            async throws -> PageQuery?
        {
            let order: Order = FoldedTextSearch.words(f.q).isEmpty ? .name : .newest
            let fts = order == .newest && !db.isPostgres
            guard
                let conds = try await RegistrationListing.conditions(
                    f, actor: actor, on: db, ftsJoined: fts, keptFor: req)
            else {
                return nil
            }
            // A small subtree's search tests its rows' text, without the full-text index (`conditions`).
            return PageQuery(
                sql: try db.sql(), conditions: conds, order: order,
                fts: fts && !conds.contains(where: { $0 is SmallSubtree }), kept: req)
        }

        /// The newest first: by the full-text index's rowid when it is joined (its own order; the rowid is the id),
        /// else by id.
        private var recency: any SQLExpression {
            fts ? SQLColumn("rowid", table: "registrations_fts") : column("id")
        }

        /// The rows under the conditions and `extra`, in the order (reversed when `backwards`).
        func page(_ extra: [any SQLExpression], backwards: Bool = false) -> SQLSelectBuilder {
            let b = select(sql, conditions + extra, fts: fts)
            switch order {
            case .name: return ordered(b, descending: backwards)
            case .newest:
                return b.orderBy(
                    SQLOrderBy(
                        expression: recency, direction: backwards ? SQLDirection.ascending : SQLDirection.descending))
            }
        }

        /// The page's order again over its rows as `ListedRegistration.read(page:)` joins them (`r`): on SQLite the
        /// full-text index's rowid is the registration's id.
        func rowOrder(backwards: Bool = false) -> SQLQueryString {
            let direction = backwards ? "ASC" : "DESC"
            switch order {
            case .name: return backwards ? "r.sort_key DESC, r.id DESC" : "r.sort_key ASC, r.id ASC"
            case .newest: return "r.id \(unsafeRaw: direction)"
            }
        }

        /// The rows after `cursor` in the order (before it when `backwards`).
        func from(_ cursor: RegistrationCursor, backwards: Bool = false) -> any SQLExpression {
            switch order {
            case .name: return keyset(cursor, before: backwards)
            case .newest: return SQLBinaryExpression(recency, backwards ? .greaterThan : .lessThan, SQLBind(cursor.id))
            }
        }

        var countBound: Int { order == .newest ? searchCountBound : RegistrationListing.countBound }

        /// The total of a page and the bound it is exact up to. No query when the page shows it (the first page by
        /// number, with no page after it). A search on PostgreSQL is bounded by the rows seen: its `pg_trgm` index
        /// hands its matches as one bitmap of all of them, which no `LIMIT` stops ("sam day" nationally: ≈ 100,000
        /// matches, 50–100 ms to count up to 1,001, where its page walks the newest rows and stops after 51 in
        /// 6 ms; docs/PERFORMANCE.md). Otherwise counted up to `countBound`, and kept until the next audited write
        /// (`kept`; the key is the count's statement and binds, so the actor's scope is in it): a list viewed again, or
        /// paged, does not count again — on a district's subtree nationally the count was a third of PostgreSQL's
        /// time for the page. A statement longer than `keptCountKey` bytes is counted each time.
        func total(number: Int?, perPage n: Int, rows: Int, hasNext: Bool) async throws -> (total: Int, bound: Int) {
            if number == 1 && !hasNext { return (rows, countBound) }
            if order == .newest && sql.dialect.name == "postgresql",
                let seen = Paging.seenTotal(number: number, perPage: n, rows: rows, hasNext: hasNext)
            {
                return seen
            }
            let (text, binds) = sql.serialize(counted.query)
            let key = "registrations.count " + text + " " + binds.map { "\($0)" }.joined(separator: "\u{1F}")
            let keeper = key.utf8.count <= Self.keptCountKey ? kept : nil
            return (try await keeper.reference(key) { try await count(sql, counted) }, countBound)
        }

        /// The longest count statement (with its binds) whose total is kept.
        static let keptCountKey = 2_048
    }

    /// A page in stable order (`Order`): name order, or the newest first for a search. Paged by cursor
    /// (`after`/`before`), or by number while the offset is small; a deeper `page=` is a 400 (the web redirects).
    /// `keptFor`: as `conditions`.
    static func list<Item: ListedRegistration>(
        _ f: RegistrationFilter, as _: Item.Type, actor: Actor, on db: any Database, keptFor req: Request? = nil
    ) async throws -> RegistrationListPage<Item> {
        guard let q = try await PageQuery.make(f, actor: actor, on: db, keptFor: req) else {
            return RegistrationListPage(items: [], next: nil, previous: nil, page: 1, perPage: f.perPage, total: 0)
        }
        let n = f.perPage
        let w = try await Paging.window(page: f.page, after: f.after, before: f.before, perPage: n) {
            start, backwards, offset, limit in
            try await Item.read(
                page: q.page(start.map { [q.from($0, backwards: backwards)] } ?? [], backwards: backwards)
                    .column(column("id"), as: "id").limit(limit).offset(offset).query,
                order: q.rowOrder(backwards: backwards), on: db)
        }
        let (rows, hasNext, hasPrevious, number) = (w.rows, w.hasNext, w.hasPrevious, w.number)
        let (total, bound) = try await q.total(number: number, perPage: n, rows: rows.count, hasNext: hasNext)
        return RegistrationListPage(
            items: rows.map(\.row), next: hasNext ? rows.last?.cursor : nil,
            previous: hasPrevious ? rows.first?.cursor : nil, page: number, perPage: n, total: total,
            countBound: bound, order: q.order)
    }

    /// Every row of the filter in list order, a chunk at a time: keyset paging on (sort_key, id), so memory and the
    /// number of bound parameters stay bounded however many rows match. No cap. Each chunk is ONE joined query
    /// read into plain rows (no models, no follow-up queries).
    static func forEachChunk(
        _ f: RegistrationFilter, actor: Actor, size: Int = 1_000, on db: any Database,
        _ body: ([RegistrationExportRow]) async throws -> Void
    ) async throws {
        guard let conds = try await conditions(f, actor: actor, on: db) else { return }
        let sql = try db.sql()
        let movements: SQLQueryString =
            db.isPostgres
            ? """
            (SELECT string_agg(m.name, '; ' ORDER BY rm.id) FROM registration_movements rm
            JOIN movements m ON m.id = rm.movement_id WHERE rm.registration_id = registrations.id)
            """
            : """
            (SELECT group_concat(m.name, '; ' ORDER BY rm.id) FROM registration_movements rm
            JOIN movements m ON m.id = rm.movement_id WHERE rm.registration_id = registrations.id)
            """
        @Sendable func chunk(after: RegistrationCursor?) async throws -> [RegistrationExportRow] {
            var b = select(sql, conds + (after.map { [keyset($0)] } ?? []), units: true)
                .join(
                    SubjectModel.schema, on: SQLColumn("id", table: SubjectModel.schema), .equal, column("subject_id")
                )
                .join(
                    SQLAlias(SQLIdentifier(SubjectTypeModel.schema), as: SQLIdentifier("st")),
                    method: SQLJoinMethod.left,
                    on: SQLColumn("id", table: "st"), .equal, column("subject_type_id"))
            b = b.column(column("id"), as: "id").column(column("year"), as: "year")
                .column(column("title"), as: "title").column(column("field_code"), as: "field_code")
                .column(column("status"), as: "status").column(column("sort_key"), as: "sort_key")
                .column(SQLColumn("name", table: SubjectModel.schema), as: "subject_name")
                .column(SQLColumn("kind", table: SubjectModel.schema), as: "subject_kind")
                .column(SQLColumn("name", table: UnitModel.schema), as: "unit_name")
                .column(SQLColumn("code", table: UnitModel.schema), as: "unit_code")
                .column(SQLColumn("name", table: "st"), as: "type_name")
                .column(SQLGroupExpression(movements), as: "movement_names")
            return try await ordered(b).limit(size).all().map { r in
                RegistrationExportRow(
                    id: try r.decode(column: "id", as: Int.self), year: try r.decode(column: "year", as: Int.self),
                    subjectName: try r.decode(column: "subject_name", as: String.self),
                    subjectKind: try r.decode(column: "subject_kind", as: String.self),
                    unitName: try r.decode(column: "unit_name", as: String.self),
                    unitCode: try r.decode(column: "unit_code", as: String.self),
                    typeName: try r.decode(column: "type_name", as: String?.self) ?? "",
                    fieldCode: try r.decode(column: "field_code", as: String.self),
                    movements: try r.decode(column: "movement_names", as: String?.self) ?? "",
                    title: try r.decode(column: "title", as: String.self),
                    status: try r.decode(column: "status", as: String.self),
                    sortKey: try r.decode(column: "sort_key", as: String.self))
            }
        }
        // The next chunk is read while this one is written: the database (and the decoding of its rows) and the
        // writer work at once. On PostgreSQL a 1,000,000-row XLSX took the sum of both, 59 s (session 19).
        var rows = try await chunk(after: nil)
        while let last = rows.last {
            if rows.count < size { return try await body(rows) }
            async let next = chunk(after: RegistrationCursor(sortKey: last.sortKey, id: last.id))
            try await body(rows)
            rows = try await next
        }
    }
}
