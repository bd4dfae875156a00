import Domain
import Fluent
import Vapor

/// A province's tờ trình to the State, as the API shows it.
struct StateProposalDTO: Content, Sendable {
    let id: Int
    let authorityID: Int
    let dossierID: Int
    let number: String
    /// yyyy-MM-dd
    let day: String
    let addressee: String
    let nomineeIDs: [Int]
    init(_ p: StateProposalModel, nomineeIDs: [Int]) {
        id = p.id ?? 0
        authorityID = p.$authority.id
        dossierID = p.dossierID
        number = p.number
        day = p.day
        addressee = p.addressee
        self.nomineeIDs = nomineeIDs
    }
}

/// One nominee a State decision covers, with the award it gave.
struct StateNomineeDTO: Content, Sendable {
    let nomineeID: Int
    let subjectID: Int
    let subjectName: String
    let formCode: String
    let formName: String
    let awardID: Int?
}

/// A State decision as the API shows it.
struct StateDecisionDTO: Content, Sendable {
    let id: Int
    let authorityID: Int
    let dossierID: Int
    /// "granted" | "refused" (`StateOutcome`)
    let outcome: String
    let outcomeLabel: String
    /// "chu-tich-nuoc" | "thu-tuong" (`StateIssuer`)
    let issuer: String
    let issuerLabel: String
    let number: String
    /// yyyy-MM-dd
    let day: String
    let formCode: String
    let formName: String
    let fileReference: String
    let reason: String
    let proposals: [StateProposalDTO]
    let nominees: [StateNomineeDTO]
    init(_ v: StateDecisionView) {
        let m = v.decision
        id = m.id ?? 0
        authorityID = m.$authority.id
        dossierID = m.dossierID
        outcome = m.outcome.rawValue
        outcomeLabel = m.outcome.label
        issuer = m.issuer.rawValue
        issuerLabel = m.issuer.label
        number = m.number
        day = m.day
        formCode = m.formCode
        formName = m.formName
        fileReference = m.fileReference
        reason = m.reason
        proposals = v.proposals.map { p in
            StateProposalDTO(p, nomineeIDs: v.nominees.filter { $0.stateProposalID == p.id }.compactMap(\.id))
        }
        nominees = v.nominees.map {
            StateNomineeDTO(
                nomineeID: $0.id ?? 0, subjectID: $0.$subject.id, subjectName: $0.subject.name, formCode: $0.formCode,
                formName: $0.formName, awardID: $0.awardID)
        }
    }
}

struct StateDecisionAPIController {
    func register(_ r: any RoutesBuilder) {
        r.post("dossiers", ":id", "state-proposals", use: propose)
        r.post("dossiers", ":id", "state-decisions", use: record)
        r.get("state-decisions", ":id", use: show)
    }

    /// Access before the body is read: who may not write gets 403/404, not a complaint about the body.
    static func requireWriter(_ id: Int, _ req: Request) async throws {
        let d = try await DossierService.readable(id, actor: req.actor, on: req.database)
        try await StateDecisionService.requireWriter(d, actor: req.actor, on: req.database)
    }

    /// Proposes the dossier's State-level nominees upward; answers the tờ trình.
    @Sendable func propose(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        try await Self.requireWriter(id, req)
        let p = try await StateDecisionService.propose(
            id, try req.content.decode(StateProposalInput.self), actor: req.actor, on: req.database)
        let ids = try await DossierNomineeModel.query(on: req.database).filter(\.$stateProposalID == p.id).sort(\.$id)
            .all()
            .compactMap(\.id)
        return try await StateProposalDTO(p, nomineeIDs: ids).encodeResponse(status: .created, for: req)
    }

    @Sendable func record(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        try await Self.requireWriter(id, req)
        let m = try await StateDecisionService.record(
            id, try req.content.decode(StateDecisionInput.self), actor: req.actor, sets: req.ruleSets, on: req.database)
        return try await StateDecisionDTO(
            try await StateDecisionService.view(try m.requireID(), actor: req.actor, on: req.database)
        ).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> StateDecisionDTO {
        StateDecisionDTO(
            try await StateDecisionService.view(
                try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.database))
    }
}
