import Testing

@testable import Domain

@Suite("Events: kinds, workflow, participants, access")
struct EventKindsTests {
    @Test("Planned events are held or cancelled; a held event is final; a cancelled one may be planned again")
    func workflow() {
        #expect(EventWorkflow.allowed(from: .planned, to: .held))
        #expect(EventWorkflow.allowed(from: .planned, to: .cancelled))
        #expect(!EventWorkflow.allowed(from: .held, to: .cancelled))
        #expect(!EventWorkflow.allowed(from: .held, to: .planned))
        #expect(EventWorkflow.allowed(from: .cancelled, to: .planned))
        #expect(EventWorkflow.illegalMessage(from: .held, to: .cancelled).contains("là bước cuối"))
        #expect(EventKind.allCases.count == 4)
        #expect(EventKind.interimReview.label == "Hội nghị sơ kết")
    }

    @Test("Participants are read one a line: name; position; unit")
    func people() {
        let p = EventPerson.parseLines(
            "Nguyễn Văn A; Trưởng thôn; Thôn 3\n\n  Y Blông \nLê B, Bí thư, Đoàn xã, Đăk Ruồng")
        #expect(p.count == 3)
        #expect(p[0] == EventPerson(name: "Nguyễn Văn A", position: "Trưởng thôn", unit: "Thôn 3"))
        #expect(p[1] == EventPerson(name: "Y Blông", position: "", unit: ""))
        #expect(p[2].unit == "Đoàn xã, Đăk Ruồng")
        #expect(p[0].line == "Nguyễn Văn A; Trưởng thôn; Thôn 3")
    }

    @Test("Access: office and organising unit write; lead agency, council, editor read; another unit does not see")
    func access() {
        let commune = UnitPath(ids: [1, 14])
        let other = UnitPath(ids: [1, 15])
        func actor(_ role: Role, _ path: UnitPath?) -> Actor {
            Actor(userID: 1, username: "u", role: role, unitID: path?.ids.last, unitPath: path)
        }
        let officer = actor(.unitOfficer, commune)
        #expect(Policy.decide(officer, .update, .event(commune)) == .allow)
        #expect(Policy.decide(officer, .read, .event(other)) == .notFound)
        let lead = actor(.leadAgency, UnitPath(ids: [1, 5]))
        #expect(Policy.decide(lead, .read, .event(other)) == .allow)
        #expect(Policy.decide(lead, .update, .event(other)) == .forbidden(Policy.eventOnly))
        for role in [Role.councilMember, .editor] {
            #expect(Policy.decide(actor(role, UnitPath(ids: [1, 2])), .read, .event(other)) == .allow)
            #expect(Policy.decide(actor(role, UnitPath(ids: [1, 2])), .create, .event(other)).isAllowed == false)
        }
        #expect(Policy.decide(actor(.standingOffice, UnitPath(ids: [1, 3])), .create, .event(other)) == .allow)
        #expect(Policy.eventScope(officer) == .subtree(commune))
        #expect(Policy.eventScope(lead) == .all)
        #expect(Policy.decide(nil, .read, .event(other)).isAllowed == false)
        // The organisers a form offers agree with `decide(.create, …)` for every role, inside and outside its unit.
        for role in Role.allCases {
            let a = actor(role, UnitPath(ids: [1, 2]))
            for path in [UnitPath(ids: [1, 2]), UnitPath(ids: [1, 2, 7]), other, UnitPath(ids: [1])] {
                #expect(
                    Policy.eventCreateScope(a).contains(path) == Policy.decide(a, .create, .event(path)).isAllowed,
                    "\(role) at \(path.raw)")
            }
        }
        #expect(Policy.eventCreateScope(nil) == .none)
    }
}
