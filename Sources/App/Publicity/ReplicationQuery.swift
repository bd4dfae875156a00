import Domain
import Fluent
import SQLKit
import Vapor

/// One replication as the API and the pages read it.
struct ReplicationDTO: Content, Sendable {
    let id: Int
    let registrationID: Int
    let subjectID: Int
    let modelTitle: String
    let modelSubject: String
    let adoptingUnitID: Int
    let adoptingUnitName: String
    /// dd/mm/yyyy
    let adoptedOn: String
    let year: Int
    let adaptation: String
    let responsible: String
    let status: String
    let statusLabel: String

    init(_ r: ReplicationModel, adoptingUnitName: String) {
        id = r.id ?? 0
        registrationID = r.$registration.id
        subjectID = r.subjectID
        modelTitle = r.$registration.value?.title ?? ""
        modelSubject = r.$registration.value?.$subject.value?.name ?? ""
        adoptingUnitID = r.$adoptingUnit.id
        self.adoptingUnitName = adoptingUnitName
        adoptedOn = r.adoptedOn.isoToVietnamese
        year = r.year
        adaptation = r.adaptation
        responsible = r.responsible
        status = r.status.rawValue
        statusLabel = r.status.label
    }
}

struct ReplicationAssessmentDTO: Content, Sendable {
    struct Result: Content, Sendable {
        let code: String
        let text: String
        let kind: String
        let source: String
        let outcome: String
        let outcomeLabel: String
        let reason: String
        let input: CriterionInput?
    }
    let id: Int
    let replicationID: Int
    let year: Int
    /// dd/mm/yyyy
    let assessedOn: String
    let assessor: String
    let met: Int
    let unmet: Int
    let missing: Int
    let summary: String
    let results: [Result]

    init(_ a: ReplicationAssessmentModel) throws {
        let inputs = try a.criterionInputs()
        id = a.id ?? 0
        replicationID = a.$replication.id
        year = a.year
        assessedOn = a.assessedOn.isoToVietnamese
        assessor = a.assessor
        met = a.metCount
        unmet = a.unmetCount
        missing = a.missingCount
        summary = a.summary
        results = try a.criterionResults().map {
            Result(
                code: $0.code, text: $0.text, kind: $0.kind, source: $0.source, outcome: $0.outcome,
                outcomeLabel: $0.outcome == "met" ? "Đạt" : $0.outcome == "unmet" ? "Chưa đạt" : "Thiếu dữ liệu",
                reason: $0.reason, input: inputs[$0.code])
        }
    }
}

/// Where a model has spread: how many adoptions, in which units, and a map-free table by commune. Only unit names
/// and counts: safe for the public exemplar page (no person's field is read).
struct ModelSpread: Content, Sendable, Equatable {
    struct Unit: Content, Sendable, Equatable {
        let unitID: Int
        let name: String
        let count: Int
    }
    let registrationID: Int
    /// Adoptions recorded (every status but "Dừng áp dụng").
    let count: Int
    /// Distinct adopting units.
    let unitCount: Int
    /// The adopting units, most adoptions first.
    let units: [Unit]
    /// The district (or the tree's root) whose units the table lists.
    let areaName: String
    /// Every unit one level below the district, with its adoptions (its subtree's); none shows 0.
    let byCommune: [Unit]
    /// Adoptions outside those units (at the district itself or elsewhere).
    let elsewhere: Int
}

/// Adoptions counted for a dashboard or a report.
struct ReplicationCount: Content, Sendable, Equatable {
    /// Adoptions (records), stopped ones left out.
    let adoptions: Int
    /// Distinct models adopted at least once.
    let models: Int
}

/// An adoption as a model's spread and a registration's page use it: plain values, with its adopting unit's.
struct Adoption: Sendable {
    let id: Int
    /// The model adopted.
    let registrationID: Int
    let status: ReplicationStatus
    /// ISO yyyy-mm-dd.
    let adoptedOn: String
    let unitID: Int
    let unitName: String
    let unitPath: UnitPath

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        registrationID = try row.decode(column: "registration_id", as: Int.self)
        status = try row.decodeCode(column: "status", as: ReplicationStatus.self)
        adoptedOn = try row.decode(column: "adopted_on", as: String.self)
        unitID = try row.decode(column: "adopting_unit_id", as: Int.self)
        unitName = try row.decode(column: "unit_name", as: String.self)
        unitPath = UnitPath(raw: try row.decode(column: "unit_path", as: String.self))
    }
}

/// Reads of replications. `spread` and `count` are THE queries: the model page, the dashboards, the periodic report
/// and the public exemplar page take their numbers from them.
enum ReplicationQuery {
    /// Which adoptions count: a stopped adoption no longer spreads the model.
    static let counted: [ReplicationStatus] = [.adopting, .running, .assessed]

