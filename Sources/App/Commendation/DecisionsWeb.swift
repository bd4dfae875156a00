import Domain
import Fluent
import Vapor

/// The register of decisions: listing per authority and year, issuing, a decision, withdrawing and correcting.
enum DecisionsPath: SitePath {
    case register
    /// The issue form: `?meeting=ID` (the meeting's dossiers) or `?dossier=ID` (that dossier's council).
    case new
    case decision(Param)
    case withdraw(Param)
    case correct(Param)

    var segments: [PathSegment] {
        switch self {
        case .register: ["app", "decisions"]
        case .new: ["app", "decisions", "new"]
        case .decision(let id): ["app", "decisions", .param("id", id)]
        case .withdraw(let id): ["app", "decisions", .param("id", id), "withdraw"]
        case .correct(let id): ["app", "decisions", .param("id", id), "correct"]
        }
    }
}

struct DecisionRow: Encodable, Sendable {
    let href: String
    let number: String
    let day: String
    let kindLabel: String
    let summary: String
    let status: String
    let statusLabel: String
    let signer: String
}

extension DecisionRow {
    init(_ m: DecisionModel) {
        href = DecisionsPath.decision(.id(m.id ?? 0)).href
        number = m.number
        day = m.day.isoToVietnamese
        kindLabel = m.kind.label
        summary = m.summary
        status = m.status.rawValue
        statusLabel = m.status.label
        signer = [m.signerTitle, m.signerName].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

struct DecisionsPage: Encodable, Sendable {
    let layout: LayoutContext
    let authorities: [SelectOption]
    let authorityName: String
    let year: String
    let rows: [DecisionRow]
    let total: Int
    let nextHref: String?
    let firstHref: String?
    /// The register's CSV and XLSX downloads (this authority and year).
    var exports: ExportLinks? = nil
}

struct DecisionPage: Encodable, Sendable {
    struct Dossier: Encodable, Sendable {
        let href: String
        let title: String
        let unitName: String
        let docxHref: String
    }
    struct Award: Encodable, Sendable {
        let subjectName: String
        let formName: String
        let status: String
        let statusLabel: String
        let note: String
        /// "1.170.000 đ", or "" when the award carries no amount; `basis`: "0,5 × 2.340.000 đ".
        var amount: String = ""
        var basis: String = ""
    }
    let layout: LayoutContext
    let decision: DecisionRow
    let issuer: String
    let authorityName: String
    let registerHref: String
    let reason: String
    let corrects: DecisionRow?
    let correctedBy: DecisionRow?
    let dossiers: [Dossier]
    let awards: [Award]
    let canChange: Bool
    let withdrawHref: String
    let correctHref: String
    let form: [String: String]
    let errors: [String: String]
    /// The total reward money of the decision's valid awards ("" when none has an amount); the fund's page.
    var rewardTotal: String = ""
    var fundHref: String? = nil
    /// "In giấy khen, bằng khen": one link per layout of the authority (Certificates).
    var certificates: [CertificateLink] = []
}

struct DecisionNewPage: Encodable, Sendable {
    struct Candidate: Encodable, Sendable {
        let id: Int
        let title: String
        let unitName: String
        let passed: Int
        let checked: Bool
    }
    let layout: LayoutContext
    let authorityName: String
    let nextNumber: String
    let signer: String
    let candidates: [Candidate]
    let form: [String: String]
    let errors: [String: String]
}

struct IssueDecisionForm: Content {
    var dossierIDs: [String]?
    var number: String?
    var date: String
    var signer: String?
}

struct DecisionChangeForm: Content {
    var reason: String
    var date: String
    var number: String?
}

struct DecisionsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(DecisionsPath.register, use: list)
        r.post(DecisionsPath.register, use: issue)
        r.get(DecisionsPath.new, use: new)
        r.get(DecisionsPath.decision(.key), use: show)
        r.post(DecisionsPath.withdraw(.key), use: withdraw)
        r.post(DecisionsPath.correct(.key), use: correct)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let councils = try await AuthorityService.councils(of: req.actor, on: req.database)
        let year = try req.intQuery("year") ?? Today.year
        let chosen = try req.intQuery("authority") ?? councils.first?.id
        var rows: [DecisionRow] = []
        var total = 0
        var next: Int?
        var name = ""
        if let chosen {
            let r = try await DecisionService.register(
                authorityID: chosen, year: year, before: try req.intQuery("before"), actor: req.actor, on: req.database)
            rows = r.items.map(DecisionRow.init)
            total = r.total
            next = r.next
            name = r.authority.headTitle
        }
        let query: [(String, String)] = [("authority", chosen.map(String.init) ?? ""), ("year", String(year))]
        return try await req.render(
            "commendation/decisions",
            DecisionsPage(
                layout: req.layout("Sổ quyết định khen thưởng", active: DecisionsPath.register.href),
                authorities: councils.map {
                    SelectOption(value: String($0.id ?? 0), label: $0.headTitle, selected: $0.id == chosen)
                }, authorityName: name, year: String(year), rows: rows, total: total,
                nextHref: next.map { DecisionsPath.register.href(query + [("before", String($0))]) },
                firstHref: (try req.intQuery("before")) == nil ? nil : DecisionsPath.register.href(query),
                exports: chosen == nil ? nil : TableExport.links(ExportPath.decisions, query: query)))
    }

