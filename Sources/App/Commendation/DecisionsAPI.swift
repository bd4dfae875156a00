import Domain
import Fluent
import Vapor

/// A register entry as the API shows it.
struct DecisionDTO: Content, Sendable {
    let id: Int
    let authorityID: Int
    let year: Int
    /// "decision" | "minutes" (`DecisionKind`)
    let kind: String
    let seq: Int?
    let number: String
    /// yyyy-MM-dd
    let day: String
    let meetingID: Int?
    let summary: String
    let issuer: String
    /// "direct" | "kt" | "tm" (`SigningMode`)
    let signingMode: String
    let signerTitle: String
    let signerName: String
    /// "issued" | "withdrawn" | "corrected" (`DecisionStatus`)
    let status: String
    let statusLabel: String
    let reason: String
    let correctsID: Int?
    init(_ m: DecisionModel) {
        id = m.id ?? 0
        authorityID = m.$authority.id
        year = m.year
        kind = m.kind.rawValue
        seq = m.seq
        number = m.number
        day = m.day
        meetingID = m.meetingID
        summary = m.summary
        issuer = m.issuer
        signingMode = m.signingMode.rawValue
        signerTitle = m.signerTitle
        signerName = m.signerName
        status = m.status.rawValue
        statusLabel = m.status.label
        reason = m.reason
        correctsID = m.correctsID
    }
}

/// One decision with what it covers.
struct DecisionDetailDTO: Content, Sendable {
    let decision: DecisionDTO
    let dossierIDs: [Int]
    let awards: [AwardDTO]
    /// The reward money of this decision's own valid awards, in đồng.
    let rewardTotal: Int64
    let corrects: DecisionDTO?
    let correctedBy: DecisionDTO?
    init(_ v: DecisionView) {
        decision = DecisionDTO(v.decision)
        dossierIDs = v.dossiers.compactMap(\.id)
        awards = v.awards.map { AwardDTO($0, subjectName: $0.subject.name) }
        rewardTotal = RewardService.total(v)
        corrects = v.corrects.map(DecisionDTO.init)
        correctedBy = v.correctedBy.map(DecisionDTO.init)
    }
}

/// One page of a register, newest first; `next` is the `before` of the following page (paging by key).
struct DecisionListDTO: Content, Sendable {
    let authorityID: Int
    let year: Int
    let items: [DecisionDTO]
    let perPage: Int
    let total: Int
    let next: Int?
}

struct DecisionsAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("decisions", use: list)
        r.post("decisions", use: issue)
        r.get("decisions", ":id", use: show)
        r.post("decisions", ":id", "withdraw", use: withdraw)
        r.post("decisions", ":id", "correct", use: correct)
    }

    /// The authority asked for, or the first council the actor works with.
    static func authority(_ req: Request) async throws -> Int? {
        if let a = try req.intQuery("authority") { return a }
        return try await AuthorityService.councils(of: req.actor, on: req.database).first?.id
    }

    @Sendable func list(req: Request) async throws -> DecisionListDTO {
        let year = try req.intQuery("year") ?? Today.year
        guard let authority = try await Self.authority(req) else {
            _ = try req.requireActor()
            return DecisionListDTO(authorityID: 0, year: year, items: [], perPage: 50, total: 0, next: nil)
        }
        let r = try await DecisionService.register(
            authorityID: authority, year: year, before: try req.intQuery("before"), actor: req.actor, on: req.database)
        return DecisionListDTO(
            authorityID: authority, year: year, items: r.items.map(DecisionDTO.init), perPage: 50, total: r.total,
            next: r.next)
    }

    @Sendable func issue(req: Request) async throws -> Response {
        let m = try await DecisionService.issue(
            try req.content.decode(IssueDecisionInput.self), actor: req.actor, sets: req.ruleSets, on: req.database)
        let v = try await DecisionService.view(try m.requireID(), actor: req.actor, on: req.database)
        return try await DecisionDetailDTO(v).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> DecisionDetailDTO {
        DecisionDetailDTO(
            try await DecisionService.view(
                try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.database)
        )
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let m = try await DecisionService.withdraw(
            try req.parameters.require("id", as: Int.self), try req.content.decode(DecisionChangeInput.self),
            actor: req.actor, on: req.database)
        return try await DecisionDetailDTO(
            try await DecisionService.view(try m.requireID(), actor: req.actor, on: req.database)
        )
        .encodeResponse(status: .created, for: req)
    }

    @Sendable func correct(req: Request) async throws -> Response {
        let m = try await DecisionService.correct(
            try req.parameters.require("id", as: Int.self), try req.content.decode(DecisionChangeInput.self),
            actor: req.actor, on: req.database)
        return try await DecisionDetailDTO(
            try await DecisionService.view(try m.requireID(), actor: req.actor, on: req.database)
        )
        .encodeResponse(status: .created, for: req)
    }
}
