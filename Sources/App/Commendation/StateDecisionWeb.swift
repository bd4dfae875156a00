import Domain
import Fluent
import Vapor

/// The State-level part of a dossier page: where each State-level nominee stands, the tờ trình upward and the
/// State's decision, for the province's standing office.
struct StateSection: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let id: Int
        let name: String
        let formName: String
        let stage: String
        let stageLabel: String
        let note: String
    }
    let rows: [Row]
    /// The standing office may propose these nominees upward (names and forms).
    let proposable: [String]
    let proposeHref: String
    /// Proposed nominees waiting for the State's decision, to choose from.
    let awaiting: [SelectOption]
    let decideHref: String
    let issuers: [SelectOption]
    let outcomes: [SelectOption]
    var proposalForm: [String: String]
    var decisionForm: [String: String]
}

struct StateProposalForm: Content {
    var number: String
    var date: String
    var addressee: String?
}

struct StateDecisionForm: Content {
    var outcome: String?
    var issuer: String?
    var number: String?
    var date: String
    var fileReference: String?
    var reason: String?
    var nomineeIDs: [String]?
}

struct StateDecisionWebController {
    func register(_ r: any RoutesBuilder) {
        r.post(StateDecisionPath.proposal(.key), use: propose)
        r.post(StateDecisionPath.decision(.key), use: record)
    }

    /// Adds the State-level section to a dossier page when the dossier holds a State-level nominee.
    static func add(
        to page: inout DossierPage, _ d: DossierModel, req: Request, proposalForm: [String: String] = [:],
        decisionForm: [String: String] = [:]
    ) async throws {
        let mine = d.nominees.filter(\.stateLevel).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        guard !mine.isEmpty else { return }
        let id = try d.requireID()
        let (proposals, decisions) = try await StateDecisionService.forDossier(id, on: req.database)
        let atProvince = d.$authority.id != nil && mine.contains { $0.deciderID == d.$authority.id }
        // Below the province the nominees travel up like any forwarded form; the section only says so.
        var canWrite = false
        if atProvince {
            let scope = try await DossierService.councilScope(d, actor: req.actor, on: req.database)
            canWrite = req.can(.update, .stateDecision(scope))
        }
        let rows: [StateSection.Row] = mine.map { n in
            let decision = decisions.first { $0.id == n.stateDecisionID }
            let proposal = proposals.first { $0.id == n.stateProposalID }
            let stage = StateNomineeStage.of(proposed: n.stateProposalID != nil, outcome: decision?.outcome)
            var note = ""
            if let decision {
                note = decision.citation + (decision.reason.isEmpty ? "" : ": \(decision.reason)")
            } else if let proposal {
                note = "\(proposal.citation) gửi \(proposal.addressee)"
            } else if !atProvince {
                note = "Do Hội đồng cấp tỉnh xét và trình lên cấp Nhà nước."
            }
            return .init(
                id: n.id ?? 0, name: n.subject.name, formName: n.formName, stage: stage.rawValue,
                stageLabel: stage.label, note: note)
        }
        let chosen = Set(decisionForm["nomineeIDs"]?.split(separator: ",").map(String.init) ?? [])
        page.state = StateSection(
            rows: rows,
            proposable: canWrite
                ? StateDecisionService.proposable(d).map { "\($0.subject.name) — \($0.formName)" } : [],
            proposeHref: StateDecisionPath.proposal(.id(id)).href,
            awaiting: canWrite
                ? StateDecisionService.awaitingDecision(d).map {
                    SelectOption(
                        value: String($0.id ?? 0), label: "\($0.subject.name) — \($0.formName)",
                        selected: chosen.contains(String($0.id ?? 0)))
                } : [],
            decideHref: StateDecisionPath.decision(.id(id)).href,
            issuers: [SelectOption(value: "", label: "— Chọn —", selected: (decisionForm["issuer"] ?? "").isEmpty)]
                + StateIssuer.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: decisionForm["issuer"] == $0.rawValue)
                },
            outcomes: StateOutcome.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: $0.label,
                    selected: (decisionForm["outcome"] ?? StateOutcome.granted.rawValue) == $0.rawValue)
            },
            proposalForm: proposalForm.isEmpty
                ? ["addressee": StateDecisionService.defaultAddressee] : proposalForm,
            decisionForm: decisionForm)
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(StateProposalForm.self)
        return try await req.submit {
            try await StateDecisionService.propose(
                id, StateProposalInput(number: f.number, date: f.date, addressee: f.addressee), actor: req.actor,
                on: req.database)
        } redirect: { p in
            (DossiersPath.dossier(.id(id)).href + "#cap-nha-nuoc", "Đã ghi \(p.citation) trình cấp Nhà nước.")
        } orRender: { e in
            let typed = ["number": f.number, "date": f.date, "addressee": f.addressee ?? ""]
            var page = try await DossiersWebController.page(
                req: req, id: id,
                errors: e.formErrors.mapKeys { $0 == "form" ? "form" : "proposal" + $0.capitalizedFirst })
            if let d = try? await DossierService.readable(id, actor: req.actor, on: req.database) {
                try await Self.add(to: &page, d, req: req, proposalForm: typed)
            }
            return try await req.render("commendation/dossier", page, status: e.status)
        }
    }

    @Sendable func record(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(StateDecisionForm.self)
        let input = StateDecisionInput(
            outcome: f.outcome ?? "", issuer: f.issuer ?? "", number: f.number, date: f.date,
            fileReference: f.fileReference, reason: f.reason, nomineeIDs: (f.nomineeIDs ?? []).compactMap { Int($0) })
        return try await req.submit {
            try await StateDecisionService.record(id, input, actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { m in
            (
                DossiersPath.dossier(.id(id)).href + "#cap-nha-nuoc",
                m.outcome == .granted
                    ? "Đã ghi \(m.citation); khen thưởng đã vào quá trình của từng người."
                    : "Đã ghi \(m.citation): không được khen thưởng."
            )
        } orRender: { e in
            let typed = [
                "outcome": f.outcome ?? "", "issuer": f.issuer ?? "", "number": f.number ?? "", "date": f.date,
                "fileReference": f.fileReference ?? "", "reason": f.reason ?? "",
                "nomineeIDs": (f.nomineeIDs ?? []).joined(separator: ","),
            ]
            var page = try await DossiersWebController.page(
                req: req, id: id,
                errors: e.formErrors.mapKeys { $0 == "form" ? "form" : "stateDecision" + $0.capitalizedFirst })
            if let d = try? await DossierService.readable(id, actor: req.actor, on: req.database) {
                try await Self.add(to: &page, d, req: req, decisionForm: typed)
            }
            return try await req.render("commendation/dossier", page, status: e.status)
        }
    }
}
