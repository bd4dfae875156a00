import Foundation
import Testing

@testable import Domain

/// The shipped scoring rule, found from this file's path.
private enum GroupRules {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules/group-scoring-2023-2025.json")
    static func load() throws -> GroupScoringRule {
        try JSONDecoder().decode(GroupScoringRule.self, from: Data(contentsOf: file))
    }
}

@Suite("Clusters and blocks: submission workflow, standing, rotation, scoring")
struct GroupWorkDomainTests {
    @Test("A submission is returned, then submitted again; a returned one cannot be returned twice")
    func workflow() {
        #expect(GroupSubmissionWorkflow.allowed(from: .submitted, to: .returned))
        #expect(GroupSubmissionWorkflow.allowed(from: .returned, to: .submitted))
        #expect(!GroupSubmissionWorkflow.allowed(from: .returned, to: .returned))
        #expect(GroupSubmissionWorkflow.illegalMessage(from: .returned, to: .returned).contains("Bị trả lại"))
    }

    @Test("Standing: missing, returned, on time through the deadline day, late the day after")
    func standing() {
        let deadline = VietnameseDate.parse("31/03/2025")!
        #expect(GroupStanding.of(status: nil, submittedAt: nil, deadlineDayStart: deadline) == .missing)
        #expect(GroupStanding.of(status: .returned, submittedAt: deadline, deadlineDayStart: deadline) == .returned)
        let lastMinute = deadline.addingTimeInterval(86_399)
        #expect(GroupStanding.of(status: .submitted, submittedAt: lastMinute, deadlineDayStart: deadline) == .onTime)
        let nextDay = deadline.addingTimeInterval(86_400)
        #expect(GroupStanding.of(status: .submitted, submittedAt: nextDay, deadlineDayStart: deadline) == .late)
        #expect(GroupStanding.of(status: .submitted, submittedAt: nextDay, deadlineDayStart: nil) == .onTime)
    }

    @Test("The head rotates through the member list, wrapping round")
    func rotation() {
        #expect(GroupRotation.suggestedHead(members: [4, 7, 9], previousHead: nil) == 4)
        #expect(GroupRotation.suggestedHead(members: [4, 7, 9], previousHead: 7) == 9)
        #expect(GroupRotation.suggestedHead(members: [4, 7, 9], previousHead: 9) == 4)
        #expect(GroupRotation.suggestedHead(members: [4, 7, 9], previousHead: 5) == 4, "a head who left the group")
        #expect(GroupRotation.suggestedHead(members: [], previousHead: 5) == nil)
    }

    @Test("The shipped rule decodes, has no problems, and marks its unconfirmed values")
    func shippedRule() throws {
        let rule = try GroupRules.load()
        #expect(rule.problems().isEmpty)
        #expect(rule.maxTotal == 100)
        #expect(rule.legalBasis.contains("Điều 26"))
        #expect(rule.criteria.allSatisfy { $0.verified || $0.source.contains("cần xác minh") })
        #expect(rule.proposals.allSatisfy { $0.verified || $0.source.contains("cần xác minh") })
        #expect(GroupScoringRule.inForce(2024, among: [rule]) == rule)
        #expect(GroupScoringRule.inForce(2026, among: [rule]) == nil)
    }

    @Test("Ranking: weighted totals, ties share a rank, incomplete members unranked, proposals by share")
    func ranking() throws {
        let rule = try GroupRules.load()
        let codes = rule.criteria.map(\.code)
        func all(_ p: [Double]) -> [String: Double] { Dictionary(uniqueKeysWithValues: zip(codes, p)) }
        let scores: [Int: [String: Double]] = [
            1: all([45, 28, 9, 9]), // 91
            2: all([40, 25, 10, 10]), // 85
            3: all([40, 25, 10, 10]), // 85
            4: [codes[0]: 50], // incomplete
            5: all([60, 30, 10, 10]), // 50 capped at the maximum: 100
        ]
        let r = GroupScoring.rank(members: [1, 2, 3, 4, 5], scores: scores, rule: rule)
        #expect(r.map(\.unitID) == [5, 1, 2, 3, 4])
        #expect(r.map(\.rank) == [1, 2, 3, 3, nil])
        #expect(r.map(\.total) == [100, 91, 85, 85, 50])
        #expect(r[0].proposal == "co-thi-dua")
        #expect(r[1].proposal == "bang-khen")
        #expect(r[2].proposal == nil && r[4].proposal == nil)
        // A tie straddling the last place of a proposal proposes neither.
        let tied = GroupScoring.rank(
            members: [1, 2, 3], scores: [1: all([50, 30, 10, 10]), 2: all([45, 28, 9, 9]), 3: all([45, 28, 9, 9])],
            rule: rule)
        #expect(tied.map(\.proposal) == ["co-thi-dua", nil, nil])
        // A leader below the share of the maximum is not proposed.
        let low = GroupScoring.rank(members: [1], scores: [1: all([20, 10, 5, 5])], rule: rule)
        #expect(low[0].rank == 1 && low[0].proposal == nil)
    }

    @Test("Points parse with a comma or a point and are checked against the criterion's maximum")
    func points() throws {
        let rule = try GroupRules.load()
        #expect(GroupScoring.parse("8,5") == 8.5 && GroupScoring.parse("8.5") == 8.5 && GroupScoring.parse("x") == nil)
        #expect(
            GroupScoring.format(8.5) == "8,5" && GroupScoring.format(10) == "10" && GroupScoring.format(8.25) == "8,25")
        #expect(rule.problem(points: 10, criterion: rule.criteria[0].code) == nil)
        #expect(rule.problem(points: -1, criterion: rule.criteria[0].code)?.contains("từ 0 đến") == true)
        #expect(rule.problem(points: 1, criterion: "khong-co")?.contains("không có trong") == true)
    }

    @Test("Policy: the office does all, the council reads, a member its own, the head reads its members")
    func policy() {
        let scope = GroupWorkScope(memberUnitIDs: [10, 11], headUnitID: 11, unitID: nil)
        func actor(_ role: Role, unit: Int?) -> Actor {
            Actor(userID: 1, username: "u", role: role, unitID: unit, unitPath: unit.map { UnitPath(ids: [1, $0]) })
        }
        func own(_ u: Int) -> Resource {
            .groupWork(GroupWorkScope(memberUnitIDs: [10, 11], headUnitID: 11, unitID: u))
        }
        let office = actor(.standingOffice, unit: 2)
        #expect(Policy.decide(office, .update, .groupWork(scope)) == .allow)
        let council = actor(.councilMember, unit: nil)
        #expect(Policy.decide(council, .read, .groupWork(scope)) == .allow)
        #expect(!Policy.decide(council, .create, own(10)).isAllowed)
        let member = actor(.unitOfficer, unit: 10)
        #expect(Policy.decide(member, .create, own(10)) == .allow)
        #expect(Policy.decide(member, .read, own(11)) == .notFound)
        if case .forbidden = Policy.decide(member, .read, .groupWork(scope)) {} else { Issue.record("board") }
        let head = actor(.unitOfficer, unit: 11)
        #expect(Policy.decide(head, .read, .groupWork(scope)) == .allow)
        #expect(Policy.decide(head, .read, own(10)) == .allow)
        #expect(!Policy.decide(head, .update, own(10)).isAllowed)
        #expect(!Policy.decide(head, .update, .groupWork(scope)).isAllowed)
        let outsider = actor(.unitOfficer, unit: 99)
        #expect(Policy.decide(outsider, .read, .groupWork(scope)) == .notFound)
        #expect(Policy.decide(actor(.editor, unit: 10), .read, own(10)) == .notFound)
    }
}
