import Domain
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Runs the table of `ReadMatrix.swift`. Each role gets one app; fixtures are made once per scope in it.
@Suite("Read matrix: every GET route × every role × own / other / led unit, and anonymous")
struct ReadMatrixTests {
    static func registeredGETs(_ app: Application) -> Set<String> {
        Set(
            app.routes.all.filter { $0.method == .GET }.map { route in
                "GET /" + route.path.map(\.description).joined(separator: "/")
            })
    }

    /// The GET routes the app registers must be exactly the rows of the table plus the public routes.
    @Test("Every GET route has a row, and every row a route")
    func everyReadRouteHasARow() async throws {
        try await withTestApp(demo: false) { app in
            let registered = Self.registeredGETs(app)
            let rows = ReadMatrix.rows.map(\.key)
            let duplicates = Dictionary(grouping: rows, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(duplicates.isEmpty, "rows listed twice: \(duplicates)")
            let covered = Set(rows).union(ReadMatrix.publicRoutes.keys)
            for key in registered.subtracting(covered).sorted() {
                Issue.record(
                    "GET route without a row in ReadMatrix.swift: \(key) — add a row with the outcome for every "
                        + "role and scope (or list it as public)")
            }
            for key in covered.subtracting(registered).sorted() {
                Issue.record("row for a GET route the app no longer registers: \(key) — remove or rename it")
            }
            for row in ReadMatrix.rows {
                for (scope, letters) in row.cases {
                    let clean = letters.filter { $0 != " " }
                    let valid = clean.allSatisfy { ReadOutcome(rawValue: $0) != nil }
                    #expect(
                        clean.count == MatrixRole.allCases.count && valid,
                        "\(row.key) [\(scope)]: “\(letters)” needs one of A F N H per role")
                }
            }
            let pairs = ReadMatrix.rows.map(\.cases.count).reduce(0, +)
            let roles = MatrixRole.allCases.count
            let cases = pairs * roles
            let anonymous = ReadMatrix.rows.count + ReadMatrix.publicRoutes.count
            print(
                "Read matrix: \(ReadMatrix.rows.count) GET routes × \(roles) roles × 1–3 scopes "
                    + "(\(pairs) route-scope pairs) = \(cases) cases, + \(anonymous) anonymous "
                    + "(\(ReadMatrix.publicRoutes.count) public routes) = \(cases + anonymous) cases")
        }
    }

