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

    init(_ label: String, key: String, _ items: [NavItem?]) {
        self.label = label
        self.key = key
        self.items = items.compactMap { $0 }
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
    /// The flash cookie's value, when the request has one. The Cookie header is parsed only when it names the flash
    /// (most requests have none: parsed on every page, it was a seventh of the layout's samples on the web list).
    static func value(_ req: Request) -> String? {
        guard req.headers[.cookie].contains(where: { $0.contains(cookie) }) else { return nil }
        return req.cookies[cookie]?.string
    }
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
    /// The menu's links with a query string, made once (`href(_:)` goes through Foundation's URL components).
    private static let exportLinks = (
        xlsx: RegistrationsPath.export.href([("format", "xlsx")]),
        csv: RegistrationsPath.export.href([("format", "csv")])
    )

    /// The layout for a signed-in page: navigation by what the policy lets this actor see, grouped by task.
    /// Adding a page to the menu is one line in its group: `item(label, href, visible-to-this-actor)`.
    func layout(_ title: String, active: String) -> LayoutContext {
        let nav: [NavItem] = [
            NavItem(label: "Tổng quan", href: HomePath.home.href, active: active == HomePath.home.href)
        ]
        var groups: [NavGroup] = []
        var account: [NavItem] = []
        if let actor {
            func item(_ label: String, _ href: String, _ visible: Bool = true) -> NavItem? {
                visible ? NavItem(label: label, href: href, active: active == href) : nil
            }
            let recordsVisible = Policy.recordScope(actor) != .none
            groups = [
                NavGroup(
                    "Thiết lập", key: "thiet-lap",
                    [
                        item("Đơn vị", UnitsPath.list.href, Policy.unitScope(actor) != .none),
                        item("Sắp xếp lại đơn vị", ReorganisationPath.form.href, can(.read, .reorganisation)),
                        item("Cụm, khối thi đua", GroupsPath.list.href),
                        item("Tài khoản người dùng", UsersPath.list.href, Policy.userScope(actor) != .none),
                        item("Danh mục tiêu chuẩn", CataloguePath.catalogue.href),
                        item("Lịch ngày nghỉ", CalendarPath.calendar.href, can(.update, .calendar)),
                        item(
                            "Cấp khen thưởng", AuthoritiesPath.list.href,
                            can(.update, .authority(nil)) || can(.create, .authority(nil))),
                        item("Nhập dữ liệu", ImportsPath.imports.href, can(.createUnitRecords)),
                        item("Nhật ký", AuditPath.audit.href, can(.list, .auditLog)),
                        item("Thiết lập từ bảng tính", SetupImportPath.page.href, can(.create, .setupImport)),
                        item("Mở năm mới", RolloverPath.form.href, can(.update, .yearRollover)),
                    ]),
                NavGroup(
                    "Điển hình", key: "dien-hinh",
                    [
                        item("Đăng ký điển hình", RegistrationsPath.list.href, can(.followRegistrations)),
                        item("Tiêu chí cụ thể", SubjectsPath.criteria.href, can(.followRegistrations)),
                        item("Phong trào", MovementsPath.list.href),
                        item("Nộp báo cáo cụm, khối", GroupWorkPath.mine.href, Policy.seesGroupWork(actor)),
                        item("Nhân rộng mô hình", ReplicationsPath.list.href, can(.followRegistrations)),
                        item(
                            "Điển hình do người dân giới thiệu", ProposalsPath.queue.href,
                            Policy.proposalScope(actor) != .none),
                    ]),
                NavGroup(
                    "Khen thưởng", key: "khen-thuong",
                    [
                        item("Hồ sơ khen thưởng", DossiersPath.list.href, recordsVisible),
                        item("Tra cứu khen thưởng", AwardsPath.awards.href, recordsVisible),
                        item("Hội đồng TĐKT", CouncilPath.council.href, can(.list, .council(nil))),
                        item("Sổ quyết định", DecisionsPath.register.href, can(.list, .council(nil))),
                    ]),
                NavGroup(
                    "Tuyên truyền", key: "tuyen-truyen",
                    [
                        item("Bài viết", StoriesPath.list.href, Policy.storyScope(actor) != .none),
                        item("Tin, bài trên báo, đài, loa", MediaPath.list.href, Policy.mediaScope(actor) != .none),
                        item("Sự kiện, hội nghị", EventPath.list.href, Policy.eventScope(actor) != .none),
                        item("Trang công khai", HomePath.publicHome.href, can(.publicise)),
                    ]),
                NavGroup(
                    "Báo cáo", key: "bao-cao",
                    [
                        item("Số liệu theo dõi", DashboardPath.dashboard.href, Policy.defaultStatsTarget(actor) != nil),
                        item("Chỉ tiêu điển hình", MonitoringPath.quotas.href, Policy.quotaScope(actor) != .none),
                        item("Báo cáo sơ kết, tổng kết", ReportsPath.list.href, can(.list, .periodicReport(nil))),
                        item("Biểu thống kê TĐKT", StatisticsPath.list.href, Policy.defaultStatsTarget(actor) != nil),
                        item(
                            "Danh sách đăng ký (Excel)", Self.exportLinks.xlsx,
                            can(.followRegistrations)),
                        item(
                            "Danh sách đăng ký (CSV)", Self.exportLinks.csv,
                            can(.followRegistrations)),
                    ]),
            ].filter { !$0.items.isEmpty }
            account = [
                item("Tài khoản của tôi", AccountPath.account.href),
                item("Thông báo", NoticesPath.inbox.href),
                item("Hướng dẫn", helpHref(forPage: url.path)),
                item("Liên hệ hỗ trợ", SupportPath.support.href),
            ].compactMap { $0 }
        }
        var flash: String?
        if let raw = Flash.value(self), !raw.isEmpty { flash = raw.removingPercentEncoding }
        let user = auth.map {
            UserBadge(
                fullName: $0.user.fullName, username: $0.user.username, roleLabel: $0.actor.role.label,
                unitName: $0.unitName)
        }
        let layout = LayoutContext(
            title: title, user: user, nav: nav, csrf: csrfTokenForForm(), flash: flash, groups: groups,
            account: account)
        guard user != nil else { return layout }
        let key = MenuCache.key(nav: nav, groups: groups)
        guard let menuHTML = application.menuCache.html(key) else {
            storage[PendingMenuKey.self] = .init(key: key, layout: layout)
            return layout
        }
        // The copy stands for the links: Leaf neither encodes nor walks them.
        return LayoutContext(
            title: title, user: user, nav: [], csrf: layout.csrf, flash: flash, account: account, menuHTML: menuHTML)
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
