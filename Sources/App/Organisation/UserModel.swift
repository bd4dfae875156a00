import Domain
import Fluent
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "username") var username: String
    @Field(key: "full_name") var fullName: String
    /// The full name and user name folded, for the users list's search (migration 58, `AddUserSearch`).
    @Field(key: "search_text") var searchText: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @OptionalParent(key: "unit_id") var unit: UnitModel?
    @Field(key: "active") var active: Bool
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    /// Where notices are also e-mailed, when the server has SMTP (migration 22).
    @OptionalField(key: "email") var email: String?
    /// Set when the password was generated or typed by someone else: every page leads to the change form, and API
    /// tokens are refused, until the owner has chosen their own (migration 25).
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @OptionalField(key: "password_changed_at") var passwordChangedAt: Date?
    /// When and by whom the account was disabled (`active` false); cleared when it is enabled again.
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    @OptionalField(key: "disabled_by") var disabledBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $username, $fullName, $searchText, $passwordHash, $role, $unit, $active, $lastLoginAt, $email,
            $mustChangePassword,
            $passwordChangedAt, $disabledAt, $disabledBy, $createdAt, $updatedAt,
        ]
    }

    init() {}

    init(username: String, fullName: String, passwordHash: String, role: Role, unitID: Int?) {
        self.username = username
        self.fullName = fullName
        self.passwordHash = passwordHash
        self.role = role.rawValue
        self.$unit.id = unitID
        self.active = true
        self.mustChangePassword = false
        refreshSearch()
    }

    var userRole: Role { Self.role(role) }

    /// The role a stored code names (an unknown code reads as `editor`).
    static func role(_ code: String) -> Role { Role(rawValue: code) ?? .editor }

    static func searchText(username: String, fullName: String) -> String {
        VietnameseText.fold(fullName + " " + username)
    }

    /// After the name or the user name changed.
    func refreshSearch() { searchText = Self.searchText(username: username, fullName: fullName) }
}
