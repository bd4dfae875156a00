import Domain
import Fluent
import Vapor

/// Opening a new year (issue 15, item 5): the units' own criteria of one year carried into the next, reviewed
/// before saving, and last year's exemplars invited to register again.
enum RolloverService {
    /// One unit's side of a roll-over.
    struct UnitPlan: Sendable {
        let unit: UnitModel
        /// The unit's own criteria of the source year.
        let criteria: [UnitCriterionModel]
        /// The unit already has criteria for the target year: nothing is carried into it.
        let targetHasCriteria: Bool
        /// Its exemplars of the source year with no registration for the target year.
        let toRenew: [RegistrationModel]
    }

    struct Plan: Sendable {
        let from: Int
        let to: Int
        let units: [UnitPlan]
    }

    struct CarryResult: Sendable, Content {
        let created: Int
        let units: [String]
        /// Units left alone because they already had criteria for the target year.
        let skipped: [String]
    }

    static func checkYears(_ from: Int?, _ to: Int?) throws -> (Int, Int) {
        var e = FieldErrors()
        Check.year(from, "from", "Năm nguồn", into: &e)
        Check.year(to, "to", "Năm mới", into: &e)
        if let from, let to, e.isEmpty, to <= from { e.add("to", "Năm mới phải sau năm nguồn (\(from)).") }
        guard e.isEmpty, let from, let to else { throw AppError.invalid(e) }
        return (from, to)
    }

    /// What a roll-over from `from` to `to` would do, per unit in the actor's scope. Writes nothing.
    static func plan(from: Int?, to: Int?, actor: Actor?, on db: any Database) async throws -> Plan {
        try Access.check(actor, .read, .yearRollover)
        let (from, to) = try checkYears(from, to)
        let scope = Policy.unitScope(actor)
        let criteria = try await UnitCriterionModel.query(on: db)
            .join(UnitModel.self, on: \UnitCriterionModel.$unit.$id == \UnitModel.$id).within(scope)
            .filter(\.$year == from).with(\.$unit).sort(\.$code).all()
        let targetUnits = Set(
            try await UnitCriterionModel.query(on: db).filter(\.$year == to).all().map { $0.$unit.id })
        let exemplars = try await RegistrationModel.query(on: db)
            .join(UnitModel.self, on: \RegistrationModel.$unit.$id == \UnitModel.$id).within(scope)
            .filter(\.$year == from)
            .filter(\.$status ~~ RegistrationStatus.allCases.filter(\.isExemplar))
            .with(\.$unit).with(\.$subject).all()
        let subjectIDs = exemplars.map { $0.$subject.id }
        let renewed =
            subjectIDs.isEmpty
            ? Set<Int>()
            : Set(
                try await RegistrationModel.query(on: db).filter(\.$year == to).filter(\.$subject.$id ~~ subjectIDs)
                    .all().map { $0.$subject.id })
        var units: [Int: UnitModel] = [:]
        for c in criteria { units[c.$unit.id] = c.unit }
        for r in exemplars { units[r.$unit.id] = r.unit }
        let byUnit = Dictionary(grouping: criteria, by: { $0.$unit.id })
        let renewByUnit = Dictionary(
            grouping: exemplars.filter { !renewed.contains($0.$subject.id) }, by: { $0.$unit.id })
        let plans = units.values.sorted { ($0.path, $0.id ?? 0) < ($1.path, $1.id ?? 0) }.map { u in
            let id = u.id ?? 0
            return UnitPlan(
                unit: u, criteria: byUnit[id] ?? [], targetHasCriteria: targetUnits.contains(id),
                toRenew: (renewByUnit[id] ?? []).sorted {
                    VietnameseText.personNameLess($0.subject.name, $1.subject.name)
                })
        }
        return Plan(from: from, to: to, units: plans)
    }

