import Foundation
import Testing

@testable import Domain

/// Issue 17, item 3: every fact has a class with its legal basis, and one Policy function says who reads which.
@Suite("Field classes (NĐ 13/2023) and who reads them")
struct FieldClassTests {
    let district = UnitPath(ids: [1, 3])
    let dakRuong = UnitPath(ids: [1, 3, 20])
    let tanLap = UnitPath(ids: [1, 3, 21])
    let education = UnitPath(ids: [1, 3, 5])

    func actor(_ role: Role, _ path: UnitPath?, movements: Set<Int> = []) -> Actor {
        Actor(userID: 9, username: "x", role: role, unitID: path?.ids.last, unitPath: path, leadMovementIDs: movements)
    }

    @Test("The facts the issue names are classified as NĐ 13/2023 says, each with its legal basis")
    func namedFacts() {
        let sensitive: [DataField] = [
            .annualDiscipline, .annualDisciplinePending, .annualMaternityLeave, .annualTreatmentLeave,
            .annualFamilyExclusions, .annualNote, .subjectEthnicity,
        ]
        let personal: [DataField] = [
            .subjectIDNumber, .subjectPhone, .subjectAddress, .subjectBirthDate, .subjectGender,
        ]
        for f in sensitive { #expect(f.fieldClass == .sensitive, "\(f)") }
        for f in personal { #expect(f.fieldClass == .personal, "\(f)") }
        #expect(DataField.subjectName.fieldClass == .public)
        #expect(DataField.annualTaskRating.fieldClass == .internal)
        #expect(DataField.annualMembersDisciplined.fieldClass == .internal, "a count names no one")
        for f in DataField.allCases {
            #expect(!f.legalBasis.isEmpty, "\(f)")
            #expect(f.rawValue == f.table + "." + f.column)
            if f.fieldClass >= .personal { #expect(f.legalBasis.contains("NĐ 13/2023"), "\(f)") }
        }
        #expect(FieldClass.public < .internal && .internal < .personal && .personal < .sensitive)
    }

    @Test(
        "Who reads which class of a Đăk Ruồng subject: own unit, standing office and admin all; council and lead agency across units work data; editor public"
    )
    func readableClasses() {
        let all = Set(FieldClass.allCases)
        let work: Set<FieldClass> = [.public, .internal]
        let cases: [(Actor?, Set<FieldClass>)] = [
            (actor(.admin, nil), all),
            (actor(.standingOffice, district), all),
            (actor(.standingOffice, nil), all),
            (actor(.unitOfficer, dakRuong), all),
            (actor(.unitOfficer, district), all), // a parent unit's officer: the subtree is its own
            (actor(.unitOfficer, tanLap), [.public]),
            (actor(.leadAgency, education, movements: [7]), work),
            (actor(.leadAgency, district), all),
            (actor(.councilMember, nil), work),
            (actor(.councilMember, district), work),
            (actor(.editor, dakRuong), [.public]),
            (nil, []),
        ]
        for (a, expected) in cases {
            #expect(Policy.readableClasses(a, subjectUnit: dakRuong) == expected, "\(String(describing: a?.role))")
            // .personalData gives the same answer.
            #expect(
                Policy.decide(a, .read, .personalData(dakRuong)).isAllowed == expected.contains(.personal),
                "\(String(describing: a?.role))")
        }
    }

    @Test("Writing a fact needs reading it; whoever may change a subject's records reads all its facts")
    func writeNeedsRead() {
        let lead = actor(.leadAgency, education, movements: [7])
        #expect(Policy.decideField(lead, .update, .subjectIDNumber, subjectUnit: dakRuong) != .allow)
        if case .forbidden(let m) = Policy.decideField(lead, .update, .subjectIDNumber, subjectUnit: dakRuong) {
            #expect(m.contains("Số CCCD"))
        }
        #expect(Policy.decideField(lead, .read, .subjectName, subjectUnit: dakRuong) == .allow)
        #expect(
            Policy.decideField(lead, .update, .subjectName, subjectUnit: dakRuong)
                == .forbidden(Policy.subjectOwnerOnly))
        #expect(
            Policy.decideField(actor(.unitOfficer, dakRuong), .update, .subjectPhone, subjectUnit: dakRuong) == .allow)
        #expect(Policy.decideField(actor(.councilMember, nil), .update, .subjectName, subjectUnit: dakRuong) != .allow)
        // The invariant the write guard relies on, for every role and unit.
        for role in Role.allCases {
            for own in [dakRuong, tanLap, education, district] {
                let a = actor(role, own, movements: [7])
                if Policy.decide(a, .update, .unitRecord(dakRuong, movementIDs: [])).isAllowed {
                    #expect(Policy.readableClasses(a, subjectUnit: dakRuong) == Set(FieldClass.allCases), "\(role)")
                }
            }
        }
    }

    @Test(
        "Eligibility reasons that can name discipline, leave or exclusions are marked; title and initiative ones are not"
    )
    func eligibilityReasons() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Rules")
        let sets = try RuleLibrary.load(directory: directory)
        let set = try #require(sets.first)
        #expect(Policy.revealsSensitive(.noDisciplineAtLeast(level: "khien-trach"), in: set))
        #expect(Policy.revealsSensitive(.noPendingDiscipline, in: set))
        #expect(Policy.revealsSensitive(.familyNotExcluded, in: set))
        #expect(Policy.revealsSensitive(.taskRatingAtLeast(rating: .excellent, treatmentCounts: true), in: set))
        #expect(Policy.revealsSensitive(.anyOf([.hasTitle(title: "x"), .noPendingDiscipline]), in: set))
        #expect(!Policy.revealsSensitive(.hasTitle(title: "x"), in: set))
        #expect(!Policy.revealsSensitive(.initiativeAtScope(scope: "co-so", count: 1, withinYears: 1), in: set))
        #expect(!Policy.revealsSensitive(.noMemberDisciplinedAtLeast(level: "canh-cao"), in: set))
        #expect(Policy.revealsSensitive(.qualifiesFor(form: "lao-dong-tien-tien"), in: set))
    }
}
