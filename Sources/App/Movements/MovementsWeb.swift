import Domain
import Fluent
import Vapor

struct MovementsPage: Encodable, Sendable {
    let layout: LayoutContext
    let q: String
    let year: String
    let movements: [Row]
    let pager: Pager
    let canCreate: Bool
    struct Row: Encodable, Sendable {
        let code: String
        let name: String
        let kindLabel: String
        let period: String
        let leads: String
        let href: String
    }
}

struct MovementPage: Encodable, Sendable {
    let layout: LayoutContext
    let movement: MovementDTO
    let leads: [UnitPage.Crumb]
    let coordinating: [UnitPage.Crumb]
    let canEdit: Bool
    let editHref: String
}

struct MovementForm: Content, Sendable {
    var code: String
    var name: String
    var kind: String
    var level: String
    var fromYear: String
    var toYear: String
    var description: String?
    var legalBasis: String?
    var leadAgencyIDs: [String]?
    var coordinatingAgencyIDs: [String]?
    /// An agency to add, typed, where units are too many to list (`UnitsField`).
    var leadAgencyIDsText: String? = nil
    var coordinatingAgencyIDsText: String? = nil

    var input: MovementInput {
        MovementInput(
            code: code, name: name, kind: kind, level: level,
            fromYear: Int(fromYear.trimmingCharacters(in: .whitespaces)),
            toYear: Int(toYear.trimmingCharacters(in: .whitespaces)), description: description, legalBasis: legalBasis,
            leadAgencyIDs: (leadAgencyIDs ?? []).compactMap { Int($0) },
            coordinatingAgencyIDs: (coordinatingAgencyIDs ?? []).compactMap { Int($0) })
    }
    static let empty = MovementForm(
        code: "", name: "", kind: "phong-trao", level: "huyen", fromYear: "", toYear: "", description: "",
        legalBasis: "", leadAgencyIDs: [], coordinatingAgencyIDs: [])
}

struct MovementFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let form: MovementForm
    let errors: [String: String]
    let kinds: [SelectOption]
    let levels: [SelectOption]
    /// The lead and the coordinating agencies, each drawn by `platform/units-field` (inside a loop: a Leaf partial
    /// reads the name `unitsField`).
    let agencyFields: [UnitsField]
    let cancelHref: String
}

