import Domain
import Fluent
import Vapor

struct CriterionStatusDTO: Content, Sendable {
    let source: String
    let sourceLabel: String
    let code: String
    let text: String
    let kind: String
    let kindLabel: String
    /// The latest evaluation's outcome: met, unmet, missing, or "not-evaluated".
    let outcome: String
    let outcomeLabel: String
    let reason: String
}

enum CriteriaStatus {
    /// Each criterion with its outcome at the registration's latest evaluation (the one with the highest id:
    /// `latestEvaluationID`, which a caller that has read the evaluations already knows).
    static func list(
        _ criteria: [ResolvedCriterion], latestEvaluationID: Int?, on db: any Database
    ) async throws -> [CriterionStatusDTO] {
        var latest: [String: EvaluationResultModel] = [:]
        if let id = latestEvaluationID {
            for res in try await EvaluationResultModel.query(on: db).filter(\.$evaluation.$id == id).all() {
                latest[res.criterionCode] = res
            }
        }
        return criteria.map { c in
            let res = latest[c.spec.code]
            let outcome = res?.outcome ?? "not-evaluated"
            let label = ["met": "Đạt", "unmet": "Chưa đạt", "missing": "Thiếu dữ liệu"][outcome] ?? "Chưa đánh giá"
            return CriterionStatusDTO(
                source: c.source.rawValue, sourceLabel: c.source.label, code: c.spec.code, text: c.spec.text,
                kind: c.spec.kind.rawValue, kindLabel: c.spec.kind.label, outcome: outcome, outcomeLabel: label,
                reason: res?.reason ?? "")
        }
    }
}

struct TransitionDTO: Content, Sendable {
    let from: String
    let to: String
    let toLabel: String
    let at: Date
    let username: String
    let reason: String
    init(_ t: RegistrationTransitionModel) {
        from = t.fromStatus.code
        to = t.toStatus.rawValue
        toLabel = t.toStatus.label
        at = t.at
        username = t.username
        reason = t.reason
    }
}

struct EvidenceUpload: Content {
    var file: File
    var description: String?
    var evaluationID: String?
}

struct LifecycleAPIController {
    func register(_ r: any RoutesBuilder) {
        r.heavy.get("registrations", use: list)
        r.post("registrations", use: create)
        r.get("registrations", "export", use: export)
        r.get("registrations", ":id", use: show)
        r.put("registrations", ":id", use: update)
        r.get("registrations", ":id", "transitions", use: transitions)
        r.post("registrations", ":id", "transitions", use: transition)
        r.get("registrations", ":id", "criteria", use: criteria)
        r.get("registrations", ":id", "actions", use: actions)
        r.post("registrations", ":id", "actions", use: createAction)
        r.put("actions", ":id", use: updateAction)
        r.get("registrations", ":id", "evaluations", use: evaluations)
        r.post("registrations", ":id", "evaluations", use: createEvaluation)
        r.get("registrations", ":id", "evidence", use: evidenceList)
        r.on(.POST, "registrations", ":id", "evidence", body: .collect(maxSize: "12mb"), use: uploadEvidence)
        r.get("evidence", ":id", use: downloadEvidence)
        r.get("subjects", ":id", use: subject)
        r.put("subjects", ":id", "annual-records", use: annualRecord)
        r.get("unit-criteria", use: unitCriteria)
        r.post("unit-criteria", use: createUnitCriterion)
    }

    private func id(_ req: Request) throws -> Int { try req.parameters.require("id", as: Int.self) }
    /// What the reader sees of a registration's subject (`Policy.readableClasses`).
    private func access(_ req: Request, _ r: RegistrationModel) -> FieldAccess { req.fieldAccess(r.unit.unitPath) }

    @Sendable func list(req: Request) async throws -> ListResponse<RegistrationDTO> {
        let actor = try req.requireActor()
        let page = try await RegistrationListing.list(
            try RegistrationFilter(query: req), as: RegistrationSummary.self, actor: actor, on: req.database,
            keptFor: req)
        return ListResponse(page) { RegistrationDTO($0, access: req.fieldAccess($0.unitPath)) }
    }

