import Testing

@testable import Domain

/// What pages offer each role: the answers the app used to compute from roles, now asked of the Policy.
@Suite("Policy capabilities, scopes and dashboards")
struct PolicyCapabilityTests {
    let district = UnitPath(ids: [1, 3])
    let dakRuong = UnitPath(ids: [1, 3, 20])

    func actor(_ role: Role, _ path: UnitPath?, movements: Set<Int> = []) -> Actor {
        Actor(userID: 9, username: "x", role: role, unitID: path?.ids.last, unitPath: path, leadMovementIDs: movements)
    }

    @Test("Create buttons: units for admin, standing office, unit officers; unit records for every writing role")
    func createButtons() {
        let units: [Role: Bool] = [
            .admin: true, .standingOffice: true, .councilMember: false,
            .leadAgency: false, .unitOfficer: true, .editor: false,
        ]
        let records: [Role: Bool] = [
            .admin: true, .standingOffice: true, .councilMember: false,
            .leadAgency: true, .unitOfficer: true, .editor: false,
        ]
        for role in Role.allCases {
            let a = actor(role, dakRuong)
            #expect(Policy.allows(a, .createUnits) == units[role], "\(role)")
            #expect(Policy.allows(a, .createUnitRecords) == records[role], "\(role)")
        }
    }

    @Test("Navigation: every role but the editor follows registrations")
    func followRegistrations() {
        for role in Role.allCases {
            #expect(Policy.allows(actor(role, dakRuong), .followRegistrations) == (role != .editor), "\(role)")
        }
    }

    @Test("Dossier tasks: admin, standing office, and unit officers and lead agencies that belong to a unit")
    func prepareDossiers() {
        let expected: [Role: Bool] = [
            .admin: true, .standingOffice: true, .councilMember: false,
            .leadAgency: true, .unitOfficer: true, .editor: false,
        ]
        for role in Role.allCases {
            #expect(Policy.allows(actor(role, dakRuong), .prepareDossiers) == expected[role], "\(role)")
        }
        #expect(!Policy.allows(actor(.unitOfficer, nil), .prepareDossiers))
        #expect(!Policy.allows(actor(.leadAgency, nil), .prepareDossiers))
        #expect(Policy.allows(actor(.admin, nil), .prepareDossiers))
    }

    @Test("A lead agency may not reassign its movement's lead; the roles that edit movements may")
    func reassignMovementLead() {
        for role in Role.allCases {
            let a = actor(role, dakRuong, movements: [4])
            #expect(Policy.allows(a, .reassignMovementLead) == (role != .leadAgency), "\(role)")
        }
    }

    @Test("Signed out, no capability is offered and every scope is empty")
    func signedOut() {
        for capability in Capability.allCases { #expect(!Policy.allows(nil, capability)) }
        #expect(Policy.createScope(nil) == .none)
        #expect(Policy.parentScope(nil) == .none)
        #expect(Policy.defaultUnit(nil) == nil)
        #expect(Policy.registrationScope(nil) == .none)
        #expect(Policy.importJobScope(nil) == .none)
    }

    @Test("Create scope: everywhere for admin and standing office, otherwise the actor's own subtree")
    func createScope() {
        for role in Role.allCases {
            let expected: UnitScope = (role == .admin || role == .standingOffice) ? .all : .subtree(dakRuong)
            #expect(Policy.createScope(actor(role, dakRuong)) == expected, "\(role)")
        }
        #expect(Policy.createScope(actor(.unitOfficer, nil)) == .none)
        #expect(Policy.createScope(actor(.admin, nil)) == .all)
    }

    @Test("Parent choices for a unit: the units the actor sees")
    func parentScope() {
        for role in Role.allCases {
            let expected: UnitScope = role == .unitOfficer ? .subtree(dakRuong) : .all
            #expect(Policy.parentScope(actor(role, dakRuong)) == expected, "\(role)")
        }
        #expect(Policy.parentScope(actor(.unitOfficer, nil)) == .none)
    }

    @Test("A new form starts in the unit officer's own unit; other roles choose")
    func defaultUnit() {
        for role in Role.allCases {
            #expect(Policy.defaultUnit(actor(role, dakRuong)) == (role == .unitOfficer ? 20 : nil), "\(role)")
        }
    }

    @Test("Registration listings: all, own subtree, subtree or own movements, or none")
    func registrationScope() {
        let expected: [Role: RecordListScope] = [
            .admin: .all, .standingOffice: .all, .councilMember: .all,
            .leadAgency: .subtreeOrMovements(dakRuong, movementIDs: [4, 7]),
            .unitOfficer: .subtree(dakRuong), .editor: .none,
        ]
        for role in Role.allCases {
            #expect(Policy.registrationScope(actor(role, dakRuong, movements: [4, 7])) == expected[role], "\(role)")
        }
        #expect(Policy.registrationScope(actor(.unitOfficer, nil)) == .none)
        #expect(Policy.registrationScope(actor(.leadAgency, nil)) == .subtreeOrMovements(nil, movementIDs: []))
    }

    @Test("Import jobs: admin and standing office see every job, anyone else its own")
    func importJobScope() {
        for role in Role.allCases {
            let scope = Policy.importJobScope(actor(role, dakRuong))
            let seesAll = role == .admin || role == .standingOffice
            #expect(scope == (seesAll ? .all : .own(userID: 9)), "\(role)")
            #expect(scope.includes(ownerID: 9))
            #expect(scope.includes(ownerID: 10) == seesAll, "\(role)")
        }
        #expect(!OwnerScope.none.includes(ownerID: 9))
    }

    @Test("Each role has its own dashboard")
    func dashboard() {
        let expected: [Role: Dashboard] = [
            .admin: .administration, .standingOffice: .coordination,
            .councilMember: .council, .leadAgency: .movementLead,
            .unitOfficer: .unit, .editor: .outreach,
        ]
        for role in Role.allCases { #expect(Policy.dashboard(actor(role, dakRuong)) == expected[role], "\(role)") }
        #expect(Set(Role.allCases.map { Policy.dashboard(actor($0, district)) }).count == Dashboard.allCases.count)
    }
}
