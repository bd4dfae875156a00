import Domain
import Fluent
import Foundation

/// A citizen's proposal of a new exemplar (issue 10 §6).
final class ProposalModel: Model, @unchecked Sendable {
    static let schema = "proposals"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// The commune or agency concerned: whose queue it lands in.
    @Field(key: "unit_id") var unitID: Int
    @Field(key: "unit_path") var unitPath: String
    @Field(key: "subject_name") var subjectName: String
    @Field(key: "subject_kind") var subjectKind: String
    @Field(key: "achievements") var achievements: String
    @Field(key: "proposer_name") var proposerName: String
    @Field(key: "proposer_phone") var proposerPhone: String
    @Field(key: "proposer_email") var proposerEmail: String
    @Field(key: "consent_contact") var consentContact: Bool
    @Field(key: "status") private(set) var status: ProposalStatus
    /// Why it was rejected (required then), or the note on acceptance.
    @Field(key: "decision_reason") var decisionReason: String
    @OptionalField(key: "decided_by") var decidedBy: Int?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Field(key: "submitted_at") var submittedAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $unitID, $unitPath, $subjectName, $subjectKind, $achievements, $proposerName, $proposerPhone,
            $proposerEmail, $consentContact, $status, $decisionReason, $decidedBy, $decidedAt, $submittedAt,
        ]
    }
    init() {}

    /// A proposal just received: it starts in the moderation queue as new.
    init(newFor unitID: Int, unitPath: String) {
        self.unitID = unitID
        self.unitPath = unitPath
        self.status = .new
    }

    var path: UnitPath { UnitPath(raw: unitPath) }

    /// The only way a proposal's status changes: a move the moderation workflow allows.
    func move(to next: ProposalStatus) throws {
        try ProposalWorkflow.requireMove(of: "Lời giới thiệu", from: status, to: next)
        status = next
    }
}

/// One proposal taken from a client address (its hash), for the per-address limit.
final class ProposalHitModel: Model, @unchecked Sendable {
    static let schema = "proposal_hits"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "address_hash") var addressHash: String
    @Field(key: "at") var at: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $addressHash, $at] }
    init() {}
    init(addressHash: String, at: Date) {
        self.addressHash = addressHash
        self.at = at
    }
}
