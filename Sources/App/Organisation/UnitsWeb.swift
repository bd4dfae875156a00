import Domain
import Fluent
import Vapor

struct UnitRow: Encodable, Sendable {
    let id: Int
    let code: String
    let name: String
    let kindLabel: String
    let depth: Int
    let href: String
    init(_ u: UnitModel) {
        id = u.id ?? 0
        code = u.code
        name = u.name
        kindLabel = u.unitKind.label
        depth = max(0, u.unitPath.depth - 1)
        href = Self.link.href(u.id ?? 0)
    }

    /// The rows' links (`IDLink`).
    static let link = IDLink(UnitsPath.unit)
}

extension UnitRow: TemplatedRow {
    static let rowView = "organisation/unit-row"
    static let rowFields: [String: @Sendable (Self) -> String] = [
        "code": { $0.code }, "href": { $0.href }, "depth": { String($0.depth) }, "name": { $0.name },
        "kindLabel": { $0.kindLabel },
    ]
}

struct UnitsPage: Encodable, Sendable {
    let layout: LayoutContext
    let q: String
    let kinds: [SelectOption]
    /// The rows, written by `organisation/unit-row` (`RowTemplate`).
    let units: WrittenRows
    let pager: Pager
    let canCreate: Bool
    /// The list's CSV and XLSX downloads, with the page's filter.
    var exports: ExportLinks? = nil
}

struct UnitPage: Encodable, Sendable {
    let layout: LayoutContext
    let unit: UnitDTO
    let breadcrumb: [Crumb]
    let children: [UnitRow]
    let groups: [Crumb]
    let users: [Crumb]
    let movements: [Crumb]
    let canEdit: Bool
    let canDelete: Bool
    let canAddChild: Bool
    let editHref: String
    let deleteHref: String
    let newChildHref: String
    /// "Sáp nhập vào … từ 01/07/2025 (Nghị quyết …)", "Kế thừa: …".
    var history: [String] = []
    /// The reorganisation screen, for those who may reorganise.
    var reorganiseHref: String?
    struct Crumb: Encodable, Sendable {
        let label: String
        let href: String?
    }
}

/// What the unit form holds, as typed (strings), so a rejected form comes back unchanged.
struct UnitForm: Content, Sendable {
    var code: String
    var name: String
    var shortName: String?
    var kind: String
    var parentID: String?
    /// The parent as typed, where the actor's units are too many for a select (`UnitField`).
    var parent: String? = nil
    var place: String?
    var abbreviation: String?

    /// The input, its parent resolved from what was typed (an error on the field when it names none).
    func input(_ req: Request) async throws -> UnitInput {
        var f = self
        f.parentID = try await UnitField.resolve(
            UnitsWebController.parentSpec(req.actor), selectedID: parentID, text: parent, on: req.database)
        return f.input
    }

    var input: UnitInput {
        UnitInput(
            code: code, name: name, shortName: shortName, kind: kind, parentID: Int(parentID ?? ""), place: place,
            abbreviation: abbreviation)
    }
    static let empty = UnitForm(code: "", name: "", shortName: "", kind: "", parentID: "", place: "", abbreviation: "")
}

struct UnitFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let form: UnitForm
    let errors: [String: String]
    let kinds: [SelectOption]
    let unitField: UnitField
    let cancelHref: String
}

