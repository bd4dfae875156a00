import Domain
import Fluent
import SQLKit
import Vapor

/// Which registrations an actor may list, as a filter over a query that has RegistrationModel and UnitModel joined.
struct RegistrationScope: Sendable {
    enum Kind: Sendable { case all, subtree(UnitPath), subtreeOrMovements(UnitPath?, [Int]), subtrees([UnitPath]) }
    let kind: Kind

    func apply<M: Model>(_ q: QueryBuilder<M>) -> QueryBuilder<M> {
        switch kind {
        case .all: return q
        case .subtree(let p): return q.filter(UnitModel.self, \.$path, .custom("LIKE"), p.raw + "%")
        case .subtrees(let paths): return q.within(.subtrees(paths))
        case .subtreeOrMovements(let p, let movements):
            return q.group(.or) { g in
                if let p { g.filter(UnitModel.self, \.$path, .custom("LIKE"), p.raw + "%") }
                if movements.isEmpty {
                    g.filter(RegistrationModel.self, \.$id == -1)
                } else {
                    // A subquery, not a list of registration ids: a movement may hold more than a query can bind.
                    var inMovements = SQLSelect()
                    inMovements.columns = [SQLColumn("registration_id")]
                    inMovements.tables = [SQLIdentifier(RegistrationMovementModel.schema)]
                    inMovements.predicate = SQLBinaryExpression(
                        SQLColumn("movement_id"), .in, SQLGroupExpression(movements.map { SQLBind($0) }))
                    g.filter(
                        .sql(
                            SQLBinaryExpression(
                                SQLColumn("id", table: RegistrationModel.schema), .in, SQLGroupExpression(inMovements)))
                    )
                }
            }
        }
    }
}

struct RegistrationFilter: Sendable {
    var q = ""
    var year: Int?
    var unitID: Int?
    var groupID: Int?
    var fieldCode = ""
    var typeCode = ""
    var movementID: Int?
    var subjectKind = ""
    var status = ""
    var page = 1
    var perPage = 50

