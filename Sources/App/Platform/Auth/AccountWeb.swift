import Domain
import Fluent
import Vapor

/// One session or token as the account page lists it.
struct SessionRow: Encodable, Sendable {
    let kindLabel: String
    let device: String
    let ip: String
    let created: String
    let lastSeen: String
    let expires: String
    let current: Bool
    let endAction: String

    init(_ s: SessionDTO) {
        kindLabel = s.kind == AuthTokenModel.Kind.api.rawValue ? "Mã truy cập API" : "Trình duyệt"
        device = SessionRow.describe(s.userAgent)
        ip = s.ip ?? "không rõ"
        created = s.createdAt.map(VietnameseDate.formatDateTime) ?? "—"
        lastSeen = s.lastSeenAt.map(VietnameseDate.formatDateTime) ?? "—"
        expires = VietnameseDate.formatDateTime(s.expiresAt)
        current = s.current
        endAction = AccountPath.endSession(.id(s.id)).href
    }

    init(
        kindLabel: String, device: String, ip: String, created: String, lastSeen: String, expires: String,
        current: Bool, endAction: String
    ) {
        self.kindLabel = kindLabel
        self.device = device
        self.ip = ip
        self.created = created
        self.lastSeen = lastSeen
        self.expires = expires
        self.current = current
        self.endAction = endAction
    }

    /// A browser's self-description in words a person recognises ("Firefox trên Windows"), the raw text otherwise.
    static func describe(_ userAgent: String?) -> String {
        guard let ua = userAgent, !ua.isEmpty else { return "Không rõ thiết bị" }
        let browsers: [(String, String)] = [
            ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"),
            ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"), ("python", "Python"),
        ]
        let systems: [(String, String)] = [
            ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
            ("Mac OS X", "macOS"), ("Linux", "Linux"),
        ]
        guard let browser = browsers.first(where: { ua.contains($0.0) })?.1 else { return String(ua.prefix(60)) }
        if let system = systems.first(where: { ua.contains($0.0) })?.1 { return "\(browser) trên \(system)" }
        return browser
    }
}

struct AccountPage: Encodable, Sendable {
    let layout: LayoutContext
    let fullName: String
    let username: String
    let roleLabel: String
    let unitName: String
    let email: String
    let passwordChanged: String
    let passwordHref: String
    let sessions: [SessionRow]
    /// Active sessions other than this one, shown or not.
    let otherCount: Int
    /// Of them, how many the page does not list (only the most recent are).
    let hiddenCount: Int
    let endOthersAction: String
}

struct PasswordChangeForm: Content, Sendable {
    var currentPassword: String?
    var newPassword: String?
    var confirmPassword: String?

    var input: PasswordChangeInput {
        PasswordChangeInput(
            currentPassword: currentPassword ?? "", newPassword: newPassword ?? "",
            confirmPassword: confirmPassword ?? "")
    }
}

struct PasswordChangePage: Encodable, Sendable {
    let layout: LayoutContext
    /// The account must change its password before anything else.
    let forced: Bool
    let action: String
    let errors: [String: String]
    let minPassword: Int
    let accountHref: String
}

struct PasswordResetPage: Encodable, Sendable {
    let layout: LayoutContext
    let username: String
    let fullName: String
    let password: String
    let usersHref: String
}

struct AccountWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(AccountPath.account, use: account)
        r.get(AccountPath.password, use: passwordForm)
        r.post(AccountPath.password, use: changePassword)
        r.post(AccountPath.endSession(.key), use: endSession)
        r.post(AccountPath.endOthers, use: endOthers)
        r.post(UserAdminPath.resetPassword(.key), use: resetPassword)
    }

    @Sendable func account(req: Request) async throws -> Response {
        let auth = try req.auth.orThrow()
        let sessions = try await AccountService.shownSessions(of: auth, on: req.database)
        let user = auth.user
        let ctx = AccountPage(
            layout: req.layout("Tài khoản của tôi", active: AccountPath.account.href), fullName: user.fullName,
            username: user.username, roleLabel: auth.actor.role.label, unitName: auth.unitName ?? "—",
            email: user.email ?? "—",
            passwordChanged: user.passwordChangedAt.map(VietnameseDate.formatDateTime) ?? "chưa đổi lần nào",
            passwordHref: AccountPath.password.href, sessions: sessions.rows.map(SessionRow.init),
            otherCount: sessions.others, hiddenCount: sessions.others - sessions.rows.filter { !$0.current }.count,
            endOthersAction: AccountPath.endOthers.href)
        return try await req.render("platform/account", ctx)
    }

    private func passwordPage(_ req: Request, errors: [String: String]) throws -> PasswordChangePage {
        let auth = try req.auth.orThrow()
        return PasswordChangePage(
            layout: req.layout("Đổi mật khẩu", active: AccountPath.account.href), forced: auth.user.mustChangePassword,
            action: AccountPath.password.href, errors: errors, minPassword: Check.minimumPasswordLength,
            accountHref: AccountPath.account.href)
    }

    @Sendable func passwordForm(req: Request) async throws -> Response {
        try await req.render("platform/password", try passwordPage(req, errors: [:]))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let auth = try req.auth.orThrow()
        let form = try req.form(PasswordChangeForm.self)
        let forced = auth.user.mustChangePassword
        // Nothing typed is sent back: a password never appears in a page.
        return try await req.submit {
            try await AccountService.changeOwnPassword(form.input, auth: auth, on: req)
        } redirect: { _ in
            (
                forced ? HomePath.home.href : AccountPath.account.href,
                "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã được kết thúc."
            )
        } orRender: { e in
            try await req.render("platform/password", try passwordPage(req, errors: e.formErrors), status: e.status)
        }
    }

    @Sendable func endSession(req: Request) async throws -> Response {
        let auth = try req.auth.orThrow()
        let id = try req.parameters.require("id", as: Int.self)
        try await AccountService.endSession(id, auth: auth, on: req.database)
        if id == auth.tokenID {
            let res = Flash.redirect(req, to: AuthPath.login.href, "Bạn đã kết thúc phiên đăng nhập này.")
            res.cookies[AuthCookies.session] = .expired
            return res
        }
        return Flash.redirect(req, to: AccountPath.account.href, "Đã kết thúc phiên đăng nhập.")
    }

    @Sendable func endOthers(req: Request) async throws -> Response {
        let ended = try await AccountService.endOtherSessions(auth: try req.auth.orThrow(), on: req.database)
        return Flash.redirect(req, to: AccountPath.account.href, "Đã kết thúc \(ended) phiên đăng nhập khác.")
    }

    /// The one-time password is shown on this page and nowhere else (never in a redirect, a flash or the log).
    @Sendable func resetPassword(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let (user, password) = try await AccountService.resetPassword(userID: id, actor: req.actor, on: req)
        let ctx = PasswordResetPage(
            layout: req.layout("Mật khẩu dùng một lần", active: UsersPath.list.href), username: user.username,
            fullName: user.fullName, password: password, usersHref: UsersPath.list.href)
        return try await req.render("organisation/user-reset", ctx)
    }
}
