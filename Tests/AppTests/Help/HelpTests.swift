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
            #expect(help.slug(forPage: "/app/registrations/4/evaluations/new") == "danh-gia")
            #expect(help.slug(forPage: "/app/dossiers/4") == "ho-so")

            let b = Browser(app)
            try await b.login("admin", adminPassword)
            let index = try await b.send(.GET, "/app/huong-dan")
            #expect(index.status == .ok)
            #expect(index.text.contains("Quản trị hệ thống</a> <span class=\"tag\">Vai trò của bạn</span>"))
            let page = try await b.send(.GET, "/app/huong-dan/dang-ky")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Đăng ký điển hình</h1>"))
            #expect(page.text.contains("<ol class=\"list\"><li>Mở “Đăng ký điển hình”, bấm “Đăng ký mới”.</li>"))
            // From a screen added later, the menu's "Hướng dẫn" link opens that screen's own guide.
            let setup = try await b.send(.GET, "/app/setup")
            #expect(setup.status == .ok)
            let guideHref = HelpPath.topic(.text("thiet-lap")).href
            #expect(setup.text.contains("href=\"\(guideHref)\""), "the set-up page links its own guide")
            let guide = try await b.send(.GET, guideHref)
            #expect(guide.status == .ok && guide.text.contains("<h1>Thiết lập từ bảng tính</h1>"))
            #expect(try await b.send(.GET, "/app/huong-dan/khong-co").status == .notFound)
            let traversal = try await b.send(.GET, "/app/huong-dan/..%2Ftopics.json")
            // Refused before the route (403 for a path that climbs) or not a topic (404): never the file.
            #expect([.notFound, .forbidden].contains(traversal.status), "\(traversal.status)")
            #expect(!traversal.text.contains("\"topics\""))
            #expect(try await Browser(app).send(.GET, "/app/huong-dan").location?.hasPrefix("/dang-nhap") == true)
        }
    }

    @Test("Each screen's help link opens its own guide, not the general one (the later screens included)")
    func guidePerScreen() throws {
        let help = try HelpCatalogue.load(workingDirectory: packageRoot)
        let expected: [(page: String, slug: String)] = [
            // Screens added later: set-up, year roll-over, clusters, monitoring, reports, publicity.
            ("/app/setup", "thiet-lap"),
            ("/app/new-year?from=2024&to=2025", "mo-nam-moi"),
            ("/app/groups/3/edit", "cum-khoi"),
            ("/app/groups/3/year/2025", "cum-khoi"),
            ("/app/group-work", "cum-khoi"),
            ("/app/dashboard", "so-lieu"),
            ("/app/quotas", "so-lieu"),
            ("/app/reports/5", "bao-cao"),
            ("/app/statistics/0601", "bao-cao"),
            ("/app/stories/7/edit", "tuyen-truyen"),
            ("/app/media", "tuyen-truyen"),
            ("/app/subjects/9/consents", "tuyen-truyen"),
            ("/app/events/2", "su-kien"),
            ("/app/replications/4/assessments/new", "nhan-rong"),
            ("/app/proposals/3", "gioi-thieu"),
            // Existing screens keep theirs.
            ("/app/registrations/12", "dang-ky"),
            ("/app/subjects/9", "dang-ky"),
            ("/app/registrations/12/evaluations", "danh-gia"),
            ("/app/imports", "nhap-du-lieu"),
            ("/app/dossiers/4", "ho-so"),
            ("/app", "bat-dau"),
        ]
        for (page, slug) in expected {
            #expect(help.slug(forPage: page) == slug, "\(page)")
            #expect(help.href(forPage: page) == HelpPath.topic(.text(slug)).href, "\(page)")
            // Again, from the paths kept (`PageHrefs`): the same link.
            #expect(help.href(forPage: page) == HelpPath.topic(.text(slug)).href, "\(page), kept")
            #expect(help.topic(slug) != nil, "no file for \(slug)")
        }
        // A page without a guide is kept as having none; past the limit, paths are matched and not kept.
        let loose = HelpCatalogue(file: help.file, documents: help.documents)
        #expect(loose.href(forPage: "/khong-co") == nil)
        #expect(loose.href(forPage: "/khong-co") == nil)
        for i in 0..<(HelpCatalogue.PageHrefs.limit + 10) { _ = loose.href(forPage: "/app/registrations/\(i)") }
        #expect(loose.href(forPage: "/app/registrations/999999") == HelpPath.topic(.text("dang-ky")).href)
        #expect(loose.pageHrefCount == HelpCatalogue.PageHrefs.limit)
        // The new topics are screens with a guide and the roles they are written for.
        for slug in [
            "thiet-lap", "mo-nam-moi", "cum-khoi", "so-lieu", "bao-cao", "tuyen-truyen", "su-kien", "nhan-rong",
            "gioi-thieu",
        ] {
            let (topic, doc) = try #require(help.topic(slug), "\(slug)")
            #expect(topic.group == .screen, "\(slug)")
            #expect(doc.title == topic.title, "\(slug)")
            #expect(!(topic.roles ?? []).isEmpty, "\(slug)")
            #expect((topic.roles ?? []).allSatisfy { Role(rawValue: $0) != nil }, "\(slug)")
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
            #expect(bad.text.contains("Số điện thoại phải là số di động 10 chữ số"))
            // The numbering plan, not a digit count: an 11-digit number that is neither 02… nor +84 is refused.
            let oldMobile = try await admin.post(
                "/app/ho-tro", [("name", "Phòng Nội vụ"), ("phone", "0168 123 4567"), ("email", ""), ("hours", "")])
            #expect(oldMobile.status == .unprocessableEntity)
            #expect(oldMobile.text.contains("0168 123 4567"), "the form comes back with what was typed")
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
