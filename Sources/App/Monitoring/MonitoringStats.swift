/// THE statistics query of the monitoring work (issue 16, items 2 and 4).
///
/// The dashboards (`DashboardWeb`, `DashboardAPI`) and the periodic report to Sở Nội vụ (helper 3's report) both take
/// every number from `MonitoringStats.load`; a test compares the report's numbers with it. Change a count here and
/// both follow. Every figure is an SQL aggregate (GROUP BY / COUNT): no table is loaded whole, and the SQL is the
/// common subset of SQLite and PostgreSQL.
///
/// What is counted, for a scope and a range of years (a registration's `year`):
/// - registrations by year (every year of `period`, zeros included), field, collective model type, individual type,
///   movement, subject kind, status (every status, zeros included) and unit (the scope's units one level down,
///   each with its subtree; a cluster's members; the scope's own unit as "trực tiếp tại đơn vị");
/// - nurturing actions of those registrations still planned or in progress after their due date (as of today);
/// - dossiers of those years waiting for appraisal (submitted) or for a decision (appraised, reviewed);
/// - evaluations due: registrations still registered or under nurturing that have no evaluation yet;
/// - models replicated: registrations whose status is "Nhân rộng".
import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Whose figures: the whole tree, a unit's subtree, one movement in every unit, or a cluster's members.
enum StatsScope: Hashable, Sendable {
    case all
    case unit(Int)
    case movement(Int)
    case group(Int)

    /// As written in a query string: "all", "unit-12", "movement-3", "group-2".
    var code: String {
        switch self {
        case .all: "all"
        case .unit(let id): "unit-\(id)"
        case .movement(let id): "movement-\(id)"
        case .group(let id): "group-\(id)"
        }
    }

    init?(code: String) {
        let t = code.trimmingCharacters(in: .whitespaces)
        if t == "all" {
            self = .all
            return
        }
        let parts = t.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = Int(parts[1]), id > 0 else { return nil }
        switch parts[0] {
        case "unit": self = .unit(id)
        case "movement": self = .movement(id)
        case "group": self = .group(id)
        default: return nil
        }
    }

    /// The scope an actor's dashboard opens on (`Policy.defaultStatsTarget`).
    static func initial(for actor: Actor) -> StatsScope? {
        switch Policy.defaultStatsTarget(actor) {
        case .all: return .all
        case .movement(let id): return .movement(id)
        case .unit: return actor.unitID.map(StatsScope.unit)
        case .group, nil: return nil
        }
    }
}

struct MonitoringStats: Codable, Sendable, Equatable {
    /// One row of a breakdown: a stable key (code or id), its Vietnamese label, and how many registrations.
    struct Count: Codable, Sendable, Equatable {
        let key: String
        let label: String
        let count: Int
        /// By subject kind (collective, individual, household) where a table splits it: the by-unit breakdown.
        var parts: [Int]? = nil
    }

    let scope: String
    let scopeLabel: String
    let fromYear: Int
    let toYear: Int
    let total: Int
    let byYear: [Count]
    let byField: [Count]
    let byModelType: [Count]
    let byIndividualType: [Count]
    let byMovement: [Count]
    let bySubjectKind: [Count]
    let byStatus: [Count]
    let byUnit: [Count]
    let overdueActions: Int
    let awaitingAppraisal: Int
    let awaitingDecision: Int
    let evaluationsDue: Int
    let replicated: Int
    /// Adoptions of models by other units in those years (`ReplicationQuery.count`), and the models adopted.
    var replications: Int = 0
    var replicatedModels: Int = 0

    static let noType = "Chưa chọn loại"
    static let noMovement = "Không gắn phong trào"
    static let direct = "Trực tiếp tại đơn vị"
    static let maxYears = 30

    /// A scope with what its SQL needs: the registrations' filter over `registrations r JOIN units u`, and the units
    /// the by-unit breakdown rolls up to.
    struct Resolved: Sendable {
        let scope: StatsScope
        let label: String
        let target: StatsTarget
        /// A unit whose own registrations form a row of their own (the unit of a unit scope).
        let directUnit: UnitModel?
        let buckets: [UnitModel]
    }

