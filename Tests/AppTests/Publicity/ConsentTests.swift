import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Consents to publication: recorded on the subject's page, withdrawn, the scanned form kept private")
struct ConsentTests {
    /// A demo individual with a recognised registration, its demo consents withdrawn beforehand (so that it is not
    /// public until a new consent is recorded).
    static func recognisedIndividual(_ app: Application) async throws -> SubjectModel {
        // The test demo may hold no recognised individual: the public site's fixture makes one recognised.
        let subject = try await PublicFixture.recognisedSubject(app, kind: .individual)
        let id = try subject.requireID()
        for c in try await ConsentModel.query(on: app.db).filter(\.$subjectID == id).all() {
            c.withdrawnAt = Date()
            c.withdrawReason = "Thử nghiệm"
            try await c.update(on: app.db)
        }
        return try #require(try await SubjectModel.query(on: app.db).filter(\.$id == id).with(\.$unit).first())
    }

    static func fields(givenBy: String, method: ConsentMethod = .writtenForm) -> [(String, String)] {
        [("givenBy", givenBy), ("givenOn", "05/03/2025"), ("method", method.rawValue), ("scopeNote", "Tên, ảnh")]
    }

    @Test(
        "Recorded through the web form, the subject goes public; withdrawn, it is gone at once; the scan stays private")
    func recordWithdrawFile() async throws {
        try await withTestApp { app in
            let s = try await Self.recognisedIndividual(app)
            let sid = try s.requireID()
            #expect(try await Browser(app).send(.GET, "/dien-hinh/\(sid)").status == .notFound)

            let office = Browser(app)
            try await office.login("noivu")
            let page = try await office.send(.GET, "/app/subjects/\(sid)")
            #expect(page.text.contains("Đồng ý công khai"))
            // A written form without its scan is refused, with what was typed.
            let noScan = try await office.post(
                "/app/subjects/\(sid)/consents", Self.fields(givenBy: "Bà Y Thị Hoa"))
            #expect(noScan.status == .unprocessableEntity)
            #expect(noScan.text.contains("Vui lòng tải lên bản quét phiếu đồng ý"))
            #expect(noScan.text.contains("value=\"Bà Y Thị Hoa\""))
            // A text file named .pdf is refused by its content.
            let fake = try await office.upload(
                "/app/subjects/\(sid)/consents", fields: Self.fields(givenBy: "Bà Y Thị Hoa"),
                file: ("file", "phieu.pdf", "application/pdf", Array("xin chào".utf8)))
            #expect(fake.status == .unprocessableEntity)
            #expect(fake.text.contains("PDF hoặc ảnh JPEG, PNG"))

            let ok = try await office.upload(
                "/app/subjects/\(sid)/consents", fields: Self.fields(givenBy: "Bà Y Thị Hoa"),
                file: ("file", "phieu-dong-y.jpg", "image/jpeg", jpegBytes))
            #expect(ok.status == .seeOther, "\(ok.text.prefix(500))")
            let c = try #require(
                try await ConsentModel.query(on: app.db).filter(\.$subjectID == sid).filter(\.$withdrawnAt == nil)
                    .first())
            let cid = try c.requireID()
            #expect(c.givenOn == "2025-03-05" && c.contentType == "image/jpeg" && c.recordedBy != nil)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entity == "consent").count() == 1)
            #expect(try await Browser(app).send(.GET, "/dien-hinh/\(sid)").status == .ok)
            let shown = try await office.send(.GET, "/app/subjects/\(sid)")
            #expect(shown.text.contains("Bà Y Thị Hoa") && shown.text.contains("05/03/2025"))
            #expect(shown.text.contains("/app/consents/\(cid)/file"))

            // The scan: the standing office downloads it; another unit and a visitor do not.
            let file = try await office.send(.GET, "/app/consents/\(cid)/file")
            #expect(file.status == .ok && file.bytes == jpegBytes)
            let dakruong = Browser(app)
            try await dakruong.login("dakruong")
            let dakruongUnit = try #require(
                try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first())
            if !dakruongUnit.unitPath.contains(s.unit.unitPath) {
                #expect(try await dakruong.send(.GET, "/app/consents/\(cid)/file").status == .notFound)
            }
            let visitor = try await Browser(app).send(.GET, "/app/consents/\(cid)/file")
            #expect(visitor.status != .ok && !visitor.bytes.starts(with: jpegBytes.prefix(4)))

