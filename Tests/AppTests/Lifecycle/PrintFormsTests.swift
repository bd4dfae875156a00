import Domain
import Fluent
import Foundation
import Synchronization
import Testing
import Vapor
import VaporTesting

@testable import App
@testable import OOXML

/// Issue 15, items 6 and 7: the printable registration form and evaluation record, and the menu grouped by task.
@Suite("Print forms and the grouped menu")
struct PrintFormsTests {
    /// A household registration of the unit with personal data, and one evaluation of it, made through the API.
    static func registrationWithEvaluation(_ api: APIClient, unit: Int, name: String) async throws -> (Int, Int) {
        let res = try await api.send(
            .POST, "/api/v1/registrations",
            json: [
                "year": 2024, "unitID": unit, "typeCode": "MH-15", "title": "Mô hình trồng sâm dây của \(name)",
                "goals": "Thu nhập tăng 20%",
                "subject": ["kind": "household", "name": name, "idNumber": "062080001234", "phone": "0912345678"],
            ])
        #expect(res.status == .created, "\(res.text)")
        let rid = try res.json(RegistrationDTO.self).id
        let ev = try await api.send(
            .POST, "/api/v1/registrations/\(rid)/evaluations",
            json: [
                "date": "20/10/2024", "period": "Quý III/2024", "evaluator": "Đoàn kiểm tra của UBND xã",
                "conclusion": "in-progress", "effect": "Lan tỏa trong thôn", "summary": "Tiếp tục bồi dưỡng.",
                "inputs": [:] as [String: Any],
            ])
        #expect(ev.status == .created, "\(ev.text)")
        return (rid, try ev.json(EvaluationDTO.self).id)
    }

