import Domain
import Fluent
import Foundation

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
    /// Where notices are also e-mailed, when the server has SMTP (migration 22).
    @OptionalField(key: "email") var email: String?
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
