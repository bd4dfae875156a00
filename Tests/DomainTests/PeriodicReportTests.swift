import Testing

@testable import Domain

@Suite("Periodic reports: periods, titles, recipients, access")
struct PeriodicReportTests {
    @Test("Default periods and how a title names them")
    func periods() {
        let interim = PeriodicReportRules.defaultPeriod(.interim, year: 2025)
        #expect(interim.from == "2025-01-01" && interim.to == "2025-06-30")
        #expect(PeriodicReportRules.periodPhrase(from: interim.from, to: interim.to) == "6 tháng đầu năm 2025")
        let annual = PeriodicReportRules.defaultPeriod(.annual, year: 2024)
        #expect(PeriodicReportRules.periodPhrase(from: annual.from, to: annual.to) == "năm 2024")
        #expect(
            PeriodicReportRules.periodPhrase(from: "2025-03-01", to: "2025-08-31")
                == "từ ngày 01/03/2025 đến ngày 31/08/2025")
        #expect(
            PeriodicReportRules.defaultSummary(.annual, from: "2023-01-01", to: "2023-12-31")
                == "Tổng kết công tác xây dựng, nhân rộng điển hình tiên tiến năm 2023")
    }

    @Test("A reversed or too long period and a report day outside it are refused, each on its field")
    func problems() {
        #expect(
            PeriodicReportRules.problems(from: "2025-01-01", to: "2025-06-30", day: "2025-07-05", today: "2025-12-01")
                .isEmpty)
        #expect(
            PeriodicReportRules.problems(from: "2025-07-01", to: "2025-06-30", day: nil, today: "2025-12-01").map(\.0)
                == ["periodTo"])
        #expect(
            PeriodicReportRules.problems(from: "2015-01-01", to: "2025-06-30", day: nil, today: "2025-12-01").map(\.0)
                == ["periodTo"])
        #expect(
            PeriodicReportRules.problems(from: "2025-01-01", to: "2025-06-30", day: "2026-01-01", today: "2025-12-01")
                .map(\.0) == ["day"])
        #expect(
            PeriodicReportRules.problems(from: "2025-01-01", to: "2025-06-30", day: "2024-12-31", today: "2025-12-01")
                .map(\.0) == ["day"])
    }

    @Test("Nơi nhận: one a line, the list's punctuation trimmed, empty lines dropped")
    func recipients() {
        #expect(
            PeriodicReportRules.recipients("- Sở Nội vụ tỉnh Kon Tum (b/c);\n\n - Lưu: VT, NV.\n")
                == ["Sở Nội vụ tỉnh Kon Tum (b/c)", "Lưu: VT, NV"])
        let d = PeriodicReportRules.defaultRecipients(
            upper: "Sở Nội vụ tỉnh Kon Tum", issuer: "Hội đồng Thi đua - Khen thưởng huyện", standingUnit: "PNV")
        #expect(d.split(separator: "\n").count == 3 && d.hasSuffix("Lưu: VT, PNV"))
    }

    @Test("The standing office of the issuing council writes; its seats read; others see nothing")
    func access() {
        let scope = CouncilScope(authorityID: 1, standingUnitID: 2, isSeat: false)
        let office = Actor(
            userID: 1, username: "noivu", role: .standingOffice, unitID: 2, unitPath: UnitPath(ids: [1, 2]))
        let commune = Actor(userID: 2, username: "xa", role: .unitOfficer, unitID: 9, unitPath: UnitPath(ids: [1, 9]))
        let member = Actor(userID: 3, username: "hd", role: .councilMember, unitID: 5, unitPath: UnitPath(ids: [1, 5]))
        let editor = Actor(userID: 4, username: "bt", role: .editor, unitID: 6, unitPath: UnitPath(ids: [1, 6]))
        #expect(Policy.decide(office, .update, .periodicReport(scope)) == .allow)
        #expect(Policy.decide(commune, .read, .periodicReport(scope)) == .notFound)
        let seat = CouncilScope(authorityID: 1, standingUnitID: 2, isSeat: true)
        #expect(Policy.decide(member, .read, .periodicReport(seat)) == .allow)
        #expect(Policy.decide(member, .update, .periodicReport(seat)) == .forbidden(Policy.reportOnly))
        // A commune's own council: its office is the commune itself (seed §IV.1, "chế độ thông tin báo cáo").
        let own = CouncilScope(authorityID: 7, standingUnitID: 9, isSeat: false)
        #expect(Policy.decide(commune, .create, .periodicReport(own)) == .allow)
        #expect(Policy.decide(editor, .list, .periodicReport(nil)) == .notFound)
        #expect(Policy.decide(commune, .list, .periodicReport(nil)) == .allow)
    }
}
