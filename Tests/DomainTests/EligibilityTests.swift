import Foundation
import Testing

@testable import Domain

/// Rule files live at <package>/Resources/Rules; found from this file's path.
private enum Rules {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules")
    static let all: [RuleSet] = (try? RuleLibrary.load(directory: directory)) ?? []
    static func period(_ day: String) -> RuleSet { RuleLibrary.ruleSet(forDay: day, in: all)! }
    static var r2023: RuleSet { period("2023-06-15") }
    static var r2024: RuleSet { period("2024-06-15") }
    static var r2025: RuleSet { period("2025-09-01") }
}

private let lifestyle = ["LDTT-2": true]
private let clean: [String: Bool] = ["LDTT-2": true, "GK-2": true]

private func person(
    _ year: Int, _ rating: TaskRating?, titles: Set<String> = [], initiatives: [(scope: String, year: Int)] = [],
    research: [(scope: String, year: Int)] = [], discipline: String? = nil, pending: Bool = false,
    maternity: Bool = false, treatment: Bool = false, manual: [String: Bool] = lifestyle
) -> AnnualRecordFacts {
    AnnualRecordFacts(
        year: year, taskRating: rating, titles: titles, initiatives: initiatives, researchTopics: research,
        discipline: discipline, disciplinePending: pending, onMaternityLeave: maternity, treatmentLeave: treatment,
        manual: manual)
}

private func judge(
    _ form: String, _ history: [AnnualRecordFacts], collective: CollectiveFacts? = nil, year: Int, _ rules: RuleSet
) -> FormEligibility {
    EligibilityEngine.evaluate(
        form: rules.form(form)!, history: Dictionary(uniqueKeysWithValues: history.map { ($0.year, $0) }),
        collective: collective, year: year, ruleSet: rules)
}

private func outcome(_ e: FormEligibility, _ code: String) -> ConditionStatus? {
    e.conditions.first { $0.code == code }?.outcome
}

private let goodTeam = CollectiveFacts(
    memberCount: 10, membersCompleting: 10, membersWithTitle: ["lao-dong-tien-tien": 8, "cstd-co-so": 1],
    membersDisciplinedAtLeastWarning: 0, hasMemberWithTitle: ["cstd-co-so"])
private func team(
    _ year: Int, _ rating: TaskRating?,
    manual: [String: Bool] = ["TTLDXS-5": true, "BKTT-2": true, "tich-cuc-phong-trao": true],
    titles: Set<String> = []
) -> AnnualRecordFacts {
    AnnualRecordFacts(year: year, taskRating: rating, titles: titles, manual: manual)
}

private let allFamilyYes: [String: Bool] = ["GDVH-1": true, "GDVH-2": true, "GDVH-3": true]
private let allVillageYes: [String: Bool] = [
    "THVH-1": true, "THVH-2": true, "THVH-3": true, "THVH-4": true, "THVH-5": true,
]

// MARK: - Rule files

@Suite("Rule files")
struct RuleFileTests {
    @Test("Rule files: all three periods decode (Luật 2003/NĐ 91, Luật 2022/NĐ 98, Luật 2022/NĐ 152)")
    func decode() throws {
        let sets = try RuleLibrary.load(directory: Rules.directory)
        #expect(sets.map(\.id) == ["rules-2023-luat2003", "rules-2024-nd98", "rules-2025-nd152"])
        #expect(sets.allSatisfy { $0.jurisdiction == "VN" })
    }

    @Test("Rule files: periods do not overlap and cover 2023-01-01 onward")
    func periods() throws {
        let sets = Rules.all
        #expect(sets.first?.effectiveFrom == "2023-01-01")
        #expect(sets.last?.effectiveTo == nil)
        for (a, b) in zip(sets, sets.dropFirst()) {
            let to = try #require(a.effectiveTo)
            #expect(to < b.effectiveFrom)
            // The next period starts the day after this one ends.
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd"
            f.timeZone = TimeZone(identifier: "UTC")
            let next = f.string(from: f.date(from: to)!.addingTimeInterval(86_400))
            #expect(next == b.effectiveFrom)
        }
        for day in ["2023-01-01", "2023-12-31", "2024-01-01", "2025-06-30", "2025-07-01", "2030-01-01"] {
            #expect(sets.filter { $0.covers(day: day) }.count == 1, "\(day)")
        }
    }