    /// `tableWhenAdopted`: the by-commune table only for a model adopted somewhere (a registration's page, where a
    /// table of zeros says nothing): its area's units — a whole province's communes at national scale — were a sixth
    /// of that page's time, decoded as models on every view.
    static func spread(registrationID: Int, tableWhenAdopted: Bool = false, on db: any Database) async throws
        -> ModelSpread
    {
        guard
            let unit = try await db.sql().raw(
                """
                SELECT u.path FROM \(ident: RegistrationModel.schema) r JOIN \(ident: UnitModel.schema) u
                ON u.id = r.unit_id WHERE r.id = \(bind: registrationID)
                """
            ).first()
        else { throw AppError.notFound("Không tìm thấy mô hình.") }
        return try await spread(
            registrationID: registrationID, unitPath: UnitPath(raw: try unit.decode(column: "path", as: String.self)),
            counted: try await adoptions(of: [registrationID], countedOnly: true, on: db),
            tableWhenAdopted: tableWhenAdopted, on: db)
    }

    /// The spread of a model (its id and its unit's path), from its counted adoptions (a registration's page reads
    /// every adoption once for its list and passes the counted ones).
    static func spread(
        registrationID: Int, unitPath: UnitPath, counted reps: [Adoption], tableWhenAdopted: Bool,
        on db: any Database
    ) async throws -> ModelSpread {
        let units = Self.perUnit(reps)
        if tableWhenAdopted, reps.isEmpty {
            return ModelSpread(
                registrationID: registrationID, count: 0, unitCount: 0, units: [], areaName: "", byCommune: [],
                elsewhere: 0)
        }
        // The district: the nearest unit of kind "huyện" above the model's unit, else the tree's top unit.
        let pathIDs = unitPath.ids
        let above = try await UnitModel.query(on: db).filter(\.$id ~~ pathIDs).all()
        let area =
            pathIDs.reversed().compactMap { id in above.first { $0.id == id && $0.kind == UnitKind.huyen.rawValue } }
            .first ?? above.first { $0.id == pathIDs.first }
        var byCommune: [ModelSpread.Unit] = []
        var elsewhere = reps.count
        if let area, let areaID = area.id {
            let children = try await UnitModel.query(on: db).filter(\.$parent.$id == areaID).filter(\.$active == true)
                .sort(\.$path).all()
            // Communes, wards and townships first (the plan's spread is by commune), then the district's agencies.
            let ordered =
                children.filter { UnitKind(rawValue: $0.kind)?.isCommuneLevel ?? false }
                + children.filter { !(UnitKind(rawValue: $0.kind)?.isCommuneLevel ?? false) }
            let table = ReplicationSpread.byUnit(
                units: ordered.map { ($0.id ?? 0, $0.name, $0.unitPath) },
                adoptingPaths: reps.map(\.unitPath))
            byCommune = table.rows.map { .init(unitID: $0.unitID, name: $0.name, count: $0.count) }
            elsewhere = table.outside
        }
        return ModelSpread(
            registrationID: registrationID, count: reps.count, unitCount: units.count, units: units,
            areaName: area?.name ?? "", byCommune: byCommune, elsewhere: elsewhere)
    }

    /// For several models at once (an exemplar's public page), the units that adopted each and how often: two
    /// queries whatever the number of models. Models nobody adopted are absent.
    static func adopters(of registrationIDs: [Int], on db: any Database) async throws -> [Int: [ModelSpread.Unit]] {
        let reps = try await adoptions(of: registrationIDs, countedOnly: true, on: db)
        return Dictionary(grouping: reps, by: \.registrationID).mapValues(Self.perUnit)
    }

