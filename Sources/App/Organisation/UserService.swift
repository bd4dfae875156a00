import Domain
import Fluent
import SQLKit
import Vapor

struct UserInput: Content, Sendable {
    var username: String
    var fullName: String
    var role: String
    var unitID: Int?
    /// Required when creating; when updating, a non-empty value sets a new password.
    var password: String?
    var active: Bool?
    /// Where notices are also e-mailed; empty: none; absent (API): unchanged.
    var email: String? = nil
    /// The owner must choose their own password at the next sign-in. Absent: false when creating through the API
    /// (the web form offers it checked); when a new password is set for someone else, true.
    var mustChangePassword: Bool? = nil
}

struct UserDTO: Content, Sendable, Equatable {
    let id: Int
    let username: String
    let fullName: String
    let role: String
    let roleLabel: String
    let unitID: Int?
    let active: Bool
    let mustChangePassword: Bool
    let disabledAt: Date?
    init(_ u: UserModel) {
        id = u.id ?? 0
        username = u.username
        fullName = u.fullName
        role = u.role
        roleLabel = u.userRole.label
        unitID = u.$unit.id
        active = u.active
        mustChangePassword = u.mustChangePassword
        disabledAt = u.disabledAt
    }

    /// The signed-in user (`GET /api/v1/me`): active, so never disabled (enabling clears `disabledAt`).
    init(_ u: SignedInUser) {
        id = u.id
        username = u.username
        fullName = u.fullName
        role = u.role.rawValue
        roleLabel = u.role.label
        unitID = u.unitID
        active = true
        mustChangePassword = u.mustChangePassword
        disabledAt = nil
    }
}

enum UserQueries {
    /// The list's order (its pages and its export): by user name, which is unique.
    static let order: [KeysetColumn<UserModel>] = [.text("users", "username") { $0.username }]

    static func list(q: String, role: String, _ list: ListQuery, scope: UnitScope, on db: any Database) async throws
        -> Page<UserModel>
    {
        try await filtered(q: q, role: role, scope: scope, on: db).keysetPage(list, order: order)
    }

    /// The list's filter and scope (the page, the API and the export share it); units loaded. A search `q` matches
    /// the start of words of the full name and the user name, folded (`AddUserSearch`).
    static func filtered(q: String, role: String, scope: UnitScope, on db: any Database) async throws
        -> QueryBuilder<UserModel>
    {
        var query = UserModel.query(on: db).with(\.$unit)
        switch scope {
        case .all: break
        case .subtree, .subtrees:
            query = query.join(UnitModel.self, on: \UserModel.$unit.$id == \UnitModel.$id).within(scope)
        case .none: query = query.filter(\.$id == -1)
        }
        try await AddUserSearch.search.filter(query, words: FoldedTextSearch.words(q), on: db)
        if !role.isEmpty { query = query.filter(\.$role == role) }
        return query
    }

    static func readable(_ id: Int, actor: Actor?, on db: any Database) async throws -> UserModel {
        guard let user = try await UserModel.query(on: db).filter(\.$id == id).with(\.$unit).first() else {
            throw AppError.notFound("Không tìm thấy tài khoản.")
        }
        try Access.check(actor, .read, .user(unitPath: user.unit?.unitPath, role: user.userRole))
        return user
    }
}

enum UserService {
    static func validate(_ input: UserInput, creating: Bool, existingID: Int?, on db: any Database) async throws
        -> FieldErrors
    {
        var e = FieldErrors()
        Check.username(input.username, "username", into: &e)
        Check.required(input.fullName, "fullName", "Họ và tên", max: 120, into: &e)
        let role = Role(rawValue: input.role)
        if role == nil { e.add("role", "Vui lòng chọn vai trò.") }
        if let role, role.requiresUnit, input.unitID == nil {
            e.add("unitID", "Vai trò “\(role.label)” phải thuộc một đơn vị.")
        }
        if let u = input.unitID, try await UnitModel.find(u, on: db) == nil { e.add("unitID", "Đơn vị không tồn tại.") }
        if let email = input.email, !email.isEmpty, !SMTPClient.isAddress(email) {
            e.add("email", "Địa chỉ e-mail phải có dạng ten@donvi.gov.vn, hoặc để trống.")
        }
        if creating || !(input.password ?? "").isEmpty {
            Check.password(input.password ?? "", "password", into: &e)
            PasswordRules.check(input.password ?? "", "password", into: &e)
        }
        if e["username"] == nil {
            var dup = UserModel.query(on: db).filter(\.$username == input.username)
            if let existingID { dup = dup.filter(\.$id != existingID) }
            if try await dup.count() > 0 { e.add("username", "Tên đăng nhập “\(input.username)” đã có người dùng.") }
        }
        return e
    }

    private static func cleaned(_ i: UserInput) -> UserInput {
        UserInput(
            username: VietnameseText.clean(i.username).lowercased(), fullName: VietnameseText.clean(i.fullName),
            role: i.role, unitID: i.unitID, password: i.password, active: i.active,
            email: i.email.map { VietnameseText.clean($0) }, mustChangePassword: i.mustChangePassword)
    }

