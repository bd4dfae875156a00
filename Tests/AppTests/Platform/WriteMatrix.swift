import Domain
import Foundation
import Vapor

@testable import App

// The write matrix (issue 12, item 2): every write route of the web UI and the API, for every demo role,
// on a record of the actor's own unit and on one of another unit, with the outcome written down as data.
// `WriteMatrixTests` sends every case through the real middleware and fails on any difference, on a write
// route that has no row here, and on a row whose route no longer exists.
// Size: 66 write routes × 6 roles × 1–3 scopes (142 route-scope pairs) = 852 cases (the completeness test
// prints it).
// WRITE_MATRIX_VERBOSE=1 prints every case with its status and the number of audit entries it wrote.
// A case where the app disagrees with the Policy holds the Policy's answer and a `knownIssue`; once the app is
// fixed, the known issue is no longer recorded and the test fails until the note is removed.

/// The six demo accounts, in the order of every expectation string below.
enum MatrixRole: String, CaseIterable, Sendable, CustomStringConvertible {
    case admin, noivu, hoidong, giaoduc, dakruong, bientap

    var description: String { rawValue }
    var password: String { self == .admin ? adminPassword : demoPassword }

    /// The unit whose records are "own": the account's unit. The admin has none; Đăk Ruồng stands in.
    var ownUnitCode: String {
        switch self {
        case .admin: return "KR-DAKRUONG"
        case .noivu: return "KR-PNV"
        case .hoidong: return "KR-VP"
        case .giaoduc: return "KR-GDDT"
        case .dakruong: return "KR-DAKRUONG"
        case .bientap: return "KR-TTVH"
        }
    }

    /// "Other unit" for everyone: a commune outside every demo account's subtree.
    static let otherUnitCode = "KR-TANLAP"
}

/// Which record a case acts on.
enum MatrixScope: String, Sendable, CustomStringConvertible {
    /// A record of the actor's own unit subtree (for units: a unit below the actor's unit; for movements: one the
    /// actor's unit leads; for council ballots: the actor's own seat).
    case own
    /// The same kind of record in another unit (Tân Lập) (for movements: led by another unit; for council ballots:
    /// another member's paper ballot entered by the actor).
    case other
    /// Another unit's record tied to a movement the actor's unit leads (what a lead agency follows across units).
    case led
    /// The route has no unit scope (catalogue, council, new movements, sessions).
    case any

    var description: String { rawValue }
}

/// What a case must answer.
enum MatrixOutcome: Character, Sendable {
    /// The write goes through: 2xx, or a 3xx that is not an error page (web forms redirect after success).
    case allowed = "A"
    /// 403: the actor sees the record but may not do this.
    case forbidden = "F"
    /// 404: the record is outside the actor's scope (its existence is not revealed).
    case notFound = "N"
    /// Imports have no route-level check: the file is accepted, and every row for a unit the actor may not
    /// write is refused (422 with the row and column, or an import job that fails); nothing is written.
    case refusedRows = "R"
}

/// A request to send: the concrete path and its body.
struct MatrixCall: Sendable {
    enum Body: Sendable {
        case none
        case form([(String, String)])
        case json(Data)
        case upload(fields: [(String, String)], filename: String, type: String, bytes: [UInt8])
    }
    enum Kind: Sendable { case plain, importJob, importSync }

    var path: String
    var body: Body = .none
    var kind: Kind = .plain

    /// A web form (the CSRF token is added when sent).
    static func form(_ path: String, _ fields: [(String, String)] = []) -> MatrixCall {
        MatrixCall(path: path, body: .form(fields))
    }
    /// A JSON body.
    static func json(_ path: String, _ object: [String: Any]) -> MatrixCall {
        MatrixCall(path: path, body: .json(matrixJSON(object)))
    }
    /// A form's fields as a JSON body (see `formAsJSON`).
    static func json(_ path: String, form fields: [(String, String)]) -> MatrixCall { json(path, formAsJSON(fields)) }
    /// A request without a body.
    static func bare(_ path: String) -> MatrixCall { MatrixCall(path: path) }
    /// A multipart upload of a small PDF in the field "file".
    static func pdf(_ path: String, _ fields: [(String, String)]) -> MatrixCall {
        MatrixCall(
            path: path,
            body: .upload(
                fields: fields, filename: "tep.pdf", type: "application/pdf",
                bytes: Fields.pdf))
    }
}

/// Per scope, one letter per role in `MatrixRole.allCases` order (spaces ignored): A, F, N or R.
struct Expect: Sendable {
    let own: String
    let other: String
    var led: String?
}

