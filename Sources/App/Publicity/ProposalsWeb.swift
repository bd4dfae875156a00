import Domain
import Fluent
import Vapor

/// The public form "Giới thiệu điển hình" (no login).
struct ProposalFormPage: Encodable, Sendable {
    /// The public frame (canonical URL, columns, the thanks after a redirect).
    let site: PublicLayout
    /// The CSRF token.
    let layout: LayoutContext
    let action: String
    let values: [String: String]
    let kinds: [SelectOption]
    /// The receiving unit (`platform/unit-field`).
    let unitField: UnitField
    let errors: [String: String]
    /// Shown when refused for too many submissions.
    let refused: String?
}

/// One proposal in the queue.
struct ProposalRow: Encodable, Sendable {
    let id: Int
    let subjectName: String
    let kindLabel: String
    let unitName: String
    let statusLabel: String
    let isNew: Bool
    let submitted: String
    let href: String
}

struct ProposalQueuePage: Encodable, Sendable {
    let layout: LayoutContext
    let items: [ProposalRow]
    let statuses: [SelectOption]
    let nextHref: String?
    let firstHref: String?
}

struct ProposalPage: Encodable, Sendable {
    let layout: LayoutContext
    let id: Int
    let subjectName: String
    let kindLabel: String
    let unitName: String
    let achievements: String
    let statusLabel: String
    let submitted: String
    let decisionReason: String
    let decided: String
    /// The proposer's contact: only for roles that read personal data (nil otherwise).
    let contact: [String: String]?
    /// Accept / reject, when the proposal is new and the actor may decide.
    let moveAction: String?
    let targets: [SelectOption]
    /// Registering the proposed exemplar (a new registration of the unit), once accepted.
    let registerHref: String?
    let errors: [String: String]
    let values: [String: String]
}

struct ProposalsWebController {
    static let perPage = 50

    func registerPublic(_ r: any RoutesBuilder) {
        r.get(ProposalsPath.publicForm, use: form)
        r.post(ProposalsPath.publicForm, use: submit)
    }

    func register(_ r: any RoutesBuilder) {
        r.get(ProposalsPath.queue, use: queue)
        r.get(ProposalsPath.proposal(.key), use: proposal)
        r.post(ProposalsPath.move(.key), use: move)
    }

    // MARK: The public form

