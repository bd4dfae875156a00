import Foundation
import Testing

@testable import Domain

@Suite("Reward money: coefficient × base salary, rounded; the rule files' rewards; the fund's year")
struct RewardMoneyTests {
    let salaries = BaseSalaryTable(periods: [
        BaseSalaryPeriod(amount: 1_490_000, effectiveFrom: "2019-07-01", legalBasis: "NĐ 38/2019", verified: false),
        BaseSalaryPeriod(amount: 1_800_000, effectiveFrom: "2023-07-01", legalBasis: "NĐ 24/2023", verified: true),
        BaseSalaryPeriod(amount: 2_340_000, effectiveFrom: "2024-07-01", legalBasis: "NĐ 73/2024", verified: true),
    ])

    @Test("Amounts in whole đồng: rounded up to the ten thousand (NĐ 91/98), or to the đồng")
    func amounts() throws {
        let k = { (t: String) throws -> RewardCoefficient in try #require(RewardCoefficient(text: t)) }
        // NĐ 91 art. 68(2)'s own examples: 1,112,000 → 1,120,000; 834,000 → 840,000.
        #expect(RewardMoney.amount(try k("0.8"), baseSalary: 1_390_000, rounding: .upTo10000) == 1_120_000)
        #expect(RewardMoney.amount(try k("0.6"), baseSalary: 1_390_000, rounding: .upTo10000) == 840_000)
        #expect(RewardMoney.amount(try k("0.3"), baseSalary: 2_340_000, rounding: .upTo10000) == 710_000)
        #expect(RewardMoney.amount(try k("0.3"), baseSalary: 2_340_000, rounding: .none) == 702_000)
        #expect(RewardMoney.amount(try k("0.45"), baseSalary: 2_340_000, rounding: .none) == 1_053_000)
        #expect(RewardMoney.amount(try k("0.15"), baseSalary: 2_340_000, rounding: .upTo10000) == 360_000)
        #expect(RewardMoney.amount(try k("1.5"), baseSalary: 2_340_000, rounding: .upTo10000) == 3_510_000)
        // Already a multiple of 10,000: unchanged (no off-by-one step up).
        #expect(RewardMoney.amount(try k("1"), baseSalary: 2_340_000, rounding: .upTo10000) == 2_340_000)
        // Three decimals, exact: 0.001 × 1,490,000 = 1,490.
        #expect(RewardMoney.amount(try k("0.001"), baseSalary: 1_490_000, rounding: .none) == 1_490)
        #expect(RewardMoney.format(1_170_000) == "1.170.000 đ" && RewardMoney.format(-702_000) == "-702.000 đ")
        #expect(RewardMoney.format(0) == "0 đ" && VietnameseText.grouped(999) == "999")
    }

    @Test("Coefficients are thousandths: '0,15' reads, '0.1234', '0', '-1' and 'abc' do not")
    func coefficients() {
        #expect(RewardCoefficient(text: "0,15")?.thousandths == 150)
        #expect(RewardCoefficient(text: "1.5")?.description == "1.5" && RewardCoefficient(text: "2")?.vietnamese == "2")
        for bad in ["0.1234", "0", "-1", "abc", "1.", ".5", "101"] {
            #expect(RewardCoefficient(text: bad) == nil, "\(bad)")
        }
    }

    @Test("The base salary in force on a day: before the first period, none")
    func baseSalary() {
        #expect(salaries.inForce(on: "2024-06-30")?.amount == 1_800_000)
        #expect(salaries.inForce(on: "2024-07-01")?.amount == 2_340_000)
        #expect(salaries.inForce(on: "2019-06-30") == nil)
    }

    @Test("A form's reward: cases by level and subject, the first that matches; unverified parts say so")
    func price() throws {
        let json = """
            {"coefficient": 0.3, "legalBasis": "art. 58(1)(e)", "verified": true, "rounding": "up-10000",
             "cases": [{"subject": "collective", "coefficient": 0.6, "legalBasis": "art. 58(2)(c)", "verified": false},
                       {"level": "xa", "coefficient": 0.15, "legalBasis": "art. 58(1)(g)", "verified": true}]}
            """
        let rule = try JSONDecoder().decode(RewardRule.self, from: Data(json.utf8))
        var form = RuleForm(
            code: "giay-khen", name: "Giấy khen", kind: "award", subject: "individual", rank: 15, conferredBy: "",
            conditions: [])
        form.reward = rule
        let before = try #require(
            RewardMoney.price(form, level: "huyen", subject: "individual", day: "2024-05-20", salaries: salaries))
        let after = try #require(
            RewardMoney.price(form, level: "huyen", subject: "individual", day: "2024-12-20", salaries: salaries))
        #expect(before.amount == 540_000 && after.amount == 710_000 && after.verified)
        let commune = RewardMoney.price(form, level: "xa", subject: "individual", day: "2024-12-20", salaries: salaries)
        #expect(commune?.amount == 360_000 && commune?.coefficient.thousandths == 150)
        let collective = RewardMoney.price(
            form, level: "xa", subject: "collective", day: "2024-12-20", salaries: salaries)
        #expect(collective?.amount == 1_410_000 && collective?.verified == false)
        form.reward = nil
        #expect(
            RewardMoney.price(form, level: "xa", subject: "individual", day: "2024-12-20", salaries: salaries) == nil)
    }

    @Test("A malformed reward fails the rule file: four decimals, a negative coefficient, no legal basis, bad subject")
    func malformed() {
        for json in [
            #"{"coefficient": 0.1234, "legalBasis": "x", "verified": true}"#,
            #"{"coefficient": -1, "legalBasis": "x", "verified": true}"#,
            #"{"coefficient": 0.3, "legalBasis": " ", "verified": true}"#,
            #"{"coefficient": 0.3, "legalBasis": "x", "verified": true, "rounding": "down"}"#,
            #"{"coefficient": 0.3, "legalBasis": "x", "verified": true, "cases": [{"subject": "robot", "coefficient": 1, "legalBasis": "x", "verified": true}]}"#,
            #"{"coefficient": "0.3", "legalBasis": "x", "verified": true}"#,
        ] {
            #expect(throws: DecodingError.self, "\(json)") {
                try JSONDecoder().decode(RewardRule.self, from: Data(json.utf8))
            }
        }
    }

    @Test("The shipped rule files and base salaries decode; every reward names its basis")
    func shipped() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Rules")
        let sets = try RuleLibrary.load(directory: root)
        let nd98 = try #require(sets.first { $0.id == "rules-2024-nd98" })
        #expect(nd98.form("lao-dong-tien-tien")?.reward?.coefficient.thousandths == 300)
        #expect(nd98.form("lao-dong-tien-tien")?.reward?.rounding == .upTo10000)
        let nd152 = try #require(sets.first { $0.id == "rules-2025-nd152" })
        #expect(nd152.form("bang-khen-ubnd-tinh")?.reward?.coefficient.thousandths == 1500)
        for s in sets { for f in s.forms { if let r = f.reward { #expect(!r.legalBasis.isEmpty, "\(f.code)") } } }
        let table = try JSONDecoder().decode(
            BaseSalaryTable.self, from: Data(contentsOf: root.appendingPathComponent("base-salary.json")))
        #expect(table.inForce(on: "2024-07-01")?.amount == 2_340_000)
        #expect(table.inForce(on: "2023-07-01")?.amount == 1_800_000)
    }

    @Test("A fund's year: opening + income − spending = closing; a reversal nets a decision's spending")
    func fundYear() {
        let before = [
            FundLine(kind: .budget, amount: 10_000_000, day: "2024-01-10"),
            FundLine(kind: .decision, amount: -2_000_000, day: "2024-12-20", decisionID: 1),
        ]
        let within = [
            FundLine(kind: .budget, amount: 50_000_000, day: "2025-01-15"),
            FundLine(kind: .contribution, amount: 5_000_000, day: "2025-03-01"),
            FundLine(kind: .decision, amount: -1_170_000, day: "2025-05-20", decisionID: 2),
            FundLine(kind: .decision, amount: -710_000, day: "2025-06-01", decisionID: 3),
            FundLine(kind: .reversal, amount: 710_000, day: "2025-06-10", decisionID: 3),
        ]
        let y = FundYear.make(year: 2025, before: before, within: within)
        #expect(y.opening == 8_000_000 && y.income == 55_000_000 && y.spending == 1_170_000)
        #expect(y.closing == 61_830_000 && y.closing == y.opening + y.income - y.spending)
        #expect(y.spendingByDecision.map(\.0) == [2, 3] && y.spendingByDecision.map(\.1) == [1_170_000, 0])
        #expect(y.incomeByKind.map(\.0) == [.budget, .contribution])
    }
}
