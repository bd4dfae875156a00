import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

extension RolloverPage {
    static let mock = RolloverPage(
        layout: .mock("Mở năm mới"), formHref: RolloverPath.form.href, carryHref: RolloverPath.criteria.href,
        inviteHref: RolloverPath.invitations.href, from: "2024", to: "2025", reviewed: true,
        units: [
            .init(
                name: "Xã Đăk Ruồng", skipped: false,
                criteria: [
                    .init(
                        id: 1, code: "DR-01", text: "Không có con em bỏ học", kindLabel: "Đạt / không đạt",
                        checked: true)
                ],
                renewals: [
                    .init(
                        name: "Hộ ông A Blơi", title: "Mô hình trồng sâm dây", statusLabel: "Đạt điển hình",
                        registerHref: RegistrationsPath.new.href([("subjectID", "3"), ("year", "2025")]))
                ]),
            .init(
                name: "Xã Tân Lập", skipped: true,
                criteria: [
                    .init(id: 2, code: "TL-01", text: "Không tái nghèo", kindLabel: "Đạt / không đạt", checked: false)
                ], renewals: []),
        ],
        criteriaCount: 1, renewalCount: 1, errors: [:])
}

extension MatrixFixture {
    /// A fresh unit's criterion of 2040, as the new-year form sends it to be carried into 2041.
    func rolloverFields() async throws -> [(String, String)] {
        let n = next()
        let u = try await childUnit(.other)
        let id = try await created(
            "/api/v1/unit-criteria",
            ["unitID": u.id, "year": 2040, "code": "NM-\(n)", "text": "Tiêu chí năm mới \(n)", "kind": "boolean"])
        return [("from", "2040"), ("to", "2041"), ("criterionIDs[]", String(id))]
    }

    /// An exemplar of 2040 in a fresh unit, not registered for 2041: something to invite.
    func renewalFields() async throws -> [(String, String)] {
        let n = next()
        let u = try await childUnit(.other)
        let id = try await created(
            "/api/v1/registrations",
            [
                "year": 2040, "unitID": u.id, "typeCode": "CN-01", "title": "Gương sáng \(n)",
                "subject": ["kind": "individual", "name": "Người năm mới \(n)"],
            ])
        try await app.db.sql().raw("UPDATE registrations SET status = 'achieved' WHERE id = \(bind: id)").run()
        return [("from", "2040"), ("to", "2041")]
    }
}

/// Issue 15, item 5: the standing office opens a new year from one screen.
@Suite("Year roll-over")
struct RolloverTests {
    static func criterion(_ app: Application, unit: Int, year: Int, code: String, text: String) async throws -> Int {
        let m = UnitCriterionModel()
        m.$unit.id = unit
        m.year = year
        m.code = code
        m.text = text
        m.kind = CriterionKind.boolean.rawValue
        m.spec = try JSONColumn.encode(CriterionSpec(code: code, text: text, kind: .boolean))
        m.subjectKinds = ""
        try await m.create(on: app.db)
        return try m.requireID()
    }

    @Test("Review lists each unit's criteria; saving carries the chosen ones; a second run skips; renewals invited")
    func carryForward() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let tanLap = try await unitID(app, "KR-TANLAP")
            let dr1 = try await Self.criterion(app, unit: dakRuong, year: 2034, code: "DR-01", text: "Không bỏ học")
            let dr2 = try await Self.criterion(app, unit: dakRuong, year: 2034, code: "DR-02", text: "Không tái nghèo")
            let tl1 = try await Self.criterion(app, unit: tanLap, year: 2034, code: "TL-01", text: "Đường sạch")
            _ = try await Self.criterion(app, unit: tanLap, year: 2035, code: "TL-09", text: "Đã có từ trước")
            // An exemplar of 2034 not yet registered for 2035, and one already registered again.
            let api = try await APIClient.login(app, "noivu")
            func register(_ year: Int, _ name: String, subjectID: Int? = nil) async throws -> [String: Any] {
                var body: [String: Any] = [
                    "year": year, "unitID": dakRuong, "typeCode": "CN-01", "title": "Gương sáng \(name) \(year)",
                ]
                if let subjectID {
                    body["subjectID"] = subjectID
                } else {
                    body["subject"] = ["kind": "individual", "name": name]
                }
                let res = try await api.send(.POST, "/api/v1/registrations", json: body)
                #expect(res.status == .created, "\(res.text)")
                return try res.jsonObject()
            }
            let waiting = try await register(2034, "Y Chờ")
            let back = try await register(2034, "Y Đã Về")
            for r in [waiting, back] {
                try await app.db.sql().raw(
                    "UPDATE registrations SET status = 'achieved' WHERE id = \(bind: try #require(r["id"] as? Int))"
                ).run()
            }
            let backSubject = try #require((back["subject"] as? [String: Any])?["id"] as? Int)
            _ = try await register(2035, "Y Đã Về", subjectID: backSubject)

