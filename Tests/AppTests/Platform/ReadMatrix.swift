import Domain
import Foundation
import Synchronization
import Vapor

@testable import App

// The read matrix (issue 17, "Also build"): every GET route of the web UI and the API, for every demo role, on a
// record of the actor's own unit, of another unit (Tân Lập) and — where a lead agency follows it — of another
// unit in a movement the actor's unit leads, plus an anonymous request, with the outcome written down as data.
// `ReadMatrixTests` sends every case through the real middleware and fails on any difference, on a GET route that
// has no row here, and on a row whose route no longer exists. Roles, scopes and the fixtures are the write
// matrix's (`WriteMatrix.swift`, `MatrixFixture`).
// Size: 76 GET routes × 6 roles × 1–3 scopes (139 route-scope pairs) = 834 cases, plus 80 anonymous requests
// (76 routes asking to sign in, 4 public routes answering) = 914 (the completeness test prints it).
// On a listing the scope's record carries a marker: "A" needs it listed, "H" needs it left out.
// READ_MATRIX_VERBOSE=1 prints every case with its status.
// A case where the app disagrees with the Policy holds the Policy's answer and a `knownIssue`.

/// What a read must answer.
enum ReadOutcome: Character, Sendable {
    /// 200; on a listing, the scope's marked record is in the body.
    case allowed = "A"
    /// 403: the actor sees the record but may not read this.
    case forbidden = "F"
    /// 404: the record is outside the actor's scope.
    case notFound = "N"
    /// A listing answers 200 without the scope's marked record (it is outside the actor's scope).
    case hidden = "H"
}

/// A GET to send, and for a listing the text of the record the scope made (found only when it is listed).
struct ReadCall: Sendable {
    var path: String
    var marker: String?
    static func page(_ path: String) -> ReadCall { ReadCall(path: path) }
    static func list(_ path: String, _ marker: String) -> ReadCall { ReadCall(path: path, marker: marker) }
}

struct ReadRow: Sendable {
    typealias Build = @Sendable (MatrixFixture, MatrixScope) async throws -> ReadCall
    let path: String
    let cases: [(MatrixScope, String)]
    var knownIssues: [String: String] = [:]
    let build: Build

    var key: String { "GET \(path)" }

    init(_ path: String, _ e: Expect, build: @escaping Build) {
        self.path = path
        cases = [(.own, e.own), (.other, e.other)] + (e.led.map { [(.led, $0)] } ?? [])
        self.build = build
    }

    init(_ path: String, any: String, build: @escaping Build) {
        self.path = path
        cases = [(.any, any)]
        self.build = build
    }

    func expected(_ role: MatrixRole, _ scope: MatrixScope) -> ReadOutcome? {
        let all = MatrixRole.allCases
        guard let letters = cases.first(where: { $0.0 == scope })?.1.filter({ $0 != " " }),
            let index = all.firstIndex(of: role), letters.count == all.count
        else { return nil }
        return ReadOutcome(rawValue: Array(letters)[index])
    }

    func knownIssue(_ role: MatrixRole, _ scope: MatrixScope, _ why: String) -> ReadRow {
        var r = self
        r.knownIssues["\(role)/\(scope)"] = why
        return r
    }
}

enum ReadMatrix {
    /// GET routes anyone may read signed out: anonymous requests must answer 200.
    static let publicRoutes: [String: String] = [
        "GET /": "the public home page",
        "GET /healthz": "the health check",
        "GET /dang-nhap": "the login page",
        "GET /api/v1/openapi.json": "the API document",
        // The public site (issue 10 §7): answers 200 to a visitor when the record is public (PublicSiteTests).
        "GET /chuyen-muc/:slug": "a column's stories",
        "GET /chuyen-muc/:slug/feed.atom": "a column's Atom feed",
        "GET /bai-viet/:ref": "a story page",
        "GET /anh/:id": "a public story's photo",
        "GET /dien-hinh": "exemplars by commune and field",
        "GET /dien-hinh/:id": "an exemplar page",
        "GET /tim-kiem": "public search",
        "GET /feed.atom": "the overall Atom feed",
        "GET /sitemap.xml": "the sitemap",
        "GET /sitemap/:part": "a part of a large sitemap",
        "GET /robots.txt": "robots.txt",
        "GET /api/v1/public/stories": "the public API: stories",
        "GET /api/v1/public/stories/:id": "the public API: a story",
        "GET /api/v1/public/exemplars/:id": "the public API: an exemplar",
        "GET /gioi-thieu-dien-hinh": "the public form to propose an exemplar",
    ]

