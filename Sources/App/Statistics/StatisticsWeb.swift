import Domain
import Fluent
import Vapor

/// The list of statistics forms, with the legal basis and what is still to be verified.
struct StatisticsListPage: Encodable, Sendable {
    let layout: LayoutContext
    let title: String
    let legalBasis: String
    let verified: Bool
    let verification: String
    let sources: [String]
    let forms: [Item]
    struct Item: Encodable, Sendable {
        let code: String
        let symbol: String
        let title: String
        let href: String
        let fromData: Bool
        let note: String
    }
}

/// One form for one unit and period, as on the official template.
struct StatisticsFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let code: String
    let symbol: String
    let title: String
    let issuedLine: String
    let legalBasis: String
    let unitName: String
    let receiver: String
    let receivingDate: String
    let unitOfMeasure: String
    let periodText: String
    let periodNote: String
    let verified: Bool
    let verification: String
    let note: String
    let scope: String
    let top: [StatisticsTable.Head]
    let bottom: [StatisticsTable.Head]
    let keys: [String]
    let hasUnitColumn: Bool
    let lines: [StatisticsTable.Line]
    /// The unit picker (`platform/unit-filter`): a select while the actor's units are few, else a text field.
    let unit: UnitPicker
    let periods: [Option]
    let year: Int
    let formHref: String
    let listHref: String
    let xlsxHref: String
    let apiHref: String
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    init(layout: LayoutContext, table: StatisticsTable, unit: UnitPicker, periods: [Option]) {
        let r = table.report
        let f = r.form
        self.layout = layout
        code = f.code
        symbol = f.symbol
        title = f.title
        issuedLine = r.set.issuedLine
        legalBasis = r.set.legalBasis
        unitName = r.unit.name
        receiver = r.receiver.isEmpty ? "cần xác minh" : r.receiver
        receivingDate = f.receivingDate ?? "cần xác minh"
        unitOfMeasure = f.unitOfMeasure ?? "ghi ở cột C"
        periodText = r.periodText
        periodNote = r.period.verified ? "" : r.period.note
        verified = r.set.verified
        verification = r.set.verification
        note = f.note
        switch f.source {
        case .movements: scope = r.set.movementScope
        case .awards: scope = r.set.awardScope
        case .none: scope = "Biểu này không lấy số liệu từ hệ thống; in ra để điền tay."
        }
        top = table.top
        bottom = table.bottom
        keys = table.keys
        hasUnitColumn = table.hasUnitColumn
        lines = table.lines
        self.unit = unit
        self.periods = periods
        year = r.year
        let query: [(String, String)] = [
            ("unit", String(r.unit.id ?? 0)), ("year", String(r.year)), ("period", r.period.code),
        ]
        formHref = StatisticsPath.form(.text(f.code)).href
        listHref = StatisticsPath.list.href
        xlsxHref = StatisticsPath.xlsx(.text(f.code)).href(query)
        apiHref = "/api/v1/statistics/forms/\(f.code)?unit=\(r.unit.id ?? 0)&year=\(r.year)&period=\(r.period.code)"
    }
}

/// The chosen unit, year and period of a form request, from the query.
struct StatisticsQuery {
    let unitID: Int?
    let year: Int
    let period: String

    init(_ req: Request) throws {
        unitID = try req.intQuery("unit")
        year = try req.intQuery("year") ?? Today.year
        let p = req.queryText("period")?.trimmingCharacters(in: .whitespaces) ?? ""
        period = p.isEmpty ? "nam" : p
    }

    func report(_ req: Request, code: String) async throws -> StatisticsReport {
        let actor = try req.requireActor()
        return try await StatisticsService.report(
            code: code, unitID: unitID, year: year, periodCode: period, actor: actor, app: req.application,
            on: req.database)
    }
}

struct StatisticsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(StatisticsPath.list, use: list)
        r.heavy.get(StatisticsPath.form(.key), use: form)
        r.heavy.get(StatisticsPath.xlsx(.key), use: xlsx)
    }

    @Sendable func list(req: Request) async throws -> Response {
        _ = try req.requireActor()
        let set = try StatisticsService.forms(req.application)
        return try await req.render(
            "statistics/list",
            StatisticsListPage(
                layout: req.layout("Biểu mẫu thống kê thi đua, khen thưởng", active: StatisticsPath.list.href),
                title: set.title, legalBasis: set.legalBasis, verified: set.verified, verification: set.verification,
                sources: set.sources,
                forms: set.forms.map {
                    .init(
                        code: $0.code, symbol: $0.symbol, title: $0.title,
                        href: StatisticsPath.form(.text($0.code)).href,
                        fromData: $0.source != .none, note: $0.note)
                }))
    }

    @Sendable func form(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let q = try StatisticsQuery(req)
        let actor = try req.requireActor()
        // Any unit whose records the actor reads, chosen or typed (issue 11: the select held the top unit and the
        // first 300 below it, and no unit further down).
        let (unit, unitID) = try await UnitPicker.filter(
            req, scope: Policy.recordScope(actor), idName: "unit", textName: "unitText", label: "Đơn vị báo cáo",
            textLabel: "Đơn vị báo cáo (mã hoặc tên)", allLabel: "— Đơn vị của bạn —"
        ) {
            StatisticsPath.form(.text(code)).href([
                ("unit", String($0)), ("year", String(q.year)), ("period", q.period),
            ])
        }
        let report = try await StatisticsService.report(
            code: code, unitID: unitID, year: q.year, periodCode: q.period, actor: actor, app: req.application,
            on: req.database)
        let periods = report.set.periods.map {
            StatisticsFormPage.Option(value: $0.code, label: $0.label, selected: $0.code == report.period.code)
        }
        let page = StatisticsFormPage(
            layout: req.layout("Biểu \(report.form.symbol)", active: StatisticsPath.list.href),
            table: StatisticsTable(report), unit: unit, periods: periods)
        return try await req.render("statistics/form", page)
    }

    @Sendable func xlsx(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let report = try await StatisticsQuery(req).report(req, code: code)
        return try Self.download(StatisticsTable(report))
    }

    static func download(_ table: StatisticsTable) throws -> Response {
        let res = Response(status: .ok, body: .init(data: try table.xlsx()))
        res.headers.replaceOrAdd(
            name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(table.fileName)\"")
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return res
    }
}
