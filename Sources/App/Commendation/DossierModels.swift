import Domain
import Fluent
import Foundation

/// A unit's proposal for commendation (hồ sơ đề nghị khen thưởng).
final class DossierModel: Model, @unchecked Sendable {
    static let schema = "dossiers"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    /// The unit's document number for its tờ trình ("15/TTr-UBND").
    @Field(key: "number") var number: String
    /// Changed only by `move(to:)`.
    @Field(key: "status") private(set) var status: DossierStatus
    @Field(key: "rule_set_id") var ruleSetID: String
    @OptionalField(key: "submitted_day") var submittedDay: String?
    @OptionalField(key: "appraisal_due") var appraisalDue: String?
    @OptionalField(key: "meeting_id") var meetingID: Int?
    @Field(key: "decision_number") var decisionNumber: String
    @Field(key: "decision_date") var decisionDate: String
    @Field(key: "decision_authority") var decisionAuthority: String
    @Field(key: "decision_signer") var decisionSigner: String
    @Field(key: "search_text") var searchText: String
    /// The authority whose council considers it (set on submission, by `AuthorityRouting`).
    @OptionalParent(key: "authority_id") var authority: AuthorityModel?
    /// The lower council's dossier this one was forwarded from.
    @OptionalField(key: "parent_id") var parentID: Int?
    /// The register entry that decided it (several dossiers may share one).
    @OptionalField(key: "decision_id") var decisionID: Int?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Children(for: \.$dossier) var nominees: [DossierNomineeModel]
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $unit, $year, $title, $number, $status, $ruleSetID, $submittedDay, $appraisalDue, $meetingID,
            $decisionNumber, $decisionDate, $decisionAuthority, $decisionSigner, $searchText, $authority, $parentID,
            $decisionID, $createdBy, $createdAt, $updatedAt, $nominees,
        ]
    }
    init() {}

    /// A new dossier: a draft, with no decision yet.
    init(unitID: Int, year: Int, ruleSetID: String) {
        self.$unit.id = unitID
        self.year = year
        self.ruleSetID = ruleSetID
        self.status = .draft
        decisionNumber = ""
        decisionDate = ""
        decisionAuthority = ""
        decisionSigner = ""
    }

    /// The only way a dossier's status changes: a move `DossierWorkflow` allows, or a 409 naming both statuses.
    func move(to next: DossierStatus) throws {
        try DossierWorkflow.requireMove(of: "Hồ sơ đề nghị khen thưởng", from: status, to: next)
        status = next
    }
}

/// One person, collective or household proposed in a dossier, for one form.
final class DossierNomineeModel: Model, @unchecked Sendable {
    /// Whether `authorityID`'s decision awards this nominee: appraised and voted through, decided at that level
    /// (a nominee routed before deciders existed counts as the dossier's own), and not a State-level form, which
    /// the province proposes upward instead.
    func isDecided(by authorityID: Int?) -> Bool {
        votePassed == true && appraisal == .passed && (deciderID ?? authorityID) == authorityID && !stateLevel
            && !withdrawn
    }

    /// Whether this proposal still holds its achievement: not withdrawn, not yet an award (the award holds it), not
    /// forwarded (the upper copy holds it), and its dossier not ended without it (a State-level nominee waits on).
    func holdsAchievement(dossierStatus: DossierStatus) -> Bool {
        if withdrawn || awardID != nil || forwardedToID != nil { return false }
        if !dossierStatus.readOnly { return true }
        return stateLevel && votePassed == true && stateDecisionID == nil
    }

