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

    @Sendable func issue(req: Request) async throws -> Response {
        let body = try req.content.decode(TokenRequest.self)
        switch try await LoginService.attempt(
            username: body.username, password: body.password, channel: .api, on: req)
        {
        case .refused(let seconds):
            let res = Response(status: .tooManyRequests)
            try res.content.encode(
                APIErrorBody(
                    code: "too_many_requests", message: LoginOutcome.refusedMessage(retryAfter: seconds), fields: nil),
                as: .json)
            res.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return res
        case .failed:
            throw AppError(status: .unauthorized, code: .unauthorized, message: LoginOutcome.wrongMessage)
        case .success(let user):
            let (secret, token) = try await AuthService.issue(
                .api, for: user, lifetime: config.apiTokenLifetime, userAgent: req.headers.first(name: .userAgent),
                ip: req.clientAddress(trustForwardedFor: config.loginThrottle.trustForwardedFor), on: req.database)
            let answer = TokenResponse(
                token: secret, tokenType: "Bearer", expiresAt: token.expiresAt, user: UserDTO(user))
            return try await answer.encodeResponse(for: req)
        }
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        if let auth = req.auth { try await LoginService.recordSignOut(auth, channel: .api, on: req) }
        return .noContent
    }

    @Sendable func me(req: Request) async throws -> UserDTO { UserDTO(try req.auth.orThrow().user) }
}
