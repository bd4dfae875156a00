import Foundation
import Testing

@testable import Domain

@Suite("Clusters and blocks: acceptance moves, the office's counts, the year's head and the cluster's figures")
struct GroupAcceptHeadTests {
    static let commune = UnitPath(ids: [1, 5])
    static let other = UnitPath(ids: [1, 6])
    static func actor(_ role: Role, _ path: UnitPath?) -> Actor {
        Actor(userID: 1, username: "u", role: role, unitID: path?.ids.last, unitPath: path)
    }

    @Test("Accepted: from submitted only; the office may still return it; the member cannot replace it")
    func acceptMoves() {
        #expect(GroupSubmissionWorkflow.allowed(from: .submitted, to: .accepted))
        #expect(GroupSubmissionWorkflow.allowed(from: .accepted, to: .returned))
        #expect(!GroupSubmissionWorkflow.allowed(from: .accepted, to: .accepted), "accepting twice")
        #expect(!GroupSubmissionWorkflow.allowed(from: .accepted, to: .submitted), "replaced after acceptance")
        #expect(!GroupSubmissionWorkflow.allowed(from: .returned, to: .accepted), "a returned one is resubmitted first")
        #expect(GroupSubmissionWorkflow.illegalMessage(from: .accepted, to: .submitted).contains("Đã tiếp nhận"))
    }

    @Test("Counts: waiting, accepted, returned, on time and late (accepted ones keep their time), missing")
    func counts() {
        let c = GroupCounts.of([
            (.submitted, .onTime), (.submitted, .late), (.accepted, .onTime), (.accepted, .late),
            (.returned, .returned), (nil, .missing), (nil, .missing),
        ])
        #expect(c.submitted == 2 && c.accepted == 2 && c.returned == 1 && c.missing == 2)
        #expect(c.onTime == 2 && c.late == 2)
        let deadline = VietnameseDate.parse("31/03/2025")!
        let late = deadline.addingTimeInterval(2 * 86_400)
        #expect(GroupStanding.of(status: .accepted, submittedAt: late, deadlineDayStart: deadline) == .late)
    }

    @Test("The cluster's figures: the head of every year asked reads them; a head of 2024 is not a head in 2025")
    func headFigures() {
        let head = Self.actor(.unitOfficer, Self.commune)
        let members = [Self.commune, Self.other]
        #expect(Policy.statsDecision(head, .group(memberPaths: members, heads: [5])) == .allow)
        #expect(Policy.statsDecision(head, .group(memberPaths: members, heads: [5, 5])) == .allow)
        #expect(Policy.statsDecision(head, .group(memberPaths: members, heads: [5, 6])) == .notFound, "2024–2025")
        #expect(Policy.statsDecision(head, .group(memberPaths: members, heads: [6])) == .notFound)
        #expect(Policy.statsDecision(head, .group(memberPaths: members, heads: [nil])) == .notFound)
        #expect(Policy.statsDecision(head, .group(memberPaths: members)) == .notFound, "no year asked")
        let lead = Self.actor(.leadAgency, Self.commune)
        #expect(Policy.statsDecision(lead, .group(memberPaths: members, heads: [5])) == .allow)
        // The editor and the signed-out never; the office always.
        #expect(
            Policy.statsDecision(Self.actor(.editor, Self.commune), .group(memberPaths: members, heads: [5])) != .allow)
        #expect(!Policy.statsDecision(nil, .group(memberPaths: members, heads: [5])).isAllowed)
        #expect(
            Policy.statsDecision(Self.actor(.standingOffice, UnitPath(ids: [1])), .group(memberPaths: members))
                == .allow)
    }

    @Test("The head reads its members' records and board, does not accept or return; another member sees its own")
    func headGroupWork() {
        let scope = { (unit: Int?) in GroupWorkScope(memberUnitIDs: [5, 6, 7], headUnitID: 5, unitID: unit) }
        let head = Self.actor(.unitOfficer, Self.commune)
        #expect(Policy.decide(head, .read, .groupWork(scope(nil))) == .allow)
        #expect(Policy.decide(head, .read, .groupWork(scope(6))) == .allow)
        #expect(!Policy.decide(head, .update, .groupWork(scope(nil))).isAllowed, "accepting is the office's")
        let member = Self.actor(.unitOfficer, Self.other)
        #expect(!Policy.decide(member, .read, .groupWork(scope(nil))).isAllowed)
        #expect(Policy.decide(member, .read, .groupWork(scope(6))) == .allow)
        #expect(Policy.decide(member, .read, .groupWork(scope(7))) == .notFound)
    }
}