    @Test("Rule files: every condition has an article, text and a unique code; every form has the required set")
    func articles() {
        let required = [
            "lao-dong-tien-tien", "cstd-co-so", "cstd-cap-tinh", "tap-the-lao-dong-tien-tien",
            "tap-the-lao-dong-xuat-sac",
            "giay-khen", "bang-khen-ubnd-tinh", "gia-dinh-van-hoa", "thon-to-dan-pho-van-hoa",
        ]
        for set in Rules.all {
            for code in required { #expect(set.form(code) != nil, "\(set.id) lacks \(code)") }
            for form in set.forms {
                #expect(!form.conditions.isEmpty)
                #expect(Set(form.conditions.map(\.code)).count == form.conditions.count)
                for c in form.conditions {
                    #expect(!c.article.trimmingCharacters(in: .whitespaces).isEmpty, "\(set.id) \(c.code)")
                    #expect(!c.text.isEmpty)
                }
            }
        }
    }

    @Test("Rule files: RuleSet round-trips through JSON (the check vocabulary encodes what it decodes)")
    func roundTrip() throws {
        for set in Rules.all {
            let data = try JSONEncoder().encode(set)
            #expect(try JSONDecoder().decode(RuleSet.self, from: data) == set)
        }
    }

    @Test(
        "NĐ 98 (2024) vs NĐ 152 + NĐ 129/2025 art. 59: base titles conferred by the district chairman, then by the commune chairman"
    )
    func authority() {
        let d = Rules.r2024.form("lao-dong-tien-tien")!.conferredBy
        let x = Rules.r2025.form("lao-dong-tien-tien")!.conferredBy
        #expect(d.contains("cấp huyện"))
        #expect(!d.contains("cấp xã"))
        #expect(x.contains("cấp xã"))
        #expect(!x.contains("cấp huyện"))
        #expect(Rules.r2025.form("thon-to-dan-pho-van-hoa")!.conferredBy.contains("cấp xã"))
    }

    @Test(
        "RuleLibrary: dates pick the period by the Vietnamese calendar day (2023-12-31 17:30 UTC is 2024-01-01 in Hà Nội)"
    )
    func dateSelection() {
        let f = ISO8601DateFormatter()
        #expect(
            RuleLibrary.ruleSet(for: f.date(from: "2023-12-31T16:30:00Z")!, in: Rules.all)?.id == "rules-2023-luat2003")
        #expect(RuleLibrary.ruleSet(for: f.date(from: "2023-12-31T17:30:00Z")!, in: Rules.all)?.id == "rules-2024-nd98")
        #expect(RuleLibrary.ruleSet(for: f.date(from: "2025-06-30T12:00:00Z")!, in: Rules.all)?.id == "rules-2024-nd98")
        #expect(
            RuleLibrary.ruleSet(for: f.date(from: "2025-07-01T00:00:00Z")!, in: Rules.all)?.id == "rules-2025-nd152")
        #expect(RuleLibrary.ruleSet(forDay: "2022-12-31", in: Rules.all) == nil)
    }

    @Test("Vote thresholds: NĐ 98 art. 30(7) ≥80% for CSTĐ cơ sở, ≥90% for CSTĐ cấp tỉnh; 2023 none encoded")
    func votes() {
        #expect(Rules.r2024.form("cstd-co-so")?.voteThreshold == 80)
        #expect(Rules.r2025.form("cstd-cap-tinh")?.voteThreshold == 90)
        #expect(Rules.r2023.form("cstd-co-so")?.voteThreshold == nil)
    }

    @Test(
        "Verification flags: TTLĐTT 2024+ conditions [I] are unverified; TTLĐTT >50% (2023) and CSTĐ cơ sở art. 23 are verified"
    )
    func verifiedFlags() {
        #expect(Rules.r2024.form("tap-the-lao-dong-tien-tien")!.conditions.allSatisfy { !$0.verified })
        #expect(Rules.r2023.form("tap-the-lao-dong-tien-tien")!.conditions.first { $0.code == "TTLDTT-2" }!.verified)
        #expect(Rules.r2024.form("cstd-co-so")!.conditions.first { $0.code == "CSTDCS-2" }!.verified)
        let e = judge("tap-the-lao-dong-tien-tien", [team(2024, .good)], collective: goodTeam, year: 2024, Rules.r2024)
        #expect(e.conditions.allSatisfy { $0.verificationNote == "cần xác minh" })
    }
}

// MARK: - Lao động tiên tiến

@Suite("Lao động tiên tiến")
struct LaoDongTienTienTests {
    @Test("Luật 2022 art. 24, NĐ 98 (2024): LĐTT met with HTTNV")
    func met2024() {
        let e = judge("lao-dong-tien-tien", [person(2024, .good)], year: 2024, Rules.r2024)
        #expect(e.eligible == true)
        #expect(e.conferredBy.contains("cấp huyện"))
    }

    @Test("Luật 2022 art. 24, NĐ 152 (2025): LĐTT met with HTXSNV, conferred by the commune chairman")
    func met2025() {
        let e = judge("lao-dong-tien-tien", [person(2025, .excellent)], year: 2025, Rules.r2025)
        #expect(e.eligible == true)
        #expect(e.conferredBy.contains("cấp xã"))
    }

    @Test("Luật 2003 art. 24 (2023): LĐTT met with HTTNV (unverified conditions)")
    func met2023() {
        let e = judge("lao-dong-tien-tien", [person(2023, .good)], year: 2023, Rules.r2023)
        #expect(e.eligible == true)
        #expect(e.conditions.contains { !$0.verified })
    }

