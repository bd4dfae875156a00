import Domain
import Fluent
import SQLKit
import Vapor

/// What the request knows about who is asking.
struct AuthContext: Sendable {
    let user: SignedInUser
    let actor: Actor
    let unitName: String?
    /// The CSRF token of a browser session (nil for API tokens).
    let csrfToken: String?
    let tokenID: Int
}

extension Request {
    private struct AuthKey: StorageKey { typealias Value = AuthContext }

    var auth: AuthContext? {
        get { storage[AuthKey.self] }
        set { storage[AuthKey.self] = newValue }
    }

    var actor: Actor? { auth?.actor }

    /// The signed-in actor, or 401.
    func requireActor() throws -> Actor {
        guard let actor else { throw AppError.unauthorized }
        return actor
    }

    /// Asks the Domain policy; throws 404 for records outside the actor's scope, 403 for a refused action.
    func authorize(_ action: Action, _ resource: Resource) throws { try Access.check(actor, action, resource) }

    /// True when the policy would allow it (for showing or hiding buttons).
    func can(_ action: Action, _ resource: Resource) -> Bool { Policy.allows(actor, action, resource) }

    /// True when the policy offers this capability to the actor ("create" buttons, navigation, form fields).
    func can(_ capability: Capability) -> Bool { Policy.allows(actor, capability) }
}

/// The signed-in user as plain values: read with the session's token in one statement on every signed-in request
/// (`AuthService.lookup`), where a token and a user loaded as models cost more than the statement itself.
struct SignedInUser: Sendable {
    let id: Int
    let username: String
    let fullName: String
    let role: Role
    let unitID: Int?
    let email: String?
    let mustChangePassword: Bool
    let passwordChangedAt: Date?
}

extension SignedInUser {
    /// From a loaded account (signing in, tests).
    init(_ u: UserModel) throws {
        self.init(
            id: try u.requireID(), username: u.username, fullName: u.fullName, role: u.userRole, unitID: u.$unit.id,
            email: u.email, mustChangePassword: u.mustChangePassword, passwordChangedAt: u.passwordChangedAt)
    }
}

enum AuthCookies {
    static let session = "dh_session"
    static let preLoginCSRF = "dh_csrf"
}

enum AuthService {
    /// Builds the actor for a user: its unit's path and the movements its unit leads.
    static func actor(for user: UserModel, on db: any Database) async throws -> (Actor, String?) {
        try await actor(for: SignedInUser(user), on: db)
    }

    static func actor(for user: SignedInUser, on db: any Database) async throws -> (Actor, String?) {
        var path: UnitPath?
        var unitName: String?
        var movements = Set<Int>()
        var inherited: [UnitPath] = []
        if let unitID = user.unitID, let unit = try await UnitModel.find(unitID, on: db) {
            path = unit.unitPath
            unitName = unit.name
            inherited = try await ReorganisationQueries.inheritedPaths(of: unitID, on: db)
            let rows = try await MovementAgencyModel.query(on: db)
                .filter(\.$unit.$id == unitID).filter(\.$role == MovementAgencyModel.Role.lead.rawValue).all()
            movements = Set(rows.map { $0.$movement.id })
        }
        let actor = Actor(
            userID: user.id, username: user.username, role: user.role,
            unitID: user.unitID, unitPath: path, leadMovementIDs: movements, inheritedPaths: inherited)
        return (actor, unitName)
    }

    /// Checks a password against a stored bcrypt hash, on the bounded pool. Without a hash (no such user), or for a
    /// password bcrypt would cut short, it checks against a dummy hash of the same cost, so that the time taken does
    /// not reveal whether a username exists.
    static func verify(_ password: String, against hash: String?, on req: Request) async throws -> Bool {
        let fits = password.utf8.count <= PasswordRules.maxBytes
        let target = fits ? (hash ?? req.application.dummyPasswordHash) : req.application.dummyPasswordHash
        let ok = (try? await req.passwordHasher.verify(password, created: target).get()) ?? false
        return ok && fits && hash != nil
    }

    /// Issues a token (browser session or API) for a user and returns the secret to hand out.
    /// `userAgent` and `ip` describe the client, so that its owner recognises it among their sessions.
    static func issue(
        _ kind: AuthTokenModel.Kind, for user: UserModel, lifetime: TimeInterval, userAgent: String? = nil,
        ip: String? = nil, on db: any Database
    ) async throws -> (secret: String, model: AuthTokenModel) {
        let secret = Secrets.token()
        let model = AuthTokenModel(
            kind: kind, tokenHash: Secrets.sha256(secret), userID: try user.requireID(),
            csrfToken: kind == .web ? Secrets.token() : nil,
            expiresAt: Date().addingTimeInterval(lifetime))
        model.lastSeenAt = Date()
        model.userAgent = AccountService.shortUserAgent(userAgent)
        model.ip = ip.map { String($0.prefix(64)) }
        try await model.create(on: db)
        user.lastLoginAt = Date()
        try await user.save(on: db)
        return (secret, model)
    }

