import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("The home page's figures")
struct HomeStatsTests {
    @Test("Units are counted in the actor's scope, exactly up to a bound and as “hơn …” past it")
    func unitCount() async throws {
        try await withTestApp { app in
            let all = try await UnitModel.query(on: app.db).count()
            let commune = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first())
            let mine = try await UnitModel.query(on: app.db).filter(\.$path, .custom("LIKE"), commune.path + "%")
                .count()
            #expect(all > mine && mine > 1)
            // The count stops one past the bound.
            #expect(try await UnitModel.query(on: app.db).within(.all).boundedCount(5) == 6)
            #expect(try await UnitModel.query(on: app.db).within(.all).boundedCount(10_000) == all)
            #expect(
                try await UnitModel.query(on: app.db).within(.subtree(commune.unitPath)).boundedCount(10_000) == mine)
            #expect(try await UnitModel.query(on: app.db).within(.none).boundedCount(10_000) == 0)
            #expect(VietnameseText.boundedCount(6, bound: 5) == "hơn 5")
            #expect(VietnameseText.boundedCount(10_001, bound: 10_000) == "hơn 10.000")
            #expect(VietnameseText.boundedCount(10_000, bound: 10_000) == "10.000")
            // Through the page: the administrator sees the whole tree, a commune officer its own subtree.
            for (user, password, label, expected) in [
                ("admin", adminPassword, "Đơn vị trong hệ thống", all),
                ("dakruong", demoPassword, "Đơn vị của tôi và trực thuộc", mine),
            ] {
                let web = Browser(app)
                try await web.login(user, password)
                let home = try await web.send(.GET, "/app")
                #expect(home.status == .ok)
                #expect(
                    home.text.contains(
                        "<span class=\"stat-value\">\(expected)</span><span class=\"stat-label\">\(label)</span>"),
                    "\(user)")
            }
        }
    }
}
