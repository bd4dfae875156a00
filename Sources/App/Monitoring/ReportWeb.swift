import Domain
import Fluent
import Vapor

/// The periodic reports of the councils the actor works with.
struct ReportListPage: Encodable, Sendable {
    let layout: LayoutContext
    let rows: [Row]
    /// The authorities whose reports the actor writes (empty: read only).
    let issuers: [ReportFormPage.Option]
    let kinds: [ReportFormPage.Option]
    let year: Int
    let newAction: String
    struct Row: Encodable, Sendable {
        let kind: String
        let summary: String
        let period: String
        let issuer: String
        let number: String
        let day: String
        let href: String
        let docxHref: String
    }
}

/// A report's form: new (authority, kind, period) or an existing draft (narrative, number, date, signer).
struct ReportFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let isNew: Bool
    let canEdit: Bool
    let action: String
    let form: [String: String]
    let errors: [String: String]
    let issuers: [Option]
    let kinds: [Option]
    let signingModes: [Option]
    let sections: [Section]
    let docxHref: String?
    let listHref: String
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }
    struct Section: Encodable, Sendable {
        let key: String
        let heading: String
        let hint: String
        let value: String
        let error: String?
    }
}

struct ReportWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(ReportsPath.list, use: list)
        r.get(ReportsPath.new, use: new)
        r.post(ReportsPath.list, use: create)
        r.get(ReportsPath.report(.key), use: show)
        r.post(ReportsPath.report(.key), use: update)
        r.get(ReportsPath.docx(.key), use: docx)
    }

    static func kindOptions(_ selected: String) -> [ReportFormPage.Option] {
        PeriodicReportKind.allCases.map {
            .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected)
        }
    }

    static func row(_ r: PeriodicReportModel) -> ReportListPage.Row {
        let id = r.id ?? 0
        return .init(
            kind: r.kind.label, summary: r.summary,
            period: "\(r.periodFrom.isoToVietnamese) – \(r.periodTo.isoToVietnamese)", issuer: r.authority.name,
            number: r.number, day: r.day?.isoToVietnamese ?? "", href: ReportsPath.report(.id(id)).href,
            docxHref: ReportsPath.docx(.id(id)).href)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let reports = try await PeriodicReportService.list(actor: actor, on: req.database)
        let issuers = try await PeriodicReportService.issuers(actor: actor, on: req.database)
        return try await req.render(
            "monitoring/reports",
            ReportListPage(
                layout: req.layout("Báo cáo sơ kết, tổng kết", active: ReportsPath.list.href),
                rows: reports.map(Self.row),
                issuers: issuers.enumerated().map { i, a in
                    .init(value: String(a.id ?? 0), label: a.name, selected: i == 0)
                },
                kinds: Self.kindOptions(PeriodicReportKind.annual.rawValue), year: Today.year,
                newAction: ReportsPath.new.href))
    }

    /// The new-report form, its period filled in from the kind and year chosen on the list.
    @Sendable func new(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let kind = PeriodicReportKind(rawValue: req.queryText("kind") ?? "") ?? .annual
        let year = try req.intQuery("year") ?? Today.year
        guard (1990...2200).contains(year) else { throw AppError.badRequest("Năm báo cáo không hợp lệ.") }
        let period = PeriodicReportRules.defaultPeriod(kind, year: year)
        var form = [
            "kind": kind.rawValue, "periodFrom": period.from.isoToVietnamese, "periodTo": period.to.isoToVietnamese,
        ]
        if let a = try req.intQuery("authorityID") { form["authorityID"] = String(a) }
        return try await newPage(req, actor: actor, form: form, errors: [:])
    }

    private func newPage(_ req: Request, actor: Actor, form: [String: String], errors: [String: String])
        async throws -> Response
    {
        try Access.check(actor, .list, .periodicReport(nil))
        let issuers = try await PeriodicReportService.issuers(actor: actor, on: req.database)
        guard !issuers.isEmpty else { throw AppError.forbidden(Policy.reportOnly) }
        let chosen = form["authorityID"] ?? String(issuers[0].id ?? 0)
        return try await req.render(
            "monitoring/report-form",
            ReportFormPage(
                layout: req.layout("Tạo báo cáo sơ kết, tổng kết", active: ReportsPath.list.href),
                heading: "Tạo báo cáo sơ kết, tổng kết", isNew: true, canEdit: true, action: ReportsPath.list.href,
                form: form, errors: errors,
                issuers: issuers.map {
                    .init(value: String($0.id ?? 0), label: $0.name, selected: String($0.id ?? 0) == chosen)
                },
                kinds: Self.kindOptions(form["kind"] ?? ""), signingModes: [], sections: [], docxHref: nil,
                listHref: ReportsPath.list.href),
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let input = try req.form(PeriodicReportInput.self)
        return try await req.submit {
            try await PeriodicReportService.create(input, actor: actor, on: req.database)
        } redirect: { r in
            (
                ReportsPath.report(.id(try r.requireID())).href,
                "Đã tạo bản nháp báo cáo. Vui lòng viết các phần nội dung."
            )
        } orRender: { error in
            let form: [String: String] = [
                "authorityID": input.authorityID.map(String.init) ?? "", "kind": input.kind ?? "",
                "periodFrom": input.periodFrom ?? "", "periodTo": input.periodTo ?? "",
            ]
            return try await newPage(req, actor: actor, form: form, errors: error.formErrorsSpelledOut)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let r = try await PeriodicReportService.find(id, actor: req.actor, on: req.database)
        return try await page(req, r, typed: nil, errors: [:])
    }

    private func page(_ req: Request, _ r: PeriodicReportModel, typed: PeriodicReportInput?, errors: [String: String])
        async throws -> Response
    {
        let id = try r.requireID()
        let scope = try await AuthorityService.scope(r.authority, actor: req.actor, on: req.database)
        let canEdit = req.can(.update, .periodicReport(scope))
        var form: [String: String] = [
            "summary": typed?.summary ?? r.summary, "number": typed?.number ?? r.number,
            "day": typed?.day ?? r.day?.isoToVietnamese ?? "", "place": typed?.place ?? r.place,
            "signingMode": typed?.signingMode ?? r.signingMode.rawValue,
            "chiefTitle": typed?.chiefTitle ?? r.chiefTitle,
            "signerTitle": typed?.signerTitle ?? r.signerTitle, "signerName": typed?.signerName ?? r.signerName,
            "recipients": typed?.recipients ?? r.recipients,
            "period": "\(r.periodFrom.isoToVietnamese) – \(r.periodTo.isoToVietnamese)",
            "issuer": r.authority.name, "kind": r.kind.label,
        ]
        form["updated"] = r.updatedAt.map(VietnameseDate.formatDateTime) ?? ""
        let typedSections: [String: String?] = [
            "situation": typed?.situation, "results": typed?.results, "shortcomings": typed?.shortcomings,
            "directions": typed?.directions, "proposals": typed?.proposals,
        ]
        let sections = PeriodicReportSection.all.map { s in
            ReportFormPage.Section(
                key: s.key, heading: s.heading, hint: s.hint, value: (typedSections[s.key] ?? nil) ?? r[section: s.key],
                error: errors[s.key])
        }
        let mode = form["signingMode"] ?? ""
        return try await req.render(
            "monitoring/report-form",
            ReportFormPage(
                layout: req.layout(r.kind.label, active: ReportsPath.list.href), heading: r.summary, isNew: false,
                canEdit: canEdit, action: ReportsPath.report(.id(id)).href, form: form, errors: errors, issuers: [],
                kinds: [],
                signingModes: SigningMode.allCases.map {
                    .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == mode)
                },
                sections: sections, docxHref: ReportsPath.docx(.id(id)).href, listHref: ReportsPath.list.href),
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.form(PeriodicReportInput.self)
        return try await req.submit {
            try await PeriodicReportService.update(id, input, actor: req.actor, on: req.database)
        } redirect: { _ in
            (ReportsPath.report(.id(id)).href, "Đã lưu báo cáo.")
        } orRender: { error in
            let r = try await PeriodicReportService.find(id, actor: req.actor, on: req.database)
            return try await page(req, r, typed: input, errors: error.formErrors)
        }
    }

    @Sendable func docx(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let actor = try req.requireActor()
        let r = try await PeriodicReportService.find(id, actor: actor, on: req.database)
        let data = try await PeriodicReportData.load(
            r, actor: actor, plans: req.application.quotaPlans, on: req.database)
        return FileStore.attachment(
            try PeriodicReportDocument.docx(data), name: PeriodicReportDocument.fileName(r),
            contentType: PrintFormsWebController.docxType)
    }
}