    static let schema = "dossier_nominees"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "dossier_id") var dossier: DossierModel
    @Parent(key: "subject_id") var subject: SubjectModel
    @OptionalField(key: "registration_id") var registrationID: Int?
    @Field(key: "form_code") var formCode: String
    @Field(key: "form_name") var formName: String
    /// Summary of the achievement (for the report and the decision).
    @Field(key: "achievement") var achievement: String
    /// Eligibility when added; `warning` keeps the reasons shown then.
    @Field(key: "eligibility") var eligibility: NomineeEligibility
    @Field(key: "warning") var warning: String
    @Field(key: "appraisal") var appraisal: NomineeAppraisal
    @Field(key: "appraisal_note") var appraisalNote: String
    @OptionalField(key: "vote_yes") var voteYes: Int?
    @OptionalField(key: "vote_no") var voteNo: Int?
    @OptionalField(key: "vote_recused") var voteRecused: Int?
    @OptionalField(key: "vote_written") var voteWritten: Int?
    @OptionalField(key: "vote_total") var voteTotal: Int?
    @OptionalField(key: "vote_threshold") var voteThreshold: Int?
    @OptionalField(key: "vote_passed") var votePassed: Bool?
    @OptionalField(key: "award_id") var awardID: Int?
    /// The authority that confers the nominee's form (set on submission).
    @OptionalField(key: "decider_id") var deciderID: Int?
    /// The lower council's nominee this one continues.
    @OptionalField(key: "forwarded_from_id") var forwardedFromID: Int?
    /// The upper council's nominee this one was forwarded to.
    @OptionalField(key: "forwarded_to_id") var forwardedToID: Int?
    /// Its form is conferred by the State: the province proposes it upward instead of deciding it (set on submission).
    @Field(key: "state_level") var stateLevel: Bool
    /// The province's tờ trình that proposed it to the State, and the State's decision recorded for it.
    @OptionalField(key: "state_proposal_id") var stateProposalID: Int?
    @OptionalField(key: "state_decision_id") var stateDecisionID: Int?
    /// Thường xuyên, đột xuất…, and the achievement proposed for, "subject|year|kind" (`Achievement.key`).
    @Field(key: "award_kind") var kind: AwardKind
    @Field(key: "achievement_key") var achievementKey: String
    /// Withdrawn by the unit with a recorded reason (e.g. to propose a higher form): it no longer holds the
    /// achievement and is never decided.
    @Field(key: "withdrawn") var withdrawn: Bool
    @Field(key: "withdrawal_reason") var withdrawalReason: String
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by") var withdrawnBy: Int?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $dossier, $subject, $registrationID, $formCode, $formName, $achievement, $eligibility, $warning,
            $appraisal, $appraisalNote, $voteYes, $voteNo, $voteRecused, $voteWritten, $voteTotal, $voteThreshold,
            $votePassed, $awardID, $deciderID, $forwardedFromID, $forwardedToID, $stateLevel, $stateProposalID,
            $stateDecisionID, $kind, $achievementKey, $withdrawn, $withdrawalReason, $withdrawnAt, $withdrawnBy,
        ]
    }
    init() {
        kind = .regular
        achievementKey = ""
        withdrawn = false
        withdrawalReason = ""
    }
}

/// A file of the dossier: uploaded, or drafted by the system.
final class DossierDocumentModel: Model, @unchecked Sendable {
    static let schema = "dossier_documents"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "dossier_id") var dossier: DossierModel
    @Field(key: "kind") var kind: String
    @Field(key: "original_name") var originalName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage") var storage: String
    @Field(key: "storage_key") var storageKey: String
    @OptionalField(key: "data") var data: Data?
    @Field(key: "generated") var generated: Bool
    @OptionalField(key: "uploaded_by") var uploadedBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $dossier, $kind, $originalName, $contentType, $size, $sha256, $storage, $storageKey, $data, $generated,
            $uploadedBy, $createdAt,
        ]
    }
    init() {}
}

/// The dossier's history: every submission, return, appraisal, vote and decision.
final class DossierEventModel: Model, @unchecked Sendable {
    static let schema = "dossier_events"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "dossier_id") var dossier: DossierModel
    @OptionalField(key: "nominee_id") var nomineeID: Int?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "username") var username: String
    @Field(key: "action") var action: DossierEventAction
    @Field(key: "from_status") var fromStatus: PriorStatus<DossierStatus>
    @Field(key: "to_status") var toStatus: DossierStatus
    @Field(key: "note") var note: String
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $dossier, $nomineeID, $at, $userID, $username, $action, $fromStatus, $toStatus, $note]
    }
    init() {}
}

/// What a dossier event records, as stored in `dossier_events.action`.
enum DossierEventAction: String, CaseIterable, Codable, Sendable {
    case created
    case nomineeAdded = "nominee-added"
    case nomineeRemoved = "nominee-removed"
    case documentAdded = "document-added"
    case submitted
    case nomineeAppraised = "nominee-appraised"
    case returned
    case appraised
    /// Put on a council meeting's agenda.
    case scheduled
    case reviewed
    case decided
    /// Nominees sent on to a higher authority's council.
    case forwarded
    /// A dossier received from a lower council.
    case received
    /// Its decision was withdrawn or corrected by a later decision.
    case decisionWithdrawn = "decision-withdrawn"
    case decisionCorrected = "decision-corrected"
    /// State-level nominees proposed upward by the province's tờ trình, and the State's decision recorded.
    case stateProposed = "state-proposed"
    case stateDecided = "state-decided"
    /// A nominee withdrawn by the unit, with its reason (one achievement, one form).
    case nomineeWithdrawn = "nominee-withdrawn"
}
