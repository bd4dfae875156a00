import Domain
import Fluent
import Foundation

/// An emulation movement, campaign or focus area, with its lead and coordinating agencies.
final class MovementModel: Model, @unchecked Sendable {
    static let schema = "movements"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "level") var level: String
    @Field(key: "from_year") var fromYear: Int
    @Field(key: "to_year") var toYear: Int
    @Field(key: "description") var description: String
    @Field(key: "legal_basis") var legalBasis: String
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "catalogue_version") var catalogueVersion: String?
    @Children(for: \.$movement) var agencies: [MovementAgencyModel]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $code, $name, $kind, $level, $fromYear, $toYear, $description, $legalBasis, $searchText,
            $catalogueVersion, $agencies, $createdAt, $updatedAt,
        ]
    }
    init() {}

    func refreshSearchText() { searchText = VietnameseText.fold("\(code) \(name)") }
}

final class MovementAgencyModel: Model, @unchecked Sendable {
    static let schema = "movement_agencies"
    enum Role: String { case lead, coordinating }
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "movement_id") var movement: MovementModel
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "role") var role: String
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $movement, $unit, $role] }
    init() {}
    init(movementID: Int, unitID: Int, role: Role) {
        self.$movement.id = movementID
        self.$unit.id = unitID
        self.role = role.rawValue
    }
}