    /// The credential `secret` of `kind` as the request's `AuthContext`, nil when it names no valid session or token.
    ///
    /// A future, not an async function: it runs on every signed-in request, and an async lookup was a task of its own
    /// (`makeFutureWithTask`), which on SQLite hopped to Swift's pool and back. A page or API read whose stamp is
    /// fresh and whose actor this instance keeps at the data's version is answered at once (`completed`); the rest
    /// go through a task: the "last seen" stamp (once a minute), an actor not kept, a request that writes (it reads
    /// no kept copy), every request with DIENHINH_REFERENCE_CACHE=0. On PostgreSQL the statement itself, prepared,
    /// hands its row back through a callback on the connection's event loop, without a task (`NamedStatement`); on a
    /// SQLite file the event loop steps it itself when the file is not locked (`LoopRead`).
    static func lookup(_ kind: AuthTokenModel.Kind, secret: String, on req: Request) -> EventLoopFuture<AuthContext?> {
        guard !secret.isEmpty, secret.count < 200 else { return req.eventLoop.makeSucceededFuture(nil) }
        // The token and its user in one statement, read as values (every signed-in request runs it), with the data's
        // version the request's kept reference data is read at (`Request.dataVersion`).
        let database = req.database
        let statement: SQLQueryString = """
            SELECT t.id, t.csrf_token, t.expires_at, t.last_seen_at, u.id AS user_id, u.username, u.full_name,
            u.role, u.unit_id, u.active, u.email, u.must_change_password, u.password_changed_at,
            (\(unsafeRaw: PageCache.versionSQL)) AS data_version
            FROM \(ident: AuthTokenModel.schema) t JOIN \(ident: UserModel.schema) u ON u.id = t.user_id
            WHERE t.token_hash = \(bind: Secrets.sha256(secret)) AND t.kind = \(bind: kind.rawValue)
            """
        let sql: any SQLDatabase
        do { sql = try database.sql() } catch { return req.eventLoop.makeFailedFuture(error) }
        return sql.firstOfShortRead(statement).flatMap { row in
            do {
                guard let row, try row.decode(column: "expires_at", as: Date.self) > Date(),
                    try row.decode(column: "active", as: Bool.self)
                else { return req.eventLoop.makeSucceededFuture(nil) }
                return try completed(row, on: req, database)
            } catch {
                return req.eventLoop.makeFailedFuture(error)
            }
        }
    }

    /// The reference data key of a user's actor (`actor(for:)`), kept per user, role and unit.
    static func actorKey(_ user: SignedInUser) -> String {
        "actor \(user.id) \(user.role.rawValue) \(user.unitID.map(String.init) ?? "-")"
    }

    /// The rest of `lookup` once its row is read: at once when nothing needs a write or a read.
    private static func completed(_ row: any SQLRow, on req: Request, _ database: any Database) throws
        -> EventLoopFuture<AuthContext?>
    {
        req.sawDataVersion(try row.decode(column: "data_version", as: Int?.self) ?? 0)
        let tokenID = try row.decode(column: "id", as: Int.self)
        let csrfToken = try row.decode(column: "csrf_token", as: String?.self)
        // Read as before, inside the stamp's own attempt: a value that does not decode skips the stamp, not the request.
        let lastSeenAt = Result { try row.decode(column: "last_seen_at", as: Date?.self) }
        let user = SignedInUser(
            id: try row.decode(column: "user_id", as: Int.self),
            username: try row.decode(column: "username", as: String.self),
            fullName: try row.decode(column: "full_name", as: String.self),
            role: UserModel.role(try row.decode(column: "role", as: String.self)),
            unitID: try row.decode(column: "unit_id", as: Int?.self),
            email: try row.decode(column: "email", as: String?.self),
            mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self),
            passwordChangedAt: try row.decode(column: "password_changed_at", as: Date?.self))
        @Sendable func context(_ actor: Actor, _ unitName: String?) -> AuthContext {
            AuthContext(user: user, actor: actor, unitName: unitName, csrfToken: csrfToken, tokenID: tokenID)
        }
        // A unit's path and name, the units it inherited and the movements it leads change only by audited writes:
        // kept as reference data on a page or API read (three statements a request for a unit's user otherwise).
        let key = actorKey(user)
        if let seen = try? lastSeenAt.get(), !AccountService.needsTouch(seen),
            let (actor, unitName): (Actor, String?) = req.keptReference(key)
        {
            return req.eventLoop.makeSucceededFuture(context(actor, unitName))
        }
        return req.eventLoop.makeFutureWithTask {
            // The "last seen" stamp is worth a write a minute, not a failed request: on SQLite a long import holds the
            // one writer, and this write may time out behind it.
            do {
                try await AccountService.touch(tokenID: tokenID, lastSeenAt: try lastSeenAt.get(), on: database)
            } catch {
                req.logger.debug("Không ghi được thời điểm dùng phiên: \(error)")
            }
            let (actor, unitName) = try await req.reference(key) { try await Self.actor(for: user, on: database) }
            return context(actor, unitName)
        }
    }
}

