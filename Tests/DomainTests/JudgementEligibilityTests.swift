import Foundation
import Testing

@testable import Domain

/// Issue 9, items 1, 5 and 7: judgement conditions answered, complete "or" reasons, leave that keeps time only.
@Suite("Eligibility: judgements, complete reasons, leave")
struct JudgementEligibilityTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules")
    static let sets: [RuleSet] = (try? RuleLibrary.load(directory: directory)) ?? []
    static var r2024: RuleSet { RuleLibrary.ruleSet(forDay: "2024-06-15", in: sets)! }
    static var r2025: RuleSet { RuleLibrary.ruleSet(forDay: "2025-09-01", in: sets)! }

    static func judge(_ form: String, _ facts: [AnnualRecordFacts], year: Int, _ set: RuleSet) -> FormEligibility {
        EligibilityEngine.evaluate(
            form: set.form(form)!, history: Dictionary(uniqueKeysWithValues: facts.map { ($0.year, $0) }),
            collective: nil, year: year, ruleSet: set)
    }

    static func person(
        _ year: Int, _ rating: TaskRating?, judgements: [String: JudgementAnswer] = [:],
        initiatives: [(scope: String, year: Int)] = [], maternity: Bool = false
    ) -> AnnualRecordFacts {
        var f = AnnualRecordFacts(
            year: year, taskRating: rating, initiatives: initiatives, onMaternityLeave: maternity, manual: [:])
        f.judgements = judgements
        return f
    }

    @Test("Luật 2022 art. 24(1)(b) (2024): a judgement answered yes makes LĐTT eligible; open, it is “cần đánh giá”")
    func judgementYes() {
        let open = Self.judge("lao-dong-tien-tien", [Self.person(2024, .good)], year: 2024, Self.r2024)
        #expect(open.eligible == nil)
        let c = open.conditions.first { $0.code == "LDTT-2" }!
        #expect(c.outcome == .missing)
        #expect(c.reason.hasPrefix("Cần đánh giá"))
        let yes = Self.judge(
            "lao-dong-tien-tien",
            [Self.person(2024, .good, judgements: ["tu-luc-doan-ket": .init(answer: true, answeredBy: "Hội đồng")])],
            year: 2024, Self.r2024)
        #expect(yes.eligible == true)
    }

    @Test("Luật 2022 art. 24(1)(b) (2025): a judgement answered no makes LĐTT unmet, naming who answered")
    func judgementNo() {
        let no = Self.judge(
            "lao-dong-tien-tien",
            [
                Self.person(
                    2025, .excellent,
                    judgements: ["tu-luc-doan-ket": .init(answer: false, answeredBy: "Thủ trưởng đơn vị (dakruong)")])
            ],
            year: 2025, Self.r2025)
        #expect(no.eligible == false)
        let c = no.conditions.first { $0.code == "LDTT-2" }!
        #expect(c.outcome == .unmet)
        #expect(c.reason.contains("Thủ trưởng đơn vị (dakruong)"))
    }

    @Test("Luật 2022 art. 27(1) (2024): TTLĐXS asks “tích cực tham gia phong trào thi đua” and “nội bộ đoàn kết”")
    func collectiveQuestions() {
        let keys = Self.r2024.judgementQuestions(subject: "collective").map(\.key)
        #expect(keys.contains("tich-cuc-phong-trao"))
        #expect(keys.contains("noi-bo-doan-ket"))
        let bk = Self.r2024.judgementQuestions(subject: "individual").first { $0.key == "BKT-a" }
        #expect(bk?.answeredBy == [.council])
        #expect(bk?.levels == [.tinh])
        // CSTĐ cơ sở asks LĐTT's question through "qualifiesFor": the same key, answered once.
        let ldtt = Self.r2024.judgementQuestions(subject: "individual").first { $0.key == "tu-luc-doan-ket" }
        #expect(ldtt?.answeredBy == [.unitHead, .council])
    }

    @Test(
        "Luật 2022 art. 74(1) (2025): an “or” condition with one route unmet and the others missing is missing, and keeps the unmet reason"
    )
    func orRoutes() {
        // One initiative in two years, HTXSNV both years, no judgement answered: route (d) initiative is unmet.
        let h = [
            Self.person(2024, .excellent, initiatives: [("co-so", 2024)]),
            Self.person(2025, .excellent),
        ]
        let e = Self.judge("bang-khen-ubnd-tinh", h, year: 2025, Self.r2025)
        let c = e.conditions.first { $0.code == "BKT-1" }!
        #expect(c.outcome == .missing)
        #expect(c.reason.contains("Có 1 sáng kiến"), "\(c.reason)")
        #expect(c.reason.contains("yêu cầu 2"))
        #expect(c.reason.contains("Cần đánh giá"))
        #expect(c.routes.count == 6)
        #expect(c.routes.filter { $0.outcome == .unmet }.count >= 2)
        #expect(c.routes.filter { $0.outcome == .missing }.count == 3)
        // All routes unmet: unmet, with every route's reason.
        let all = Self.judge(
            "bang-khen-ubnd-tinh",
            h.map {
                var f = $0
                f.judgements = [
                    "BKT-a": .init(answer: false, answeredBy: "Hội đồng"),
                    "BKT-b": .init(answer: false, answeredBy: "Hội đồng"),
                    "BKT-c": .init(answer: false, answeredBy: "Hội đồng"),
                ]
                return f
            }, year: 2025, Self.r2025)
        let u = all.conditions.first { $0.code == "BKT-1" }!
        #expect(u.outcome == .unmet)
        #expect(u.reason.contains("yêu cầu 2"))
    }

    @Test("NĐ 152 art. 4 (2025): maternity leave with a low rating does not meet the rating; with a good one it does")
    func maternityLowRating() {
        let yes = ["tu-luc-doan-ket": JudgementAnswer(answer: true, answeredBy: "Hội đồng")]
        let low = Self.judge(
            "lao-dong-tien-tien", [Self.person(2025, .completed, judgements: yes, maternity: true)], year: 2025,
            Self.r2025)
        #expect(low.eligible == false)
        let good = Self.judge(
            "lao-dong-tien-tien", [Self.person(2025, .good, judgements: yes, maternity: true)], year: 2025, Self.r2025)
        #expect(good.eligible == true)
        #expect(good.conditions.first { $0.code == "LDTT-1" }!.reason.contains("thai sản"))
    }

    @Test("Policy: a council-only judgement (Luật 2022 art. 74(1)(a)) is refused to a commune officer")
    func policy() {
        let commune = UnitPath(ids: [1, 2, 3])
        let officer = Actor(userID: 5, username: "dakruong", role: .unitOfficer, unitID: 3, unitPath: commune)
        let province = CouncilScope(authorityID: 1, standingUnitID: 9, isSeat: false)
        let councilOnly = JudgementScope(answeredBy: [.council], subjectUnit: commune, councils: [province])
        #expect(Policy.judgementCapacity(officer, councilOnly) == nil)
        #expect(!Policy.decide(officer, .update, .judgement(councilOnly)).isAllowed)
        let office = Actor(
            userID: 6, username: "snv", role: .standingOffice, unitID: 9, unitPath: UnitPath(ids: [1, 9]))
        #expect(Policy.judgementCapacity(office, councilOnly) == .council)
        let either = JudgementScope(answeredBy: [.unitHead, .council], subjectUnit: commune, councils: [province])
        #expect(Policy.judgementCapacity(officer, either) == .unitHead)
    }
}
