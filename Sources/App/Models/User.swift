import Fluent
import Foundation
import Domain

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "username") var username: String
    @Field(key: "full_name") var fullName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @OptionalParent(key: "unit_id") var unit: UnitModel?
    @Field(key: "active") var active: Bool
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(username: String, fullName: String, passwordHash: String, role: Role, unitID: Int?) {
        self.username = username
        self.fullName = fullName
        self.passwordHash = passwordHash
        self.role = role.rawValue
        self.$unit.id = unitID
        self.active = true
    }

    var userRole: Role { Role(rawValue: role) ?? .editor }
}

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

    init() {}
    init(kind: Kind, tokenHash: String, userID: Int, csrfToken: String?, expiresAt: Date) {
        self.kind = kind.rawValue
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// Who did what, when, with the record before and after. Append-only.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "username") var username: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @OptionalField(key: "entity_id") var entityID: String?
    @OptionalField(key: "unit_id") var unitID: Int?
    @Field(key: "summary") var summary: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    init() {}
}
