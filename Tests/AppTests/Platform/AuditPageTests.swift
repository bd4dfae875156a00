import Domain
import Fluent
import Testing
import VaporTesting

@testable import App

@Suite("The audit log's pages")
struct AuditPageTests {
    @Test("Long records are cut on the list (the page stays light) and shown whole on the entry's own page")
    func longRecordsCut() async throws {
        try await withTestApp { app in
            struct Record: Encodable { let text: String }
            let long = (0..<5_000).map { String($0 % 10) }.joined()
            for i in 0..<60 {
                try await AuditLog.record(
                    on: app.db, actor: nil, action: "update", entity: "unit", entityID: i, unitID: nil,
                    summary: "Sửa thử số \(i)", before: Record(text: "trước " + long),
                    after: Record(text: "sau " + long))
            }
            let last = try #require(try await AuditEntryModel.query(on: app.db).sort(\.$id, .descending).first())
            let web = Browser(app)
            try await web.login("noivu")
            let list = try await web.send(.GET, "/app/audit")
            #expect(list.status == .ok)
            // 50 rows of two 5,000-character records would be 500 KB: each links its entry's page instead.
            #expect(list.text.utf8.count < 50_000, "\(list.text.utf8.count) bytes")
            #expect(!list.text.contains(String(long.prefix(100))))
            let href = "/app/audit/\(try last.requireID())"
            #expect(list.text.contains("<a href=\"\(href)\">Trước → sau (10.032 ký tự)</a>"))
            let full = try await web.send(.GET, href)
            #expect(full.status == .ok)
            #expect(full.text.contains("Mục nhật ký số \(try last.requireID())"))
            #expect(full.text.contains("sau " + long) && full.text.contains("trước " + long))
            #expect(full.text.contains("Sửa thử số 59"))
            // Short records are shown whole on the list, with no link (a demo entry, and one just within the limit).
            let within = String(repeating: "x", count: AuditWebController.inlineBytes - 40)
            try await AuditLog.record(
                on: app.db, actor: nil, action: "update", entity: "unit", entityID: 1, unitID: nil, summary: "Sửa ngắn",
                before: Optional<Record>.none, after: Record(text: within))
            let shortList = try await web.send(.GET, "/app/audit")
            #expect(shortList.text.contains("<pre>{&quot;text&quot;:&quot;\(within)&quot;}</pre>"))
            let demo = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$entity != "unit").sort(\.$id).first())
            #expect(!shortList.text.contains("/app/audit/\(try demo.requireID())\""))
            // No such entry: a Vietnamese 404.
            let none = try await web.send(.GET, "/app/audit/999999")
            #expect(none.status == .notFound)
            #expect(none.text.contains("Không tìm thấy mục nhật ký số 999999."))
        }
    }
}
