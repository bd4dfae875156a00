import Domain
import Fluent
import Foundation

/// One blank's layout for one conferring authority: the paper, the forms it serves, each field's place in mm.
final class CertificateLayoutModel: Model, @unchecked Sendable {
    static let schema = "certificate_layouts"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: AuthorityModel
    /// "Giấy khen mẫu 2024".
    @Field(key: "name") var name: String
    @Field(key: "paper") var paper: PaperSize
    @Field(key: "orientation") var orientation: PaperOrientation
    /// Form codes, comma-separated; "" for every form.
    @Field(key: "form_codes") var formCodes: String
    /// The achievement line, "{ky}" for the award's period.
    @Field(key: "achievement") var achievement: String
    /// `CertificateFieldSet` as JSON, read through `json(_:as:)`: a value that does not decode is an error.
    @Field(key: "fields") var fields: String
    /// The layout a decision's certificates print with when none is chosen.
    @Field(key: "is_default") var isDefault: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $authority, $name, $paper, $orientation, $formCodes, $achievement, $fields, $isDefault, $createdAt,
            $updatedAt,
        ]
    }
    init() {}

    /// The stored layout, typed; fails naming the table and column when its fields do not decode.
    func layout() throws -> CertificateLayout {
        CertificateLayout(
            name: name, paper: paper, orientation: orientation,
            formCodes: formCodes.split(separator: ",").map(String.init), achievement: achievement,
            fields: try json(\.$fields, as: CertificateFieldSet.self))
    }

    func apply(_ l: CertificateLayout) throws {
        name = l.name
        paper = l.paper
        orientation = l.orientation
        formCodes = l.formCodes.joined(separator: ",")
        achievement = l.achievement
        fields = try JSONColumn.encode(l.fields)
    }
}
