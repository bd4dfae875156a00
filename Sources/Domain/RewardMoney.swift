import Foundation

// Reward money (tiền thưởng): a coefficient × the base salary (mức lương cơ sở) in force on the decision date,
// rounded as the decree of the period says. Coefficients and salaries are data (Resources/Rules), each with its
// legal basis and a "verified" flag. Money is whole đồng in Int64 and coefficients are thousandths, so no
// floating-point value ever reaches an amount.

/// A coefficient with at most three decimals, held as thousandths (0.15 → 150).
public struct RewardCoefficient: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public let thousandths: Int

    public init(thousandths: Int) { self.thousandths = thousandths }

    /// "0.15", "1.5", "2"; nil when not a positive number with at most three decimals (at most 100).
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, whole <= 100,
            parts[0].allSatisfy(\.isNumber)
        else { return nil }
        var frac = parts.count == 2 ? String(parts[1]) : ""
        guard frac.count <= 3, frac.allSatisfy(\.isNumber), parts.count == 1 || !frac.isEmpty else { return nil }
        while frac.count < 3 { frac += "0" }
        let value = whole * 1000 + (Int(frac) ?? 0)
        guard value > 0 else { return nil }
        thousandths = value
    }

    /// "0.15": the form kept in the database and the API.
    public var description: String {
        let whole = thousandths / 1000
        var frac = String(format: "%03d", thousandths % 1000)
        while frac.hasSuffix("0") { frac.removeLast() }
        return frac.isEmpty ? String(whole) : "\(whole).\(frac)"
    }

    /// "0,15": as a Vietnamese reader writes it.
    public var vietnamese: String { description.replacingOccurrences(of: ".", with: ",") }

    /// A JSON number (0.15); more than three decimals, zero or negative fails the rule file.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let d = try c.decode(Double.self)
        let scaled = (d * 1000).rounded()
        guard d > 0, d <= 100, abs(d * 1000 - scaled) < 1e-6 else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "hệ số tiền thưởng phải là số dương, tối đa 3 chữ số thập phân: \(d)")
        }
        thousandths = Int(scaled)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Double(thousandths) / 1000)
    }
}

/// How the product is rounded.
public enum RewardRounding: String, Codable, Sendable, CaseIterable {
    /// "làm tròn số lên hàng chục nghìn đồng" (NĐ 91/2017 art. 68(2); kept by NĐ 98/2023).
    case upTo10000 = "up-10000"
    /// To the nearest đồng (no rounding rule found for the period).
    case none

    public var label: String {
        switch self {
        case .upTo10000: return "làm tròn lên hàng chục nghìn đồng"
        case .none: return "không làm tròn"
        }
    }
}

/// One exception of a form's reward: another coefficient for a conferring level and/or a kind of subject
/// (a commune chairman's Giấy khen; a collective's or a household's amount).
public struct RewardCase: Codable, Sendable, Equatable {
    /// The conferring level's code ("xa", "huyen", "tinh"…); nil = any level.
    public var level: String?
    /// "individual" | "collective" | "household"; nil = any subject.
    public var subject: String?
    public var coefficient: RewardCoefficient
    public var legalBasis: String
    public var verified: Bool
}

/// A form's reward in a rule file: `{ "coefficient": 0.3, "legalBasis": "…", "verified": true }`.
public struct RewardRule: Codable, Sendable, Equatable {
    public var coefficient: RewardCoefficient
    public var legalBasis: String
    /// false: inferred; the UI shows "cần xác minh".
    public var verified: Bool
    /// nil = none.
    public var rounding: RewardRounding?
    /// false when the rounding rule of the period was not seen in a source.
    public var roundingVerified: Bool?
    /// Exceptions; the first that matches wins.
    public var cases: [RewardCase]?

