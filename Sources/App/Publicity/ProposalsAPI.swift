import Domain
import Fluent
import Vapor

struct ProposalsAPIController {
    struct ProposalDTO: Content {
        let id: Int
        let unitID: Int
        let subjectName: String
        let subjectKind: String
        let achievements: String
        let status: String
        let statusLabel: String
        let decisionReason: String
        let submittedAt: Date
        /// The proposer's contact: present only for roles that read personal data.
        let proposerName: String?
        let proposerPhone: String?
        let proposerEmail: String?
    }
    struct ProposalListDTO: Content {
        let items: [ProposalDTO]
        /// Pass as `before` for the following page (null: the last).
        let next: Int?
    }
    /// The answer to a public submission: the same whether kept or discarded (honeypot).
    struct SubmittedDTO: Content {
        let message: String
    }

    /// The public part: a citizen's proposal, without a token, rate-limited per address.
    func registerPublic(_ r: any RoutesBuilder) {
        r.post("proposals", use: submit)
    }

    func register(_ r: any RoutesBuilder) {
        r.get("proposals", use: list)
        r.get("proposals", ":id", use: read)
        r.post("proposals", ":id", "move", use: move)
    }

    static func dto(_ p: ProposalModel, actor: Actor?) -> ProposalDTO {
        let contact = ProposalQuery.showsContact(p, actor: actor)
        return ProposalDTO(
            id: p.id ?? 0, unitID: p.unitID, subjectName: p.subjectName, subjectKind: p.subjectKind,
            achievements: p.achievements, status: p.status.rawValue, statusLabel: p.status.label,
            decisionReason: p.decisionReason, submittedAt: p.submittedAt,
            proposerName: contact ? p.proposerName : nil, proposerPhone: contact ? p.proposerPhone : nil,
            proposerEmail: contact ? p.proposerEmail : nil)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let input = try req.content.decode(ProposalInput.self)
        switch try await ProposalsService.submit(input, req: req) {
        case .stored, .discarded:
            return try await SubmittedDTO(message: "Đã nhận lời giới thiệu. Cảm ơn bạn.")
                .encodeResponse(status: .accepted, for: req)
        case .refused(let wait):
            let res = Response(status: .tooManyRequests)
            try res.content.encode(
                APIErrorBody(
                    code: "too_many_requests", message: ProposalRules.refusedMessage(retryAfter: wait), fields: nil),
                as: .json)
            res.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            return res
        }
    }

    @Sendable func list(req: Request) async throws -> ProposalListDTO {
        _ = try req.requireActor()
        let status = try ProposalsWebController.statusFilter(req)
        let q = try req.listQuery(defaultPerPage: 50)
        let page = try await ProposalQuery.list(
            status: status, actor: req.actor, before: try req.intQuery("before"), limit: min(q.perPage, 200),
            on: req.database)
        return ProposalListDTO(items: page.items.map { Self.dto($0, actor: req.actor) }, next: page.next)
    }

    @Sendable func read(req: Request) async throws -> ProposalDTO {
        let id = try req.parameters.require("id", as: Int.self)
        return Self.dto(try await ProposalQuery.readable(id, actor: req.actor, on: req.database), actor: req.actor)
    }

    @Sendable func move(req: Request) async throws -> ProposalDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.content.decode(ProposalMoveInput.self)
        return Self.dto(
            try await ProposalsService.move(id, input, actor: req.actor, on: req.database), actor: req.actor)
    }
}