            // Only the standing office and the administrator open a year.
            let unit = Browser(app)
            try await unit.login("dakruong")
            #expect(try await unit.send(.GET, "/app/new-year?from=2034&to=2035").status == .forbidden)

            let b = Browser(app)
            try await b.login("noivu")
            let empty = try await b.send(.GET, "/app/new-year")
            #expect(empty.status == .ok)
            let review = try await b.send(.GET, "/app/new-year?from=2034&to=2035")
            #expect(review.status == .ok)
            for t in ["DR-01", "DR-02", "Không tái nghèo", "Đã có tiêu chí năm 2035", "Y Chờ"] {
                #expect(review.text.contains(t), "\(t)")
            }
            #expect(!review.text.contains("Y Đã Về"), "registered again: not invited")
            #expect(review.text.contains("name=\"criterionIDs[]\" value=\"\(dr1)\" checked"))
            #expect(
                !review.text.contains("name=\"criterionIDs[]\" value=\"\(tl1)\""),
                "a skipped unit offers nothing to tick")
            #expect(review.text.contains("/app/registrations/new?subjectID="))

            let bad = try await b.post("/app/new-year/criteria", [("from", "2035"), ("to", "2034")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Năm mới phải sau năm nguồn (2035)."))

            // DR-02 left out on review: only DR-01 is carried; Tân Lập's TL-01 is skipped and named.
            let saved = try await b.post(
                "/app/new-year/criteria",
                [("from", "2034"), ("to", "2035"), ("criterionIDs[]", String(dr1)), ("criterionIDs[]", String(tl1))])
            #expect(saved.status == .seeOther, "\(saved.text.prefix(400))")
            let after = try await b.send(.GET, try #require(saved.location))
            #expect(after.text.contains("Đã chuyển 1 tiêu chí cụ thể sang năm 2035"))
            #expect(after.text.contains("Bỏ qua (đã có tiêu chí năm 2035): Tân Lập") || after.text.contains("Bỏ qua"))
            let drNew = try await UnitCriterionModel.query(on: app.db).filter(\.$unit.$id == dakRuong)
                .filter(\.$year == 2035).all()
            #expect(drNew.map(\.code) == ["DR-01"])
            #expect(drNew.first?.spec == (try await UnitCriterionModel.find(dr1, on: app.db))?.spec)
            let tlNew = try await UnitCriterionModel.query(on: app.db).filter(\.$unit.$id == tanLap)
                .filter(\.$year == 2035).all()
            #expect(tlNew.map(\.code) == ["TL-09"])

            // A second run changes nothing and says why.
            let again = try await b.post(
                "/app/new-year/criteria", [("from", "2034"), ("to", "2035"), ("criterionIDs[]", String(dr2))])
            #expect(again.status == .seeOther)
            #expect(try await b.send(.GET, try #require(again.location)).text.contains("Đã chuyển 0 tiêu chí"))
            #expect(
                try await UnitCriterionModel.query(on: app.db).filter(\.$unit.$id == dakRuong).filter(\.$year == 2035)
                    .count() == 1)

            // A criterion of another year cannot be slipped in.
            let wrongYear = try await b.post(
                "/app/new-year/criteria",
                [("from", "2035"), ("to", "2036"), ("criterionIDs[]", String(dr1))])
            #expect(wrongYear.status == .unprocessableEntity)
            #expect(wrongYear.text.contains("Chỉ chuyển được tiêu chí của năm 2035."))

            // Invitations: one notice to Đăk Ruồng naming the exemplar still waiting; audited.
            let audits = try await AuditEntryModel.query(on: app.db).count()
            let invited = try await b.post("/app/new-year/invitations", [("from", "2034"), ("to", "2035")])
            #expect(invited.status == .seeOther, "\(invited.text.prefix(400))")
            let notices = try await NoticeModel.query(on: app.db).filter(\.$kind == .renewalInvited).all()
            #expect(notices.count == 1)
            #expect(notices.first?.unitID == dakRuong)
            #expect(notices.first?.body.contains("Y Chờ") == true)
            #expect(notices.first?.body.contains("Y Đã Về") == false)
            #expect(try await AuditEntryModel.query(on: app.db).count() > audits)
            // The unit reads it in its inbox.
            #expect(try await unit.send(.GET, "/app/notices").text.contains("Mời đăng ký lại điển hình năm 2035"))
        }
    }
}
