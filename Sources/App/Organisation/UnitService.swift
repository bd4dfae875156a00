import Domain
import Fluent
import SQLKit
import Vapor

/// What a form or an API client sends to create or change a unit. Required fields are non-optional.
struct UnitInput: Content, Sendable {
    var code: String
    var name: String
    var shortName: String?
    var kind: String
    var parentID: Int?
    var place: String?
    var abbreviation: String?

    /// NFC, trimmed; empty optional text becomes empty string.
    func cleaned() -> UnitInput {
        UnitInput(
            code: VietnameseText.clean(code).uppercased(), name: VietnameseText.clean(name),
            shortName: VietnameseText.clean(shortName ?? ""), kind: VietnameseText.clean(kind), parentID: parentID,
            place: VietnameseText.clean(place ?? ""), abbreviation: VietnameseText.clean(abbreviation ?? ""))
    }
}

/// The public face of a unit, for JSON and for the audit log.
struct UnitDTO: Content, Sendable, Equatable {
    let id: Int
    let code: String
    let name: String
    let shortName: String
    let kind: String
    let kindLabel: String
    let parentID: Int?
    let path: String
    let place: String
    let abbreviation: String
    let active: Bool

    init(_ u: UnitModel) {
        id = u.id ?? 0
        code = u.code
        name = u.name
        shortName = u.shortName
        kind = u.kind
        kindLabel = u.unitKind.label
        parentID = u.$parent.id
        path = u.path
        place = u.place
        abbreviation = u.abbreviation
        active = u.active
    }
}

struct UnitFilter: Sendable {
    var q: String = ""
    var kind: String = ""
    var parentID: Int?
    var groupID: Int?
}

extension QueryBuilder {
    /// A unit query (its own model or joined) restricted to a scope (`UnitQueries.condition`), reached as `reach`
    /// says: `.range` for a query of units in path order, `.walk` or `.units` for records joined to their units
    /// (`within(_:keptFor:)` chooses).
    func within(_ scope: UnitScope, _ reach: UnitQueries.Reach = .walk) -> QueryBuilder<Model> {
        guard let c = UnitQueries.condition(scope, units: UnitModel.schema, reach, postgres: database.isPostgres) else {
            return self
        }
        return filter(.sql(c))
    }

    /// Records joined to their units, restricted to a scope, reached as `UnitQueries.reach` chooses.
    func within(_ scope: UnitScope, keptFor req: Request?) async throws -> QueryBuilder<Model> {
        within(scope, try await UnitQueries.reach(scope, on: database, keptFor: req))
    }
}

enum UnitQueries {
    /// How a query reaches a scope's units (`condition`).
    enum Reach: Sendable {
        /// A prefix match on the path, tested on each row along the query's order: on SQLite, whose `LIKE` (it
        /// ignores case) no index serves, the order's index is walked and a large scope's rows are found soon.
        case walk
        /// The path index's range of each subtree (`indexedSubtree`): for a query of units in path order, or one
        /// that starts from the units (`FROM units CROSS JOIN …`).
        case range
        /// Records joined to their units, read from a small scope's units (`isSmall`): their ids from the path
        /// index's ranges. SQLite 3.54 given the range on the joined units still walked the order's index (the
        /// award lookup's subjects in name order: 250 ms for a commune's first page nationally); given the units'
        /// ids as a subquery it starts from them (3 ms). On PostgreSQL, `.ids`.
        case units
        /// A small scope's units named by id (PostgreSQL; `subtreeIDs`). PostgreSQL estimates a path prefix's units
        /// from its histogram of paths, a few hundred values for 99,348 units: a district of 27 units was taken
        /// for about forty times as many, and its list walked 2024's registrations in name order testing each
        /// one's unit — 1.1 s a page (session 35). Named, its units are counted exactly and read first.
        case ids([Int])

        /// Read from a small scope's units (`.units`, `.ids`).
        var fromUnits: Bool {
            switch self {
            case .units, .ids: true
            case .walk, .range: false
            }
        }

        /// Tested along the query's order (`.walk`).
        var walks: Bool {
            if case .walk = self { true } else { false }
        }
    }

