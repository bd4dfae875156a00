import Domain
import Fluent
import Vapor

/// Consents over the API (issue 10 §2). The API records without the scanned form, whatever the method; the web
/// form on the subject's page asks for the scan of a written form.
struct ConsentAPIController {
    struct WithdrawInput: Content, Sendable {
        var reason: String?
    }
    struct ConsentListDTO: Content, Sendable {
        let items: [ConsentDTO]
        /// Whether the subject has a consent in force (it may then be published).
        let inForce: Bool
    }

    func register(_ r: any RoutesBuilder) {
        r.get("subjects", ":id", "consents", use: list)
        r.post("subjects", ":id", "consents", use: create)
        r.post("consents", ":id", "withdraw", use: withdraw)
    }

    @Sendable func list(req: Request) async throws -> ConsentListDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let rows = try await ConsentService.list(subjectID: id, actor: req.actor, on: req.database)
        return ConsentListDTO(items: rows.map(ConsentDTO.init), inForce: rows.contains { $0.withdrawnAt == nil })
    }

    @Sendable func create(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await ConsentService.subject(id, actor: req.actor, action: .create, on: req.database)
        let input = try req.content.decode(ConsentInput.self)
        let c = try await ConsentService.record(
            subjectID: id, input, scan: nil, requireScanForWrittenForm: false, actor: req.actor,
            app: req.application, on: req.database)
        return try await ConsentDTO(c).encodeResponse(status: .created, for: req)
    }

    @Sendable func withdraw(req: Request) async throws -> ConsentDTO {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await ConsentService.readable(id, actor: req.actor, action: .update, on: req.database)
        let input = try req.content.decode(WithdrawInput.self)
        return ConsentDTO(
            try await ConsentService.withdraw(id, reason: input.reason, actor: req.actor, on: req.database))
    }
}