    public init(
        coefficient: RewardCoefficient, legalBasis: String, verified: Bool, rounding: RewardRounding? = nil,
        roundingVerified: Bool? = nil, cases: [RewardCase]? = nil
    ) {
        self.coefficient = coefficient
        self.legalBasis = legalBasis
        self.verified = verified
        self.rounding = rounding
        self.roundingVerified = roundingVerified
        self.cases = cases
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        coefficient = try c.decode(RewardCoefficient.self, forKey: .coefficient)
        legalBasis = try c.decode(String.self, forKey: .legalBasis)
        verified = try c.decode(Bool.self, forKey: .verified)
        rounding = try c.decodeIfPresent(RewardRounding.self, forKey: .rounding)
        roundingVerified = try c.decodeIfPresent(Bool.self, forKey: .roundingVerified)
        cases = try c.decodeIfPresent([RewardCase].self, forKey: .cases)
        if legalBasis.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorruptedError(
                forKey: .legalBasis, in: c, debugDescription: "tiền thưởng phải ghi căn cứ pháp lý")
        }
        for k in cases ?? [] where k.subject.map({ SubjectKind(rawValue: $0) == nil }) ?? false {
            throw DecodingError.dataCorruptedError(
                forKey: .cases, in: c, debugDescription: "đối tượng không hợp lệ: \(k.subject ?? "")")
        }
    }

    /// The coefficient for a level and a subject kind, with its basis.
    public func coefficient(level: String?, subject: String?) -> (RewardCoefficient, String, Bool) {
        let hit = (cases ?? []).first { k in
            (k.level == nil || k.level == level) && (k.subject == nil || k.subject == subject)
        }
        if let hit { return (hit.coefficient, hit.legalBasis, hit.verified) }
        return (coefficient, legalBasis, verified)
    }
}

/// One period of the base salary.
public struct BaseSalaryPeriod: Codable, Sendable, Equatable {
    /// đồng a month.
    public var amount: Int64
    /// "yyyy-MM-dd", inclusive.
    public var effectiveFrom: String
    public var legalBasis: String
    public var verified: Bool
}

/// The base salary over time (Resources/Rules/base-salary.json).
public struct BaseSalaryTable: Codable, Sendable, Equatable {
    public var periods: [BaseSalaryPeriod]

    public init(periods: [BaseSalaryPeriod]) { self.periods = periods.sorted { $0.effectiveFrom < $1.effectiveFrom } }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try c.decode([BaseSalaryPeriod].self, forKey: .periods)
        for p in raw where p.amount <= 0 || p.effectiveFrom.count != 10 {
            throw DecodingError.dataCorruptedError(
                forKey: .periods, in: c, debugDescription: "mức lương cơ sở không hợp lệ: \(p.effectiveFrom)")
        }
        self.init(periods: raw)
    }

    /// The period in force on a day "yyyy-MM-dd"; nil before the first.
    public func inForce(on day: String) -> BaseSalaryPeriod? { periods.last { $0.effectiveFrom <= day } }
}

/// An award's price: what it was computed from, and whether every part is verified.
public struct RewardPrice: Sendable, Equatable {
    public var coefficient: RewardCoefficient
    public var baseSalary: Int64
    public var amount: Int64
    public var rounding: RewardRounding
    public var legalBasis: String
    /// false: some part (coefficient, base salary, rounding) is unconfirmed: shown "cần xác minh".
    public var verified: Bool
}

public enum RewardMoney {
    /// coefficient × base salary, rounded: whole đồng, exact.
    public static func amount(_ k: RewardCoefficient, baseSalary: Int64, rounding: RewardRounding) -> Int64 {
        let product = baseSalary * Int64(k.thousandths) // in thousandths of a đồng
        switch rounding {
        case .upTo10000:
            let step: Int64 = 10_000 * 1000
            return (product + step - 1) / step * 10_000
        case .none:
            return (product + 500) / 1000
        }
    }

    /// The price of a form on a decision day: the rule set's reward for the level and subject, the base salary
    /// in force that day. nil when the form carries no reward or no base salary is known for the day.
    public static func price(
        _ form: RuleForm, level: String?, subject: String?, day: String, salaries: BaseSalaryTable
    ) -> RewardPrice? {
        guard let rule = form.reward, let salary = salaries.inForce(on: day) else { return nil }
        let (k, basis, verified) = rule.coefficient(level: level, subject: subject)
        let rounding = rule.rounding ?? .none
        return RewardPrice(
            coefficient: k, baseSalary: salary.amount,
            amount: amount(k, baseSalary: salary.amount, rounding: rounding),
            rounding: rounding, legalBasis: basis + "; " + salary.legalBasis,
            verified: verified && salary.verified && (rule.roundingVerified ?? true))
    }

