import Domain
import Fluent
import SQLKit
import Vapor

/// What a person types to change their own password.
struct PasswordChangeInput: Content, Sendable {
    var currentPassword: String
    var newPassword: String
    /// The new password typed again (the web form; the API may leave it out).
    var confirmPassword: String?
}

/// A session or API token as its owner sees it.
struct SessionDTO: Content, Sendable, Equatable {
    let id: Int
    /// "web" (a browser session) or "api" (a token).
    let kind: String
    let createdAt: Date?
    let lastSeenAt: Date?
    let expiresAt: Date
    let userAgent: String?
    let ip: String?
    /// The session or token this request is made with.
    let current: Bool

    init(_ t: AuthTokenModel, currentID: Int) {
        id = t.id ?? 0
        kind = t.kind
        createdAt = t.createdAt
        lastSeenAt = t.lastSeenAt
        expiresAt = t.expiresAt
        userAgent = t.userAgent
        ip = t.ip
        current = t.id == currentID
    }
}

/// A one-time password given to an account by the administrator or the standing office.
struct PasswordResetDTO: Content, Sendable {
    let user: UserDTO
    /// Shown once; the owner must change it at the next sign-in.
    let password: String
}

/// What the audit log keeps about an account's security change (never a password).
struct AccountAuditDetail: Encodable {
    let username: String
    let sessionsEnded: Int
}

/// Own password, own sessions, and one-time passwords for others: writes validate, ask the Policy, run in one
/// transaction and leave an audit entry.
enum AccountService {
    /// How stale a token's `last_seen_at` may get before a request writes it again: one write a minute at most.
    static let lastSeenGranularity: TimeInterval = 60
    static let forcedChangeMessage =
        "Mật khẩu của tài khoản này do người khác đặt hoặc được tạo tự động: vui lòng đổi mật khẩu trước khi tiếp tục "
        + "(trang “Đổi mật khẩu”, hoặc POST /api/v1/me/password)."

    /// Changes the signed-in person's password. Ends every other session and token of theirs, keeps this one.
    static func changeOwnPassword(_ input: PasswordChangeInput, auth: AuthContext, on req: Request) async throws {
        var e = FieldErrors()
        if input.currentPassword.isEmpty { e.add("currentPassword", "Vui lòng nhập mật khẩu hiện tại.") }
        Check.password(input.newPassword, "newPassword", into: &e)
        PasswordRules.check(input.newPassword, "newPassword", into: &e)
        if let confirm = input.confirmPassword, confirm != input.newPassword, e["newPassword"] == nil {
            e.add("confirmPassword", "Hai lần nhập mật khẩu mới không khớp nhau; vui lòng nhập lại.")
        }
        if e["newPassword"] == nil, !input.currentPassword.isEmpty, input.newPassword == input.currentPassword {
            e.add("newPassword", "Mật khẩu mới phải khác mật khẩu hiện tại.")
        }
        guard let user = try await UserModel.find(auth.user.id, on: req.database), user.active else {
            throw AppError.unauthorized
        }
        // bcrypt only when the rest is right: a wrong current password is the last thing checked.
        if e.isEmpty, try await !AuthService.verify(input.currentPassword, against: user.passwordHash, on: req) {
            e.add("currentPassword", "Mật khẩu hiện tại không đúng.")
        }
        guard e.isEmpty else { throw AppError.invalid(e) }
        let hash = try await req.passwordHasher.hash(input.newPassword).get()
        let userID = try user.requireID()
        try await req.database.transaction { tx in
            user.passwordHash = hash
            user.mustChangePassword = false
            user.passwordChangedAt = Date()
            try await user.save(on: tx)
            let others = AuthTokenModel.query(on: tx).filter(\.$user.$id == userID).filter(\.$id != auth.tokenID)
            let ended = try await others.copy().count()
            try await others.delete()
            try await AuditLog.record(
                on: tx, actor: auth.actor, action: "password-change", entity: "user", entityID: userID,
                unitID: user.$unit.id,
                summary: "Tự đổi mật khẩu; kết thúc \(ended) phiên đăng nhập khác",
                before: Optional<AccountAuditDetail>.none,
                after: AccountAuditDetail(username: user.username, sessionsEnded: ended))
        }
    }

