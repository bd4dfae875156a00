import Domain
import Fluent
import OOXML
import Vapor

/// The fund of an authority: its ledger (with the income form), a year's report and that report as XLSX.
enum RewardsPath: SitePath {
    case fund(Param)
    case year(Param, year: Param)
    case yearXLSX(Param, year: Param)

    var segments: [PathSegment] {
        switch self {
        case .fund(let id): ["app", "authorities", .param("id", id), "fund"]
        case .year(let id, let year): ["app", "authorities", .param("id", id), "fund", .param("year", year)]
        case .yearXLSX(let id, let year):
            ["app", "authorities", .param("id", id), "fund", .param("year", year), "xlsx"]
        }
    }
}

struct FundPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let day: String
        let kind: String
        let kindLabel: String
        /// "+50.000.000 đ" / "-1.170.000 đ"
        let amount: String
        let incoming: Bool
        let description: String
        let reference: String
        let decisionHref: String?
    }
    struct YearLink: Encodable, Sendable {
        let year: Int
        let href: String
    }
    let layout: LayoutContext
    let authorityName: String
    let authorityHref: String
    let balance: String
    let negative: Bool
    let rows: [Row]
    let total: Int
    let nextHref: String?
    let firstHref: String?
    let years: [YearLink]
    let canWrite: Bool
    let postHref: String
    let kinds: [SelectOption]
    let form: [String: String]
    let errors: [String: String]
}

struct FundYearPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let label: String
        let href: String?
        let amount: String
    }
    let layout: LayoutContext
    let authorityName: String
    let fundHref: String
    let year: Int
    let opening: String
    let income: [Line]
    let incomeTotal: String
    let spending: [Line]
    let spendingTotal: String
    let closing: String
    let xlsxHref: String
    let previousHref: String
    let nextHref: String
}

struct FundIncomeForm: Content {
    var kind: String?
    var amount: String
    var date: String
    var description: String
    var reference: String?

    var input: FundIncomeInput {
        FundIncomeInput(kind: kind ?? "", amount: amount, date: date, description: description, reference: reference)
    }
    var typed: [String: String] {
        ["kind": kind ?? "", "amount": amount, "date": date, "description": description, "reference": reference ?? ""]
    }
}

extension FundPage.Row {
    init(_ e: FundEntryModel) {
        day = e.day.isoToVietnamese
        kind = e.kind.rawValue
        kindLabel = e.kind.label
        amount = (e.amount > 0 ? "+" : "") + RewardMoney.format(e.amount)
        incoming = e.amount > 0
        description = e.description
        reference = e.reference
        decisionHref = e.decisionID.map { DecisionsPath.decision(.id($0)).href }
    }
}

