import Foundation
import Testing

@testable import Domain

private enum Files {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules")
    static let all: [RuleSet] = (try? RuleLibrary.load(directory: directory)) ?? []
    static func period(_ day: String) -> RuleSet { RuleLibrary.ruleSet(forDay: day, in: all)! }
}

@Suite("Commendation procedure: documents, council quorum and tally, dossier workflow, deadlines")
struct CommendationProcedureTests {
    @Test("Every period's rule file carries the procedure: council quorum, documents with articles, appraisal deadline")
    func procedureInEveryPeriod() throws {
        #expect(Files.all.count == 3)
        for s in Files.all {
            let p = try #require(s.procedure, "\(s.id) has no procedure")
            #expect(p.council.quorumNumerator == 2 && p.council.quorumDenominator == 3)
            #expect(!p.council.quorumVerified, "the 2/3 quorum is an example in the notes [S, example]: cần xác minh")
            #expect(p.documents.allSatisfy { !$0.article.isEmpty && !$0.name.isEmpty })
            #expect(
                Set(p.documents.map(\.code)).isSuperset(of: ["to-trinh", "bao-cao-thanh-tich", "bien-ban-binh-xet"]))
            #expect(p.appraisal.workingDays == 20)
        }
    }

    @Test(
        "Luật TĐKT 2022 art. 84 + NĐ 98/2023 art. 34: CSTĐ cơ sở needs proof of initiatives, ballot results and proof of HTXSNV; LĐTT does not"
    )
    func documentsPerForm2024() {
        let s = Files.period("2024-06-01")
        let cstd = Set(s.requiredDocuments(for: ["cstd-co-so"]).map(\.code))
        #expect(
            cstd == [
                "to-trinh", "danh-sach", "bao-cao-thanh-tich", "bien-ban-binh-xet", "minh-chung-sang-kien",
                "ket-qua-bo-phieu", "minh-chung-htxs",
            ])
        let ldtt = Set(s.requiredDocuments(for: ["lao-dong-tien-tien"]).map(\.code))
        #expect(ldtt == ["to-trinh", "danh-sach", "bao-cao-thanh-tich", "bien-ban-binh-xet"])
        #expect(
            s.requiredDocuments(for: ["lao-dong-tien-tien"]).first { $0.code == "to-trinh" }?.article.contains(
                "art. 84") == true)
    }

    @Test(
        "Luật 2003 period (2023): the NĐ 98 art. 34 ballot-result document did not exist yet; 2003-law documents are marked cần xác minh"
    )
    func documents2023() {
        let s = Files.period("2023-06-01")
        let codes = Set(s.requiredDocuments(for: ["cstd-co-so"]).map(\.code))
        #expect(!codes.contains("ket-qua-bo-phieu"))
        #expect(s.requiredDocuments(for: ["cstd-co-so"]).allSatisfy { !$0.verified })
    }

    @Test(
        "NĐ 98/2023 art. 30(7): CSTĐ cơ sở at 80 % of all members; a form without a legal threshold falls back to the council's more-than-half, marked cần xác minh"
    )
    func thresholds() {
        let s = Files.period("2024-06-01")
        let cstd = s.voteThreshold(for: "cstd-co-so")
        #expect(cstd.percent == 80 && !cstd.strict && cstd.verified)
        let tinh = s.voteThreshold(for: "cstd-cap-tinh")
        #expect(tinh.percent == 90)
        let ldtt = s.voteThreshold(for: "lao-dong-tien-tien")
        #expect(ldtt.percent == 50 && ldtt.strict && !ldtt.verified)
    }

    @Test(
        "Quorum 2/3 of all members: 6 of 9 meets, 5 of 9 does not; 6 of 8 meets, 5 of 8 does not",
        arguments: [(9, 6, true), (9, 5, false), (8, 6, true), (8, 5, false), (3, 2, true), (0, 0, false)])
    func quorum(total: Int, present: Int, met: Bool) {
        let rule = Files.period("2024-06-01").procedure!.council
        #expect(Quorum.met(present: present, total: total, rule: rule) == met)
        if total > 0 { #expect(Quorum.needed(total: total, rule: rule) == (total * 2 + 2) / 3) }
    }

    @Test(
        "NĐ 98/2023 art. 30(7): the tally is on ALL members — 7 of 8 (one recusal) passes 80 %; 6 of 8 with two absent fails"
    )
    func tallyOnAllMembers() throws {
        let pass = try CouncilTally.tally(
            totalMembers: 8, yes: 7, no: 0, recused: 1, written: 1, threshold: 80, strict: false
        ).get()
        #expect(pass.passed && pass.percent == 87.5 && pass.notVoted == 0)
        #expect(pass.summary.contains("7/8") && pass.summary.contains("87,5%"))
        // Six of the six who voted agree, but two members were absent without a written vote: 75 % of all members.
        let fail = try CouncilTally.tally(
            totalMembers: 8, yes: 6, no: 0, recused: 0, written: 0, threshold: 80, strict: false
        ).get()
        #expect(!fail.passed && fail.notVoted == 2)
        // Exactly 80 % passes "from 80 %"; exactly 50 % fails "more than half".
        #expect(
            try CouncilTally.tally(
                totalMembers: 10, yes: 8, no: 2, recused: 0, written: 0, threshold: 80, strict: false
            ).get().passed)
        #expect(
            try !CouncilTally.tally(totalMembers: 8, yes: 4, no: 4, recused: 0, written: 0, threshold: 50, strict: true)
                .get().passed)
    }

    @Test("A tally that counts more ballots than members, or more written votes than ballots, is refused")
    func impossibleTallies() {
        #expect(throws: WorkflowError.self) {
            try CouncilTally.tally(totalMembers: 5, yes: 4, no: 2, recused: 0, written: 0, threshold: 50, strict: true)
                .get()
        }
        #expect(throws: WorkflowError.self) {
            try CouncilTally.tally(totalMembers: 5, yes: 1, no: 0, recused: 0, written: 2, threshold: 50, strict: true)
                .get()
        }
        #expect(throws: WorkflowError.self) {
            try CouncilTally.tally(totalMembers: 0, yes: 0, no: 0, recused: 0, written: 0, threshold: 50, strict: true)
                .get()
        }
    }

    @Test(
        "Dossier workflow: submit needs nominees and documents; one returned nominee returns the dossier; resubmission re-queues only the returned"
    )
    func workflow() throws {
        let doc = DocumentRule(
            code: "bien-ban-binh-xet", name: "Biên bản bình xét thi đua", article: "Luật TĐKT 2022 art. 84(1)(c)",
            verified: true, forms: [], generated: false)
        let problems = DossierWorkflow.submissionProblems(status: .draft, nomineeCount: 0, missingDocuments: [doc])
        #expect(
            problems.count == 2 && problems[1].contains("Biên bản bình xét thi đua") && problems[1].contains("art. 84"))
        #expect(DossierWorkflow.submissionProblems(status: .returned, nomineeCount: 2, missingDocuments: []).isEmpty)
        #expect(!DossierWorkflow.submissionProblems(status: .decided, nomineeCount: 2, missingDocuments: []).isEmpty)
        #expect(try DossierWorkflow.afterAppraisal([.passed, .returned]).get() == .returned)
        #expect(try DossierWorkflow.afterAppraisal([.passed, .passed]).get() == .appraised)
        #expect(throws: WorkflowError.self) { try DossierWorkflow.afterAppraisal([.passed, .pending]).get() }
        #expect(DossierWorkflow.onResubmit(.returned) == .pending && DossierWorkflow.onResubmit(.passed) == .passed)
        #expect(DossierWorkflow.allowed(from: .returned, to: .submitted))
        #expect(!DossierWorkflow.allowed(from: .decided, to: .submitted))
        #expect(!DossierWorkflow.allowed(from: .draft, to: .decided))
        #expect(
            DossierStatus.decided.readOnly && !DossierStatus.decided.editableByUnit
                && DossierStatus.returned.editableByUnit)
    }

    @Test("Appraisal deadline: 20 working days skip weekends (Fri 29/11/2024 → Fri 27/12/2024)")
    func workingDays() {
        #expect(WorkingDays.add(20, to: "2024-11-29") == "2024-12-27")
        #expect(WorkingDays.add(1, to: "2024-11-29") == "2024-12-02")
        #expect(WorkingDays.add(0, to: "2024-11-29") == "2024-11-29")
        #expect(WorkingDays.daysBetween("2024-12-01", "2024-12-27") == 26)
        #expect(WorkingDays.add(3, to: "không phải ngày") == nil)
    }

    @Test(
        "Jurisdiction: a province's own rule file (VN-KT) is preferred where it covers the day; the national one elsewhere"
    )
    func jurisdiction() {
        var kt = Files.period("2025-09-01")
        kt.id = "rules-2025-kontum"
        kt.jurisdiction = "VN-KT"
        kt.effectiveFrom = "2025-10-01"
        let sets = Files.all + [kt]
        #expect(RuleLibrary.ruleSet(forDay: "2025-12-31", jurisdiction: "VN-KT", in: sets)?.id == "rules-2025-kontum")
        #expect(RuleLibrary.ruleSet(forDay: "2025-08-01", jurisdiction: "VN-KT", in: sets)?.id == "rules-2025-nd152")
        #expect(RuleLibrary.ruleSet(forDay: "2025-12-31", jurisdiction: "VN", in: sets)?.id == "rules-2025-nd152")
        #expect(RuleLibrary.ruleSet(forDay: "2022-12-31", jurisdiction: "VN", in: sets) == nil)
        #expect(RuleLibrary.judgingDay(forYear: 2024) == "2024-12-31")
    }

    @Test("Titles written by name are found by code; a village collective is judged by the village rules")
    func namesAndSubjects() {
        #expect(RuleLibrary.formCode(forTitle: "Lao động tiên tiến", in: Files.all) == "lao-dong-tien-tien")
        #expect(RuleLibrary.formCode(forTitle: "LAO DONG TIEN TIEN", in: Files.all) == "lao-dong-tien-tien")
        #expect(RuleLibrary.formCode(forTitle: "Huân chương Lao động", in: Files.all) == nil)
        #expect(RuleLibrary.ruleSubject(kind: .collective, isVillage: true) == "village")
        #expect(RuleLibrary.ruleSubject(kind: .collective, isVillage: false) == "collective")
        #expect(RuleLibrary.ruleSubject(kind: .household, isVillage: false) == "household")
    }

    @Test(
        "Policy: each council's standing office runs it; its seats read it; other councils' people get 404; only roster members vote"
    )
    func policy() {
        let path = UnitPath(ids: [1, 3])
        let office = Actor(
            userID: 1, username: "noivu", role: .standingOffice, unitID: 4, unitPath: UnitPath(ids: [1, 3, 4]))
        let member = Actor(userID: 2, username: "hoidong", role: .councilMember, unitID: nil, unitPath: nil)
        let unit = Actor(userID: 3, username: "dakruong", role: .unitOfficer, unitID: 9, unitPath: path.child(9))
        // The district council (standing office: unit 4) and the commune's (its own office, unit 9).
        let district = CouncilScope(authorityID: 1, standingUnitID: 4, isSeat: false)
        let districtSeat = CouncilScope(authorityID: 1, standingUnitID: 4, isSeat: true)
        let commune = CouncilScope(authorityID: 2, standingUnitID: 9, isSeat: false)
        #expect(Policy.decide(office, .update, .council(district)) == .allow)
        #expect(Policy.decide(office, .read, .council(commune)) == .notFound, "the district office runs only its own")
        #expect(Policy.decide(unit, .update, .council(commune)) == .allow, "the commune office runs the commune's")
        #expect(Policy.decide(member, .read, .council(districtSeat)) == .allow)
        #expect(
            Policy.decide(member, .read, .council(commune)) == .notFound, "a district seat does not open the commune's")
        if case .forbidden = Policy.decide(member, .update, .council(districtSeat)) {
        } else {
            Issue.record("member may not appraise")
        }
        #expect(Policy.decide(unit, .update, .council(district)) == .notFound)
        #expect(Policy.decide(unit, .read, .council(nil)) == .allow, "anyone lists the councils they work with")
        if case .forbidden = Policy.decide(office, .create, .council(nil)) {
        } else {
            Issue.record("no council-less write")
        }
        #expect(Policy.decide(unit, .update, .councilVote(isMember: true)) == .allow)
        if case .forbidden = Policy.decide(member, .update, .councilVote(isMember: false)) {
        } else {
            Issue.record("non-member may not vote")
        }
        let admin = Actor(userID: 6, username: "admin", role: .admin, unitID: nil, unitPath: nil)
        if case .forbidden = Policy.decide(admin, .update, .councilVote(isMember: false)) {
        } else {
            Issue.record("the administrator votes only with a seat on the roster")
        }
        #expect(Policy.decide(admin, .update, .councilVote(isMember: true)) == .allow)
        #expect(
            Policy.decide(unit, .read, .councilMeeting(district, isAttendee: true)) == .allow,
            "a unit officer seated in the meeting reads it")
        #expect(
            Policy.decide(unit, .read, .councilMeeting(district, isAttendee: false)) == .notFound,
            "…and no other meeting")
        if case .forbidden = Policy.decide(member, .update, .councilMeeting(districtSeat, isAttendee: true)) {
        } else {
            Issue.record("a seat does not manage the meeting")
        }
        #expect(Policy.decide(member, .update, .councilMeeting(commune, isAttendee: false)) == .notFound)
        let global = Actor(userID: 7, username: "tt", role: .standingOffice, unitID: nil, unitPath: nil)
        #expect(Policy.decide(global, .update, .council(commune)) == .allow, "a unitless standing office serves all")
        #expect(Policy.standingScope(global) == .all && Policy.standingScope(office) == .unit(4))
        #expect(Policy.standingScope(unit) == .unit(9) && Policy.standingScope(member) == .none)
        #expect(Policy.decide(unit, .update, .authority(commune)) == .allow)
        if case .forbidden = Policy.decide(unit, .update, .authority(district)) {} else { Issue.record("not its own") }
        #expect(Policy.decide(member, .read, .authority(district)) == .allow)
        #expect(Policy.recordScope(unit) == .subtree(path.child(9)))
        #expect(Policy.recordScope(member) == .all)
        #expect(
            Policy.recordScope(Actor(userID: 5, username: "bientap", role: .editor, unitID: 8, unitPath: path.child(8)))
                == .none)
    }
}
