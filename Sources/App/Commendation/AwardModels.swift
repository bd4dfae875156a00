import Domain
import Fluent
import Foundation

/// An initiative (sáng kiến) or accepted research topic, with the scope at which it was recognised.
final class InitiativeModel: Model, @unchecked Sendable {
    static let schema = "initiatives"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "subject_id") var subject: SubjectModel
    @Field(key: "year") var year: Int
    /// "sang-kien" | "de-tai"
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    /// "co-so" | "tinh" | "toan-quoc"
    @Field(key: "scope") var scope: String
    /// The document that recognised it ("Quyết định số 12/QĐ-UBND ngày 10/11/2024").
    @Field(key: "recognition") var recognition: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $subject, $year, $kind, $title, $scope, $recognition, $createdAt] }
    init() {}
}

/// An award or title received: form, level, achievement year, and the decision behind it.
final class AwardModel: Model, @unchecked Sendable {
    static let schema = "awards"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "subject_id") var subject: SubjectModel
    @Field(key: "form_code") var formCode: String
    @Field(key: "form_name") var formName: String
    /// Level of the conferring authority: "co-so" | "huyen" | "xa" | "tinh" | "bo" | "toan-quoc".
    @Field(key: "level") var level: String
    /// Year of the achievement (the achievement period ends in it).
    @Field(key: "year") var year: Int
    /// The achievement period as written in the decision ("Năm 2024", "2022–2024").
    @Field(key: "period") var period: String
    @Field(key: "decision_number") var decisionNumber: String
    /// yyyy-MM-dd
    @Field(key: "decision_date") var decisionDate: String
    @Field(key: "authority") var authority: String
    @OptionalField(key: "dossier_id") var dossierID: Int?
    /// "nhap-tay" | "nhap-tep" | "quyet-dinh"
    @Field(key: "source") var source: String
    /// The register entry behind it, when decided in the system.
    @OptionalField(key: "decision_id") var decisionID: Int?
    /// The State's decision behind it (Chủ tịch nước, Thủ tướng Chính phủ), recorded by the province.
    @OptionalField(key: "state_decision_id") var stateDecisionID: Int?
    /// Withdrawn awards stay in the history, marked. Changed only by `move(to:note:)`.
    @Field(key: "status") private(set) var status: AwardStatus
    /// "Đã thu hồi theo Quyết định số … ngày …"; a correction's note too.
    @Field(key: "status_note") var statusNote: String
    /// Reward money in đồng (coefficient × base salary on the decision date); nil for hand-entered or old awards.
    @OptionalField(key: "reward_amount") var rewardAmount: Int64?
    /// "0.3": the coefficient used, as text.
    @OptionalField(key: "reward_coefficient") var rewardCoefficient: String?
    /// The base salary in force on the decision date, in đồng.
    @OptionalField(key: "base_salary") var baseSalary: Int64?
    /// false: the coefficient, base salary or rounding used is unconfirmed ("cần xác minh").
    @OptionalField(key: "reward_verified") var rewardVerified: Bool?
    /// Thường xuyên, đột xuất, chuyên đề…: only the kinds the rule file lists count toward higher regular forms.
    @Field(key: "award_kind") var kind: AwardKind
    /// The achievement it rewards, "subject|year|kind" (`Achievement.key`): one form per achievement.
    @Field(key: "achievement_key") var achievementKey: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $subject, $formCode, $formName, $level, $year, $period, $decisionNumber, $decisionDate, $authority,
            $dossierID, $source, $decisionID, $stateDecisionID, $status, $statusNote, $rewardAmount, $rewardCoefficient,
            $baseSalary, $rewardVerified, $kind, $achievementKey, $createdAt,
        ]
    }
    init() {}

    /// A new award of a subject: valid, regular.
    init(subjectID: Int) {
        $subject.id = subjectID
        status = .valid
        statusNote = ""
        kind = .regular
        achievementKey = ""
    }

    /// The only way an award's status changes: a move `AwardWorkflow` allows, or a 409 naming both statuses.
    func move(to next: AwardStatus, note: String) throws {
        try AwardWorkflow.requireMove(of: "Khen thưởng", from: status, to: next)
        status = next
        statusNote = note
    }
}

/// An initiative or research topic used as the basis of a proposal and, once decided, of the award.
final class InitiativeUseModel: Model, @unchecked Sendable {
    static let schema = "initiative_uses"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "initiative_id") var initiative: InitiativeModel
    @OptionalField(key: "nominee_id") var nomineeID: Int?
    @OptionalField(key: "award_id") var awardID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $initiative, $nomineeID, $awardID, $createdAt] }
    init() {}

    init(initiativeID: Int, nomineeID: Int?, awardID: Int?) {
        $initiative.id = initiativeID
        self.nomineeID = nomineeID
        self.awardID = awardID
    }
}