/// One write route: its method and path pattern as registered, the expected outcome per scope and role, and how
/// to build the request for a scope (fixtures are created fresh for every case by the admin, through the API,
/// the web or — for dossiers with their documents — the demo's own helper).
struct WriteRow: Sendable {
    let method: HTTPMethod
    let path: String
    /// Per scope, one letter per role in `MatrixRole.allCases` order (spaces ignored): A, F, N or R.
    let cases: [(MatrixScope, String)]
    /// Statuses that also prove access was granted for an `.allowed` case (e.g. 409 for a version that exists).
    var alsoGranted: Set<UInt> = []
    /// "role/scope" → why the app answers differently from the Policy today (the row holds the Policy's answer).
    var knownIssues: [String: String] = [:]
    /// The case signs the actor out; such rows run last.
    var endsSession = false
    let build: @Sendable (MatrixFixture, MatrixScope) async throws -> MatrixCall

    var key: String { "\(method.rawValue) \(path)" }

    func expected(_ role: MatrixRole, _ scope: MatrixScope) -> MatrixOutcome? {
        let all = MatrixRole.allCases
        guard let letters = cases.first(where: { $0.0 == scope })?.1.filter({ $0 != " " }),
            let index = all.firstIndex(of: role), letters.count == all.count
        else { return nil }
        return MatrixOutcome(rawValue: Array(letters)[index])
    }
}

extension WriteRow {
    typealias Build = @Sendable (MatrixFixture, MatrixScope) async throws -> MatrixCall

    init(_ method: HTTPMethod, _ path: String, _ e: Expect, build: @escaping Build) {
        let cases: [(MatrixScope, String)] = [(.own, e.own), (.other, e.other)] + (e.led.map { [(.led, $0)] } ?? [])
        self.init(method: method, path: path, cases: cases, build: build)
    }

    init(_ method: HTTPMethod, _ path: String, any: String, endsSession: Bool = false, build: @escaping Build) {
        self.init(method: method, path: path, cases: [(.any, any)], endsSession: endsSession, build: build)
    }

    func also(_ statuses: UInt...) -> WriteRow {
        var r = self
        r.alsoGranted = Set(statuses)
        return r
    }
    func knownIssue(_ role: MatrixRole, _ scope: MatrixScope, _ why: String) -> WriteRow {
        var r = self
        r.knownIssues["\(role)/\(scope)"] = why
        return r
    }
}

enum WriteMatrix {
    /// Write routes that need no role, so they have no row: signing in is public (AuthTests,
    /// AccessTests.publicRoutes).
    static let excluded: [String: String] = [
        "POST /dang-nhap": "public: signing in (AuthTests)",
        "POST /api/v1/auth/token": "public: issuing an API token (AuthTests)",
        "POST /gioi-thieu-dien-hinh": "public: a citizen's proposal, rate-limited per address (ProposalTests)",
        "POST /api/v1/proposals": "public: a citizen's proposal, rate-limited per address (ProposalTests)",
        "POST /app/tai-khoan/phien/ket-thuc-khac":
            "own sessions only, no role or scope; it ends the matrix's own API token (AccountTests.sessions)",
    ]

    // Roles, left to right:         admin noivu hoidong giaoduc dakruong bientap
    // Unit records (Policy .unitRecord): the standing office writes everywhere, a council member reads only
    // (403), a lead agency and a unit officer write in their own subtree and see nothing elsewhere (404) — except
    // that a lead agency follows and nurtures (updates) the registrations of its movements across units (403 on
    // creating there); an editor sees no unit records (404).
    static let recordCreate = Expect(own: "A A F A A N", other: "A A F N N N", led: "A A F F N N")
    static let recordUpdate = Expect(own: "A A F A A N", other: "A A F N N N", led: "A A F A N N")
    static let recordCreateNoLed = Expect(own: recordCreate.own, other: recordCreate.other)
    static let recordUpdateNoLed = Expect(own: recordUpdate.own, other: recordUpdate.other)
    /// Writes to a subject's facts (annual records, initiatives, awards) belong to the subject's unit: a lead agency
    /// that reads the subject through a registration of its movement may not change them (403, not 404: it sees it).
    static let subjectWrite = Expect(own: "A A F A A N", other: "A A F N N N", led: "A A F F N N")
    /// Council acts on a dossier (.council after reading the dossier): the standing office of the council it was
    /// sent to (the district's: noivu) only; 403 to a seat on that council, 404 to everybody else — who may read the
    /// dossier but has no part in that council.
    static let councilOnDossier = Expect(own: "A A F N N N", other: "A A F N N N")
    /// One council's work (the district's): its standing office; its seats read it (403); other councils' people
    /// do not see it (404).
    static let councilOnly = "A A F N N N"
    static let ballots = Expect(own: "F A A N N N", other: "A A F N N N")
    /// Units (Policy .newUnit / .unit): the standing office; a unit officer below its own unit (403 outside it,
    /// also when the parent is another unit); other roles read only (403). A unit officer sees only its subtree.
    static let unitCreate = Expect(own: "A A F F A F", other: "A A F F F F")
    static let unitChange = Expect(own: "A A F F A F", other: "A A F F N F")
    static let reorganise = "A A F F F F"
    /// Accounts (Policy .user): the standing office; a unit officer reads its subtree's accounts (403 on writing);
    /// nobody else sees accounts (404).
    static let account = Expect(own: "A A N N F N", other: "A A N N N N")
    /// Movements (Policy .movement): the standing office; a lead agency updates the movements its unit leads (own)
    /// and nothing else (403); other roles read only (403).
    static let movementUpdate = Expect(own: "A A F A F F", other: "A A F F F F")
    /// Imports: who may not create unit records is refused before the file is read (403); for the others the scope
    /// is the unit code written in each row of the file.
    static let importRows = Expect(own: "A A F A A F", other: "A A F R R F")

