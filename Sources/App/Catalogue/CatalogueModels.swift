import Domain
import Fluent
import Foundation

/// One loaded version of the catalogue, with the file it came from kept verbatim.
final class CatalogueVersionModel: Model, @unchecked Sendable {
    static let schema = "catalogue_versions"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "version") var version: String
    @Field(key: "title") var title: String
    @Field(key: "legal_basis") var legalBasis: String
    @Field(key: "effective_from") var effectiveFrom: String
    @Field(key: "content") var content: String
    @Timestamp(key: "loaded_at", on: .create) var loadedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $version, $title, $legalBasis, $effectiveFrom, $content, $loadedAt] }
    init() {}
}

final class CatalogueFieldModel: Model, @unchecked Sendable {
    static let schema = "catalogue_fields"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "version_id") var version: CatalogueVersionModel
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "note") var note: String?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $version, $code, $name, $note] }
    init() {}
}

/// A collective model type (category "collective") or an individual type (category "individual").
final class SubjectTypeModel: Model, @unchecked Sendable {
    static let schema = "catalogue_subject_types"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "version_id") var version: CatalogueVersionModel
    @Field(key: "category") var category: String
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "group_name") var groupName: String?
    @OptionalField(key: "field_code") var fieldCode: String?
    @OptionalField(key: "movement_code") var movementCode: String?
    @Field(key: "section") var section: String
    @Field(key: "standard") var standard: String
    /// Comma-separated subject kinds (collective, individual, household).
    @Field(key: "subject_kinds") var subjectKinds: String
    @Field(key: "position") var position: Int
    @Children(for: \.$subjectType) var criteria: [CatalogueCriterionModel]
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $version, $category, $code, $name, $groupName, $fieldCode, $movementCode, $section, $standard,
            $subjectKinds, $position, $criteria,
        ]
    }
    init() {}
}

/// A criterion of the catalogue: general (no subject type) or part of a type's standard.
final class CatalogueCriterionModel: Model, @unchecked Sendable {
    static let schema = "catalogue_criteria"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "version_id") var version: CatalogueVersionModel
    @OptionalParent(key: "subject_type_id") var subjectType: SubjectTypeModel?
    @Field(key: "code") var code: String
    @Field(key: "text") var text: String
    @Field(key: "kind") var kind: String
    /// The criterion's parameters (threshold, measure…) as JSON, decoded by the Domain.
    @Field(key: "params") var params: String
    @Field(key: "section") var section: String
    @Field(key: "position") var position: Int
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $version, $subjectType, $code, $text, $kind, $params, $section, $position]
    }
    init() {}

    /// The criterion to judge against. A general criterion has no parameters ("{}"): a yes/no judgement. A stored
    /// value that does not decode, or a kind the Domain does not know, is an error, not a default.
    func criterionSpec() throws -> CriterionSpec {
        if params == "{}" {
            guard let k = CriterionKind(rawValue: kind) else {
                throw AppError(
                    status: .internalServerError, code: .internalError,
                    message:
                        "Dữ liệu lưu trong cột \(Self.schema).kind (dòng \(id.map(String.init) ?? "?")) bị hỏng, không đọc được. Vui lòng báo quản trị viên."
                )
            }
            return CriterionSpec(code: code, text: text, kind: k)
        }
        var s = try json(\.$params, as: CriterionSpec.self)
        s.code = code
        s.text = text
        return s
    }
}
