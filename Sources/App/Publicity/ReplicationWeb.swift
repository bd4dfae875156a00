import Domain
import Fluent
import Vapor

/// One adoption in a list.
struct ReplicationRow: Encodable, Sendable {
    let href: String
    let modelTitle: String
    let modelSubject: String
    let modelHref: String
    let unitName: String
    let adoptedOn: String
    let year: Int
    let status: String
    let statusLabel: String

    init(_ r: ReplicationModel) {
        href = ReplicationsPath.replication(.id(r.id ?? 0)).href
        modelTitle = r.$registration.value?.title ?? ""
        modelSubject = r.$registration.value?.$subject.value?.name ?? ""
        modelHref = RegistrationsPath.registration(.id(r.$registration.id)).href
        unitName = r.$adoptingUnit.value?.name ?? ""
        adoptedOn = r.adoptedOn.isoToVietnamese
        year = r.year
        status = r.status.rawValue
        statusLabel = r.status.label
    }
}

struct ReplicationsPage: Encodable, Sendable {
    let layout: LayoutContext
    let canCreate: Bool
    let newHref: String
    let action: String
    let years: [SelectOption]
    /// The adopting unit: a select while the actor's units are few, else typed by code or name (`UnitPicker`).
    let unit: UnitPicker
    let types: [SelectOption]
    let rows: [ReplicationRow]
    let nextHref: String?
    let firstHref: String?
}

struct ReplicationFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let creating: Bool
    let modelLabel: String
    let form: [String: String]
    let errors: [String: String]
    let models: [SelectOption]
    let unitField: UnitField
    let cancelHref: String
}

struct ReplicationPage: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let label: String
        let value: String
    }
    struct Assessment: Encodable, Sendable {
        let year: Int
        let assessedOn: String
        let assessor: String
        let met: Int
        let unmet: Int
        let missing: Int
        let summary: String
        let results: [ReplicationAssessmentDTO.Result]
    }
    let layout: LayoutContext
    let heading: String
    let status: String
    let statusLabel: String
    let facts: [Item]
    let modelHref: String
    let canEdit: Bool
    let editHref: String
    let canAssess: Bool
    let assessHref: String
    let moveAction: String
    let targets: [SelectOption]
    let errors: [String: String]
    let assessments: [Assessment]
}

struct ReplicationAssessmentFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let form: [String: String]
    let errors: [String: String]
    let criteria: [CriterionField]
    let cancelHref: String
}

/// The "Nhân rộng" section of a model's (registration's) internal page: where it has spread.
struct ReplicationSection: Encodable, Sendable {
    struct Adoption: Encodable, Sendable {
        let href: String
        let unitName: String
        let adoptedOn: String
        let statusLabel: String
    }
    let count: Int
    let unitCount: Int
    let areaName: String
    let byCommune: [ModelSpread.Unit]
    let elsewhere: Int
    let adoptions: [Adoption]
    let newHref: String?
    /// The model may now move to "Nhân rộng": the form posts the registration's own transition (not forced).
    let offerAction: String?
    let offerStatus: String
}

/// The replication form as posted (texts; numbers are parsed so that a bad one is a message, not a 400).
struct ReplicationForm: Content, Sendable {
    var registrationID: String?
    var adoptingUnitID: String?
    /// The adopting unit as typed, where the actor's units are too many for a select (`UnitField`).
    var adoptingUnit: String? = nil
    var adoptedOn: String?
    var adaptation: String?
    var responsible: String?

    var input: ReplicationInput {
        ReplicationInput(
            registrationID: registrationID.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
            adoptingUnitID: adoptingUnitID.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
            adoptedOn: adoptedOn ?? "", adaptation: adaptation, responsible: responsible)
    }
    /// The input, its adopting unit resolved from what was typed (an error on the field when it names none).
    func input(_ req: Request) async throws -> ReplicationInput {
        var f = self
        f.adoptingUnitID = try await UnitField.resolve(
            ReplicationWebController.unitSpec(req.actor), selectedID: adoptingUnitID, text: adoptingUnit,
            on: req.database)
        return f.input
    }
    var flat: [String: String] {
        [
            "registrationID": registrationID ?? "", "adoptingUnitID": adoptingUnitID ?? "",
            "adoptingUnit": adoptingUnit ?? "", "adoptedOn": adoptedOn ?? "", "adaptation": adaptation ?? "",
            "responsible": responsible ?? "",
        ]
    }
}

