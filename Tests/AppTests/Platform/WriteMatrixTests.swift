import Domain
import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Runs the table of `WriteMatrix.swift`. Each role gets one app; every case gets fresh fixtures.
@Suite("Write matrix: every write route × every role × own / other unit")
struct WriteMatrixTests {
    static let writeMethods: Set<String> = ["POST", "PUT", "PATCH", "DELETE"]

    /// The routes the app registers must be exactly the rows of the table (plus the documented exclusions).
    @Test("Every write route has a row, and every row a route")
    func everyWriteRouteHasARow() async throws {
        try await withTestApp(demo: false) { app in
            let registered = Set(
                app.routes.all.filter { Self.writeMethods.contains($0.method.rawValue) }.map { route in
                    "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                })
            let rows = WriteMatrix.rows.map(\.key)
            let duplicates = Dictionary(grouping: rows, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(duplicates.isEmpty, "rows listed twice: \(duplicates)")
            let covered = Set(rows).union(WriteMatrix.excluded.keys)
            for key in registered.subtracting(covered).sorted() {
                Issue.record(
                    "write route without a row in WriteMatrix.swift: \(key) — add a row with the outcome "
                        + "for every role and scope")
            }
            for key in covered.subtracting(registered).sorted() {
                Issue.record(
                    "row for a route the app no longer registers: \(key) — remove or rename it in "
                        + "WriteMatrix.swift")
            }
            for row in WriteMatrix.rows {
                for (scope, letters) in row.cases {
                    let clean = letters.filter { $0 != " " }
                    let valid = clean.allSatisfy { MatrixOutcome(rawValue: $0) != nil }
                    #expect(
                        clean.count == MatrixRole.allCases.count && valid,
                        "\(row.key) [\(scope)]: “\(letters)” needs one of A F N R per role")
                }
            }
            let pairs = WriteMatrix.rows.map(\.cases.count).reduce(0, +)
            let roles = MatrixRole.allCases.count
            print(
                "Write matrix: \(WriteMatrix.rows.count) write routes × \(roles) roles × 1–3 scopes "
                    + "(\(pairs) route-scope pairs) = \(pairs * roles) cases; "
                    + "excluded: \(WriteMatrix.excluded.keys.sorted())")
        }
    }

    @Test("Each role gets the outcome written in the table, on every write route", arguments: MatrixRole.allCases)
    func matrix(role: MatrixRole) async throws {
        try await withTestApp { app in
            let fx = try await MatrixFixture(app: app, role: role)
            let web = Browser(app)
            try await web.login(role.rawValue, role.password)
            let api = try await APIClient.login(app, role.rawValue, role.password)
            let verbose = ProcessInfo.processInfo.environment["WRITE_MATRIX_VERBOSE"] != nil
            let ordered = WriteMatrix.rows.filter { !$0.endsSession } + WriteMatrix.rows.filter(\.endsSession)
            var count = 0
            for row in ordered {
                for (scope, _) in row.cases {
                    count += 1
                    let label = "\(role) \(row.key) [\(scope)]"
                    guard let expected = row.expected(role, scope) else {
                        Issue.record("\(label): no expectation")
                        continue
                    }
                    let call: MatrixCall
                    do { call = try await row.build(fx, scope) } catch {
                        Issue.record("\(label): preparing the fixture failed: \(error)")
                        continue
                    }
                    let auditBefore = try await AuditEntryModel.query(on: app.db).count()
                    let sent = try await fx.send(row.method, call, web: web, api: api)
                    var problem = try await fx.judge(sent, call, expected: expected, row: row)
                    let audited = try await AuditEntryModel.query(on: app.db).count() - auditBefore
                    if problem == nil, expected != .allowed, audited != 0 {
                        problem = "refused, yet \(audited) audit entries were written"
                    }
                    let granted = row.alsoGranted.contains(sent.status.code)
                    if problem == nil, expected == .allowed, !row.endsSession, !granted, audited == 0 {
                        problem = "answered as if allowed, yet no audit entry was written: the write did not happen"
                    }
                    if verbose { print("WM \(label) → \(sent.status.code) audit+\(audited) \(sent.location ?? "")") }
                    let message =
                        "\(label): expected \(expected) (\(expected.rawValue)), got \(sent.status.code)"
                        + (problem.map { " — \($0)" } ?? "") + "\n" + String(sent.text.prefix(300))
                    if let why = row.knownIssues["\(role)/\(scope)"] {
                        withKnownIssue("\(label): \(why)") { #expect(problem == nil, "\(message)") }
                    } else {
                        #expect(problem == nil, "\(message)")
                    }
                }
            }
            print("Write matrix, \(role): \(count) cases")
        }
    }
}

struct MatrixFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Fresh records for every case, made by the admin through the API and the web (and, for a dossier with every
/// document its forms require, the demo's own helper), in the app of one role.
final class MatrixFixture: @unchecked Sendable {
    let app: Application
    let role: MatrixRole
    let admin: APIClient
    let adminWeb: Browser
    let system: Actor
    private var counter = 0
    private var units: [String: Int] = [:]
    private var ledMovementID: Int?
    /// The district council (kept in office today): the matrix's dossiers are 2024 ones it decides.
    private(set) var district = 0
    /// What the read matrix made for this fixture (a stored property: a table keyed by the fixture's address handed
    /// a new fixture the records of a freed one at the same address, from another test's database).
    let cache = ReadFixtureCache()

    init(app: Application, role: MatrixRole) async throws {
        self.app = app
        self.role = role
        admin = try await APIClient.login(app, "admin", adminPassword)
        adminWeb = Browser(app)
        try await adminWeb.login("admin", adminPassword)
        let adminUser = try await UserModel.query(on: app.db).filter(\.$username == "admin").first()
        system = Actor(userID: try #require(adminUser?.id), username: "admin", role: .admin, unitID: nil, unitPath: nil)
        district = try await keepDistrictInOffice(app)
    }

    func next() -> Int {
        counter += 1
        return counter
    }

    // MARK: Sending and judging

    func send(_ method: HTTPMethod, _ call: MatrixCall, web: Browser, api: APIClient) async throws -> Sent {
        if call.path.hasPrefix("/api/") {
            var headers = HTTPHeaders()
            if let token = api.token { headers.bearerAuthorization = BearerAuthorization(token: token) }
            var body: ByteBuffer?
            switch call.body {
            case .none: break
            case .form(let fields):
                headers.contentType = .json
                body = ByteBuffer(data: matrixJSON(formAsJSON(fields)))
            case .json(let data):
                headers.contentType = .json
                body = ByteBuffer(data: data)
            case .upload(let fields, let filename, let type, let bytes):
                let (h, b) = Self.multipart(fields, filename: filename, type: type, bytes: bytes)
                for (k, v) in h { headers.replaceOrAdd(name: k, value: v) }
                body = b
            }
            let res = try await app.testing().sendRequest(method, call.path, headers: headers, body: body)
            return Sent(status: res.status, headers: res.headers, text: String(buffer: res.body))
        }
        let csrf = ("_csrf", web.csrf ?? "")
        switch call.body {
        case .none: return try await web.send(method, call.path, form: [csrf])
        case .form(let fields): return try await web.send(method, call.path, form: [csrf] + fields)
        case .json: throw MatrixFixtureError("a web route takes a form, not JSON: \(call.path)")
        case .upload(let fields, let filename, let type, let bytes):
            let (h, body) = Self.multipart([csrf] + fields, filename: filename, type: type, bytes: bytes)
            var headers = h
            if !web.cookies.isEmpty {
                let cookie = web.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                headers.replaceOrAdd(name: .cookie, value: cookie)
            }
            let res = try await app.testing().sendRequest(method, call.path, headers: headers, body: body)
            return Sent(status: res.status, headers: res.headers, text: String(buffer: res.body))
        }
    }

    /// nil when the answer is the expected one; otherwise what is wrong.
    func judge(_ sent: Sent, _ call: MatrixCall, expected: MatrixOutcome, row: WriteRow) async throws -> String? {
        let code = sent.status.code
        switch (expected, call.kind) {
        case (.forbidden, _): return code == 403 ? nil : "not 403"
        case (.notFound, _): return code == 404 ? nil : "not 404"
        case (.allowed, .plain):
            return (200..<400).contains(code) || row.alsoGranted.contains(code) ? nil : "the write did not go through"
        case (.allowed, .importSync): return code == 200 || code == 303 ? nil : "the import was not written"
        case (.refusedRows, .importSync): return code == 422 ? nil : "rows of a unit out of reach were not refused"
        case (.allowed, .importJob), (.refusedRows, .importJob):
            guard code == 202 || code == 303 else { return "the import job was not started" }
            let id =
                call.path.hasPrefix("/api/")
                ? (try? sent.jsonObject())?["id"] as? Int
                : sent.location.flatMap { Int($0.split(separator: "/").last ?? "") }
            guard let id else { return "no import job id in the answer" }
            let job = try await finishedImport(id)
            let created = job["created"] as? Int ?? -1
            let errors = job["errorCount"] as? Int ?? -1
            let summary = "import job: \(created) created, \(errors) errors: \(job["errors"] ?? "")"
            if expected == .allowed { return created == 1 && errors == 0 ? nil : summary }
            let columns = (job["errors"] as? [[String: Any]] ?? []).compactMap { $0["column"] as? String }
            return created == 0 && errors > 0 && columns.contains("Mã đơn vị") ? nil : summary
        case (.refusedRows, .plain): return "R is only for imports"
        }
    }

    private func finishedImport(_ id: Int) async throws -> [String: Any] {
        for _ in 0..<500 {
            let job = try await admin.send(.GET, "/api/v1/imports/\(id)").jsonObject()
            if job["finished"] as? Bool == true { return job }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        throw MatrixFixtureError("import job \(id) did not finish")
    }

    static func multipart(
        _ fields: [(String, String)], filename: String, type: String,
        bytes: [UInt8]
    ) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "----write-matrix-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (k, v) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n"
                + "Content-Type: \(type)\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return (headers, body)
    }

    // MARK: Admin helpers

    @discardableResult
    func apiWrite(_ path: String, _ body: [String: Any] = [:]) async throws -> [String: Any] {
        let res = try await admin.send(.POST, path, json: body)
        guard (200..<300).contains(res.status.code) else {
            throw MatrixFixtureError("fixture POST \(path) → \(res.status): \(res.text.prefix(400))")
        }
        return try res.jsonObject()
    }

    @discardableResult
    func webWrite(_ path: String, _ fields: [(String, String)]) async throws -> Sent {
        let res = try await adminWeb.post(path, fields)
        guard res.status == .seeOther else {
            throw MatrixFixtureError("fixture POST \(path) → \(res.status): \(res.text.prefix(400))")
        }
        return res
    }

    func created(_ path: String, _ body: [String: Any]) async throws -> Int {
        let object = try await apiWrite(path, body)
        guard let id = object["id"] as? Int else { throw MatrixFixtureError("no id from \(path): \(object)") }
        return id
    }

    // MARK: Units and accounts

    func unitID(code: String) async throws -> Int {
        if let id = units[code] { return id }
        let id = try await AppTests.unitID(app, code)
        units[code] = id
        return id
    }

    func unitCode(_ scope: MatrixScope) -> String {
        scope == .own || scope == .any ? role.ownUnitCode : MatrixRole.otherUnitCode
    }

    func unit(_ scope: MatrixScope) async throws -> Int { try await unitID(code: unitCode(scope)) }

    func newUnitFields(_ scope: MatrixScope) async throws -> [(String, String)] {
        let n = next()
        return [
            ("code", "WM-U\(n)"), ("name", "Thôn thử \(n)"), ("kind", UnitKind.thon.rawValue),
            ("parentID", String(try await unit(scope))),
        ]
    }

    /// A reorganisation file (JSON) that abolishes a fresh unit, without successor.
    func abolishFile() async throws -> String {
        let u = try await childUnit(.other)
        return """
            {"changes": [{"kind": "abolish", "from": ["\(u.fields[0].1)"], "to": [], "effective": "01/07/2025",
            "basis": "Quyết định thử"}]}
            """
    }

    /// A fresh unit below the scope's unit, and the form that saves it unchanged but for its name.
    func childUnit(_ scope: MatrixScope) async throws -> (id: Int, fields: [(String, String)]) {
        var fields = try await newUnitFields(scope)
        let id = try await created("/api/v1/units", formAsJSON(fields))
        fields[1].1 = "Thôn đã sửa \(id)"
        return (id, fields)
    }

    func newUserFields(_ scope: MatrixScope) async throws -> [(String, String)] {
        let n = next()
        return [
            ("username", "wm-user-\(n)"), ("fullName", "Người dùng thử \(n)"), ("role", Role.unitOfficer.rawValue),
            ("unitID", String(try await unit(scope))), ("password", demoPassword),
        ]
    }

    /// A fresh unit officer's account in the scope's unit, and the form that saves it with another name.
    func user(_ scope: MatrixScope) async throws -> (id: Int, fields: [(String, String)]) {
        var fields = try await newUserFields(scope)
        let id = try await created("/api/v1/users", formAsJSON(fields))
        fields[1].1 = "Người dùng đã sửa \(id)"
        fields.removeLast()
        return (id, fields)
    }

    // MARK: Movements

    func newMovementFields(leadUnit: Int? = nil) async throws -> [(String, String)] {
        let n = next()
        var lead = leadUnit ?? 0
        if leadUnit == nil { lead = try await unit(.own) }
        return [
            ("code", "PT-WM\(n)"), ("name", "Phong trào thử \(n)"), ("kind", MovementKind.phongTrao.rawValue),
            ("level", MovementLevel.huyen.rawValue), ("fromYear", "2025"), ("toYear", "2026"),
            ("leadAgencyIDs[]", String(lead)),
        ]
    }

    /// own: a movement the actor's unit leads; other: one another unit leads.
    func movement(_ scope: MatrixScope) async throws -> (id: Int, fields: [(String, String)]) {
        var fields = try await newMovementFields(leadUnit: try await unit(scope))
        let id = try await created("/api/v1/movements", formAsJSON(fields))
        fields[1].1 = "Phong trào đã sửa \(id)"
        return (id, fields)
    }

    /// A movement the actor's unit leads, for the records of other units it follows.
    func ledMovement() async throws -> Int {
        if let id = ledMovementID { return id }
        let id = try await created("/api/v1/movements", formAsJSON(try await newMovementFields()))
        ledMovementID = id
        return id
    }

    func shippedCatalogue() throws -> [UInt8] {
        let dir = packageRoot + "/Resources/Catalogue"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        let name = try #require(names.first)
        return Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
    }

    // MARK: Registrations and subjects

    struct Registration {
        let id: Int, subjectID: Int, unitID: Int, movementIDs: [Int]
        var editFields: [(String, String)] {
            [
                ("year", "2025"), ("unitID", String(unitID)), ("subjectID", String(subjectID)), ("typeCode", "CN-03"),
                ("title", "Đăng ký đã sửa \(id)"),
            ] + movementIDs.map { ("movementIDs[]", String($0)) }
        }
        var editJSON: [String: Any] {
            [
                "year": 2025, "unitID": unitID, "typeCode": "CN-03", "title": "Đăng ký đã sửa \(id)",
                "movementIDs": movementIDs,
            ]
        }
    }

    func newRegistrationJSON(_ scope: MatrixScope, unitID: Int? = nil) async throws -> [String: Any] {
        var fields = try await newRegistrationFields(scope, unitID: unitID)
        let kind = fields.remove(at: 2).1
        let name = fields.remove(at: 2).1
        var body = formAsJSON(fields)
        body["subject"] = ["kind": kind, "name": name]
        if body["movementIDs"] == nil { body["movementIDs"] = [Int]() }
        return body
    }

    func newRegistrationFields(_ scope: MatrixScope, unitID: Int? = nil) async throws -> [(String, String)] {
        let n = next()
        var unit = unitID ?? 0
        if unitID == nil { unit = try await self.unit(scope) }
        let movements = scope == .led ? [try await ledMovement()] : []
        return [
            ("year", "2025"), ("unitID", String(unit)), ("subjectKind", SubjectKind.individual.rawValue),
            ("subjectName", "Người thử \(n)"), ("typeCode", "CN-03"), ("title", "Đăng ký thử \(n)"),
        ]
            + movements.map { ("movementIDs[]", String($0)) }
    }

    /// A fresh registration (and subject) of the scope's unit; "led": of another unit, in the actor's movement.
    func registration(_ scope: MatrixScope, unitID: Int? = nil) async throws -> Registration {
        let body = try await newRegistrationJSON(scope, unitID: unitID)
        let object = try await apiWrite("/api/v1/registrations", body)
        guard let id = object["id"] as? Int, let subject = (object["subject"] as? [String: Any])?["id"] as? Int else {
            throw MatrixFixtureError("no registration: \(object)")
        }
        return Registration(
            id: id, subjectID: subject, unitID: body["unitID"] as? Int ?? 0,
            movementIDs: body["movementIDs"] as? [Int] ?? [])
    }

    func registrationID(_ scope: MatrixScope) async throws -> Int { try await registration(scope).id }
    func subjectID(_ scope: MatrixScope) async throws -> Int { try await registration(scope).subjectID }

    func action(_ scope: MatrixScope) async throws -> Int {
        try await created("/api/v1/registrations/\(try await registrationID(scope))/actions", formAsJSON(Fields.action))
    }

    func award(_ scope: MatrixScope) async throws -> Int {
        try await created("/api/v1/subjects/\(try await subjectID(scope))/awards", formAsJSON(Fields.award))
    }

    func unitCriterionFields(_ scope: MatrixScope) async throws -> [(String, String)] {
        let n = next()
        return [
            ("unitID", String(try await unit(scope))), ("year", "2025"), ("code", "TC-WM\(n)"),
            ("text", "Tiêu chí thử \(n)"), ("kind", CriterionKind.boolean.rawValue),
        ]
    }

    // MARK: Imports (the unit code of the file's only row is the scope's unit)

    func registrationImport(_ scope: MatrixScope) -> MatrixCall.Body {
        let n = next()
        let csv =
            "Năm,Mã đơn vị,Loại đối tượng,Tên đối tượng,Mã loại mô hình / điển hình,"
            + "Tên mô hình / nội dung đăng ký\r\n"
            + "2025,\(unitCode(scope)),Cá nhân,Người nhập \(n),CN-03,Nhập thử \(n)\r\n"
        return .upload(fields: [], filename: "dang-ky.csv", type: "text/csv", bytes: Array(csv.utf8))
    }

    func annualImport(_ scope: MatrixScope) -> MatrixCall.Body {
        let n = next()
        let csv = "Mã đơn vị,Loại đối tượng,Tên đối tượng,Năm\r\n\(unitCode(scope)),Cá nhân,Người kết quả \(n),2024\r\n"
        return .upload(fields: [], filename: "ket-qua.csv", type: "text/csv", bytes: Array(csv.utf8))
    }

    // MARK: Dossiers

    enum DossierState: Int { case draft, submitted, appraisedNominees, appraised, reviewed }
    struct Dossier { let id: Int, nominee: Int, unitID: Int }

    func newDossierFields(_ scope: MatrixScope) async throws -> [(String, String)] {
        let n = next()
        return [
            ("unitID", String(try await unit(scope))), ("year", "2025"),
            ("title", "Đề nghị khen thưởng thử \(n)"), ("number", "\(n)/TTr-UBND"),
        ]
    }

    func nominees(_ dossier: Int) async throws -> [Int] {
        let d = try await admin.send(.GET, "/api/v1/dossiers/\(dossier)").jsonObject()
        return (d["nominees"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    /// A 2024 dossier of the scope's unit with one nominee (Lao động tiên tiến, which the district council decided
    /// under the 2024 rules) and every document, brought to `state` by the admin.
    func dossier(_ scope: MatrixScope, _ state: DossierState) async throws -> Dossier {
        let unit = try await unit(scope)
        let subject = try await registration(.own, unitID: unit).subjectID
        let id = try await DemoCommendation.dossier(
            app: app, year: 2024, number: "\(next())/TTr-UBND", actor: system, sets: app.ruleSets,
            jurisdiction: app.config?.jurisdiction ?? "VN", communeID: unit,
            nominees: [(subject, "lao-dong-tien-tien", "Hoàn thành tốt nhiệm vụ năm 2024.")])
        let nominee = try #require(try await nominees(id).first)
        let path = "/api/v1/dossiers/\(id)"
        if state.rawValue >= DossierState.submitted.rawValue { try await apiWrite(path + "/submit") }
        if state.rawValue >= DossierState.appraisedNominees.rawValue {
            try await apiWrite(path + "/nominees/\(nominee)/appraisal", formAsJSON(Fields.appraisal))
        }
        if state.rawValue >= DossierState.appraised.rawValue { try await apiWrite(path + "/appraisal/finish") }
        if state.rawValue >= DossierState.reviewed.rawValue {
            _ = try await meeting(.closed, dossiers: [id])
            // One paper ballot of seven seats does not pass; the vote is set directly (this fixture tests access),
            // so that a decision has someone to award.
            try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == id).set(\.$votePassed, to: true)
                .update()
        }
        return Dossier(id: id, nominee: nominee, unitID: unit)
    }

    /// A dossier the district council reviewed with a Bằng khen tỉnh nominee it passed: the province confers it, so
    /// the district's standing office forwards it. (The vote is set directly: this fixture tests access.)
    func forwardableDossier(_ scope: MatrixScope) async throws -> Int {
        let unit = try await unit(scope)
        let a = try await registration(.own, unitID: unit).subjectID
        let b = try await registration(.own, unitID: unit).subjectID
        let id = try await DemoCommendation.dossier(
            app: app, year: 2024, number: "\(next())/TTr-UBND", actor: system, sets: app.ruleSets,
            jurisdiction: app.config?.jurisdiction ?? "VN", communeID: unit,
            nominees: [
                (a, "lao-dong-tien-tien", "Hoàn thành tốt nhiệm vụ năm 2024."),
                (b, "bang-khen-ubnd-tinh", "Thành tích xuất sắc năm 2024."),
            ])
        let path = "/api/v1/dossiers/\(id)"
        try await apiWrite(path + "/submit")
        for n in try await nominees(id) {
            try await apiWrite(path + "/nominees/\(n)/appraisal", formAsJSON(Fields.appraisal))
        }
        try await apiWrite(path + "/appraisal/finish")
        _ = try await meeting(.closed, dossiers: [id])
        for n in try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == id).all() {
            n.votePassed = true
            try await n.save(on: app.db)
        }
        return id
    }

    /// Another subject of the dossier's unit, proposed for a Giấy khen (the warning acknowledged).
    func nomineeFields(_ d: Dossier) async throws -> [(String, String)] {
        let subject = try await registration(.own, unitID: d.unitID).subjectID
        return [
            ("subjectID", String(subject)), ("formCode", "giay-khen"), ("achievement", "Hoàn thành tốt nhiệm vụ."),
            ("acknowledgeWarning", "yes"),
        ]
    }

    // MARK: Council

    /// The fields of an authority form: a new commune-like authority for a unit, or an existing one as it is.
    func authorityFields(unitCode: String? = nil, existing: Int? = nil) async throws -> [(String, String)] {
        if let existing {
            let a = try await AuthorityService.find(existing, on: app.db)
            return AuthoritiesWebController.form(a).filter { $0.key != "unitID" && $0.key != "level" }.sorted {
                $0.key < $1.key
            }
        }
        let unit = try await AppTests.unitID(app, unitCode ?? "")
        return [
            ("unitID", String(unit)), ("level", "xa"), ("name", "Ủy ban nhân dân thử"),
            ("headTitle", "Chủ tịch Ủy ban nhân dân thử"), ("councilName", "Hội đồng Thi đua - Khen thưởng thử"),
            ("standingUnitID", String(unit)), ("signingMode", "kt"), ("chiefTitle", "Chủ tịch"),
            ("signerTitle", "Phó Chủ tịch"), ("place", "Đăk Kôi"), ("decisionFormat", "{n}/QĐ-UBND"),
            ("minutesFormat", "{n}/BB-HĐTĐKT"),
        ]
    }

    func councilMember() async throws -> Int {
        try await webWrite(
            "/app/council/members",
            [("authorityID", String(district)), ("name", "Thành viên tạm \(next())"), ("position", "Ủy viên")])
        return try #require(try await CouncilMemberModel.query(on: app.db).sort(\.$id, .descending).first()?.id)
    }

    enum MeetingState: Int { case preparing, allPresent, voting, balloted, closed }
    struct Meeting { let id: Int, nominees: [Int] }

    func allPresentFields(_ meeting: Int) async throws -> [(String, String)] {
        let seats = try await CouncilAttendanceModel.query(on: app.db).filter(\.$meeting.$id == meeting).all()
        return seats.map { ("attendance_\($0.$member.id)", "co-mat") }
    }

    /// A seat whose ballot the secretary enters: a member present without an account.
    func paperSeat(_ meeting: Int) async throws -> Int {
        let seats = try await CouncilAttendanceModel.query(on: app.db).filter(\.$meeting.$id == meeting)
            .with(\.$member).all()
        return try #require(seats.first { $0.present && $0.member.userID == nil }?.$member.id)
    }

    /// A meeting on appraised dossiers (a fresh one of the actor's unit by default), brought to `state` by the admin.
    func meeting(_ state: MeetingState, dossiers given: [Int]? = nil) async throws -> Meeting {
        var dossiers = given ?? []
        if given == nil { dossiers = [try await dossier(.own, .appraised).id] }
        let page = try await webWrite(
            "/app/council/meetings", Fields.meeting(dossiers: dossiers, authority: district))
        let id = try #require(page.location.flatMap { Int($0.split(separator: "/").last ?? "") })
        var nominees: [Int] = []
        for d in dossiers { nominees += try await self.nominees(d) }
        let path = "/app/council/meetings/\(id)"
        if state.rawValue >= MeetingState.allPresent.rawValue {
            try await webWrite(path + "/attendance", try await allPresentFields(id))
        }
        if state.rawValue >= MeetingState.voting.rawValue { try await webWrite(path + "/open", []) }
        if state.rawValue >= MeetingState.balloted.rawValue {
            let choices = nominees.map { ("choice_\($0)", BallotChoice.agree.rawValue) }
            try await webWrite(path + "/ballots", [("memberID", String(try await paperSeat(id)))] + choices)
        }
        if state.rawValue >= MeetingState.closed.rawValue {
            try await webWrite(path + "/close", [("notes", "Thống nhất.")])
        }
        return Meeting(id: id, nominees: nominees)
    }
}