    /// Copies the chosen criteria of `from` into `to`, all or nothing. A unit that already has criteria for `to` is
    /// skipped whole and named; a criterion not of `from` or outside the actor's scope is refused.
    static func carryForward(from: Int?, to: Int?, criterionIDs: [Int], actor: Actor?, on db: any Database)
        async throws -> CarryResult
    {
        try Access.check(actor, .create, .yearRollover)
        let (from, to) = try checkYears(from, to)
        let ids = Array(Set(criterionIDs))
        guard !ids.isEmpty else {
            var e = FieldErrors()
            e.add("criterionIDs", "Chọn ít nhất một tiêu chí để chuyển sang năm \(to).")
            throw AppError.invalid(e)
        }
        let chosen = try await UnitCriterionModel.query(on: db).filter(\.$id ~~ ids).with(\.$unit).sort(\.$code).all()
        var e = FieldErrors()
        if chosen.count != ids.count { e.add("criterionIDs", "Có tiêu chí đã chọn không còn tồn tại; hãy xem lại.") }
        if chosen.contains(where: { $0.year != from }) {
            e.add("criterionIDs", "Chỉ chuyển được tiêu chí của năm \(from).")
        }
        guard e.isEmpty else { throw AppError.invalid(e) }
        for c in chosen { try Access.check(actor, .create, .unitRecord(c.unit.unitPath, movementIDs: [])) }
        let targetUnits = Set(
            try await UnitCriterionModel.query(on: db).filter(\.$year == to).filter(
                \.$unit.$id ~~ chosen.map { $0.$unit.id }
            )
            .all().map { $0.$unit.id })
        let byUnit = Dictionary(grouping: chosen, by: { $0.$unit.id })
        return try await db.transaction { tx in
            var created = 0
            var done: [String] = []
            var skipped: [String] = []
            for (unitID, list) in byUnit.sorted(by: { $0.key < $1.key }) {
                let name = list[0].unit.shortName
                if targetUnits.contains(unitID) {
                    skipped.append(name)
                    continue
                }
                for c in list {
                    let m = UnitCriterionModel()
                    m.$unit.id = unitID
                    m.year = to
                    m.code = c.code
                    m.text = c.text
                    m.kind = c.kind
                    m.spec = c.spec
                    m.subjectKinds = c.subjectKinds
                    try await m.create(on: tx)
                    created += 1
                }
                done.append(name)
                try await AuditLog.record(
                    on: tx, actor: actor, action: "create", entity: "unit-criterion", entityID: nil, unitID: unitID,
                    summary: "Mở năm \(to): chuyển \(list.count) tiêu chí cụ thể năm \(from) của \(name)",
                    before: Optional<String>.none, after: list.map(\.code))
            }
            return CarryResult(created: created, units: done.sorted(), skipped: skipped.sorted())
        }
    }

    /// Sends each unit in scope one notice listing its exemplars of `from` not yet registered for `to`, with a link
    /// to register each again (the same subject: one identity across years). Returns the number of notices.
    static func inviteRenewals(from: Int?, to: Int?, actor: Actor?, on db: any Database) async throws -> Int {
        try Access.check(actor, .create, .yearRollover)
        let plan = try await plan(from: from, to: to, actor: actor, on: db)
        let targets = plan.units.filter { !$0.toRenew.isEmpty }
        guard !targets.isEmpty else {
            var e = FieldErrors()
            e.add("to", "Không còn điển hình năm \(plan.from) nào chưa đăng ký năm \(plan.to).")
            throw AppError.invalid(e)
        }
        try await db.transaction { tx in
            for u in targets {
                let names = u.toRenew.map { "\($0.subject.name) (\($0.title))" }
                try await Notices.emit(
                    .renewalInvited, to: [.unit(u.unit.id ?? 0)],
                    title: "Mời đăng ký lại điển hình năm \(plan.to)",
                    body: "Các điển hình năm \(plan.from) của \(u.unit.shortName) chưa đăng ký năm \(plan.to): "
                        + names.joined(separator: "; ") + ". Mở từng đối tượng để đăng ký lại cho năm \(plan.to).",
                    link: RegistrationsPath.list, on: tx)
                try await AuditLog.record(
                    on: tx, actor: actor, action: "create", entity: "notice", entityID: nil, unitID: u.unit.id,
                    summary:
                        "Mời \(u.unit.shortName) đăng ký lại \(names.count) điển hình năm \(plan.from) cho năm \(plan.to)",
                    before: Optional<String>.none, after: u.toRenew.map { $0.$subject.id })
            }
        }
        return targets.count
    }
}
