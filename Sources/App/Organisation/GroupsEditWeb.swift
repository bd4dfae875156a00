import Domain
import Fluent
import Vapor

/// The form of a cluster or block, as typed.
struct GroupForm: Content, Sendable {
    var code: String
    var name: String
    var kind: String
    static let empty = GroupForm(code: "", name: "", kind: UnitGroupKind.cum.rawValue)
    var input: GroupInput { GroupInput(code: code, name: name, kind: kind) }
}

struct GroupMemberForm: Content, Sendable {
    var unitID: String?
    /// The unit as typed, where the actor's units are too many for a select (`UnitField`).
    var unit: String? = nil
}

struct GroupFormPage: Encodable, Sendable {
    struct Member: Encodable, Sendable {
        let name: String
        let code: String
        let href: String
        let removeHref: String
    }
    let layout: LayoutContext
    let heading: String
    let action: String
    let form: GroupForm
    let errors: [String: String]
    let kinds: [SelectOption]
    let cancelHref: String
    /// Editing only: the members, the units that may be added, and the add form's target and error.
    var members: [Member] = []
    var unitField: UnitField? = nil
    var membersAction: String? = nil
}

/// Creating and editing clusters and blocks and their members (issue 15, item 3). The Policy decides
/// (`.unitGroups`): the standing office and the administrator write; everyone signed in reads the list.
struct GroupsEditWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(GroupEditPath.new, use: newForm)
        r.post(GroupsPath.list, use: create)
        r.get(GroupEditPath.edit(.key), use: editForm)
        r.post(GroupsPath.group(.key), use: update)
        r.post(GroupEditPath.members(.key), use: addMember)
        r.post(GroupEditPath.removeMember(.key, unit: .key), use: removeMember)
    }

    static func kindOptions(_ selected: String) -> [SelectOption] {
        UnitGroupKind.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected)
        }
    }

    func newPage(_ req: Request, form: GroupForm, errors: [String: String]) -> GroupFormPage {
        GroupFormPage(
            layout: req.layout("Thêm cụm, khối thi đua", active: GroupsPath.list.href),
            heading: "Thêm cụm, khối thi đua", action: GroupsPath.list.href, form: form, errors: errors,
            kinds: Self.kindOptions(form.kind), cancelHref: GroupsPath.list.href)
    }

    func editPage(
        _ req: Request, _ id: Int, form: GroupForm?, errors: [String: String], member: GroupMemberForm? = nil,
        memberError: String? = nil
    ) async throws -> GroupFormPage {
        let g = try await GroupService.find(id, actor: req.actor, on: req.database)
        try req.authorize(.update, .unitGroups)
        let form = form ?? GroupForm(code: g.code, name: g.name, kind: g.kind)
        let members = try await g.$members.query(on: req.database).all()
            .sorted { VietnameseText.compare($0.name, $1.name) == .orderedAscending }
        var page = GroupFormPage(
            layout: req.layout("Sửa \(g.name)", active: GroupsPath.list.href), heading: "Sửa \(g.name)",
            action: GroupsPath.group(.id(id)).href, form: form, errors: errors, kinds: Self.kindOptions(form.kind),
            cancelHref: GroupsPath.group(.id(id)).href)
        page.members = members.map {
            .init(
                name: $0.name, code: $0.code, href: UnitsPath.unit(.id($0.id ?? 0)).href,
                removeHref: GroupEditPath.removeMember(.id(id), unit: .id($0.id ?? 0)).href)
        }
        page.unitField = try await UnitField.make(
            Self.memberSpec(req.actor, members: Set(members.compactMap(\.id))), selectedID: member?.unitID,
            text: member?.unit, error: memberError, on: req.database)
        page.membersAction = GroupEditPath.members(.id(id)).href
        return page
    }

    /// The unit to add: one in the actor's scope, not abolished, not yet a member.
    static func memberSpec(_ actor: Actor?, members: Set<Int>) -> UnitField.Spec {
        UnitField.Spec(label: "Thêm đơn vị thành viên", scope: Policy.unitScope(actor), excluding: members)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try req.authorize(.create, .unitGroups)
        return try await req.render("organisation/group-form", newPage(req, form: .empty, errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.create, .unitGroups)
        let form = try req.form(GroupForm.self)
        return try await req.submit {
            try await GroupService.create(form.input, actor: req.actor, on: req.database)
        } redirect: { g in
            (GroupEditPath.edit(.id(g.id ?? 0)).href, "Đã thêm \(g.name). Hãy chọn các đơn vị thành viên.")
        } orRender: { e in
            try await req.render(
                "organisation/group-form", newPage(req, form: form, errors: e.formErrors), status: e.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.render("organisation/group-form", try await editPage(req, id, form: nil, errors: [:]))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.update, .unitGroups)
        let form = try req.form(GroupForm.self)
        return try await req.submit {
            try await GroupService.update(id, form.input, actor: req.actor, on: req.database)
        } redirect: { g in
            (GroupsPath.group(.id(id)).href, "Đã lưu \(g.name).")
        } orRender: { e in
            try await req.render(
                "organisation/group-form", try await editPage(req, id, form: form, errors: e.formErrors),
                status: e.status)
        }
    }

    @Sendable func addMember(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.update, .unitGroups)
        let form = try req.form(GroupMemberForm.self)
        return try await req.submit {
            let members = try await UnitGroupMemberModel.query(on: req.database).filter(\.$group.$id == id).all()
            let unitID = try await UnitField.resolve(
                Self.memberSpec(req.actor, members: Set(members.map(\.$unit.id))), selectedID: form.unitID,
                text: form.unit, on: req.database)
            return try await GroupService.addMember(
                id, unitID: unitID.flatMap { Int($0) }, actor: req.actor, on: req.database)
        } redirect: { _ in
            (GroupEditPath.edit(.id(id)).href + "#thanh-vien", "Đã thêm đơn vị thành viên.")
        } orRender: { e in
            try await req.render(
                "organisation/group-form",
                try await editPage(
                    req, id, form: nil, errors: [:], member: form, memberError: e.formErrors["unitID"] ?? e.message),
                status: e.status)
        }
    }

    @Sendable func removeMember(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let unitID = try req.parameters.require("unitID", as: Int.self)
        return try await req.submit {
            try await GroupService.removeMember(id, unitID: unitID, actor: req.actor, on: req.database)
        } redirect: { _ in
            (GroupEditPath.edit(.id(id)).href + "#thanh-vien", "Đã bỏ đơn vị khỏi cụm, khối.")
        } orRender: { e in
            Flash.redirect(req, to: GroupEditPath.edit(.id(id)).href, e.message)
        }
    }
}

/// `POST /api/v1/unit-groups`, `PUT /api/v1/unit-groups/:id`: the same writes as JSON, members as `memberIDs`.
struct GroupsEditAPIController {
    func register(_ r: any RoutesBuilder) {
        r.post("unit-groups", use: create)
        r.put("unit-groups", ":id", use: update)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.create, .unitGroups)
        let input = try req.content.decode(GroupInput.self)
        let g = try await GroupService.create(input, actor: req.actor, on: req.database)
        return try await GroupService.detail(g, on: req.database).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> GroupDetailDTO {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.update, .unitGroups)
        let input = try req.content.decode(GroupInput.self)
        return try await GroupService.detail(
            try await GroupService.update(id, input, actor: req.actor, on: req.database), on: req.database)
    }
}
