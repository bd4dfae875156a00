import Domain
import Fluent
import Vapor

struct DossiersPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let href: String
        let title: String
        let unitName: String
        let year: Int
        let status: String
        let statusLabel: String
        let nominees: Int
        let due: String
        let overdue: Bool
    }
    let layout: LayoutContext
    let rows: [Row]
    let pager: Pager
    let q: String
    let year: String
    let statuses: [SelectOption]
    let canCreate: Bool
    /// The new dossier's unit (nil when the reader may not create one).
    let unitField: UnitField?
    let form: [String: String]
    let errors: [String: String]
    /// The list's CSV and XLSX downloads, with the page's filter.
    var exports: ExportLinks? = nil
}

struct DossierPage: Encodable, Sendable {
    struct Nominee: Encodable, Sendable {
        let id: Int
        let name: String
        let subjectHref: String
        let kindLabel: String
        let formName: String
        let eligibility: String
        let eligibilityLabel: String
        let eligibilityHref: String
        let warnings: [String]
        let appraisal: String
        let appraisalLabel: String
        let appraisalNote: String
        let vote: String?
        let passed: Bool?
        let awarded: Bool
        let achievement: String
        /// Thường xuyên, đột xuất…; withdrawn with its reason; the unit may withdraw it (one achievement, one form).
        var awardKindLabel: String = ""
        var withdrawn: Bool = false
        var withdrawalReason: String = ""
        var canWithdraw: Bool = false
        var withdrawHref: String = ""
    }
    struct Requirement: Encodable, Sendable {
        let code: String
        let name: String
        let article: String
        let verification: String?
        let present: Bool
        let generated: Bool
    }
    struct Document: Encodable, Sendable {
        let name: String
        let kindLabel: String
        let href: String
        let size: String
        let generated: Bool
    }
    struct Link: Encodable, Sendable {
        let label: String
        let href: String
    }
    struct Event: Encodable, Sendable {
        let at: String
        let username: String
        let note: String
        let statusLabel: String
    }
    struct Warning: Encodable, Sendable {
        let formName: String
        let status: String
        let reasons: [String]
    }
    let layout: LayoutContext
    let id: Int
    let title: String
    let unitName: String
    let year: Int
    let number: String
    let status: String
    let statusLabel: String
    let ruleSetTitle: String
    let legalBasis: String
    let submittedDay: String
    let appraisalDue: String
    let dueNote: String
    let overdue: Bool
    let decision: String?
    let meetingHref: String?
    let readOnly: Bool
    let canEdit: Bool
    let canAppraise: Bool
    let canDecide: Bool
    let nominees: [Nominee]
    let subjects: [SelectOption]
    let forms: [SelectOption]
    let nomineeForm: [String: String]
    let warning: Warning?
    let requirements: [Requirement]
    let documents: [Document]
    let docKinds: [SelectOption]
    let drafts: [Link]
    let events: [Event]
    let levels: [SelectOption]
    let decisionForm: [String: String]
    let errors: [String: String]
    /// The procedure deadlines of the forms proposed (posting the list, the decision), from the rule file.
    var formDeadlines: [FormDeadlineRow] = []
    /// The council the dossier was sent to (empty before submission).
    var councilName: String = ""
    /// The chain across councils: the lower council's dossier it came from, the upper ones it went on to.
    var chain: [Link] = []
    /// The standing office may send the nominees a higher authority confers to the next council up.
    var forwardable: [String] = []
    var forwardHref: String = ""
    /// The register entry of the decision that decided it.
    var decisionHref: String?
    /// State-level nominees: proposed upward by the province, and the State's decision (nil: none in the dossier).
    var state: StateSection?
    /// The award kinds a nominee may be proposed under (thường xuyên first).
    var awardKinds: [SelectOption] = []

}

