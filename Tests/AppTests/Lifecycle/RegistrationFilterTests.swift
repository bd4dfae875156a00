import Domain
import Foundation
import Testing
import Vapor

@testable import App

/// The registration list's filter selects, kept as rendered (`Request.keptOptions`, session 39): the option chosen
/// is the one marked, whichever selection came before, and a write shows in the next view.
@Suite("The registration list's filter selects")
struct RegistrationFilterTests {
    /// The `<select>` named `name` in a page, options and all.
    static func select(_ name: String, in html: String) throws -> String {
        try slice(html, from: "<select id=\"\(name)\" name=\"\(name)\">", through: "</select>")
    }

    @Test("Each select marks the value asked for, view after view; a new movement is offered at the next view")
    func selectsFollowTheQueryAndTheData() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.login("noivu")
            let plain = try await b.send(.GET, "/app/registrations")
            #expect(plain.status == .ok)
            let statuses = try Self.select("status", in: plain.text)
            #expect(statuses.contains("<option value=\"\" selected>Tất cả trạng thái</option>"))
            #expect(!statuses.contains("\" selected>" + RegistrationStatus.registered.label))

            for status in [RegistrationStatus.registered, .nurturing, .registered] {
                let page = try await b.send(.GET, "/app/registrations?status=\(status.rawValue)&subjectKind=household")
                let s = try Self.select("status", in: page.text)
                #expect(s.contains("<option value=\"\(status.rawValue)\" selected>\(status.label)</option>"))
                #expect(s.components(separatedBy: " selected>").count == 2, "one option marked: \(s)")
                let kinds = try Self.select("subjectKind", in: page.text)
                #expect(kinds.contains("<option value=\"household\" selected>"))
                #expect(kinds.contains("<option value=\"\">Tất cả đối tượng</option>"))
            }
            // What the select showed before the write is kept; the movement written through the form is offered
            // at the next view.
            let before = try Self.select("movementID", in: try await b.send(.GET, "/app/registrations").text)
            #expect(!before.contains("Thi đua chuyển đổi số"))
            try await PageCacheTests.createMovement(app, b, code: "PT-MOI", "Thi đua chuyển đổi số <số 1>")
            let after = try Self.select("movementID", in: try await b.send(.GET, "/app/registrations").text)
            // Escaped once, as every value Leaf writes.
            #expect(after.contains(">Thi đua chuyển đổi số &lt;số 1&gt;</option>"))
            #expect(after.contains("<option value=\"\" selected>Tất cả phong trào</option>"))
            // Chosen by its id, the new movement is the one marked.
            let id = try #require(after.firstMatch(of: /value="(\d+)">Thi đua chuyển đổi số/)?.1)
            let chosen = try Self.select(
                "movementID", in: try await b.send(.GET, "/app/registrations?movementID=\(id)").text)
            #expect(chosen.contains("<option value=\"\(id)\" selected>Thi đua chuyển đổi số &lt;số 1&gt;</option>"))
            #expect(chosen.contains("<option value=\"\">Tất cả phong trào</option>"))
        }
    }
}
