import Domain
import Vapor

struct LoginPage: Encodable, Sendable {
    let layout: LayoutContext
    let username: String
    let next: String
    let error: String?
    /// Whom to contact when signing in fails (set by the administrator).
    var support: SupportCard? = nil
}

struct LoginForm: Content {
    var username: String
    var password: String
    var next: String?
}

struct AuthWebController {
    let config: AppConfig

    func register(_ r: any RoutesBuilder) {
        r.get(AuthPath.login, use: show)
        r.post(AuthPath.login, use: login)
        r.post(AuthPath.logout, use: logout)
    }

    /// Only same-site paths are allowed as the place to go after login: one leading "/", then no "/" or "\\"
    /// (a browser reads "//host" and "/\\host" as another site), and no control character anywhere (a browser drops
    /// a tab or newline, so "/\t/host" would become "//host"). Anything else goes to the home page.
    static func safeNext(_ s: String?) -> String {
        guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.contains("\\"), s.count <= 2000 else {
            return HomePath.home.href
        }
        let unsafe = s.unicodeScalars.contains {
            CharacterSet.controlCharacters.contains($0) || CharacterSet.whitespacesAndNewlines.contains($0)
                || $0.properties.generalCategory == .format
        }
        return unsafe ? HomePath.home.href : s
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.auth != nil { return req.redirect(to: HomePath.home.href) }
        let next = Self.safeNext(req.queryText("next"))
        var page = LoginPage(layout: req.layout("Đăng nhập", active: ""), username: "", next: next, error: nil)
        page.support = try await Self.support(req)
        return try await req.render("platform/login", page)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.form(LoginForm.self)
        let next = Self.safeNext(form.next)
        let support = try await Self.support(req)
        let page = { (error: String) in
            LoginPage(
                layout: req.layout("Đăng nhập", active: ""), username: VietnameseText.clean(form.username), next: next,
                error: error, support: support)
        }
        let user: UserModel
        switch try await LoginService.attempt(
            username: form.username, password: form.password, channel: .web, on: req)
        {
        case .refused(let seconds):
            let res = try await req.render(
                "platform/login", page(LoginOutcome.refusedMessage(retryAfter: seconds)), status: .tooManyRequests)
            res.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return res
        case .failed:
            return try await req.render("platform/login", page(LoginOutcome.wrongMessage), status: .unauthorized)
        case .success(let found):
            user = found
        }
        // A fresh secret at every login: a session id seen before login is worth nothing after it.
        let (secret, _) = try await AuthService.issue(
            .web, for: user, lifetime: config.sessionLifetime, userAgent: req.headers.first(name: .userAgent),
            ip: req.clientAddress(trustForwardedFor: config.loginThrottle.trustForwardedFor), on: req.database)
        let res = req.redirect(to: user.mustChangePassword ? AccountPath.password.href : next, redirectType: .normal)
        res.cookies[AuthCookies.session] = HTTPCookies.Value(
            string: secret, maxAge: Int(config.sessionLifetime), path: "/",
            isSecure: req.cookiesSecure(config), isHTTPOnly: true, sameSite: .lax)
        res.cookies[AuthCookies.preLoginCSRF] = .expired
        return res
    }

    /// The support contact for the sign-in page, when the administrator has set one.
    static func support(_ req: Request) async throws -> SupportCard? {
        let contact = try await SettingsService.supportContact(on: req.database)
        return contact.isEmpty ? nil : SupportCard(contact)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let auth = req.auth { try await LoginService.recordSignOut(auth, channel: .web, on: req) }
        let res = Flash.redirect(req, to: AuthPath.login.href, "Bạn đã đăng xuất.")
        res.cookies[AuthCookies.session] = .expired
        return res
    }
}