    /// Looks a scope up and asks the policy; 404 for a scope that does not exist or is not the actor's to see.
    /// `years`: the years asked, so that a cluster's head of those years sees its cluster (`StatsTarget.group`).
    static func resolve(_ scope: StatsScope, actor: Actor, years: ClosedRange<Int>? = nil, on db: any Database)
        async throws -> Resolved
    {
        let resolved = try await lookup(scope, years: years, on: db)
        switch Policy.statsDecision(actor, resolved.target) {
        case .allow: return resolved
        case .notFound: throw AppError.notFound("Không tìm thấy số liệu theo phạm vi này.")
        case .forbidden(let why): throw AppError.forbidden(why)
        }
    }

    private static func lookup(_ scope: StatsScope, years: ClosedRange<Int>? = nil, on db: any Database) async throws
        -> Resolved
    {
        switch scope {
        case .all:
            let roots = try await UnitModel.query(on: db).filter(\.$parent.$id == nil).sort(\.$path).all()
            let buckets = roots.count == 1 ? try await children(of: roots[0], on: db) : roots
            return Resolved(
                scope: scope, label: "Toàn bộ đơn vị", target: .all, directUnit: roots.count == 1 ? roots[0] : nil,
                buckets: buckets)
        case .unit(let id):
            guard let u = try await UnitModel.find(id, on: db) else {
                throw AppError.notFound("Không tìm thấy đơn vị.")
            }
            return Resolved(
                scope: scope, label: u.name, target: .unit(u.unitPath), directUnit: u,
                buckets: try await children(of: u, on: db))
        case .movement(let id):
            guard let m = try await MovementModel.find(id, on: db) else {
                throw AppError.notFound("Không tìm thấy phong trào.")
            }
            let all = try await lookup(.all, on: db)
            return Resolved(
                scope: scope, label: "Phong trào: \(m.name)", target: .movement(id), directUnit: all.directUnit,
                buckets: all.buckets)
        case .group(let id):
            guard let g = try await UnitGroupModel.find(id, on: db) else {
                throw AppError.notFound("Không tìm thấy cụm, khối thi đua.")
            }
            let members = try await UnitModel.query(on: db)
                .join(UnitGroupMemberModel.self, on: \UnitModel.$id == \UnitGroupMemberModel.$unit.$id)
                .filter(UnitGroupMemberModel.self, \.$group.$id == id).sort(\.$path).all()
            let heads = try await GroupWorkService.heads(id, years: years, on: db)
            return Resolved(
                scope: scope, label: g.name, target: .group(memberPaths: members.map(\.unitPath), heads: heads),
                directUnit: nil, buckets: members)
        }
    }

    private static func children(of u: UnitModel, on db: any Database) async throws -> [UnitModel] {
        guard let id = u.id else { return [] }
        return try await UnitModel.query(on: db).filter(\.$parent.$id == id).sort(\.$path).all()
    }

    /// The figures of a scope over `years` (a single year: `y...y`); `period` is the span of the per-year series
    /// (the plan's period; `years` when not given). Access is checked here: an actor outside the scope gets a 404.
    static func load(
        scope: StatsScope, years: ClosedRange<Int>, period: ClosedRange<Int>? = nil, actor: Actor, on db: any Database
    ) async throws -> MonitoringStats {
        let r = try await resolve(scope, actor: actor, years: years, on: db)
        return try await load(r, years: years, period: period, on: db)
    }

