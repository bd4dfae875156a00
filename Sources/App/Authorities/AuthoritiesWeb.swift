import Domain
import Fluent
import Vapor

struct AuthoritiesPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let href: String
        let name: String
        let headTitle: String
        let levelLabel: String
        let standing: String
        let period: String
        let councilHref: String
    }
    let layout: LayoutContext
    let rows: [Row]
    let canCreate: Bool
    let newHref: String
}

struct AuthorityPage: Encodable, Sendable {
    let layout: LayoutContext
    /// nil: a new authority.
    let id: Int?
    let action: String
    let title: String
    let canEdit: Bool
    let councilHref: String?
    /// The unit of a new authority (none for an existing one: its unit is fixed), and the council's standing agency;
    /// each a list of one so that `platform/unit-field` draws it inside `#for(unitField in …)`.
    let unitFields: [UnitField]
    let standingFields: [UnitField]
    let levels: [SelectOption]
    let modes: [SelectOption]
    let form: [String: String]
    let errors: [String: String]
    /// The forms it confers today, from the rule file in force.
    let confers: [String]
    /// Its certificate layouts (Certificates).
    var certificatesHref: String? = nil
    /// Its fund ledger (Rewards), for those who may read it.
    var fundHref: String? = nil
}

struct AuthorityForm: Content {
    var unitID: String?
    /// The units as typed, where the actor's units are too many for a select (`UnitField`).
    var unit: String? = nil
    var level: String?
    var name: String
    var headTitle: String
    var councilName: String
    var standingUnitID: String
    var standingUnit: String? = nil
    var validFrom: String?
    var validTo: String?
    var signingMode: String
    var chiefTitle: String
    var signerTitle: String
    var signerName: String?
    var place: String
    var decisionFormat: String
    var minutesFormat: String
    var executors: String?
    var recipients: String?

    var typed: [String: String] {
        [
            "unitID": unitID ?? "", "unit": unit ?? "", "level": level ?? "", "name": name, "headTitle": headTitle,
            "councilName": councilName, "standingUnitID": standingUnitID, "standingUnit": standingUnit ?? "",
            "validFrom": validFrom ?? "",
            "validTo": validTo ?? "", "signingMode": signingMode, "chiefTitle": chiefTitle, "signerTitle": signerTitle,
            "signerName": signerName ?? "", "place": place, "decisionFormat": decisionFormat,
            "minutesFormat": minutesFormat, "executors": executors ?? "", "recipients": recipients ?? "",
        ]
    }

    func input(unitID fixedUnit: Int?, level fixedLevel: AuthorityLevel?) -> AuthorityInput {
        AuthorityInput(
            unitID: fixedUnit ?? Int(unitID ?? "") ?? 0, level: fixedLevel?.rawValue ?? level ?? "", name: name,
            headTitle: headTitle, councilName: councilName, standingUnitID: Int(standingUnitID) ?? 0,
            validFrom: validFrom, validTo: validTo, signingMode: signingMode, chiefTitle: chiefTitle,
            signerTitle: signerTitle, signerName: signerName, place: place, decisionFormat: decisionFormat,
            minutesFormat: minutesFormat, executors: executors, recipients: recipients)
    }

    /// The form with its units read from what was typed (an error on the field when a text names none or several).
    func resolvingUnits(_ actor: Actor?, on db: any Database) async throws -> AuthorityForm {
        var f = self
        f.unitID = try await UnitField.resolve(
            AuthoritiesWebController.unitSpec(actor), selectedID: unitID, text: unit, on: db)
        f.standingUnitID =
            try await UnitField.resolve(
                AuthoritiesWebController.standingSpec(actor), selectedID: standingUnitID, text: standingUnit, on: db)
            ?? ""
        return f
    }
}