    static let rows: [WriteRow] =
        organisation + movements + catalogue + lifecycle + imports + dossiers + council
        + decisions + sessions + certificates + stateDecisions + notices + rewards + accounts
        + setup
        + groupWorkWrites
        + reportWrites
        + judgementWrites
        + replicationWrites
        + mediaProposalWrites
        + storyWrites
        + eventWrites
        + consentWrites

    // MARK: Organisation

    static let organisation: [WriteRow] = [
        WriteRow(.POST, "/app/units", unitCreate) { fx, s in .form("/app/units", try await fx.newUnitFields(s)) },
        WriteRow(.POST, "/app/units/:id", unitChange) { fx, s in
            let u = try await fx.childUnit(s)
            return .form("/app/units/\(u.id)", u.fields)
        },
        WriteRow(.POST, "/app/units/:id/delete", unitChange) { fx, s in
            .form("/app/units/\(try await fx.childUnit(s).id)/delete")
        },
        WriteRow(.POST, "/api/v1/units", unitCreate) { fx, s in
            .json("/api/v1/units", form: try await fx.newUnitFields(s))
        },
        WriteRow(.PUT, "/api/v1/units/:id", unitChange) { fx, s in
            let u = try await fx.childUnit(s)
            return .json("/api/v1/units/\(u.id)", form: u.fields)
        },
        WriteRow(.DELETE, "/api/v1/units/:id", unitChange) { fx, s in
            .bare("/api/v1/units/\(try await fx.childUnit(s).id)")
        },
        // Reorganising the tree (Policy .reorganisation): the standing office and the administrator only (403).
        // The preview writes nothing: its 200 is the proof of access.
        WriteRow(.POST, "/app/units/reorganise", any: reorganise) { fx, _ in
            .form("/app/units/reorganise", [("text", try await fx.abolishFile())])
        }.also(200),
        WriteRow(.POST, "/app/units/reorganise/apply", any: reorganise) { fx, _ in
            .form("/app/units/reorganise/apply", [("text", try await fx.abolishFile())])
        },
        WriteRow(.POST, "/app/users", account) { fx, s in
            .form("/app/users", try await fx.newUserFields(s) + [("active", "on")])
        },
        WriteRow(.POST, "/app/users/:id", account) { fx, s in
            let u = try await fx.user(s)
            return .form("/app/users/\(u.id)", u.fields + [("active", "on")])
        },
        WriteRow(.POST, "/api/v1/users", account) { fx, s in
            .json("/api/v1/users", form: try await fx.newUserFields(s))
        },
        WriteRow(.PUT, "/api/v1/users/:id", account) { fx, s in
            let u = try await fx.user(s)
            return .json("/api/v1/users/\(u.id)", form: u.fields)
        },
    ]

    // MARK: Movements

    static let movements: [WriteRow] = [
        WriteRow(.POST, "/app/movements", any: "A A F F F F") { fx, _ in
            .form("/app/movements", try await fx.newMovementFields())
        },
        WriteRow(.POST, "/app/movements/:id", movementUpdate) { fx, s in
            let m = try await fx.movement(s)
            return .form("/app/movements/\(m.id)", m.fields)
        },
        WriteRow(.POST, "/api/v1/movements", any: "A A F F F F") { fx, _ in
            .json("/api/v1/movements", form: try await fx.newMovementFields())
        },
        WriteRow(.PUT, "/api/v1/movements/:id", movementUpdate) { fx, s in
            let m = try await fx.movement(s)
            return .json("/api/v1/movements/\(m.id)", form: m.fields)
        },
    ]