    @Test("Luật 2022 art. 24(1)(a), NĐ 98 (2024): LĐTT unmet with only HTNV")
    func ratingFails() {
        let e = judge("lao-dong-tien-tien", [person(2024, .completed)], year: 2024, Rules.r2024)
        #expect(e.eligible == false)
        #expect(outcome(e, "LDTT-1") == .unmet)
        #expect(e.conditions.first { $0.code == "LDTT-1" }!.reason.contains("hoàn thành nhiệm vụ"))
    }

    @Test("Luật 2022 art. 24(1)(b), NĐ 152 (2025): LĐTT unmet when the council says no to the spirit criterion")
    func spiritFails() {
        let e = judge("lao-dong-tien-tien", [person(2025, .good, manual: ["LDTT-2": false])], year: 2025, Rules.r2025)
        #expect(e.eligible == false)
        #expect(outcome(e, "LDTT-2") == .unmet)
    }

    @Test("Luật 2022 art. 24, NĐ 98 (2024): LĐTT undecided when the rating or the human judgement is missing")
    func missing() {
        let noRating = judge("lao-dong-tien-tien", [person(2024, nil)], year: 2024, Rules.r2024)
        #expect(noRating.eligible == nil)
        #expect(outcome(noRating, "LDTT-1") == .missing)
        let noManual = judge("lao-dong-tien-tien", [person(2024, .good, manual: [:])], year: 2024, Rules.r2024)
        #expect(noManual.eligible == nil)
        #expect(outcome(noManual, "LDTT-2") == .missing)
        let noYear = judge("lao-dong-tien-tien", [], year: 2024, Rules.r2024)
        #expect(noYear.eligible == nil)
    }

    @Test("NĐ 98 art. 4 (2024): maternity leave keeps the time but needs a rating — LĐTT undecided without one")
    func maternity() {
        let e = judge("lao-dong-tien-tien", [person(2024, nil, maternity: true)], year: 2024, Rules.r2024)
        #expect(e.eligible == nil)
        #expect(e.conditions.first { $0.code == "LDTT-1" }!.reason.contains("thai sản"))
        #expect(
            judge("lao-dong-tien-tien", [person(2024, .good, maternity: true)], year: 2024, Rules.r2024).eligible
                == true)
    }

    @Test("NĐ 152 art. 4 (2025): maternity leave with a low rating — the leave does not stand in for the rating")
    func maternity2025() {
        let e = judge("lao-dong-tien-tien", [person(2025, .completed, maternity: true)], year: 2025, Rules.r2025)
        #expect(e.eligible == false)
        let r = e.conditions.first { $0.code == "LDTT-1" }!
        #expect(r.outcome == .unmet)
        #expect(r.reason.contains("không thay cho xếp loại nhiệm vụ"))
        #expect(r.reason.contains("cần xác minh"))
    }

    @Test("TT 01/2024, NĐ 98 (2024): treatment after injury on duty counts toward LĐTT; not encoded for 2023")
    func treatment() {
        #expect(
            judge("lao-dong-tien-tien", [person(2024, .good, treatment: true)], year: 2024, Rules.r2024).eligible
                == true)
        #expect(
            judge("lao-dong-tien-tien", [person(2024, nil, treatment: true)], year: 2024, Rules.r2024).eligible == nil)
        #expect(
            judge("lao-dong-tien-tien", [person(2023, nil, treatment: true)], year: 2023, Rules.r2023).eligible == nil)
    }

    @Test("NĐ 98 art. 4 (2024): discipline in the year blocks LĐTT")
    func discipline() {
        let e = judge(
            "lao-dong-tien-tien", [person(2024, .excellent, discipline: "khien-trach")], year: 2024, Rules.r2024)
        #expect(e.eligible == false)
        #expect(outcome(e, "LDTT-KL") == .unmet)
        #expect(e.conditions.first { $0.code == "LDTT-KL" }!.reason.contains("khiển trách"))
    }

    @Test("NĐ 152 art. 4 (2025): pending discipline blocks LĐTT, even on maternity leave")
    func pending() {
        let e = judge(
            "lao-dong-tien-tien", [person(2025, .excellent, pending: true, maternity: true)], year: 2025, Rules.r2025)
        #expect(e.eligible == false)
        #expect(outcome(e, "LDTT-KLCX") == .unmet)
    }

    @Test("Luật 2003 art. 24 (2023): discipline blocks LĐTT")
    func discipline2023() {
        #expect(
            judge("lao-dong-tien-tien", [person(2023, .good, discipline: "canh-cao")], year: 2023, Rules.r2023).eligible
                == false)
    }
}

// MARK: - Chiến sĩ thi đua cơ sở

@Suite("Chiến sĩ thi đua cơ sở")
struct CSTDCoSoTests {
    @Test(
        "Luật 2003 art. 23 (2023) vs Luật 2022 art. 23, NĐ 98 (2024): HTXSNV without initiative — not eligible 2023, eligible 2024"
    )
    func periodChange() {
        let r23 = judge(
            "cstd-co-so", [person(2023, .excellent, manual: ["LDTT-2": true, "CSTDCS-3": true])], year: 2023,
            Rules.r2023)
        #expect(r23.eligible == false)
        #expect(outcome(r23, "CSTDCS-2") == .unmet)
        let r24 = judge("cstd-co-so", [person(2024, .excellent)], year: 2024, Rules.r2024)
        #expect(r24.eligible == true)
    }

