import Domain
import Fluent
import Foundation

/// A member of the Emulation and Commendation Council (Hội đồng Thi đua - Khen thưởng).
final class CouncilMemberModel: Model, @unchecked Sendable {
    static let schema = "council_members"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    /// Role in the council and office ("Chủ tịch Hội đồng — Chủ tịch UBND huyện").
    @Field(key: "position") var position: String
    @OptionalParent(key: "unit_id") var unit: UnitModel?
    /// The account that votes on line; nil when the member only votes on paper.
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "active") var active: Bool
    @Field(key: "sort") var sort: Int
    /// The council the seat belongs to.
    @OptionalParent(key: "authority_id") var authority: AuthorityModel?
    @Field(key: "council_role") var councilRole: CouncilRole
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $name, $position, $unit, $userID, $active, $sort, $authority, $councilRole]
    }
    init() {}
}

/// A council meeting that considers appraised dossiers.
final class CouncilMeetingModel: Model, @unchecked Sendable {
    static let schema = "council_meetings"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "title") var title: String
    /// yyyy-MM-dd
    @Field(key: "meeting_date") var meetingDate: String
    @Field(key: "location") var location: String
    @Field(key: "chair") var chair: String
    @Field(key: "secretary") var secretary: String
    /// Changed only by `move(to:)`.
    @Field(key: "status") private(set) var status: MeetingStatus
    @Field(key: "rule_set_id") var ruleSetID: String
    @Field(key: "notes") var notes: String
    @OptionalField(key: "total_members") var totalMembers: Int?
    @OptionalField(key: "present_count") var presentCount: Int?
    /// The council that meets.
    @OptionalParent(key: "authority_id") var authority: AuthorityModel?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $title, $meetingDate, $location, $chair, $secretary, $status, $ruleSetID, $notes, $totalMembers,
            $presentCount, $authority, $createdAt,
        ]
    }
    init() {}

    /// A new meeting: preparing (attendance not yet taken).
    init(meetingDate: String, ruleSetID: String) {
        self.meetingDate = meetingDate
        self.ruleSetID = ruleSetID
        self.status = .preparing
        notes = ""
    }

    /// The only way a meeting's status changes: a move `MeetingWorkflow` allows, or a 409 naming both statuses.
    func move(to next: MeetingStatus) throws {
        try MeetingWorkflow.requireMove(of: "Cuộc họp Hội đồng", from: status, to: next)
        status = next
    }
}

/// Who attended; an absent member may send a written vote.
final class CouncilAttendanceModel: Model, @unchecked Sendable {
    static let schema = "council_attendance"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "meeting_id") var meeting: CouncilMeetingModel
    @Parent(key: "member_id") var member: CouncilMemberModel
    @Field(key: "present") var present: Bool
    @Field(key: "written") var written: Bool
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $meeting, $member, $present, $written] }
    init() {}
}

/// That a member took part in the vote on a nominee (or recused): public. The choice is not here.
final class CouncilVoteCastModel: Model, @unchecked Sendable {
    static let schema = "council_votes_cast"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "meeting_id") var meetingID: Int
    @Field(key: "member_id") var memberID: Int
    @Field(key: "nominee_id") var nomineeID: Int
    @Field(key: "written") var written: Bool
    @Field(key: "recused") var recused: Bool
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $meetingID, $memberID, $nomineeID, $written, $recused] }
    init() {}
}

/// The secret-ballot count for one nominee: only running totals, so no single choice is stored anywhere.
final class CouncilTallyModel: Model, @unchecked Sendable {
    static let schema = "council_tallies"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "meeting_id") var meetingID: Int
    @Field(key: "nominee_id") var nomineeID: Int
    @Field(key: "yes") var yes: Int
    @Field(key: "no") var no: Int
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $meetingID, $nomineeID, $yes, $no] }
    init() {}
}