/// One procedure deadline of a proposed form, as the dossier page shows it.
struct FormDeadlineRow: Encodable, Sendable {
    let formName: String
    let name: String
    let length: String
    let due: String
    let article: String
    let verification: String?

    /// The deadlines of the forms in a dossier created on `created` and submitted on `submitted` (nil: not yet).
    static func rows(
        forms: [RuleForm], created: String, submitted: String?, calendar: HolidayCalendar
    ) -> [FormDeadlineRow] {
        forms.flatMap { form in
            (form.deadlines ?? []).map { dl in
                let start = dl.from == .created ? created : submitted
                return FormDeadlineRow(
                    formName: form.name, name: dl.name, length: dl.lengthText,
                    due: start.flatMap { dl.due(from: $0, calendar: calendar) }?.isoToVietnamese
                        ?? "tính từ ngày gửi hồ sơ",
                    article: dl.article, verification: dl.verified ? nil : "cần xác minh")
            }
        }
    }
}

struct DossierForm: Content {
    var unitID: String
    /// The unit as typed, where the actor's units are too many for a select (`UnitField`).
    var unit: String? = nil
    var year: String
    var title: String
    var number: String?
}
struct NomineeForm: Content {
    var subjectID: String
    var formCode: String
    var achievement: String?
    var acknowledgeWarning: String?
    var kind: String?
}
struct DossierUpload: Content {
    var kind: String
    var file: File
}
struct KindForm: Content { var kind: String }
struct DecisionForm: Content {
    var number: String
    var date: String
    var authority: String
    var signer: String
    var level: String?
}

