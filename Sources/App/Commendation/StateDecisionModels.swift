import Domain
import Fluent
import Foundation

/// A province's tờ trình proposing State-level nominees upward (to the Prime Minister, through the Bộ Nội vụ).
final class StateProposalModel: Model, @unchecked Sendable {
    static let schema = "state_proposals"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// The province that proposes (its council passed the nominees).
    @Parent(key: "authority_id") var authority: AuthorityModel
    @Field(key: "dossier_id") var dossierID: Int
    @Field(key: "number") var number: String
    /// yyyy-MM-dd
    @Field(key: "day") var day: String
    /// "Thủ tướng Chính phủ (qua Bộ Nội vụ)".
    @Field(key: "addressee") var addressee: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $authority, $dossierID, $number, $day, $addressee, $createdBy, $createdAt]
    }
    init() {}

    /// "Tờ trình số 45/TTr-UBND ngày 10/11/2025".
    var citation: String { "Tờ trình số \(number) ngày \(day.isoToVietnamese)" }
}

/// The State's decision on proposed nominees, recorded by the province's standing office when it returns: granted
/// (each nominee gets an award) or refused, with the reason.
final class StateDecisionModel: Model, @unchecked Sendable {
    static let schema = "state_decisions"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// The province that recorded it.
    @Parent(key: "authority_id") var authority: AuthorityModel
    @Field(key: "dossier_id") var dossierID: Int
    @Field(key: "outcome") var outcome: StateOutcome
    @Field(key: "issuer") var issuer: StateIssuer
    /// The decision's number ("1234/QĐ-TTg"); for a refusal, the reply's number when there is one.
    @Field(key: "number") var number: String
    /// yyyy-MM-dd
    @Field(key: "day") var day: String
    @Field(key: "form_code") var formCode: String
    @Field(key: "form_name") var formName: String
    /// Where the signed copy is kept (a file number or a link); may be empty.
    @Field(key: "file_reference") var fileReference: String
    /// Why the State did not grant it (refusals only).
    @Field(key: "reason") var reason: String
    @OptionalField(key: "recorded_by") var recordedBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $authority, $dossierID, $outcome, $issuer, $number, $day, $formCode, $formName, $fileReference,
            $reason, $recordedBy, $createdAt,
        ]
    }
    init() {}

    /// "Quyết định số 1234/QĐ-TTg ngày 20/12/2025 của Thủ tướng Chính phủ".
    var citation: String {
        (number.isEmpty ? "Văn bản" : "Quyết định số \(number)") + " ngày \(day.isoToVietnamese) của \(issuer.label)"
    }
}
