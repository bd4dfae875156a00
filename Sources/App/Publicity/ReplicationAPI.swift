import Domain
import Fluent
import Vapor

/// `/api/v1/replications` and a model's spread, `/api/v1/registrations/{id}/spread`.
struct ReplicationAPIController {
    /// A page of replications, newest first; `next`: pass it as `before` for the following page (null: the last).
    struct ReplicationListDTO: Content {
        let items: [ReplicationDTO]
        let next: Int?
    }
    struct ReplicationDetailDTO: Content {
        let replication: ReplicationDTO
        let assessments: [ReplicationAssessmentDTO]
    }

    func register(_ r: any RoutesBuilder) {
        r.get("replications", use: list)
        r.post("replications", use: create)
        r.get("replications", ":id", use: read)
        r.put("replications", ":id", use: update)
        r.post("replications", ":id", "move", use: move)
        r.post("replications", ":id", "assessments", use: assess)
        r.get("registrations", ":id", "spread", use: spread)
    }

    static func dto(_ r: ReplicationModel) -> ReplicationDTO {
        ReplicationDTO(r, adoptingUnitName: r.$adoptingUnit.value?.name ?? "")
    }

    @Sendable func list(req: Request) async throws -> ReplicationListDTO {
        let q = try req.listQuery(defaultPerPage: 50)
        let (f, _) = try await ReplicationWebController.filter(req, limit: min(q.perPage, 200))
        let page = try await ReplicationQuery.list(f, actor: try req.requireActor(), on: req.database)
        return ReplicationListDTO(items: page.items.map(Self.dto), next: page.next)
    }

    @Sendable func read(req: Request) async throws -> ReplicationDetailDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let r = try await ReplicationService.load(id, .read, actor: req.actor, on: req.database)
        return ReplicationDetailDTO(
            replication: Self.dto(r),
            assessments: try await ReplicationQuery.assessments(id, on: req.database).map(ReplicationAssessmentDTO.init)
        )
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ReplicationInput.self)
        let r = try await ReplicationService.create(input, actor: req.actor, on: req.database)
        let loaded = try await ReplicationService.load(try r.requireID(), .read, actor: req.actor, on: req.database)
        return try await Self.dto(loaded).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> ReplicationDTO {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await ReplicationService.load(id, .update, actor: req.actor, on: req.database)
        let input = try req.content.decode(ReplicationInput.self)
        _ = try await ReplicationService.update(id, input, actor: req.actor, on: req.database)
        return Self.dto(try await ReplicationService.load(id, .read, actor: req.actor, on: req.database))
    }

    @Sendable func move(req: Request) async throws -> ReplicationDTO {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await ReplicationService.load(id, .update, actor: req.actor, on: req.database)
        let input = try req.content.decode(ReplicationMoveInput.self)
        _ = try await ReplicationService.move(id, to: input.to, actor: req.actor, on: req.database)
        return Self.dto(try await ReplicationService.load(id, .read, actor: req.actor, on: req.database))
    }

    @Sendable func assess(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await ReplicationService.load(id, .update, actor: req.actor, on: req.database)
        let input = try req.content.decode(ReplicationAssessmentInput.self)
        let a = try await ReplicationService.assess(id, input, actor: req.actor, on: req.database)
        return try await ReplicationAssessmentDTO(a).encodeResponse(status: .created, for: req)
    }

    /// Where a model has spread: read like the model itself.
    @Sendable func spread(req: Request) async throws -> ModelSpread {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await RegistrationQueries.readable(id, actor: req.actor, on: req.database)
        return try await ReplicationQuery.spread(registrationID: id, on: req.database)
    }
}
