import Domain
import Fluent
import Foundation

/// One entry of an authority's register: a commendation decision or a council's minutes, with its number, its day
/// and the signing block as it was when issued (the authority's data may change later).
final class DecisionModel: Model, @unchecked Sendable {
    static let schema = "decisions"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: AuthorityModel
    @Field(key: "year") var year: Int
    @Field(key: "kind") var kind: DecisionKind
    /// The place in the year's sequence; nil for a number given by hand outside the format.
    @OptionalField(key: "seq") var seq: Int?
    @Field(key: "number") var number: String
    /// yyyy-MM-dd
    @Field(key: "day") var day: String
    @OptionalField(key: "meeting_id") var meetingID: Int?
    /// What it is about ("Khen thưởng thành tích năm 2025").
    @Field(key: "summary") var summary: String
    // The signing block, as issued.
    @Field(key: "issuer") var issuer: String
    @Field(key: "signing_mode") var signingMode: SigningMode
    @Field(key: "chief_title") var chiefTitle: String
    @Field(key: "signer_title") var signerTitle: String
    @Field(key: "signer_name") var signerName: String
    @Field(key: "place") var place: String
    @Field(key: "executors") var executors: String
    @Field(key: "recipients") var recipients: String
    /// Changed only by `move(to:)`.
    @Field(key: "status") private(set) var status: DecisionStatus
    /// Why it was withdrawn or corrected.
    @Field(key: "reason") var reason: String
    /// The decision this one withdraws or corrects.
    @OptionalField(key: "corrects_id") var correctsID: Int?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $authority, $year, $kind, $seq, $number, $day, $meetingID, $summary, $issuer, $signingMode,
            $chiefTitle, $signerTitle, $signerName, $place, $executors, $recipients, $status, $reason, $correctsID,
            $createdBy, $createdAt,
        ]
    }
    init() {}

    init(authority a: AuthorityModel, kind: DecisionKind, day: String) {
        $authority.id = a.id ?? 0
        self.kind = kind
        self.day = day
        year = DecisionRegister.year(of: day) ?? 0
        summary = ""
        issuer = a.name
        signingMode = a.signingMode
        chiefTitle = a.chiefTitle
        signerTitle = a.signerTitle
        signerName = a.signerName
        place = a.place
        executors = a.executors
        recipients = a.recipients
        status = .issued
        reason = ""
    }

    /// The only way a decision's status changes: a move `DecisionWorkflow` allows, or a 409 naming both statuses.
    func move(to next: DecisionStatus) throws {
        try DecisionWorkflow.requireMove(of: "Quyết định", from: status, to: next)
        status = next
    }

    /// "Quyết định số 12/QĐ-UBND ngày 20/12/2025".
    var citation: String { "\(kind.label) số \(number) ngày \(day.isoToVietnamese)" }
}
