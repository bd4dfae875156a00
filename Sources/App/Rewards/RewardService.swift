import Domain
import Fluent
import Foundation
import Synchronization
import Vapor

/// The base salary table shipped in Resources/Rules/base-salary.json, loaded once at start. Decisions price their
/// awards from it deep inside a service, so it is kept process-wide (every app of a process ships the same file).
enum BaseSalaries {
    private static let current = Mutex(BaseSalaryTable(periods: []))

    static var table: BaseSalaryTable { current.withLock { $0 } }

    static func load(workingDirectory: String) throws -> BaseSalaryTable {
        let file = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Rules/base-salary.json")
        do { return try JSONDecoder().decode(BaseSalaryTable.self, from: Data(contentsOf: file)) } catch {
            throw ConfigError(
                variable: "DIENHINH_RESOURCES", message: "không đọc được mức lương cơ sở trong \(file.path): \(error)")
        }
    }

    /// Loads the table and keeps it for every later decision.
    static func install(workingDirectory: String) throws {
        let t = try load(workingDirectory: workingDirectory)
        current.withLock { $0 = t }
    }
}

/// Income typed on the fund page or sent to the API.
struct FundIncomeInput: Content, Sendable {
    /// `FundEntryKind` code of an income: "ngan-sach" | "trich" | "dong-gop".
    var kind: String
    /// Whole đồng: 1500000, "1.500.000" or "1500000".
    var amount: String
    /// dd/mm/yyyy or yyyy-mm-dd
    var date: String
    var description: String
    var reference: String?

    init(kind: String, amount: String, date: String, description: String, reference: String?) {
        self.kind = kind
        self.amount = amount
        self.date = date
        self.description = description
        self.reference = reference
    }

    /// Lenient: a missing field is empty (and reported by the service after the access check); `amount` may be
    /// a JSON number or a string.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = (try? c.decodeIfPresent(String.self, forKey: .kind)) ?? ""
        if let n = try? c.decodeIfPresent(Int64.self, forKey: .amount) {
            amount = String(n)
        } else {
            amount = (try? c.decodeIfPresent(String.self, forKey: .amount)) ?? ""
        }
        date = (try? c.decodeIfPresent(String.self, forKey: .date)) ?? ""
        description = (try? c.decodeIfPresent(String.self, forKey: .description)) ?? ""
        reference = try? c.decodeIfPresent(String.self, forKey: .reference)
    }
}

/// One authority's ledger page, newest first.
struct FundLedger: Sendable {
    let authority: AuthorityModel
    let scope: CouncilScope
    let items: [FundEntryModel]
    let next: Int?
    let total: Int
    let balance: Int64
    /// The years that have entries, newest first (and this year).
    let years: [Int]
}

/// One authority's yearly report, with the decisions behind its spending.
struct FundReport: Sendable {
    let authority: AuthorityModel
    let report: FundYear
    let decisions: [Int: DecisionModel]
}

enum RewardService {
    // MARK: Pricing awards

    /// Fills an award's reward money from the rules in force on the decision day and the base salary of that day;
    /// leaves it empty when the form carries no reward in the rules.
    static func price(
        _ a: AwardModel, subjectKind: String, day: String, dossierRules: RuleSet?, sets: [RuleSet],
        salaries: BaseSalaryTable = BaseSalaries.table
    ) {
        let inForce = RuleLibrary.ruleSet(forDay: day, jurisdiction: dossierRules?.jurisdiction ?? "VN", in: sets)
        guard let form = inForce?.form(a.formCode) ?? dossierRules?.form(a.formCode),
            let p = RewardMoney.price(form, level: a.level, subject: subjectKind, day: day, salaries: salaries)
        else { return }
        a.rewardAmount = p.amount
        a.rewardCoefficient = p.coefficient.description
        a.baseSalary = p.baseSalary
        a.rewardVerified = p.verified
    }

    // MARK: The fund follows the decisions

    /// A decision's spending: one entry, its awards' total, dated the decision's day (nothing when no award has
    /// an amount).
    static func spend(_ m: DecisionModel, actor: Actor?, on db: any Database) async throws {
        let awards = try await AwardModel.query(on: db).filter(\.$decisionID == m.id).all()
        let total = awards.compactMap(\.rewardAmount).reduce(Int64(0), +)
        guard total > 0 else { return }
        let e = FundEntryModel(
            authorityID: m.$authority.id, day: m.day, kind: .decision, amount: -total,
            description: "Chi thưởng \(awards.filter { $0.rewardAmount != nil }.count) trường hợp",
            reference: m.citation)
        e.decisionID = m.id
        e.createdBy = actor?.userID
        try await e.create(on: db)
    }

    /// A decision withdrawn: its net spending comes back to the fund on the withdrawal's day. Corrected: the same,
    /// and the replacing decision carries the spending.
    static func decisionChanged(
        old: DecisionModel, new: DecisionModel, withdrawn: Bool, actor: Actor?, on db: any Database
    ) async throws {
        guard let oid = old.id else { return }
        let net = try await FundEntryModel.query(on: db).filter(\.$decisionID == oid).all()
            .reduce(Int64(0)) { $0 + $1.amount }
        guard net < 0 else { return }
        let back = FundEntryModel(
            authorityID: old.$authority.id, day: new.day, kind: .reversal, amount: -net,
            description: (withdrawn ? "Hoàn chi do thu hồi " : "Hoàn chi do đính chính, thay thế ") + old.citation,
            reference: new.citation)
        back.decisionID = oid
        back.createdBy = actor?.userID
        try await back.create(on: db)
        if !withdrawn {
            let moved = FundEntryModel(
                authorityID: new.$authority.id, day: new.day, kind: .decision, amount: net,
                description: "Chi thưởng theo quyết định đính chính, thay thế \(old.citation)", reference: new.citation)
            moved.decisionID = new.id
            moved.createdBy = actor?.userID
            try await moved.create(on: db)
        }
    }

