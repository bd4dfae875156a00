import Testing

@testable import Domain

@Suite("Dashboards: whose statistics an actor sees")
struct StatsPolicyTests {
    static let commune = UnitPath(ids: [1, 5])
    static let other = UnitPath(ids: [1, 6])
    static func actor(_ role: Role, _ path: UnitPath?, movements: Set<Int> = []) -> Actor {
        Actor(
            userID: 1, username: "u", role: role, unitID: path?.ids.last, unitPath: path, leadMovementIDs: movements)
    }

    @Test func standingOfficeSeesEveryScope() {
        let a = Self.actor(.standingOffice, UnitPath(ids: [1]))
        for t in [StatsTarget.all, .unit(Self.other), .movement(9), .group(memberPaths: [Self.other])] {
            #expect(Policy.statsDecision(a, t) == .allow)
        }
        #expect(Policy.defaultStatsTarget(a) == .all)
    }

    @Test func unitOfficerSeesOnlyItsSubtree() {
        let a = Self.actor(.unitOfficer, Self.commune)
        #expect(Policy.statsDecision(a, .unit(Self.commune)) == .allow)
        #expect(Policy.statsDecision(a, .unit(Self.commune.child(40))) == .allow)
        #expect(Policy.statsDecision(a, .unit(Self.other)) == .notFound)
        #expect(!Policy.statsDecision(a, .all).isAllowed)
        #expect(Policy.statsDecision(a, .movement(3)) == .notFound)
        #expect(Policy.statsDecision(a, .group(memberPaths: [Self.commune, Self.other])) == .notFound)
        #expect(Policy.statsDecision(a, .group(memberPaths: [Self.other])) == .notFound)
        #expect(Policy.defaultStatsTarget(a) == .unit(Self.commune))
    }

    @Test func leadAgencySeesItsMovementsAcrossUnits() {
        let a = Self.actor(.leadAgency, Self.other, movements: [4, 2])
        #expect(Policy.statsDecision(a, .movement(2)) == .allow)
        #expect(Policy.statsDecision(a, .movement(3)) == .notFound)
        #expect(Policy.statsDecision(a, .unit(Self.commune)) == .notFound)
        #expect(Policy.defaultStatsTarget(a) == .movement(2))
    }

    @Test func editorAndSignedOutSeeNone() {
        #expect(!Policy.statsDecision(nil, .all).isAllowed)
        let e = Self.actor(.editor, Self.commune)
        #expect(Policy.statsDecision(e, .unit(Self.commune)) == .notFound)
        #expect(Policy.defaultStatsTarget(e) == nil)
    }
}
