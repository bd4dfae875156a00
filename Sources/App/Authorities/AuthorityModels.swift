import Domain
import Fluent
import Foundation

/// A conferring authority (cấp có thẩm quyền khen thưởng): a unit whose head confers titles and awards, with its
/// council, its signing block, its default recipients and its document number formats.
final class AuthorityModel: Model, @unchecked Sendable {
    static let schema = "authorities"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "level") var level: AuthorityLevel
    /// The issuing body as printed at the top left ("Ủy ban nhân dân xã Đăk Ruồng").
    @Field(key: "name") var name: String
    /// The head who confers ("Chủ tịch Ủy ban nhân dân xã Đăk Ruồng").
    @Field(key: "head_title") var headTitle: String
    /// "Hội đồng Thi đua - Khen thưởng xã Đăk Ruồng".
    @Field(key: "council_name") var councilName: String
    /// Whose officers are the council's standing office.
    @Parent(key: "standing_unit_id") var standingUnit: UnitModel
    /// yyyy-MM-dd; nil = open-ended. A district authority ends on 30/06/2025.
    @OptionalField(key: "valid_from") var validFrom: String?
    @OptionalField(key: "valid_to") var validTo: String?
    @Field(key: "signing_mode") var signingMode: SigningMode
    /// The head's title in the signature block ("Chủ tịch").
    @Field(key: "chief_title") var chiefTitle: String
    /// The signer's own title when signing KT. ("Phó Chủ tịch"); the chief title otherwise.
    @Field(key: "signer_title") var signerTitle: String
    @Field(key: "signer_name") var signerName: String
    /// Where documents are dated ("Đăk Ruồng").
    @Field(key: "place") var place: String
    /// The decision number format: "{n}/QĐ-UBND".
    @Field(key: "decision_format") var decisionFormat: String
    /// The council minutes number format: "{n}/BB-HĐTĐKT".
    @Field(key: "minutes_format") var minutesFormat: String
    /// Điều 3: who executes the decision, one per line.
    @Field(key: "executors") var executors: String
    /// "Nơi nhận", one per line.
    @Field(key: "recipients") var recipients: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $unit, $level, $name, $headTitle, $councilName, $standingUnit, $validFrom, $validTo, $signingMode,
            $chiefTitle, $signerTitle, $signerName, $place, $decisionFormat, $minutesFormat, $executors, $recipients,
            $createdAt, $updatedAt,
        ]
    }
    init() {}

    /// The facts routing and access need; the unit must be loaded.
    var info: AuthorityInfo {
        AuthorityInfo(
            id: id ?? 0, unitPath: unit.unitPath, level: level, name: name, validFrom: validFrom, validTo: validTo)
    }
}