    static func formPage(
        _ req: Request, values: [String: String] = [:], errors: [String: String] = [:], refused: String? = nil
    ) async throws -> ProposalFormPage {
        let kind = values["subjectKind"] ?? ""
        let layout = req.layout("Giới thiệu điển hình tiên tiến", active: "")
        var site = PublicWebController.layout(
            req, title: "Giới thiệu điển hình tiên tiến",
            description:
                "Giới thiệu một tập thể, cá nhân hoặc hộ gia đình có việc làm tốt, cách làm hay để được xem xét, "
                + "bồi dưỡng và nhân rộng.", path: ProposalsPath.publicForm.href)
        site.flash = layout.flash
        return ProposalFormPage(
            site: site, layout: layout, action: ProposalsPath.publicForm.href,
            values: values,
            kinds: [SelectOption(value: "", label: "— Chọn —", selected: kind.isEmpty)]
                + SubjectKind.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == kind)
                },
            unitField: try await UnitField.make(
                ProposalsService.unitSpec, selectedID: values["unitID"], text: values["unit"],
                error: errors["unitID"], on: req.database),
            errors: errors, refused: refused)
    }

    @Sendable func form(req: Request) async throws -> Response {
        try await req.render("publicity/proposal-form", try await Self.formPage(req))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let input = try req.form(ProposalInput.self)
        do {
            switch try await ProposalsService.submit(input, req: req) {
            case .stored, .discarded:
                return Flash.redirect(
                    req, to: ProposalsPath.publicForm.href,
                    "Cảm ơn bạn đã giới thiệu. Cơ quan, đơn vị sẽ xem xét và liên hệ lại khi cần.")
            case .refused(let wait):
                let res = try await req.render(
                    "publicity/proposal-form",
                    try await Self.formPage(
                        req, values: input.flat, refused: ProposalRules.refusedMessage(retryAfter: wait)),
                    status: .tooManyRequests)
                res.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
                return res
            }
        } catch let e as AppError where e.code == .validationFailed {
            return try await req.render(
                "publicity/proposal-form", try await Self.formPage(req, values: input.flat, errors: e.formErrors),
                status: e.status)
        }
    }

    // MARK: The moderation queue

    static func unitNames(_ ids: [Int], on db: any Database) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        let units = try await UnitModel.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(units.compactMap { u in u.id.map { ($0, u.name) } }, uniquingKeysWith: { a, _ in a })
    }

    static func statusFilter(_ req: Request) throws -> ProposalStatus? {
        let raw = req.queryText("status") ?? ""
        if raw.isEmpty { return nil }
        guard let s = ProposalStatus(rawValue: raw) else {
            throw AppError.badRequest("Trạng thái “\(raw)” không có; chọn new, accepted hoặc rejected.")
        }
        return s
    }

    @Sendable func queue(req: Request) async throws -> Response {
        _ = try req.requireActor()
        let status = try Self.statusFilter(req)
        let before = try req.intQuery("before")
        let page = try await ProposalQuery.list(
            status: status, actor: req.actor, before: before, limit: Self.perPage, on: req.database)
        let names = try await Self.unitNames(page.items.map(\.unitID), on: req.database)
        let filter: [(String, String)] = [("status", status?.rawValue ?? "")]
        return try await req.render(
            "publicity/proposal-queue",
            ProposalQueuePage(
                layout: req.layout("Điển hình do người dân giới thiệu", active: ProposalsPath.queue.href),
                items: page.items.map(Self.row(names)),
                statuses: [SelectOption(value: "", label: "Tất cả", selected: status == nil)]
                    + ProposalStatus.allCases.map {
                        SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == status)
                    },
                nextHref: page.next.map { ProposalsPath.queue.href(filter + [("before", String($0))]) },
                firstHref: before == nil ? nil : ProposalsPath.queue.href(filter)))
    }

    static func row(_ names: [Int: String]) -> (ProposalModel) -> ProposalRow {
        { p in
            ProposalRow(
                id: p.id ?? 0, subjectName: p.subjectName,
                kindLabel: SubjectKind(rawValue: p.subjectKind)?.label ?? p.subjectKind,
                unitName: names[p.unitID] ?? "", statusLabel: p.status.label, isNew: p.status == .new,
                submitted: VietnameseDate.formatDateTime(p.submittedAt),
                href: ProposalsPath.proposal(.id(p.id ?? 0)).href)
        }
    }

    static func page(_ req: Request, id: Int, values: [String: String] = [:], errors: [String: String] = [:])
        async throws -> ProposalPage
    {
        let p = try await ProposalQuery.readable(id, actor: req.actor, on: req.database)
        let unitName = try await unitNames([p.unitID], on: req.database)[p.unitID] ?? ""
        let canMove = req.can(.update, .proposal(p.path)) && !ProposalWorkflow.targets(from: p.status).isEmpty
        let chosen = values["status"] ?? ""
        return ProposalPage(
            layout: req.layout("Lời giới thiệu: \(p.subjectName)", active: ProposalsPath.queue.href), id: id,
            subjectName: p.subjectName, kindLabel: SubjectKind(rawValue: p.subjectKind)?.label ?? p.subjectKind,
            unitName: unitName, achievements: p.achievements, statusLabel: p.status.label,
            submitted: VietnameseDate.formatDateTime(p.submittedAt), decisionReason: p.decisionReason,
            decided: p.decidedAt.map(VietnameseDate.formatDateTime) ?? "",
            contact: ProposalQuery.showsContact(p, actor: req.actor)
                ? ["name": p.proposerName, "phone": p.proposerPhone, "email": p.proposerEmail] : nil,
            moveAction: canMove ? ProposalsPath.move(.id(id)).href : nil,
            targets: [SelectOption(value: "", label: "— Chọn —", selected: chosen.isEmpty)]
                + ProposalWorkflow.targets(from: p.status).map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == chosen)
                },
            registerHref: p.status == .accepted && req.can(.create, .unitRecord(p.path, movementIDs: []))
                ? RegistrationsPath.new.href : nil,
            errors: errors, values: values)
    }

    @Sendable func proposal(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.render("publicity/proposal", try await Self.page(req, id: id))
    }

    @Sendable func move(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.form(ProposalMoveInput.self)
        return try await req.submit {
            try await ProposalsService.move(id, input, actor: req.actor, on: req.database)
        } redirect: { p in
            (ProposalsPath.proposal(.id(id)).href, "Đã chuyển lời giới thiệu sang “\(p.status.label)”.")
        } orRender: { e in
            try await req.render(
                "publicity/proposal",
                try await Self.page(
                    req, id: id, values: ["status": input.status, "reason": input.reason ?? ""],
                    errors: e.formErrors), status: e.status)
        }
    }
}
