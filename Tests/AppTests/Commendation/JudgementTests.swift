import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Issue 9, item 1: judgement conditions answered on the eligibility page and through the API, checked at submission.
@Suite("Commendation: judgement conditions")
struct JudgementTests {
    /// A person of Đăk Ruồng rated "hoàn thành tốt" in 2024 (LĐTT waits only on its judgement).
    static func ratedPerson(_ app: Application, name: String) async throws -> Int {
        let api = try await APIClient.login(app, "dakruong")
        let (id, _) = try await CommendationTests.person(app, api, name: name)
        let r = try await api.send(
            .PUT, "/api/v1/subjects/\(id)/annual-records", json: ["year": 2024, "taskRating": "htt"])
        #expect(r.status == .ok, "\(r.text)")
        return id
    }

    @Test("Answering a judgement on the eligibility page turns LĐTT 2024 “đủ điều kiện”, audited")
    func answerOnPage() async throws {
        try await withTestApp { app in
            let id = try await Self.ratedPerson(app, name: "Y Đánh Giá")
            let office = Browser(app)
            try await office.login("noivu")
            var page = try await office.send(.GET, "/app/subjects/\(id)/eligibility?year=2024")
            #expect(page.status == .ok)
            #expect(page.text.contains("Điều kiện cần đánh giá"))
            #expect(page.text.contains("Cần đánh giá"))
            // No choice: the page again, with the message and the note typed.
            page = try await office.post(
                "/app/subjects/\(id)/eligibility/answers",
                [("key", "tu-luc-doan-ket"), ("year", "2024"), ("note", "Bình xét tại phòng")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Chọn “Có” hoặc “Không”"))
            #expect(page.text.contains("Bình xét tại phòng"))
            page = try await office.post(
                "/app/subjects/\(id)/eligibility/answers",
                [("key", "tu-luc-doan-ket"), ("year", "2024"), ("answer", "co"), ("note", "Họp ngày 12/12/2024")])
            #expect(page.status == .seeOther, "\(page.text.prefix(400))")
            let dto = try await APIClient.login(app, "noivu").send(
                .GET, "/api/v1/subjects/\(id)/eligibility?year=2024"
            ).json(EligibilityDTO.self)
            #expect(dto.forms.first { $0.code == "lao-dong-tien-tien" }?.eligible == true)
            #expect(dto.judgements.first { $0.key == "tu-luc-doan-ket" }?.capacity == "council")
            page = try await office.send(.GET, "/app/subjects/\(id)/eligibility?year=2024")
            #expect(page.text.contains("Đủ điều kiện"))
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "judgement").all()
                .filter { $0.summary.contains("Y Đánh Giá") }.count
            #expect(audit == 1)
            // The unit's own officer changes it to "Không": unmet, naming who answered.
            let unit = try await APIClient.login(app, "dakruong")
            let r = try await unit.send(
                .POST, "/api/v1/subjects/\(id)/eligibility/answers",
                json: ["key": "tu-luc-doan-ket", "year": 2024, "answer": false])
            #expect(r.status == .created, "\(r.text)")
            let after = try await unit.send(.GET, "/api/v1/subjects/\(id)/eligibility?year=2024").json(
                EligibilityDTO.self)
            let ldtt = after.forms.first { $0.code == "lao-dong-tien-tien" }
            #expect(ldtt?.eligible == false)
            #expect(ldtt?.conditions.first { $0.code == "LDTT-2" }?.reason.contains("dakruong") == true)
            let list = try await unit.send(.GET, "/api/v1/subjects/\(id)/eligibility/answers?year=2024")
            #expect(list.status == .ok)
        }
    }

    @Test("A council-only judgement (Bằng khen tỉnh art. 74(1)(a)) is refused to a commune officer")
    func councilOnly() async throws {
        try await withTestApp { app in
            let id = try await Self.ratedPerson(app, name: "A Hội Đồng")
            let unit = try await APIClient.login(app, "dakruong")
            let r = try await unit.send(
                .POST, "/api/v1/subjects/\(id)/eligibility/answers",
                json: ["key": "BKT-a", "year": 2024, "answer": "co"])
            #expect(r.status == .forbidden, "\(r.text)")
            #expect(r.text.contains("Hội đồng Thi đua - Khen thưởng"))
            let bad = try await unit.send(
                .POST, "/api/v1/subjects/\(id)/eligibility/answers",
                json: ["key": "khong-co", "year": 2024, "answer": "co"])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await JudgementAnswerModel.query(on: app.db).filter(\.$subject.$id == id).count() == 0)
        }
    }