    static func documentXML(_ sent: Sent) throws -> String {
        let reader = try PackageReader(data: Data(sent.bytes), notAPackage: OOXMLError("not a package"))
        return String(decoding: try #require(try reader.read("word/document.xml")), as: UTF8.self)
    }

    @Test("The registration form and the evaluation record print in the Nghị định 30/2020 layout, and as DOCX")
    func printViews() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let api = try await APIClient.login(app, "dakruong")
            let (rid, eid) = try await Self.registrationWithEvaluation(api, unit: dakRuong, name: "Hộ ông A Blơi")
            let b = Browser(app)
            try await b.login("dakruong")

            let page = try await b.send(.GET, "/app/registrations/\(rid)")
            #expect(page.text.contains("href=\"/app/registrations/\(rid)/print\""), "an “In phiếu” link")
            #expect(page.text.contains("In phiếu"))
            #expect(page.text.contains("href=\"/app/evaluations/\(eid)/print\""), "a link to print the evaluation")

            let form = try await b.send(.GET, "/app/registrations/\(rid)/print")
            #expect(form.status == .ok)
            for part in [
                "Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc", "class=\"doc-issuer\"",
                "Ủy ban nhân dân xã Đăk Ruồng", "ngày", "Phiếu đăng ký",
                "Xây dựng mô hình, điển hình tiên tiến năm 2024",
                "Kính gửi:", "Hộ ông A Blơi", "Mô hình trồng sâm dây của Hộ ông A Blơi", "062080001234",
                "II. TIÊU CHÍ ĐĂNG KÝ THỰC HIỆN", "Đại diện hộ gia đình", "Nơi nhận:", "- Lưu: VT.",
                "href=\"/app/registrations/\(rid)/print.docx\"",
            ] {
                #expect(form.text.contains(part), "registration form lacks \(part)")
            }
            let docx = try await b.send(.GET, "/app/registrations/\(rid)/print.docx")
            #expect(docx.status == .ok)
            #expect(docx.headers.first(name: .contentType)?.contains("wordprocessingml") == true)
            let xml = try Self.documentXML(docx)
            #expect(xml.contains("PHIẾU ĐĂNG KÝ"))
            #expect(xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
            #expect(xml.contains("Hộ ông A Blơi"))
            #expect(xml.contains("Nơi nhận:"))

            let record = try await b.send(.GET, "/app/evaluations/\(eid)/print")
            #expect(record.status == .ok)
            for part in [
                "Cộng hòa xã hội chủ nghĩa Việt Nam", "Biên bản", "Số:", "/BB-UBND",
                "Đăk Ruồng, ngày 20 tháng 10 năm 2024",
                "Kiểm tra, đánh giá định kỳ Quý III/2024", "Đoàn kiểm tra của UBND xã", "Tác dụng: Lan tỏa trong thôn",
                "KẾT LUẬN", "Tiếp tục bồi dưỡng.", "Người kiểm tra, đánh giá", "Nơi nhận:",
            ] {
                #expect(record.text.contains(part), "evaluation record lacks \(part)")
            }
            let recordDOCX = try await b.send(.GET, "/app/evaluations/\(eid)/print.docx")
            #expect(recordDOCX.status == .ok)
            let rxml = try Self.documentXML(recordDOCX)
            #expect(rxml.contains("BIÊN BẢN"))
            #expect(rxml.contains("Đoàn kiểm tra của UBND xã"))
        }
    }

    @Test("Another unit's registration and evaluation are not found for a commune officer; signed out, sign in")
    func otherUnit() async throws {
        try await withTestApp { app in
            let tanLap = try await unitID(app, "KR-TANLAP")
            let office = try await APIClient.login(app, "noivu")
            let (rid, eid) = try await Self.registrationWithEvaluation(office, unit: tanLap, name: "Hộ bà Y Lan")
            let b = Browser(app)
            try await b.login("dakruong")
            for path in [
                "/app/registrations/\(rid)/print", "/app/registrations/\(rid)/print.docx",
                "/app/evaluations/\(eid)/print", "/app/evaluations/\(eid)/print.docx", "/app/evaluations/999999/print",
            ] {
                let res = try await b.send(.GET, path)
                #expect(res.status == .notFound, "\(path): \(res.status)")
                #expect(!res.text.contains("Hộ bà Y Lan"))
            }
            let noivu = Browser(app)
            try await noivu.login("noivu")
            #expect(try await noivu.send(.GET, "/app/registrations/\(rid)/print").status == .ok)
            let anonymous = try await Browser(app).send(.GET, "/app/registrations/\(rid)/print")
            #expect(anonymous.status != .ok)
            #expect(!anonymous.text.contains("Hộ bà Y Lan"))
        }
    }

    /// The groups a page's menu shows, by key, read from the rendered HTML.
    static func groups(_ html: String) -> [String] {
        html.components(separatedBy: "data-group=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
            .map(String.init)
    }

    @Test("The menu is grouped by task; each role sees only its groups and items; the active page marks its group")
    func groupedMenu() async throws {
        try await withTestApp { app in
            func home(_ user: String, _ password: String = demoPassword, path: String = "/app") async throws -> String {
                let b = Browser(app)
                try await b.login(user, password)
                return try await b.send(.GET, path).text
            }
            let admin = try await home("admin", adminPassword)
            #expect(Self.groups(admin) == ["thiet-lap", "dien-hinh", "khen-thuong", "tuyen-truyen", "bao-cao"])
            #expect(admin.contains("href=\"/app/audit\""), "the admin's setup has the audit log")
            #expect(admin.contains("<details name=\"menu\">"), "groups collapse into <details>")
            #expect(admin.contains("<summary>Thiết lập</summary>"))

            let commune = try await home("dakruong")
            #expect(Self.groups(commune) == ["thiet-lap", "dien-hinh", "khen-thuong", "tuyen-truyen", "bao-cao"])
            #expect(!commune.contains("href=\"/app/audit\""), "a commune officer has no audit log")
            #expect(!commune.contains("href=\"/app/units/reorganise\""))
            // Issue 10: a commune logs its exemplars' coverage, its events and reads its own unit's stories; the
            // public page's link is the editors' and the office's.
            for href in ["/app/media", "/app/events", "/app/stories"] {
                #expect(commune.contains("href=\"\(href)\""), "\(href) in the commune's menu")
            }
            #expect(!commune.contains("Trang công khai"))

            let editor = try await home("bientap")
            #expect(Self.groups(editor) == ["thiet-lap", "dien-hinh", "tuyen-truyen"])
            #expect(!editor.contains("href=\"/app/registrations\""))
            #expect(!editor.contains("href=\"/app/dossiers\""))
            // Issue 16's pages: the dashboard, the periodic report, the statistics forms and the clusters' year work
            // are offered to the office and to units, not to the editor.
            for href in ["/app/dashboard", "/app/reports", "/app/statistics", "/app/group-work"] {
                #expect(admin.contains("href=\"\(href)\""), "\(href) in the admin's menu")
                #expect(!editor.contains("href=\"\(href)\""), "\(href) not in the editor's menu")
            }
            #expect(commune.contains("href=\"/app/dashboard\"") && commune.contains("href=\"/app/group-work\""))

            let council = try await home("hoidong")
            // The council reads the events (review conferences honour exemplars) and the media log (an exemplar's
            // influence), not the stories in the editors' hands.
            #expect(council.contains("href=\"/app/events\"") && council.contains("href=\"/app/media\""))
            #expect(!council.contains("href=\"/app/stories\""))
            #expect(council.contains("href=\"/app/council\""))

            // The page shown is marked, and so is its group; the account menu holds sign-out.
            let list = try await home("noivu", path: "/app/registrations")
            #expect(list.contains("<summary aria-current=\"true\">Điển hình</summary>"))
            #expect(list.contains("<a href=\"/app/registrations\" aria-current=\"page\">Đăng ký điển hình</a>"))
            #expect(list.components(separatedBy: "aria-current=\"true\"").count == 2, "one group is current")
            #expect(list.contains("class=\"account-menu\""))
            #expect(list.contains("action=\"/dang-xuat\""))
        }
    }
}