    // Roles, left to right:         admin noivu hoidong giaoduc dakruong bientap
    static let everyone = "A A A A A A"
    /// Unit records (Policy .unitRecord, read): everyone but the editor in the own unit; across units the
    /// standing office and the council; a lead agency also the records of the movements it leads.
    static let recordRead = Expect(own: "A A A A A N", other: "A A A N N N", led: "A A A A N N")
    static let recordReadNoLed = Expect(own: recordRead.own, other: recordRead.other)
    /// A listing of unit records: the same, as the marked record present (A) or left out (H).
    static let recordList = Expect(own: "A A A A A H", other: "A A A H H H", led: "A A A A H H")
    /// Commendation listings (Policy.recordScope): no movement reach for the lead agency.
    static let commendationList = Expect(own: "A A A A A H", other: "A A A H H H")
    /// Forms that lead to a write: the write's own answer (WriteMatrix.recordUpdate).
    static let recordEditForm = WriteMatrix.recordUpdate
    static let createRecordsForm = "A A F A A F"
    static let unitRead = Expect(own: everyone, other: "A A A A N A")
    static let unitList = Expect(own: everyone, other: "A A A A H A")
    static let unitEditForm = WriteMatrix.unitChange
    static let accountRead = Expect(own: "A A N N A N", other: "A A N N N N")
    static let accountList = Expect(own: "A A N N A N", other: "A A N N H N")
    static let accountListAPI = Expect(own: "A A H H A H", other: "A A H H H H")
    static let standingOfficeOnly = "A A N N N N"
    static let councilRead = "A A A N N N"

    static let rows: [ReadRow] =
        web + api + decisionReads + certificateReads + stateDecisionReads + noticeReads + rewardReads
        + monitoringReads + accountReads
        + setupReads
        + groupWorkReads
        + statisticsReads
        + judgementReads
        + dashboardReads
        + exportReads
        + reportReads
        + replicationReads
        + mediaProposalReads
        + storyReads
        + eventReads
        + consentReads

    // MARK: Web pages