    // MARK: Catalogue

    static let catalogue: [WriteRow] = [
        // Policy .catalogue: the standing office only. The shipped file is sent again: 409 (the version exists)
        // proves access without changing the catalogue every other case uses.
        WriteRow(.POST, "/app/catalogue", any: "A A F F F F") { fx, _ in
            let file = try fx.shippedCatalogue()
            return MatrixCall(
                path: "/app/catalogue",
                body: .upload(
                    fields: [], filename: "catalogue.json",
                    type: "application/json", bytes: file))
        }.also(409),
        // Policy .calendar: the administrator and the standing office. A day that is no date (422) or a day not
        // in the table (404) proves access without changing the calendar the other cases use.
        WriteRow(.POST, "/app/calendar", any: "A A F F F F") { _, _ in
            .form("/app/calendar", [("day", "31/02/2026"), ("kind", "day-off"), ("name", "x"), ("basis", "y")])
        }.also(422),
        WriteRow(.POST, "/app/calendar/days/:id", any: "A A F F F F") { _, _ in
            .form(
                "/app/calendar/days/999999",
                [("day", "01/09/2026"), ("kind", "day-off"), ("name", "x"), ("basis", "y")])
        }.also(404),
        WriteRow(.POST, "/app/calendar/days/:id/delete", any: "A A F F F F") { _, _ in
            .form("/app/calendar/days/999999/delete", [])
        }.also(404),
    ]

    // MARK: Lifecycle: registrations, nurturing, evaluations, evidence, subjects' facts, unit criteria

    static let lifecycle: [WriteRow] = [
        WriteRow(.POST, "/app/registrations", recordCreate) { fx, s in
            .form("/app/registrations", try await fx.newRegistrationFields(s))
        },
        WriteRow(.POST, "/app/registrations/:id", recordUpdate) { fx, s in
            let r = try await fx.registration(s)
            return .form("/app/registrations/\(r.id)", r.editFields)
        },
        WriteRow(.POST, "/app/registrations/:id/transitions", recordUpdate) { fx, s in
            .form("/app/registrations/\(try await fx.registrationID(s))/transitions", Fields.transition)
        },
        WriteRow(.POST, "/app/registrations/:id/actions", recordUpdate) { fx, s in
            .form("/app/registrations/\(try await fx.registrationID(s))/actions", Fields.action)
        },
        WriteRow(.POST, "/app/registrations/:id/evidence", recordUpdate) { fx, s in
            .pdf("/app/registrations/\(try await fx.registrationID(s))/evidence", Fields.evidence)
        },
        WriteRow(.POST, "/app/registrations/:id/evaluations", recordUpdate) { fx, s in
            .form("/app/registrations/\(try await fx.registrationID(s))/evaluations", Fields.evaluation)
        },
        WriteRow(.POST, "/app/actions/:id", recordUpdate) { fx, s in
            .form("/app/actions/\(try await fx.action(s))", Fields.action)
        },
        WriteRow(.POST, "/api/v1/registrations", recordCreate) { fx, s in
            .json("/api/v1/registrations", try await fx.newRegistrationJSON(s))
        },
        WriteRow(.PUT, "/api/v1/registrations/:id", recordUpdate) { fx, s in
            let r = try await fx.registration(s)
            return .json("/api/v1/registrations/\(r.id)", r.editJSON)
        },
        WriteRow(.POST, "/api/v1/registrations/:id/transitions", recordUpdate) { fx, s in
            .json("/api/v1/registrations/\(try await fx.registrationID(s))/transitions", form: Fields.transition)
        },
        WriteRow(.POST, "/api/v1/registrations/:id/actions", recordUpdate) { fx, s in
            .json("/api/v1/registrations/\(try await fx.registrationID(s))/actions", form: Fields.action)
        },
        WriteRow(.PUT, "/api/v1/actions/:id", recordUpdate) { fx, s in
            .json("/api/v1/actions/\(try await fx.action(s))", form: Fields.action)
        },
        WriteRow(.POST, "/api/v1/registrations/:id/evaluations", recordUpdate) { fx, s in
            .json("/api/v1/registrations/\(try await fx.registrationID(s))/evaluations", form: Fields.evaluation)
        },
        WriteRow(.POST, "/api/v1/registrations/:id/evidence", recordUpdate) { fx, s in
            .pdf("/api/v1/registrations/\(try await fx.registrationID(s))/evidence", Fields.evidence)
        },
        // A subject's facts: "led" is a subject of another unit whose registration is in the actor's movement.
        WriteRow(.POST, "/app/subjects/:id/annual-records", subjectWrite) { fx, s in
            .form("/app/subjects/\(try await fx.subjectID(s))/annual-records", Fields.annualRecord)
        },
        WriteRow(.POST, "/app/subjects/:id/initiatives", subjectWrite) { fx, s in
            .form("/app/subjects/\(try await fx.subjectID(s))/initiatives", Fields.initiative)
        },
        WriteRow(.POST, "/app/subjects/:id/awards", subjectWrite) { fx, s in
            .form("/app/subjects/\(try await fx.subjectID(s))/awards", Fields.award)
        },
        WriteRow(.POST, "/app/awards/:aid/delete", subjectWrite) { fx, s in
            .form("/app/awards/\(try await fx.award(s))/delete")
        },
        WriteRow(.PUT, "/api/v1/subjects/:id/annual-records", subjectWrite) { fx, s in
            let body: [String: Any] = [
                "year": 2024, "taskRating": TaskRating.good.rawValue,
                "titles": ["Lao động tiên tiến"],
            ]
            return .json("/api/v1/subjects/\(try await fx.subjectID(s))/annual-records", body)
        },
        WriteRow(.POST, "/api/v1/subjects/:id/initiatives", subjectWrite) { fx, s in
            .json("/api/v1/subjects/\(try await fx.subjectID(s))/initiatives", form: Fields.initiative)
        },
        WriteRow(.POST, "/api/v1/subjects/:id/awards", subjectWrite) { fx, s in
            .json("/api/v1/subjects/\(try await fx.subjectID(s))/awards", form: Fields.award)
        },
        // A unit's own criteria (Policy .unitRecord create, by the unit in the body).
        WriteRow(.POST, "/app/criteria", recordCreateNoLed) { fx, s in
            .form("/app/criteria", try await fx.unitCriterionFields(s))
        },
        WriteRow(.POST, "/api/v1/unit-criteria", recordCreateNoLed) { fx, s in
            .json("/api/v1/unit-criteria", form: try await fx.unitCriterionFields(s))
        },
        // Opening a new year (Policy .yearRollover): the standing office and the administrator only (403).
        WriteRow(.POST, "/app/new-year/criteria", any: "A A F F F F") { fx, _ in
            .form("/app/new-year/criteria", try await fx.rolloverFields())
        },
        WriteRow(.POST, "/app/new-year/invitations", any: "A A F F F F") { fx, _ in
            .form("/app/new-year/invitations", try await fx.renewalFields())
        },
    ]

