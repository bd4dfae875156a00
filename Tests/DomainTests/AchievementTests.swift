import Foundation
import Testing

@testable import Domain

/// One achievement, one form (Luật Thi đua, khen thưởng 2022, art. 5(2)(c)); initiatives used once
/// (CV 5007/BNV-TĐKT); ad-hoc and thematic results not a basis for higher regular forms (NĐ 98/152 art. 4(3)).
@Suite("Achievements: one form each, initiatives used once, award kinds")
struct AchievementTests {
    private static let rulesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Resources/Rules")
    private static let sets: [RuleSet] = (try? RuleLibrary.load(directory: rulesDirectory)) ?? []

    private func regular(_ subject: Int, _ year: Int) -> Achievement {
        Achievement(subjectID: subject, year: year, formCode: "giay-khen", isTitle: false, awardKind: .regular)
    }

    @Test(
        "Luật 2022 art. 5(2)(c), 2024: a Giấy khen and a Bằng khen for 2024's work in one dossier — the second is refused"
    )
    func twoFormsOneDossier2024() {
        let gk = AchievementClaim(
            key: regular(7, 2024).key, formCode: "giay-khen", formName: "Giấy khen", year: 2024,
            source: .proposal(nomineeID: 1, dossierID: 10))
        let bk = Achievement(
            subjectID: 7, year: 2024, formCode: "bang-khen-ubnd-tinh", isTitle: false, awardKind: .regular)
        let found = OneAchievementOneForm.conflicts(bk, claims: [gk])
        #expect(found == [gk])
        let reason = OneAchievementOneForm.reason(formName: "Bằng khen", year: 2024, conflict: gk)
        #expect(reason.contains("không khen thưởng nhiều lần, nhiều hình thức cho một thành tích đạt được"))
        #expect(reason.contains("Điều 5 khoản 2 điểm c"))
        #expect(reason.contains("hồ sơ số 10"))
        #expect(reason.contains("rút đề nghị"), "the way to a higher form is a recorded withdrawal")
    }

    @Test(
        "Luật 2022 art. 5(2)(c), 2024: a Bằng khen proposed at the province after a district Giấy khen was decided — refused, naming the decision"
    )
    func twoFormsTwoDossiers2024() {
        let decided = AchievementClaim(
            key: regular(7, 2024).key, formCode: "giay-khen", formName: "Giấy khen", year: 2024,
            source: .award(id: 3, decisionNumber: "125/QĐ-UBND", level: "huyen"))
        let bk = Achievement(
            subjectID: 7, year: 2024, formCode: "bang-khen-ubnd-tinh", isTitle: false, awardKind: .regular)
        let found = OneAchievementOneForm.conflicts(bk, claims: [decided])
        #expect(found.count == 1)
        #expect(
            OneAchievementOneForm.reason(formName: "Bằng khen", year: 2024, conflict: decided).contains("125/QĐ-UBND"))
        // Another year's work, another person, or an ad-hoc achievement is another achievement.
        #expect(OneAchievementOneForm.conflicts(regular(7, 2025), claims: [decided]).isEmpty)
        #expect(OneAchievementOneForm.conflicts(regular(8, 2024), claims: [decided]).isEmpty)
        let adHoc = Achievement(subjectID: 7, year: 2024, formCode: "giay-khen", isTitle: false, awardKind: .adHoc)
        #expect(OneAchievementOneForm.conflicts(adHoc, claims: [decided]).isEmpty)
    }

    @Test("Luật 2022 art. 5(2)(c), 2024: titles are achievements of their own (LĐTT and CSTĐ cơ sở the same year)")
    func titlesAreSeparate2024() {
        let lao = Achievement(
            subjectID: 7, year: 2024, formCode: "lao-dong-tien-tien", isTitle: true, awardKind: .regular)
        let cstd = Achievement(subjectID: 7, year: 2024, formCode: "cstd-co-so", isTitle: true, awardKind: .regular)
        let claim = AchievementClaim(
            key: lao.key, formCode: "lao-dong-tien-tien", formName: "Lao động tiên tiến", year: 2024,
            source: .award(id: 1, decisionNumber: "1/QĐ", level: "xa"))
        #expect(OneAchievementOneForm.conflicts(cstd, claims: [claim]).isEmpty)
        #expect(OneAchievementOneForm.conflicts(lao, claims: [claim]).count == 1, "the same title twice is refused")
        #expect(OneAchievementOneForm.conflicts(regular(7, 2024), claims: [claim]).isEmpty)
    }

    @Test(
        "Luật 2022 art. 5(2)(c), 2025: the nominee being decided, and the lower one it was forwarded from, do not stop its own decision"
    )
    func ownProposalIgnored2025() {
        let a = regular(9, 2025)
        let lower = AchievementClaim(
            key: a.key, formCode: "giay-khen", formName: "Giấy khen", year: 2025,
            source: .proposal(nomineeID: 4, dossierID: 2))
        let upper = AchievementClaim(
            key: a.key, formCode: "giay-khen", formName: "Giấy khen", year: 2025,
            source: .proposal(nomineeID: 5, dossierID: 3))
        #expect(OneAchievementOneForm.conflicts(a, claims: [lower, upper], ignoring: [4, 5]).isEmpty)
        #expect(OneAchievementOneForm.conflicts(a, claims: [lower, upper], ignoring: [5]) == [lower])
    }

    @Test(
        "CV 5007/BNV-TĐKT, 2024: an initiative that supported CSTĐ cơ sở 2023 cannot support a Bằng khen — the refusal names the award"
    )
    func reusedInitiative2024() {
        let use = InitiativeUse(
            initiativeID: 11, initiativeTitle: "Số hóa hồ sơ văn hóa thôn", formName: "Chiến sĩ thi đua cơ sở",
            year: 2023, decisionNumber: "98/QĐ-UBND", dossierID: 4, nomineeID: 6)
        let found = InitiativeReuse.conflicts([11, 12], uses: [use])
        #expect(found == [use])
        let reason = InitiativeReuse.reason(use)
        #expect(reason.contains("Chiến sĩ thi đua cơ sở") && reason.contains("2023") && reason.contains("98/QĐ-UBND"))
        #expect(reason.contains("cần xác minh"), "the dispatch's text was not found: the user is told")
        #expect(InitiativeReuse.conflicts([12], uses: [use]).isEmpty)
        #expect(InitiativeReuse.conflicts([11], uses: [use], ignoring: [6]).isEmpty, "its own proposal decided")
        #expect(InitiativeReuse.unused([11, 12, 13], id: { $0 }, used: [11]) == [12, 13])
    }

    @Test(
        "NĐ 98/2023 art. 4(3), 2024: an ad-hoc (đột xuất) or thematic award does not count toward higher regular forms")
    func adHocNotCounted2024() throws {
        let r2024 = try #require(RuleLibrary.ruleSet(forDay: "2024-06-15", in: Self.sets))
        #expect(r2024.countsTowardHigher(.regular))
        #expect(!r2024.countsTowardHigher(.adHoc))
        #expect(!r2024.countsTowardHigher(.thematic))
        let r2025 = try #require(RuleLibrary.ruleSet(forDay: "2025-09-01", in: Self.sets))
        #expect(!r2025.countsTowardHigher(.adHoc), "NĐ 152/2025 keeps the rule")
        #expect(AwardKind(text: "Đột xuất") == .adHoc)
        #expect(AwardKind(text: "") == .regular)
        #expect(AwardKind(text: "bất thường") == nil)
    }
}