    static let web: [ReadRow] = [
        ReadRow("/app", any: everyone) { _, _ in .page("/app") },
        // Organisation
        ReadRow("/app/units", unitList) { fx, s in
            let u = try await fx.markedUnit(s)
            return .list("/app/units?q=\(ReadMatrix.search(u.marker))", u.marker)
        },
        ReadRow("/app/units/new", any: "A A F F A F") { _, _ in .page("/app/units/new") },
        ReadRow("/app/units/reorganise", any: "A A F F F F") { _, _ in .page("/app/units/reorganise") },
        ReadRow("/app/units/:id", unitRead) { fx, s in .page("/app/units/\(try await fx.markedUnit(s).id)") },
        ReadRow("/app/units/:id/edit", unitEditForm) { fx, s in
            .page("/app/units/\(try await fx.markedUnit(s).id)/edit")
        },
        ReadRow("/app/groups", any: everyone) { _, _ in .page("/app/groups") },
        ReadRow("/app/groups/:id", any: everyone) { fx, _ in .page("/app/groups/\(try await fx.groupID())") },
        ReadRow("/app/users", accountList) { fx, s in
            let u = try await fx.markedUser(s)
            return .list("/app/users?q=\(ReadMatrix.search(u.marker))", u.marker)
        },
        ReadRow("/app/users/new", any: standingOfficeOnly) { _, _ in .page("/app/users/new") },
        ReadRow("/app/users/:id/edit", WriteMatrix.account) { fx, s in
            .page("/app/users/\(try await fx.markedUser(s).id)/edit")
        },
        // Movements and the catalogue
        ReadRow("/app/movements", any: everyone) { _, _ in .page("/app/movements") },
        ReadRow("/app/movements/new", any: "A A F F F F") { _, _ in .page("/app/movements/new") },
        ReadRow("/app/movements/:id", any: everyone) { fx, _ in .page("/app/movements/\(try await fx.ledMovement())") },
        ReadRow("/app/movements/:id/edit", WriteMatrix.movementUpdate) { fx, s in
            .page("/app/movements/\(try await fx.readMovement(s))/edit")
        },
        ReadRow("/app/catalogue", any: everyone) { _, _ in .page("/app/catalogue") },
        ReadRow("/app/catalogue/:version", any: everyone) { fx, _ in
            .page("/app/catalogue/\(try await fx.catalogueVersion())")
        },
        ReadRow("/app/audit", any: standingOfficeOnly) { _, _ in .page("/app/audit") },
        ReadRow("/app/audit/:id", any: standingOfficeOnly) { _, _ in .page("/app/audit/1") },
        // The holiday calendar: read by everyone signed in; its edit form by its editors (Policy .calendar).
        ReadRow("/app/calendar", any: everyone) { _, _ in .page("/app/calendar?year=2025") },
        ReadRow("/app/calendar/days/:id/edit", any: "A A F F F F") { _, _ in .page("/app/calendar/days/1/edit") },
        // Registrations, subjects, unit criteria
        ReadRow("/app/registrations", recordList) { fx, s in
            let r = try await fx.markedRegistration(s)
            return .list("/app/registrations?year=2025&q=\(ReadMatrix.search(r.marker))", r.marker)
        },
        ReadRow("/app/registrations/new", any: createRecordsForm) { _, _ in .page("/app/registrations/new") },
        ReadRow("/app/registrations/export", recordList) { fx, s in
            let r = try await fx.markedRegistration(s)
            return .list("/app/registrations/export?year=2025&q=\(ReadMatrix.search(r.marker))", r.marker)
        },
        ReadRow("/app/registrations/:id", recordRead) { fx, s in
            .page("/app/registrations/\(try await fx.markedRegistration(s).id)")
        },
        ReadRow("/app/registrations/:id/edit", recordEditForm) { fx, s in
            .page("/app/registrations/\(try await fx.markedRegistration(s).id)/edit")
        },
        ReadRow("/app/registrations/:id/evaluations/new", recordEditForm) { fx, s in
            .page("/app/registrations/\(try await fx.markedRegistration(s).id)/evaluations/new")
        },
        // The printable registration form and evaluation record (issue 15): read like the registration.
        ReadRow("/app/registrations/:id/print", recordRead) { fx, s in
            .page("/app/registrations/\(try await fx.markedRegistration(s).id)/print")
        },
        ReadRow("/app/registrations/:id/print.docx", recordRead) { fx, s in
            .page("/app/registrations/\(try await fx.markedRegistration(s).id)/print.docx")
        },
        ReadRow("/app/evaluations/:id/print", recordRead) { fx, s in
            .page("/app/evaluations/\(try await fx.markedEvaluation(s))/print")
        },
        ReadRow("/app/evaluations/:id/print.docx", recordRead) { fx, s in
            .page("/app/evaluations/\(try await fx.markedEvaluation(s))/print.docx")
        },
        ReadRow("/app/evidence/:id", recordRead) { fx, s in .page("/app/evidence/\(try await fx.evidence(s))") },
        ReadRow("/app/subjects/:id", recordRead) { fx, s in
            .page("/app/subjects/\(try await fx.markedRegistration(s).subjectID)")
        },
        ReadRow("/app/subjects/:id/eligibility", recordRead) { fx, s in
            .page("/app/subjects/\(try await fx.markedRegistration(s).subjectID)/eligibility?year=2025")
        },
        // Unit criteria are listed by Policy.unitScope, like the tree: a unit officer sees its subtree only.
        // Opening a new year (Policy .yearRollover): the standing office and the administrator only (403).
        ReadRow("/app/new-year", any: "A A F F F F") { _, _ in .page("/app/new-year") },
        ReadRow("/app/criteria", unitList) { fx, s in
            let c = try await fx.markedCriterion(s)
            return .list("/app/criteria", c)
        },
        // Imports
        // The page lists the actor's own jobs and offers the upload form.
        ReadRow("/app/imports", any: createRecordsForm) { _, _ in .page("/app/imports") },
        // Blank templates describe the file format: public knowledge, like the catalogue.
        ReadRow("/app/imports/template", any: everyone) { _, _ in .page("/app/imports/template") },
        ReadRow("/app/imports/annual-records/template", any: everyone) { _, _ in
            .page("/app/imports/annual-records/template")
        },
        // Another account's import job: the admin's (Policy.importJobScope).
        ReadRow("/app/imports/:id", any: standingOfficeOnly) { fx, _ in
            .page("/app/imports/\(try await fx.importJob())")
        },
        // Commendation
        ReadRow("/app/dossiers", commendationList) { fx, s in
            let d = try await fx.markedDossier(s)
            return .list("/app/dossiers?year=2025&q=\(ReadMatrix.search(d.marker))", d.marker)
        },
        ReadRow("/app/dossiers/:id", recordReadNoLed) { fx, s in
            .page("/app/dossiers/\(try await fx.fullDossier(s).id)")
        },
        ReadRow("/app/dossiers/:id/docx/:kind", recordReadNoLed) { fx, s in
            .page("/app/dossiers/\(try await fx.fullDossier(s).id)/docx/to-trinh")
        },
        ReadRow("/app/dossier-documents/:docID", recordReadNoLed) { fx, s in
            .page("/app/dossier-documents/\(try await fx.fullDossier(s).document)")
        },
        ReadRow("/app/awards", commendationList) { fx, s in
            let a = try await fx.markedAward(s)
            return .list("/app/awards?q=\(ReadMatrix.search(a.marker))", a.marker)
        },
        // Every council worker has a council page: its own unit's (a commune's, an agency's) or a seat's.
        ReadRow("/app/council", any: "A A A A A N") { _, _ in .page("/app/council") },
        ReadRow("/app/authorities", any: everyone) { _, _ in .page("/app/authorities") },
        ReadRow("/app/authorities/:id", any: everyone) { fx, _ in .page("/app/authorities/\(fx.district)") },
        ReadRow("/app/authorities/new", any: "A F F F F F") { _, _ in .page("/app/authorities/new") },
        ReadRow("/app/council/meetings/:id", any: councilRead) { fx, _ in
            .page("/app/council/meetings/\(try await fx.closedMeeting())")
        },
        ReadRow("/app/council/meetings/:id/bien-ban.docx", any: councilRead) { fx, _ in
            .page("/app/council/meetings/\(try await fx.closedMeeting())/bien-ban.docx")
        },
    ]

