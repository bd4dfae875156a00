import Domain
import Fluent
import Vapor

struct TokenRequest: Content {
    let username: String
    let password: String
}

struct TokenResponse: Content {
    let token: String
    let tokenType: String
    let expiresAt: Date
    let user: UserDTO
}

struct AuthAPIController {
    let config: AppConfig
    func registerPublic(_ r: any RoutesBuilder) { r.post("auth", "token", use: issue) }
    func register(_ r: any RoutesBuilder) {
        r.delete("auth", "token", use: revoke)
        r.get("me", use: me)
    }

    @Sendable func issue(req: Request) async throws -> TokenResponse {
        let body = try req.content.decode(TokenRequest.self)
        guard let user = try await AuthService.verify(username: body.username, password: body.password, on: req) else {
            throw AppError(
                status: .unauthorized, code: .unauthorized,
                message: "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.")
        }
        let (secret, token) = try await AuthService.issue(
            .api, for: user, lifetime: config.apiTokenLifetime, on: req.db)
        return TokenResponse(token: secret, tokenType: "Bearer", expiresAt: token.expiresAt, user: UserDTO(user))
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        if let auth = req.auth { try await AuthTokenModel.find(auth.tokenID, on: req.db)?.delete(on: req.db) }
        return .noContent
    }

    @Sendable func me(req: Request) async throws -> UserDTO { UserDTO(try req.auth.orThrow().user) }
}
