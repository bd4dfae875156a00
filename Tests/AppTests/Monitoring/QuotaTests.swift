import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("The quota monitor: each commune and district agency against the plan's minimum (seed §IV.3)")
struct QuotaTests {
    /// The `<tr>` of a unit on the quota page.
    func row(_ html: String, _ unit: String) -> String? {
        html.components(separatedBy: "<tr>").first { $0.contains(">\(unit)</a>") }
    }

    func register(_ api: APIClient, unit: Int, kind: SubjectKind, name: String) async throws {
        let res = try await api.send(
            .POST, "/api/v1/registrations",
            json: [
                "year": 2025, "unitID": unit,
                "typeCode": kind == .individual ? "CN-03" : kind == .household ? "MH-15" : "MH-01",
                "title": "Điển hình \(name)", "subject": ["kind": kind.rawValue, "name": name],
                "movementIDs": [Int](),
            ])
        #expect(res.status == .created || res.status == .ok, "\(res.text)")
    }

    @Test("Đăk Ruồng falls short with one exemplar, meets the quota with two; a household does not count")
    func communeQuota() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let api = try await APIClient.login(app, "noivu")
            let web = Browser(app)
            try await web.login("noivu")
            func standing() async throws -> String {
                let page = try await web.send(.GET, "/app/quotas?year=2025")
                #expect(page.status == .ok)
                return try #require(row(page.text, "Ủy ban nhân dân xã Đăk Ruồng"), "Đăk Ruồng is listed")
            }
            let before = try await standing()
            // Whatever the fixture holds, bring it to a known count: read it from the row.
            let count =
                Int(
                    before.components(separatedBy: "<td>").dropFirst(3).first?.components(separatedBy: ">").dropFirst()
                        .first?.prefix { $0.isNumber } ?? "") ?? -1
            #expect(count >= 0, "the count is a number: \(before)")
            try await register(api, unit: dakRuong, kind: .household, name: "Hộ ông Đinh Văn Thử")
            #expect(try await standing() == before, "a household is not among the plan's “tập thể, cá nhân”")
            for i in 0..<max(0, 1 - count) {
                try await register(api, unit: dakRuong, kind: .individual, name: "Y Thử \(i)")
            }
            let short = try await standing()
            #expect(short.contains("Thiếu 1"), "\(short)")
            let dashboard = try await web.send(.GET, "/app")
            #expect(dashboard.text.contains("Chỉ tiêu điển hình năm 2025"))
            #expect(dashboard.text.contains("chưa đạt chỉ tiêu"))
            try await register(api, unit: dakRuong, kind: .collective, name: "Tổ hợp tác thử")
            let met = try await standing()
            #expect(met.contains("Đạt") && !met.contains("Thiếu"), "\(met)")
            let onlyShort = try await web.send(.GET, "/app/quotas?year=2025&only=short")
            #expect(row(onlyShort.text, "Ủy ban nhân dân xã Đăk Ruồng") == nil)
        }
    }

    @Test("A commune officer sees its own standing only; a bad year is a Vietnamese 400")
    func scope() async throws {
        try await withTestApp { app in
            let web = Browser(app)
            try await web.login("dakruong")
            let page = try await web.send(.GET, "/app/quotas?year=2025")
            #expect(page.status == .ok)
            #expect(row(page.text, "Ủy ban nhân dân xã Đăk Ruồng") != nil)
            #expect(row(page.text, "Ủy ban nhân dân xã Tân Lập") == nil)
            #expect(row(page.text, "Phòng Nội vụ huyện Kon Rẫy") == nil)
            let bad = try await web.send(.GET, "/app/quotas?year=abc")
            #expect(bad.status == .badRequest && bad.text.contains("phải là số nguyên"))
            let none = try await web.send(.GET, "/app/quotas?year=2031")
            #expect(none.status == .badRequest && none.text.contains("Không có kế hoạch"))
        }
    }

    @Test("Paging by key walks every bound unit once, in the order of the tree")
    func keyset() async throws {
        try await withTestApp { app in
            let plan = try #require(app.quotaPlans.first)
            let admin = Actor(userID: 0, username: "admin", role: .admin, unitID: nil, unitPath: nil)
            let all = try await QuotaService.standings(
                plan: plan, year: 2025, actor: admin, after: nil, limit: 1000, on: app.db)
            var walked: [Int] = []
            var after: String?
            repeat {
                let page = try await QuotaService.standings(
                    plan: plan, year: 2025, actor: admin, after: after, limit: 3, on: app.db)
                walked += page.rows.map(\.standing.unitID)
                after = page.next
            } while after != nil
            #expect(all.next == nil)
            #expect(walked == all.rows.map(\.standing.unitID))
            // Kon Rẫy: 9 offices, 2 public-service units, 2 armed-force units, the Party committee, the Front, and
            // 7 communes and the township.
            #expect(all.rows.count == 22, "\(all.rows.map(\.unit.code))")
        }
    }

    @Test("The dashboard's shortfalls (a few SQL statements a rule) say what walking every bound unit says")
    func digestAgreesWithTheWalk() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            // Some units meet the quota, some do not; a household does not count.
            for (code, n) in [("KR-DAKRUONG", 2), ("KR-TANLAP", 1), ("KR-GDDT", 3)] {
                let unit = try await unitID(app, code)
                for i in 0..<n { try await register(api, unit: unit, kind: .individual, name: "Y Đếm \(code) \(i)") }
                try await register(api, unit: unit, kind: .household, name: "Hộ ông Đếm \(code)")
            }
            let plan = try #require(QuotaPlan.inForce(2025, among: app.quotaPlans))
            let admin = Actor(userID: 0, username: "admin", role: .admin, unitID: nil, unitPath: nil)
            let commune = try #require(try await UnitModel.find(try await unitID(app, "KR-DAKRUONG"), on: app.db))
            let officer = Actor(
                userID: 0, username: "dakruong", role: .unitOfficer, unitID: commune.id, unitPath: commune.unitPath)
            for actor in [admin, officer] {
                let walk = try await QuotaService.standings(
                    plan: plan, year: 2025, actor: actor, after: nil, limit: 1000, on: app.db)
                let unmet = walk.rows.filter { !$0.standing.isMet }
                for limit in [1, 3, 12] {
                    let d = try await QuotaService.shortfalls(
                        plan: plan, year: 2025, actor: actor, limit: limit, on: app.db)
                    #expect(d.bound == walk.rows.count)
                    #expect(d.shortCount == unmet.count)
                    #expect(d.short.map(\.standing) == Array(unmet.prefix(limit)).map(\.standing))
                }
            }
            #expect(
                try await QuotaService.shortfalls(plan: plan, year: 2025, actor: admin, limit: 12, on: app.db).bound
                    == 22)
        }
    }

    /// A scope of more than `liveUnits` units reads the home page's digest through a copy (a minute old at most);
    /// a smaller one counts at once.
    @Test func aLargeScopeReadsItsDigestThroughACopy() async throws {
        try await withTestApp { app in
            let admin = Actor(userID: 0, username: "admin", role: .admin, unitID: nil, unitPath: nil)
            let copies = RefreshingCache<QuotaWebController.DigestKey, QuotaDigest?>(maxAge: 3_600)
            func digest(liveUnits: Int) async throws -> QuotaDigest? {
                try await QuotaWebController.digest(
                    actor: admin, plans: app.quotaPlans, copies: copies, liveUnits: liveUnits, on: app.db)
            }
            let live = try #require(try await digest(liveUnits: 5_000))
            let copied = try #require(try await digest(liveUnits: 0))
            #expect(copied.bound == live.bound && copied.shortCount == live.shortCount && live.bound > 0)
            // A bound commune closes: the live digest binds one unit fewer, the copy is served as it was.
            let unit = try await unitID(app, "KR-DAKRUONG")
            try await app.db.sql().raw("UPDATE units SET active = \(bind: false) WHERE id = \(bind: unit)").run()
            #expect(try await digest(liveUnits: 5_000)?.bound == live.bound - 1)
            #expect(try await digest(liveUnits: 0)?.bound == live.bound)
        }
    }
}