    // MARK: Imports

    static let imports: [WriteRow] = [
        WriteRow(.POST, "/app/imports", importRows) { fx, s in
            MatrixCall(path: "/app/imports", body: fx.registrationImport(s), kind: .importJob)
        },
        WriteRow(.POST, "/app/imports/annual-records", importRows) { fx, s in
            MatrixCall(path: "/app/imports/annual-records", body: fx.annualImport(s), kind: .importSync)
        },
        WriteRow(.POST, "/api/v1/imports", importRows) { fx, s in
            MatrixCall(path: "/api/v1/imports", body: fx.registrationImport(s), kind: .importJob)
        },
        WriteRow(.POST, "/api/v1/imports/annual-records", importRows) { fx, s in
            MatrixCall(path: "/api/v1/imports/annual-records", body: fx.annualImport(s), kind: .importSync)
        },
    ]

    // MARK: Commendation: dossiers (the unit builds, the standing office appraises and records the decision)

    static let dossiers: [WriteRow] = [
        WriteRow(.POST, "/app/dossiers", recordCreateNoLed) { fx, s in
            .form("/app/dossiers", try await fx.newDossierFields(s))
        },
        WriteRow(.POST, "/app/dossiers/:id/nominees", recordUpdateNoLed) { fx, s in
            let d = try await fx.dossier(s, .draft)
            return .form("/app/dossiers/\(d.id)/nominees", try await fx.nomineeFields(d))
        },
        WriteRow(.POST, "/app/dossiers/:id/nominees/:nid/delete", recordUpdateNoLed) { fx, s in
            let d = try await fx.dossier(s, .draft)
            return .form("/app/dossiers/\(d.id)/nominees/\(d.nominee)/delete")
        },
        WriteRow(.POST, "/app/dossiers/:id/nominees/:nid/withdraw", recordUpdateNoLed) { fx, s in
            let d = try await fx.dossier(s, .draft)
            return .form(
                "/app/dossiers/\(d.id)/nominees/\(d.nominee)/withdraw", [("reason", "Đề nghị hình thức cao hơn")])
        },
        WriteRow(.POST, "/app/dossiers/:id/documents", recordUpdateNoLed) { fx, s in
            .pdf("/app/dossiers/\(try await fx.dossier(s, .draft).id)/documents", [("kind", "bien-ban-binh-xet")])
        },
        WriteRow(.POST, "/app/dossiers/:id/documents/generate", recordUpdateNoLed) { fx, s in
            .form("/app/dossiers/\(try await fx.dossier(s, .draft).id)/documents/generate", [("kind", "to-trinh")])
        },
        WriteRow(.POST, "/app/dossiers/:id/submit", recordUpdateNoLed) { fx, s in
            .form("/app/dossiers/\(try await fx.dossier(s, .draft).id)/submit")
        },
        WriteRow(.POST, "/app/dossiers/:id/nominees/:nid/appraisal", councilOnDossier) { fx, s in
            let d = try await fx.dossier(s, .submitted)
            return .form("/app/dossiers/\(d.id)/nominees/\(d.nominee)/appraisal", Fields.appraisal)
        },
        WriteRow(.POST, "/app/dossiers/:id/appraisal/finish", councilOnDossier) { fx, s in
            .form("/app/dossiers/\(try await fx.dossier(s, .appraisedNominees).id)/appraisal/finish")
        },
        WriteRow(.POST, "/app/dossiers/:id/forward", councilOnDossier) { fx, s in
            .form("/app/dossiers/\(try await fx.forwardableDossier(s))/forward")
        },
        WriteRow(.POST, "/app/dossiers/:id/decision", councilOnDossier) { fx, s in
            .form("/app/dossiers/\(try await fx.dossier(s, .reviewed).id)/decision", Fields.decision)
        },
        WriteRow(.POST, "/api/v1/dossiers", recordCreateNoLed) { fx, s in
            .json("/api/v1/dossiers", form: try await fx.newDossierFields(s))
        },
        WriteRow(.POST, "/api/v1/dossiers/:id/nominees", recordUpdateNoLed) { fx, s in
            let d = try await fx.dossier(s, .draft)
            var body = formAsJSON(try await fx.nomineeFields(d))
            body["acknowledgeWarning"] = true
            return .json("/api/v1/dossiers/\(d.id)/nominees", body)
        },
        WriteRow(.POST, "/api/v1/dossiers/:id/nominees/:nid/withdraw", recordUpdateNoLed) { fx, s in
            let d = try await fx.dossier(s, .draft)
            return .json(
                "/api/v1/dossiers/\(d.id)/nominees/\(d.nominee)/withdraw", ["reason": "Đề nghị hình thức cao hơn"])
        },
        WriteRow(.POST, "/api/v1/dossiers/:id/submit", recordUpdateNoLed) { fx, s in
            .bare("/api/v1/dossiers/\(try await fx.dossier(s, .draft).id)/submit")
        },
        WriteRow(.POST, "/api/v1/dossiers/:id/nominees/:nid/appraisal", councilOnDossier) { fx, s in
            let d = try await fx.dossier(s, .submitted)
            return .json("/api/v1/dossiers/\(d.id)/nominees/\(d.nominee)/appraisal", form: Fields.appraisal)
        },
        WriteRow(.POST, "/api/v1/dossiers/:id/appraisal/finish", councilOnDossier) { fx, s in
            .bare("/api/v1/dossiers/\(try await fx.dossier(s, .appraisedNominees).id)/appraisal/finish")
        },
        WriteRow(.POST, "/api/v1/dossiers/:id/decision", councilOnDossier) { fx, s in
            .json("/api/v1/dossiers/\(try await fx.dossier(s, .reviewed).id)/decision", form: Fields.decision)
        },
    ]