    private static func unitPath(_ id: Int?, on db: any Database) async throws -> UnitPath? {
        guard let id else { return nil }
        return try await UnitModel.find(id, on: db)?.unitPath
    }

    static func create(_ raw: UserInput, actor: Actor?, hasher: AsyncPasswordHasher, on db: any Database) async throws
        -> UserModel
    {
        let input = cleaned(raw)
        let role = Role(rawValue: input.role) ?? .unitOfficer
        try Access.check(actor, .create, .user(unitPath: try await unitPath(input.unitID, on: db), role: role))
        let errors = try await validate(input, creating: true, existingID: nil, on: db)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        // The bounded pool of `PasswordWork` when called with `req.passwordHasher`.
        let hash = try await hasher.hash(input.password ?? "").get()
        let user = UserModel(
            username: input.username, fullName: input.fullName, passwordHash: hash, role: role, unitID: input.unitID)
        user.email = input.email.flatMap { $0.isEmpty ? nil : $0 }
        user.mustChangePassword = input.mustChangePassword ?? false
        if input.active == false {
            user.active = false
            user.disabledAt = Date()
            user.disabledBy = actor?.userID
        }
        try await db.transaction { tx in
            try await user.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "user", entityID: user.id, unitID: user.$unit.id,
                summary: "Tạo tài khoản \(user.username) (\(role.label))", before: Optional<UserDTO>.none,
                after: UserDTO(user))
        }
        return user
    }

    static func update(_ id: Int, _ raw: UserInput, actor: Actor?, hasher: AsyncPasswordHasher, on db: any Database)
        async throws -> UserModel
    {
        let input = cleaned(raw)
        let user = try await UserQueries.readable(id, actor: actor, on: db)
        try Access.check(actor, .update, .user(unitPath: user.unit?.unitPath, role: user.userRole))
        let role = Role(rawValue: input.role) ?? user.userRole
        try Access.check(actor, .update, .user(unitPath: try await unitPath(input.unitID, on: db), role: role))
        let errors = try await validate(input, creating: false, existingID: id, on: db)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        if actor?.userID == id, input.active == false {
            throw AppError.invalid(
                {
                    var e = FieldErrors()
                    e.add("active", "Không thể tự khóa tài khoản của chính mình.")
                    return e
                }())
        }
        let before = UserDTO(user)
        let wasAdministering = Policy.administers(user.userRole) && user.active
        user.username = input.username
        user.fullName = input.fullName
        user.refreshSearch()
        user.role = role.rawValue
        user.$unit.id = input.unitID
        if let active = input.active, active != user.active {
            // Disabling keeps the account and everything it did; it records when and by whom.
            user.active = active
            user.disabledAt = active ? nil : Date()
            user.disabledBy = active ? nil : actor?.userID
        }
        if let email = input.email { user.email = email.isEmpty ? nil : email }
        let newPassword = !(input.password ?? "").isEmpty
        if newPassword {
            user.passwordHash = try await hasher.hash(input.password ?? "").get()
            // A password typed by someone else is theirs to know: the owner chooses their own at the next sign-in.
            user.mustChangePassword = input.mustChangePassword ?? (actor?.userID != id)
            if actor?.userID == id, input.mustChangePassword != true { user.passwordChangedAt = Date() }
        } else if let must = input.mustChangePassword {
            user.mustChangePassword = must
        }
        try await db.transaction { tx in
            if wasAdministering, !(Policy.administers(role) && user.active) {
                try await ensureAnotherAdministrator(than: id, on: tx)
            }
            try await user.save(on: tx)
            if newPassword || !user.active {
                // A new password or a locked account ends every session and token of that user.
                try await AuthTokenModel.query(on: tx).filter(\.$user.$id == id).delete()
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "user", entityID: id, unitID: user.$unit.id,
                summary: "Sửa tài khoản \(user.username)" + (newPassword ? " (đặt lại mật khẩu)" : ""),
                before: before, after: UserDTO(user))
        }
        return user
    }

    /// The last active administrator may not be demoted or locked: nobody could manage accounts afterwards. On
    /// PostgreSQL the administrators' rows are locked, so that two of them demoting each other at once cannot both
    /// pass; SQLite has one writer at a time.
    private static func ensureAnotherAdministrator(than id: Int, on tx: any Database) async throws {
        let roles = Policy.administeringRoles.map(\.rawValue)
        if tx.isPostgres {
            try await tx.sql().raw(
                "SELECT id FROM users WHERE role IN (\(binds: roles)) AND active = true FOR UPDATE"
            ).run()
        }
        let others = try await UserModel.query(on: tx).filter(\.$role ~~ roles).filter(\.$active == true)
            .filter(\.$id != id).count()
        guard others > 0 else {
            throw AppError.conflict(
                "Đây là tài khoản quản trị hệ thống cuối cùng đang hoạt động: không thể hạ quyền hoặc khóa. "
                    + "Hãy cấp quyền quản trị cho một tài khoản khác trước.")
        }
    }
}
