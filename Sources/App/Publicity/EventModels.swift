import Domain
import Fluent
import Foundation

/// An event (issue 10 §4): a study visit, an experience talk, an interim or final review conference, organised by
/// a unit; access follows that unit (`Resource.event`).
final class EventModel: Model, @unchecked Sendable {
    static let schema = "events"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "unit_id") var unitID: Int
    @Field(key: "kind") var kind: EventKind
    @Field(key: "title") var title: String
    /// ISO date (yyyy-mm-dd): sorts as text, the list's key.
    @Field(key: "held_on") var heldOn: String
    @Field(key: "year") var year: Int
    /// As the office writes it: "08 giờ 00", "7h30"; free text.
    @Field(key: "time_text") var timeText: String
    @Field(key: "place") var place: String
    /// Changed only by `move(to:)`.
    @Field(key: "status") private(set) var status: EventStatus
    @Field(key: "outcomes") var outcomes: String
    /// Hand-entered document numbers ("15/GM-UBND"); empty until the office gives one.
    @Field(key: "invitation_number") var invitationNumber: String
    @Field(key: "report_number") var reportNumber: String
    /// The signature block's capacity lines, one a line ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"), and the signer's name.
    @Field(key: "signer_capacity") var signerCapacity: String
    @Field(key: "signer_name") var signerName: String
    /// "Nơi nhận", one a line.
    @Field(key: "recipients") var recipients: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $unitID, $kind, $title, $heldOn, $year, $timeText, $place, $status, $outcomes, $invitationNumber,
            $reportNumber, $signerCapacity, $signerName, $recipients, $createdBy, $createdAt, $updatedAt,
        ]
    }
    init() {}

    init(status: EventStatus = .planned) {
        self.status = status
    }

    /// The only way an event's status changes: a move `EventWorkflow` allows, or a 409 naming what is allowed.
    func move(to next: EventStatus) throws {
        try EventWorkflow.requireMove(of: "Sự kiện", from: status, to: next)
        status = next
    }

    var date: Date? { VietnameseDate.parse(VietnameseDate.isoToDisplay(heldOn)) }
    var displayDate: String { VietnameseDate.isoToDisplay(heldOn) }
}

/// What an exemplar was at an event: its host (the visit's model, the talk's speaker) or honoured there.
enum EventSubjectRole: String, Codable, Sendable, CaseIterable {
    case host
    case honoured

    /// The exemplar hosted the event (else it was honoured there).
    var isHost: Bool { self == .host }
}

final class EventSubjectModel: Model, @unchecked Sendable {
    static let schema = "event_subjects"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "event_id") var eventID: Int
    @Field(key: "subject_id") var subjectID: Int
    @Field(key: "role") var role: EventSubjectRole
    /// For an honoured exemplar: what it received ("Giấy khen", "biểu dương"); empty for a host.
    @Field(key: "honour") var honour: String
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $eventID, $subjectID, $role, $honour] }
    init() {}
    init(eventID: Int, subjectID: Int, role: EventSubjectRole, honour: String = "") {
        self.eventID = eventID
        self.subjectID = subjectID
        self.role = role
        self.honour = honour
    }
}

/// A participating unit.
final class EventUnitModel: Model, @unchecked Sendable {
    static let schema = "event_units"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "event_id") var eventID: Int
    @Field(key: "unit_id") var unitID: Int
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $eventID, $unitID] }
    init() {}
    init(eventID: Int, unitID: Int) {
        self.eventID = eventID
        self.unitID = unitID
    }
}

/// A participating person, as typed (name, position, unit).
final class EventPersonModel: Model, @unchecked Sendable {
    static let schema = "event_people"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "event_id") var eventID: Int
    @Field(key: "position") var position: Int
    @Field(key: "name") var name: String
    @Field(key: "title") var title: String
    @Field(key: "unit_name") var unitName: String
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $eventID, $position, $name, $title, $unitName] }
    init() {}
    var person: EventPerson { EventPerson(name: name, position: title, unit: unitName) }
}

/// A material of an event (programme, talk, slides, photos), stored like evidence files (`FileStore`).
final class EventFileModel: Model, @unchecked Sendable {
    static let schema = "event_files"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "event_id") var eventID: Int
    @Field(key: "original_name") var originalName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage") var storage: String
    @Field(key: "storage_key") var storageKey: String
    @OptionalField(key: "data") var data: Data?
    @OptionalField(key: "uploaded_by") var uploadedBy: Int?
    @Field(key: "created_at") var createdAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $eventID, $originalName, $contentType, $size, $sha256, $storage, $storageKey, $data, $uploadedBy,
            $createdAt,
        ]
    }
    init() {}
}
