import Domain
import Fluent
import Vapor

struct MovementsAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("movements", use: list)
        r.post("movements", use: create)
        r.get("movements", ":id", use: show)
        r.put("movements", ":id", use: update)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<MovementDTO> {
        let list = try req.listQuery()
        try req.authorize(.list, .movement(id: nil))
        let page = try await MovementQueries.list(
            q: list.q, year: try req.intQuery("year"),
            leadUnitID: try req.intQuery("unitID"), list, on: req.database)
        return ListResponse(page) { MovementDTO($0, agencies: $0.agencies) }
    }

    @Sendable func show(req: Request) async throws -> MovementDTO {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.read, .movement(id: id))
        let m = try await MovementQueries.find(id, on: req.database)
        return MovementDTO(m, agencies: m.agencies)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let m = try await MovementService.create(
            try req.content.decode(MovementInput.self), actor: req.actor, on: req.database)
        let full = try await MovementQueries.find(try m.requireID(), on: req.database)
        return try await MovementDTO(full, agencies: full.agencies).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> MovementDTO {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await MovementService.update(
            id, try req.content.decode(MovementInput.self), actor: req.actor, on: req.database)
        let full = try await MovementQueries.find(id, on: req.database)
        return MovementDTO(full, agencies: full.agencies)
    }
}
