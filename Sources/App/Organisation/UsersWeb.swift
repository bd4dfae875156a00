import Domain
import Fluent
import Vapor

struct UsersPage: Encodable, Sendable {
    let layout: LayoutContext
    let q: String
    let roles: [SelectOption]
    let users: [Row]
    let pager: Pager
    let canCreate: Bool
    /// The list's CSV and XLSX downloads, with the page's filter.
    var exports: ExportLinks? = nil
    struct Row: Encodable, Sendable {
        let username: String
        let fullName: String
        let roleLabel: String
        let unitName: String
        let active: Bool
        var disabledSince: String? = nil
        var mustChangePassword = false
        let editHref: String?
    }
}

struct UserForm: Content, Sendable {
    var username: String
    var fullName: String
    var role: String
    var unitID: String?
    /// The unit as typed, where the actor's units are too many for a select (`UnitField`).
    var unit: String? = nil
    var password: String?
    var active: String?
    var email: String? = nil
    /// A checkbox: checked by default for a new account, so its owner chooses their own password.
    var mustChangePassword: String? = nil

    var input: UserInput {
        UserInput(
            username: username, fullName: fullName, role: role, unitID: Int(unitID ?? ""), password: password,
            active: active == nil ? false : true, email: email ?? "", mustChangePassword: mustChangePassword != nil)
    }
    /// The input, its unit resolved from what was typed (an error on the field when it names none).
    func input(_ req: Request) async throws -> UserInput {
        var f = self
        f.unitID = try await UnitField.resolve(
            UsersWebController.unitSpec(req.actor), selectedID: unitID, text: unit, on: req.database)
        return f.input
    }
    static let empty = UserForm(
        username: "", fullName: "", role: "", unitID: "", password: "", active: "on", email: "",
        mustChangePassword: "on")
}

struct UserFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let creating: Bool
    /// The form as typed, without the password (never sent back).
    let form: UserForm
    let errors: [String: String]
    let roles: [SelectOption]
    let unitField: UnitField
    let minPassword: Int
    /// Editing someone else's account: the one-time password form (nil when not allowed or creating).
    var resetAction: String? = nil
    /// When the account was disabled, for the edit form ("Đã khóa từ …").
    var disabledSince: String? = nil
}

struct UsersWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(UsersPath.list, use: list)
        r.get(UsersPath.new, use: newForm)
        r.post(UsersPath.list, use: create)
        r.get(UsersPath.edit(.key), use: editForm)
        r.post(UsersPath.user(.key), use: update)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let list = try req.listQuery()
        let actor = try req.requireActor()
        let scope = Policy.userScope(actor)
        guard scope != .none else { throw AppError.notFound() }
        let q = list.q
        let role = req.queryText("role") ?? ""
        let filter = [("q", q), ("role", role)]
        if let back = Pager.tooDeep(req, list, perPage: list.perPage, base: UsersPath.list, query: filter) {
            return back
        }
        let page = try await UserQueries.list(q: q, role: role, list, scope: scope, on: req.database)
        let rows = page.items.map { u in
            UsersPage.Row(
                username: u.username, fullName: u.fullName, roleLabel: u.userRole.label,
                unitName: u.unit?.shortName ?? "—", active: u.active,
                disabledSince: u.disabledAt.map(VietnameseDate.format),
                mustChangePassword: u.mustChangePassword,
                editHref: req.can(.update, .user(unitPath: u.unit?.unitPath, role: u.userRole))
                    ? UsersPath.edit(.id(u.id ?? 0)).href : nil)
        }
        let roles =
            [SelectOption(value: "", label: "Tất cả vai trò", selected: role.isEmpty)]
            + Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == role) }
        let ctx = UsersPage(
            layout: req.layout("Tài khoản", active: UsersPath.list.href), q: q, roles: roles, users: rows,
            pager: Pager(page, base: UsersPath.list, query: filter),
            canCreate: req.can(.create, .user(unitPath: nil, role: .unitOfficer)),
            exports: TableExport.links(ExportPath.users, query: filter))
        return try await req.render("organisation/users", ctx)
    }

    private func page(
        req: Request, heading: String, action: String, creating: Bool, form: UserForm, errors: [String: String]
    ) async throws -> UserFormPage {
        let actor = try req.requireActor()
        var f = form
        f.password = nil
        let roles = Role.allCases.filter { req.can(.create, .user(unitPath: nil, role: $0)) }
        return UserFormPage(
            layout: req.layout(heading, active: UsersPath.list.href), heading: heading, action: action,
            creating: creating, form: f, errors: errors,
            roles: [SelectOption(value: "", label: "— Chọn vai trò —", selected: form.role.isEmpty)]
                + roles.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.role) },
            unitField: try await UnitField.make(
                Self.unitSpec(actor), selectedID: form.unitID, text: form.unit, error: errors["unitID"],
                on: req.database),
            minPassword: Check.minimumPasswordLength)
    }

    /// The account's unit: any unit the actor manages, an abolished one included (an account may outlive its unit).
    static func unitSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(emptyLabel: "— Không thuộc đơn vị —", scope: Policy.unitScope(actor), activeOnly: false)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try req.authorize(.create, .user(unitPath: nil, role: .unitOfficer))
        return try await req.render(
            "organisation/user-form",
            try await page(
                req: req, heading: "Tạo tài khoản", action: UsersPath.list.href, creating: true, form: .empty,
                errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.form(UserForm.self)
        return try await req.submit {
            try await UserService.create(
                try await form.input(req), actor: req.actor, hasher: req.passwordHasher, on: req.database)
        } redirect: { u in
            (UsersPath.list.href, "Đã tạo tài khoản \(u.username).")
        } orRender: { e in
            try await req.render(
                "organisation/user-form",
                try await page(
                    req: req, heading: "Tạo tài khoản", action: UsersPath.list.href, creating: true, form: form,
                    errors: e.formErrors), status: e.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let u = try await UserQueries.readable(id, actor: req.actor, on: req.database)
        try req.authorize(.update, .user(unitPath: u.unit?.unitPath, role: u.userRole))
        let form = UserForm(
            username: u.username, fullName: u.fullName, role: u.role, unitID: u.$unit.id.map(String.init) ?? "",
            password: nil, active: u.active ? "on" : nil, email: u.email ?? "",
            mustChangePassword: u.mustChangePassword ? "on" : nil)
        var ctx = try await page(
            req: req, heading: "Sửa tài khoản \(u.username)", action: UsersPath.user(.id(id)).href, creating: false,
            form: form, errors: [:])
        if req.actor?.userID != id { ctx.resetAction = UserAdminPath.resetPassword(.id(id)).href }
        ctx.disabledSince = u.disabledAt.map(VietnameseDate.formatDateTime)
        return try await req.render("organisation/user-form", ctx)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.form(UserForm.self)
        return try await req.submit {
            try await UserService.update(
                id, try await form.input(req), actor: req.actor, hasher: req.passwordHasher, on: req.database)
        } redirect: { u in
            (UsersPath.list.href, "Đã lưu tài khoản \(u.username).")
        } orRender: { e in
            try await req.render(
                "organisation/user-form",
                try await page(
                    req: req, heading: "Sửa tài khoản", action: UsersPath.user(.id(id)).href, creating: false,
                    form: form, errors: e.formErrors), status: e.status)
        }
    }
}