/// The assessment form as posted: fixed fields plus `inputs[CODE][field]`, parsed as the evaluation form is.
struct ReplicationAssessmentForm: Content, Sendable {
    var year: String?
    var assessedOn: String?
    var assessor: String?
    var summary: String?
    var inputs: [String: [String: String]]?

    func input() -> (ReplicationAssessmentInput, FieldErrors) {
        // The evaluation form's parser: the same Vietnamese numbers, the same messages.
        let parsed = EvaluationForm(
            date: "", period: "", evaluator: "", conclusion: "", inputs: inputs
        ).input()
        var e = parsed.1
        var year: Int?
        if let raw = self.year?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            year = Int(raw)
            if year == nil { e.add("year", "Năm đánh giá phải là số, ví dụ 2025.") }
        }
        return (
            ReplicationAssessmentInput(
                year: year, assessedOn: assessedOn ?? "", assessor: assessor ?? "", summary: summary,
                inputs: parsed.0.inputs),
            e
        )
    }
    var flat: [String: String] {
        ["year": year ?? "", "assessedOn": assessedOn ?? "", "assessor": assessor ?? "", "summary": summary ?? ""]
    }
}

struct ReplicationWebController {
    static let perPage = 50

    func register(_ r: any RoutesBuilder) {
        r.get(ReplicationsPath.list, use: list)
        r.get(ReplicationsPath.new, use: newForm)
        r.post(ReplicationsPath.list, use: create)
        r.get(ReplicationsPath.replication(.key), use: show)
        r.get(ReplicationsPath.edit(.key), use: editForm)
        r.post(ReplicationsPath.replication(.key), use: update)
        r.post(ReplicationsPath.move(.key), use: move)
        r.get(ReplicationsPath.newAssessment(.key), use: newAssessment)
        r.post(ReplicationsPath.assessments(.key), use: assess)
    }

    /// `year`, `unitID`, `typeCode`, `before` of a list request (web and API alike).
    static func filter(_ req: Request, limit: Int) async throws -> (ReplicationQuery.Filter, [(String, String)]) {
        var f = ReplicationQuery.Filter(limit: limit)
        f.year = try req.intQuery("year")
        f.unitID = try req.intQuery("unitID")
        f.before = try req.intQuery("before")
        let typeCode = VietnameseText.clean(req.queryText("typeCode") ?? "")
        if !typeCode.isEmpty {
            f.typeIDs = try await SubjectTypeModel.query(on: req.database).filter(\.$code == typeCode).all().compactMap(
                \.id)
        }
        let kept = [
            ("year", f.year.map(String.init) ?? ""), ("unitID", f.unitID.map(String.init) ?? ""),
            ("typeCode", typeCode),
        ]
        return (f, kept)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        var (f, kept) = try await Self.filter(req, limit: Self.perPage)
        let others = kept.filter { $0.0 != "unitID" }
        let (unit, unitID) = try await UnitPicker.filter(
            req, scope: Policy.unitScope(actor), label: "Đơn vị áp dụng (gồm trực thuộc)",
            textLabel: "Đơn vị áp dụng (mã hoặc tên, gồm trực thuộc)"
        ) { ReplicationsPath.list.href(others + [("unitID", String($0))]) }
        f.unitID = unitID
        kept = others + [("unitID", f.unitID.map(String.init) ?? "")]
        let page = try await ReplicationQuery.list(f, actor: actor, on: req.database)
        let thisYear = Today.year
        let years =
            [SelectOption(value: "", label: "Tất cả các năm", selected: f.year == nil)]
            + (2020...(thisYear + 1)).reversed().map {
                SelectOption(value: String($0), label: String($0), selected: f.year == $0)
            }
        let types = try await RegistrationOptions.types(
            selected: others.first { $0.0 == "typeCode" }?.1 ?? "",
            in: try await RegistrationOptions.catalogue(on: req.database), all: true, on: req.database)
        return try await req.render(
            "publicity/replications",
            ReplicationsPage(
                layout: req.layout("Nhân rộng mô hình, điển hình", active: ReplicationsPath.list.href),
                canCreate: req.can(.createUnitRecords), newHref: ReplicationsPath.new.href,
                action: ReplicationsPath.list.href, years: years, unit: unit, types: types,
                rows: page.items.map(ReplicationRow.init),
                nextHref: page.next.map { ReplicationsPath.list.href(kept + [("before", String($0))]) },
                firstHref: f.before == nil ? nil : ReplicationsPath.list.href(kept)))
    }

