import Domain
import Vapor

struct LoginPage: Encodable, Sendable {
    let layout: LayoutContext
    let username: String
    let next: String
    let error: String?
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

    /// Only local paths are allowed as the place to go after login.
    static func safeNext(_ s: String?) -> String {
        guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.contains("\\") else { return HomePath.home.href }
        return s
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.auth != nil { return req.redirect(to: HomePath.home.href) }
        let next = Self.safeNext(req.query[String.self, at: "next"])
        return try await req.render(
            "platform/login",
            LoginPage(layout: req.layout("Đăng nhập", active: ""), username: "", next: next, error: nil))
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.form(LoginForm.self)
        let next = Self.safeNext(form.next)
        guard let user = try await AuthService.verify(username: form.username, password: form.password, on: req) else {
            let page = LoginPage(
                layout: req.layout("Đăng nhập", active: ""), username: VietnameseText.clean(form.username), next: next,
                error: "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.")
            return try await req.render("platform/login", page, status: .unauthorized)
        }
        // A fresh secret at every login: a session id seen before login is worth nothing after it.
        let (secret, _) = try await AuthService.issue(.web, for: user, lifetime: config.sessionLifetime, on: req.db)
        let res = req.redirect(to: next, redirectType: .normal)
        res.cookies[AuthCookies.session] = HTTPCookies.Value(
            string: secret, maxAge: Int(config.sessionLifetime), path: "/",
            isSecure: req.cookiesSecure(config), isHTTPOnly: true, sameSite: .lax)
        res.cookies[AuthCookies.preLoginCSRF] = .expired
        return res
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let auth = req.auth { try await AuthTokenModel.find(auth.tokenID, on: req.db)?.delete(on: req.db) }
        let res = Flash.redirect(req, to: AuthPath.login.href, "Bạn đã đăng xuất.")
        res.cookies[AuthCookies.session] = .expired
        return res
    }
}