    // MARK: API

    static let api: [ReadRow] = [
        ReadRow("/api/v1/me", any: everyone) { _, _ in .page("/api/v1/me") },
        ReadRow("/api/v1/audit", any: standingOfficeOnly) { _, _ in .page("/api/v1/audit") },
        ReadRow("/api/v1/audit/verify", any: standingOfficeOnly) { _, _ in .page("/api/v1/audit/verify") },
        // Organisation
        ReadRow("/api/v1/units", unitList) { fx, s in
            let u = try await fx.markedUnit(s)
            return .list("/api/v1/units?q=\(ReadMatrix.search(u.marker))", u.marker)
        },
        ReadRow("/api/v1/units/:id", unitRead) { fx, s in .page("/api/v1/units/\(try await fx.markedUnit(s).id)") },
        ReadRow("/api/v1/unit-groups", any: everyone) { _, _ in .page("/api/v1/unit-groups") },
        // The API answers an empty listing where the web page answers 404 (Policy.userScope is .none for them).
        ReadRow("/api/v1/users", accountListAPI) { fx, s in
            let u = try await fx.markedUser(s)
            return .list("/api/v1/users?q=\(ReadMatrix.search(u.marker))", u.marker)
        },
        ReadRow("/api/v1/users/:id", accountRead) { fx, s in .page("/api/v1/users/\(try await fx.markedUser(s).id)") },
        // Movements and the catalogue
        ReadRow("/api/v1/movements", any: everyone) { _, _ in .page("/api/v1/movements") },
        ReadRow("/api/v1/movements/:id", any: everyone) { fx, _ in
            .page("/api/v1/movements/\(try await fx.ledMovement())")
        },
        ReadRow("/api/v1/catalogue-versions", any: everyone) { _, _ in .page("/api/v1/catalogue-versions") },
        ReadRow("/api/v1/fields", any: everyone) { _, _ in .page("/api/v1/fields") },
        ReadRow("/api/v1/general-criteria", any: everyone) { _, _ in .page("/api/v1/general-criteria") },
        ReadRow("/api/v1/model-types", any: everyone) { _, _ in .page("/api/v1/model-types") },
        ReadRow("/api/v1/individual-types", any: everyone) { _, _ in .page("/api/v1/individual-types") },
        ReadRow("/api/v1/calendar", any: everyone) { _, _ in .page("/api/v1/calendar?year=2025") },
        // Registrations, subjects, unit criteria
        ReadRow("/api/v1/registrations", recordList) { fx, s in
            let r = try await fx.markedRegistration(s)
            return .list("/api/v1/registrations?year=2025&q=\(ReadMatrix.search(r.marker))", r.marker)
        },
        ReadRow("/api/v1/registrations/export", recordList) { fx, s in
            let r = try await fx.markedRegistration(s)
            return .list("/api/v1/registrations/export?year=2025&q=\(ReadMatrix.search(r.marker))", r.marker)
        },
        ReadRow("/api/v1/registrations/:id", recordRead) { fx, s in
            .page("/api/v1/registrations/\(try await fx.markedRegistration(s).id)")
        },
        ReadRow("/api/v1/registrations/:id/transitions", recordRead) { fx, s in
            .page("/api/v1/registrations/\(try await fx.markedRegistration(s).id)/transitions")
        },
        ReadRow("/api/v1/registrations/:id/criteria", recordRead) { fx, s in
            .page("/api/v1/registrations/\(try await fx.markedRegistration(s).id)/criteria")
        },
        ReadRow("/api/v1/registrations/:id/actions", recordRead) { fx, s in
            .page("/api/v1/registrations/\(try await fx.markedRegistration(s).id)/actions")
        },
        ReadRow("/api/v1/registrations/:id/evaluations", recordRead) { fx, s in
            .page("/api/v1/registrations/\(try await fx.markedRegistration(s).id)/evaluations")
        },
        ReadRow("/api/v1/registrations/:id/evidence", recordRead) { fx, s in
            .page("/api/v1/registrations/\(try await fx.markedRegistration(s).id)/evidence")
        },
        ReadRow("/api/v1/evidence/:id", recordRead) { fx, s in .page("/api/v1/evidence/\(try await fx.evidence(s))") },
        ReadRow("/api/v1/subjects/:id", recordRead) { fx, s in
            .page("/api/v1/subjects/\(try await fx.markedRegistration(s).subjectID)")
        },
        ReadRow("/api/v1/subjects/:id/eligibility", recordRead) { fx, s in
            .page("/api/v1/subjects/\(try await fx.markedRegistration(s).subjectID)/eligibility?year=2025")
        },
        ReadRow("/api/v1/subjects/:id/awards", recordRead) { fx, s in
            .page("/api/v1/subjects/\(try await fx.markedRegistration(s).subjectID)/awards")
        },
        ReadRow("/api/v1/subjects/:id/initiatives", recordRead) { fx, s in
            .page("/api/v1/subjects/\(try await fx.markedRegistration(s).subjectID)/initiatives")
        },
        ReadRow("/api/v1/unit-criteria", unitList) { fx, s in
            let c = try await fx.markedCriterion(s)
            return .list("/api/v1/unit-criteria?year=2025", c)
        },
        // Imports
        ReadRow("/api/v1/imports/template", any: everyone) { _, _ in .page("/api/v1/imports/template") },
        ReadRow("/api/v1/imports/annual-records/template", any: everyone) { _, _ in
            .page("/api/v1/imports/annual-records/template")
        },
        ReadRow("/api/v1/imports/:id", any: standingOfficeOnly) { fx, _ in
            .page("/api/v1/imports/\(try await fx.importJob())")
        },
        // Commendation
        ReadRow("/api/v1/rule-sets", any: everyone) { _, _ in .page("/api/v1/rule-sets") },
        ReadRow("/api/v1/awards", commendationList) { fx, s in
            let a = try await fx.markedAward(s)
            return .list("/api/v1/awards?q=\(ReadMatrix.search(a.marker))", a.marker)
        },
        ReadRow("/api/v1/dossiers", commendationList) { fx, s in
            let d = try await fx.markedDossier(s)
            return .list("/api/v1/dossiers?year=2025&q=\(ReadMatrix.search(d.marker))", d.marker)
        },
        ReadRow("/api/v1/dossiers/:id", recordReadNoLed) { fx, s in
            .page("/api/v1/dossiers/\(try await fx.fullDossier(s).id)")
        },
        ReadRow("/api/v1/dossier-documents/:id", recordReadNoLed) { fx, s in
            .page("/api/v1/dossier-documents/\(try await fx.fullDossier(s).document)")
        },
        // Authorities and councils (issue 13, item 3): the district council's, as the web pages read them.
        ReadRow("/api/v1/authorities", any: everyone) { _, _ in .page("/api/v1/authorities") },
        ReadRow("/api/v1/authorities/:id", any: everyone) { fx, _ in .page("/api/v1/authorities/\(fx.district)") },
        ReadRow("/api/v1/councils", any: "A A A A A N") { _, _ in .page("/api/v1/councils") },
        ReadRow("/api/v1/councils/:id/members", any: councilRead) { fx, _ in
            .page("/api/v1/councils/\(fx.district)/members")
        },
        ReadRow("/api/v1/councils/:id/meetings", any: councilRead) { fx, _ in
            .page("/api/v1/councils/\(fx.district)/meetings")
        },
        ReadRow("/api/v1/meetings/:id", any: councilRead) { fx, _ in
            .page("/api/v1/meetings/\(try await fx.closedMeeting())")
        },
        ReadRow("/api/v1/meetings/:id/minutes", any: councilRead) { fx, _ in
            .page("/api/v1/meetings/\(try await fx.closedMeeting())/minutes")
        },
    ]