    @Test(
        "Luật 2003 art. 23, NĐ 91/2017 (2023): CSTĐ cơ sở met with LĐTT, a base-level initiative and room in the 15% quota"
    )
    func met2023() {
        let e = judge(
            "cstd-co-so",
            [person(2023, .good, initiatives: [("co-so", 2023)], manual: ["LDTT-2": true, "CSTDCS-3": true])],
            year: 2023, Rules.r2023)
        #expect(e.eligible == true)
    }

    @Test("NĐ 91/2017 (2023): CSTĐ cơ sở unmet when the unit's 15% quota is used up")
    func quota2023() {
        let e = judge(
            "cstd-co-so",
            [person(2023, .good, initiatives: [("co-so", 2023)], manual: ["LDTT-2": true, "CSTDCS-3": false])],
            year: 2023, Rules.r2023)
        #expect(e.eligible == false)
        #expect(outcome(e, "CSTDCS-3") == .unmet)
    }

    @Test("Luật 2022 art. 23, NĐ 98 (2024): CSTĐ cơ sở met with HTTNV and a base-level initiative")
    func metInitiative() {
        #expect(
            judge("cstd-co-so", [person(2024, .good, initiatives: [("co-so", 2024)])], year: 2024, Rules.r2024).eligible
                == true)
    }

    @Test("Luật 2022 art. 23, NĐ 152 (2025): CSTĐ cơ sở met with HTTNV and an accepted research topic")
    func metResearch() {
        let e = judge("cstd-co-so", [person(2025, .good, research: [("co-so", 2025)])], year: 2025, Rules.r2025)
        #expect(e.eligible == true)
        #expect(e.voteThreshold == 80)
    }

    @Test("Luật 2022 art. 23, NĐ 152 (2025): CSTĐ cơ sở unmet with HTTNV and no initiative or research")
    func noExtra() {
        let e = judge("cstd-co-so", [person(2025, .good)], year: 2025, Rules.r2025)
        #expect(e.eligible == false)
        #expect(outcome(e, "CSTDCS-2") == .unmet)
    }

    @Test("Luật 2022 art. 23(1), NĐ 98 (2024): CSTĐ cơ sở unmet when the LĐTT standard is not met")
    func noLDTT() {
        let e = judge("cstd-co-so", [person(2024, .completed, initiatives: [("co-so", 2024)])], year: 2024, Rules.r2024)
        #expect(e.eligible == false)
        #expect(outcome(e, "CSTDCS-1") == .unmet)
    }

    @Test("Luật 2022 art. 23, NĐ 98 (2024): an initiative from an earlier year does not serve again")
    func oldInitiative() {
        let e = judge(
            "cstd-co-so", [person(2023, .good, initiatives: [("co-so", 2023)]), person(2024, .good)], year: 2024,
            Rules.r2024)
        #expect(e.eligible == false)
    }

    @Test("Luật 2022 art. 23, NĐ 98 art. 4 (2024): CSTĐ cơ sở on maternity leave with an initiative and a rating")
    func maternity() {
        #expect(
            judge(
                "cstd-co-so", [person(2024, .good, initiatives: [("co-so", 2024)], maternity: true)], year: 2024,
                Rules.r2024
            ).eligible == true)
        #expect(
            judge(
                "cstd-co-so", [person(2024, nil, initiatives: [("co-so", 2024)], maternity: true)], year: 2024,
                Rules.r2024
            ).eligible == nil)
    }

    @Test("Luật 2022 art. 23, NĐ 98 (2024): CSTĐ cơ sở undecided when the rating is missing and there is no initiative")
    func missing() {
        #expect(judge("cstd-co-so", [person(2024, nil)], year: 2024, Rules.r2024).eligible == nil)
    }

    @Test("NĐ 152 art. 4 (2025): discipline blocks CSTĐ cơ sở")
    func discipline() {
        #expect(
            judge("cstd-co-so", [person(2025, .excellent, discipline: "khien-trach")], year: 2025, Rules.r2025).eligible
                == false)
    }
}

// MARK: - Chiến sĩ thi đua cấp tỉnh

@Suite("Chiến sĩ thi đua cấp tỉnh")
struct CSTDTinhTests {
    static func threeYears(_ last: Int, initiative: String = "tinh") -> [AnnualRecordFacts] {
        [
            person(last - 2, .excellent, titles: ["cstd-co-so"]), person(last - 1, .excellent, titles: ["cstd-co-so"]),
            person(last, .excellent, titles: ["cstd-co-so"], initiatives: [(initiative, last)]),
        ]
    }

    @Test(
        "Luật 2022 art. 22, NĐ 98 (2024): CSTĐ cấp tỉnh met with 3 consecutive CSTĐ cơ sở and a provincial initiative; vote ≥90%"
    )
    func met2024() {
        let e = judge("cstd-cap-tinh", Self.threeYears(2024), year: 2024, Rules.r2024)
        #expect(e.eligible == true)
        #expect(e.voteThreshold == 90)
    }

