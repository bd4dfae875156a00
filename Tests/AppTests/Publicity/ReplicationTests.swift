import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Replication (nhân rộng, issue 10 §5) over HTTP: the spread on the model page and the dashboard, the assessment
/// through the criteria engine, the scope of a commune's officer, and bad input kept on the form.
@Suite("Replication: who adopted which model, and its measured results")
struct ReplicationTests {
    /// A year no demo record reaches.
    static let year = 2050

    /// A collective model of MH-01 in Tân Lập, registered by the standing office over the API.
    static func model(_ app: Application, title: String) async throws -> Int {
        let api = try await APIClient.login(app, "noivu")
        let res = try await api.send(
            .POST, "/api/v1/registrations",
            json: [
                "year": year, "unitID": try await unitID(app, "KR-TANLAP"), "typeCode": "MH-01", "title": title,
                "subject": ["kind": "collective", "name": "Tổ hợp tác \(title)"], "movementIDs": [Int](),
            ])
        #expect(res.status == .ok || res.status == .created, "\(res.text)")
        return try #require(try res.jsonObject()["id"] as? Int)
    }

    @Test("A replication recorded for a model raises its spread on the model page and on the dashboard")
    func spreadCounts() async throws {
        try await withTestApp { app in
            let model = try await Self.model(app, title: "Nuôi cá lồng")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let web = Browser(app)
            try await web.login("noivu")
            let api = try await APIClient.login(app, "noivu")
            let dashboard = "/api/v1/dashboard?scope=all&year=\(Self.year)"
            let before = try await api.send(.GET, dashboard).jsonObject()
            #expect(before["replications"] as? Int == 0)
            #expect(before["replicatedModels"] as? Int == 0)
            let pageBefore = try await web.send(.GET, "/app/registrations/\(model)")
            #expect(pageBefore.text.contains("Đã có 0 lượt nhân rộng"))
            #expect(!pageBefore.text.contains("Nơi đã nhân rộng theo xã"), "no table of zeros before any adoption")

            try await web.send(.GET, "/app/replications/new?model=\(model)")
            let created = try await web.post(
                "/app/replications",
                [
                    ("registrationID", String(model)), ("adoptingUnitID", String(dakRuong)),
                    ("adoptedOn", "15/03/\(Self.year)"), ("adaptation", "Dùng lồng tre thay lồng thép"),
                    ("responsible", "Chủ tịch Hội Nông dân xã"),
                ])
            #expect(created.status == .seeOther, "\(created.text.prefix(500))")

            let page = try await web.send(.GET, "/app/registrations/\(model)")
            #expect(page.text.contains("Đã có 1 lượt nhân rộng"))
            #expect(page.text.contains("Nơi đã nhân rộng theo xã"))
            let spread = try await api.send(.GET, "/api/v1/registrations/\(model)/spread").jsonObject()
            #expect(spread["count"] as? Int == 1)
            let communes = try #require(spread["byCommune"] as? [[String: Any]])
            #expect(communes.contains { $0["unitID"] as? Int == dakRuong && $0["count"] as? Int == 1 })
            #expect(communes.contains { $0["count"] as? Int == 0 }, "communes without adoption are listed too")

            let after = try await api.send(.GET, dashboard).jsonObject()
            #expect(after["replications"] as? Int == 1)
            #expect(after["replicatedModels"] as? Int == 1)
            let html = try await web.send(.GET, "/app/dashboard?scope=all&year=\(Self.year)")
            #expect(html.status == .ok)
            #expect(html.text.contains("Lượt đơn vị áp dụng mô hình được nhân rộng"))
            #expect(try await ReplicationQuery.count(year: Self.year, unitPath: nil, on: app.db).adoptions == 1)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entity == "replication").count() >= 1)
        }
    }