    // MARK: Commendation: the council (web only)

    static let council: [WriteRow] =
        [
            // Policy .authority: the administrator declares an authority; its standing office keeps its data.
            WriteRow(.POST, "/app/authorities", any: "A F F F F F") { fx, _ in
                .form("/app/authorities", try await fx.authorityFields(unitCode: "KR-DAKKOI-T01"))
            },
            WriteRow(.POST, "/app/authorities/:id", any: "A A F F F F") { fx, _ in
                .form("/app/authorities/\(fx.district)", try await fx.authorityFields(existing: fx.district))
            },
            // Policy .council: the standing office runs the council; everyone else is refused (403).
            WriteRow(.POST, "/app/council/members", any: councilOnly) { fx, _ in
                .form(
                    "/app/council/members",
                    [
                        ("authorityID", String(fx.district)), ("name", "Thành viên thử \(fx.next())"),
                        ("position", "Ủy viên"),
                    ])
            },
            WriteRow(.POST, "/app/council/members/:mid/active", any: councilOnly) { fx, _ in
                .form("/app/council/members/\(try await fx.councilMember())/active")
            },
            WriteRow(.POST, "/app/council/meetings", any: councilOnly) { fx, _ in
                let dossier = try await fx.dossier(.own, .appraised).id
                return .form("/app/council/meetings", Fields.meeting(dossiers: [dossier], authority: fx.district))
            },
            WriteRow(.POST, "/app/council/meetings/:id/attendance", any: councilOnly) { fx, _ in
                let m = try await fx.meeting(.preparing)
                return .form("/app/council/meetings/\(m.id)/attendance", try await fx.allPresentFields(m.id))
            },
            WriteRow(.POST, "/app/council/meetings/:id/open", any: councilOnly) { fx, _ in
                .form("/app/council/meetings/\(try await fx.meeting(.allPresent).id)/open")
            },
            // own: the actor's own ballot (Policy .councilVote(isMember:)); other: another member's paper ballot, entered
            // by the actor (.council). Reading the meeting comes first: who holds no seat and does not run the council
            // does not see it (404).
            // The administrator holds no seat: the Policy refuses its own ballot (403) as the roster does.
            WriteRow(.POST, "/app/council/meetings/:id/ballots", ballots) { fx, s in
                let m = try await fx.meeting(.voting)
                var fields = m.nominees.map { ("choice_\($0)", BallotChoice.agree.rawValue) }
                if s == .other { fields.append(("memberID", String(try await fx.paperSeat(m.id)))) }
                return .form("/app/council/meetings/\(m.id)/ballots", fields)
            },
            WriteRow(.POST, "/app/council/meetings/:id/close", any: councilOnly) { fx, _ in
                .form("/app/council/meetings/\(try await fx.meeting(.balloted).id)/close", [("notes", "Thống nhất.")])
            },
        ] + councilAPI