    // MARK: Issuing

    /// The reviewed dossiers the decision may cover: those of the meeting or dossier asked for, and every other
    /// reviewed dossier sent to the same authority.
    static func newPage(req: Request, form: [String: String], errors: [String: String]) async throws -> DecisionNewPage
    {
        var authorityID: Int?
        var checked = Set((form["dossierIDs"] ?? "").split(separator: ",").compactMap { Int($0) })
        if let mid = try req.intQuery("meeting") ?? Int(form["meeting"] ?? "") {
            guard let m = try await CouncilMeetingModel.find(mid, on: req.database) else {
                throw AppError.notFound("Không tìm thấy cuộc họp.")
            }
            authorityID = m.$authority.id
            if form["dossierIDs"] == nil {
                checked = Set(
                    try await DossierModel.query(on: req.database).filter(\.$meetingID == mid).all().compactMap(\.id))
            }
        } else if let did = try req.intQuery("dossier") ?? checked.first {
            let d = try await DossierService.readable(did, actor: req.actor, on: req.database)
            authorityID = d.$authority.id
            if form["dossierIDs"] == nil { checked = [did] }
        }
        guard let authorityID else { throw AppError.notFound("Vui lòng mở trang này từ một cuộc họp hoặc một hồ sơ.") }
        let a = try await AuthorityService.find(authorityID, on: req.database)
        try Access.check(
            req.actor, .update, .council(try await AuthorityService.scope(a, actor: req.actor, on: req.database)))
        let ready = try await DossierModel.query(on: req.database).filter(\.$authority.$id == authorityID)
            .filter(\.$status == .reviewed).with(\.$unit).with(\.$nominees).sort(\.$id).all()
        let year = Today.year
        let last = try await DecisionModel.query(on: req.database).filter(\.$authority.$id == authorityID)
            .filter(\.$kind == .decision).filter(\.$year == year).max(\.$seq)
        return DecisionNewPage(
            layout: req.layout("Ra quyết định khen thưởng", active: DecisionsPath.register.href),
            authorityName: a.headTitle,
            nextNumber: DecisionRegister.format(
                a.decisionFormat, seq: DecisionRegister.next(after: last.map { [$0] } ?? []), year: year),
            signer: [a.signerTitle, a.signerName].filter { !$0.isEmpty }.joined(separator: " "),
            candidates: ready.map { d in
                .init(
                    id: d.id ?? 0, title: d.title, unitName: d.unit.shortName,
                    passed: d.nominees.filter { $0.isDecided(by: authorityID) }.count,
                    checked: checked.contains(d.id ?? 0))
            }, form: form, errors: errors)
    }

    @Sendable func new(req: Request) async throws -> Response {
        let form = ["date": Today.iso.isoToVietnamese]
        return try await req.render(
            "commendation/decision-new", try await Self.newPage(req: req, form: form, errors: [:]))
    }