    init() {}
    init(query req: Request) throws {
        let list = try req.listQuery()
        q = list.q
        year = try req.intQuery("year")
        unitID = try req.intQuery("unitID")
        groupID = try req.intQuery("groupID")
        fieldCode = req.query[String.self, at: "fieldCode"] ?? ""
        typeCode = req.query[String.self, at: "typeCode"] ?? ""
        movementID = try req.intQuery("movementID")
        subjectKind = req.query[String.self, at: "subjectKind"] ?? ""
        status = req.query[String.self, at: "status"] ?? ""
        page = list.page
        perPage = list.perPage
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

enum RegistrationListing {
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

    static func query(_ f: RegistrationFilter, actor: Actor, on db: any Database) async throws -> QueryBuilder<
        RegistrationModel
    >? {
        guard let scope = try await scopeIDs(actor, on: db) else { return nil }
        var q = RegistrationModel.query(on: db).join(UnitModel.self, on: \RegistrationModel.$unit.$id == \UnitModel.$id)
        q = scope.apply(q)
        for word in VietnameseText.fold(f.q).split(separator: " ") {
            q = q.filter(\.$searchText, .custom("LIKE"), "%\(String(word).likeSafe)%")
        }
        if let y = f.year { q = q.filter(\.$year == y) }
        if let u = f.unitID, let unit = try await UnitModel.find(u, on: db) {
            q = q.filter(UnitModel.self, \.$path, .custom("LIKE"), unit.path + "%")
        }
        if let g = f.groupID {
            let members = try await UnitGroupMemberModel.query(on: db).filter(\.$group.$id == g).with(\.$unit).all().map
            { $0.unit.path }
            q = q.group(.or) { or in
                if members.isEmpty { or.filter(\.$id == -1) }
                for p in members { or.filter(UnitModel.self, \.$path, .custom("LIKE"), p + "%") }
            }
        }
        if !f.fieldCode.isEmpty { q = q.filter(\.$fieldCode == f.fieldCode) }
        if !f.typeCode.isEmpty {
            let ids = try await SubjectTypeModel.query(on: db).filter(\.$code == f.typeCode).all().compactMap(\.id)
            q = q.filter(\.$subjectType.$id ~~ (ids.isEmpty ? [-1] : ids))
        }
        if let m = f.movementID {
            // A join, not a list of ids: a movement may hold more registrations than a query may bind.
            q = q.join(
                RegistrationMovementModel.self,
                on: \RegistrationModel.$id == \RegistrationMovementModel.$registration.$id
            ).filter(RegistrationMovementModel.self, \.$movement.$id == m)
        }
        if !f.subjectKind.isEmpty { q = q.filter(\.$subjectKind == f.subjectKind) }
        // An unknown code matches nothing.
        if !f.status.isEmpty { q = q.filter(\.$status ~~ (RegistrationStatus(rawValue: f.status).map { [$0] } ?? [])) }
        return q
    }

    /// A page in stable order: Vietnamese name order (given name first for people), then id.
    static func list(_ f: RegistrationFilter, actor: Actor, on db: any Database) async throws -> Page<RegistrationModel>
    {
        guard let q = try await query(f, actor: actor, on: db) else {
            return Page(items: [], page: 1, perPage: f.perPage, total: 0)
        }
        let page = try await q.sort(\.$sortKey).sort(\.$id).paginate(page: f.page, perPage: f.perPage)
        try await load(page.items, on: db)
        return page
    }

    /// Every row of the filter in list order, a chunk at a time: keyset paging on (sort_key, id), so memory and the
    /// number of bound parameters stay bounded however many rows match. No cap.
    static func forEachChunk(
        _ f: RegistrationFilter, actor: Actor, size: Int = 1_000, on db: any Database,
        _ body: ([RegistrationModel]) async throws -> Void
    ) async throws {
        guard let base = try await query(f, actor: actor, on: db) else { return }
        var after: (key: String, id: Int)?
        while true {
            let q = base.copy()
            if let after {
                // A row-value comparison, (sort_key, id) > (?, ?): both databases walk the order index from there.
                q.filter(
                    .sql(
                        SQLBinaryExpression(
                            SQLGroupExpression([
                                SQLColumn("sort_key", table: RegistrationModel.schema),
                                SQLColumn("id", table: RegistrationModel.schema),
                            ]), .greaterThan, SQLGroupExpression([SQLBind(after.key), SQLBind(after.id)]))))
            }
            let rows = try await q.sort(\.$sortKey).sort(\.$id).limit(size).all()
            guard let last = rows.last, let lastID = last.id else { return }
            try await load(rows, on: db)
            try await body(rows)
            if rows.count < size { return }
            after = (last.sortKey, lastID)
        }
    }

    /// Loads subjects, units, types and movements for many registrations with one query each.
    static func load(_ rows: [RegistrationModel], on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        let subjects = try await SubjectModel.query(on: db).filter(\.$id ~~ Set(rows.map { $0.$subject.id })).all()
        let units = try await UnitModel.query(on: db).filter(\.$id ~~ Set(rows.map { $0.$unit.id })).all()
        let types = try await SubjectTypeModel.query(on: db).filter(
            \.$id ~~ Set(rows.compactMap { $0.$subjectType.id })
        ).all()
        let links = try await RegistrationMovementModel.query(on: db).filter(
            \.$registration.$id ~~ rows.compactMap(\.id)
        ).all()
        let movements = try await MovementModel.query(on: db).filter(\.$id ~~ Set(links.map { $0.$movement.id })).all()
        let s = Dictionary(uniqueKeysWithValues: subjects.map { ($0.id!, $0) })
        let u = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
        let t = Dictionary(uniqueKeysWithValues: types.map { ($0.id!, $0) })
        let m = Dictionary(uniqueKeysWithValues: movements.map { ($0.id!, $0) })
        let byReg = Dictionary(grouping: links, by: { $0.$registration.id })
        for r in rows {
            r.$subject.value = s[r.$subject.id]
            r.$unit.value = u[r.$unit.id]
            r.$subjectType.value = .some(r.$subjectType.id.flatMap { t[$0] })
            r.$movements.value = (byReg[r.id ?? -1] ?? []).compactMap { m[$0.$movement.id] }
        }
    }
}
