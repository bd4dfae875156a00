import Domain
import Fluent
import Vapor

/// The demo's fund income (issue 14, item 2): the district's and the commune's yearly budget allocation and one
/// contribution, so the fund pays for the demo's decisions. Spending is written by the decisions themselves.
/// Call after `DemoCommendation.load`, in the same transaction.
enum DemoRewards {
    static func load(app: Application, on db: any Database) async throws {
        let system = Actor(userID: 0, username: "dữ liệu mẫu", role: .admin, unitID: nil, unitPath: nil)
        let income: [(unit: String, kind: FundEntryKind, amount: String, day: String, what: String, ref: String)] = [
            (
                "KR", .budget, "30.000.000", "2024-01-15", "Dự toán kinh phí thi đua, khen thưởng năm 2024",
                "Số 15/QĐ-UBND"
            ),
            (
                "KR", .budget, "35.000.000", "2025-01-15", "Dự toán kinh phí thi đua, khen thưởng năm 2025",
                "Số 12/QĐ-UBND"
            ),
            ("KR", .contribution, "5.000.000", "2025-03-01", "Ủng hộ của Công ty Cà phê Kon Rẫy", ""),
            ("KR-DAKRUONG", .budget, "8.000.000", "2025-07-15", "Dự toán kinh phí thi đua, khen thưởng xã 2025", ""),
        ]
        for i in income {
            guard let unit = try await UnitModel.query(on: db).filter(\.$code == i.unit).first(),
                let authority = try await AuthorityModel.query(on: db).filter(\.$unit.$id == unit.requireID()).first()
            else { continue }
            _ = try await RewardService.addIncome(
                try authority.requireID(),
                FundIncomeInput(
                    kind: i.kind.rawValue, amount: i.amount, date: i.day, description: i.what, reference: i.ref),
                actor: system, on: db)
        }
    }
}
