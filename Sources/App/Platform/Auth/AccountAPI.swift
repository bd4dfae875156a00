import Domain
import Fluent
import Vapor

struct AccountAPIController {
    func register(_ r: any RoutesBuilder) {
        r.post("me", "password", use: changePassword)
        r.get("me", "sessions", use: sessions)
        r.delete("me", "sessions", ":id", use: endSession)
        r.post("users", ":id", "password-reset", use: resetPassword)
    }

    /// 204; every other session and token of the account ends, this token stays valid.
    @Sendable func changePassword(req: Request) async throws -> HTTPStatus {
        let auth = try req.auth.orThrow()
        let input = try req.content.decode(PasswordChangeInput.self)
        try await AccountService.changeOwnPassword(input, auth: auth, on: req)
        return .noContent
    }

    @Sendable func sessions(req: Request) async throws -> [SessionDTO] {
        try await AccountService.sessions(of: try req.auth.orThrow(), on: req.database)
    }

    @Sendable func endSession(req: Request) async throws -> HTTPStatus {
        try await AccountService.endSession(
            try req.parameters.require("id", as: Int.self), auth: try req.auth.orThrow(), on: req.database)
        return .noContent
    }

    @Sendable func resetPassword(req: Request) async throws -> PasswordResetDTO {
        let (user, password) = try await AccountService.resetPassword(
            userID: try req.parameters.require("id", as: Int.self), actor: req.actor, on: req)
        return PasswordResetDTO(user: UserDTO(user), password: password)
    }
}