            // Withdraw: a reason is required; then the public page is gone.
            let noReason = try await office.post("/app/consents/\(cid)/withdraw", [("reason", "")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("Lý do rút lại không được để trống"))
            let withdrawn = try await office.post("/app/consents/\(cid)/withdraw", [("reason", "Gia đình xin rút")])
            #expect(withdrawn.status == .seeOther)
            #expect(try await Browser(app).send(.GET, "/dien-hinh/\(sid)").status == .notFound)
            let after = try #require(try await ConsentModel.find(cid, on: app.db))
            #expect(after.withdrawnAt != nil && after.withdrawReason == "Gia đình xin rút" && after.withdrawnBy != nil)
            #expect(try await office.send(.GET, "/app/subjects/\(sid)").text.contains("Đã rút lại ngày"))
        }
    }

    @Test("Đăk Ruồng's officer neither records nor reads the consents of another unit's subject (404)")
    func otherUnit() async throws {
        try await withTestApp { app in
            let dakruongUnit = try #require(
                try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first())
            let subjects = try await SubjectModel.query(on: app.db).filter(\.$kind == SubjectKind.individual.rawValue)
                .with(\.$unit).sort(\.$id).all()
            let s = try #require(subjects.first { !dakruongUnit.unitPath.contains($0.unit.unitPath) })
            let sid = try s.requireID()
            let office = try await APIClient.login(app, "noivu")
            let made = try await office.send(
                .POST, "/api/v1/subjects/\(sid)/consents",
                json: ["givenBy": "Ông A Thút", "givenOn": "01/02/2025", "method": "written-form"])
            #expect(made.status == .created, "\(made.text)")
            let cid = try #require(try made.jsonObject()["id"] as? Int)

            let web = Browser(app)
            try await web.login("dakruong")
            #expect(try await web.send(.GET, "/app/subjects/\(sid)").status == .notFound)
            let post = try await web.post(
                "/app/subjects/\(sid)/consents", Self.fields(givenBy: "X", method: .electronic))
            #expect(post.status == .notFound)
            #expect(try await web.post("/app/consents/\(cid)/withdraw", [("reason", "x")]).status == .notFound)
            let api = try await APIClient.login(app, "dakruong")
            #expect(try await api.send(.GET, "/api/v1/subjects/\(sid)/consents").status == .notFound)
            #expect(
                try await api.send(.POST, "/api/v1/consents/\(cid)/withdraw", json: ["reason": "x"]).status
                    == .notFound)
            #expect(try await ConsentModel.query(on: app.db).filter(\.$subjectID == sid).count() == 1)
            let list = try await office.send(.GET, "/api/v1/subjects/\(sid)/consents")
            #expect(list.status == .ok && list.text.contains("Ông A Thút") && list.text.contains("\"inForce\":true"))
        }
    }

    @Test("A missing giver and a future date re-render the form with Vietnamese messages and what was typed")
    func badInput() async throws {
        try await withTestApp { app in
            let s = try await Self.recognisedIndividual(app)
            let sid = try s.requireID()
            let office = Browser(app)
            try await office.login("noivu")
            _ = try await office.send(.GET, "/app/subjects/\(sid)")
            let res = try await office.post(
                "/app/subjects/\(sid)/consents",
                [
                    ("givenBy", ""), ("givenOn", "31/12/\(Today.year + 1)"), ("method", "recorded-minutes"),
                    ("scopeNote", "Chỉ tên và thành tích"),
                ])
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("Người đồng ý không được để trống."))
            #expect(res.text.contains("Ngày đồng ý không được sau hôm nay."))
            #expect(
                res.text.contains("value=\"31/12/\(Today.year + 1)\"") && res.text.contains("Chỉ tên và thành tích"))
            #expect(res.text.contains("value=\"recorded-minutes\" selected"))
            #expect(
                try await ConsentModel.query(on: app.db).filter(\.$subjectID == sid).filter(\.$withdrawnAt == nil)
                    .count() == 0)
            let api = try await APIClient.login(app, "noivu")
            let bad = try await api.send(
                .POST, "/api/v1/subjects/\(sid)/consents",
                json: ["givenBy": "A", "givenOn": "32/13/2025", "method": "x"])
            #expect(bad.status == .unprocessableEntity)
        }
    }
}

extension SubjectPage {
    static let mockWithConsents: SubjectPage = {
        var p = SubjectPage.mock
        p.consents = ConsentSection(
            items: [
                .init(
                    id: 4, givenBy: "Ông A Blơi", givenOn: "05/03/2025", methodLabel: ConsentMethod.writtenForm.label,
                    scopeNote: "Tên, ảnh, thành tích", fileName: "phieu.pdf", fileHref: ConsentPath.file(.id(4)).href,
                    recordedBy: "Nguyễn Văn Nội Vụ", recordedAt: "05/03/2025 09:00", inForce: true, withdrawnAt: "",
                    withdrawnBy: "", withdrawReason: "", withdrawAction: ConsentPath.withdraw(.id(4)).href),
                .init(
                    id: 3, givenBy: "Ông A Blơi", givenOn: "01/02/2024", methodLabel: ConsentMethod.electronic.label,
                    scopeNote: "", fileName: nil, fileHref: nil, recordedBy: "—", recordedAt: "01/02/2024 10:00",
                    inForce: false, withdrawnAt: "01/01/2025", withdrawnBy: "Nguyễn Văn Nội Vụ",
                    withdrawReason: "Gia đình xin rút", withdrawAction: nil),
            ],
            inForce: true, action: ConsentPath.record(.id(1)).href, methods: ConsentSection.methodOptions(""),
            values: ["givenBy": "", "givenOn": "05/03/2025"], errors: ["givenBy": "Người đồng ý không được để trống."])
        return p
    }()
}