    /// `countDirectly`: count the registrations themselves whatever the scope (the tests compare both ways).
    static func load(
        _ r: Resolved, years: ClosedRange<Int>, period: ClosedRange<Int>?, countDirectly: Bool = false,
        on db: any Database
    ) async throws -> MonitoringStats {
        let period = period ?? years
        guard years.count <= maxYears, period.count <= maxYears else {
            throw AppError.badRequest("Chỉ xem được tối đa \(maxYears) năm một lần.")
        }
        guard let sql = db as? any SQLDatabase else {
            throw AppError.badRequest("Cơ sở dữ liệu không hỗ trợ thống kê.")
        }
        // A unit's subtree, the whole tree and a cluster's members are read from the counts kept on write; a
        // movement's registrations, spread over every unit, are counted directly.
        let c: Counted
        if case .movement = r.target {
            c = try await countedDirectly(r, years: years, period: period, on: sql)
        } else if countDirectly {
            c = try await countedDirectly(r, years: years, period: period, on: sql)
        } else {
            c = try await countedFromTallies(r, years: years, period: period, on: sql)
        }
        let byYear = period.map { y in Count(key: String(y), label: String(y), count: c.perYear[y] ?? 0) }
        let bySubjectKind = SubjectKind.allCases.map {
            Count(key: $0.rawValue, label: $0.label, count: c.kinds[$0.rawValue] ?? 0)
        }
        let total = c.kinds.values.reduce(0, +)
        let byStatus = RegistrationStatus.allCases.map {
            Count(key: $0.rawValue, label: $0.label, count: c.statuses[$0.rawValue] ?? 0)
        }
        let fieldNames = try await names(
            table: "catalogue_fields", codes: c.fields.keys.filter { !$0.isEmpty }, extra: "", on: sql)
        let byField = sorted(
            c.fields.map { k, n in
                Count(key: k, label: k.isEmpty ? "Chưa chọn lĩnh vực" : fieldNames[k] ?? k, count: n)
            })

        // Types: a registration's type belongs to a category (collective model types, individual types); the
        // versions of the catalogue each have their own ids, counted together by code.
        struct TypeInfo: Decodable {
            let id: Int
            let category: String
            let code: String
            let name: String
        }
        let typeIDs = Set(c.types.keys.compactMap(\.typeID))
        let typeInfo = Dictionary(
            uniqueKeysWithValues: typeIDs.isEmpty
                ? []
                : try await sql.raw(
                    """
                    SELECT id, category, code, name FROM catalogue_subject_types
                    WHERE id IN (\(binds: typeIDs.sorted()))
                    """
                ).all(decoding: TypeInfo.self).map { ($0.id, $0) })
        func types(category: String, kind: SubjectKind) -> [Count] {
            var out: [String: Count] = [:]
            for (key, n) in c.types {
                let t = key.typeID.flatMap { typeInfo[$0] }
                guard t?.category == category || (t == nil && key.kind == kind.rawValue) else { continue }
                let code = t?.code ?? ""
                let label = t.map { min(out[code]?.label ?? $0.name, $0.name) } ?? noType
                out[code] = Count(key: code, label: label, count: (out[code]?.count ?? 0) + n)
            }
            return sorted(Array(out.values))
        }

        struct MovementName: Decodable {
            let id: Int
            let name: String
        }
        let movementNames = Dictionary(
            uniqueKeysWithValues: c.movements.isEmpty
                ? []
                : try await sql.raw(
                    "SELECT id, name FROM movements WHERE id IN (\(binds: c.movements.keys.sorted()))"
                ).all(decoding: MovementName.self).map { ($0.id, $0.name) })
        var byMovement = sorted(
            c.movements.compactMap { id, n in
                movementNames[id].map { Count(key: String(id), label: $0, count: n) }
            })
        if c.unlinked > 0 { byMovement.append(Count(key: "", label: noMovement, count: c.unlinked)) }

        func unitCount(_ id: Int, _ label: String, _ kinds: [String: Int]) -> Count {
            let parts = SubjectKind.allCases.map { kinds[$0.rawValue] ?? 0 }
            return Count(key: String(id), label: label, count: kinds.values.reduce(0, +), parts: parts)
        }
        var byUnit = r.buckets.compactMap { b in b.id.map { unitCount($0, b.name, c.units[$0] ?? [:]) } }
        if let d = r.directUnit, let id = d.id {
            byUnit.insert(unitCount(id, "\(direct): \(d.name)", c.own), at: 0)
        }

        let inScope = filter(r.target)
        let whereClause: SQLQueryString =
            "WHERE \(inScope) AND r.year BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound)"
        let overdue = try await count(
            sql,
            """
            SELECT COUNT(a.id) AS n FROM nurturing_actions a JOIN registrations r ON r.id = a.registration_id
            JOIN units u ON u.id = r.unit_id \(whereClause)
            AND a.status IN (\(binds: [ActionStatus.planned.rawValue, ActionStatus.inProgress.rawValue]))
            AND a.due_date < \(bind: Today.iso)
            """)
        let appraisal = try await dossiers(r.target, years: years, statuses: [.submitted], on: sql)
        let decision = try await dossiers(r.target, years: years, statuses: [.appraised, .reviewed], on: sql)

        var stats = MonitoringStats(
            scope: r.scope.code, scopeLabel: r.label, fromYear: years.lowerBound, toYear: years.upperBound,
            total: total, byYear: byYear, byField: byField,
            byModelType: types(category: "collective", kind: .collective),
            byIndividualType: types(category: "individual", kind: .individual), byMovement: byMovement,
            bySubjectKind: bySubjectKind, byStatus: byStatus, byUnit: byUnit, overdueActions: overdue,
            awaitingAppraisal: appraisal, awaitingDecision: decision, evaluationsDue: c.evaluationsDue,
            replicated: c.statuses[RegistrationStatus.replicated.rawValue] ?? 0)
        let adoptions = try await ReplicationQuery.count(years: years, target: r.target, on: db)
        stats.replications = adoptions.adoptions
        stats.replicatedModels = adoptions.models
        return stats
    }