    /// Gives an account a generated one-time password: for the administrator, and for the standing office on the
    /// accounts the Policy lets it update (`.user`). The account must change it at its next sign-in; every session
    /// and token it had ends.
    static func resetPassword(userID: Int, actor: Actor?, on req: Request) async throws -> (UserModel, String) {
        let user = try await UserQueries.readable(userID, actor: actor, on: req.database)
        try Access.check(actor, .update, .user(unitPath: user.unit?.unitPath, role: user.userRole))
        if actor?.userID == userID {
            throw AppError.conflict("Không tự đặt lại mật khẩu của chính mình: hãy dùng trang “Đổi mật khẩu”.")
        }
        let password = Secrets.password()
        let hash = try await req.passwordHasher.hash(password).get()
        try await req.database.transaction { tx in
            user.passwordHash = hash
            user.mustChangePassword = true
            try await user.save(on: tx)
            let tokens = AuthTokenModel.query(on: tx).filter(\.$user.$id == userID)
            let ended = try await tokens.copy().count()
            try await tokens.delete()
            try await AuditLog.record(
                on: tx, actor: actor, action: "password-reset", entity: "user", entityID: userID,
                unitID: user.$unit.id,
                summary: "Đặt lại mật khẩu dùng một lần cho \(user.username); kết thúc \(ended) phiên đăng nhập",
                before: Optional<AccountAuditDetail>.none,
                after: AccountAuditDetail(username: user.username, sessionsEnded: ended))
        }
        return (user, password)
    }

    /// The signed-in person's sessions and tokens that have not expired, the newest first.
    static func sessions(of auth: AuthContext, on db: any Database) async throws -> [SessionDTO] {
        let userID = auth.user.id
        return try await AuthTokenModel.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$expiresAt > Date()).sort(\.$id, .descending).limit(200).all()
            .map { SessionDTO($0, currentID: auth.tokenID) }
    }

    /// The account page's sessions: the one in use first, then the most recent others (at most `shown`), and how
    /// many others are active in all (what "end the others" ends). A page of 200 sessions weighed 92 KB.
    static func shownSessions(of auth: AuthContext, shown: Int = 20, on db: any Database) async throws -> (
        rows: [SessionDTO], others: Int
    ) {
        let userID = auth.user.id
        let active = AuthTokenModel.query(on: db).filter(\.$user.$id == userID).filter(\.$expiresAt > Date())
        let others = try await active.copy().filter(\.$id != auth.tokenID).sort(\.$id, .descending).limit(shown).all()
        let current = try await active.copy().filter(\.$id == auth.tokenID).all()
        let count = try await active.copy().filter(\.$id != auth.tokenID).count()
        return ((current + others).map { SessionDTO($0, currentID: auth.tokenID) }, count)
    }

    /// Ends one of the signed-in person's own sessions or tokens (404 for anybody else's).
    static func endSession(_ id: Int, auth: AuthContext, on db: any Database) async throws {
        let userID = auth.user.id
        guard
            let token = try await AuthTokenModel.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID)
                .first()
        else { throw AppError.notFound("Không tìm thấy phiên đăng nhập này (có thể đã kết thúc).") }
        try await db.transaction { tx in
            try await token.delete(on: tx)
            try await AuditLog.record(
                on: tx, actor: auth.actor, action: "session-end", entity: "session", entityID: userID,
                unitID: auth.user.unitID,
                summary: "Kết thúc một phiên đăng nhập (\(token.kind))" + (token.ip.map { " từ \($0)" } ?? ""),
                before: Optional<AccountAuditDetail>.none,
                after: AccountAuditDetail(username: auth.user.username, sessionsEnded: 1))
        }
    }

    /// Ends every session and token of the signed-in person but the one in use. Returns how many ended.
    @discardableResult
    static func endOtherSessions(auth: AuthContext, on db: any Database) async throws -> Int {
        let userID = auth.user.id
        return try await db.transaction { tx in
            let others = AuthTokenModel.query(on: tx).filter(\.$user.$id == userID).filter(\.$id != auth.tokenID)
            let ended = try await others.copy().count()
            try await others.delete()
            try await AuditLog.record(
                on: tx, actor: auth.actor, action: "session-end", entity: "session", entityID: userID,
                unitID: auth.user.unitID, summary: "Kết thúc \(ended) phiên đăng nhập khác",
                before: Optional<AccountAuditDetail>.none,
                after: AccountAuditDetail(username: auth.user.username, sessionsEnded: ended))
            return ended
        }
    }

    /// Stamps a token's last use, at most once per `lastSeenGranularity`: a request that finds the stamp fresh
    /// writes nothing.
    static func touch(tokenID: Int, lastSeenAt seen: Date?, on db: any Database, now: Date = Date()) async throws {
        guard needsTouch(seen, now: now) else { return }
        try await AuthTokenModel.query(on: db).filter(\.$id == tokenID).set(\.$lastSeenAt, to: now).update()
    }

    /// Whether a token last stamped at `seen` is stamped again (`touch`).
    static func needsTouch(_ seen: Date?, now: Date = Date()) -> Bool {
        guard let seen else { return true }
        return now.timeIntervalSince(seen) >= lastSeenGranularity
    }

    /// A client's description as stored with its session: printable characters only, at most 160 of them.
    static func shortUserAgent(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let clean = String(
            raw.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init)
        ).trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? nil : String(clean.prefix(160))
    }
}