    /// The models one may choose: exemplars (recognised, commended or already spreading), newest years first;
    /// plus the one already chosen. Titles, names and units only.
    static func modelOptions(selected: String, on db: any Database) async throws -> [SelectOption] {
        let exemplar = RegistrationStatus.allCases.filter(\.isExemplar)
        var regs = try await RegistrationModel.query(on: db).filter(\.$status ~~ exemplar).with(\.$subject)
            .with(\.$unit).sort(\.$year, .descending).sort(\.$id).limit(500).all()
        if let id = Int(selected), !regs.contains(where: { $0.id == id }),
            let chosen = try await ReplicationService.model(id, on: db)
        {
            regs.insert(chosen, at: 0)
        }
        return [SelectOption(value: "", label: "— Chọn mô hình, điển hình —", selected: selected.isEmpty)]
            + regs.map {
                SelectOption(
                    value: String($0.id ?? 0),
                    label: "\($0.title) — \($0.subject.name) (\($0.unit.shortName), \($0.year))",
                    selected: String($0.id ?? 0) == selected)
            }
    }

    /// The adopting unit: any unit the actor sees (a lead agency spreads its movement's models in every unit; the
    /// Policy decides on saving), an abolished one included as before (a replication recorded there stays editable).
    static func unitSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(
            name: "adoptingUnitID", textName: "adoptingUnit", label: "Đơn vị áp dụng", required: true,
            emptyLabel: "— Chọn đơn vị áp dụng —", scope: Policy.unitScope(actor), activeOnly: false)
    }

    static func formPage(
        req: Request, id: Int?, form: [String: String], errors: [String: String], modelLabel: String = ""
    ) async throws -> ReplicationFormPage {
        let actor = try req.requireActor()
        return ReplicationFormPage(
            layout: req.layout(
                id == nil ? "Ghi nhận nhân rộng mô hình" : "Sửa thông tin nhân rộng", active: ReplicationsPath.list.href
            ),
            heading: id == nil ? "Ghi nhận đơn vị nhân rộng mô hình, điển hình" : "Sửa thông tin nhân rộng",
            action: id.map { ReplicationsPath.replication(.id($0)).href } ?? ReplicationsPath.list.href,
            creating: id == nil, modelLabel: modelLabel, form: form, errors: errors,
            models: id == nil ? try await modelOptions(selected: form["registrationID"] ?? "", on: req.database) : [],
            unitField: try await UnitField.make(
                Self.unitSpec(actor), selectedID: form["adoptingUnitID"], text: form["adoptingUnit"],
                error: errors["adoptingUnitID"], on: req.database),
            cancelHref: id.map { ReplicationsPath.replication(.id($0)).href }
                ?? (Int(form["registrationID"] ?? "").map {
                    RegistrationsPath.registration(.id($0)).href + "#nhan-rong"
                }
                    ?? ReplicationsPath.list.href))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        guard req.can(.createUnitRecords) else { throw AppError.forbidden(Policy.readOnly) }
        var form = ["adoptedOn": VietnameseDate.format(Date())]
        if let model = try req.intQuery("model") { form["registrationID"] = String(model) }
        if let unit = Policy.defaultUnit(actor) { form["adoptingUnitID"] = String(unit) }
        return try await req.render(
            "publicity/replication-form", try await Self.formPage(req: req, id: nil, form: form, errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.form(ReplicationForm.self)
        return try await req.submit {
            try await ReplicationService.create(try await form.input(req), actor: req.actor, on: req.database)
        } redirect: { r in
            (ReplicationsPath.replication(.id(r.id ?? 0)).href, "Đã ghi nhận đơn vị nhân rộng mô hình.")
        } orRender: { e in
            try await req.render(
                "publicity/replication-form",
                try await Self.formPage(req: req, id: nil, form: form.flat, errors: e.formErrors), status: e.status)
        }
    }

    static func page(req: Request, id: Int, errors: [String: String] = [:]) async throws -> ReplicationPage {
        let r = try await ReplicationService.load(id, .read, actor: req.actor, on: req.database)
        let m = r.registration
        let resource = ReplicationService.resource(adoptingUnit: r.adoptingUnit, model: m)
        let canEdit = req.can(.update, resource)
        let assessments = try await ReplicationQuery.assessments(id, on: req.database).map { a in
            let dto = try ReplicationAssessmentDTO(a)
            return ReplicationPage.Assessment(
                year: dto.year, assessedOn: dto.assessedOn, assessor: dto.assessor, met: dto.met, unmet: dto.unmet,
                missing: dto.missing, summary: dto.summary, results: dto.results)
        }
        return ReplicationPage(
            layout: req.layout("Nhân rộng: \(m.title)", active: ReplicationsPath.list.href),
            heading: "Nhân rộng “\(m.title)” tại \(r.adoptingUnit.name)", status: r.status.rawValue,
            statusLabel: r.status.label,
            facts: [
                .init(label: "Mô hình, điển hình", value: "\(m.title) — \(m.subject.name) (\(m.unit.name), \(m.year))"),
                .init(label: "Đơn vị áp dụng", value: r.adoptingUnit.name),
                .init(label: "Ngày áp dụng", value: r.adoptedOn.isoToVietnamese),
                .init(label: "Điều chỉnh cho phù hợp địa phương", value: r.adaptation),
                .init(label: "Người phụ trách", value: r.responsible),
            ],
            modelHref: RegistrationsPath.registration(.id(m.id ?? 0)).href, canEdit: canEdit,
            editHref: ReplicationsPath.edit(.id(id)).href,
            canAssess: canEdit && ReplicationWorkflow.canAssess(r.status),
            assessHref: ReplicationsPath.newAssessment(.id(id)).href, moveAction: ReplicationsPath.move(.id(id)).href,
            targets: [SelectOption(value: "", label: "— Chọn trạng thái mới —", selected: true)]
                + ReplicationWorkflow.targets(from: r.status).map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: false)
                },
            errors: errors, assessments: assessments)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.render("publicity/replication", try await Self.page(req: req, id: id))
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let r = try await ReplicationService.load(id, .update, actor: req.actor, on: req.database)
        let form = [
            "adoptingUnitID": String(r.$adoptingUnit.id), "adoptedOn": r.adoptedOn.isoToVietnamese,
            "adaptation": r.adaptation, "responsible": r.responsible,
        ]
        return try await req.render(
            "publicity/replication-form",
            try await Self.formPage(
                req: req, id: id, form: form, errors: [:],
                modelLabel: "\(r.registration.title) — \(r.registration.subject.name)"))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let existing = try await ReplicationService.load(id, .update, actor: req.actor, on: req.database)
        let form = try req.form(ReplicationForm.self)
        return try await req.submit {
            try await ReplicationService.update(id, try await form.input(req), actor: req.actor, on: req.database)
        } redirect: { _ in
            (ReplicationsPath.replication(.id(id)).href, "Đã lưu thông tin nhân rộng.")
        } orRender: { e in
            try await req.render(
                "publicity/replication-form",
                try await Self.formPage(
                    req: req, id: id, form: form.flat, errors: e.formErrors,
                    modelLabel: "\(existing.registration.title) — \(existing.registration.subject.name)"),
                status: e.status)
        }
    }

    @Sendable func move(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.form(ReplicationMoveInput.self)
        return try await req.submit {
            try await ReplicationService.move(id, to: input.to, actor: req.actor, on: req.database)
        } redirect: { r in
            (ReplicationsPath.replication(.id(id)).href, "Đã chuyển sang “\(r.status.label)”.")
        } orRender: { e in
            try await req.render(
                "publicity/replication", try await Self.page(req: req, id: id, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    static func criterionFields(
        _ criteria: [ResolvedCriterion], inputs: [String: [String: String]], errors: [String: String]
    ) -> [CriterionField] {
        criteria.map { c in
            let s = c.spec
            var hint = ""
            switch s.kind {
            case .share:
                hint =
                    "Ngưỡng \((s.strict ?? true) ? "trên" : "từ") \(VietnameseNumber.format(s.threshold ?? 0, maxFractionDigits: 1))%"
            case .trend:
                hint = "So với năm trước (để trống số năm trước để lấy từ lần đánh giá kết quả trước)"
            case .titleEveryYear, .taskRatingEveryYear, .leaderRule:
                hint = "Lấy từ kết quả hằng năm của một đối tượng: đơn vị áp dụng chưa có, ghi nhận là thiếu dữ liệu"
            case .rankInLocality: hint = "Chưa có số liệu so sánh giữa các đơn vị áp dụng"
            default: break
            }
            return CriterionField(
                code: s.code, text: s.text, sourceLabel: c.source.label, kindLabel: s.kind.label,
                isBoolean: s.kind == .boolean, isShare: s.kind == .share, hasSub: s.subThreshold != nil,
                isCount: s.kind == .zeroCount, isTrend: s.kind == .trend, isRank: s.kind == .rankInLocality,
                isFromRecords: [.titleEveryYear, .taskRatingEveryYear, .leaderRule].contains(s.kind),
                population: s.population ?? "", subGroup: s.subGroup ?? "", measure: s.measure ?? "", hint: hint,
                values: inputs[s.code] ?? [:], error: errors["inputs.\(s.code)"])
        }
    }

    static func assessmentPage(
        req: Request, id: Int, form: [String: String], inputs: [String: [String: String]], errors: [String: String]
    ) async throws -> ReplicationAssessmentFormPage {
        let r = try await ReplicationService.load(id, .update, actor: req.actor, on: req.database)
        let criteria = try await ReplicationService.standard(of: r.registration, on: req.database)
        return ReplicationAssessmentFormPage(
            layout: req.layout("Đánh giá kết quả nhân rộng", active: ReplicationsPath.list.href),
            heading: "Đánh giá kết quả nhân rộng “\(r.registration.title)” tại \(r.adoptingUnit.name)",
            action: ReplicationsPath.assessments(.id(id)).href, form: form, errors: errors,
            criteria: criterionFields(criteria, inputs: inputs, errors: errors),
            cancelHref: ReplicationsPath.replication(.id(id)).href)
    }

    @Sendable func newAssessment(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let form = [
            "year": String(Today.year), "assessedOn": VietnameseDate.format(Date()),
            "assessor": req.auth?.user.fullName ?? "",
        ]
        return try await req.render(
            "publicity/replication-assessment",
            try await Self.assessmentPage(req: req, id: id, form: form, inputs: [:], errors: [:]))
    }

    @Sendable func assess(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await ReplicationService.load(id, .update, actor: req.actor, on: req.database)
        let form = try req.form(ReplicationAssessmentForm.self)
        return try await req.submit(parsed: form.input()) { input in
            try await ReplicationService.assess(id, input, actor: req.actor, on: req.database)
        } redirect: { a in
            (
                ReplicationsPath.replication(.id(id)).href + "#ket-qua",
                "Đã lưu đánh giá kết quả năm \(a.year): \(a.metCount) tiêu chí đạt, \(a.unmetCount) chưa đạt, \(a.missingCount) thiếu dữ liệu."
            )
        } orRender: { e in
            try await req.render(
                "publicity/replication-assessment",
                try await Self.assessmentPage(
                    req: req, id: id, form: form.flat, inputs: form.inputs ?? [:], errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    /// The model page's section: the spread (same query as the dashboards and the public page), the adoptions, and
    /// — once it has spread and its workflow allows — the offer to mark the model "Nhân rộng".
    static func section(req: Request, model r: RegistrationSummary) async throws -> ReplicationSection {
        let id = r.id
        let adoptions = try await ReplicationQuery.adoptions(of: [id], on: req.database)
        let spread = try await ReplicationQuery.spread(
            registrationID: id, unitPath: r.unitPath,
            counted: adoptions.filter { ReplicationQuery.counted.contains($0.status) }, tableWhenAdopted: true,
            on: req.database)
        let canMove = req.can(.update, RegistrationQueries.resource(r))
        let offer =
            spread.count > 0 && canMove && RegistrationWorkflow.allowed(from: r.status, to: .replicated)
        return ReplicationSection(
            count: spread.count, unitCount: spread.unitCount, areaName: spread.areaName, byCommune: spread.byCommune,
            elsewhere: spread.elsewhere,
            adoptions: adoptions.map {
                .init(
                    href: ReplicationsPath.replication(.id($0.id)).href, unitName: $0.unitName,
                    adoptedOn: $0.adoptedOn.isoToVietnamese, statusLabel: $0.status.label)
            },
            newHref: req.can(.createUnitRecords) ? ReplicationsPath.new.href([("model", String(id))]) : nil,
            offerAction: offer ? RegistrationsPath.transitions(.id(id)).href : nil,
            offerStatus: RegistrationStatus.replicated.rawValue)
    }
}