    /// The registration counts of a scope, whichever way they were read.
    struct Counted: Sendable {
        struct TypeKey: Hashable, Sendable {
            let typeID: Int?
            let kind: String
        }
        /// Over the period.
        var perYear: [Int: Int] = [:]
        /// The rest over the years asked.
        var kinds: [String: Int] = [:]
        var statuses: [String: Int] = [:]
        var fields: [String: Int] = [:]
        var types: [TypeKey: Int] = [:]
        var movements: [Int: Int] = [:]
        var unlinked = 0
        /// Per bucket unit (its subtree), by subject kind; `own`: the direct unit's own registrations.
        var units: [Int: [String: Int]] = [:]
        var own: [String: Int] = [:]
        var evaluationsDue = 0
    }

    /// From `RegistrationTallies`: a few rows a scope and year, whatever the number of registrations.
    private static func countedFromTallies(
        _ r: Resolved, years: ClosedRange<Int>, period: ClosedRange<Int>, on sql: any SQLDatabase
    ) async throws -> Counted {
        // The scopes whose subtrees make up the target; a cluster member inside another member counts once.
        let scopes: [Int]
        switch r.target {
        case .all: scopes = [0]
        case .unit(let p): scopes = RegistrationTallies.scopes(covering: [p])
        case .group(let paths, _): scopes = RegistrationTallies.scopes(covering: paths)
        case .movement: scopes = []
        }
        let span = min(years.lowerBound, period.lowerBound)...max(years.upperBound, period.upperBound)
        let dims = ["ks", "field", "type", "mv", "due"]
        let read = try await RegistrationTallies.read(scopes: scopes, years: span, dims: dims, on: sql)
        var c = Counted()
        func item(_ s: String) -> (String, String) {
            let parts = s.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
        for scope in scopes {
            for (year, dimsOfYear) in read[scope] ?? [:] {
                let ks = dimsOfYear["ks"] ?? [:]
                if period.contains(year) { c.perYear[year, default: 0] += ks.values.reduce(0, +) }
                guard years.contains(year) else { continue }
                for (key, n) in ks {
                    let (kind, status) = item(key)
                    c.kinds[kind, default: 0] += n
                    c.statuses[status, default: 0] += n
                }
                for (key, n) in dimsOfYear["field"] ?? [:] { c.fields[key, default: 0] += n }
                for (key, n) in dimsOfYear["type"] ?? [:] {
                    let (id, kind) = item(key)
                    c.types[Counted.TypeKey(typeID: Int(id), kind: kind), default: 0] += n
                }
                for (key, n) in dimsOfYear["mv"] ?? [:] {
                    if let id = Int(key) { c.movements[id, default: 0] += n } else { c.unlinked += n }
                }
                c.evaluationsDue += dimsOfYear["due"]?.values.reduce(0, +) ?? 0
            }
        }
        // Buckets: each its own subtree; the direct unit's own = its subtree less its children's (the buckets).
        // One read for both.
        let direct = r.directUnit?.id
        let bucketIDs = r.buckets.compactMap(\.id)
        let perScope = try await RegistrationTallies.read(
            scopes: bucketIDs + (direct.map { [$0] } ?? []), years: years, dims: ["ks"], on: sql)
        func kinds(_ scope: Int) -> [String: Int] {
            var out: [String: Int] = [:]
            for (_, d) in perScope[scope] ?? [:] {
                for (key, n) in d["ks"] ?? [:] { out[item(key).0, default: 0] += n }
            }
            return out
        }
        for id in bucketIDs { c.units[id] = kinds(id) }
        if let direct {
            var own = kinds(direct)
            for id in bucketIDs { for (kind, n) in c.units[id] ?? [:] { own[kind, default: 0] -= n } }
            c.own = own.filter { $0.value != 0 }
        }
        return c
    }

    /// Counting the registrations themselves (a movement's dashboard).
    private static func countedDirectly(
        _ r: Resolved, years: ClosedRange<Int>, period: ClosedRange<Int>, on sql: any SQLDatabase
    ) async throws -> Counted {
        let inScope = filter(r.target)
        let inYears: SQLQueryString = "r.year BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound)"
        let from: SQLQueryString = "FROM registrations r JOIN units u ON u.id = r.unit_id"
        let whereClause: SQLQueryString = "WHERE \(inScope) AND \(inYears)"
        struct KeyRow: Decodable {
            let k: String?
            let n: Int
        }
        func grouped(_ key: SQLQueryString) async throws -> [String: Int] {
            let rows = try await sql.raw(
                "SELECT \(key) AS k, COUNT(r.id) AS n \(from) \(whereClause) GROUP BY \(key)"
            ).all(decoding: KeyRow.self)
            return Dictionary(rows.map { ($0.k ?? "", $0.n) }, uniquingKeysWith: +)
        }
        var c = Counted()
        let yearRows = try await sql.raw(
            """
            SELECT CAST(r.year AS TEXT) AS k, COUNT(r.id) AS n \(from)
            WHERE \(inScope) AND r.year BETWEEN \(bind: period.lowerBound) AND \(bind: period.upperBound)
            GROUP BY r.year
            """
        ).all(decoding: KeyRow.self)
        for row in yearRows { if let y = Int(row.k ?? "") { c.perYear[y, default: 0] += row.n } }
        c.kinds = try await grouped("r.subject_kind")
        c.statuses = try await grouped("r.status")
        c.fields = try await grouped("r.field_code")
        struct TypeRow: Decodable {
            let id: Int?
            let kind: String
            let n: Int
        }
        for row in try await sql.raw(
            """
            SELECT r.subject_type_id AS id, r.subject_kind AS kind, COUNT(r.id) AS n \(from) \(whereClause)
            GROUP BY r.subject_type_id, r.subject_kind
            """
        ).all(decoding: TypeRow.self) {
            c.types[Counted.TypeKey(typeID: row.id, kind: row.kind), default: 0] += row.n
        }
        struct MovementRow: Decodable {
            let id: Int
            let n: Int
        }
        for row in try await sql.raw(
            """
            SELECT rm.movement_id AS id, COUNT(r.id) AS n \(from)
            JOIN registration_movements rm ON rm.registration_id = r.id
            \(whereClause) \(movementOnly(r.target)) GROUP BY rm.movement_id
            """
        ).all(decoding: MovementRow.self) {
            c.movements[row.id, default: 0] += row.n
        }
        c.unlinked = try await count(
            sql,
            """
            SELECT COUNT(r.id) AS n \(from) \(whereClause)
            AND NOT EXISTS (SELECT 1 FROM registration_movements x WHERE x.registration_id = r.id)
            """)
        (c.units, c.own) = try await units(r, from: from, whereClause: whereClause, on: sql)
        c.evaluationsDue = try await count(
            sql,
            """
            SELECT COUNT(r.id) AS n \(from) \(whereClause)
            AND r.status IN (\(binds: [RegistrationStatus.registered.rawValue, RegistrationStatus.nurturing.rawValue]))
            AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.registration_id = r.id)
            """)
        return c
    }

    /// The registrations of a scope, over `registrations r JOIN units u`.
    static func filter(_ target: StatsTarget) -> SQLQueryString {
        switch target {
        case .all: return "1 = 1"
        case .unit(let p): return "u.path LIKE \(bind: p.raw + "%")"
        case .movement(let id):
            return
                "EXISTS (SELECT 1 FROM registration_movements sm WHERE sm.registration_id = r.id "
                + "AND sm.movement_id = \(bind: id))"
        case .group(let paths, _):
            guard !paths.isEmpty else { return "1 = 0" }
            let parts: [SQLQueryString] = paths.map { "u.path LIKE \(bind: $0.raw + "%")" }
            return "(" + parts.joined(separator: " OR ") + ")"
        }
    }

    /// In a movement's dashboard the by-movement table shows that movement only (a registration may serve several).
    private static func movementOnly(_ target: StatsTarget) -> SQLQueryString {
        if case .movement(let id) = target { return "AND rm.movement_id = \(bind: id)" }
        return ""
    }

    private static func count(_ sql: any SQLDatabase, _ q: SQLQueryString) async throws -> Int {
        struct N: Decodable { let n: Int }
        return try await sql.raw(q).first(decoding: N.self)?.n ?? 0
    }

    private static func names(table: String, codes: [String], extra: SQLQueryString, on sql: any SQLDatabase)
        async throws -> [String: String]
    {
        guard !codes.isEmpty else { return [:] }
        struct Row: Decodable {
            let code: String
            let name: String
        }
        let rows = try await sql.raw(
            "SELECT code, MIN(name) AS name FROM \(ident: table) WHERE code IN (\(binds: codes)) GROUP BY code"
        ).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// Dossiers of the years in these statuses, from the scope's units (a movement: dossiers naming one of its
    /// registrations).
    private static func dossiers(
        _ target: StatsTarget, years: ClosedRange<Int>, statuses: [DossierStatus], on sql: any SQLDatabase
    ) async throws -> Int {
        let scope: SQLQueryString
        switch target {
        case .movement(let id):
            scope = """
                EXISTS (SELECT 1 FROM dossier_nominees dn JOIN registration_movements sm
                ON sm.registration_id = dn.registration_id WHERE dn.dossier_id = d.id AND sm.movement_id = \(bind: id))
                """
        default: scope = filter(target)
        }
        return try await count(
            sql,
            """
            SELECT COUNT(d.id) AS n FROM dossiers d JOIN units u ON u.id = d.unit_id
            WHERE \(scope) AND d.year BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound)
            AND d.status IN (\(binds: statuses.map(\.rawValue)))
            """)
    }

    /// Registrations per bucket unit (its whole subtree) by subject kind, and the scope unit's own.
    private static func units(
        _ r: Resolved, from: SQLQueryString, whereClause: SQLQueryString, on sql: any SQLDatabase
    ) async throws -> (buckets: [Int: [String: Int]], own: [String: Int]) {
        struct Row: Decodable {
            let id: Int
            let kind: String
            let n: Int
        }
        var counts: [Int: [String: Int]] = [:]
        let ids = r.buckets.compactMap(\.id)
        // A bucket's subtree is a prefix of the path; chunks keep the bind count well under both databases' limits.
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let rows = try await sql.raw(
                """
                SELECT b.id AS id, r.subject_kind AS kind, COUNT(r.id) AS n \(from)
                JOIN units b ON u.path LIKE b.path || '%'
                \(whereClause) AND b.id IN (\(binds: chunk)) GROUP BY b.id, r.subject_kind
                """
            ).all(decoding: Row.self)
            for row in rows { counts[row.id, default: [:]][row.kind, default: 0] += row.n }
        }
        var own: [String: Int] = [:]
        if let d = r.directUnit, let id = d.id {
            let rows = try await sql.raw(
                """
                SELECT r.unit_id AS id, r.subject_kind AS kind, COUNT(r.id) AS n \(from) \(whereClause)
                AND r.unit_id = \(bind: id) GROUP BY r.unit_id, r.subject_kind
                """
            ).all(decoding: Row.self)
            own = Dictionary(rows.map { ($0.kind, $0.n) }, uniquingKeysWith: +)
        }
        return (counts, own)
    }

    /// Largest first, then by label in Vietnamese order.
    private static func sorted(_ rows: [Count]) -> [Count] {
        let vi = Locale(identifier: "vi_VN")
        return rows.sorted {
            $0.count != $1.count
                ? $0.count > $1.count
                : $0.label.compare($1.label, options: [], range: nil, locale: vi) == .orderedAscending
        }
    }
}