    // MARK: Income

    /// "1.500.000", "1 500 000", "1500000" → 1500000; nil unless whole positive đồng below a trillion.
    static func parseAmount(_ text: String) -> Int64? {
        let digits = VietnameseText.clean(text).replacingOccurrences(of: "đ", with: "")
            .filter { !($0 == "." || $0 == " " || $0 == "\u{00A0}") }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let v = Int64(digits), v > 0
        else { return nil }
        return v
    }

    static func addIncome(_ authorityID: Int, _ i: FundIncomeInput, actor: Actor?, on db: any Database) async throws
        -> FundEntryModel
    {
        let a = try await AuthorityService.find(authorityID, on: db)
        try Access.check(actor, .create, .fund(try await AuthorityService.scope(a, actor: actor, on: db)))
        var e = FieldErrors()
        let kind = FundEntryKind(rawValue: i.kind)
        if kind == nil || kind?.isIncome == false {
            e.add("kind", "Vui lòng chọn nguồn thu: ngân sách cấp, trích từ nguồn khác hoặc đóng góp.")
        }
        let amount = parseAmount(i.amount)
        if amount == nil {
            e.add("amount", "Số tiền ghi bằng số đồng, lớn hơn 0, ví dụ 50.000.000.")
        }
        let day = DayInput.iso(i.date)
        if day == nil {
            e.add("date", "Ngày ghi sổ phải có dạng dd/mm/yyyy.")
        } else if let day, day > Today.iso {
            e.add("date", "Ngày ghi sổ không thể sau hôm nay (\(Today.iso.isoToVietnamese)).")
        }
        let description = VietnameseText.clean(i.description)
        Check.required(description, "description", "Nội dung", max: 500, into: &e)
        let reference = VietnameseText.clean(i.reference ?? "")
        Check.optional(reference, "reference", "Số, ngày văn bản", max: 200, into: &e)
        guard e.isEmpty, let kind, let amount, let day else { throw AppError.invalid(e) }
        let m = FundEntryModel(
            authorityID: authorityID, day: day, kind: kind, amount: amount, description: description,
            reference: reference)
        m.createdBy = actor?.userID
        try await db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "fund_entry", entityID: m.id, unitID: a.$unit.id,
                summary: "Ghi thu quỹ thi đua, khen thưởng của \(a.name): \(RewardMoney.format(amount))",
                before: Optional<String>.none, after: ["kind": kind.rawValue, "amount": String(amount), "day": day])
        }
        return m
    }

    // MARK: Reading

    static func ledger(
        _ authorityID: Int, before: Int?, perPage: Int = 50, actor: Actor?, on db: any Database
    ) async throws -> FundLedger {
        let a = try await AuthorityService.find(authorityID, on: db)
        let scope = try await AuthorityService.scope(a, actor: actor, on: db)
        try Access.check(actor, .read, .fund(scope))
        let base = FundEntryModel.query(on: db).filter(\.$authority.$id == authorityID)
        // A fund holds a few entries a decision: summing in Swift keeps bigint sums out of the drivers.
        let all = try await base.copy().all(\.$amount)
        let years = Set(try await base.copy().all(\.$year) + [Today.year]).sorted(by: >)
        var q = base
        if let before { q = q.filter(\.$id < before) }
        let rows = try await q.sort(\.$id, .descending).limit(perPage + 1).all()
        let items = Array(rows.prefix(perPage))
        return FundLedger(
            authority: a, scope: scope, items: items, next: rows.count > perPage ? items.last?.id : nil,
            total: all.count, balance: all.reduce(0, +), years: years)
    }

    static func report(_ authorityID: Int, year: Int, actor: Actor?, on db: any Database) async throws -> FundReport {
        let a = try await AuthorityService.find(authorityID, on: db)
        try Access.check(actor, .read, .fund(try await AuthorityService.scope(a, actor: actor, on: db)))
        guard (1990...2200).contains(year) else { throw AppError.notFound("Không có năm \(year) trong sổ quỹ.") }
        let entries = try await FundEntryModel.query(on: db).filter(\.$authority.$id == authorityID)
            .filter(\.$year <= year).sort(\.$day).sort(\.$id).all()
        let r = FundYear.make(
            year: year, before: entries.filter { $0.year < year }.map(\.line),
            within: entries.filter { $0.year == year }.map(\.line))
        let ids = r.spendingByDecision.map(\.0).filter { $0 != 0 }
        let decisions = try await DecisionModel.query(on: db).filter(\.$id ~~ ids).all()
        return FundReport(
            authority: a, report: r,
            decisions: Dictionary(uniqueKeysWithValues: decisions.compactMap { d in d.id.map { ($0, d) } }))
    }
}

extension RewardService {
    /// The reward money of a decision's own valid awards.
    static func total(_ v: DecisionView) -> Int64 {
        v.awards.filter { $0.decisionID == v.decision.id && $0.status == .valid }.compactMap(\.rewardAmount)
            .reduce(0, +)
    }

    /// "1.170.000 đ", or "" when the award has no amount.
    static func amountText(_ a: AwardModel) -> String { a.rewardAmount.map(RewardMoney.format) ?? "" }

    /// "0,3 × 2.340.000 đ" (with "cần xác minh" when a part is unconfirmed).
    static func basisText(_ a: AwardModel) -> String {
        guard let k = a.rewardCoefficient.flatMap(RewardCoefficient.init(text:)), let b = a.baseSalary else {
            return ""
        }
        return "\(k.vietnamese) × \(RewardMoney.format(b))" + (a.rewardVerified == false ? " (cần xác minh)" : "")
    }
}
