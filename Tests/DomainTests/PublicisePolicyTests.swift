import Testing

@testable import Domain

/// The "Tuyên truyền" menu group (issue 15, item 7): asked of the Policy like every other menu item.
@Suite("Policy: who publicises")
struct PublicisePolicyTests {
    @Test("The editor, the standing office and the admin publicise; the other roles do not")
    func publicise() {
        let expected: [Role: Bool] = [
            .admin: true, .standingOffice: true, .councilMember: false,
            .leadAgency: false, .unitOfficer: false, .editor: true,
        ]
        for role in Role.allCases {
            let a = Actor(
                userID: 9, username: "x", role: role, unitID: 20, unitPath: UnitPath(ids: [1, 3, 20]),
                leadMovementIDs: [])
            #expect(Policy.allows(a, .publicise) == expected[role], "\(role)")
        }
        #expect(!Policy.allows(nil, .publicise))
    }
}
