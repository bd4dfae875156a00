import Domain
import Fluent
import Vapor

/// An answer to a judgement condition for one subject and year (issue 9, item 1).
final class JudgementAnswerModel: Model, @unchecked Sendable {
    static let schema = "judgement_answers"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "subject_id") var subject: SubjectModel
    @Field(key: "year") var year: Int
    /// The rule file's judgement key ("tu-luc-doan-ket").
    @Field(key: "key") var key: String
    @Field(key: "answer") var answer: Bool
    /// `JudgementRole` code: "unitHead" or "council".
    @Field(key: "capacity") var capacity: String
    /// The council meeting at which the council answered, when it is one of ours.
    @OptionalField(key: "meeting_id") var meetingID: Int?
    /// The meeting as typed ("phiên họp số 3 ngày 15/12/2025"), or the meeting's title.
    @Field(key: "meeting_label") var meetingLabel: String
    @OptionalField(key: "answered_by") var answeredBy: Int?
    @Field(key: "answered_by_name") var answeredByName: String
    /// yyyy-MM-dd
    @Field(key: "answered_day") var answeredDay: String
    @Field(key: "note") var note: String
    @OptionalField(key: "evidence_file_id") var evidenceFileID: Int?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $subject, $year, $key, $answer, $capacity, $meetingID, $meetingLabel, $answeredBy, $answeredByName,
            $answeredDay, $note, $evidenceFileID, $answeredAt,
        ]
    }
    init() {}

    var answeredAs: JudgementRole { JudgementRole(rawValue: capacity) ?? .unitHead }

    /// "Thủ trưởng đơn vị (cb.dakruong), 15/12/2025" — named in an unmet reason.
    var answererLabel: String {
        var s = answeredAs.label
        if answeredAs == .council, !meetingLabel.isEmpty { s += " tại \(meetingLabel)" }
        return s + " (\(answeredByName)), \(answeredDay.isoToVietnamese)"
    }
}