    /// "1.170.000 đ".
    public static func format(_ amount: Int64) -> String { VietnameseText.grouped(amount) + " đ" }
}

// MARK: - The emulation and commendation fund (quỹ thi đua, khen thưởng)

/// What an entry of an authority's fund ledger is.
public enum FundEntryKind: String, Codable, Sendable, CaseIterable {
    /// Income: the yearly allocation from the budget (NĐ 152/2025 art. 46(3)(b)).
    case budget = "ngan-sach"
    /// Income: set aside from another source (a unit's or an enterprise's fund).
    case transfer = "trich"
    /// Income: contributions of organisations and individuals.
    case contribution = "dong-gop"
    /// Spending: the reward money of one decision, written when it is issued.
    case decision = "chi-quyet-dinh"
    /// Back into the fund: a withdrawn (or replaced) decision's spending reversed.
    case reversal = "hoan-chi"

    public var label: String {
        switch self {
        case .budget: return "Ngân sách cấp"
        case .transfer: return "Trích từ nguồn khác"
        case .contribution: return "Đóng góp của tổ chức, cá nhân"
        case .decision: return "Chi thưởng theo quyết định"
        case .reversal: return "Hoàn chi (quyết định thu hồi, đính chính)"
        }
    }

    /// The kinds a person enters by hand.
    public static let income: [FundEntryKind] = [.budget, .transfer, .contribution]
    public var isIncome: Bool { Self.income.contains(self) }
}

/// One entry as the report needs it: signed amount (income and reversals positive, spending negative).
public struct FundLine: Sendable, Equatable {
    public var kind: FundEntryKind
    public var amount: Int64
    public var day: String
    public var decisionID: Int?
    public init(kind: FundEntryKind, amount: Int64, day: String, decisionID: Int? = nil) {
        self.kind = kind
        self.amount = amount
        self.day = day
        self.decisionID = decisionID
    }
}

/// A year of a fund: opening balance, income by kind, net spending per decision, closing balance.
public struct FundYear: Sendable, Equatable {
    public var year: Int
    public var opening: Int64
    public var incomeByKind: [(FundEntryKind, Int64)]
    /// Net spending per decision (spending less its reversals in the year), positive.
    public var spendingByDecision: [(Int, Int64)]
    public var income: Int64
    public var spending: Int64
    public var closing: Int64

    public static func == (a: FundYear, b: FundYear) -> Bool {
        a.year == b.year && a.opening == b.opening && a.income == b.income && a.spending == b.spending
            && a.closing == b.closing && a.incomeByKind.map(\.0) == b.incomeByKind.map(\.0)
            && a.incomeByKind.map(\.1) == b.incomeByKind.map(\.1)
            && a.spendingByDecision.map(\.0) == b.spendingByDecision.map(\.0)
            && a.spendingByDecision.map(\.1) == b.spendingByDecision.map(\.1)
    }

    /// `before`: every entry dated before the year; `within`: those of the year.
    public static func make(year: Int, before: [FundLine], within: [FundLine]) -> FundYear {
        let opening = before.reduce(Int64(0)) { $0 + $1.amount }
        var byKind: [(FundEntryKind, Int64)] = []
        for k in FundEntryKind.income {
            let sum = within.filter { $0.kind == k }.reduce(Int64(0)) { $0 + $1.amount }
            if sum != 0 { byKind.append((k, sum)) }
        }
        var perDecision: [Int: Int64] = [:]
        var order: [Int] = []
        for l in within where !l.kind.isIncome {
            let id = l.decisionID ?? 0
            if perDecision[id] == nil { order.append(id) }
            perDecision[id, default: 0] -= l.amount
        }
        let income = byKind.reduce(Int64(0)) { $0 + $1.1 }
        let spending = perDecision.values.reduce(Int64(0), +)
        return FundYear(
            year: year, opening: opening, incomeByKind: byKind,
            spendingByDecision: order.map { ($0, perDecision[$0] ?? 0) }, income: income, spending: spending,
            closing: opening + income - spending)
    }
}
