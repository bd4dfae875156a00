import Domain
import Vapor

struct NavItem: Encodable, Sendable {
    let label: String
    let href: String
    let active: Bool
}

struct UserBadge: Encodable, Sendable {
    let fullName: String
    let username: String
    let roleLabel: String
    let unitName: String?
}

/// A group of the menu: one task and its pages (issue 15, item 7). The layout shows a group only when the actor
/// may see at least one of its items; each item is asked of the Policy where it is listed.
struct NavGroup: Encodable, Sendable {
    let label: String
    /// A stable key for ids and tests ("thiet-lap").
    let key: String
    let items: [NavItem]
    /// The page shown is one of this group's: the group carries aria-current too.
    let active: Bool

    init(_ label: String, key: String, _ items: [NavItem]) {
        self.label = label
        self.key = key
        self.items = items
        active = self.items.contains { $0.active }
    }
}

/// What every page's layout needs. Each page context holds one.
struct LayoutContext: Encodable, Sendable {
    let title: String
    let user: UserBadge?
    /// Links outside any group (the dashboard).
    let nav: [NavItem]
    let csrf: String
    let flash: String?
    /// The menu's groups, by task; empty groups are left out.
    var groups: [NavGroup] = []
    /// The account menu under the user's name (sign-out is its form, after these links).
    var account: [NavItem] = []
    /// The main menu as rendered before for the same links (`MenuCache`): then `nav` and `groups` are left empty.
    var menuHTML: String? = nil
}

/// A select option with its selected state computed in Swift, not in the template.
struct SelectOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// Links around a page of a list (first, previous, next) that keep its filter, and its total, bounded. Pages go by
/// cursor (`after`, `before`); the number shows when the page was opened by number.
struct Pager: Encodable, Sendable {
    let totalLabel: String
    let page: Int?
    let firstHref: String?
    let previousHref: String?
    let nextHref: String?
    var show: Bool { previousHref != nil || nextHref != nil }

    init(totalLabel: String, page: Int?, firstHref: String?, previousHref: String?, nextHref: String?) {
        self.totalLabel = totalLabel
        self.page = page
        self.firstHref = firstHref
        self.previousHref = previousHref
        self.nextHref = nextHref
    }

    /// `query` is the list's filter: its empty values are left out of the links.
    init<T>(_ p: Page<T>, base: some SitePath, query: [(String, String)], defaultPerPage: Int = 50) {
        self.init(
            totalLabel: p.totalLabel, page: p.page, previous: p.previous?.token, next: p.next?.token,
            perPage: p.perPage, base: base, query: query, defaultPerPage: defaultPerPage)
    }

    init(
        totalLabel: String, page: Int?, previous: String?, next: String?, perPage: Int, base: some SitePath,
        query: [(String, String)], defaultPerPage: Int = 50
    ) {
        let kept = query.filter { !$0.1.isEmpty } + (perPage == defaultPerPage ? [] : [("perPage", String(perPage))])
        self.init(
            totalLabel: totalLabel, page: page, firstHref: previous == nil ? nil : base.href(kept),
            previousHref: previous.map { base.href(kept + [("before", $0)]) },
            nextHref: next.map { base.href(kept + [("after", $0)]) })
    }

    enum CodingKeys: String, CodingKey { case totalLabel, page, firstHref, previousHref, nextHref, show }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(totalLabel, forKey: .totalLabel)
        try c.encodeIfPresent(page, forKey: .page)
        try c.encodeIfPresent(firstHref, forKey: .firstHref)
        try c.encodeIfPresent(previousHref, forKey: .previousHref)
        try c.encodeIfPresent(nextHref, forKey: .nextHref)
        try c.encode(show, forKey: .show)
    }

    /// A page number too deep to open by number (`Paging.maxOffset`) sends the web user back to the first page
    /// with a message; nil when the page can be served.
    static func tooDeep(
        _ req: Request, _ list: ListQuery, perPage: Int = 50, base: some SitePath, query: [(String, String)]
    ) -> Response? {
        tooDeep(
            req, page: list.page, byCursor: list.after != nil || list.before != nil, perPage: perPage, base: base,
            query: query)
    }

    static func tooDeep(
        _ req: Request, page: Int, byCursor: Bool, perPage: Int, base: some SitePath, query: [(String, String)]
    ) -> Response? {
        guard !byCursor, (page - 1) * perPage > Paging.maxOffset else { return nil }
        return Flash.redirect(
            req, to: base.href(query.filter { !$0.1.isEmpty }),
            "Trang quá sâu để mở theo số trang; đây là trang đầu. Hãy dùng “Trang sau” hoặc lọc bớt.")
    }
}