    @Test("Each role gets the outcome written in the table, on every GET route", arguments: MatrixRole.allCases)
    func matrix(role: MatrixRole) async throws {
        try await withTestApp { app in
            let fx = try await MatrixFixture(app: app, role: role)
            let web = Browser(app)
            try await web.login(role.rawValue, role.password)
            let api = try await APIClient.login(app, role.rawValue, role.password)
            let verbose = ProcessInfo.processInfo.environment["READ_MATRIX_VERBOSE"] != nil
            var count = 0
            for row in ReadMatrix.rows {
                for (scope, _) in row.cases {
                    count += 1
                    let label = "\(role) \(row.key) [\(scope)]"
                    guard let expected = row.expected(role, scope) else {
                        Issue.record("\(label): no expectation")
                        continue
                    }
                    let call: ReadCall
                    do { call = try await row.build(fx, scope) } catch {
                        Issue.record("\(label): preparing the fixture failed: \(error)")
                        continue
                    }
                    let sent =
                        call.path.hasPrefix("/api/")
                        ? try await api.send(.GET, call.path) : try await web.send(.GET, call.path)
                    let problem = Self.judge(sent, call, expected)
                    if verbose { print("RM \(label) → \(sent.status.code) \(problem ?? "ok")") }
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
            print("Read matrix, \(role): \(count) cases")
        }
    }

    /// nil when the answer is the expected one; otherwise what is wrong.
    static func judge(_ sent: Sent, _ call: ReadCall, _ expected: ReadOutcome) -> String? {
        let code = sent.status.code
        switch expected {
        case .forbidden: return code == 403 ? nil : "not 403"
        case .notFound: return code == 404 ? nil : "not 404"
        case .allowed:
            guard code == 200 else { return "not 200" }
            if let marker = call.marker, !sent.text.contains(marker) {
                return "the listing leaves out the scope's record \(marker)"
            }
            return nil
        case .hidden:
            guard call.marker != nil else { return "H is only for listings" }
            guard code == 200 else { return "not 200" }
            return sent.text.contains(call.marker ?? "") ? "the listing shows another unit's record" : nil
        }
    }

    /// Signed out: a web page redirects to the login page, the API answers 401; public routes answer 200.
    @Test("Anonymous: every GET route asks to sign in, and the public ones answer")
    func anonymous() async throws {
        try await withTestApp { app in
            let fx = try await MatrixFixture(app: app, role: .admin)
            let web = Browser(app)
            let api = APIClient(app: app, token: nil)
            for row in ReadMatrix.rows {
                let label = "anonymous \(row.key)"
                let call: ReadCall
                do { call = try await row.build(fx, row.cases[0].0) } catch {
                    Issue.record("\(label): preparing the fixture failed: \(error)")
                    continue
                }
                if call.path.hasPrefix("/api/") {
                    let res = try await api.send(.GET, call.path)
                    #expect(res.status == .unauthorized, "\(label): \(res.status) \(res.text.prefix(200))")
                    #expect(!(call.marker.map(res.text.contains) ?? false), "\(label): the listing leaked")
                } else {
                    let res = try await web.send(.GET, call.path)
                    let toLogin = res.location?.hasPrefix("/dang-nhap") ?? false
                    #expect(
                        [302, 303].contains(res.status.code) && toLogin,
                        "\(label): \(res.status) → \(res.location ?? "no location")")
                    #expect(!(call.marker.map(res.text.contains) ?? false), "\(label): the page leaked")
                }
            }
            // A public route with a parameter answers 200 only for a public record: PublicSiteTests checks those.
            for key in ReadMatrix.publicRoutes.keys.sorted() where !key.contains(":") {
                let path = String(key.dropFirst("GET ".count))
                let res = try await web.send(.GET, path)
                #expect(res.status == .ok, "public \(key): \(res.status)")
            }
        }
    }

    /// A subject's personal keys: present for its own unit, the standing office and the administrator; absent
    /// for a lead agency following another unit's exemplar and for the council (issue 17, item 3). The editor
    /// does not see the subject at all.
    @Test(
        "Personal keys of a subject in the API: present or absent by reader",
        arguments: [
            PersonalCase(.admin, .other, true), PersonalCase(.noivu, .other, true),
            PersonalCase(.dakruong, .own, true), PersonalCase(.giaoduc, .own, true),
            PersonalCase(.giaoduc, .led, false), PersonalCase(.hoidong, .own, false),
            PersonalCase(.hoidong, .other, false),
        ])
    func personalKeys(_ c: PersonalCase) async throws {
        let (role, scope, present) = (c.role, c.scope, c.present)
        try await withTestApp { app in
            let fx = try await MatrixFixture(app: app, role: role)
            let api = try await APIClient.login(app, role.rawValue, role.password)
            let r = try await fx.markedRegistration(scope)
            let subject = try await api.send(.GET, "/api/v1/subjects/\(r.subjectID)")
            let registration = try await api.send(.GET, "/api/v1/registrations/\(r.id)")
            for (name, res) in [("subject", subject), ("registration", registration)] {
                #expect(res.status == .ok, "\(role) \(scope) \(name): \(res.status) \(res.text.prefix(200))")
                // Both answers hold the subject as "subject"; a missing object would pass the "absent" cases.
                let object = try #require(try res.jsonObject()["subject"] as? [String: Any], "\(name): no subject")
                #expect(object["name"] != nil, "\(name): the subject has no name: \(res.text.prefix(300))")
                for key in ReadMatrix.personalKeys {
                    let got = object[key].map { "\($0)" } ?? "absent"
                    let message =
                        "\(role) [\(scope)] \(name) key \(key): expected \(present ? "present" : "absent"), "
                        + "got \(got): \(res.text.prefix(600))"
                    #expect((object[key] != nil) == present, "\(message)")
                }
            }
            // The web pages of a reader who may not see them hold none of the values.
            if !present {
                let web = Browser(app)
                try await web.login(role.rawValue, role.password)
                for path in ["/app/subjects/\(r.subjectID)", "/app/registrations/\(r.id)"] {
                    let page = try await web.send(.GET, path)
                    #expect(page.status == .ok, "\(role) [\(scope)] \(path): \(page.status)")
                    for value in ReadMatrix.personalValues where page.text.contains(value) {
                        Issue.record("\(role) [\(scope)] \(path) shows the personal value \(value)")
                    }
                }
            }
            // The editor never reads a subject: no body to leak from.
            let editor = try await APIClient.login(app, "bientap")
            #expect(try await editor.send(.GET, "/api/v1/subjects/\(r.subjectID)").status == .notFound)
        }
    }
}

struct PersonalCase: Sendable, CustomStringConvertible {
    let role: MatrixRole, scope: MatrixScope, present: Bool
    init(_ role: MatrixRole, _ scope: MatrixScope, _ present: Bool) {
        self.role = role
        self.scope = scope
        self.present = present
    }
    var description: String { "\(role) [\(scope)] personal keys \(present ? "present" : "absent")" }
}
