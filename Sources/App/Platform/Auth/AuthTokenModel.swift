import Domain
import Fluent
import Foundation

/// A signed-in browser session or an API token. Only the SHA-256 of the secret is stored, so a
/// copy of the database does not let anyone sign in; rows live in the database so that several
/// app instances share them.
final class AuthTokenModel: Model, @unchecked Sendable {
    static let schema = "auth_tokens"
    enum Kind: String { case web, api }
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: String
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: UserModel
    @OptionalField(key: "csrf_token") var csrfToken: String?
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// When the token was last used, written at most once a minute (`SessionTracking`) (migration 25).
    @OptionalField(key: "last_seen_at") var lastSeenAt: Date?
    /// The browser or client that signed in, cut short, and its address: what a person sees in their sessions.
    @OptionalField(key: "user_agent") var userAgent: String?
    @OptionalField(key: "ip") var ip: String?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $kind, $tokenHash, $user, $csrfToken, $expiresAt, $createdAt, $lastSeenAt, $userAgent, $ip]
    }

    init() {}

    init(kind: Kind, tokenHash: String, userID: Int, csrfToken: String?, expiresAt: Date) {
        self.kind = kind.rawValue
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
