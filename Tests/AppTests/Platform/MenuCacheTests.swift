import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("The main menu kept as rendered, by its links and the open page (MenuCache)")
struct MenuCacheTests {
    /// A page without what differs on every render: the masked CSRF tokens.
    static func stable(_ html: String) -> String {
        html.replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: "", options: .regularExpression)
    }

    static func menu(_ html: String) throws -> String {
        try slice(html, from: "<nav class=\"main-nav\"", through: "</nav>")
    }

    @Test("The second page with the same menu puts in the copy: the page is the same, byte for byte")
    func sameBytes() async throws {
        try await withTestApp { app in
            let office = Browser(app)
            try await office.login("noivu")
            let kept = app.menuCache.count
            let first = try await office.send(.GET, "/app/registrations")
            #expect(app.menuCache.count == kept + 1)
            let second = try await office.send(.GET, "/app/registrations")
            #expect(first.status == .ok && second.status == .ok)
            #expect(Self.stable(second.text) == Self.stable(first.text))
            #expect(try Self.menu(second.text).contains("aria-current=\"page\">Đăng ký điển hình</a>"))
            #expect(app.menuCache.count == kept + 1)
        }
    }

    @Test("Each page marks its own link and each role sees its own items, from the copy as from the template")
    func byPageAndRole() async throws {
        try await withTestApp { app in
            let office = Browser(app)
            try await office.login("noivu")
            let commune = Browser(app)
            try await commune.login("dakruong")
            var drawn: [String: String] = [:]
            for round in 0..<2 {
                for (who, browser) in [("office", office), ("commune", commune)] {
                    for path in ["/app", "/app/movements", "/app/registrations"] {
                        let menu = try Self.menu(try await browser.send(.GET, path).text)
                        // The first round draws each menu from the template; the second puts in the copies.
                        if round == 0 { drawn[who + path] = menu } else { #expect(menu == drawn[who + path]) }
                    }
                }
            }
            let movements = try #require(drawn["office/app/movements"])
            #expect(movements.contains("aria-current=\"page\">Phong trào</a>"))
            #expect(!movements.contains("aria-current=\"page\">Đăng ký điển hình</a>"))
            // The standing office and a commune do not see the same items: neither gets the other's copy.
            #expect(drawn["office/app"] != drawn["commune/app"])
            func links(_ menu: String?) -> Set<String> {
                Set(
                    (menu ?? "").components(separatedBy: "<a ").dropFirst().compactMap {
                        $0.split(separator: "\"").dropFirst().first.map(String.init)
                    })
            }
            #expect(!links(drawn["office/app"]).subtracting(links(drawn["commune/app"])).isEmpty)
        }
    }

    @Test("A page's context with a kept menu leaves the links out of what Leaf reads")
    func encoding() async throws {
        try await withTestApp { app in
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "noivu").first())
            let (actor, unitName) = try await AuthService.actor(for: user, on: app.db)
            let signedIn = try SignedInUser(user)
            func layout() -> LayoutContext {
                let req = Request(
                    application: app, method: .GET, url: "/app/registrations", on: app.eventLoopGroup.next())
                req.auth = AuthContext(user: signedIn, actor: actor, unitName: unitName, csrfToken: "c", tokenID: 0)
                return req.layout("Đăng ký", active: RegistrationsPath.list.href)
            }
            let drawn = layout()
            #expect(drawn.menuHTML == nil && !drawn.nav.isEmpty && !drawn.groups.isEmpty)
            // A page of the same menu, rendered through the app, keeps the copy.
            let office = Browser(app)
            try await office.login("noivu")
            #expect(try await office.send(.GET, "/app/registrations").status == .ok)
            let kept = layout()
            #expect(kept.menuHTML?.hasPrefix("<nav class=\"main-nav\"") == true)
            #expect(kept.nav.isEmpty && kept.groups.isEmpty && kept.account.count == drawn.account.count)
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(kept)) as? [String: Any]
            #expect((json?["nav"] as? [Any])?.isEmpty == true && (json?["groups"] as? [Any])?.isEmpty == true)
            // The key: one bit an entry the actor sees, and the open one; without an actor only the dashboard.
            let anonymous = MainMenu.key(for: nil, active: HomePath.home.href)
            #expect(anonymous == MenuKey(visible: 1, active: 0))
            let (nav, groups) = MainMenu.items(anonymous)
            #expect(nav.map { $0.href } == [HomePath.home.href])
            #expect(nav.map { $0.active } == [true] && groups.isEmpty)
            // A page whose link the actor does not see (the standing office does not set the authorities) has none
            // open: the same menu, the same key, as a page outside the menu.
            #expect(
                MainMenu.key(for: actor, active: AuthoritiesPath.list.href) == MainMenu.key(for: actor, active: "/x"))
            #expect(MainMenu.key(for: actor, active: RegistrationsPath.list.href).active >= 0)
            let closed = MainMenu.key(for: actor, active: "/nowhere")
            let shown: Int = drawn.groups.map { $0.items.count }.reduce(1, +)
            #expect(closed.active == -1)
            #expect(closed.visible.nonzeroBitCount == shown)
            #expect(MainMenu.items(closed).groups.allSatisfy { !$0.active && !$0.items.isEmpty })
            let entries = MainMenu.entries.count
            #expect(entries <= 64)
            #expect(Set(MainMenu.entries.map { $0.href }).count == entries)
        }
    }

    /// The links each role sees, as the menu built item by item showed them before the table (`MainMenu`) took its
    /// place (the release build of session 45, signed in as each demo account; the same for every page).
    static let shownBefore: [String: [String]] = [
        "noivu": [
            "/app", "/app/units", "/app/units/reorganise", "/app/groups", "/app/users", "/app/catalogue",
            "/app/calendar", "/app/imports", "/app/audit", "/app/setup", "/app/new-year", "/app/registrations",
            "/app/criteria", "/app/movements", "/app/group-work", "/app/replications", "/app/proposals",
            "/app/dossiers",
            "/app/awards", "/app/council", "/app/decisions", "/app/stories", "/app/media", "/app/events", "/",
            "/app/dashboard", "/app/quotas", "/app/reports", "/app/statistics", "/app/registrations/export?format=xlsx",
            "/app/registrations/export?format=csv",
        ],
        "dakruong": [
            "/app", "/app/units", "/app/groups", "/app/users", "/app/catalogue", "/app/imports", "/app/registrations",
            "/app/criteria", "/app/movements", "/app/group-work", "/app/replications", "/app/proposals",
            "/app/dossiers",
            "/app/awards", "/app/council", "/app/decisions", "/app/stories", "/app/media", "/app/events",
            "/app/dashboard", "/app/quotas", "/app/reports", "/app/statistics", "/app/registrations/export?format=xlsx",
            "/app/registrations/export?format=csv",
        ],
        "bientap": [
            "/app", "/app/units", "/app/groups", "/app/catalogue", "/app/movements", "/app/stories", "/app/media",
            "/app/events", "/",
        ],
        "hoidong": [
            "/app", "/app/units", "/app/groups", "/app/catalogue", "/app/registrations", "/app/criteria",
            "/app/movements", "/app/group-work", "/app/replications", "/app/dossiers", "/app/awards", "/app/council",
            "/app/decisions", "/app/media", "/app/events", "/app/dashboard", "/app/quotas", "/app/reports",
            "/app/statistics", "/app/registrations/export?format=xlsx", "/app/registrations/export?format=csv",
        ],
    ]

    @Test("Each role's menu has the links, in the order, it had before the menu became a table")
    func sameLinksAsBefore() async throws {
        try await withTestApp { app in
            for (user, links) in Self.shownBefore {
                let browser = Browser(app)
                try await browser.login(user)
                for path in ["/app", "/app/movements"] {
                    let menu = try Self.menu(try await browser.send(.GET, path).text)
                    let hrefs = menu.components(separatedBy: "href=\"").dropFirst().compactMap {
                        $0.split(separator: "\"").first.map(String.init)
                    }
                    #expect(hrefs == links, "\(user) \(path)")
                }
            }
        }
    }
}