struct DossiersWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(DossiersPath.list, use: list)
        r.post(DossiersPath.list, use: create)
        r.get(DossiersPath.dossier(.key), use: show)
        r.post(DossiersPath.nominees(.key), use: addNominee)
        r.post(DossiersPath.removeNominee(.key, nominee: .key), use: removeNominee)
        r.post(DossiersPath.withdrawNominee(.key, nominee: .key), use: withdrawNominee)
        r.post(DossiersPath.documents(.key), body: .collect(maxSize: "12mb"), use: upload)
        r.post(DossiersPath.generate(.key), use: generate)
        r.get(DossiersPath.document(.key), use: download)
        r.get(DossiersPath.draft(.key, kind: .key), use: draft)
        r.post(DossiersPath.submit(.key), use: submit)
        r.post(DossiersPath.appraisal(.key, nominee: .key), use: appraise)
        r.post(DossiersPath.finishAppraisal(.key), use: finishAppraisal)
        r.post(DossiersPath.decision(.key), use: decide)
        r.post(DossiersPath.forward(.key), use: forward)
    }

    static func listPage(req: Request, form: [String: String], errors: [String: String]) async throws -> DossiersPage {
        let list = try req.listQuery()
        let actor = try req.requireActor()
        let q = list.q
        let year = try req.intQuery("year")
        let status = req.queryText("status") ?? ""
        let page = try await DossierService.list(
            actor: actor, status: status, year: year, q: q, list, on: req.database, keptFor: req)
        let today = Today.iso
        let canCreate = req.can(.createUnitRecords)
        return DossiersPage(
            layout: req.layout("Hồ sơ đề nghị khen thưởng", active: DossiersPath.list.href),
            rows: page.items.map { d in
                let waiting = d.status == .submitted
                return .init(
                    href: DossiersPath.dossier(.id(d.id ?? 0)).href, title: d.title, unitName: d.unit.shortName,
                    year: d.year, status: d.status.rawValue,
                    statusLabel: d.status.label, nominees: d.nominees.count,
                    due: waiting ? (d.appraisalDue?.isoToVietnamese ?? "") : "",
                    overdue: waiting && (d.appraisalDue ?? "9999") < today)
            },
            pager: Pager(page, base: DossiersPath.list, query: Self.filter(req)),
            q: q, year: year.map(String.init) ?? "",
            statuses: [SelectOption(value: "", label: "Mọi trạng thái", selected: status.isEmpty)]
                + DossierStatus.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == status)
                },
            canCreate: canCreate,
            unitField: canCreate
                ? try await UnitField.make(
                    Self.unitSpec(actor), selectedID: form["unitID"], text: form["unit"], error: errors["unitID"],
                    on: req.database) : nil,
            form: form, errors: errors,
            exports: TableExport.links(ExportPath.dossiers, query: Self.filter(req)))
    }

    /// The list's filter as query items, for its links (pages, exports).
    static func filter(_ req: Request) -> [(String, String)] {
        [
            ("q", VietnameseText.clean(req.queryText("q") ?? "")), ("year", req.queryText("year") ?? ""),
            ("status", req.queryText("status") ?? ""),
        ]
    }

    @Sendable func list(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let list = try req.listQuery()
        if let back = Pager.tooDeep(req, list, perPage: list.perPage, base: DossiersPath.list, query: Self.filter(req))
        {
            return back
        }
        let year = Today.year
        let form = [
            "year": String(year), "unitID": actor.unitID.map(String.init) ?? "",
            "title": "Đề nghị khen thưởng thành tích năm \(year)",
        ]
        return try await req.render("commendation/dossiers", try await Self.listPage(req: req, form: form, errors: [:]))
    }

    /// The proposing unit: one the actor may create records in, not abolished.
    static func unitSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(label: "Đơn vị đề nghị", required: true, scope: Policy.createScope(actor))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let f = try req.form(DossierForm.self)
        return try await req.submit { () async throws -> DossierModel in
            let unitID = try await UnitField.resolve(
                Self.unitSpec(req.actor), selectedID: f.unitID, text: f.unit, on: req.database)
            let input = DossierInput(
                unitID: Int(unitID ?? "") ?? 0, year: Int(f.year) ?? 0, title: f.title, number: f.number)
            return try await DossierService.create(
                input, actor: req.actor, sets: req.ruleSets, jurisdiction: req.jurisdiction, on: req.database)
        } redirect: { d in
            (
                DossiersPath.dossier(.id(d.id ?? 0)).href,
                "Đã lập hồ sơ. Thêm người được đề nghị và tài liệu, rồi gửi Phòng Nội vụ."
            )
        } orRender: { e in
            let form = [
                "unitID": f.unitID, "unit": f.unit ?? "", "year": f.year, "title": f.title, "number": f.number ?? "",
            ]
            return try await req.render(
                "commendation/dossiers", try await Self.listPage(req: req, form: form, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    static func page(
        req: Request, id: Int, nomineeForm: [String: String] = [:], warning: DossierPage.Warning? = nil,
        decisionForm: [String: String] = [:], errors: [String: String] = [:]
    ) async throws -> DossierPage {
        let d = try await DossierService.readable(id, actor: req.actor, on: req.database)
        let set = try DossierService.ruleSet(d, sets: req.ruleSets)
        let docs = try await DossierService.documents(id, on: req.database)
        let events = try await DossierService.events(id, on: req.database)
        let status = d.status
        let canEdit = status.editableByUnit && req.can(.update, DossierService.resource(d))
        let canWithdraw = req.can(.update, DossierService.resource(d))
        let council =
            d.$authority.id == nil
            ? false
            : req.can(.update, .council(try await DossierService.councilScope(d, actor: req.actor, on: req.database)))
        var subjects: [SelectOption] = []
        if canEdit {
            let rows = try await SubjectModel.query(on: req.database).join(
                UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id
            )
            .filter(UnitModel.self, \.$path, .custom("LIKE"), d.unit.path + "%").sort(\.$sortKey).limit(2000).all()
            subjects =
                [
                    SelectOption(
                        value: "", label: "— Chọn người, tập thể, hộ —",
                        selected: (nomineeForm["subjectID"] ?? "").isEmpty)
                ]
                + rows.map {
                    SelectOption(
                        value: String($0.id ?? 0), label: "\($0.name) (\($0.subjectKind.label.lowercased()))",
                        selected: String($0.id ?? 0) == nomineeForm["subjectID"])
                }
        }
        let forms =
            [
                SelectOption(
                    value: "", label: "— Chọn danh hiệu, hình thức —", selected: (nomineeForm["formCode"] ?? "").isEmpty
                )
            ]
            + set.forms.sorted { ($0.subject, $0.rank) < ($1.subject, $1.rank) }.map {
                SelectOption(
                    value: $0.code, label: "\($0.name) — \(RuleSubjectLabel.label($0.subject))",
                    selected: $0.code == nomineeForm["formCode"])
            }
        let formCodes = Set(d.nominees.map(\.formCode))
        let have = Set(docs.map(\.kind))
        let kinds = set.procedure?.documents ?? []
        let today = Today.iso
        var dueNote = ""
        if status == .submitted, let due = d.appraisalDue, let left = WorkingDays.daysBetween(today, due) {
            dueNote = left >= 0 ? "còn \(left) ngày theo lịch" : "quá hạn \(-left) ngày"
        }
        let drafts: [DossierPage.Link] =
            [
                .init(label: "Tờ trình (DOCX)", href: DossiersPath.draft(.id(id), kind: .text("to-trinh")).href),
                .init(
                    label: "Danh sách đề nghị (DOCX)", href: DossiersPath.draft(.id(id), kind: .text("danh-sach")).href),
                .init(
                    label: "Báo cáo thành tích (DOCX)",
                    href: DossiersPath.draft(.id(id), kind: .text("bao-cao-thanh-tich")).href),
            ]
            + (status == .reviewed || status == .decided
                ? [
                    .init(
                        label: status == .decided ? "Quyết định khen thưởng (DOCX)" : "Dự thảo quyết định (DOCX)",
                        href: DossiersPath.draft(.id(id), kind: .text("quyet-dinh")).href)
                ] : [])
            + (status == .decided
                ? [
                    .init(
                        label: "Danh sách in giấy khen (DOCX)",
                        href: DossiersPath.draft(.id(id), kind: .text("danh-sach-in")).href)
                ] : [])
        var page = DossierPage(
            layout: req.layout(d.title, active: DossiersPath.list.href), id: id, title: d.title, unitName: d.unit.name,
            year: d.year, number: d.number.isEmpty ? "—" : d.number,
            status: d.status.rawValue, statusLabel: status.label, ruleSetTitle: set.title, legalBasis: set.legalBasis,
            submittedDay: d.submittedDay?.isoToVietnamese ?? "",
            appraisalDue: d.appraisalDue?.isoToVietnamese ?? "", dueNote: dueNote,
            overdue: status == .submitted && (d.appraisalDue ?? "9999") < today,
            decision: status == .decided
                ? "Quyết định số \(d.decisionNumber) ngày \(d.decisionDate.isoToVietnamese) của \(d.decisionAuthority) (người ký: \(d.decisionSigner))"
                : nil,
            meetingHref: d.meetingID.map { CouncilPath.meeting(.id($0)).href }, readOnly: status.readOnly,
            canEdit: canEdit,
            canAppraise: council && status == .submitted,
            canDecide: council && status == .reviewed && d.nominees.contains { $0.isDecided(by: d.$authority.id) },
            nominees: d.nominees.sorted { $0.id ?? 0 < $1.id ?? 0 }.map { n in
                .init(
                    id: n.id ?? 0, name: n.subject.name, subjectHref: SubjectsPath.subject(.id(n.$subject.id)).href,
                    kindLabel: n.subject.subjectKind.label, formName: n.formName,
                    eligibility: n.eligibility.rawValue, eligibilityLabel: n.eligibility.label,
                    eligibilityHref: AwardsPath.eligibility(.id(n.$subject.id)).href([("year", String(d.year))]),
                    warnings: n.warning.split(separator: "\n").map(String.init), appraisal: n.appraisal.rawValue,
                    appraisalLabel: n.appraisal.label,
                    appraisalNote: n.appraisalNote, vote: n.voteYes == nil ? nil : CommendationDocuments.voteText(n),
                    passed: n.votePassed, awarded: n.awardID != nil,
                    achievement: n.achievement, awardKindLabel: n.kind.label, withdrawn: n.withdrawn,
                    withdrawalReason: n.withdrawalReason,
                    canWithdraw: canWithdraw && n.holdsAchievement(dossierStatus: status),
                    withdrawHref: DossiersPath.withdrawNominee(.id(id), nominee: .id(n.id ?? 0)).href)
            },
            subjects: subjects, forms: forms, nomineeForm: nomineeForm, warning: warning,
            requirements: set.requiredDocuments(for: formCodes).map {
                .init(
                    code: $0.code, name: $0.name, article: $0.article, verification: $0.verified ? nil : "cần xác minh",
                    present: have.contains($0.code), generated: $0.generated)
            },
            documents: docs.map { doc in
                .init(
                    name: doc.originalName, kindLabel: kinds.first { $0.code == doc.kind }?.name ?? doc.kind,
                    href: DossiersPath.document(.id(doc.id ?? 0)).href,
                    size: ByteCountFormatter.string(fromByteCount: Int64(doc.size), countStyle: .file),
                    generated: doc.generated)
            },
            docKinds: kinds.filter { $0.applies(to: formCodes) || !$0.generated }.map {
                SelectOption(value: $0.code, label: $0.name, selected: false)
            },
            drafts: drafts,
            events: events.map {
                .init(
                    at: VietnameseDate.formatDateTime($0.at), username: $0.username, note: $0.note,
                    statusLabel: $0.toStatus.label)
            },
            levels: AwardLevel.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: $0.label,
                    selected: $0.rawValue == (decisionForm["level"] ?? AwardLevel.huyen.rawValue))
            },
            decisionForm: decisionForm, errors: errors)
        page.formDeadlines = try await Self.formDeadlines(d, set: set, on: req.database)
        page.awardKinds = AwardKind.allCases.map {
            SelectOption(
                value: $0.rawValue, label: $0.label,
                selected: $0.rawValue == (nomineeForm["kind"] ?? AwardKind.regular.rawValue))
        }
        try await Self.addChain(to: &page, d, canCouncil: council, on: req.database)
        try await StateDecisionWebController.add(to: &page, d, req: req)
        return page
    }

    /// Which council has the dossier, where it came from and where its nominees went on to.
    static func addChain(to page: inout DossierPage, _ d: DossierModel, canCouncil: Bool, on db: any Database)
        async throws
    {
        let id = try d.requireID()
        if let a = try await d.$authority.get(on: db) {
            page.councilName = a.councilName + " — tham mưu " + a.headTitle
        }
        if let decision = d.decisionID { page.decisionHref = DecisionsPath.decision(.id(decision)).href }
        if let p = d.parentID {
            page.chain.append(
                .init(
                    label: "Chuyển lên từ hồ sơ số \(p) của Hội đồng cấp dưới", href: DossiersPath.dossier(.id(p)).href)
            )
        }
        for up in try await DossierModel.query(on: db).filter(\.$parentID == id).with(\.$authority).sort(\.$id).all() {
            page.chain.append(
                .init(
                    label:
                        "Đã chuyển lên \(up.authority?.councilName ?? "cấp trên"): hồ sơ số \(up.id ?? 0) (\(up.status.label))",
                    href: DossiersPath.dossier(.id(up.id ?? 0)).href))
        }
        if canCouncil && (d.status == .reviewed || d.status == .decided) {
            page.forwardable = DossierService.forwardable(d).map { "\($0.subject.name) — \($0.formName)" }
            page.forwardHref = DossiersPath.forward(.id(id)).href
        }
    }

    /// Deadlines of the proposed forms that carry them (Gia đình văn hóa, thôn văn hóa), on the holiday calendar.
    static func formDeadlines(_ d: DossierModel, set: RuleSet, on db: any Database) async throws -> [FormDeadlineRow] {
        let codes = Set(d.nominees.map(\.formCode))
        let forms = set.forms.filter { codes.contains($0.code) && !($0.deadlines ?? []).isEmpty }
        guard !forms.isEmpty else { return [] }
        let created = d.createdAt.flatMap { VietnameseDate.displayToISO(VietnameseDate.format($0)) } ?? Today.iso
        let calendar = try await CalendarService.calendar(around: created, on: db)
        return FormDeadlineRow.rows(forms: forms, created: created, submitted: d.submittedDay, calendar: calendar)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render(
            "commendation/dossier", try await Self.page(req: req, id: try req.parameters.require("id", as: Int.self)))
    }

    @Sendable func addNominee(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(NomineeForm.self)
        let input = NomineeInput(
            subjectID: Int(f.subjectID) ?? 0, formCode: f.formCode, achievement: f.achievement,
            acknowledgeWarning: f.acknowledgeWarning == "yes", kind: f.kind)
        let typed = [
            "subjectID": f.subjectID, "formCode": f.formCode, "achievement": f.achievement ?? "", "kind": f.kind ?? "",
        ]
        do {
            return try await req.submit {
                try await DossierService.addNominee(
                    dossierID: id, input, actor: req.actor, sets: req.ruleSets, jurisdiction: req.jurisdiction,
                    on: req.database)
            } redirect: { n in
                (DossiersPath.dossier(.id(id)).href + "#de-nghi", "Đã thêm \(n.formName) vào hồ sơ.")
            } orRender: { e in
                try await req.render(
                    "commendation/dossier",
                    try await Self.page(
                        req: req, id: id, nomineeForm: typed,
                        errors: e.formErrorsSpelledOut.mapKeys {
                            $0 == "form" ? "form" : "nominee" + $0.capitalizedFirst
                        }), status: e.status)
            }
        } catch let w as EligibilityWarning {
            let warning = DossierPage.Warning(formName: w.formName, status: w.status, reasons: w.reasons)
            return try await req.render(
                "commendation/dossier", try await Self.page(req: req, id: id, nomineeForm: typed, warning: warning),
                status: .unprocessableEntity)
        }
    }

    /// The unit withdraws a proposal with a reason; the form has only that field, so an error returns as a flash.
    @Sendable func withdrawNominee(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let reason = (try? req.content.get(String.self, at: "reason")) ?? ""
        return try await req.submit {
            try await AchievementService.withdraw(
                dossierID: id, nomineeID: try req.parameters.require("nid", as: Int.self),
                WithdrawalInput(reason: reason), actor: req.actor, on: req.database)
        } redirect: { n in
            (DossiersPath.dossier(.id(id)).href + "#de-nghi", "Đã rút đề nghị \(n.formName); lý do đã được ghi lại.")
        } orRender: { e in
            Flash.redirect(req, to: DossiersPath.dossier(.id(id)).href, e.fields.dictionary["reason"] ?? e.message)
        }
    }

    @Sendable func removeNominee(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.submit {
            try await DossierService.removeNominee(
                dossierID: id, nomineeID: try req.parameters.require("nid", as: Int.self), actor: req.actor,
                on: req.database)
        } redirect: { _ in
            (DossiersPath.dossier(.id(id)).href + "#de-nghi", "Đã bỏ khỏi hồ sơ.")
        } orRender: { e in
            Flash.redirect(req, to: DossiersPath.dossier(.id(id)).href, e.message)
        }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        // Who may not change the dossier learns that before anything of the body is checked; whether the
        // dossier's status still takes documents is the write's own answer (a message on the page).
        try req.authorize(
            .update, DossierService.resource(try await DossierService.readable(id, actor: req.actor, on: req.database)))
        guard let u = try? req.content.decode(DossierUpload.self) else {
            return try await req.render(
                "commendation/dossier",
                try await Self.page(req: req, id: id, errors: ["docFile": "Vui lòng chọn loại tài liệu và tệp."]),
                status: .unprocessableEntity)
        }
        return try await req.submit {
            try await DossierService.attach(
                dossierID: id, kind: u.kind, filename: u.file.filename, bytes: Array(buffer: u.file.data),
                generated: false,
                actor: req.actor, sets: req.ruleSets, app: req.application, on: req.database)
        } redirect: { doc in
            (DossiersPath.dossier(.id(id)).href + "#tai-lieu", "Đã đính kèm \(doc.originalName).")
        } orRender: { e in
            try await req.render(
                "commendation/dossier",
                try await Self.page(
                    req: req, id: id,
                    errors: e.formErrorsSpelledOut.mapKeys { $0 == "form" ? "form" : "doc" + $0.capitalizedFirst }),
                status: e.status)
        }
    }

    /// Drafts a document from the dossier's data and attaches it as that document.
    @Sendable func generate(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(KindForm.self)
        // Who may not change the dossier learns that before anything of the body is checked; whether the
        // dossier's status still takes documents is the write's own answer (a message on the page).
        let d = try await DossierService.readable(id, actor: req.actor, on: req.database)
        try req.authorize(.update, DossierService.resource(d))
        guard let kind = CommendationDocuments.Kind(rawValue: f.kind), [.toTrinh, .danhSach, .baoCao].contains(kind)
        else {
            return Flash.redirect(
                req, to: DossiersPath.dossier(.id(id)).href + "#tai-lieu",
                "Hệ thống chỉ soạn sẵn tờ trình, danh sách và báo cáo thành tích.")
        }
        return try await req.submit {
            try DossierService.requireEditable(d, actor: req.actor)
            let data = try await Self.render(kind, d, stored: true, req: req)
            return try await DossierService.attach(
                dossierID: id, kind: kind.rawValue, filename: kind.fileStem + ".docx", bytes: Array(data),
                generated: true, actor: req.actor, sets: req.ruleSets, app: req.application, on: req.database)
        } redirect: { doc in
            (
                DossiersPath.dossier(.id(id)).href + "#tai-lieu",
                "Đã soạn và đính kèm \(doc.originalName). Tải về để ký, đóng dấu."
            )
        } orRender: { e in
            Flash.redirect(req, to: DossiersPath.dossier(.id(id)).href + "#tai-lieu", e.message)
        }
    }

    /// `stored`: the copy attached to the dossier, which every reader of the dossier may download — no personal data.
    static func render(_ kind: CommendationDocuments.Kind, _ d: DossierModel, stored: Bool = false, req: Request)
        async throws -> Data
    {
        var x = try await CommendationDocuments.load(d, sets: req.ruleSets, on: req.database)
        let access = stored ? FieldAccess(classes: [.public, .internal]) : req.fieldAccess(d.unit.unitPath)
        x.showPersonal = access.personal
        x.showSensitive = access.sensitive
        switch kind {
        case .toTrinh: return try CommendationDocuments.toTrinh(x)
        case .danhSach: return try CommendationDocuments.danhSach(x)
        case .baoCao: return try CommendationDocuments.baoCao(x)
        case .quyetDinh: return try CommendationDocuments.quyetDinh(x)
        case .giayKhen: return try CommendationDocuments.certificateList(x)
        case .bienBan: throw AppError.notFound()
        }
    }

    @Sendable func draft(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        guard let kind = CommendationDocuments.Kind(rawValue: try req.parameters.require("kind")), kind != .bienBan
        else { throw AppError.notFound() }
        let d = try await DossierService.readable(id, actor: req.actor, on: req.database)
        if kind == .giayKhen && d.status != .decided {
            throw AppError.conflict("Danh sách in giấy khen có sau khi có quyết định khen thưởng.")
        }
        if kind == .quyetDinh && ![.reviewed, .decided].contains(d.status) {
            throw AppError.conflict("Dự thảo quyết định có sau khi Hội đồng đã xét.")
        }
        return FileStore.attachment(
            try await Self.render(kind, d, req: req), name: "\(kind.fileStem)-\(id).docx",
            contentType: EvidenceService.Kind.docx.contentType)
    }

    @Sendable func download(req: Request) async throws -> Response {
        try await DossierService.download(
            documentID: try req.parameters.require("docID", as: Int.self), actor: req.actor, req: req)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.submit {
            try await DossierService.submit(id, actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { d in
            (
                DossiersPath.dossier(.id(id)).href,
                "Đã gửi hồ sơ. Hạn thẩm định: \(d.appraisalDue?.isoToVietnamese ?? "")."
            )
        } orRender: { e in
            try await req.render(
                "commendation/dossier", try await Self.page(req: req, id: id, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func appraise(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let nid = try req.parameters.require("nid", as: Int.self)
        let input = try req.form(AppraisalInput.self)
        return try await req.submit {
            try await DossierService.appraise(dossierID: id, nomineeID: nid, input, actor: req.actor, on: req.database)
        } redirect: { _ in
            (DossiersPath.dossier(.id(id)).href + "#de-nghi", "Đã ghi kết quả thẩm định.")
        } orRender: { e in
            try await req.render(
                "commendation/dossier",
                try await Self.page(
                    req: req, id: id,
                    errors: e.formErrorsSpelledOut.mapKeys {
                        $0 == "form" ? "form" : "appraisal\(nid)" + $0.capitalizedFirst
                    }), status: e.status)
        }
    }

    @Sendable func finishAppraisal(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.submit {
            try await DossierService.finishAppraisal(id, actor: req.actor, on: req.database)
        } redirect: { d in
            (
                DossiersPath.dossier(.id(id)).href,
                d.status == .returned
                    ? "Đã trả hồ sơ cho đơn vị để bổ sung." : "Hồ sơ đã thẩm định đạt, chờ Hội đồng xét."
            )
        } orRender: { e in
            try await req.render(
                "commendation/dossier", try await Self.page(req: req, id: id, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func forward(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.submit {
            try await DossierService.forward(id, actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { up in
            (DossiersPath.dossier(.id(up.id ?? 0)).href, "Đã chuyển lên Hội đồng cấp trên: hồ sơ số \(up.id ?? 0).")
        } orRender: { e in
            try await req.render(
                "commendation/dossier", try await Self.page(req: req, id: id, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(DecisionForm.self)
        let input = DecisionInput(
            number: f.number, date: f.date, authority: f.authority, signer: f.signer, level: f.level)
        return try await req.submit {
            try await DossierService.decide(id, input, actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { _ in
            (DossiersPath.dossier(.id(id)).href, "Đã ghi quyết định; khen thưởng đã vào quá trình của từng người.")
        } orRender: { e in
            let typed = [
                "number": f.number, "date": f.date, "authority": f.authority, "signer": f.signer,
                "level": f.level ?? "",
            ]
            return try await req.render(
                "commendation/dossier",
                try await Self.page(
                    req: req, id: id, decisionForm: typed,
                    errors: e.formErrorsSpelledOut.mapKeys { $0 == "form" ? "form" : "decision" + $0.capitalizedFirst }),
                status: e.status)
        }
    }
}

enum RuleSubjectLabel {
    static func label(_ subject: String) -> String {
        switch subject {
        case "individual": return "cá nhân"
        case "collective": return "tập thể"
        case "household": return "hộ gia đình"
        case "village": return "thôn, tổ dân phố"
        default: return subject
        }
    }
}
