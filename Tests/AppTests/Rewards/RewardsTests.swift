import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Reward money and the fund: amounts by the base salary of the decision date, the yearly report, reversals")
struct RewardsHTTPTests {
    /// A reviewed 2024 LĐTT dossier of the district whose council met on `meeting` (moved back in time).
    static func reviewed(_ fx: MatrixFixture, meeting day: String) async throws -> Int {
        let d = try await fx.dossier(.own, .reviewed)
        let m = try #require(try await DossierModel.find(d.id, on: fx.app.db)?.meetingID)
        let meeting = try #require(try await CouncilMeetingModel.find(m, on: fx.app.db))
        meeting.meetingDate = day
        try await meeting.save(on: fx.app.db)
        // The fixture's single paper ballot does not carry the vote; the council passed the nominee (set directly:
        // this test is about the money, not the tally).
        for n in try await DossierNomineeModel.query(on: fx.app.db).filter(\.$dossier.$id == d.id).all() {
            n.votePassed = true
            try await n.save(on: fx.app.db)
        }
        return d.id
    }

    /// The sum of the valid awards' amounts of an authority's decisions dated in a year.
    static func awardsTotal(_ app: Application, authority: Int, year: Int) async throws -> Int64 {
        let ids = try await DecisionModel.query(on: app.db).filter(\.$authority.$id == authority)
            .filter(\.$year == year).filter(\.$kind == .decision).all().compactMap(\.id)
        return try await AwardModel.query(on: app.db).filter(\.$decisionID ~~ ids).filter(\.$status == .valid).all()
            .compactMap(\.rewardAmount).reduce(0, +)
    }

    static func report(_ api: APIClient, _ authority: Int, _ year: Int) async throws -> [String: Any] {
        let res = try await api.send(.GET, "/api/v1/authorities/\(authority)/fund/\(year)")
        #expect(res.status == .ok, "\(res.text.prefix(300))")
        return try res.jsonObject()
    }

    static func int(_ v: Any?) -> Int64 { (v as? NSNumber)?.int64Value ?? -1 }

