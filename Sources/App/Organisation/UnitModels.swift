import Domain
import Fluent
import Foundation

/// A unit of the organisation tree: any depth, any kind, a stable code.
final class UnitModel: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "parent_id") var parent: UnitModel?
    /// Materialised path of ids, "/1/5/23/": a subtree is a prefix.
    @Field(key: "path") var path: String
    @Field(key: "place") var place: String
    @Field(key: "abbreviation") var abbreviation: String
    /// Folded name and code for search that ignores diacritics (đ → d).
    @Field(key: "search_text") var searchText: String
    @Field(key: "active") var active: Bool
    /// yyyy-mm-dd when the unit was merged, split or abolished (migration 17); its records stay readable.
    @OptionalField(key: "abolished_on") var abolishedOn: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $code, $name, $shortName, $kind, $parent, $path, $place, $abbreviation, $searchText, $active,
            $abolishedOn, $createdAt, $updatedAt,
        ]
    }

    init() {}

    init(
        code: String, name: String, shortName: String, kind: UnitKind, parentID: Int?, place: String,
        abbreviation: String
    ) {
        self.code = code
        self.name = name
        self.shortName = shortName
        self.kind = kind.rawValue
        self.$parent.id = parentID
        self.path = "/"
        self.place = place
        self.abbreviation = abbreviation
        self.active = true
        self.refreshSearchText()
    }

    var unitPath: UnitPath { UnitPath(raw: path) }
    var unitKind: UnitKind { UnitKind(rawValue: kind) ?? .khac }

    func refreshSearchText() {
        searchText = VietnameseText.fold("\(code) \(name) \(shortName)")
    }
}

/// A cluster (cụm) or block (khối) of units that compete together.
final class UnitGroupModel: Model, @unchecked Sendable {
    static let schema = "unit_groups"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Siblings(through: UnitGroupMemberModel.self, from: \.$group, to: \.$unit) var members: [UnitModel]
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $code, $name, $kind, $members] }

    init() {}
    init(code: String, name: String, kind: UnitGroupKind) {
        self.code = code
        self.name = name
        self.kind = kind.rawValue
    }
}

final class UnitGroupMemberModel: Model, @unchecked Sendable {
    static let schema = "unit_group_members"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "group_id") var group: UnitGroupModel
    @Parent(key: "unit_id") var unit: UnitModel
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $group, $unit] }
    init() {}
}