    /// The one translation of a `UnitScope` into SQL, over the units table or alias `units`: a condition per
    /// subtree (several when a unit inherited others' history), a prefix match tested on each row (`Reach.walk`);
    /// nil when every unit is in scope.
    static func condition(_ scope: UnitScope, units: String) -> SQLQueryString? {
        condition(scope, units: units, .walk, postgres: false)
    }

    /// `condition` reached as `reach` says. `postgres` is required: the byte range of `.range` and `.units` is
    /// SQLite's; on PostgreSQL, whose collation may order "/" apart from the digits, both stay a prefix match
    /// (a small scope there is reached by its units' ids, `.ids`).
    static func condition(_ scope: UnitScope, units: String, _ reach: Reach, postgres: Bool) -> SQLQueryString? {
        guard let paths = scope.roots else { return nil }
        guard !paths.isEmpty else { return "1 = 0" }
        func any(_ path: any SQLExpression, walk: Bool) -> SQLQueryString {
            let each = paths.map { p -> SQLQueryString in
                walk ? "\(path) LIKE \(bind: p.raw + "%")" : indexedSubtree(p, path: path, postgres: postgres)
            }
            return each.count == 1 ? each[0] : "(" + each.map { "(\($0))" }.joined(separator: " OR ") + ")"
        }
        switch reach {
        case .ids(let ids):
            return ids.isEmpty ? "1 = 0" : "\(SQLColumn("id", table: units)) = ANY(\(bind: ids))"
        case .units where !postgres:
            return """
                \(SQLColumn("id", table: units)) IN (SELECT c.id FROM \(ident: UnitModel.schema) c \
                WHERE \(any(SQLColumn("path", table: "c"), walk: false)))
                """
        case .units, .walk: return any(SQLColumn("path", table: units), walk: true)
        case .range: return any(SQLColumn("path", table: units), walk: false)
        }
    }

    /// A scope of at most this many units is read from its units (`isSmall`).
    static let smallSubtree = 500

    /// How a list of records joined to their units reaches a scope: from its units when it is small (`isSmall`) —
    /// by their ids on PostgreSQL (`.ids`), on SQLite as `sqlite` says (`.units`; `.range` for a query that starts
    /// from the units) — else along the list's order.
    static func reach(_ scope: UnitScope, on db: any Database, keptFor req: Request?, sqlite: Reach = .units)
        async throws -> Reach
    {
        guard try await isSmall(scope, on: db, keptFor: req) else { return .walk }
        return db.isPostgres ? .ids(try await subtreeIDs(scope, on: db, keptFor: req)) : sqlite
    }

    /// The ids of a small scope's units (`isSmall`), each subtree's read once through `req`'s reference copies.
    static func subtreeIDs(_ scope: UnitScope, on db: any Database, keptFor req: Request?) async throws -> [Int] {
        var ids: Set<Int> = []
        for p in scope.roots ?? [] { ids.formUnion(try await subtreeUnits(p, on: db, keptFor: req)) }
        return ids.sorted()
    }

    /// Whether the scope's subtrees hold at most `smallSubtree` units (each subtree counted, the counts summed: an
    /// overlap counts twice and leans to the walk), so that its records are best read
    /// from its units. Nationally a commune's award lookup (27 units, 771 of 3,000,000 awards) walked the subjects in
    /// name order testing each one's unit: 1.0 s for its first page and 1.8 s for its total on SQLite; from its
    /// units, 4 ms and 0.2. A province (2,922 units) is the other way round: its walk finds a page in 2 ms, where
    /// reading its awards from its units and sorting them takes 150.
    static func isSmall(_ scope: UnitScope, on db: any Database, keptFor req: Request?) async throws -> Bool {
        guard let paths = scope.roots, !paths.isEmpty else { return false }
        var units = 0
        for p in paths {
            units += try await subtreeUnits(p, on: db, keptFor: req).count
            if units > smallSubtree { return false }
        }
        return true
    }