    // MARK: Commendation: authorities and the council in the API (issue 13, item 3), the same rules as the web

    static let councilAPI: [WriteRow] = [
        // Policy .authority: a new one by the administrator; an existing one also by its standing office.
        WriteRow(.POST, "/api/v1/authorities", any: "A F F F F F") { fx, _ in
            .json("/api/v1/authorities", try await fx.newAuthorityJSON())
        },
        WriteRow(.PUT, "/api/v1/authorities/:id", any: "A A F F F F") { fx, _ in
            .json("/api/v1/authorities/\(fx.district)", try await fx.authorityJSON(fx.district))
        },
        WriteRow(.POST, "/api/v1/councils/:id/members", any: councilOnly) { fx, _ in
            .json(
                "/api/v1/councils/\(fx.district)/members",
                ["name": "Thành viên thử \(fx.next())", "position": "Ủy viên"])
        },
        WriteRow(.POST, "/api/v1/council-members/:mid/active", any: councilOnly) { fx, _ in
            .json("/api/v1/council-members/\(try await fx.councilMember())/active", ["active": false])
        },
        WriteRow(.POST, "/api/v1/councils/:id/meetings", any: councilOnly) { fx, _ in
            let dossier = try await fx.dossier(.own, .appraised).id
            var body = formAsJSON(Fields.meeting(dossiers: [dossier], authority: fx.district))
            body["authorityID"] = nil
            return .json("/api/v1/councils/\(fx.district)/meetings", body)
        },
        WriteRow(.PUT, "/api/v1/meetings/:id/attendance", any: councilOnly) { fx, _ in
            let m = try await fx.meeting(.preparing)
            let present = try await fx.allPresentFields(m.id).compactMap { Int($0.0.dropFirst("attendance_".count)) }
            return .json("/api/v1/meetings/\(m.id)/attendance", ["present": present])
        },
        WriteRow(.POST, "/api/v1/meetings/:id/open", any: councilOnly) { fx, _ in
            .bare("/api/v1/meetings/\(try await fx.meeting(.allPresent).id)/open")
        },
        // own: the actor's own seat; other: another member's paper ballot entered by the actor (as on the web).
        WriteRow(.POST, "/api/v1/meetings/:id/ballots", ballots) { fx, s in
            let m = try await fx.meeting(.voting)
            var body: [String: Any] = [
                "choices": Dictionary(
                    uniqueKeysWithValues: m.nominees.map { (String($0), BallotChoice.agree.rawValue) })
            ]
            if s == .other { body["memberID"] = try await fx.paperSeat(m.id) }
            return .json("/api/v1/meetings/\(m.id)/ballots", body)
        },
        WriteRow(.POST, "/api/v1/meetings/:id/close", any: councilOnly) { fx, _ in
            .json("/api/v1/meetings/\(try await fx.meeting(.balloted).id)/close", ["notes": "Thống nhất."])
        },
        // The matrix's dossiers hold a form the district itself decides: nothing to forward (409) proves access.
        WriteRow(.POST, "/api/v1/dossiers/:id/forward", councilOnDossier) { fx, s in
            .bare("/api/v1/dossiers/\(try await fx.dossier(s, .reviewed).id)/forward")
        }.also(409),
    ]