struct AuthoritiesWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(AuthoritiesPath.list, use: list)
        r.get(AuthoritiesPath.new, use: newForm)
        r.post(AuthoritiesPath.list, use: create)
        r.get(AuthoritiesPath.authority(.key), use: show)
        r.post(AuthoritiesPath.authority(.key), use: update)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try Access.check(req.actor, .list, .authority(nil))
        let all = try await AuthorityService.all(on: req.database)
        return try await req.render(
            "authorities/list",
            AuthoritiesPage(
                layout: req.layout("Cấp khen thưởng và Hội đồng", active: AuthoritiesPath.list.href),
                rows: all.map { a in
                    .init(
                        href: AuthoritiesPath.authority(.id(a.id ?? 0)).href, name: a.name, headTitle: a.headTitle,
                        levelLabel: a.level.label, standing: a.standingUnit.shortName,
                        period: Self.period(a), councilHref: CouncilPath.council.href(authority: a.id ?? 0))
                },
                canCreate: req.can(.create, .authority(nil)), newHref: AuthoritiesPath.new.href))
    }

    static func period(_ a: AuthorityModel) -> String {
        switch (a.validFrom, a.validTo) {
        case (nil, nil): return "Đang hoạt động"
        case (let f?, nil): return "Từ \(f.isoToVietnamese)"
        case (nil, let t?): return "Đến hết \(t.isoToVietnamese)"
        case (let f?, let t?): return "\(f.isoToVietnamese) – \(t.isoToVietnamese)"
        }
    }

    static func form(_ a: AuthorityModel) -> [String: String] {
        [
            "unitID": String(a.$unit.id), "level": a.level.rawValue, "name": a.name, "headTitle": a.headTitle,
            "councilName": a.councilName, "standingUnitID": String(a.$standingUnit.id),
            "validFrom": a.validFrom?.isoToVietnamese ?? "", "validTo": a.validTo?.isoToVietnamese ?? "",
            "signingMode": a.signingMode.rawValue, "chiefTitle": a.chiefTitle, "signerTitle": a.signerTitle,
            "signerName": a.signerName, "place": a.place, "decisionFormat": a.decisionFormat,
            "minutesFormat": a.minutesFormat, "executors": a.executors, "recipients": a.recipients,
        ]
    }

    static func page(
        req: Request, authority: AuthorityModel?, form: [String: String], errors: [String: String] = [:]
    ) async throws -> AuthorityPage {
        let actor = try req.requireActor()
        var canEdit = req.can(.create, .authority(nil))
        if let authority {
            canEdit = req.can(
                .update, .authority(try await AuthorityService.scope(authority, actor: actor, on: req.database)))
        }
        let unitField =
            authority == nil
            ? [
                try await UnitField.make(
                    Self.unitSpec(actor), selectedID: form["unitID"], text: form["unit"], error: errors["unitID"],
                    on: req.database)
            ] : []
        let standingField = try await UnitField.make(
            Self.standingSpec(actor), selectedID: form["standingUnitID"], text: form["standingUnit"],
            error: errors["standingUnitID"], on: req.database)
        let inForce = RuleLibrary.ruleSet(forDay: Today.iso, jurisdiction: req.jurisdiction, in: req.ruleSets)
        let confers =
            authority.map { a in
                (inForce?.forms ?? []).filter { a.info.confers($0) }.map(\.name)
            } ?? []
        return AuthorityPage(
            layout: req.layout(authority?.headTitle ?? "Khai báo cấp khen thưởng", active: AuthoritiesPath.list.href),
            id: authority?.id,
            action: authority.map { AuthoritiesPath.authority(.id($0.id ?? 0)).href } ?? AuthoritiesPath.list.href,
            title: authority?.headTitle ?? "Khai báo cấp khen thưởng", canEdit: canEdit,
            councilHref: authority.map { CouncilPath.council.href(authority: $0.id ?? 0) },
            unitFields: unitField, standingFields: [standingField],
            levels: AuthorityLevel.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: form["level"] == $0.rawValue)
            },
            modes: SigningMode.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: form["signingMode"] == $0.rawValue)
            },
            form: form, errors: errors, confers: confers)
    }

    /// A new authority's unit: any unit the actor sees that still exists.
    static func unitSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(label: "Đơn vị (cơ quan có thẩm quyền)", scope: Policy.unitScope(actor))
    }

    /// The council's standing agency: any unit the actor sees (one abolished since stays shown).
    static func standingSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(
            name: "standingUnitID", textName: "standingUnit", label: "Cơ quan thường trực Hội đồng",
            scope: Policy.unitScope(actor), activeOnly: false)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let a = try await AuthorityService.find(try req.parameters.require("id", as: Int.self), on: req.database)
        let scope = try await AuthorityService.scope(a, actor: req.actor, on: req.database)
        try Access.check(req.actor, .read, .authority(scope))
        var page = try await Self.page(req: req, authority: a, form: Self.form(a))
        page.certificatesHref = CertificatesPath.layouts(.id(a.id ?? 0)).href
        if req.can(.read, .fund(scope)) { page.fundHref = RewardsPath.fund(.id(a.id ?? 0)).href }
        return try await req.render("authorities/authority", page)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try Access.check(req.actor, .create, .authority(nil))
        let blank = [
            "signingMode": SigningMode.kt.rawValue, "chiefTitle": "Chủ tịch", "signerTitle": "Phó Chủ tịch",
            "decisionFormat": "{n}/QĐ-UBND", "minutesFormat": "{n}/BB-HĐTĐKT", "level": AuthorityLevel.xa.rawValue,
        ]
        return try await req.render(
            "authorities/authority", try await Self.page(req: req, authority: nil, form: blank))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try Access.check(req.actor, .create, .authority(nil))
        let f = try req.form(AuthorityForm.self)
        return try await req.submit { () async throws -> AuthorityModel in
            let resolved = try await f.resolvingUnits(req.actor, on: req.database)
            return try await AuthorityService.create(
                resolved.input(unitID: nil, level: nil), actor: req.actor, on: req.database)
        } redirect: { a in
            (AuthoritiesPath.authority(.id(a.id ?? 0)).href, "Đã khai báo \(a.headTitle).")
        } orRender: { e in
            try await req.render(
                "authorities/authority",
                try await Self.page(req: req, authority: nil, form: f.typed, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let a = try await AuthorityService.find(id, on: req.database)
        try Access.check(
            req.actor, .update, .authority(try await AuthorityService.scope(a, actor: req.actor, on: req.database)))
        let f = try req.form(AuthorityForm.self)
        return try await req.submit { () async throws -> AuthorityModel in
            let resolved = try await f.resolvingUnits(req.actor, on: req.database)
            return try await AuthorityService.update(
                id, resolved.input(unitID: a.$unit.id, level: a.level), actor: req.actor, on: req.database)
        } redirect: { a in
            (AuthoritiesPath.authority(.id(id)).href, "Đã lưu \(a.headTitle).")
        } orRender: { e in
            var typed = f.typed
            typed["unitID"] = String(a.$unit.id)
            typed["level"] = a.level.rawValue
            return try await req.render(
                "authorities/authority",
                try await Self.page(req: req, authority: a, form: typed, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }
}
