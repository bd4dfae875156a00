import Domain
import Fluent
import Vapor

/// A replication as typed (web form or API): the model, the adopting unit, when, with which adaptation, who answers
/// for it. On an update the model stays (an adoption of another model is another record).
struct ReplicationInput: Content, Sendable {
    var registrationID: Int?
    var adoptingUnitID: Int?
    /// dd/mm/yyyy
    var adoptedOn: String?
    var adaptation: String?
    var responsible: String?
}

/// An assessment as typed: the year measured, when, by whom, and per criterion code what was found.
struct ReplicationAssessmentInput: Content, Sendable {
    var year: Int?
    /// dd/mm/yyyy
    var assessedOn: String
    var assessor: String
    var summary: String?
    var inputs: [String: CriterionInput]?
}

struct ReplicationMoveInput: Content, Sendable {
    var to: String
}

/// Writes: validate → authorize (Policy `.replication`) → transaction → audit.
enum ReplicationService {
    static let dateMessage = "Ngày áp dụng phải có dạng dd/mm/yyyy, ví dụ 15/03/2025."
    static let unitMessage = "Vui lòng chọn đơn vị áp dụng mô hình."
    static let modelMessage = "Vui lòng chọn mô hình, điển hình được nhân rộng."

    /// The model (a registration) with its subject, unit, type and movements; the read rule is the caller's.
    static func model(_ id: Int, on db: any Database) async throws -> RegistrationModel? {
        try await RegistrationModel.query(on: db).filter(\.$id == id).with(\.$subject).with(\.$unit).with(
            \.$subjectType
        ).with(\.$movements).first()
    }

    static func resource(adoptingUnit: UnitModel, model: RegistrationModel) -> Resource {
        .replication(adoptingUnit: adoptingUnit.unitPath, modelMovementIDs: Set(model.movements.compactMap(\.id)))
    }

    /// A replication with its model and adopting unit, if the actor may `action` it (else 404 or 403).
    static func load(_ id: Int, _ action: Action, actor: Actor?, on db: any Database) async throws
        -> ReplicationModel
    {
        guard let r = try await ReplicationModel.query(on: db).filter(\.$id == id).with(\.$adoptingUnit).first(),
            let m = try await model(r.$registration.id, on: db)
        else { throw AppError.notFound("Không tìm thấy bản ghi nhân rộng.") }
        r.$registration.value = m
        // Reading first: a record out of reach is not found, whatever the action.
        try Access.check(actor, .read, resource(adoptingUnit: r.adoptingUnit, model: m))
        if action != .read { try Access.check(actor, action, resource(adoptingUnit: r.adoptingUnit, model: m)) }
        return r
    }

    /// Access before input: the adopting unit and the model are looked up and the Policy asked before the other
    /// fields are judged; a form without a unit is judged by what the actor may create at all.
    private static func authorizeTarget(
        _ input: ReplicationInput, keepModel: RegistrationModel?, action: Action, actor: Actor?, on db: any Database
    ) async throws -> (unit: UnitModel?, model: RegistrationModel?, errors: FieldErrors) {
        var e = FieldErrors()
        var model = keepModel
        if model == nil {
            if let mid = input.registrationID {
                model = try await Self.model(mid, on: db)
                if model == nil { e.add("registrationID", "Không tìm thấy mô hình đã chọn; vui lòng chọn lại.") }
            } else {
                e.add("registrationID", modelMessage)
            }
        }
        var unit: UnitModel?
        if let uid = input.adoptingUnitID {
            unit = try await UnitModel.find(uid, on: db)
            if unit == nil { e.add("adoptingUnitID", "Không tìm thấy đơn vị đã chọn; vui lòng chọn lại.") }
        } else {
            e.add("adoptingUnitID", unitMessage)
        }
        if let unit {
            let movements = Set(model?.movements.compactMap(\.id) ?? [])
            try Access.check(actor, action, .replication(adoptingUnit: unit.unitPath, modelMovementIDs: movements))
            if unit.abolishedOn != nil {
                e.add(
                    "adoptingUnitID", "Đơn vị “\(unit.name)” đã sáp nhập, chia tách hoặc giải thể; chọn đơn vị kế thừa."
                )
            }
        } else if !Policy.allows(actor, .createUnitRecords) {
            throw AppError.forbidden(Policy.readOnly)
        }
        return (unit, model, e)
    }