struct RewardsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(RewardsPath.fund(.key), use: fund)
        r.post(RewardsPath.fund(.key), use: addIncome)
        r.get(RewardsPath.year(.key, year: .key), use: year)
        r.get(RewardsPath.yearXLSX(.key, year: .key), use: xlsx)
    }

    static func page(req: Request, id: Int, form: [String: String], errors: [String: String]) async throws
        -> FundPage
    {
        let before = try req.intQuery("before")
        let l = try await RewardService.ledger(id, before: before, actor: req.actor, on: req.database)
        let chosen = form["kind"] ?? ""
        return FundPage(
            layout: req.layout("Quỹ thi đua, khen thưởng: \(l.authority.name)", active: DecisionsPath.register.href),
            authorityName: l.authority.headTitle, authorityHref: AuthoritiesPath.authority(.id(id)).href,
            balance: RewardMoney.format(l.balance), negative: l.balance < 0, rows: l.items.map(FundPage.Row.init),
            total: l.total, nextHref: l.next.map { RewardsPath.fund(.id(id)).href([("before", String($0))]) },
            firstHref: before == nil ? nil : RewardsPath.fund(.id(id)).href,
            years: l.years.map { .init(year: $0, href: RewardsPath.year(.id(id), year: .id($0)).href) },
            canWrite: req.can(.create, .fund(l.scope)), postHref: RewardsPath.fund(.id(id)).href,
            kinds: FundEntryKind.income.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == chosen)
            },
            form: form, errors: errors)
    }

    @Sendable func fund(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.render(
            "rewards/fund",
            try await Self.page(req: req, id: id, form: ["date": Today.iso.isoToVietnamese], errors: [:]))
    }

    @Sendable func addIncome(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(FundIncomeForm.self)
        return try await req.submit {
            try await RewardService.addIncome(id, f.input, actor: req.actor, on: req.database)
        } redirect: { m in
            (RewardsPath.fund(.id(id)).href, "Đã ghi thu \(RewardMoney.format(m.amount)) vào sổ quỹ.")
        } orRender: { e in
            try await req.render(
                "rewards/fund", try await Self.page(req: req, id: id, form: f.typed, errors: e.formErrors),
                status: e.status)
        }
    }

    static func yearPage(req: Request, id: Int, year: Int) async throws -> FundYearPage {
        let r = try await RewardService.report(id, year: year, actor: req.actor, on: req.database)
        let y = r.report
        return FundYearPage(
            layout: req.layout("Báo cáo quỹ thi đua, khen thưởng năm \(year)", active: DecisionsPath.register.href),
            authorityName: r.authority.headTitle, fundHref: RewardsPath.fund(.id(id)).href, year: year,
            opening: RewardMoney.format(y.opening),
            income: y.incomeByKind.map { .init(label: $0.0.label, href: nil, amount: RewardMoney.format($0.1)) },
            incomeTotal: RewardMoney.format(y.income),
            spending: y.spendingByDecision.map { did, amount in
                .init(
                    label: r.decisions[did]?.citation ?? "Quyết định không còn trong sổ",
                    href: did == 0 ? nil : DecisionsPath.decision(.id(did)).href, amount: RewardMoney.format(amount))
            }, spendingTotal: RewardMoney.format(y.spending), closing: RewardMoney.format(y.closing),
            xlsxHref: RewardsPath.yearXLSX(.id(id), year: .id(year)).href,
            previousHref: RewardsPath.year(.id(id), year: .id(year - 1)).href,
            nextHref: RewardsPath.year(.id(id), year: .id(year + 1)).href)
    }

    @Sendable func year(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        guard let year = Int(req.parameters.get("year") ?? "") else {
            throw AppError.notFound("Năm trong đường dẫn phải là số, ví dụ 2025.")
        }
        return try await req.render("rewards/fund-year", try await Self.yearPage(req: req, id: id, year: year))
    }

    /// The yearly report as a spreadsheet: one sheet, the same lines as the page, amounts as numbers.
    static func sheet(_ r: FundReport) -> XLSXSheet {
        let y = r.report
        var rows: [[XLSXCell]] = [
            [.text("Báo cáo quỹ thi đua, khen thưởng năm \(y.year)"), .text(r.authority.headTitle)],
            [.text("Khoản mục"), .text("Số tiền (đồng)")],
            [.text("Số dư đầu năm"), .integer(Int(y.opening))],
        ]
        for (k, v) in y.incomeByKind { rows.append([.text("Thu: " + k.label), .integer(Int(v))]) }
        rows.append([.text("Tổng thu trong năm"), .integer(Int(y.income))])
        for (did, v) in y.spendingByDecision {
            rows.append([.text("Chi: " + (r.decisions[did]?.citation ?? "quyết định số \(did)")), .integer(Int(v))])
        }
        rows.append([.text("Tổng chi trong năm"), .integer(Int(y.spending))])
        rows.append([.text("Số dư cuối năm"), .integer(Int(y.closing))])
        return XLSXSheet(name: "Quỹ \(y.year)", rows: rows, columnWidths: [70, 22], boldFirstRow: true)
    }

    @Sendable func xlsx(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        guard let year = Int(req.parameters.get("year") ?? "") else {
            throw AppError.notFound("Năm trong đường dẫn phải là số, ví dụ 2025.")
        }
        let r = try await RewardService.report(id, year: year, actor: req.actor, on: req.database)
        let data = try XLSXWriter.data(sheets: [Self.sheet(r)])
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.replaceOrAdd(
            name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        res.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"quy-thi-dua-khen-thuong-\(id)-\(year).xlsx\"")
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return res
    }
}
