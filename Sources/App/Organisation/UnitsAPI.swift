import Domain
import Fluent
import Vapor

struct UnitsAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("units", use: list)
        r.post("units", use: create)
        r.get("units", ":id", use: show)
        r.put("units", ":id", use: update)
        r.delete("units", ":id", use: delete)
        r.get("unit-groups", use: groups)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<UnitDTO> {
        let list = try req.listQuery()
        let actor = try req.requireActor()
        var f = UnitFilter()
        f.q = list.q
        f.kind = req.queryText("kind") ?? ""
        f.parentID = try req.intQuery("parentID")
        f.groupID = try req.intQuery("groupID")
        return ListResponse(
            try await UnitQueries.list(f, list, scope: Policy.unitScope(actor), on: req.database), UnitDTO.init)
    }

    @Sendable func show(req: Request) async throws -> UnitDTO {
        UnitDTO(
            try await UnitQueries.readable(
                try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.database)
        )
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(UnitInput.self)
        let unit = try await UnitService.create(input, actor: req.actor, on: req.database)
        return try await UnitDTO(unit).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> UnitDTO {
        let input = try req.content.decode(UnitInput.self)
        return UnitDTO(
            try await UnitService.update(
                try req.parameters.require("id", as: Int.self), input, actor: req.actor, on: req.database))
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try await UnitService.delete(try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.database)
        return .noContent
    }

    struct GroupDTO: Content {
        let id: Int
        let code: String
        let name: String
        let kind: String
        let kindLabel: String
        let memberIDs: [Int]
    }

    @Sendable func groups(req: Request) async throws -> [GroupDTO] {
        let actor = try req.requireActor()
        let scope = Policy.unitScope(actor)
        return try await UnitGroupModel.query(on: req.database).with(\.$members).sort(\.$code).all().map { g in
            let visible = g.members.filter { scope.contains($0.unitPath) }
            return GroupDTO(
                id: g.id ?? 0, code: g.code, name: g.name, kind: g.kind,
                kindLabel: UnitGroupKind(rawValue: g.kind)?.label ?? g.kind,
                memberIDs: visible.compactMap(\.id).sorted())
        }
    }
}
