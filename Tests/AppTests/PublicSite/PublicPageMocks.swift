import Domain
import Foundation
import Testing
import Vapor

@testable import App

// The page mocks of the public site: each view's render test draws one.

extension PublicLayout {
    static func mock(_ title: String) -> PublicLayout {
        PublicLayout(
            title: title, description: "Mô tả trang", canonical: "https://dienhinh.example.vn/", ogType: "website",
            ogImage: "https://dienhinh.example.vn/anh/1", ogImageAlt: "Ảnh minh họa",
            columns: PublicColumns(try? StoriesService.loadColumns(workingDirectory: packageRoot)).all.map {
                NavItem(label: $0.name, href: "/chuyen-muc/\($0.code)", active: false)
            },
            signedIn: false, feedHref: "https://dienhinh.example.vn/feed.atom", feedTitle: "Bài viết mới")
    }
}

extension StoryCard {
    static let mock = StoryCard(
        title: "Người giữ rừng Đăk Ruồng", href: "/bai-viet/1-nguoi-giu-rung", lead: "Ba mươi năm giữ rừng.",
        published: "01/12/2026", publishedISO: "2026-12-01T02:00:00Z", columnName: "Sống đẹp",
        columnHref: "/chuyen-muc/song-dep")
}

extension ExemplarCard {
    static let mock = ExemplarCard(
        name: "Tổ hợp tác sâm Ngọc Linh", kindLabel: "Tập thể", unitName: "Xã Đăk Ruồng", href: "/dien-hinh/3")
}

extension FacetLink {
    static let mock = FacetLink(label: "Xã Đăk Ruồng", count: 4, href: "/dien-hinh?xa=5", active: false)
}

extension PublicHomePage {
    static let mock = PublicHomePage(
        site: .mock("Điển hình tiên tiến"), stories: [.mock], nextHref: "/?sau=1", columns: [.mock],
        communes: [.mock], fields: [.mock],
        movements: [
            Row(
                name: "Dạy tốt - Học tốt", kindLabel: "Phong trào thi đua", period: "2023–2025",
                leads: "Phòng Giáo dục và Đào tạo")
        ])
}

extension PublicColumnPage {
    static let mock = PublicColumnPage(
        site: .mock("Sống đẹp"), name: "Sống đẹp", stories: [.mock], nextHref: nil,
        feedHref: "/chuyen-muc/song-dep/feed.atom")
}

extension PublicStoryPage {
    static let mock = PublicStoryPage(
        site: .mock("Người giữ rừng"), title: "Người giữ rừng Đăk Ruồng", lead: "Ba mươi năm giữ rừng.",
        bodyHTML: "<p>Nội dung <em>bài</em>.</p>", published: "01/12/2026", publishedISO: "2026-12-01T02:00:00Z",
        columnName: "Sống đẹp", columnHref: "/chuyen-muc/song-dep",
        photos: [.init(src: "/anh/1", alt: "Ông A Blơi bên rừng", caption: "Rừng thôn 3", width: 800, height: 600)],
        minority: .init(lang: "sed", text: "Tóm tắt tiếng Xơ Đăng", translator: "A Hùng"), exemplars: [.mock])
}

extension PublicExemplarsPage {
    static let mock = PublicExemplarsPage(
        site: .mock("Điển hình"), heading: "Điển hình tiên tiến — Xã Đăk Ruồng", exemplars: [.mock], nextHref: nil,
        communes: [.mock], fields: [.mock])
}

extension PublicExemplarPage {
    static let mock = PublicExemplarPage(
        site: .mock("Tổ hợp tác"), name: "Tổ hợp tác sâm Ngọc Linh", kindLabel: "Tập thể", unitName: "Xã Đăk Ruồng",
        unitHref: "/dien-hinh?xa=5", fields: ["Kinh tế", "Nông nghiệp"],
        recognitions: [.init(year: 2025, title: "Mô hình trồng sâm", statusLabel: "Đạt điển hình")], stories: [.mock],
        awards: [
            .init(
                formName: "Giấy khen", year: 2025, authority: "Chủ tịch UBND huyện",
                decision: "Quyết định số 12/QĐ-UBND ngày 10/11/2025")
        ])
}

extension PublicSearchPage {
    static let mock = PublicSearchPage(
        site: .mock("Tìm kiếm"), q: "dak ruong", searched: true, stories: [.mock], exemplars: [.mock])
}

@Suite("Public site views")
struct PublicViewTests {
    @Test("Every public view renders from its mock, with canonical, Open Graph and the minority language's lang")
    func views() async throws {
        try await withTestApp(demo: false) { app in
            func render<C: Encodable & Sendable>(_ name: String, _ ctx: C, _ must: [String]) async throws {
                let html = String(buffer: try await app.view.render(name, ctx).get().data)
                #expect(html.contains("<html lang=\"vi\">"), "\(name)")
                #expect(html.contains("<link rel=\"canonical\" href=\"https://dienhinh.example.vn/\">"), "\(name)")
                #expect(html.contains("<meta property=\"og:locale\" content=\"vi_VN\">"), "\(name)")
                #expect(!html.contains("#("), "\(name) has an unrendered tag")
                #expect(!html.contains("style="), "\(name) has an inline style")
                for m in must { #expect(html.contains(m), "\(name) lacks \(m)") }
            }
            try await render("public/home", PublicHomePage.mock, ["Dạy tốt - Học tốt", "Người giữ rừng Đăk Ruồng"])
            try await render("public/column", PublicColumnPage.mock, ["Sống đẹp", "feed.atom"])
            try await render(
                "public/story", PublicStoryPage.mock,
                [
                    "<p lang=\"sed\">Tóm tắt tiếng Xơ Đăng</p>", "Người dịch: A Hùng", "<em>bài</em>",
                    "alt=\"Ông A Blơi bên rừng\"", "og:image",
                ])
            try await render("public/exemplars", PublicExemplarsPage.mock, ["Tổ hợp tác sâm Ngọc Linh"])
            try await render("public/exemplar", PublicExemplarPage.mock, ["Giấy khen", "Kinh tế, Nông nghiệp"])
            try await render("public/search", PublicSearchPage.mock, ["value=\"dak ruong\""])
        }
    }

    @Test("The public API is in the OpenAPI document with no security")
    func openAPI() async throws {
        try await withTestApp(demo: false) { app in
            let res = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            let doc = try #require(
                try JSONSerialization.jsonObject(with: Data(String(buffer: res.body).utf8)) as? [String: Any])
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            for p in ["/public/stories", "/public/stories/{id}", "/public/exemplars/{id}"] {
                let get = try #require(paths[p]?["get"] as? [String: Any], "\(p) is not documented")
                #expect((get["security"] as? [Any])?.isEmpty == true, "\(p) must say security: []")
            }
        }
    }
}