/// The route groups' middlewares are `Middleware`s chained by futures, not `AsyncMiddleware`s: Vapor runs each
/// `AsyncMiddleware` in a task of its own (`completeWithTask`) that waits for the rest of the chain, and a signed-in
/// list page went through five of them before its handler's own task (PERFORMANCE, session 42). The lookup of a
/// session or a token is a future too, a task of its own only when it writes or reads more (`AuthService.lookup`,
/// session 43).
extension AuthService {
    /// Looks `secret` up as a `kind` credential, sets `req.auth` (nil when it is not valid) and goes on.
    static func authenticate(
        _ kind: AuthTokenModel.Kind, secret: String?, _ req: Request, _ next: any Responder
    ) -> EventLoopFuture<Response> {
        guard let secret else { return next.respond(to: req) }
        return lookup(kind, secret: secret, on: req)
            .flatMap { auth in
                req.auth = auth
                return next.respond(to: req)
            }
    }
}

/// Reads the browser session cookie and sets `req.auth` when it is valid. Never rejects.
struct SessionAuthenticator: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        AuthService.authenticate(.web, secret: req.cookie(AuthCookies.session), req, next)
    }
}

/// Reads `Authorization: Bearer …` and sets `req.auth` when valid. Never rejects.
struct BearerAuthenticator: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        AuthService.authenticate(.api, secret: req.headers.bearerAuthorization?.token, req, next)
    }
}

/// Pages of the signed-in area: without a session, go to the login page and come back after.
struct RequireSignedInPage: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        do {
            if let answer = try gate(req) { return req.eventLoop.makeSucceededFuture(answer) }
        } catch {
            return req.eventLoop.makeFailedFuture(error)
        }
        return next.respond(to: req)
    }

    /// What answers instead of the page (a redirect), nil when the page may be shown; throws for a refusal.
    private func gate(_ req: Request) throws -> Response? {
        guard req.auth != nil else {
            if req.method == .GET {
                // The page asked for, in the login link's query as every link's (`QueryString`): its own `+` is
                // written `%2B`, so the login form reads back the same path and query (a bare `+` came back a space,
                // and a search with a space was refused as `next` and sent to /app).
                let next = req.url.path + (req.url.query.map { "?\($0)" } ?? "")
                return req.redirect(to: AuthPath.login.href([("next", next)]))
            }
            throw AppError.unauthorized
        }
        // The one place a password someone else set is enforced on pages: only the change form (and the support
        // contact) until it is changed.
        if let auth = req.auth, auth.user.mustChangePassword,
            !PasswordChangeGate.allowedPages.contains(req.url.path)
        {
            if req.method == .GET || req.method == .HEAD {
                return req.redirect(to: AccountPath.password.href)
            }
            throw AppError.forbidden(AccountService.forcedChangeMessage)
        }
        return nil
    }
}

/// Where an account that must change its password may still go.
enum PasswordChangeGate {
    static var allowedPages: Set<String> { [AccountPath.password.href, SupportPath.support.href] }
    static let allowedAPI: Set<String> = ["/api/v1/me/password", "/api/v1/me", "/api/v1/auth/token"]
}

/// API routes: a valid bearer token or 401 in JSON.
struct RequireAPIToken: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.auth != nil else {
            return req.eventLoop.makeFailedFuture(
                AppError(
                    status: .unauthorized, code: .unauthorized,
                    message:
                        "Thiếu hoặc sai mã truy cập (Authorization: Bearer …). Lấy mã tại POST /api/v1/auth/token."))
        }
        if let auth = req.auth, auth.user.mustChangePassword, !PasswordChangeGate.allowedAPI.contains(req.url.path) {
            return req.eventLoop.makeFailedFuture(AppError.forbidden(AccountService.forcedChangeMessage))
        }
        return next.respond(to: req)
    }
}