    // MARK: Sessions (run last: they end the actor's session or token)

    static let sessions: [WriteRow] = [
        WriteRow(.POST, "/dang-xuat", any: "A A A A A A", endsSession: true) { _, _ in .form("/dang-xuat") },
        WriteRow(.DELETE, "/api/v1/auth/token", any: "A A A A A A", endsSession: true) { _, _ in
            .bare("/api/v1/auth/token")
        },
    ]
}

/// JSON bytes of a literal body.
func matrixJSON(_ object: [String: Any]) -> Data {
    (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
}

/// A form as JSON: "x[]" keys become arrays of numbers; ids, years and other numeric fields become numbers.
func formAsJSON(_ fields: [(String, String)]) -> [String: Any] {
    let numeric: Set<String> = ["year", "unitID", "parentID", "subjectID", "fromYear", "toYear"]
    var out: [String: Any] = [:]
    for (k, v) in fields {
        if k.hasSuffix("[]") {
            let key = String(k.dropLast(2))
            out[key] = (out[key] as? [Int] ?? []) + [Int(v) ?? 0]
        } else if numeric.contains(k), let n = Int(v) {
            out[k] = n
        } else if k == "active" {
            out[k] = v == "on"
        } else {
            out[k] = v
        }
    }
    return out
}

/// The bodies the rows send, as form fields (the API rows send them as JSON through `formAsJSON`).
enum Fields {
    static let transition = [("to", RegistrationStatus.nurturing.rawValue)]
    static let action = [("title", "Tập huấn kỹ năng"), ("responsible", "Tổ công tác xã"), ("dueDate", "31/12/2025")]
    static let evaluation = [
        ("date", "01/06/2025"), ("period", "6 tháng đầu năm 2025"), ("evaluator", "Tổ đánh giá"),
        ("conclusion", EvaluationConclusion.inProgress.rawValue),
    ]
    static let evidence = [("description", "Ảnh hiện trường")]
    static let annualRecord = [
        ("year", "2024"), ("taskRating", TaskRating.good.rawValue),
        ("titles", "Lao động tiên tiến"),
    ]
    static let initiative = [
        ("year", "2024"), ("kind", "sang-kien"), ("title", "Sáng kiến thử"),
        ("scope", InitiativeScope.coSo.rawValue),
    ]
    static let award = [
        ("formCode", "giay-khen"), ("level", AwardLevel.xa.rawValue), ("year", "2023"),
        ("decisionNumber", "12/QĐ-UBND"), ("decisionDate", "22/12/2023"),
        ("authority", "Ủy ban nhân dân xã"),
    ]
    static let appraisal = [("result", NomineeAppraisal.passed.rawValue), ("note", "Đủ hồ sơ.")]
    static let decision = [
        // No number: the register gives the next one (a fixed number would be a duplicate from the second case on).
        ("number", ""), ("date", "20/12/2025"),
        ("authority", "Ủy ban nhân dân huyện Kon Rẫy"), ("signer", "Trần Văn Minh"),
        ("level", AwardLevel.huyen.rawValue),
    ]
    static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\nstartxref\n9\n%%EOF\n".utf8)

    static func meeting(dossiers: [Int], authority: Int) -> [(String, String)] {
        [
            ("authorityID", String(authority)), ("title", "Họp Hội đồng thử"), ("date", "15/12/2025"),
            ("location", "Phòng họp UBND huyện"),
            ("chair", "Nguyễn Văn An"), ("secretary", "Nguyễn Thị Hằng"),
        ] + dossiers.map { ("dossierIDs[]", String($0)) }
    }
}

// MARK: Authorities (issue 13, item 3)

extension MatrixFixture {
    /// An authority as the API answers it, which the API takes back unchanged.
    func authorityJSON(_ id: Int) async throws -> [String: Any] {
        let res = try await admin.send(.GET, "/api/v1/authorities/\(id)")
        guard res.status == .ok else { throw MatrixFixtureError("authority \(id) → \(res.status): \(res.text)") }
        return try res.jsonObject()
    }

    /// An agency head's authority on a fresh unit (a unit is declared once).
    func newAuthorityJSON() async throws -> [String: Any] {
        let unit = try await childUnit(.own).id
        var body = try await authorityJSON(district)
        body["unitID"] = unit
        body["standingUnitID"] = unit
        body["level"] = AuthorityLevel.coQuan.rawValue
        body["name"] = "Đơn vị thử \(next())"
        return body
    }
}