    private static func fields(_ input: ReplicationInput, into e: inout FieldErrors) -> (
        iso: String?, adaptation: String, responsible: String
    ) {
        let iso = VietnameseDate.displayToISO(VietnameseText.clean(input.adoptedOn ?? ""))
        if iso == nil { e.add("adoptedOn", dateMessage) }
        let adaptation = VietnameseText.cleanMultiline(input.adaptation ?? "")
        Check.required(
            adaptation, "adaptation", "Nội dung điều chỉnh cho phù hợp điều kiện địa phương", max: 4000, into: &e)
        let responsible = VietnameseText.clean(input.responsible ?? "")
        Check.required(responsible, "responsible", "Người phụ trách", max: 200, into: &e)
        return (iso, adaptation, responsible)
    }

    static func create(_ input: ReplicationInput, actor: Actor?, on db: any Database) async throws -> ReplicationModel {
        let (unit, model, targetErrors) = try await authorizeTarget(
            input, keepModel: nil, action: .create, actor: actor, on: db)
        var e = targetErrors
        let f = fields(input, into: &e)
        if let unit, let model, unit.id == model.$unit.id {
            e.add(
                "adoptingUnitID", "Đơn vị áp dụng là đơn vị của chính mô hình; hãy chọn đơn vị khác học tập, làm theo.")
        }
        guard e.isEmpty, let unit, let model, let iso = f.iso else { throw AppError.invalid(e) }
        let r = ReplicationModel(registrationID: try model.requireID(), subjectID: model.$subject.id)
        r.$adoptingUnit.id = try unit.requireID()
        r.adoptedOn = iso
        r.year = Int(iso.prefix(4)) ?? Today.year
        r.adaptation = f.adaptation
        r.responsible = f.responsible
        r.createdBy = actor?.userID
        return try await db.transaction { tx in
            try await r.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "replication", entityID: r.id, unitID: unit.id,
                summary:
                    "Nhân rộng mô hình “\(model.title)” (\(model.subject.name)) tại \(unit.name) từ \(iso.isoToVietnamese)",
                before: Optional<String>.none, after: input)
            return r
        }
    }

    static func update(_ id: Int, _ input: ReplicationInput, actor: Actor?, on db: any Database) async throws
        -> ReplicationModel
    {
        let r = try await load(id, .update, actor: actor, on: db)
        let before = ReplicationDTO(r, adoptingUnitName: r.adoptingUnit.name)
        let (unit, _, targetErrors) = try await authorizeTarget(
            input, keepModel: r.registration, action: .update, actor: actor, on: db)
        var e = targetErrors
        let f = fields(input, into: &e)
        if let unit, unit.id == r.registration.$unit.id {
            e.add(
                "adoptingUnitID", "Đơn vị áp dụng là đơn vị của chính mô hình; hãy chọn đơn vị khác học tập, làm theo.")
        }
        guard e.isEmpty, let unit, let iso = f.iso else { throw AppError.invalid(e) }
        r.$adoptingUnit.id = try unit.requireID()
        r.$adoptingUnit.value = unit
        r.adoptedOn = iso
        r.year = Int(iso.prefix(4)) ?? r.year
        r.adaptation = f.adaptation
        r.responsible = f.responsible
        r.updatedAt = Date()
        return try await db.transaction { tx in
            try await r.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "replication", entityID: r.id, unitID: unit.id,
                summary: "Sửa nhân rộng mô hình “\(r.registration.title)” tại \(unit.name)",
                before: before, after: input)
            return r
        }
    }

    static func move(_ id: Int, to raw: String, actor: Actor?, on db: any Database) async throws -> ReplicationModel {
        let r = try await load(id, .update, actor: actor, on: db)
        guard let next = ReplicationStatus(rawValue: raw) else {
            var e = FieldErrors()
            e.add("to", "Vui lòng chọn trạng thái mới.")
            throw AppError.invalid(e)
        }
        let from = r.status
        try r.move(to: next)
        r.updatedAt = Date()
        return try await db.transaction { tx in
            try await r.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "transition", entity: "replication", entityID: r.id,
                unitID: r.$adoptingUnit.id,
                summary:
                    "Nhân rộng “\(r.registration.title)” tại \(r.adoptingUnit.name): \(from.label) → \(next.label)",
                before: from.rawValue, after: next.rawValue)
            return r
        }
    }

    /// The model's standard: the general criteria and its type's own standard, from the model's catalogue version
    /// (a unit's own criteria belong to that unit, not to the model).
    static func standard(of model: RegistrationModel, on db: any Database) async throws -> [ResolvedCriterion] {
        try await CriteriaService.criteria(for: model, on: db).filter { $0.source != .unit }
    }

    /// Measures the adoption's results for a year against the model's standard, through the criteria engine that
    /// judges the periodic evaluations. The adopting unit is no subject with a history: criteria read from a
    /// subject's yearly records come out "thiếu dữ liệu", and a trend compares with the previous assessment.
    static func assess(_ id: Int, _ input: ReplicationAssessmentInput, actor: Actor?, on db: any Database)
        async throws -> ReplicationAssessmentModel
    {
        let r = try await load(id, .update, actor: actor, on: db)
        guard ReplicationWorkflow.canAssess(r.status) else {
            throw AppError.conflict(ReplicationWorkflow.assessRefused)
        }
        var e = FieldErrors()
        let iso = VietnameseDate.displayToISO(VietnameseText.clean(input.assessedOn))
        if iso == nil { e.add("assessedOn", "Ngày đánh giá phải có dạng dd/mm/yyyy.") }
        let year = input.year ?? iso.flatMap { Int($0.prefix(4)) } ?? Today.year
        if !(1900...2200).contains(year) { e.add("year", "Năm đánh giá không hợp lệ.") }
        if year < r.year { e.add("year", "Năm đánh giá không được trước năm áp dụng (\(r.year)).") }
        let assessor = VietnameseText.clean(input.assessor)
        Check.required(assessor, "assessor", "Người/đoàn đánh giá", max: 200, into: &e)
        let criteria = try await standard(of: r.registration, on: db)
        let previous = try await ReplicationAssessmentModel.query(on: db).filter(\.$replication.$id == id)
            .filter(\.$year < year).sort(\.$year, .descending).sort(\.$id, .descending).first()
        let previousInputs = try previous?.criterionInputs() ?? [:]
        let context = CriterionContext(year: year)
        var given: [String: CriterionInput] = [:]
        var results: [ReplicationCriterionResult] = []
        var outcomes: [CriterionOutcome] = []
        for c in criteria {
            var ci = input.inputs?[c.spec.code] ?? CriterionInput()
            if c.spec.kind == .share, let n = ci.numerator, let d = ci.denominator, n > d {
                e.add(
                    "inputs.\(c.spec.code)",
                    "\(c.spec.code): số đạt (\(VietnameseNumber.format(n, maxFractionDigits: 1))) lớn hơn tổng số (\(VietnameseNumber.format(d, maxFractionDigits: 1)))."
                )
            }
            if c.spec.kind == .trend, ci.previousValue == nil { ci.previousValue = previousInputs[c.spec.code]?.value }
            let outcome = CriteriaEngine.evaluate(c.spec, ci, context)
            given[c.spec.code] = ci
            outcomes.append(outcome)
            results.append(
                ReplicationCriterionResult(
                    code: c.spec.code, text: c.spec.text, kind: c.spec.kind.rawValue, source: c.source.rawValue,
                    outcome: outcome.code, reason: outcome.reason))
        }
        guard e.isEmpty, let iso else { throw AppError.invalid(e) }
        let summary = CriteriaEngine.summary(outcomes)
        let a = ReplicationAssessmentModel()
        a.$replication.id = id
        a.year = year
        a.assessedOn = iso
        a.assessor = assessor
        a.metCount = summary.met
        a.unmetCount = summary.unmet
        a.missingCount = summary.missing
        a.inputs = try JSONColumn.encode(given)
        a.results = try JSONColumn.encode(results)
        a.summary = VietnameseText.cleanMultiline(input.summary ?? "")
        a.createdBy = actor?.userID
        a.createdAt = Date()
        if ReplicationWorkflow.allowed(from: r.status, to: .assessed) {
            try r.move(to: .assessed)
            r.updatedAt = Date()
        }
        return try await db.transaction { tx in
            try await a.create(on: tx)
            try await r.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "replication-assessment", entityID: a.id,
                unitID: r.$adoptingUnit.id,
                summary:
                    "Đánh giá kết quả nhân rộng “\(r.registration.title)” tại \(r.adoptingUnit.name) năm \(year): "
                    + "\(summary.met) đạt, \(summary.unmet) chưa đạt, \(summary.missing) thiếu dữ liệu",
                before: Optional<String>.none, after: input)
            return a
        }
    }
}
