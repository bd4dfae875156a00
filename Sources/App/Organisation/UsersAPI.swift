import Domain
import Fluent
import Vapor

struct UsersAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("users", use: list)
        r.post("users", use: create)
        r.get("users", ":id", use: show)
        r.put("users", ":id", use: update)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<UserDTO> {
        let list = try req.listQuery()
        let actor = try req.requireActor()
        let page = try await UserQueries.list(
            q: list.q, role: req.queryText("role") ?? "", list, scope: Policy.userScope(actor), on: req.database)
        return ListResponse(page, UserDTO.init)
    }

    @Sendable func show(req: Request) async throws -> UserDTO {
        UserDTO(
            try await UserQueries.readable(
                try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.database)
        )
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(UserInput.self)
        let user = try await UserService.create(input, actor: req.actor, hasher: req.passwordHasher, on: req.database)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> UserDTO {
        let input = try req.content.decode(UserInput.self)
        return UserDTO(
            try await UserService.update(
                try req.parameters.require("id", as: Int.self), input, actor: req.actor, hasher: req.passwordHasher,
                on: req.database))
    }
}