    /// Personal keys of a subject (`SubjectDTO`) and who reads them (issue 17, item 3; Policy.readableClasses):
    /// the subject's own unit, the standing office and the administrator.
    static let personalKeys = ["idNumber", "phone", "address", "birthDate"]
    /// The values `markedRegistration` stores in those keys, as a page would show them.
    static let personalValues = ["012345678901", "0912345678", "Thôn 1, xã thử", "02/03/1980"]

    /// What a listing is asked for: the marker without its last four digits. A page echoes its search text, so
    /// the whole marker appears only in a listed record.
    static func search(_ marker: String) -> String { String(marker.dropLast(4)) }
}

/// Read fixtures: made once per scope in a role's app (reads change nothing), by the admin.
final class ReadFixtureCache: @unchecked Sendable {
    var registrations: [MatrixScope: (id: Int, subjectID: Int, marker: String)] = [:]
    var units: [MatrixScope: (id: Int, marker: String)] = [:]
    var users: [MatrixScope: (id: Int, marker: String)] = [:]
    var dossiers: [MatrixScope: (id: Int, marker: String)] = [:]
    var fullDossiers: [MatrixScope: (id: Int, document: Int)] = [:]
    var awards: [MatrixScope: String] = [:]
    var evidence: [MatrixScope: Int] = [:]
    var movements: [MatrixScope: Int] = [:]
    var meeting: Int?
    var criteria: [MatrixScope: String] = [:]
    var job: Int?
    var group: Int?
    var version: String?
}