    /// A subtree's unit ids, up to `smallSubtree + 1` (enough to tell a small scope and to name its units), kept
    /// through `req`'s reference copies until the next audited write.
    private static func subtreeUnits(_ p: UnitPath, on db: any Database, keptFor req: Request?) async throws -> [Int] {
        try await req.reference("units.subtree-ids \(p.raw)") {
            let subtree = indexedSubtree(p, path: SQLColumn("path", table: "c"), postgres: db.isPostgres)
            return try await db.sql().raw(
                """
                SELECT c.id FROM \(ident: UnitModel.schema) c WHERE \(subtree) ORDER BY c.id \
                LIMIT \(literal: smallSubtree + 1)
                """
            ).all().map { try $0.decode(column: "id", as: Int.self) }
        }
    }

    /// One subtree over a units' `path` column, read from an index on both databases (for queries that start from
    /// a subtree's units). SQLite's `LIKE` ignores case, so no index serves `condition`'s prefix match there: the
    /// paths are compared as bytes instead, from the path to the same path with its closing "/" raised to "0" (the
    /// next byte). PostgreSQL keeps `condition`'s `LIKE`, served by `units_path_pattern_idx` (migration 53) whatever
    /// the collation, where a range would follow the collation's order.
    static func indexedSubtree(_ subtree: UnitPath, path: any SQLExpression, postgres: Bool) -> SQLQueryString {
        let p = subtree.raw
        guard !postgres, p.hasSuffix("/") else { return "\(path) LIKE \(bind: p + "%")" }
        return "\(path) >= \(bind: p) AND \(path) < \(bind: p.dropLast() + "0")"
    }

    /// Restricts a unit query to a scope (the policy's answer for the actor): the scope's range of the path index.
    static func scoped(_ query: QueryBuilder<UnitModel>, _ scope: UnitScope) -> QueryBuilder<UnitModel> {
        query.within(scope, .range)
    }

    /// The list's order (its pages and its export): by place in the tree, then id; index `units_path_id_idx`.
    static let order: [KeysetColumn<UnitModel>] = [
        .text("units", "path") { $0.path }, .int("units", "id") { try $0.requireID() },
    ]

    static func list(_ filter: UnitFilter, _ list: ListQuery, scope: UnitScope, on db: any Database) async throws
        -> Page<UnitModel>
    {
        try await filtered(filter, scope: scope, on: db, walk: walks(filter, on: db)).keysetPage(
            list, order: order, total: .counted(by: filtered(filter, scope: scope, on: db)))
    }

    /// Whether a search reads the tree in order, testing each unit's text (`FoldedTextSearch.matching(walk:)`):
    /// for words most units have. Otherwise the matches come from the full-text index and are sorted; the total
    /// is always counted from the index.
    static func walks(_ filter: UnitFilter, on db: any Database) async throws -> Bool {
        try await FoldedTextSearch(table: UnitModel.schema).isCommon(FoldedTextSearch.words(filter.q), on: db)
    }

    /// The list's filter and scope (the page, the API, the export and the unit picker share it). A search `q`
    /// matches the start of words of the folded code, name and short name, each word, through the units'
    /// full-text index (migration 51), or walking the tree (`walk`, from `walks`): it was a `LIKE '%…%'` per word.
    static func filtered(_ filter: UnitFilter, scope: UnitScope, on db: any Database, walk: Bool = false)
        -> QueryBuilder<UnitModel>
    {
        var q = scoped(UnitModel.query(on: db), scope)
        for condition in FoldedTextSearch(table: UnitModel.schema).matching(
            FoldedTextSearch.words(filter.q), walk: walk, on: db)
        {
            q = q.filter(.sql(condition))
        }
        if !filter.kind.isEmpty { q = q.filter(\.$kind == filter.kind) }
        if let p = filter.parentID { q = q.filter(\.$parent.$id == p) }
        if let g = filter.groupID {
            q = q.join(UnitGroupMemberModel.self, on: \UnitGroupMemberModel.$unit.$id == \UnitModel.$id)
                .filter(UnitGroupMemberModel.self, \.$group.$id == g)
        }
        return q
    }

