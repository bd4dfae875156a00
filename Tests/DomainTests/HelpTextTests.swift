import Testing

@testable import Domain

@Suite("Help guides: the tiny Markdown subset")
struct HelpTextTests {
    @Test("Title, headings, paragraphs joined across lines, bulleted and numbered lists")
    func parse() {
        let doc = HelpDocument.parse(
            """
            # Đăng ký điển hình
            Trang này liệt kê
            các đăng ký của đơn vị.

            ## Các bước
            1. Bấm “Đăng ký mới”.
            2. Chọn đối tượng
               rồi bấm Lưu.
            - Tập thể
            * Cá nhân
            # Lưu ý
            Hết.
            """)
        #expect(doc.title == "Đăng ký điển hình")
        #expect(
            doc.blocks == [
                .init(kind: .paragraph, text: "Trang này liệt kê các đăng ký của đơn vị."),
                .init(kind: .subheading, text: "Các bước"),
                .init(kind: .steps, items: ["Bấm “Đăng ký mới”.", "Chọn đối tượng rồi bấm Lưu."]),
                .init(kind: .list, items: ["Tập thể", "Cá nhân"]),
                .init(kind: .heading, text: "Lưu ý"),
                .init(kind: .paragraph, text: "Hết."),
            ])
    }

    @Test("Markup is text: nothing is interpreted beyond the subset")
    func markupIsText() {
        let doc = HelpDocument.parse("# T\n<script>alert(1)</script> **đậm** [liên kết](javascript:x)\r\n")
        #expect(
            doc.blocks == [.init(kind: .paragraph, text: "<script>alert(1)</script> **đậm** [liên kết](javascript:x)")])
        #expect(HelpDocument.parse("").blocks.isEmpty)
        // A year at the start of a line is not a step number.
        #expect(HelpDocument.parse("2024. Năm\n12345. x").blocks.map(\.kind) == [.paragraph])
    }
}

@Suite("Help guides: which topic explains a page")
struct HelpScreensTests {
    static let topics: [(key: String, patterns: [String])] = [
        ("tong-quan", ["/app"]), ("dang-ky", ["/app/registrations"]),
        ("danh-gia", ["/app/registrations/:id/evaluations", "/app/evaluations"]),
    ]

    @Test(
        "The most specific pattern wins; a page no topic names falls back to the dashboard's",
        arguments: [
            ("/app/registrations/5/evaluations/new", "danh-gia"), ("/app/registrations/5", "dang-ky"),
            ("/app/registrations?q=dak", "dang-ky"), ("/app/evaluations/3/print", "danh-gia"),
            ("/app/units", "tong-quan"), ("/app", "tong-quan"),
        ])
    func best(path: String, expected: String) {
        #expect(HelpScreens.best(path: path, among: Self.topics) == expected)
    }

    @Test("Nothing matches outside the patterns")
    func none() {
        #expect(HelpScreens.best(path: "/dang-nhap", among: Self.topics) == nil)
        #expect(HelpScreens.score(path: "/app", pattern: "/app/registrations") == nil)
    }
}