    @Test("Luật 2022 art. 22, NĐ 152 (2025): CSTĐ cấp tỉnh met with a provincial research topic")
    func met2025Research() {
        var h = Self.threeYears(2025, initiative: "co-so")
        h[2].researchTopics = [.init(scope: "tinh", year: 2024)]
        #expect(judge("cstd-cap-tinh", h, year: 2025, Rules.r2025).eligible == true)
    }

    @Test("Luật 2003 art. 22 (2023): CSTĐ cấp tỉnh met (unverified)")
    func met2023() {
        let e = judge("cstd-cap-tinh", Self.threeYears(2023), year: 2023, Rules.r2023)
        #expect(e.eligible == true)
        #expect(e.conditions.contains { !$0.verified })
    }

    @Test("Luật 2022 art. 22, NĐ 98 (2024): CSTĐ cấp tỉnh unmet when the middle year lacks CSTĐ cơ sở")
    func brokenStreak() {
        var h = Self.threeYears(2024)
        h[1].titles = []
        let e = judge("cstd-cap-tinh", h, year: 2024, Rules.r2024)
        #expect(e.eligible == false)
        #expect(outcome(e, "CSTDT-1") == .unmet)
    }

    @Test("Luật 2022 art. 22, NĐ 152 (2025): CSTĐ cấp tỉnh unmet with only a base-level initiative")
    func baseInitiative() {
        let e = judge("cstd-cap-tinh", Self.threeYears(2025, initiative: "co-so"), year: 2025, Rules.r2025)
        #expect(e.eligible == false)
        #expect(outcome(e, "CSTDT-2") == .unmet)
    }

    @Test("Luật 2022 art. 22, NĐ 98 (2024): CSTĐ cấp tỉnh undecided when an earlier year has no record")
    func missingYear() {
        let e = judge("cstd-cap-tinh", Array(Self.threeYears(2024).dropFirst()), year: 2024, Rules.r2024)
        #expect(e.eligible == nil)
        #expect(outcome(e, "CSTDT-1") == .missing)
    }
}

// MARK: - Giấy khen, Bằng khen

@Suite("Giấy khen và Bằng khen")
struct AwardTests {
    @Test(
        "Luật 2022 art. 75, NĐ 98 (2024): Giấy khen met with HTTNV and a distinguished achievement (example, unverified)"
    )
    func giayKhenMet() {
        let e = judge("giay-khen", [person(2024, .good, manual: clean)], year: 2024, Rules.r2024)
        #expect(e.eligible == true)
        #expect(e.conditions.allSatisfy { !$0.verified })
    }

