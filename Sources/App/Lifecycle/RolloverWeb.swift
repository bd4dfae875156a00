import Domain
import Vapor

/// The new-year screen: pick the years, review per unit what would be carried forward, save, invite renewals.
struct RolloverPage: Encodable, Sendable {
    struct Criterion: Encodable, Sendable {
        let id: Int
        let code: String
        let text: String
        let kindLabel: String
        let checked: Bool
    }
    struct Renewal: Encodable, Sendable {
        let name: String
        let title: String
        let statusLabel: String
        let registerHref: String
    }
    struct UnitRow: Encodable, Sendable {
        let name: String
        /// The unit already has criteria for the new year: nothing is carried into it.
        let skipped: Bool
        let criteria: [Criterion]
        let renewals: [Renewal]
    }
    let layout: LayoutContext
    let formHref: String
    let carryHref: String
    let inviteHref: String
    let from: String
    let to: String
    /// True once the years were checked and the review below is shown.
    let reviewed: Bool
    let units: [UnitRow]
    let criteriaCount: Int
    let renewalCount: Int
    let errors: [String: String]
}

struct RolloverForm: Content, Sendable {
    var from: String?
    var to: String?
    var criterionIDs: [String]?
}

struct RolloverWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(RolloverPath.form, use: form)
        r.post(RolloverPath.criteria, use: carry)
        r.post(RolloverPath.invitations, use: invite)
    }

    static func page(
        req: Request, from: String, to: String, plan: RolloverService.Plan?, checked: Set<Int>? = nil,
        errors: [String: String] = [:]
    ) -> RolloverPage {
        let units = (plan?.units ?? []).map { u in
            RolloverPage.UnitRow(
                name: u.unit.name, skipped: u.targetHasCriteria,
                criteria: u.criteria.map { c in
                    RolloverPage.Criterion(
                        id: c.id ?? 0, code: c.code, text: c.text,
                        kindLabel: CriterionKind(rawValue: c.kind)?.label ?? c.kind,
                        checked: !u.targetHasCriteria && (checked?.contains(c.id ?? 0) ?? true))
                },
                renewals: u.toRenew.map { r in
                    RolloverPage.Renewal(
                        name: r.subject.name, title: r.title, statusLabel: r.status.label,
                        registerHref: RegistrationsPath.new.href([
                            ("subjectID", String(r.$subject.id)), ("year", to),
                        ]))
                })
        }
        return RolloverPage(
            layout: req.layout("Mở năm mới", active: RolloverPath.form.href), formHref: RolloverPath.form.href,
            carryHref: RolloverPath.criteria.href, inviteHref: RolloverPath.invitations.href, from: from, to: to,
            reviewed: plan != nil, units: units, criteriaCount: units.reduce(0) { $0 + $1.criteria.count },
            renewalCount: units.reduce(0) { $0 + $1.renewals.count }, errors: errors)
    }

    static func errors(_ e: AppError) -> [String: String] {
        var out = e.fields.dictionary
        out["form"] = e.message
        return out
    }

    /// Without years: the form, for last year into this one. With `from` and `to`: the review as well.
    @Sendable func form(req: Request) async throws -> Response {
        try req.authorize(.read, .yearRollover)
        let typedFrom = req.queryText("from")
        let typedTo = req.queryText("to")
        let from = typedFrom ?? String(Today.year - 1)
        let to = typedTo ?? String((Int(from) ?? Today.year - 1) + 1)
        guard typedFrom != nil || typedTo != nil else {
            return try await req.render("lifecycle/rollover", Self.page(req: req, from: from, to: to, plan: nil))
        }
        do {
            let plan = try await RolloverService.plan(from: Int(from), to: Int(to), actor: req.actor, on: req.database)
            return try await req.render("lifecycle/rollover", Self.page(req: req, from: from, to: to, plan: plan))
        } catch let e as AppError where e.code == .validationFailed {
            return try await req.render(
                "lifecycle/rollover", Self.page(req: req, from: from, to: to, plan: nil, errors: Self.errors(e)),
                status: e.status)
        }
    }

    @Sendable func carry(req: Request) async throws -> Response {
        let f = try req.content.decode(RolloverForm.self)
        let ids = (f.criterionIDs ?? []).compactMap { Int($0) }
        let from = f.from ?? ""
        let to = f.to ?? ""
        return try await req.submit {
            try await RolloverService.carryForward(
                from: Int(from), to: Int(to), criterionIDs: ids, actor: req.actor, on: req.database)
        } redirect: { r in
            var message = "Đã chuyển \(r.created) tiêu chí cụ thể sang năm \(to)"
            message += r.units.isEmpty ? "." : " cho: " + r.units.joined(separator: ", ") + "."
            if !r.skipped.isEmpty {
                message += " Bỏ qua (đã có tiêu chí năm \(to)): " + r.skipped.joined(separator: ", ") + "."
            }
            return (RolloverPath.form.href([("from", from), ("to", to)]), message)
        } orRender: { e in
            let plan = try? await RolloverService.plan(from: Int(from), to: Int(to), actor: req.actor, on: req.database)
            return try await req.render(
                "lifecycle/rollover",
                Self.page(req: req, from: from, to: to, plan: plan, checked: Set(ids), errors: Self.errors(e)),
                status: e.status)
        }
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let f = try req.content.decode(RolloverForm.self)
        let from = f.from ?? ""
        let to = f.to ?? ""
        return try await req.submit {
            try await RolloverService.inviteRenewals(from: Int(from), to: Int(to), actor: req.actor, on: req.database)
        } redirect: { n in
            (
                RolloverPath.form.href([("from", from), ("to", to)]),
                "Đã gửi thông báo mời đăng ký lại năm \(to) đến \(n) đơn vị."
            )
        } orRender: { e in
            let plan = try? await RolloverService.plan(from: Int(from), to: Int(to), actor: req.actor, on: req.database)
            return try await req.render(
                "lifecycle/rollover", Self.page(req: req, from: from, to: to, plan: plan, errors: Self.errors(e)),
                status: e.status)
        }
    }
}