enum Flash {
    static let cookie = "dh_flash"
    /// The flash cookie's value, when the request has one (`Request.cookie`: the Cookie header is not parsed whole).
    static func value(_ req: Request) -> String? { req.cookie(cookie) }

    static func set(_ message: String, on res: Response) {
        res.cookies[cookie] = HTTPCookies.Value(
            string: message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
            maxAge: 60, path: "/", isHTTPOnly: true, sameSite: .lax)
    }
    static func redirect(_ req: Request, to path: String, _ message: String) -> Response {
        let res = req.redirect(to: path, redirectType: .normal)
        set(message, on: res)
        return res
    }
}

extension Request {
    /// The layout for a signed-in page: the main menu by what the policy lets this actor see (`MainMenu`), kept as
    /// rendered for the same links and open page (`MenuCache`), and the account menu.
    func layout(_ title: String, active: String) -> LayoutContext {
        var flash: String?
        if let raw = Flash.value(self), !raw.isEmpty { flash = raw.removingPercentEncoding }
        let csrf = csrfTokenForForm()
        let key = MainMenu.key(for: actor, active: active)
        guard let auth else {
            let (nav, groups) = MainMenu.items(key)
            return LayoutContext(title: title, user: nil, nav: nav, csrf: csrf, flash: flash, groups: groups)
        }
        func item(_ label: String, _ href: String) -> NavItem {
            NavItem(label: label, href: href, active: active == href)
        }
        let account = [
            item("Tài khoản của tôi", AccountPath.account.href), item("Thông báo", NoticesPath.inbox.href),
            item("Hướng dẫn", helpHref(forPage: url.path)), item("Liên hệ hỗ trợ", SupportPath.support.href),
        ]
        let user = UserBadge(
            fullName: auth.user.fullName, username: auth.user.username, roleLabel: auth.actor.role.label,
            unitName: auth.unitName)
        if let menuHTML = application.menuCache.html(key) {
            // The copy stands for the links: Leaf neither encodes nor walks them.
            return LayoutContext(
                title: title, user: user, nav: [], csrf: csrf, flash: flash, account: account, menuHTML: menuHTML)
        }
        let (nav, groups) = MainMenu.items(key)
        let layout = LayoutContext(
            title: title, user: user, nav: nav, csrf: csrf, flash: flash, groups: groups, account: account)
        storage[PendingMenuKey.self] = .init(key: key, layout: layout)
        return layout
    }

    func render<C: Encodable & Sendable>(_ template: String, _ context: C, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let view = try await self.view.render(template, context)
        if let pending = storage[PendingMenuKey.self] {
            storage[PendingMenuKey.self] = nil
            let menu = try await self.view.render("platform/menu", pending)
            application.menuCache.keep(pending.key, String(buffer: menu.data))
        }
        let res = try await view.encodeResponse(status: status, for: self)
        if Flash.value(self) != nil { res.cookies[Flash.cookie] = .expired }
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return res
    }

    /// Reads a form body into a typed DTO; an undecodable body is a 400 with a Vietnamese message.
    func form<T: Decodable>(_ type: T.Type) throws -> T {
        do { return try content.decode(T.self) } catch {
            throw AppError.badRequest("Biểu mẫu gửi lên không đúng định dạng. Vui lòng tải lại trang và thử lại.")
        }
    }
}

/// Runs a save; on validation failure returns the field errors instead of throwing.
private func attempt<T>(_ body: () async throws -> T) async throws -> Result<T, AppError> {
    do { return .success(try await body()) } catch let e as AppError
        where e.code == .validationFailed || e.code == .conflict
    {
        return .failure(e)
    }
}

extension Request {
    /// The one way a form post ends: try the write; on success redirect with a message, on a validation error or a
    /// conflict render the form again with its errors (and everything typed). Other errors go to the error page.
    func submit<T>(
        _ write: () async throws -> T,
        redirect: (T) throws -> (to: String, message: String),
        orRender: (AppError) async throws -> Response
    ) async throws -> Response {
        switch try await attempt(write) {
        case .success(let value):
            let (to, message) = try redirect(value)
            return Flash.redirect(self, to: to, message)
        case .failure(let error):
            return try await orRender(error)
        }
    }

    /// The same for a form whose typed input is parsed first (numbers, dates, criteria values): errors of the parse
    /// come back through `orRender` like the write's own validation errors, so the form is drawn in one place.
    func submit<Input, T>(
        parsed: (input: Input, errors: FieldErrors),
        _ write: (Input) async throws -> T,
        redirect: (T) throws -> (to: String, message: String),
        orRender: (AppError) async throws -> Response
    ) async throws -> Response {
        guard parsed.errors.isEmpty else { return try await orRender(AppError.invalid(parsed.errors)) }
        return try await submit({ try await write(parsed.input) }, redirect: redirect, orRender: orRender)
    }
}