extension MatrixFixture {
    func marker() -> String { "RMK\(next())Q\(Int.random(in: 1000...9999))" }

    /// A registration with a subject carrying personal data; its title and the subject's name hold the marker.
    func markedRegistration(_ scope: MatrixScope) async throws -> (id: Int, subjectID: Int, marker: String) {
        if let r = cache.registrations[scope] { return r }
        let m = marker()
        var body = try await newRegistrationJSON(scope)
        body["title"] = "Đăng ký đọc \(m)"
        body["subject"] = [
            "kind": SubjectKind.individual.rawValue, "name": "Người đọc \(m)",
            "idNumber": ReadMatrix.personalValues[0], "phone": ReadMatrix.personalValues[1],
            "address": ReadMatrix.personalValues[2],
            "birthDate": ReadMatrix.personalValues[3],
        ]
        let object = try await apiWrite("/api/v1/registrations", body)
        guard let id = object["id"] as? Int, let subject = (object["subject"] as? [String: Any])?["id"] as? Int else {
            throw MatrixFixtureError("no registration: \(object)")
        }
        let r = (id, subject, m)
        cache.registrations[scope] = r
        return r
    }

    func markedUnit(_ scope: MatrixScope) async throws -> (id: Int, marker: String) {
        if let u = cache.units[scope] { return u }
        let m = marker()
        var fields = try await newUnitFields(scope)
        fields[1].1 = "Thôn đọc \(m)"
        let u = (try await created("/api/v1/units", formAsJSON(fields)), m)
        cache.units[scope] = u
        return u
    }

