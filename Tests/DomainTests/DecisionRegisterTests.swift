import Testing

@testable import Domain

@Suite("Register of decisions: numbers, checks, statuses")
struct DecisionRegisterTests {
    @Test("Numbers come from the authority's format and its sequence")
    func formatting() {
        #expect(DecisionRegister.format("{n}/QĐ-UBND", seq: 12, year: 2025) == "12/QĐ-UBND")
        #expect(DecisionRegister.format("{n}/BB-HĐTĐKT", seq: 1, year: 2025) == "1/BB-HĐTĐKT")
        #expect(DecisionRegister.format("{n}/{year}/QĐ-UBND", seq: 3, year: 2024) == "3/2024/QĐ-UBND")
        #expect(DecisionRegister.format("QĐ-UBND", seq: 4, year: 2025) == "4/QĐ-UBND")
        #expect(DecisionRegister.next(after: []) == 1)
        #expect(DecisionRegister.next(after: [1, 7, 3]) == 8)
    }

    @Test("A number typed by hand is written one way, and its place in the sequence is read back")
    func normalising() {
        #expect(DecisionRegister.normalise(" 120 / qđ-ubnd ") == "120/QĐ-UBND")
        #expect(DecisionRegister.normalise("007/QĐ - UBND") == "7/QĐ-UBND")
        #expect(DecisionRegister.normalise("QĐ-UBND") == nil)
        #expect(DecisionRegister.normalise("0/QĐ") == nil)
        #expect(DecisionRegister.sequence(of: "120/QĐ-UBND", format: "{n}/QĐ-UBND", year: 2025) == 120)
        #expect(DecisionRegister.sequence(of: "120/QĐ-CT", format: "{n}/QĐ-UBND", year: 2025) == nil)
        #expect(DecisionRegister.sequence(of: "5/2024/QĐ-UBND", format: "{n}/{year}/QĐ-UBND", year: 2024) == 5)
    }

    @Test("A duplicate number names the decision that holds it")
    func duplicates() {
        let used = [RegisteredNumber(id: 4, number: "12/QĐ-UBND", day: "2025-12-20", summary: "khen thưởng năm 2025")]
        let m = DecisionRegister.duplicate("12/QĐ-UBND", kind: .decision, among: used)
        #expect(m?.contains("12/QĐ-UBND") == true && m?.contains("20/12/2025") == true)
        #expect(m?.contains("khen thưởng năm 2025") == true)
        #expect(DecisionRegister.duplicate("13/QĐ-UBND", kind: .decision, among: used) == nil)
    }

    @Test("The decision date: not before the meeting, not after today, not before the achievement year")
    func dates() {
        let ok = DecisionRegister.dateProblems(
            day: "2025-12-20", meetingDay: "2025-12-15", today: "2026-01-10", achievementYear: 2025)
        #expect(ok.isEmpty)
        let early = DecisionRegister.dateProblems(
            day: "2025-12-14", meetingDay: "2025-12-15", today: "2026-01-10", achievementYear: 2025)
        #expect(early.count == 1 && early[0].contains("trước ngày họp Hội đồng (15/12/2025)"))
        let late = DecisionRegister.dateProblems(
            day: "2026-01-11", meetingDay: nil, today: "2026-01-10", achievementYear: 2025)
        #expect(late.count == 1 && late[0].contains("sau hôm nay"))
        let year = DecisionRegister.dateProblems(
            day: "2024-12-31", meetingDay: nil, today: "2026-01-10", achievementYear: 2025)
        #expect(year.count == 1 && year[0].contains("năm thành tích 2025"))
    }

    @Test("A decision is issued, then withdrawn or corrected, and stays so")
    func workflow() {
        #expect(DecisionStatus.allCases.map(\.rawValue) == ["issued", "withdrawn", "corrected"])
        #expect(DecisionWorkflow.allowed(from: .issued, to: .withdrawn))
        #expect(DecisionWorkflow.allowed(from: .issued, to: .corrected))
        #expect(!DecisionWorkflow.allowed(from: .withdrawn, to: .issued))
        #expect(!DecisionWorkflow.allowed(from: .corrected, to: .withdrawn))
        #expect(DecisionWorkflow.illegalMessage(from: .withdrawn, to: .corrected).contains("bước cuối"))
        #expect(AwardWorkflow.allowed(from: .valid, to: .withdrawn))
        #expect(!AwardWorkflow.allowed(from: .withdrawn, to: .valid), "a withdrawn award is not restored in place")
    }
}
