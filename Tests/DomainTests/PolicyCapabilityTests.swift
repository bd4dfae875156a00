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

/// Certificate layouts (issue 14, item 1): read by the signed-in, kept by the authority's standing office.
@Suite("Policy: certificate layouts")
struct CertificateLayoutPolicyTests {
    @Test("The standing office of the authority and the administrator keep its layouts; everybody else reads them")
    func layouts() {
        let office = UnitPath(ids: [1, 3])
        let scope = CouncilScope(authorityID: 1, standingUnitID: 3, isSeat: false)
        func actor(_ role: Role, unit: Int?) -> Actor {
            Actor(userID: 9, username: "x", role: role, unitID: unit, unitPath: unit.map { _ in office })
        }
        #expect(Policy.decide(actor(.standingOffice, unit: 3), .update, .certificateLayout(scope)) == .allow)
        #expect(Policy.decide(actor(.admin, unit: nil), .create, .certificateLayout(scope)) == .allow)
        // Another unit's standing office runs another council.
        #expect(Policy.decide(actor(.standingOffice, unit: 4), .update, .certificateLayout(scope)).isAllowed == false)
        for role in [Role.councilMember, .leadAgency, .unitOfficer, .editor] {
            #expect(Policy.decide(actor(role, unit: 7), .read, .certificateLayout(scope)) == .allow, "\(role)")
            #expect(
                Policy.decide(actor(role, unit: 7), .update, .certificateLayout(scope))
                    == .forbidden(Policy.certificateLayoutOnly), "\(role)")
        }
        #expect(Policy.decide(nil, .read, .certificateLayout(scope)) == .forbidden(Policy.mustSignIn))
    }
}

/// The fund of an authority (issue 14, item 2): kept by its standing office, read by its council's seats.
@Suite("Policy: the emulation and commendation fund")
struct FundPolicyTests {
    @Test("The standing office keeps the fund; a seat reads it; other councils' offices and other roles see nothing")
    func fund() {
        let office = UnitPath(ids: [1, 3])
        let scope = CouncilScope(authorityID: 1, standingUnitID: 3, isSeat: false)
        let seat = CouncilScope(authorityID: 1, standingUnitID: 3, isSeat: true)
        func actor(_ role: Role, unit: Int?) -> Actor {
            Actor(userID: 9, username: "x", role: role, unitID: unit, unitPath: unit.map { _ in office })
        }
        #expect(Policy.decide(actor(.standingOffice, unit: 3), .create, .fund(scope)) == .allow)
        #expect(Policy.decide(actor(.admin, unit: nil), .create, .fund(scope)) == .allow)
        #expect(Policy.decide(actor(.standingOffice, unit: 4), .read, .fund(scope)) == .notFound)
        #expect(Policy.decide(actor(.councilMember, unit: 7), .read, .fund(seat)) == .allow)
        #expect(Policy.decide(actor(.councilMember, unit: 7), .create, .fund(seat)) == .forbidden(Policy.fundOnly))
        for role in [Role.councilMember, .leadAgency, .unitOfficer, .editor] {
            #expect(Policy.decide(actor(role, unit: 7), .read, .fund(scope)) == .notFound, "\(role)")
        }
        #expect(Policy.decide(nil, .read, .fund(scope)) == .forbidden(Policy.mustSignIn))
    }
}

/// State-level forms (issue 14, item 3): the province's standing office proposes them upward and records the
/// State's decision; whoever reads the dossier reads them and nobody else writes them.
@Suite("Policy: State-level proposals and decisions")
struct StateDecisionPolicyTests {
    @Test("The province's standing office and the administrator write; every other role reading the dossier gets 403")
    func stateDecision() {
        let office = UnitPath(ids: [1, 3])
        let scope = CouncilScope(authorityID: 1, standingUnitID: 3, isSeat: false)
        let seat = CouncilScope(authorityID: 1, standingUnitID: 3, isSeat: true)
        func actor(_ role: Role, unit: Int?) -> Actor {
            Actor(userID: 9, username: "x", role: role, unitID: unit, unitPath: unit.map { _ in office })
        }
        #expect(Policy.decide(actor(.standingOffice, unit: 3), .create, .stateDecision(scope)) == .allow)
        #expect(Policy.decide(actor(.admin, unit: nil), .update, .stateDecision(scope)) == .allow)
        // Another council's standing office (a district's Phòng Nội vụ), a seat, a unit officer: refused, not hidden.
        #expect(
            Policy.decide(actor(.standingOffice, unit: 4), .update, .stateDecision(scope))
                == .forbidden(Policy.stateOnly))
        #expect(
            Policy.decide(actor(.councilMember, unit: 7), .update, .stateDecision(seat))
                == .forbidden(Policy.stateOnly))
        for role in [Role.leadAgency, .unitOfficer, .editor] {
            #expect(
                Policy.decide(actor(role, unit: 7), .update, .stateDecision(scope)) == .forbidden(Policy.stateOnly),
                "\(role)")
            #expect(Policy.decide(actor(role, unit: 7), .read, .stateDecision(scope)) == .allow, "\(role)")
        }
        #expect(Policy.decide(nil, .read, .stateDecision(scope)) == .forbidden(Policy.mustSignIn))
    }
}

@Suite("Policy: notices")
struct PolicyNoticeTests {
    let dakRuong = UnitPath(ids: [1, 3, 20])

    func actor(_ role: Role, _ path: UnitPath?) -> Actor {
        Actor(userID: 9, username: "x", role: role, unitID: path?.ids.last, unitPath: path)
    }

    @Test("Notices: read by whom they are addressed to (the account or its own unit), 404 for everyone else")
    func notices() {
        let tanLap = UnitPath(ids: [1, 3, 21])
        for role in Role.allCases where role != .editor {
            let a = actor(role, dakRuong)
            #expect(Policy.decide(a, .read, .notice(userID: 9, unitID: nil)) == .allow, "\(role): own account")
            #expect(Policy.decide(a, .update, .notice(userID: nil, unitID: 20)) == .allow, "\(role): own unit")
            #expect(Policy.decide(a, .read, .notice(userID: 10, unitID: nil)) == .notFound, "\(role): another account")
            #expect(Policy.decide(a, .read, .notice(userID: nil, unitID: tanLap.ids.last)) == .notFound, "\(role)")
            // Not the units above or below its own either.
            #expect(Policy.decide(a, .read, .notice(userID: nil, unitID: 3)) == .notFound, "\(role): parent")
            #expect(Policy.decide(a, .read, .notice(userID: nil, unitID: 200)) == .notFound, "\(role): child")
        }
        #expect(Policy.decide(actor(.admin, nil), .update, .notice(userID: nil, unitID: 20)) == .notFound)
        #expect(Policy.decide(nil, .read, .notice(userID: 9, unitID: nil)) == .forbidden(Policy.mustSignIn))
        // An editor reads the unit's records nowhere, so it gets its own notices only, not its unit's.
        #expect(Policy.noticeScope(actor(.editor, dakRuong)) == NoticeScope(userID: 9, unitID: nil))
        #expect(Policy.decide(actor(.editor, dakRuong), .read, .notice(userID: nil, unitID: 20)) == .notFound)
        #expect(Policy.decide(actor(.editor, dakRuong), .read, .notice(userID: 9, unitID: nil)) == .allow)
        #expect(Policy.noticeScope(actor(.unitOfficer, dakRuong)) == NoticeScope(userID: 9, unitID: 20))
    }
}
