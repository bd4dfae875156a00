import Domain
import Fluent
import Foundation

/// A periodic report of an authority (sơ kết or tổng kết) for a period: its narrative, number, date, signing block and
/// recipients. The numbers of its appendices are not stored: they are drawn from the monitoring query when the
/// document is made.
final class PeriodicReportModel: Model, @unchecked Sendable {
    static let schema = "periodic_reports"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: AuthorityModel
    @Field(key: "kind") var kind: PeriodicReportKind
    /// yyyy-MM-dd, both ends included.
    @Field(key: "period_from") var periodFrom: String
    @Field(key: "period_to") var periodTo: String
    /// The trích yếu under "BÁO CÁO".
    @Field(key: "summary") var summary: String
    /// Entered by hand ("45/BC-UBND"); empty until the report is signed.
    @Field(key: "number") var number: String
    /// yyyy-MM-dd; nil until the report is dated.
    @OptionalField(key: "day") var day: String?
    @Field(key: "place") var place: String
    @Field(key: "signing_mode") var signingMode: SigningMode
    @Field(key: "chief_title") var chiefTitle: String
    @Field(key: "signer_title") var signerTitle: String
    @Field(key: "signer_name") var signerName: String
    /// Nơi nhận, one a line.
    @Field(key: "recipients") var recipients: String
    @Field(key: "situation") var situation: String
    @Field(key: "results") var results: String
    @Field(key: "shortcomings") var shortcomings: String
    @Field(key: "directions") var directions: String
    @Field(key: "proposals") var proposals: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $authority, $kind, $periodFrom, $periodTo, $summary, $number, $day, $place, $signingMode, $chiefTitle,
            $signerTitle, $signerName, $recipients, $situation, $results, $shortcomings, $directions, $proposals,
            $createdBy, $createdAt, $updatedAt,
        ]
    }
    init() {}

    /// A narrative section's text by its key (`PeriodicReportSection.key`).
    subscript(section key: String) -> String {
        get {
            switch key {
            case "situation": return situation
            case "results": return results
            case "shortcomings": return shortcomings
            case "directions": return directions
            case "proposals": return proposals
            default: return ""
            }
        }
        set {
            switch key {
            case "situation": situation = newValue
            case "results": results = newValue
            case "shortcomings": shortcomings = newValue
            case "directions": directions = newValue
            case "proposals": proposals = newValue
            default: break
            }
        }
    }
}