    @Test(
        "Two LĐTT decisions of the district, 20/05/2024 and 20/12/2024: 0,3 × 1.800.000 = 540.000 đ and 0,3 × 2.340.000 rounded up = 710.000 đ; the fund's 2024 report balances and its spending equals the decisions' awards; withdrawing reverses, correcting moves the spending; the page, the API and the DOCX show the amounts"
    )
    func amountsFollowTheDecisionDate() async throws {
        try await withTestApp { app in
            let fx = try await MatrixFixture(app: app, role: .admin)
            let district = fx.district
            let api = try await APIClient.login(app, "noivu")
            let early = try await Self.reviewed(fx, meeting: "2024-05-10")
            let late = try await Self.reviewed(fx, meeting: "2024-12-15")
            var res = try await api.send(
                .POST, "/api/v1/decisions", json: ["dossierIDs": [early], "date": "2024-05-20"])
            #expect(res.status == .created, "\(res.text.prefix(400))")
            let q1 = try res.jsonObject()
            let a1 = try #require((q1["awards"] as? [[String: Any]])?.first)
            #expect(Self.int(a1["rewardAmount"]) == 540_000 && a1["rewardCoefficient"] as? String == "0.3")
            #expect(Self.int(a1["baseSalary"]) == 1_800_000 && Self.int(q1["rewardTotal"]) == 540_000)
            let q1ID = try #require((q1["decision"] as? [String: Any])?["id"] as? Int)
            res = try await api.send(.POST, "/api/v1/decisions", json: ["dossierIDs": [late], "date": "2024-12-20"])
            #expect(res.status == .created, "\(res.text.prefix(400))")
            let q2 = try res.jsonObject()
            let a2 = try #require((q2["awards"] as? [[String: Any]])?.first)
            #expect(Self.int(a2["rewardAmount"]) == 710_000 && Self.int(a2["baseSalary"]) == 2_340_000)
            // NĐ 73/2024's base salary is not yet confirmed from the text: the amount says so.
            #expect(a2["rewardVerified"] as? Bool == false)
            let q2ID = try #require((q2["decision"] as? [String: Any])?["id"] as? Int)

            // The decision page and its DOCX list show the amounts, in Vietnamese format.
            let office = Browser(app)
            try await office.login("noivu")
            let page = try await office.send(.GET, "/app/decisions/\(q2ID)")
            #expect(page.status == .ok && page.text.contains("710.000 đ") && page.text.contains("Tổng tiền thưởng"))
            #expect(page.text.contains("0,3 × 2.340.000 đ (cần xác minh)"))
            let docx = try await office.send(.GET, "/app/dossiers/\(late)/docx/quyet-dinh")
            #expect(docx.status == .ok)
            let text = try pythonDocxText(Data(docx.bytes))
            #expect(text.contains("Tiền thưởng (đồng)") && text.contains("710.000") && text.contains("Tổng cộng"))

            // Income, then the 2024 report balances against the decisions.
            res = try await api.send(
                .POST, "/api/v1/authorities/\(district)/fund",
                json: ["kind": "ngan-sach", "amount": 50_000_000, "date": "2024-01-15", "description": "Dự toán 2024"])
            #expect(res.status == .created, "\(res.text.prefix(300))")
            var r = try await Self.report(api, district, 2024)
            let expected = try await Self.awardsTotal(app, authority: district, year: 2024)
            #expect(expected >= 1_250_000)
            #expect(Self.int(r["spendingTotal"]) == expected)
            #expect(
                Self.int(r["opening"]) + Self.int(r["incomeTotal"]) - Self.int(r["spendingTotal"])
                    == Self.int(r["closing"]))
            #expect(Self.int(r["incomeTotal"]) >= 50_000_000)
            let spending = try #require(r["spending"] as? [[String: Any]])
            #expect(spending.contains { $0["decisionID"] as? Int == q1ID && Self.int($0["amount"]) == 540_000 })
            let ledger = try await api.send(.GET, "/api/v1/authorities/\(district)/fund").jsonObject()
            let balance = Self.int(ledger["balance"])

            // Withdrawing the December decision gives its 710.000 đ back, dated the withdrawal.
            res = try await api.send(
                .POST, "/api/v1/decisions/\(q2ID)/withdraw", json: ["reason": "Nhầm đối tượng.", "date": "2024-12-28"])
            #expect(res.status == .created, "\(res.text.prefix(300))")
            r = try await Self.report(api, district, 2024)
            #expect(Self.int(r["spendingTotal"]) == expected - 710_000)
            #expect(Self.int(r["spendingTotal"]) == (try await Self.awardsTotal(app, authority: district, year: 2024)))
            let after = try await api.send(.GET, "/api/v1/authorities/\(district)/fund").jsonObject()
            #expect(Self.int(after["balance"]) == balance + 710_000)
            let reversal = try await FundEntryModel.query(on: app.db).filter(\.$decisionID == q2ID)
                .filter(\.$kind == .reversal).first()
            #expect(reversal?.amount == 710_000 && reversal?.day == "2024-12-28")

            // Correcting the May decision moves its spending to the new number; the year's total stays.
            res = try await api.send(
                .POST, "/api/v1/decisions/\(q1ID)/correct", json: ["reason": "Sửa tên đơn vị.", "date": "2024-12-29"])
            #expect(res.status == .created, "\(res.text.prefix(300))")
            let q3ID = try #require((try res.jsonObject()["decision"] as? [String: Any])?["id"] as? Int)
            r = try await Self.report(api, district, 2024)
            #expect(Self.int(r["spendingTotal"]) == expected - 710_000)
            let lines = try #require(r["spending"] as? [[String: Any]])
            #expect(lines.contains { $0["decisionID"] as? Int == q1ID && Self.int($0["amount"]) == 0 })
            #expect(lines.contains { $0["decisionID"] as? Int == q3ID && Self.int($0["amount"]) == 540_000 })
            let final = try await api.send(.GET, "/api/v1/authorities/\(district)/fund").jsonObject()
            #expect(Self.int(final["balance"]) == balance + 710_000)

            // The yearly page and its XLSX.
            let year = try await office.send(.GET, "/app/authorities/\(district)/fund/2024")
            #expect(year.status == .ok && year.text.contains("Số dư cuối năm") && year.text.contains("540.000 đ"))
            let xlsx = try await office.send(.GET, "/app/authorities/\(district)/fund/2024/xlsx")
            #expect(xlsx.status == .ok && xlsx.headers.contentType?.subType.contains("spreadsheetml") == true)
        }
    }

    @Test("Bad income is refused with a Vietnamese message and the form kept as typed; the API answers 422")
    func badIncome() async throws {
        try await withTestApp { app in
            let district = try await keepDistrictInOffice(app)
            let office = Browser(app)
            try await office.login("noivu")
            // The authority's page links to its fund for its standing office only.
            let fundLink = "href=\"/app/authorities/\(district)/fund\""
            #expect(try await office.send(.GET, "/app/authorities/\(district)").text.contains(fundLink))
            let commune = Browser(app)
            try await commune.login("dakruong")
            let seen = try await commune.send(.GET, "/app/authorities/\(district)")
            #expect(seen.status == .ok && !seen.text.contains(fundLink))
            let budgetBefore = try await FundEntryModel.query(on: app.db).filter(\.$kind == .budget).count()
            _ = try await office.send(.GET, "/app/authorities/\(district)/fund")
            let page = try await office.post(
                "/app/authorities/\(district)/fund",
                [
                    ("kind", "ngan-sach"), ("amount", "năm triệu"), ("date", "32/13/2024"),
                    ("description", "Dự toán bổ sung"), ("reference", "Số 12/QĐ-UBND"),
                ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Số tiền ghi bằng số đồng, lớn hơn 0"))
            #expect(page.text.contains("Ngày ghi sổ phải có dạng dd/mm/yyyy."))
            #expect(page.text.contains("value=\"năm triệu\"") && page.text.contains("value=\"Dự toán bổ sung\""))
            #expect(try await FundEntryModel.query(on: app.db).filter(\.$kind == .budget).count() == budgetBefore)
            let ok = try await office.post(
                "/app/authorities/\(district)/fund",
                [("kind", "dong-gop"), ("amount", "5.000.000"), ("date", "15/01/2025"), ("description", "Ủng hộ")])
            #expect(ok.status == .seeOther)
            #expect(
                try await FundEntryModel.query(on: app.db).filter(\.$kind == .contribution).first()?.amount == 5_000_000
            )
            let api = try await APIClient.login(app, "noivu")
            let res = try await api.send(
                .POST, "/api/v1/authorities/\(district)/fund",
                json: ["kind": "chi-quyet-dinh", "amount": "100", "date": "2025-01-15", "description": "x"])
            #expect(res.status == .unprocessableEntity && res.text.contains("Vui lòng chọn nguồn thu"))
        }
    }
    @Test("The demo's fund income: the district's 2024 report shows the budget and pays 120/QĐ-UBND, and balances")
    func demoIncome() async throws {
        try await withTestApp { app in
            let district = try await keepDistrictInOffice(app)
            try await DemoRewards.load(app: app, on: app.db)
            let api = try await APIClient.login(app, "noivu")
            let r = try await Self.report(api, district, 2024)
            #expect(Self.int(r["incomeTotal"]) >= 30_000_000)
            let spending = try #require(r["spending"] as? [[String: Any]])
            #expect(spending.contains { ($0["citation"] as? String)?.contains("120/QĐ-UBND") == true })
            #expect(Self.int(r["spendingTotal"]) == (try await Self.awardsTotal(app, authority: district, year: 2024)))
            #expect(
                Self.int(r["opening"]) + Self.int(r["incomeTotal"]) - Self.int(r["spendingTotal"])
                    == Self.int(r["closing"]))
        }
    }
}
