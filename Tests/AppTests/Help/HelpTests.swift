import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Help: guides per screen and role, the support contact set by the admin")
struct HelpTests {
    @Test("Every shipped guide parses, has a title and text; the index lists them with the reader's role first")
    func guides() async throws {
        try await withTestApp(demo: false) { app in
            let help = try app.help
            #expect(help.file.topics.count >= 15)
            for t in help.file.topics {
                let (_, doc) = try #require(help.topic(t.slug), "no file for \(t.slug)")
                #expect(!doc.title.isEmpty && !doc.blocks.isEmpty, "\(t.slug)")
                #expect(doc.title.precomposedStringWithCanonicalMapping == doc.title, "\(t.slug) is not NFC")
            }
            // Each main screen of the issue has its guide.
            for slug in [
                "bat-dau", "dang-ky", "danh-gia", "du-dieu-kien", "ho-so", "hoi-dong", "quyet-dinh", "nhap-du-lieu",
                "tai-khoan",
            ] {
                #expect(help.topic(slug) != nil, "\(slug)")
            }
            // Each role has its guide.
            for role in Role.allCases {
                #expect(help.file.topics.contains { ($0.roles ?? []).contains(role.rawValue) }, "\(role)")
            }
            #expect(help.topic(forPage: "/app/registrations/4/evaluations/new")?.slug == "danh-gia")
            #expect(help.topic(forPage: "/app/dossiers/4")?.slug == "ho-so")

            let b = Browser(app)
            try await b.login("admin", adminPassword)
            let index = try await b.send(.GET, "/app/huong-dan")
            #expect(index.status == .ok)
            #expect(index.text.contains("Quản trị hệ thống</a> <span class=\"tag\">Vai trò của bạn</span>"))
            let page = try await b.send(.GET, "/app/huong-dan/dang-ky")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Đăng ký điển hình</h1>"))
            #expect(page.text.contains("<ol class=\"list\"><li>Mở “Đăng ký điển hình”, bấm “Đăng ký mới”.</li>"))
            #expect(try await b.send(.GET, "/app/huong-dan/khong-co").status == .notFound)
            let traversal = try await b.send(.GET, "/app/huong-dan/..%2Ftopics.json")
            // Refused before the route (403 for a path that climbs) or not a topic (404): never the file.
            #expect([.notFound, .forbidden].contains(traversal.status), "\(traversal.status)")
            #expect(!traversal.text.contains("\"topics\""))
            #expect(try await Browser(app).send(.GET, "/app/huong-dan").location?.hasPrefix("/dang-nhap") == true)
        }
    }

    @Test("The support contact: the admin edits it (bad phone → the form again), everyone reads it, also signed out")
    func supportContact() async throws {
        try await withTestApp { app in
            let admin = Browser(app)
            try await admin.login("admin", adminPassword)
            #expect(try await admin.send(.GET, "/app/ho-tro").text.contains("Chưa có thông tin liên hệ hỗ trợ"))
            #expect(try await admin.send(.GET, "/app/ho-tro/sua").status == .ok)
            let bad = try await admin.post(
                "/app/ho-tro", [("name", "Phòng Nội vụ"), ("phone", "12"), ("email", "hotro"), ("hours", "")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Số điện thoại gồm 8–15 chữ số"))
            #expect(bad.text.contains("value=\"Phòng Nội vụ\""))
            #expect(try await SettingModel.query(on: app.db).count() == 0)
            let name = "Bộ phận Thi đua - Khen thưởng, Phòng Nội vụ".decomposedStringWithCanonicalMapping
            let ok = try await admin.post(
                "/app/ho-tro",
                [
                    ("name", name), ("phone", "0260 3820 123"), ("email", "hotro@konray.gov.vn"),
                    ("hours", "Thứ Hai – Thứ Sáu, 7:30–17:00"), ("note", "Gọi trước khi đến."),
                ])
            #expect(ok.status == .seeOther)
            let contact = try await SettingsService.supportContact(on: app.db)
            #expect(contact.name == "Bộ phận Thi đua - Khen thưởng, Phòng Nội vụ")
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entity == "settings").count() == 1)

            let noivu = Browser(app)
            try await noivu.login("noivu")
            let page = try await noivu.send(.GET, "/app/ho-tro")
            #expect(page.text.contains("0260 3820 123"))
            #expect(!page.text.contains("/app/ho-tro/sua"))
            #expect(try await noivu.send(.GET, "/app/ho-tro/sua").status == .forbidden)
            #expect(try await noivu.post("/app/ho-tro", [("name", "Ai đó")]).status == .forbidden)
            #expect(try await noivu.send(.GET, "/app/huong-dan").text.contains("hotro@konray.gov.vn"))
            // The sign-in page names whom to call.
            let login = try await Browser(app).send(.GET, "/dang-nhap")
            #expect(login.text.contains("Cần hỗ trợ?"))
            #expect(login.text.contains("tel:02603820123"))
        }
    }
}