    @Test(
        "Luật 2022 art. 75, NĐ 152 (2025): Giấy khen unmet without a distinguished achievement; undecided when not assessed"
    )
    func giayKhenFails() {
        #expect(
            judge("giay-khen", [person(2025, .good, manual: ["GK-2": false])], year: 2025, Rules.r2025).eligible
                == false)
        #expect(judge("giay-khen", [person(2025, .good, manual: [:])], year: 2025, Rules.r2025).eligible == nil)
    }

    @Test("Luật 2003 art. 75 (2023): Giấy khen unmet with HTNV")
    func giayKhen2023() {
        #expect(
            judge("giay-khen", [person(2023, .completed, manual: clean)], year: 2023, Rules.r2023).eligible == false)
    }

    @Test("Luật 2022 art. 74(1)(d), NĐ 98 (2024): Bằng khen tỉnh met with 2 consecutive CSTĐ cơ sở")
    func bangKhenTwoCSTD() {
        let h = [person(2023, .excellent, titles: ["cstd-co-so"]), person(2024, .excellent, titles: ["cstd-co-so"])]
        let e = judge("bang-khen-ubnd-tinh", h, year: 2024, Rules.r2024)
        #expect(e.eligible == true)
        #expect(e.conferredBy == "Chủ tịch UBND tỉnh")
    }

    @Test("Luật 2022 art. 74(1)(d), NĐ 152 (2025): Bằng khen tỉnh met with 2 years HTXSNV and 2 base-level initiatives")
    func bangKhenInitiatives() {
        let h = [
            person(2024, .excellent, initiatives: [("co-so", 2024)]),
            person(2025, .excellent, initiatives: [("co-so", 2025)]),
        ]
        #expect(judge("bang-khen-ubnd-tinh", h, year: 2025, Rules.r2025).eligible == true)
    }

    @Test(
        "Luật 2022 art. 74(1)(d), NĐ 152 (2025): Bằng khen tỉnh unmet with 2 years HTXSNV but only 1 initiative, no listed achievement"
    )
    func bangKhenOneInitiative() {
        let m = ["BKT-a": false, "BKT-b": false, "BKT-c": false]
        let h = [
            person(2024, .excellent, manual: m), person(2025, .excellent, initiatives: [("co-so", 2025)], manual: m),
        ]
        let e = judge("bang-khen-ubnd-tinh", h, year: 2025, Rules.r2025)
        #expect(e.eligible == false)
        #expect(outcome(e, "BKT-1") == .unmet)
    }

    @Test(
        "Luật 2022 art. 74(1)(a), NĐ 98 (2024): Bằng khen tỉnh undecided when the achievement questions are unanswered")
    func bangKhenMissing() {
        let e = judge("bang-khen-ubnd-tinh", [person(2024, .good)], year: 2024, Rules.r2024)
        #expect(e.eligible == nil)
        #expect(outcome(e, "BKT-1") == .missing)
    }

    @Test("Luật 2022 art. 74(1)(d), NĐ 98 art. 4 (2024): a maternity-leave year keeps the 2-year HTXSNV streak")
    func bangKhenMaternity() {
        let h = [
            person(2023, .excellent, initiatives: [("co-so", 2023)], maternity: true),
            person(2024, .excellent, initiatives: [("co-so", 2024)]),
        ]
        #expect(judge("bang-khen-ubnd-tinh", h, year: 2024, Rules.r2024).eligible == true)
    }

    @Test("NĐ 98 art. 4 (2024): discipline blocks Bằng khen tỉnh")
    func bangKhenDiscipline() {
        let h = [
            person(2023, .excellent, titles: ["cstd-co-so"]),
            person(2024, .excellent, titles: ["cstd-co-so"], discipline: "canh-cao"),
        ]
        #expect(judge("bang-khen-ubnd-tinh", h, year: 2024, Rules.r2024).eligible == false)
    }

    @Test("NĐ 91/2017 art. 39 (2023): Bằng khen tỉnh met with 2 years HTXSNV and 2 initiatives (unverified)")
    func bangKhen2023() {
        let h = [
            person(2022, .excellent, initiatives: [("co-so", 2022)]),
            person(2023, .excellent, initiatives: [("co-so", 2023)]),
        ]
        let e = judge("bang-khen-ubnd-tinh", h, year: 2023, Rules.r2023)
        #expect(e.eligible == true)
        #expect(e.conditions.first { $0.code == "BKT-1" }?.verified == false)
    }

    @Test("Luật 2022 art. 74(2), NĐ 152 (2025): collective Bằng khen tỉnh met with 2 years TTLĐXS (unverified)")
    func bangKhenTapThe() {
        let h = [
            team(2024, .good, titles: ["tap-the-lao-dong-xuat-sac"]),
            team(2025, .good, titles: ["tap-the-lao-dong-xuat-sac"]),
        ]
        let e = judge("bang-khen-ubnd-tinh-tap-the", h, collective: goodTeam, year: 2025, Rules.r2025)
        #expect(e.eligible == true)
        #expect(
            judge("bang-khen-ubnd-tinh-tap-the", [team(2024, .good), team(2025, .excellent)], year: 2025, Rules.r2025)
                .eligible == false)
    }

    @Test("Luật 2022 art. 5(2)(c): one achievement is never rewarded twice")
    func alreadyRewarded() {
        let awards: [(formCode: String, year: Int)] = [("giay-khen", 2024)]
        #expect(EligibilityEngine.alreadyRewarded(formCode: "giay-khen", year: 2024, awards: awards))
        #expect(!EligibilityEngine.alreadyRewarded(formCode: "giay-khen", year: 2025, awards: awards))
        #expect(
            EligibilityEngine.alreadyRewardedReason(formCode: "giay-khen", year: 2024, awards: awards)?.contains(
                "hai lần") == true)
        #expect(EligibilityEngine.alreadyRewardedReason(formCode: "giay-khen", year: 2025, awards: awards) == nil)
    }
}

// MARK: - Collectives

@Suite("Tập thể")
struct CollectiveTests {
    static let sixty = CollectiveFacts(
        memberCount: 10, membersCompleting: 10, membersWithTitle: ["lao-dong-tien-tien": 6])