struct MovementsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(MovementsPath.list, use: list)
        r.get(MovementsPath.new, use: newForm)
        r.post(MovementsPath.list, use: create)
        r.get(MovementsPath.movement(.key), use: show)
        r.get(MovementsPath.edit(.key), use: editForm)
        r.post(MovementsPath.movement(.key), use: update)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let list = try req.listQuery()
        try req.authorize(.list, .movement(id: nil))
        let q = list.q
        let yearText = req.queryText("year") ?? ""
        let filter = [("q", q), ("year", yearText)]
        if let back = Pager.tooDeep(req, list, perPage: list.perPage, base: MovementsPath.list, query: filter) {
            return back
        }
        let page = try await MovementQueries.list(q: q, year: Int(yearText), leadUnitID: nil, list, on: req.database)
        let rows = page.items.map { m in
            MovementsPage.Row(
                code: m.code, name: m.name, kindLabel: MovementKind(rawValue: m.kind)?.label ?? m.kind,
                period: "\(m.fromYear)–\(m.toYear)",
                leads: m.agencies.filter { $0.role == "lead" }.map { $0.unit.shortName }.joined(separator: ", "),
                href: MovementsPath.movement(.id(m.id ?? 0)).href)
        }
        return try await req.render(
            "movements/movements",
            MovementsPage(
                layout: req.layout("Phong trào thi đua", active: MovementsPath.list.href), q: q, year: yearText,
                movements: rows,
                pager: Pager(page, base: MovementsPath.list, query: filter),
                canCreate: req.can(.create, .movement(id: nil))))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.read, .movement(id: id))
        let m = try await MovementQueries.find(id, on: req.database)
        func crumbs(_ role: String) -> [UnitPage.Crumb] {
            m.agencies.filter { $0.role == role }.map {
                .init(
                    label: $0.unit.name,
                    href: req.can(.read, .unit($0.unit.unitPath)) ? UnitsPath.unit(.id($0.$unit.id)).href : nil)
            }
        }
        return try await req.render(
            "movements/movement",
            MovementPage(
                layout: req.layout(m.name, active: MovementsPath.list.href),
                movement: MovementDTO(m, agencies: m.agencies),
                leads: crumbs("lead"), coordinating: crumbs("coordinating"),
                canEdit: req.can(.update, .movement(id: id)), editHref: MovementsPath.edit(.id(id)).href))
    }

    private func page(
        req: Request, heading: String, action: String, form: MovementForm, errors: [String: String], leadLocked: Bool,
        cancel: String
    ) async throws -> MovementFormPage {
        func field(_ spec: UnitsField.Spec, _ ids: [String]?, _ text: String?) async throws -> UnitsField {
            try await UnitsField.make(
                spec, chosen: Set((ids ?? []).compactMap { Int($0) }), text: text ?? "", error: errors[spec.name],
                on: req.database)
        }
        var lead = try await field(Self.leadSpec, form.leadAgencyIDs, form.leadAgencyIDsText)
        lead.required = true
        lead.locked = leadLocked
        lead.lockedNote = "chỉ Thường trực thay đổi được"
        let coordinating = try await field(
            Self.coordinatingSpec, form.coordinatingAgencyIDs, form.coordinatingAgencyIDsText)
        return MovementFormPage(
            layout: req.layout(heading, active: MovementsPath.list.href), heading: heading, action: action, form: form,
            errors: errors,
            kinds: MovementKind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.kind)
            },
            levels: MovementLevel.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.level)
            },
            agencyFields: [lead, coordinating], cancelHref: cancel)
    }

    /// The agencies a movement may name: units of the kinds that lead or coordinate one (agencies, communes).
    static let agencyKinds: [UnitKind] = [
        .tinh, .so, .huyen, .phong, .coQuanDang, .doanThe, .donViSuNghiep, .lucLuongVuTrang, .thiTran, .xa, .phuong,
    ]
    static let leadSpec = UnitsField.Spec(
        name: "leadAgencyIDs", textName: "leadAgencyIDsText", label: "Đơn vị chủ trì", scope: .all, kinds: agencyKinds)
    static let coordinatingSpec = UnitsField.Spec(
        name: "coordinatingAgencyIDs", textName: "coordinatingAgencyIDsText", label: "Đơn vị phối hợp", scope: .all,
        kinds: agencyKinds)

    /// The input with the agencies typed added (an error on the field when a text names none or several).
    static func input(_ form: MovementForm, on db: any Database) async throws -> MovementInput {
        var input = form.input
        input.leadAgencyIDs = try await UnitsField.resolve(
            leadSpec, chosen: input.leadAgencyIDs ?? [], text: form.leadAgencyIDsText, on: db)
        input.coordinatingAgencyIDs = try await UnitsField.resolve(
            coordinatingSpec, chosen: input.coordinatingAgencyIDs ?? [], text: form.coordinatingAgencyIDsText, on: db)
        return input
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try req.authorize(.create, .movement(id: nil))
        return try await req.render(
            "movements/movement-form",
            try await page(
                req: req, heading: "Thêm phong trào", action: MovementsPath.list.href, form: .empty, errors: [:],
                leadLocked: false, cancel: MovementsPath.list.href))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.form(MovementForm.self)
        return try await req.submit {
            try await MovementService.create(
                try await Self.input(form, on: req.database), actor: req.actor, on: req.database)
        } redirect: { m in
            (MovementsPath.movement(.id(m.id ?? 0)).href, "Đã thêm phong trào \(m.name).")
        } orRender: { e in
            try await req.render(
                "movements/movement-form",
                try await page(
                    req: req, heading: "Thêm phong trào", action: MovementsPath.list.href, form: form,
                    errors: e.formErrors, leadLocked: false, cancel: MovementsPath.list.href), status: e.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.update, .movement(id: id))
        let m = try await MovementQueries.find(id, on: req.database)
        let form = MovementForm(
            code: m.code, name: m.name, kind: m.kind, level: m.level, fromYear: String(m.fromYear),
            toYear: String(m.toYear),
            description: m.description, legalBasis: m.legalBasis,
            leadAgencyIDs: m.agencies.filter { $0.role == "lead" }.map { String($0.$unit.id) },
            coordinatingAgencyIDs: m.agencies.filter { $0.role == "coordinating" }.map { String($0.$unit.id) })
        return try await req.render(
            "movements/movement-form",
            try await page(
                req: req, heading: "Sửa phong trào", action: MovementsPath.movement(.id(id)).href, form: form,
                errors: [:],
                leadLocked: !req.can(.reassignMovementLead), cancel: MovementsPath.movement(.id(id)).href))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.form(MovementForm.self)
        return try await req.submit {
            try await MovementService.update(
                id, try await Self.input(form, on: req.database), actor: req.actor, on: req.database)
        } redirect: { m in
            (MovementsPath.movement(.id(id)).href, "Đã lưu phong trào \(m.name).")
        } orRender: { e in
            return try await req.render(
                "movements/movement-form",
                try await page(
                    req: req, heading: "Sửa phong trào", action: MovementsPath.movement(.id(id)).href, form: form,
                    errors: e.formErrors,
                    leadLocked: !req.can(.reassignMovementLead), cancel: MovementsPath.movement(.id(id)).href),
                status: e.status)
        }
    }
}
