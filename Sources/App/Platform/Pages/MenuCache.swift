import NIOConcurrencyHelpers
import Vapor

/// The main menu of the signed-in pages (`platform/menu`), kept as rendered (issue 11: the menu's links were
/// encoded for Leaf, walked and escaped again on every page — about a tenth of a national list page's time under
/// load, `perf`). What the menu shows depends only on which items the Policy lets the actor see and which page is
/// open: that is the key (`MenuKey`, made by `MainMenu.key`), never the data, so a copy never goes stale. The first
/// page with a key draws the menu inline and has it rendered once more on its own for the copy (`Request.render`);
/// the next ones put the copy in (`LayoutContext.menuHTML`). At most `maxEntries` (roles × pages), past that they
/// all go.
final class MenuCache: Sendable {
    private let copies = NIOLockedValueBox<[MenuKey: String]>([:])
    let maxEntries: Int

    init(maxEntries: Int = 2_048) { self.maxEntries = maxEntries }

    func html(_ key: MenuKey) -> String? { copies.withLockedValue { $0[key] } }

    func keep(_ key: MenuKey, _ html: String) {
        copies.withLockedValue { c in
            if c.count >= maxEntries { c.removeAll(keepingCapacity: true) }
            c[key] = html
        }
    }

    var count: Int { copies.withLockedValue { $0.count } }

    /// A menu to render on its own for the copy: the layout it was built for (`platform/menu` reads `layout.…`).
    struct Pending: Encodable, Sendable {
        let key: MenuKey
        let layout: LayoutContext

        private enum CodingKeys: String, CodingKey { case layout }
    }
}

extension Application {
    private struct MenuCacheKey: StorageKey { typealias Value = MenuCache }
    /// This instance's rendered menus.
    var menuCache: MenuCache {
        get { configured(MenuCacheKey.self) }
        set { storage[MenuCacheKey.self] = newValue }
    }
}

extension Request {
    struct PendingMenuKey: StorageKey { typealias Value = MenuCache.Pending }
}
