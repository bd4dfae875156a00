import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The counts kept on write (`RegistrationTallies`, issue 11 item 3): every way a registration changes keeps them
/// equal to a recount, and the dashboards read from them say what counting the registrations says.
@Suite("Counts kept on write: equal to a recount after every kind of write, and the dashboards agree")
struct RegistrationTalliesTests {
    @Test("The stored key is what JSONEncoder writes with sorted keys, and it decodes back to the contribution")
    func storedKey() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var samples = [
            RegistrationTallies.contribution(
                path: "/1/23/456/", year: 2025, kind: "individual", status: "registered", fieldCode: "LV-CCHC",
                typeID: 12, movements: [3, 17], evaluations: 0),
            RegistrationTallies.contribution(
                path: "/1/", year: 1945, kind: "collective", status: "recognised", fieldCode: "", typeID: nil,
                movements: [], evaluations: 3),
        ]
        // Field codes come from catalogue files: quotes, slashes, control characters and Vietnamese survive.
        for code in ["A\"B", "C\\D", "a/b", "x\ny\tz\r", "\u{1}\u{8}\u{C}\u{1F}", "Lĩnh vực “Đặc biệt”", "😀"] {
            samples.append(
                RegistrationTallies.contribution(
                    path: "/9/", year: 2024, kind: "household", status: "nurturing", fieldCode: code, typeID: 1,
                    movements: [1], evaluations: 1))
        }
        for c in samples {
            let written = RegistrationTallies.encode(c)
            #expect(written == String(decoding: try encoder.encode(c), as: UTF8.self))
            #expect(try RegistrationTallies.decode(written, id: 1) == c)
        }
    }

    @Test(
        "Registrations of every kind written through Fluent: the counts equal a recount; every dashboard scope agrees")
    func demoAgrees() async throws {
        try await withTestApp { app in
            let seeded = try await DashboardTests.seed(app)
            #expect(try await RegistrationTallies.verify(on: app.db) == [])
            let admin = try await UserModel.query(on: app.db).filter(\.$username == "admin").first()
            let actor = try await AuthService.actor(for: #require(admin), on: app.db).0
            let root = try #require(try await UnitModel.query(on: app.db).filter(\.$parent.$id == nil).first()?.id)
            let scopes: [StatsScope] = [
                .all, .unit(root), .unit(seeded.dakRuong), .unit(try await unitID(app, "KR-GDDT")),
                .group(seeded.group),
            ]
            let y = DashboardTests.year
            for scope in scopes {
                for years in [y...y, y...(y + 1)] {
                    let r = try await MonitoringStats.resolve(scope, actor: actor, years: years, on: app.db)
                    let kept = try await MonitoringStats.load(r, years: years, period: (y - 1)...(y + 2), on: app.db)
                    let counted = try await MonitoringStats.load(
                        r, years: years, period: (y - 1)...(y + 2), countDirectly: true, on: app.db)
                    #expect(kept == counted, "\(scope.code) \(years)")
                    #expect(kept.total > 0, "\(scope.code) \(years)")
                }
            }
        }
    }

    @Test("Create, change movements, move through the workflow, move the unit: the counts follow, over the API")
    func writesOverTheAPIKeepThemRight() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let movement = try #require(try await MovementModel.query(on: app.db).sort(\.$id).first()?.id)
            func dashboard(_ scope: String) async throws -> [String: Any] {
                let admin = try await APIClient.login(app, "admin", adminPassword)
                let res = try await admin.send(.GET, "/api/v1/dashboard?scope=\(scope)&year=2024")
                #expect(res.status == .ok, "\(res.text)")
                return try res.jsonObject()
            }
            let before = try #require(try await dashboard("unit-\(unit)")["total"] as? Int)
            var body: [String: Any] = [
                "year": 2024, "unitID": unit, "typeCode": "MH-15", "title": "Mô hình nuôi ong lấy mật",
                "subject": ["kind": "household", "name": "Hộ ông Y Khiêm"], "movementIDs": [movement],
            ]
            let created = try await api.send(.POST, "/api/v1/registrations", json: body)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(try created.jsonObject()["id"] as? Int)
            #expect(try await RegistrationTallies.verify(on: app.db) == [])
            #expect(try await dashboard("unit-\(unit)")["total"] as? Int == before + 1)

            body["movementIDs"] = [Int]()
            let updated = try await api.send(.PUT, "/api/v1/registrations/\(id)", json: body)
            #expect(updated.status == .ok, "\(updated.text)")
            #expect(try await RegistrationTallies.verify(on: app.db) == [])

            let moved = try await api.send(
                .POST, "/api/v1/registrations/\(id)/transitions",
                json: ["to": "nurturing", "reason": "Bắt đầu bồi dưỡng"])
            #expect(moved.status == .ok || moved.status == .created, "\(moved.text)")
            #expect(try await RegistrationTallies.verify(on: app.db) == [])

            // The commune moves under a new unit: its registrations now count there too.
            let admin = try await APIClient.login(app, "admin", adminPassword)
            let root = try #require(try await UnitModel.query(on: app.db).filter(\.$parent.$id == nil).first()?.id)
            let newParent = try await admin.send(
                .POST, "/api/v1/units",
                json: ["code": "KR-CUMTHU", "name": "Cụm xã thử", "kind": "phong", "parentID": root])
            #expect(newParent.status == .created, "\(newParent.text)")
            let parentID = try #require(try newParent.jsonObject()["id"] as? Int)
            let commune = try #require(try await UnitModel.find(unit, on: app.db))
            let moveUnit = try await admin.send(
                .PUT, "/api/v1/units/\(unit)",
                json: ["code": commune.code, "name": commune.name, "kind": commune.kind, "parentID": parentID])
            #expect(moveUnit.status == .ok, "\(moveUnit.text)")
            #expect(try await RegistrationTallies.verify(on: app.db) == [])
            let communeTotal = try await dashboard("unit-\(unit)")["total"] as? Int
            #expect(try await dashboard("unit-\(parentID)")["total"] as? Int == communeTotal)
        }
    }

    @Test("An evaluation deleted, a registration deleted: taken out of the counts; a second sync changes nothing")
    func deletesAndResyncs() async throws {
        try await withTestApp { app in
            _ = try await DashboardTests.seed(app)
            // An evaluation over the API takes its registration out of "evaluations due"; deleted, it is due again.
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let reg = try #require(
                try await RegistrationModel.query(on: app.db).filter(\.$unit.$id == unit).sort(\.$id).first()?.id)
            let made = try await api.send(
                .POST, "/api/v1/registrations/\(reg)/evaluations",
                json: [
                    "date": "01/06/2025", "period": "6 tháng đầu năm 2025", "evaluator": "Tổ đánh giá",
                    "conclusion": EvaluationConclusion.inProgress.rawValue,
                ])
            #expect(made.status == .created, "\(made.text)")
            #expect(try await RegistrationTallies.verify(on: app.db) == [])
            let evaluation = try #require(
                try await EvaluationModel.query(on: app.db).filter(\.$registration.$id == reg).first())
            try await evaluation.delete(on: app.db)
            #expect(try await RegistrationTallies.verify(on: app.db) == [])
            let sql = try app.db.sql()
            struct Row: Decodable { let n: Int }
            let deltas = "SELECT COUNT(*) AS n FROM registration_tally_deltas"
            let logged = try await sql.raw("\(unsafeRaw: deltas)").first(decoding: Row.self)
            let all = try await RegistrationModel.query(on: app.db).all().compactMap(\.id)
            try await RegistrationTallies.sync(ids: all, on: app.db)
            #expect(try await sql.raw("\(unsafeRaw: deltas)").first(decoding: Row.self)?.n == logged?.n)
            #expect(try await RegistrationTallies.verify(on: app.db) == [])
            // A registration with nothing hanging on it, deleted through Fluent: its counts go with it.
            let lone = try await DashboardTests.unsaved(unit, .collective, year: 2026, on: app.db)
            try await lone.create(on: app.db)
            func regs2026() async throws -> Int? {
                let read = try await RegistrationTallies.read(scopes: [unit], years: 2026...2026, dims: ["ks"], on: sql)
                return read[unit]?[2026]?["ks"]?.values.reduce(0, +)
            }
            let withLone = try #require(try await regs2026())
            try await lone.delete(on: app.db)
            #expect(try await RegistrationModel.find(try lone.requireID(), on: app.db) == nil)
            #expect((try await regs2026() ?? 0) == withLone - 1)
            #expect(try await RegistrationTallies.verify(on: app.db) == [])
            // Folding the delta log changes no figure; a second fold finds nothing.
            let readBefore = try await RegistrationTallies.read(
                scopes: [0, unit], years: 2000...2100, dims: ["ks", "ev", "due", "mv"], on: sql)
            #expect(try await RegistrationTallies.compact(on: app.db) > 0)
            #expect(try await RegistrationTallies.compact(on: app.db) == 0)
            #expect(
                try await sql.raw("SELECT COUNT(*) AS n FROM registration_tally_deltas").first(decoding: Row.self)?.n
                    == 0)
            #expect(
                try await RegistrationTallies.read(
                    scopes: [0, unit], years: 2000...2100, dims: ["ks", "ev", "due", "mv"], on: sql) == readBefore)
            #expect(try await RegistrationTallies.verify(on: app.db) == [])
            // A stored key that does not decode is an error that names the registration, never a silent zero.
            try await sql.raw("UPDATE registrations SET tally_key = 'hỏng' WHERE id = \(bind: all[0])").run()
            await #expect(throws: DecodingError.self) { try await RegistrationTallies.sync(ids: [all[0]], on: app.db) }
        }
    }
}