/// An evaluation of a registration in the scope, for the read matrix's print rows (made once per fixture).
extension MatrixFixture {
    private static let evaluations = Mutex<[String: Int]>([:])

    func markedEvaluation(_ scope: MatrixScope) async throws -> Int {
        let key = "\(ObjectIdentifier(self))/\(scope)"
        if let id = Self.evaluations.withLock({ $0[key] }) { return id }
        let r = try await markedRegistration(scope)
        let object = try await apiWrite(
            "/api/v1/registrations/\(r.id)/evaluations",
            [
                "date": "20/10/2025", "period": "Quý III/2025", "evaluator": "Đoàn kiểm tra",
                "conclusion": EvaluationConclusion.inProgress.rawValue, "inputs": [:] as [String: Any],
            ])
        guard let id = object["id"] as? Int else { throw MatrixFixtureError("no evaluation: \(object)") }
        Self.evaluations.withLock { $0[key] = id }
        return id
    }
}

extension PrintFormPage {
    static let mock = PrintFormPage(
        layout: .mock("Biên bản đánh giá"),
        document: PrintDocument(
            parent: "Ủy ban nhân dân huyện Kon Rẫy", issuer: "Ủy ban nhân dân xã Đăk Ruồng", number: "      /BB-UBND",
            placeDate: "Đăk Ruồng, ngày 20 tháng 10 năm 2024", type: "Biên bản",
            summary: "Kiểm tra, đánh giá định kỳ Quý III/2024 mô hình, điển hình năm 2024", addressee: "",
            intro: ["Hôm nay, ngày 20/10/2024, tại Ủy ban nhân dân xã Đăk Ruồng, đoàn kiểm tra tiến hành đánh giá."],
            sections: [
                .init(
                    heading: "I. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ", paragraphs: [],
                    table: .init(
                        header: ["STT", "Tiêu chí", "Kết quả", "Ghi chú"],
                        rows: [["1", "MH-15-TC01 Thu nhập tăng", "Đạt", ""]], widths: [1.2, 8.8, 2.4, 4.1]),
                    after: ["Tổng hợp: 1 tiêu chí đạt, 0 tiêu chí chưa đạt, 0 tiêu chí thiếu dữ liệu."])
            ],
            closing: ["Biên bản đã được đọc lại cho những người dự cùng nghe và thống nhất ký tên./."],
            signers: [
                .init(capacity: ["Đại diện đơn vị"], name: ""),
                .init(capacity: ["Người kiểm tra, đánh giá"], name: "Đoàn kiểm tra của UBND xã"),
            ],
            recipients: ["Ủy ban nhân dân xã Đăk Ruồng", "Lưu: hồ sơ đăng ký"]),
        docxHref: "/app/evaluations/1/print.docx", backHref: "/app/registrations/1#danh-gia",
        backLabel: "Quay lại đăng ký")
}