    @Test(
        "Luật 2003 art. 28 (2023) vs Luật 2022 art. 28, NĐ 98 (2024): TTLĐTT with 60% LĐTT — eligible 2023 (>50%), not 2024 (≥70%, unverified)"
    )
    func periodChange() {
        #expect(
            judge("tap-the-lao-dong-tien-tien", [team(2023, .good)], collective: Self.sixty, year: 2023, Rules.r2023)
                .eligible == true)
        let e = judge(
            "tap-the-lao-dong-tien-tien", [team(2024, .good)], collective: Self.sixty, year: 2024, Rules.r2024)
        #expect(e.eligible == false)
        #expect(outcome(e, "TTLDTT-2") == .unmet)
        #expect(e.conditions.first { $0.code == "TTLDTT-2" }?.verified == false)
    }

    @Test("Luật 2003 art. 28 (2023): TTLĐTT with exactly 50% LĐTT is not “trên 50%”")
    func exactlyHalf() {
        let half = CollectiveFacts(memberCount: 10, membersCompleting: 10, membersWithTitle: ["lao-dong-tien-tien": 5])
        #expect(
            judge("tap-the-lao-dong-tien-tien", [team(2023, .good)], collective: half, year: 2023, Rules.r2023).eligible
                == false)
    }

    @Test("Luật 2022 art. 28, NĐ 152 (2025): TTLĐTT met with exactly 70% LĐTT (≥70%)")
    func met2025() {
        let seventy = CollectiveFacts(
            memberCount: 10, membersCompleting: 10, membersWithTitle: ["lao-dong-tien-tien": 7])
        let e = judge("tap-the-lao-dong-tien-tien", [team(2025, .good)], collective: seventy, year: 2025, Rules.r2025)
        #expect(e.eligible == true)
        #expect(e.conferredBy.contains("cấp xã"))
    }

    @Test("Luật 2022 art. 28, NĐ 98 (2024): TTLĐTT unmet when a member was disciplined at cảnh cáo")
    func disciplinedMember() {
        var c = goodTeam
        c.membersDisciplinedAtLeastWarning = 1
        let e = judge("tap-the-lao-dong-tien-tien", [team(2024, .good)], collective: c, year: 2024, Rules.r2024)
        #expect(e.eligible == false)
        #expect(outcome(e, "TTLDTT-3") == .unmet)
    }

    @Test("Luật 2022 art. 28, NĐ 98 (2024): TTLĐTT undecided without member data; unmet with HTNV")
    func missingAndRating() {
        #expect(judge("tap-the-lao-dong-tien-tien", [team(2024, .good)], year: 2024, Rules.r2024).eligible == nil)
        #expect(
            judge("tap-the-lao-dong-tien-tien", [team(2024, .completed)], collective: goodTeam, year: 2024, Rules.r2024)
                .eligible == false)
    }

    @Test("Luật 2022 art. 27, NĐ 98 (2024): TTLĐXS met (HTXSNV, 100% complete, 80% LĐTT, one CSTĐ cơ sở, unity)")
    func ttldxsMet() {
        #expect(
            judge("tap-the-lao-dong-xuat-sac", [team(2024, .excellent)], collective: goodTeam, year: 2024, Rules.r2024)
                .eligible == true)
    }

    @Test("Luật 2022 art. 27, NĐ 152 (2025): TTLĐXS unmet when one member did not complete duties")
    func ttldxsIncomplete() {
        var c = goodTeam
        c.membersCompleting = 9
        let e = judge("tap-the-lao-dong-xuat-sac", [team(2025, .excellent)], collective: c, year: 2025, Rules.r2025)
        #expect(e.eligible == false)
        #expect(outcome(e, "TTLDXS-2") == .unmet)
    }

    @Test("Luật 2022 art. 27, NĐ 152 (2025): TTLĐXS unmet without a CSTĐ cơ sở member, and with HTTNV only")
    func ttldxsNoCSTD() {
        let c = CollectiveFacts(memberCount: 10, membersCompleting: 10, membersWithTitle: ["lao-dong-tien-tien": 8])
        let e = judge("tap-the-lao-dong-xuat-sac", [team(2025, .excellent)], collective: c, year: 2025, Rules.r2025)
        #expect(outcome(e, "TTLDXS-4") == .unmet)
        #expect(
            judge("tap-the-lao-dong-xuat-sac", [team(2025, .good)], collective: goodTeam, year: 2025, Rules.r2025)
                .eligible == false)
    }

    @Test("Luật 2022 art. 27, NĐ 98 (2024): TTLĐXS unmet with 60% LĐTT")
    func ttldxsShare() {
        var c = goodTeam
        c.membersWithTitle["lao-dong-tien-tien"] = 6
        #expect(
            outcome(
                judge("tap-the-lao-dong-xuat-sac", [team(2024, .excellent)], collective: c, year: 2024, Rules.r2024),
                "TTLDXS-3") == .unmet)
    }

    @Test("Luật 2003 art. 27 (2023): TTLĐXS unmet when a member was disciplined at cảnh cáo (unverified)")
    func ttldxs2023() {
        #expect(
            judge("tap-the-lao-dong-xuat-sac", [team(2023, .excellent)], collective: goodTeam, year: 2023, Rules.r2023)
                .eligible == true)
        var c = goodTeam
        c.membersDisciplinedAtLeastWarning = 2
        #expect(
            judge("tap-the-lao-dong-xuat-sac", [team(2023, .excellent)], collective: c, year: 2023, Rules.r2023)
                .eligible == false)
    }
}

// MARK: - Household and village

@Suite("Gia đình và thôn văn hóa")
struct CultureTests {
    static func family(_ year: Int, manual: [String: Bool] = allFamilyYes, exclusions: [String]? = [])
        -> AnnualRecordFacts
    {
        AnnualRecordFacts(year: year, familyExclusions: exclusions, manual: manual)
    }