    @Test("The dossier's submission refuses a nominee with an open judgement, naming it")
    func dossierRefuses() async throws {
        try await withTestApp { app in
            let id = try await Self.ratedPerson(app, name: "Y Chưa Đánh Giá")
            let unit = Browser(app)
            try await unit.login("dakruong")
            try await unit.send(.GET, "/app/dossiers")
            let dakruong = try await unitID(app, "KR-DAKRUONG")
            var page = try await unit.post(
                "/app/dossiers",
                [
                    ("unitID", String(dakruong)), ("year", "2024"), ("title", "Đề nghị năm 2024"),
                    ("number", "16/TTr-UBND"),
                ])
            #expect(page.status == .seeOther)
            let path = try #require(page.location)
            try await unit.send(.GET, path)
            page = try await unit.post(
                path + "/nominees",
                [
                    ("subjectID", String(id)), ("formCode", "lao-dong-tien-tien"), ("achievement", "Hoàn thành tốt"),
                    ("acknowledgeWarning", "yes"),
                ])
            #expect(page.status == .seeOther, "\(page.text.prefix(300))")
            try await unit.send(.GET, path)
            page = try await unit.post(path + "/submit", [])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("còn câu hỏi đánh giá chưa trả lời"))
            #expect(page.text.contains("Y Chưa Đánh Giá"))
            // Answered by the unit: the question no longer holds the submission.
            let api = try await APIClient.login(app, "dakruong")
            let r = try await api.send(
                .POST, "/api/v1/subjects/\(id)/eligibility/answers",
                json: ["key": "tu-luc-doan-ket", "year": 2024, "answer": "co"])
            #expect(r.status == .created, "\(r.text)")
            try await unit.send(.GET, path)
            page = try await unit.post(path + "/submit", [])
            #expect(!page.text.contains("còn câu hỏi đánh giá chưa trả lời"))
        }
    }

    @Test("The year-end import carries judgement answers in optional “Đánh giá: <key>” columns; a bad cell is named")
    func importCarriesAnswers() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let header = [
                "Mã đơn vị", "Loại đối tượng", "Tên đối tượng", "Năm", "Xếp loại nhiệm vụ",
                "Đánh giá: tu-luc-doan-ket",
            ]
            let row = ["KR-DAKRUONG", "Cá nhân", "Y Nhập Tệp", "2024", "Hoàn thành tốt nhiệm vụ", "Có"]
            var bad = row
            bad[5] = "Tốt"
            var res = try await AnnualRecordImportTests.post(app, api, [header, bad])
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("Đánh giá: tu-luc-doan-ket"))
            res = try await AnnualRecordImportTests.post(app, api, [header, row])
            #expect(res.status == .ok, "\(res.text)")
            let s = try #require(try await SubjectModel.query(on: app.db).filter(\.$name == "Y Nhập Tệp").first())
            let a = try await JudgementAnswerModel.query(on: app.db).filter(\.$subject.$id == s.requireID()).first()
            #expect(a?.answer == true)
            #expect(a?.capacity == "unitHead")
            let dto = try await api.send(.GET, "/api/v1/subjects/\(try s.requireID())/eligibility?year=2024").json(
                EligibilityDTO.self)
            #expect(dto.forms.first { $0.code == "lao-dong-tien-tien" }?.eligible == true)
        }
    }
}