    @Sendable func issue(req: Request) async throws -> Response {
        let f = try req.form(IssueDecisionForm.self)
        let ids = (f.dossierIDs ?? []).compactMap { Int($0) }
        return try await req.submit {
            try await DecisionService.issue(
                IssueDecisionInput(dossierIDs: ids, number: f.number, date: f.date, signer: f.signer),
                actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { m in
            (DecisionsPath.decision(.id(m.id ?? 0)).href, "Đã ban hành \(m.citation); khen thưởng đã được ghi.")
        } orRender: { e in
            let typed = [
                "dossierIDs": ids.map(String.init).joined(separator: ","), "number": f.number ?? "", "date": f.date,
                "signer": f.signer ?? "",
            ]
            return try await req.render(
                "commendation/decision-new",
                try await Self.newPage(req: req, form: typed, errors: e.formErrorsSpelledOut), status: e.status)
        }
    }

    // MARK: One decision

    static func page(req: Request, id: Int, form: [String: String] = [:], errors: [String: String] = [:])
        async throws -> DecisionPage
    {
        let v = try await DecisionService.view(id, actor: req.actor, on: req.database)
        let m = v.decision
        return DecisionPage(
            layout: req.layout(m.citation, active: DecisionsPath.register.href),
            decision: DecisionRow(m), issuer: m.issuer, authorityName: v.authority.headTitle,
            registerHref: DecisionsPath.register.href([
                ("authority", String(v.authority.id ?? 0)), ("year", String(m.year)),
            ]), reason: m.reason, corrects: v.corrects.map(DecisionRow.init),
            correctedBy: v.correctedBy.map(DecisionRow.init),
            dossiers: v.dossiers.map {
                .init(
                    href: DossiersPath.dossier(.id($0.id ?? 0)).href, title: $0.title, unitName: $0.unit.shortName,
                    docxHref: DossiersPath.draft(.id($0.id ?? 0), kind: .text("quyet-dinh")).href)
            },
            awards: v.awards.map {
                .init(
                    subjectName: $0.subject.name, formName: $0.formName, status: $0.status.rawValue,
                    statusLabel: $0.status.label, note: $0.statusNote, amount: RewardService.amountText($0),
                    basis: RewardService.basisText($0))
            },
            canChange: m.kind == .decision && m.status == .issued && req.can(.update, .council(v.scope)),
            withdrawHref: DecisionsPath.withdraw(.id(id)).href, correctHref: DecisionsPath.correct(.id(id)).href,
            form: form.isEmpty ? ["date": Today.iso.isoToVietnamese] : form, errors: errors,
            rewardTotal: RewardService.total(v) > 0 ? RewardMoney.format(RewardService.total(v)) : "",
            fundHref: req.can(.read, .fund(v.scope)) ? RewardsPath.fund(.id(v.authority.id ?? 0)).href : nil)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        var page = try await Self.page(req: req, id: id)
        page.certificates = try await CertificatesWebController.links(req: req, decisionID: id)
        return try await req.render("commendation/decision", page)
    }

    @Sendable func withdraw(req: Request) async throws -> Response { try await change(req, withdraw: true) }

    @Sendable func correct(req: Request) async throws -> Response { try await change(req, withdraw: false) }

    func change(_ req: Request, withdraw: Bool) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(DecisionChangeForm.self)
        let input = DecisionChangeInput(reason: f.reason, date: f.date, number: f.number)
        return try await req.submit {
            withdraw
                ? try await DecisionService.withdraw(id, input, actor: req.actor, on: req.database)
                : try await DecisionService.correct(id, input, actor: req.actor, on: req.database)
        } redirect: { m in
            (
                DecisionsPath.decision(.id(m.id ?? 0)).href,
                (withdraw ? "Đã thu hồi quyết định bằng " : "Đã đính chính quyết định bằng ") + m.citation + "."
            )
        } orRender: { e in
            let prefix = withdraw ? "withdraw" : "correct"
            return try await req.render(
                "commendation/decision",
                try await Self.page(
                    req: req, id: id,
                    form: ["reason": f.reason, "date": f.date, "number": f.number ?? "", "which": prefix],
                    errors: e.formErrorsSpelledOut.mapKeys { $0 == "form" ? "form" : prefix + $0.capitalizedFirst }),
                status: e.status)
        }
    }
}