/// Every state-changing form post carries the CSRF token: the session's when signed in,
/// otherwise the pre-login cookie's (double submit).
struct CSRFMiddleware: Middleware {
    static let field = "_csrf"

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.method != .GET && req.method != .HEAD && req.method != .OPTIONS else { return next.respond(to: req) }
        // A browser may send a larger form in several packets: collect the body before reading the token
        // (uploads up to their routes' own limit; everything else up to the default 2 MB). The token is then read
        // on the event loop, a multipart upload's parts parsed there too, as the route's own decoding does.
        let collected: EventLoopFuture<Void>
        if req.body.data == nil {
            let multipart = req.headers.contentType?.type == "multipart"
            collected = req.body.collect(max: multipart ? 26 * 1024 * 1024 : 2 * 1024 * 1024).map { _ in }
        } else {
            collected = req.eventLoop.makeSucceededVoidFuture()
        }
        return collected.flatMapThrowing {
            let expected = req.auth?.csrfToken ?? req.cookie(AuthCookies.preLoginCSRF)
            let sent = (try? req.content.get(String.self, at: Self.field)) ?? req.headers.first(name: "X-CSRF-Token")
            guard let expected, let sent, Secrets.constantTimeEqual(expected, Secrets.unmaskedCSRF(sent)) else {
                throw AppError.forbidden(
                    "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.")
            }
        }.flatMap { next.respond(to: req) }
    }
}

extension Request {
    /// The CSRF token to put in forms, masked afresh for each page (`Secrets.maskedCSRF`); for visitors not signed
    /// in, sets the pre-login cookie.
    func csrfTokenForForm(response: Response? = nil) -> String {
        if let t = auth?.csrfToken { return Secrets.maskedCSRF(t) }
        if let t = cookie(AuthCookies.preLoginCSRF), !t.isEmpty { return Secrets.maskedCSRF(t) }
        if let t = storage[PendingCSRFKey.self] { return Secrets.maskedCSRF(t) }
        let t = Secrets.token()
        storage[PendingCSRFKey.self] = t
        return Secrets.maskedCSRF(t)
    }

    struct PendingCSRFKey: StorageKey { typealias Value = String }
}

extension Request {
    /// Whether cookies get the Secure flag: as configured, or automatically — always, except for plain
    /// HTTP to this machine's loopback address (the README's first run).
    func cookiesSecure(_ config: AppConfig) -> Bool {
        if let fixed = config.secureCookies { return fixed }
        if headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https" { return true }
        guard let host = headers.first(name: .host)?.lowercased() else { return true }
        let name =
            host.hasPrefix("[")
            ? String(host.prefix { $0 != "]" }) + "]" : String(host.split(separator: ":").first ?? "")
        return !(name == "localhost" || name.hasPrefix("127.") || name == "[::1]")
    }
}

/// Sets the pre-login CSRF cookie chosen while rendering a form.
struct PendingCookieMiddleware: Middleware {
    let config: AppConfig
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).map { res in
            if let t = req.storage[Request.PendingCSRFKey.self] {
                res.cookies[AuthCookies.preLoginCSRF] = HTTPCookies.Value(
                    string: t, expires: nil, maxAge: 2 * 3600, path: "/",
                    isSecure: req.cookiesSecure(config), isHTTPOnly: true, sameSite: .strict)
            }
            return res
        }
    }
}

/// The app-side door to the Domain policy, used by controllers and services alike.
enum Access {
    static func check(_ actor: Actor?, _ action: Action, _ resource: Resource) throws {
        switch Policy.decide(actor, action, resource) {
        case .allow: return
        case .notFound: throw AppError.notFound()
        case .forbidden(let message): throw actor == nil ? AppError.unauthorized : AppError.forbidden(message)
        }
    }

    /// A capability the Policy grants or refuses as a whole (no record to look up yet): 401 or 403.
    static func check(_ actor: Actor?, _ capability: Capability) throws {
        guard actor != nil else { throw AppError.unauthorized }
        guard Policy.allows(actor, capability) else { throw AppError.forbidden(Policy.readOnly) }
    }
}

extension Application {
    private struct DummyHashKey: StorageKey { typealias Value = String }
    /// A bcrypt hash of a random secret, verified against when a username does not exist.
    var dummyPasswordHash: String {
        get { storage[DummyHashKey.self] ?? "" }
        set { storage[DummyHashKey.self] = newValue }
    }
}