    func markedUser(_ scope: MatrixScope) async throws -> (id: Int, marker: String) {
        if let u = cache.users[scope] { return u }
        let m = marker()
        var fields = try await newUserFields(scope)
        fields[1].1 = "Người dùng \(m)"
        let u = (try await created("/api/v1/users", formAsJSON(fields)), m)
        cache.users[scope] = u
        return u
    }

    /// A unit criterion of the scope's unit whose text holds the marker.
    func markedCriterion(_ scope: MatrixScope) async throws -> String {
        if let m = cache.criteria[scope] { return m }
        let m = marker()
        var fields = try await unitCriterionFields(scope)
        fields[3].1 = "Tiêu chí đọc \(m)"
        _ = try await created("/api/v1/unit-criteria", formAsJSON(fields))
        cache.criteria[scope] = m
        return m
    }

    func readMovement(_ scope: MatrixScope) async throws -> Int {
        if let id = cache.movements[scope] { return id }
        let id = try await movement(scope).id
        cache.movements[scope] = id
        return id
    }

    func markedDossier(_ scope: MatrixScope) async throws -> (id: Int, marker: String) {
        if let d = cache.dossiers[scope] { return d }
        let m = marker()
        var fields = try await newDossierFields(scope)
        fields[2].1 = "Đề nghị đọc \(m)"
        let d = (try await created("/api/v1/dossiers", formAsJSON(fields)), m)
        cache.dossiers[scope] = d
        return d
    }

    /// A draft dossier with a nominee and every document (the demo's helper).
    func fullDossier(_ scope: MatrixScope) async throws -> (id: Int, document: Int) {
        if let d = cache.fullDossiers[scope] { return d }
        let d = try await dossier(scope, .draft)
        let object = try await admin.send(.GET, "/api/v1/dossiers/\(d.id)").jsonObject()
        let docs = (object["documents"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        guard let doc = docs.first else { throw MatrixFixtureError("dossier \(d.id) has no document: \(object)") }
        cache.fullDossiers[scope] = (d.id, doc)
        return (d.id, doc)
    }

    /// An award of a marked subject of the scope's unit (the marker is the subject's name).
    func markedAward(_ scope: MatrixScope) async throws -> (id: Int, marker: String) {
        let r = try await markedRegistration(scope)
        if cache.awards[scope] == nil {
            try await apiWrite("/api/v1/subjects/\(r.subjectID)/awards", formAsJSON(Fields.award))
            cache.awards[scope] = r.marker
        }
        return (r.subjectID, r.marker)
    }

    func evidence(_ scope: MatrixScope) async throws -> Int {
        if let id = cache.evidence[scope] { return id }
        let r = try await markedRegistration(scope)
        let res = try await admin.upload(
            "/api/v1/registrations/\(r.id)/evidence", filename: "tep.pdf", type: "application/pdf", bytes: Fields.pdf,
            fields: Fields.evidence)
        guard let id = (try? res.jsonObject())?["id"] as? Int else {
            throw MatrixFixtureError("evidence upload → \(res.status): \(res.text.prefix(300))")
        }
        cache.evidence[scope] = id
        return id
    }

    func closedMeeting() async throws -> Int {
        if let id = cache.meeting { return id }
        let id = try await meeting(.closed).id
        cache.meeting = id
        return id
    }

    func importJob() async throws -> Int {
        if let id = cache.job { return id }
        guard case .upload(_, let filename, let type, let bytes) = registrationImport(.own) else {
            throw MatrixFixtureError("no import file")
        }
        let res = try await admin.upload("/api/v1/imports", filename: filename, type: type, bytes: bytes)
        guard let id = (try? res.jsonObject())?["id"] as? Int else {
            throw MatrixFixtureError("import → \(res.status): \(res.text.prefix(300))")
        }
        cache.job = id
        return id
    }

    func groupID() async throws -> Int {
        if let id = cache.group { return id }
        let text = try await admin.send(.GET, "/api/v1/unit-groups").text
        let list = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
        guard let id = list.first?["id"] as? Int else { throw MatrixFixtureError("no unit group: \(text.prefix(200))") }
        cache.group = id
        return id
    }

    func catalogueVersion() async throws -> String {
        if let v = cache.version { return v }
        let text = try await admin.send(.GET, "/api/v1/catalogue-versions").text
        let list = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
        guard let v = list.first?["version"] as? String else {
            throw MatrixFixtureError("no catalogue version: \(text.prefix(200))")
        }
        cache.version = v
        return v
    }
}