    @Test("Luật 2022 art. 31, NĐ 86/2023, NĐ 98 (2024): Gia đình văn hóa met")
    func met2024() { #expect(judge("gia-dinh-van-hoa", [Self.family(2024)], year: 2024, Rules.r2024).eligible == true) }

    @Test(
        "Luật 2022 art. 31, NĐ 86/2023, NĐ 152 (2025): Gia đình văn hóa excluded when a member was fined for domestic violence"
    )
    func excluded() {
        let e = judge(
            "gia-dinh-van-hoa", [Self.family(2025, exclusions: ["thành viên bị xử phạt về bạo lực gia đình"])],
            year: 2025, Rules.r2025)
        #expect(e.eligible == false)
        #expect(outcome(e, "GDVH-4") == .unmet)
        #expect(e.conditions.first { $0.code == "GDVH-4" }!.reason.contains("bạo lực gia đình"))
    }

    @Test("NĐ 86/2023, NĐ 98 (2024): Gia đình văn hóa undecided when exclusions were not checked")
    func notChecked() {
        #expect(
            judge("gia-dinh-van-hoa", [Self.family(2024, exclusions: nil)], year: 2024, Rules.r2024).eligible == nil)
    }

    @Test("Luật 2022 art. 31, NĐ 152 (2025): Gia đình văn hóa unmet when a criterion is judged not met")
    func criterionFails() {
        var m = allFamilyYes
        m["GDVH-2"] = false
        #expect(judge("gia-dinh-van-hoa", [Self.family(2025, manual: m)], year: 2025, Rules.r2025).eligible == false)
    }

    @Test("Luật 2003 art. 29, NĐ 122/2018 (2023): Gia đình văn hóa met (unverified)")
    func met2023() {
        let e = judge("gia-dinh-van-hoa", [Self.family(2023)], year: 2023, Rules.r2023)
        #expect(e.eligible == true)
        #expect(e.conditions.allSatisfy { !$0.verified })
    }

    @Test("Luật 2022 art. 30, NĐ 86/2023, NĐ 98 (2024): thôn văn hóa met, conferred by the district chairman")
    func village2024() {
        let e = judge(
            "thon-to-dan-pho-van-hoa", [AnnualRecordFacts(year: 2024, manual: allVillageYes)], year: 2024, Rules.r2024)
        #expect(e.eligible == true)
        #expect(e.conferredBy.contains("cấp huyện"))
    }

    @Test(
        "Luật 2022 art. 30, NĐ 152 (2025): thôn văn hóa unmet on the environment criterion; undecided when unassessed")
    func village2025() {
        var m = allVillageYes
        m["THVH-3"] = false
        #expect(
            judge("thon-to-dan-pho-van-hoa", [AnnualRecordFacts(year: 2025, manual: m)], year: 2025, Rules.r2025)
                .eligible == false)
        m.removeValue(forKey: "THVH-3")
        #expect(
            judge("thon-to-dan-pho-van-hoa", [AnnualRecordFacts(year: 2025, manual: m)], year: 2025, Rules.r2025)
                .eligible == nil)
    }

    @Test("Luật 2003 art. 30 (2023): thôn văn hóa met (unverified)")
    func village2023() {
        #expect(
            judge(
                "thon-to-dan-pho-van-hoa", [AnnualRecordFacts(year: 2023, manual: allVillageYes)], year: 2023,
                Rules.r2023
            ).eligible == true)
    }
}

// MARK: - all / highest

@Suite("Đề xuất hình thức cao nhất")
struct HighestTests {
    @Test("NĐ 98 art. 4(1) (2024): highest picks CSTĐ cơ sở over LĐTT for HTXSNV without requiring the lower first")
    func highest2024() {
        let h = [2024: person(2024, .excellent)]
        let best = EligibilityEngine.highest(
            subject: "individual", history: h, collective: nil, year: 2024, ruleSet: Rules.r2024)
        #expect(best?.formCode == "cstd-co-so")
        let all = EligibilityEngine.all(
            subject: "individual", history: h, collective: nil, year: 2024, ruleSet: Rules.r2024)
        #expect(all.map(\.rank) == all.map(\.rank).sorted(by: >))
        #expect(all.allSatisfy { Rules.r2024.form($0.formCode)?.subject == "individual" })
    }

    @Test("Luật 2003 art. 23–24 (2023): the same HTXSNV record reaches only LĐTT")
    func highest2023() {
        let h = [2023: person(2023, .excellent)]
        #expect(
            EligibilityEngine.highest(
                subject: "individual", history: h, collective: nil, year: 2023, ruleSet: Rules.r2023)?.formCode
                == "lao-dong-tien-tien")
    }

    @Test("Luật 2022 art. 27–28, NĐ 152 (2025): highest collective title is TTLĐXS; nothing for a failing team")
    func highestCollective() {
        let h = [2025: team(2025, .excellent)]
        #expect(
            EligibilityEngine.highest(
                subject: "collective", history: h, collective: goodTeam, year: 2025, ruleSet: Rules.r2025)?.formCode
                == "tap-the-lao-dong-xuat-sac")
        let bad = [2025: team(2025, .notCompleted)]
        #expect(
            EligibilityEngine.highest(
                subject: "collective", history: bad, collective: goodTeam, year: 2025, ruleSet: Rules.r2025) == nil)
    }
}
