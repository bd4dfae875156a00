import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Media log: coverage of exemplars, counted toward influence in evaluations")
struct MediaTests {
    /// A registration of Đăk Ruồng and its subject.
    /// A registration of the small demo (the standing office reads and writes every unit's).
    static func aRegistration(_ app: Application) async throws -> RegistrationModel {
        let fx = try await MatrixFixture(app: app, role: .noivu)
        let made = try await fx.markedRegistration(.other)
        return try #require(
            try await RegistrationModel.query(on: app.db).filter(\.$id == made.id).with(\.$subject).first())
    }

    static func subjectOf(_ app: Application, unit code: String) async throws -> SubjectModel {
        let unit = try await unitID(app, code)
        return try #require(try await SubjectModel.query(on: app.db).filter(\.$unit.$id == unit).sort(\.$id).first())
    }

    static func count(in html: String) -> Int? {
        guard let r = html.range(of: "Số lần được tuyên truyền trong kỳ: ") else { return nil }
        return Int(html[r.upperBound...].prefix { $0.isNumber })
    }

    static func entry(subjectID: Int, date: String, title: String) -> [(String, String)] {
        [
            ("subjectID", String(subjectID)), ("outletKind", "loudspeaker"),
            ("outletName", "Đài truyền thanh xã Đăk Ruồng"), ("date", date), ("title", title),
            ("note", "Phát 2 buổi sáng, chiều"),
        ]
    }

    @Test("A coverage raises the count on the evaluation form for that period, and the saved evaluation keeps it")
    func countOnEvaluationForm() async throws {
        try await withTestApp { app in
            let r = try await Self.aRegistration(app)
            let b = Browser(app)
            try await b.login("noivu")
            let form = try await b.send(.GET, "/app/registrations/\(r.id!)/evaluations/new")
            #expect(form.status == .ok, "\(form.text.prefix(300))")
            let before = try #require(Self.count(in: form.text), "no media line on the evaluation form")
            let today = VietnameseDate.format(Date())
            try await b.send(.GET, "/app/media?subject=\(r.$subject.id)")
            let saved = try await b.post(
                "/app/media", Self.entry(subjectID: r.$subject.id, date: today, title: "Gương sáng thôn Kon Rế"))
            #expect(saved.status == .seeOther, "\(saved.text.prefix(500))")
            let again = try await b.send(.GET, "/app/registrations/\(r.id!)/evaluations/new")
            #expect(Self.count(in: again.text) == before + 1)
            // The subject's page lists it in its "Tuyên truyền" section.
            let subject = try await b.send(.GET, "/app/subjects/\(r.$subject.id)")
            #expect(subject.text.contains("Gương sáng thôn Kon Rế"))
            #expect(subject.text.contains("id=\"tuyen-truyen\""))
            // Saving the evaluation stores the count.
            let ev = try await b.post(
                "/app/registrations/\(r.id!)/evaluations",
                [
                    ("date", today), ("period", "Cuối năm"), ("evaluator", "Đoàn kiểm tra xã"),
                    ("conclusion", "in-progress"),
                ])
            #expect(ev.status == .seeOther, "\(ev.text.prefix(800))")
            let stored = try await EvaluationModel.query(on: app.db).filter(\.$registration.$id == r.id!)
                .sort(\.$id, .descending).first()
            #expect(stored?.mediaCount == before + 1)
            let print = try await b.send(.GET, "/app/evaluations/\(stored?.id ?? 0)/print")
            #expect(print.text.contains("Số lần được tuyên truyền trong kỳ: \(before + 1)"))
        }
    }

    @Test("Another unit's officer gets 404 on a coverage and does not see it listed; the API agrees")
    func otherUnitNotFound() async throws {
        try await withTestApp { app in
            let tanLap = try await Self.subjectOf(app, unit: "KR-TANLAP")
            let office = try await APIClient.login(app, "noivu")
            let made = try await office.send(
                .POST, "/api/v1/media",
                json: [
                    "subjectID": tanLap.id!, "outletKind": "online", "outletName": "Báo Kon Tum điện tử",
                    "date": "10/03/2025", "title": "Tân Lập có mô hình hay", "link": "https://baokontum.com.vn/bai-1",
                ])
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(try made.jsonObject()["id"] as? Int)
            let b = Browser(app)
            try await b.login("dakruong")
            #expect(try await b.send(.GET, "/app/media/\(id)").status == .notFound)
            let list = try await b.send(.GET, "/app/media")
            #expect(list.status == .ok)
            #expect(!list.text.contains("Tân Lập có mô hình hay"))
            let api = try await APIClient.login(app, "dakruong")
            #expect(try await api.send(.GET, "/api/v1/media/\(id)").status == .notFound)
            #expect(try await api.send(.DELETE, "/api/v1/media/\(id)").status == .notFound)
            // The standing office reads it and lists it.
            let all = try await office.send(.GET, "/api/v1/media?year=2025")
            #expect(all.text.contains("Tân Lập có mô hình hay"))
            #expect(try await MediaQuery.count(year: 2025, unitPath: nil, on: app.db) >= 1)
        }
    }

    @Test("A link that is not http(s) and a coverage with neither link nor note are refused in Vietnamese")
    func validation() async throws {
        try await withTestApp { app in
            let r = try await Self.aRegistration(app)
            let b = Browser(app)
            try await b.login("noivu")
            try await b.send(.GET, "/app/media?subject=\(r.$subject.id)")
            var fields = Self.entry(subjectID: r.$subject.id, date: "01/02/2025", title: "Bài có liên kết lạ")
            fields.removeAll { $0.0 == "note" }
            let bad = try await b.post("/app/media", fields + [("link", "javascript:alert(1)")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Đường dẫn phải bắt đầu bằng http:// hoặc https://"))
            #expect(bad.text.contains("Bài có liên kết lạ"))
            let none = try await b.post("/app/media", fields)
            #expect(none.status == .unprocessableEntity)
            #expect(none.text.contains("một trong hai"))
            #expect(try await MediaEntryModel.query(on: app.db).count() == 0)
        }
    }

    @Test("Domain: the evaluation window starts after the previous evaluation, or on 1 January")
    func window() {
        let w = MediaLogRules.evaluationWindow(year: 2025, previousEvaluation: nil, evaluationDate: "2025-06-30")
        #expect(w.from == "2025-01-01" && w.to == "2025-06-30")
        let w2 = MediaLogRules.evaluationWindow(
            year: 2025, previousEvaluation: "2025-06-30", evaluationDate: "2025-12-15")
        #expect(w2.from == "2025-07-01")
        #expect(MediaLogRules.isSafeLink("https://baokontum.com.vn/a"))
        #expect(!MediaLogRules.isSafeLink("javascript:alert(1)"))
        #expect(!MediaLogRules.isSafeLink("ftp://x.vn/a"))
    }
}

// MARK: Page mocks (SurfaceTests.everyViewRenders)

extension MediaRow {
    static let mock = MediaRow(
        id: 3, date: "15/03/2025", kindLabel: "Hệ thống loa truyền thanh cơ sở", outletName: "Đài truyền thanh xã",
        title: "Hộ ông A Blơi nuôi bò sinh sản", link: "https://konray.kontum.gov.vn/tin/1", note: "Phát 2 buổi",
        subjectName: "Hộ ông A Blơi", subjectID: 5)
}

extension MediaFormContext {
    static let mock = MediaFormContext(
        action: MediaPath.list.href, subjectID: 5, subjectName: "Hộ ông A Blơi",
        kinds: MediaWebController.kindOptions("loudspeaker", empty: "— Chọn loại kênh —"),
        values: ["outletName": "Đài truyền thanh xã", "date": "15/03/2025", "link": "ftp://x", "title": "Tin"])
}

extension MediaListPage {
    static let mock = MediaListPage(
        layout: .mock("Sổ theo dõi tuyên truyền"), items: [.mock], subjectID: "5", subjectName: "Hộ ông A Blơi",
        unit: .mock,
        kinds: MediaWebController.kindOptions("", empty: "Tất cả loại kênh"), year: "2025",
        nextHref: MediaPath.list.href([("after", "2025-03-15.3")]), firstHref: nil, form: .mock,
        errors: [:], legalBasis: "Luật Báo chí 2016")
}

extension MediaEntryPage {
    static let mock = MediaEntryPage(
        layout: .mock("Tin, bài tuyên truyền"), entry: .mock, unitName: "Ủy ban nhân dân xã Đăk Ruồng", form: .mock,
        deleteAction: MediaPath.delete(.id(3)).href,
        errors: ["link": "Đường dẫn phải bắt đầu bằng http:// hoặc https://, ví dụ https://baokontum.com.vn/…."])
}

extension SubjectPage {
    static let mockWithMedia: SubjectPage = {
        var p = SubjectPage.mock
        p.media = MediaSection(
            count: 1, items: [.mock], allHref: MediaPath.list.href([("subject", "5")]),
            addHref: MediaPath.list.href([("subject", "5")]) + "#ghi-moi")
        return p
    }()
}
