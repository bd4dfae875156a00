import Domain
import Fluent
import Vapor

/// One fund entry as the API shows it; `amount` is signed đồng (income and reversals positive).
struct FundEntryDTO: Content, Sendable {
    let id: Int
    let authorityID: Int
    let year: Int
    /// yyyy-MM-dd
    let day: String
    /// `FundEntryKind` code
    let kind: String
    let kindLabel: String
    let amount: Int64
    let description: String
    let reference: String
    let decisionID: Int?
    init(_ e: FundEntryModel) {
        id = e.id ?? 0
        authorityID = e.$authority.id
        year = e.year
        day = e.day
        kind = e.kind.rawValue
        kindLabel = e.kind.label
        amount = e.amount
        description = e.description
        reference = e.reference
        decisionID = e.decisionID
    }
}

/// One page of a ledger, newest first; `next` is the `before` of the following page.
struct FundLedgerDTO: Content, Sendable {
    let authorityID: Int
    let balance: Int64
    let items: [FundEntryDTO]
    let perPage: Int
    let total: Int
    let next: Int?
}

/// A year of the fund: opening + income − spending = closing.
struct FundReportDTO: Content, Sendable {
    struct Income: Content, Sendable {
        let kind: String
        let kindLabel: String
        let amount: Int64
    }
    struct Spending: Content, Sendable {
        let decisionID: Int?
        let citation: String
        let amount: Int64
    }
    let authorityID: Int
    let year: Int
    let opening: Int64
    let income: [Income]
    let incomeTotal: Int64
    let spending: [Spending]
    let spendingTotal: Int64
    let closing: Int64
    init(_ r: FundReport) {
        let y = r.report
        authorityID = r.authority.id ?? 0
        year = y.year
        opening = y.opening
        income = y.incomeByKind.map { Income(kind: $0.0.rawValue, kindLabel: $0.0.label, amount: $0.1) }
        incomeTotal = y.income
        spending = y.spendingByDecision.map {
            Spending(decisionID: $0.0 == 0 ? nil : $0.0, citation: r.decisions[$0.0]?.citation ?? "", amount: $0.1)
        }
        spendingTotal = y.spending
        closing = y.closing
    }
}

struct RewardsAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("authorities", ":id", "fund", use: ledger)
        r.post("authorities", ":id", "fund", use: addIncome)
        r.get("authorities", ":id", "fund", ":year", use: report)
    }

    @Sendable func ledger(req: Request) async throws -> FundLedgerDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let l = try await RewardService.ledger(
            id, before: try req.intQuery("before"), actor: req.actor, on: req.database)
        return FundLedgerDTO(
            authorityID: id, balance: l.balance, items: l.items.map(FundEntryDTO.init), perPage: 50, total: l.total,
            next: l.next)
    }

    @Sendable func addIncome(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let input: FundIncomeInput
        do { input = try req.content.decode(FundIncomeInput.self) } catch {
            throw AppError.badRequest("Dữ liệu gửi lên phải là JSON có kind, amount, date, description.")
        }
        let m = try await RewardService.addIncome(id, input, actor: req.actor, on: req.database)
        return try await FundEntryDTO(m).encodeResponse(status: .created, for: req)
    }

    @Sendable func report(req: Request) async throws -> FundReportDTO {
        let id = try req.parameters.require("id", as: Int.self)
        guard let year = Int(req.parameters.get("year") ?? "") else {
            throw AppError.notFound("Năm trong đường dẫn phải là số, ví dụ 2025.")
        }
        return FundReportDTO(try await RewardService.report(id, year: year, actor: req.actor, on: req.database))
    }
}