    @Sendable func show(req: Request) async throws -> RegistrationDTO {
        let r = try await RegistrationQueries.readable(try id(req), actor: req.actor, on: req.database)
        return RegistrationDTO(r, access: access(req, r))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let r = try await RegistrationService.create(
            try req.content.decode(RegistrationInput.self), actor: req.actor, on: req.database)
        let full = try await RegistrationQueries.readable(try r.requireID(), actor: req.actor, on: req.database)
        return try await RegistrationDTO(full, access: access(req, full)).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> RegistrationDTO {
        let r = try await RegistrationService.update(
            try id(req), try req.content.decode(RegistrationInput.self), actor: req.actor, on: req.database)
        return RegistrationDTO(r, access: access(req, r))
    }

    @Sendable func transitions(req: Request) async throws -> [TransitionDTO] {
        let r = try await RegistrationQueries.readable(try id(req), actor: req.actor, on: req.database)
        return try await RegistrationTransitionModel.query(on: req.database).filter(
            \.$registration.$id == r.requireID()
        )
        .sort(\.$id).all().map(TransitionDTO.init)
    }

    @Sendable func transition(req: Request) async throws -> RegistrationDTO {
        let rid = try id(req)
        _ = try await RegistrationService.transition(
            rid, try req.content.decode(TransitionInput.self), actor: req.actor, on: req.database)
        let r = try await RegistrationQueries.readable(rid, actor: req.actor, on: req.database)
        return RegistrationDTO(r, access: access(req, r))
    }

    @Sendable func criteria(req: Request) async throws -> [CriterionStatusDTO] {
        let r = try await RegistrationQueries.readable(try id(req), actor: req.actor, on: req.database)
        let latest = try await EvaluationModel.query(on: req.database).filter(\.$registration.$id == r.requireID())
            .sort(\.$id, .descending).first()?.id
        return try await CriteriaStatus.list(
            try await req.criteria(for: r), latestEvaluationID: latest, on: req.database)
    }

    @Sendable func actions(req: Request) async throws -> [ActionDTO] {
        let r = try await RegistrationQueries.readable(try id(req), actor: req.actor, on: req.database)
        let today = Today.iso
        return try await NurturingActionModel.query(on: req.database).filter(\.$registration.$id == r.requireID()).sort(
            \.$dueDate
        ).all().map { ActionDTO($0, today: today) }
    }

    @Sendable func createAction(req: Request) async throws -> Response {
        let a = try await NurturingService.create(
            registrationID: try id(req), try req.content.decode(ActionInput.self), actor: req.actor, on: req.database)
        return try await ActionDTO(a, today: Today.iso).encodeResponse(status: .created, for: req)
    }

    @Sendable func updateAction(req: Request) async throws -> ActionDTO {
        ActionDTO(
            try await NurturingService.update(
                try id(req), try req.content.decode(ActionInput.self), actor: req.actor, on: req.database),
            today: Today.iso)
    }

    @Sendable func evaluations(req: Request) async throws -> [EvaluationDTO] {
        let r = try await RegistrationQueries.readable(try id(req), actor: req.actor, on: req.database)
        return try await EvaluationModel.query(on: req.database).filter(\.$registration.$id == r.requireID()).with(
            \.$results
        )
        .sort(\.$date).sort(\.$id).all().map(EvaluationDTO.init)
    }

    @Sendable func createEvaluation(req: Request) async throws -> Response {
        let e = try await EvaluationService.create(
            registrationID: try id(req), try req.content.decode(EvaluationInput.self), actor: req.actor,
            on: req.database)
        try await e.$results.load(on: req.database)
        return try await EvaluationDTO(e).encodeResponse(status: .created, for: req)
    }

    @Sendable func evidenceList(req: Request) async throws -> [EvidenceDTO] {
        let r = try await RegistrationQueries.readable(try id(req), actor: req.actor, on: req.database)
        return try await EvidenceFileModel.query(on: req.database).filter(\.$registration.$id == r.requireID()).sort(
            \.$id
        )
        .all().map(EvidenceDTO.init)
    }

    @Sendable func uploadEvidence(req: Request) async throws -> Response {
        let upload: EvidenceUpload
        do { upload = try req.content.decode(EvidenceUpload.self) } catch {
            throw AppError.invalid(
                {
                    var e = FieldErrors()
                    e.add("file", "Vui lòng gửi tệp trong trường “file” (multipart/form-data).")
                    return e
                }())
        }
        let f = try await EvidenceService.store(
            registrationID: try id(req), evaluationID: upload.evaluationID.flatMap { Int($0) },
            filename: upload.file.filename, bytes: Array(buffer: upload.file.data),
            description: upload.description ?? "", actor: req.actor, app: req.application, on: req.database)
        return try await EvidenceDTO(f).encodeResponse(status: .created, for: req)
    }

    @Sendable func downloadEvidence(req: Request) async throws -> Response {
        try await EvidenceService.download(try id(req), actor: req.actor, req: req)
    }

    @Sendable func subject(req: Request) async throws -> SubjectTimelineDTO {
        try await SubjectService.timeline(try id(req), actor: req.actor, on: req.database)
    }

    @Sendable func annualRecord(req: Request) async throws -> AnnualRecordDTO {
        let m = try await SubjectService.saveAnnualRecord(
            subjectID: try id(req), try req.content.decode(AnnualRecordInput.self), actor: req.actor, on: req.database)
        let s = try await SubjectService.readable(m.$subject.id, actor: req.actor, on: req.database)
        return AnnualRecordDTO(m, access: req.fieldAccess(s.unit.unitPath))
    }

    @Sendable func unitCriteria(req: Request) async throws -> [UnitCriterionDTO] {
        try await UnitCriteriaService.list(
            unitID: try req.intQuery("unitID"), year: try req.intQuery("year"),
            actor: try req.requireActor(), on: req.database
        )
        .map(UnitCriterionDTO.init)
    }

    @Sendable func createUnitCriterion(req: Request) async throws -> Response {
        let c = try await UnitCriteriaService.create(
            try req.content.decode(UnitCriterionInput.self), actor: req.actor, on: req.database)
        return try await UnitCriterionDTO(c).encodeResponse(status: .created, for: req)
    }

    @Sendable func export(req: Request) async throws -> Response {
        try await RegistrationExport.response(req: req, format: req.queryText("format") ?? "csv")
    }
}

/// A keyset page of registrations: `next`/`previous` are cursors for `after`/`before`; `page` is set only when the
/// page was asked by number; `total` counts up to 10,001, or 1,001 for a search, or on PostgreSQL the rows seen so
/// far + 1 for a search (`totalIsLowerBound` when there are more than `total` - 1, `RegistrationListing.PageQuery`);
/// `order` is "name" (name order), or "newest" (a search: the newest registrations first).
extension ListResponse where T == RegistrationDTO {
    init(_ p: RegistrationListPage<RegistrationSummary>, _ map: (RegistrationSummary) throws -> RegistrationDTO)
        rethrows
    {
        self.init(
            items: try p.items.map(map), page: p.page, perPage: p.perPage, total: p.total,
            totalIsLowerBound: p.totalIsBound, next: p.next?.token, previous: p.previous?.token,
            order: p.order.rawValue)
    }
}