    /// A unit the actor may read, or 404.
    static func readable(_ id: Int, actor: Actor?, on db: any Database) async throws -> UnitModel {
        guard let unit = try await UnitModel.find(id, on: db) else { throw AppError.notFound("Không tìm thấy đơn vị.") }
        try Access.check(actor, .read, .unit(unit.unitPath))
        return unit
    }

    /// The units of these codes, read a chunk of codes at a time: an import names a few units of a national tree of
    /// 100,000 (it used to load them all, about 1 s and 100 MB a file), and PostgreSQL binds at most 65,535
    /// parameters a statement. `codes` as typed; the keys are the stored codes (upper case).
    static func byCode(_ codes: some Sequence<String>, on db: any Database) async throws -> [String: UnitModel] {
        let wanted = Array(Set(codes.map { $0.uppercased() }.filter { !$0.isEmpty }))
        var out: [String: UnitModel] = [:]
        for start in stride(from: 0, to: wanted.count, by: 1_000) {
            let chunk = Array(wanted[start..<min(start + 1_000, wanted.count)])
            for u in try await UnitModel.query(on: db).filter(\.$code ~~ chunk).all() { out[u.code] = u }
        }
        return out
    }

    /// The units an imported file names in `column` (its first row is the header).
    static func byCode(column: Int?, of rows: [[String]], on db: any Database) async throws -> [String: UnitModel] {
        guard let column else { return [:] }
        return try await byCode(
            rows.dropFirst().compactMap { $0.indices.contains(column) ? VietnameseText.clean($0[column]) : nil }, on: db
        )
    }

    /// Units by id, for names along a path.
    static func names(_ ids: [Int], on db: any Database) async throws -> [Int: UnitModel] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await UnitModel.query(on: db).filter(\.$id ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: rows.compactMap { u in u.id.map { ($0, u) } })
    }
}

enum UnitService {
    static func validate(_ input: UnitInput, existingID: Int?, on db: any Database) async throws -> FieldErrors {
        var e = FieldErrors()
        Check.code(input.code, "code", into: &e)
        Check.required(input.name, "name", "Tên đơn vị", into: &e)
        Check.optional(input.shortName ?? "", "shortName", "Tên ngắn", max: 120, into: &e)
        Check.optional(input.place ?? "", "place", "Địa danh", max: 120, into: &e)
        Check.optional(input.abbreviation ?? "", "abbreviation", "Ký hiệu viết tắt", max: 30, into: &e)
        if UnitKind(rawValue: input.kind) == nil { e.add("kind", "Vui lòng chọn loại đơn vị.") }
        if e["code"] == nil {
            var dup = UnitModel.query(on: db).filter(\.$code == input.code)
            if let existingID { dup = dup.filter(\.$id != existingID) }
            if try await dup.count() > 0 { e.add("code", "Mã “\(input.code)” đã được dùng cho đơn vị khác.") }
        }
        if let p = input.parentID {
            if try await UnitModel.find(p, on: db) == nil {
                e.add("parentID", "Đơn vị cấp trên không tồn tại.")
            } else if p == existingID {
                e.add("parentID", "Một đơn vị không thể là cấp trên của chính nó.")
            }
        }
        return e
    }

