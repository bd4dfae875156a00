import Domain
import Fluent
import Foundation

/// One cluster or block's year: the deadline the standing office set and the member that heads the group that year.
final class GroupYearModel: Model, @unchecked Sendable {
    static let schema = "group_years"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "group_id") var group: UnitGroupModel
    @Field(key: "year") var year: Int
    /// The start of the deadline day (Vietnam time); a submission after that day is late.
    @OptionalField(key: "deadline") var deadline: Date?
    @OptionalField(key: "head_unit_id") var headUnitID: Int?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $group, $year, $deadline, $headUnitID] }
    init() {}
    init(groupID: Int, year: Int) {
        $group.id = groupID
        self.year = year
    }
}

/// A file a member sent: a plan (kế hoạch) or a scanned pledge. Stored like evidence files (`FileStore`).
final class GroupFileModel: Model, @unchecked Sendable {
    static let schema = "group_files"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "group_id") var group: UnitGroupModel
    @Field(key: "year") var year: Int
    @Field(key: "unit_id") var unitID: Int
    @Field(key: "original_name") var originalName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage") var storage: String
    @Field(key: "storage_key") var storageKey: String
    @OptionalField(key: "data") var data: Data?
    @OptionalField(key: "uploaded_by") var uploadedBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $group, $year, $unitID, $originalName, $contentType, $size, $sha256, $storage, $storageKey, $data,
            $uploadedBy, $createdAt,
        ]
    }
    init() {}
}

/// A member's submission of its plan and its list of exemplars for a year.
final class GroupSubmissionModel: Model, @unchecked Sendable {
    static let schema = "group_submissions"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "group_id") var group: UnitGroupModel
    @Field(key: "year") var year: Int
    @Parent(key: "unit_id") var unit: UnitModel
    /// Changed only by `move(to:)`.
    @Field(key: "status") private(set) var status: GroupSubmissionStatus
    @Field(key: "plan_file_id") var planFileID: Int
    /// The registrations listed as the member's exemplars, as JSON [Int].
    @Field(key: "exemplar_ids") var exemplarIDs: String
    @Field(key: "submitted_at") var submittedAt: Date
    @OptionalField(key: "submitted_by") var submittedBy: Int?
    @Field(key: "return_reason") var returnReason: String
    @OptionalField(key: "returned_at") var returnedAt: Date?
    /// When and by whom the standing office accepted it (tiếp nhận); cleared when it is returned or resubmitted.
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "accepted_by") var acceptedBy: Int?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $group, $year, $unit, $status, $planFileID, $exemplarIDs, $submittedAt, $submittedBy, $returnReason,
            $returnedAt, $acceptedAt, $acceptedBy,
        ]
    }
    init() {}

    init(groupID: Int, year: Int, unitID: Int) {
        $group.id = groupID
        self.year = year
        $unit.id = unitID
        self.status = .submitted
        returnReason = ""
        exemplarIDs = "[]"
        submittedAt = Date()
    }

    /// The only way a submission's status changes: a move `GroupSubmissionWorkflow` allows, or a 409.
    func move(to next: GroupSubmissionStatus) throws {
        try GroupSubmissionWorkflow.requireMove(of: "Hồ sơ cụm, khối", from: status, to: next)
        status = next
    }

    func exemplars() throws -> [Int] { try json(\.$exemplarIDs, as: [Int].self) }
}

/// A member's signature of the group's pledge (giao ước thi đua) at the start of the year.
final class GroupPledgeModel: Model, @unchecked Sendable {
    static let schema = "group_pledges"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "group_id") var group: UnitGroupModel
    @Field(key: "year") var year: Int
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "signed_on") var signedOn: Date
    @Field(key: "signer") var signer: String
    @OptionalField(key: "file_id") var fileID: Int?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $group, $year, $unit, $signedOn, $signer, $fileID] }
    init() {}
}

/// One member's points on one criterion of the scoring rule, for a year.
final class GroupScoreModel: Model, @unchecked Sendable {
    static let schema = "group_scores"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "group_id") var group: UnitGroupModel
    @Field(key: "year") var year: Int
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "criterion") var criterion: String
    @Field(key: "points") var points: Double
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $group, $year, $unit, $criterion, $points] }
    init() {}
}
