import Domain
import Fluent
import Foundation

/// One entry of an authority's fund ledger. `amount` is signed đồng: income and reversals positive, a decision's
/// spending negative. Spending and reversals are written by the decision services, income by hand.
final class FundEntryModel: Model, @unchecked Sendable {
    static let schema = "fund_entries"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: AuthorityModel
    @Field(key: "year") var year: Int
    /// yyyy-MM-dd
    @Field(key: "day") var day: String
    @Field(key: "kind") var kind: FundEntryKind
    @Field(key: "amount") var amount: Int64
    @Field(key: "description") var description: String
    /// The document behind it ("Quyết định số 12/QĐ-UBND ngày 20/12/2025", a budget notice's number).
    @Field(key: "reference") var reference: String
    @OptionalField(key: "decision_id") var decisionID: Int?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $authority, $year, $day, $kind, $amount, $description, $reference, $decisionID, $createdBy, $createdAt]
    }
    init() {}

    init(authorityID: Int, day: String, kind: FundEntryKind, amount: Int64, description: String, reference: String) {
        $authority.id = authorityID
        self.day = day
        year = Int(day.prefix(4)) ?? 0
        self.kind = kind
        self.amount = amount
        self.description = description
        self.reference = reference
    }

    var line: FundLine { FundLine(kind: kind, amount: amount, day: day, decisionID: decisionID) }
}