struct UnitsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(UnitsPath.list, use: list)
        r.get(UnitsPath.new, use: newForm)
        r.post(UnitsPath.list, use: create)
        r.get(UnitsPath.unit(.key), use: show)
        r.get(UnitsPath.edit(.key), use: editForm)
        r.post(UnitsPath.unit(.key), use: update)
        r.post(UnitsPath.delete(.key), use: delete)
    }

    static func kindOptions(selected: String, includeAll: Bool) -> [SelectOption] {
        (includeAll
            ? [SelectOption(value: "", label: "Tất cả loại", selected: selected.isEmpty)]
            : [SelectOption(value: "", label: "— Chọn loại —", selected: selected.isEmpty)])
            + UnitKind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected)
            }
    }

    @Sendable func list(req: Request) async throws -> Response {
        let list = try req.listQuery()
        let actor = try req.requireActor()
        var f = UnitFilter()
        f.q = list.q
        f.kind = req.queryText("kind") ?? ""
        let filter = [("q", f.q), ("kind", f.kind)]
        if let back = Pager.tooDeep(req, list, perPage: list.perPage, base: UnitsPath.list, query: filter) {
            return back
        }
        let page = try await UnitQueries.list(f, list, scope: Policy.unitScope(actor), on: req.database)
        let canCreate = req.can(.createUnits)
        let ctx = UnitsPage(
            layout: req.layout("Đơn vị", active: UnitsPath.list.href), q: f.q,
            kinds: Self.kindOptions(selected: f.kind, includeAll: true),
            units: try await req.written(page.items.map(UnitRow.init)),
            pager: Pager(page, base: UnitsPath.list, query: filter),
            canCreate: canCreate, exports: TableExport.links(ExportPath.units, query: filter))
        return try await req.render("organisation/units", ctx)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let unit = try await UnitQueries.readable(id, actor: req.actor, on: req.database)
        let ancestors = try await UnitQueries.names(unit.unitPath.ids.dropLast().map { $0 }, on: req.database)
        let crumbs = unit.unitPath.ids.dropLast().compactMap { aid -> UnitPage.Crumb? in
            guard let a = ancestors[aid] else { return nil }
            return .init(
                label: a.shortName, href: req.can(.read, .unit(a.unitPath)) ? UnitsPath.unit(.id(aid)).href : nil)
        }
        let children = try await UnitModel.query(on: req.database).filter(\.$parent.$id == id).sort(\.$name).all()
        let memberships = try await UnitGroupMemberModel.query(on: req.database).filter(\.$unit.$id == id).with(
            \.$group
        )
        .all()
        var users: [UnitPage.Crumb] = []
        if req.can(.list, .user(unitPath: unit.unitPath, role: .unitOfficer)) {
            users = try await UserModel.query(on: req.database).filter(\.$unit.$id == id).sort(\.$username).all()
                .map {
                    .init(
                        label: "\($0.username) — \($0.fullName) (\($0.userRole.label))",
                        href: req.can(.update, .user(unitPath: unit.unitPath, role: $0.userRole))
                            ? UsersPath.edit(.id($0.id ?? 0)).href : nil)
                }
        }
        let movements = try await MovementAgencyModel.query(on: req.database).filter(\.$unit.$id == id).with(
            \.$movement
        )
        .all()
        let ctx = UnitPage(
            layout: req.layout(unit.shortName, active: UnitsPath.list.href), unit: UnitDTO(unit), breadcrumb: crumbs,
            children: children.map(UnitRow.init),
            groups: memberships.map { .init(label: $0.group.name, href: GroupsPath.group(.id($0.$group.id)).href) },
            users: users,
            movements: movements.map {
                .init(
                    label: "\($0.movement.name) (\($0.role == "lead" ? "chủ trì" : "phối hợp"))",
                    href: MovementsPath.movement(.id($0.$movement.id)).href)
            },
            canEdit: req.can(.update, .unit(unit.unitPath)), canDelete: req.can(.delete, .unit(unit.unitPath)),
            canAddChild: req.can(.create, .newUnit(parent: unit.unitPath)),
            editHref: UnitsPath.edit(.id(id)).href, deleteHref: UnitsPath.delete(.id(id)).href,
            newChildHref: UnitsPath.new.href + "?parentID=\(id)",
            history: try await ReorganisationQueries.historyLines(of: id, on: req.database),
            reorganiseHref: req.can(.create, .reorganisation) ? ReorganisationPath.form.href : nil)
        return try await req.render("organisation/unit", ctx)
    }

    private func formPage(
        req: Request, heading: String, action: String, form: UnitForm, errors: [String: String], cancel: String
    ) async throws -> UnitFormPage {
        return UnitFormPage(
            layout: req.layout(heading, active: UnitsPath.list.href), heading: heading, action: action, form: form,
            errors: errors,
            kinds: Self.kindOptions(selected: form.kind, includeAll: false),
            unitField: try await UnitField.make(
                Self.parentSpec(req.actor), selectedID: form.parentID, text: form.parent, error: errors["parentID"],
                on: req.database),
            cancelHref: cancel)
    }

    /// The parent field: any unit the actor may put a unit under, an abolished one included as before.
    static func parentSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(
            name: "parentID", textName: "parent", label: "Đơn vị cấp trên", emptyLabel: "— Không có (đơn vị gốc) —",
            scope: Policy.parentScope(actor), activeOnly: false)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Access.check(actor, .createUnits)
        var form = UnitForm.empty
        form.parentID = req.queryText("parentID") ?? Policy.defaultUnit(actor).map(String.init) ?? ""
        return try await req.render(
            "organisation/unit-form",
            try await formPage(
                req: req, heading: "Thêm đơn vị", action: UnitsPath.list.href, form: form, errors: [:],
                cancel: UnitsPath.list.href))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.form(UnitForm.self)
        return try await req.submit {
            try await UnitService.create(try await form.input(req), actor: req.actor, on: req.database)
        } redirect: { unit in
            (UnitsPath.unit(.id(unit.id ?? 0)).href, "Đã thêm đơn vị \(unit.name).")
        } orRender: { e in
            let page = try await formPage(
                req: req, heading: "Thêm đơn vị", action: UnitsPath.list.href, form: form, errors: e.formErrors,
                cancel: UnitsPath.list.href)
            return try await req.render("organisation/unit-form", page, status: e.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let unit = try await UnitQueries.readable(id, actor: req.actor, on: req.database)
        try req.authorize(.update, .unit(unit.unitPath))
        let form = UnitForm(
            code: unit.code, name: unit.name, shortName: unit.shortName, kind: unit.kind,
            parentID: unit.$parent.id.map(String.init) ?? "",
            place: unit.place, abbreviation: unit.abbreviation)
        return try await req.render(
            "organisation/unit-form",
            try await formPage(
                req: req, heading: "Sửa đơn vị", action: UnitsPath.unit(.id(id)).href, form: form, errors: [:],
                cancel: UnitsPath.unit(.id(id)).href))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.form(UnitForm.self)
        return try await req.submit {
            try await UnitService.update(id, try await form.input(req), actor: req.actor, on: req.database)
        } redirect: { unit in
            (UnitsPath.unit(.id(id)).href, "Đã lưu đơn vị \(unit.name).")
        } orRender: { e in
            let page = try await formPage(
                req: req, heading: "Sửa đơn vị", action: UnitsPath.unit(.id(id)).href, form: form, errors: e.formErrors,
                cancel: UnitsPath.unit(.id(id)).href)
            return try await req.render("organisation/unit-form", page, status: e.status)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.submit {
            try await UnitService.delete(id, actor: req.actor, on: req.database)
        } redirect: { _ in
            (UnitsPath.list.href, "Đã xóa đơn vị.")
        } orRender: { e in
            Flash.redirect(req, to: UnitsPath.unit(.id(id)).href, e.message)
        }
    }
}

struct GroupsPage: Encodable, Sendable {
    let layout: LayoutContext
    let groups: [Group]
    struct Group: Encodable, Sendable {
        let id: Int
        let code: String
        let name: String
        let kindLabel: String
        let members: [UnitRow]
        let hiddenCount: Int
        /// The group's edit page, for who may change clusters and blocks (Policy `.unitGroups`).
        var editHref: String? = nil
    }
    /// The "add a cluster or block" link, for who may create one.
    var newHref: String? = nil
}

struct GroupsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(GroupsPath.list, use: list)
        r.get(GroupsPath.group(.key), use: list)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        var query = UnitGroupModel.query(on: req.database).with(\.$members).sort(\.$code)
        if let id = req.parameters.get("id", as: Int.self) { query = query.filter(\.$id == id) }
        let groups = try await query.all()
        let scope = Policy.unitScope(actor)
        let rows = groups.map { g -> GroupsPage.Group in
            let visible = g.members.filter { scope.contains($0.unitPath) }
                .sorted { VietnameseText.compare($0.name, $1.name) == .orderedAscending }
            return .init(
                id: g.id ?? 0, code: g.code, name: g.name, kindLabel: UnitGroupKind(rawValue: g.kind)?.label ?? g.kind,
                members: visible.map(UnitRow.init), hiddenCount: g.members.count - visible.count,
                editHref: req.can(.update, .unitGroups) ? GroupEditPath.edit(.id(g.id ?? 0)).href : nil)
        }
        return try await req.render(
            "organisation/groups",
            GroupsPage(
                layout: req.layout("Cụm, khối thi đua", active: GroupsPath.list.href), groups: rows,
                newHref: req.can(.create, .unitGroups) ? GroupEditPath.new.href : nil))
    }
}