    static func create(_ raw: UnitInput, actor: Actor?, on db: any Database) async throws -> UnitModel {
        let input = raw.cleaned()
        let parent: UnitModel? = if let p = input.parentID { try await UnitModel.find(p, on: db) } else { nil }
        try Access.check(actor, .create, .newUnit(parent: parent?.unitPath ?? .root))
        let errors = try await validate(input, existingID: nil, on: db)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        return try await db.transaction { tx in
            let unit = UnitModel(
                code: input.code, name: input.name,
                shortName: input.shortName?.isEmpty == false ? input.shortName! : input.name,
                kind: UnitKind(rawValue: input.kind) ?? .khac, parentID: parent?.id,
                place: input.place ?? "", abbreviation: input.abbreviation ?? "")
            try await unit.create(on: tx)
            unit.path = (parent?.unitPath ?? .root).child(try unit.requireID()).raw
            try await unit.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "unit", entityID: unit.id, unitID: unit.id,
                summary: "Thêm đơn vị \(unit.code) — \(unit.name)", before: Optional<UnitDTO>.none, after: UnitDTO(unit)
            )
            return unit
        }
    }

    static func update(_ id: Int, _ raw: UnitInput, actor: Actor?, on db: any Database) async throws -> UnitModel {
        let input = raw.cleaned()
        let unit = try await UnitQueries.readable(id, actor: actor, on: db)
        try Access.check(actor, .update, .unit(unit.unitPath))
        let newParent: UnitModel? = if let p = input.parentID { try await UnitModel.find(p, on: db) } else { nil }
        let moving = input.parentID != unit.$parent.id
        if moving { try Access.check(actor, .create, .newUnit(parent: newParent?.unitPath ?? .root)) }
        var errors = try await validate(input, existingID: id, on: db)
        if moving, let newParent, unit.unitPath.contains(newParent.unitPath) {
            errors.add("parentID", "Không thể chuyển đơn vị vào bên dưới chính nó.")
        }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let before = UnitDTO(unit)
        return try await db.transaction { tx in
            unit.code = input.code
            unit.name = input.name
            unit.shortName = input.shortName?.isEmpty == false ? input.shortName! : input.name
            unit.kind = input.kind
            unit.place = input.place ?? ""
            unit.abbreviation = input.abbreviation ?? ""
            unit.refreshSearchText()
            if moving {
                let oldPath = unit.path
                let newPath = (newParent?.unitPath ?? .root).child(id).raw
                unit.$parent.id = newParent?.id
                // Move the whole subtree: every path that starts with the old one gets the new prefix.
                let sql = try tx.sql()
                try await sql.raw(
                    """
                    UPDATE units SET path = \(bind: newPath) || substr(path, CAST(\(bind: oldPath.count + 1) AS INTEGER))
                    WHERE path LIKE \(bind: oldPath + "%")
                    """
                ).run()
                unit.path = newPath
                // The registrations of the moved subtree now count toward other units above it.
                try await RegistrationTallies.syncSubtree(path: newPath, on: tx)
            }
            try await unit.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "unit", entityID: id, unitID: id,
                summary: "Sửa đơn vị \(unit.code) — \(unit.name)", before: before, after: UnitDTO(unit))
            return unit
        }
    }

    /// What keeps a unit from being deleted: every table that names it and does not go with it.
    static let deleteBlockers: [(table: String, column: String, message: String)] = [
        ("units", "parent_id", "đơn vị còn đơn vị trực thuộc. Hãy chuyển hoặc xóa các đơn vị trực thuộc trước."),
        ("users", "unit_id", "đơn vị còn tài khoản người dùng."),
        ("movement_agencies", "unit_id", "đơn vị đang chủ trì hoặc phối hợp một phong trào."),
        ("subjects", "unit_id", "đơn vị còn tập thể, cá nhân hoặc hộ gia đình được quản lý."),
        ("registrations", "unit_id", "đơn vị còn đăng ký điển hình tiên tiến."),
        ("dossiers", "unit_id", "đơn vị còn hồ sơ đề nghị khen thưởng."),
    ]

    static func delete(_ id: Int, actor: Actor?, on db: any Database) async throws {
        let unit = try await UnitQueries.readable(id, actor: actor, on: db)
        try Access.check(actor, .delete, .unit(unit.unitPath))
        for blocker in deleteBlockers {
            let n =
                try await db.sql().select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(blocker.table).where(SQLColumn(blocker.column), .equal, SQLBind(id)).first()?
                .decode(column: "n", as: Int.self) ?? 0
            if n > 0 { throw AppError.conflict("Không thể xóa: " + blocker.message) }
        }
        let before = UnitDTO(unit)
        try await db.transaction { tx in
            try await UnitGroupMemberModel.query(on: tx).filter(\.$unit.$id == id).delete()
            try await unit.delete(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "delete", entity: "unit", entityID: id, unitID: id,
                summary: "Xóa đơn vị \(before.code) — \(before.name)", before: before, after: Optional<UnitDTO>.none)
        }
    }
}