    @Test("An assessment is judged by the criteria engine against the model's standard")
    func assessment() async throws {
        try await withTestApp { app in
            let model = try await Self.model(app, title: "Vườn cây ăn quả")
            let api = try await APIClient.login(app, "noivu")
            let created = try await api.send(
                .POST, "/api/v1/replications",
                json: [
                    "registrationID": model, "adoptingUnitID": try await unitID(app, "KR-DAKRUONG"),
                    "adoptedOn": "01/02/\(Self.year)", "adaptation": "Trồng xen cà phê",
                    "responsible": "Trưởng thôn",
                ])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(try created.jsonObject()["id"] as? Int)
            // Not yet running: results cannot be measured.
            let early = try await api.send(
                .POST, "/api/v1/replications/\(id)/assessments",
                json: ["assessedOn": "15/12/\(Self.year)", "assessor": "Đoàn kiểm tra"])
            #expect(early.status == .conflict)
            #expect(try await api.send(.POST, "/api/v1/replications/\(id)/move", json: ["to": "running"]).status == .ok)

            let r = try #require(try await ReplicationService.model(model, on: app.db))
            let standard = try await ReplicationService.standard(of: r, on: app.db)
            let booleans = standard.filter { $0.spec.kind == .boolean }
            #expect(booleans.count >= 2, "MH-01's standard has yes/no criteria")
            var inputs: [String: [String: Any]] = [:]
            var typed: [String: CriterionInput] = [:]
            for (i, c) in booleans.enumerated() {
                inputs[c.spec.code] = ["met": i != 1]
                typed[c.spec.code] = CriterionInput(met: i != 1)
            }
            let expected = CriteriaEngine.summary(
                standard.map {
                    CriteriaEngine.evaluate($0.spec, typed[$0.spec.code] ?? CriterionInput(), .init(year: Self.year))
                })
            let res = try await api.send(
                .POST, "/api/v1/replications/\(id)/assessments",
                json: [
                    "year": Self.year, "assessedOn": "15/12/\(Self.year)", "assessor": "Đoàn kiểm tra huyện",
                    "inputs": inputs,
                ])
            #expect(res.status == .created, "\(res.text)")
            let a = try res.jsonObject()
            #expect(a["met"] as? Int == expected.met)
            #expect(a["unmet"] as? Int == expected.unmet)
            #expect(a["missing"] as? Int == expected.missing)
            #expect(expected.met >= 1 && expected.unmet == 1)

            let detail = try await api.send(.GET, "/api/v1/replications/\(id)").jsonObject()
            #expect((detail["replication"] as? [String: Any])?["status"] as? String == "assessed")
            let web = Browser(app)
            try await web.login("noivu")
            let page = try await web.send(.GET, "/app/replications/\(id)")
            #expect(
                page.text.contains("\(expected.met) đạt, \(expected.unmet) chưa đạt, \(expected.missing) thiếu dữ liệu")
            )
            // The stored input decodes strictly: a broken value is an error, not an empty answer.
            let stored = try #require(
                try await ReplicationAssessmentModel.query(on: app.db).filter(\.$replication.$id == id).first())
            #expect(try stored.criterionInputs()[booleans[0].spec.code]?.met == true)
            stored.inputs = "{\"x\": 1}"
            #expect(throws: (any Error).self) { try stored.criterionInputs() }
        }
    }

    @Test("A commune's officer records only its own commune's adoptions and reads no other unit's")
    func scope() async throws {
        try await withTestApp { app in
            let model = try await Self.model(app, title: "Bếp ăn bán trú")
            let tanLap = try await unitID(app, "KR-TANLAP")
            let dakRve = try await unitID(app, "KR-DAKRVE")
            let noivu = try await APIClient.login(app, "noivu")
            let other = try await noivu.send(
                .POST, "/api/v1/replications",
                json: [
                    "registrationID": model, "adoptingUnitID": dakRve, "adoptedOn": "01/04/\(Self.year)",
                    "adaptation": "Nấu theo khẩu phần địa phương", "responsible": "Hiệu trưởng",
                ])
            #expect(other.status == .created)
            let otherID = try #require(try other.jsonObject()["id"] as? Int)

            let officer = try await APIClient.login(app, "dakruong")
            let refused = try await officer.send(
                .POST, "/api/v1/replications",
                json: [
                    "registrationID": model, "adoptingUnitID": tanLap, "adoptedOn": "01/04/\(Self.year)",
                    "adaptation": "x", "responsible": "y",
                ])
            #expect(refused.status == .notFound, "\(refused.text)")
            #expect(try await officer.send(.GET, "/api/v1/replications/\(otherID)").status == .notFound)
            let list = try await officer.send(.GET, "/api/v1/replications?year=\(Self.year)")
            #expect(!list.text.contains("\"id\":\(otherID),"))

            let web = Browser(app)
            try await web.login("dakruong")
            #expect(try await web.send(.GET, "/app/replications/\(otherID)").status == .notFound)
            try await web.send(.GET, "/app/replications/new")
            let posted = try await web.post(
                "/app/replications",
                [
                    ("registrationID", String(model)), ("adoptingUnitID", String(tanLap)),
                    ("adoptedOn", "01/04/\(Self.year)"), ("adaptation", "x"), ("responsible", "y"),
                ])
            #expect(posted.status == .notFound)
            #expect(try await ReplicationModel.query(on: app.db).filter(\.$adoptingUnit.$id == tanLap).count() == 0)
        }
    }

    @Test("A bad date or a missing unit gives a Vietnamese message and keeps what was typed")
    func badInput() async throws {
        try await withTestApp { app in
            let model = try await Self.model(app, title: "Sân chơi cộng đồng")
            let web = Browser(app)
            try await web.login("dakruong")
            try await web.send(.GET, "/app/replications/new?model=\(model)")
            let res = try await web.post(
                "/app/replications",
                [
                    ("registrationID", String(model)), ("adoptingUnitID", ""), ("adoptedOn", "31/02/2050"),
                    ("adaptation", "Làm sân bằng vật liệu địa phương"), ("responsible", "Bí thư Đoàn xã"),
                ])
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains(ReplicationService.dateMessage))
            #expect(res.text.contains(ReplicationService.unitMessage))
            #expect(res.text.contains("Làm sân bằng vật liệu địa phương"))
            #expect(res.text.contains("Bí thư Đoàn xã"))
            #expect(res.text.contains("value=\"31/02/2050\""))
            #expect(try await ReplicationModel.query(on: app.db).filter(\.$registration.$id == model).count() == 0)
        }
    }
}