    /// Adoptions counted per adopting unit, most first, then by name.
    private static func perUnit(_ reps: [Adoption]) -> [ModelSpread.Unit] {
        var perUnit: [Int: (name: String, count: Int)] = [:]
        for r in reps { perUnit[r.unitID, default: (r.unitName, 0)].count += 1 }
        return perUnit.map { ModelSpread.Unit(unitID: $0.key, name: $0.value.name, count: $0.value.count) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
    }

    /// Adoptions in a year (by adoption date) whose adopting unit lies in `unitPath`'s subtree (nil: everywhere).
    static func count(year: Int, unitPath: UnitPath?, on db: any Database) async throws -> ReplicationCount {
        try await count(years: year...year, target: unitPath.map { .unit($0) } ?? .all, on: db)
    }

    /// The same count for a dashboard's scope: a unit's subtree, a movement's models, or a cluster's members.
    static func count(years: ClosedRange<Int>, target: StatsTarget, on db: any Database) async throws
        -> ReplicationCount
    {
        guard let sql = db as? any SQLDatabase else { return ReplicationCount(adoptions: 0, models: 0) }
        let scope: SQLQueryString
        switch target {
        case .all: scope = "1 = 1"
        case .unit(let p): scope = "u.path LIKE \(bind: p.raw + "%")"
        case .movement(let id):
            scope =
                "EXISTS (SELECT 1 FROM registration_movements sm WHERE sm.registration_id = p.registration_id "
                + "AND sm.movement_id = \(bind: id))"
        case .group(let paths, _):
            if paths.isEmpty {
                scope = "1 = 0"
            } else {
                let parts: [SQLQueryString] = paths.map { "u.path LIKE \(bind: $0.raw + "%")" }
                scope = "(" + parts.joined(separator: " OR ") + ")"
            }
        }
        let statuses = counted.map(\.rawValue)
        let query: SQLQueryString = """
            SELECT COUNT(*) AS adoptions, COUNT(DISTINCT p.registration_id) AS models
            FROM replications p JOIN units u ON u.id = p.adopting_unit_id
            WHERE \(scope) AND p.year BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound)
            AND p.status IN (\(bind: statuses[0]), \(bind: statuses[1]), \(bind: statuses[2]))
            """
        guard let row = try await sql.raw(query).first() else { return ReplicationCount(adoptions: 0, models: 0) }
        return ReplicationCount(
            adoptions: try row.decode(column: "adoptions", as: Int.self),
            models: try row.decode(column: "models", as: Int.self))
    }

    /// The adoptions of models (`countedOnly`: those that count, `counted`), newest first, as values with their
    /// adopting units in one statement. THE read of adoptions: a registration's page (every view), a model's spread
    /// and the public exemplar page take them from here.
    static func adoptions(of registrationIDs: [Int], countedOnly: Bool = false, on db: any Database) async throws
        -> [Adoption]
    {
        guard !registrationIDs.isEmpty else { return [] }
        let statuses: SQLQueryString =
            countedOnly ? " AND r.status IN (\(binds: counted.map(\.rawValue)))" : ""
        return try await db.sql().raw(
            """
            SELECT r.id, r.registration_id, r.status, r.adopted_on, r.adopting_unit_id, u.name AS unit_name,
            u.path AS unit_path
            FROM \(ident: ReplicationModel.schema) r JOIN \(ident: UnitModel.schema) u ON u.id = r.adopting_unit_id
            WHERE r.registration_id IN (\(binds: registrationIDs))\(statuses) ORDER BY r.adopted_on DESC, r.id DESC
            """
        ).all().map(Adoption.init(row:))
    }

    /// The list's filter: year of adoption, adopting unit (its subtree), collective model type.
    struct Filter: Sendable {
        var year: Int?
        var unitID: Int?
        /// Catalogue types (one code may have a row in several catalogue versions).
        var typeIDs: [Int]?
        /// Key paging, newest first: records with an id below this one.
        var before: Int?
        var limit = 50
    }

    /// A page of the replications the actor reads, newest first, paged by key (`next`: the following page's key).
    static func list(_ f: Filter, actor: Actor?, on db: any Database) async throws -> (
        items: [ReplicationModel], next: Int?
    ) {
        guard let actor else { throw AppError.unauthorized }
        var q = ReplicationModel.query(on: db)
            .join(UnitModel.self, on: \ReplicationModel.$adoptingUnit.$id == \UnitModel.$id)
            .join(RegistrationModel.self, on: \ReplicationModel.$registration.$id == \RegistrationModel.$id)
        let scope = Policy.recordScope(actor)
        // The movements the actor leads (a lead agency), as the registration list decides them.
        var ledMovements: Set<Int> = []
        if case .subtreeOrMovements(_, let ids) = Policy.registrationScope(actor) { ledMovements = ids }
        let led = !ledMovements.isEmpty
        if scope != .all {
            let ledModels =
                led
                ? try await RegistrationMovementModel.query(on: db).filter(\.$movement.$id ~~ ledMovements)
                    .all().map { $0.$registration.id } : []
            let paths: [UnitPath]
            switch scope {
            case .subtree(let p): paths = [p]
            case .subtrees(let ps): paths = ps
            default: paths = []
            }
            if paths.isEmpty && ledModels.isEmpty {
                q = q.filter(.sql(unsafeRaw: "1 = 0"))
            } else {
                q = q.group(.or) { g in
                    for p in paths { g.filter(UnitModel.self, \.$path, .custom("LIKE"), p.raw + "%") }
                    if !ledModels.isEmpty { g.filter(\.$registration.$id ~~ ledModels) }
                }
            }
        }
        if let y = f.year { q = q.filter(\.$year == y) }
        if let uid = f.unitID, let u = try await UnitModel.find(uid, on: db) {
            q = q.filter(UnitModel.self, \.$path, .custom("LIKE"), u.path + "%")
        }
        if let t = f.typeIDs { q = q.filter(RegistrationModel.self, \.$subjectType.$id ~~ t) }
        if let b = f.before { q = q.filter(\.$id < b) }
        let rows = try await q.sort(\.$id, .descending).limit(f.limit + 1).all()
        let items = Array(rows.prefix(f.limit))
        for r in items {
            r.$adoptingUnit.value = try r.joined(UnitModel.self)
            r.$registration.value = try r.joined(RegistrationModel.self)
        }
        let subjectIDs = Set(items.map(\.subjectID))
        let subjects = try await SubjectModel.query(on: db).filter(\.$id ~~ subjectIDs).all()
        for r in items { r.registration.$subject.value = subjects.first { $0.id == r.subjectID } }
        let next = rows.count > f.limit ? items.last?.id : nil
        return (items, next)
    }

    static func assessments(_ replicationID: Int, on db: any Database) async throws -> [ReplicationAssessmentModel] {
        try await ReplicationAssessmentModel.query(on: db).filter(\.$replication.$id == replicationID)
            .sort(\.$assessedOn).sort(\.$id).all()
    }
}
