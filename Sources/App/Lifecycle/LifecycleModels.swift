import Domain
import Fluent
import Foundation

/// A collective, individual or household whose identity persists across years (and across units).
final class SubjectModel: Model, @unchecked Sendable {
    static let schema = "subjects"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    /// Folded name for search; `sort_key` orders people by given name first.
    @Field(key: "search_text") var searchText: String
    @Field(key: "sort_key") var sortKey: String
    @Parent(key: "unit_id") var unit: UnitModel
    @OptionalField(key: "represents_unit_id") var representsUnitID: Int?
    @OptionalField(key: "heads_unit_id") var headsUnitID: Int?
    @Field(key: "gender") var gender: String
    @Field(key: "ethnicity") var ethnicity: String
    @Field(key: "position") var position: String
    // Personal data: shown only to roles that need it (Policy: .personalData).
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "id_number") var idNumber: String
    @Field(key: "phone") var phone: String
    @Field(key: "address") var address: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $kind, $name, $searchText, $sortKey, $unit, $representsUnitID, $headsUnitID, $gender, $ethnicity,
            $position, $birthDate, $idNumber, $phone, $address, $createdAt, $updatedAt,
        ]
    }
    init() {}

    var subjectKind: SubjectKind { SubjectKind(rawValue: kind) ?? .individual }
    func refreshSearch() {
        searchText = Self.searchText(name: name)
        sortKey = Self.sortKey(kind: subjectKind, name: name)
    }

    static func searchText(name: String) -> String { VietnameseText.fold(name) }

    /// People by given name first; collectives and households by their whole name; Vietnamese alphabet order.
    static func sortKey(kind: SubjectKind, name: String) -> String {
        kind == .individual ? VietnameseText.personSortKey(name) : VietnameseText.sortKey(name)
    }
}

/// A new subject's columns, as written, from its cleaned input: one definition for a subject made through its form
/// (`RegistrationService.makeSubject`) and for the rows an import writes without a model each.
struct SubjectRow: Sendable {
    let kind: String
    let name: String
    let searchText: String
    let sortKey: String
    let unitID: Int
    let gender: String
    let ethnicity: String
    let position: String
    /// ISO (yyyy-mm-dd), or empty.
    let birthDate: String
    let idNumber: String
    let phone: String
    let address: String
    let headsUnitID: Int?
    let representsUnitID: Int?

    init(_ s: SubjectInput, unitID: Int) {
        kind = s.kind
        name = s.name
        searchText = SubjectModel.searchText(name: s.name)
        sortKey = SubjectModel.sortKey(kind: SubjectKind(rawValue: s.kind) ?? .individual, name: s.name)
        self.unitID = unitID
        gender = s.gender ?? ""
        ethnicity = s.ethnicity ?? ""
        position = s.position ?? ""
        birthDate = (s.birthDate ?? "").isEmpty ? "" : (VietnameseDate.displayToISO(s.birthDate ?? "") ?? "")
        idNumber = s.idNumber ?? ""
        phone = s.phone ?? ""
        address = s.address ?? ""
        headsUnitID = s.headsUnitID
        representsUnitID = s.representsUnitID
    }

    /// Who the subject is within its unit: unit, kind, folded name and ID number (an import reuses a subject with the
    /// same identity).
    var identity: String { Self.identity(unitID: unitID, kind: kind, searchText: searchText, idNumber: idNumber) }

    static func identity(unitID: Int, kind: String, searchText: String, idNumber: String) -> String {
        "\(unitID)|\(kind)|\(searchText)|\(idNumber)"
    }
}

/// What a subject achieved in a year: rating, titles, discipline, leave, and a collective's member counts.
/// Initiatives and awards have tables of their own (`initiatives`, `awards`).
final class AnnualRecordModel: Model, @unchecked Sendable {
    static let schema = "annual_records"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "subject_id") var subject: SubjectModel
    @Field(key: "year") var year: Int
    @OptionalField(key: "task_rating") var taskRating: String?
    /// Titles held that year, separated by "|".
    @Field(key: "titles") var titles: String
    @Field(key: "note") var note: String
    /// Discipline imposed that year (`DisciplineLevel` code); nil = none.
    @OptionalField(key: "discipline") var discipline: String?
    @Field(key: "discipline_pending") var disciplinePending: Bool
    @Field(key: "maternity_leave") var maternityLeave: Bool
    @Field(key: "treatment_leave") var treatmentLeave: Bool
    /// Households: exclusions found, "|"-separated; nil = not checked, "" = checked, none.
    @OptionalField(key: "family_exclusions") var familyExclusions: String?
    // Collectives: member counts for the collective titles.
    @OptionalField(key: "member_count") var memberCount: Int?
    @OptionalField(key: "members_completing") var membersCompleting: Int?
    @OptionalField(key: "members_ldtt") var membersLDTT: Int?
    @OptionalField(key: "members_cstd") var membersCSTD: Int?
    @OptionalField(key: "members_disciplined") var membersDisciplined: Int?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $subject, $year, $taskRating, $titles, $note, $discipline, $disciplinePending, $maternityLeave,
            $treatmentLeave, $familyExclusions, $memberCount, $membersCompleting, $membersLDTT, $membersCSTD,
            $membersDisciplined,
        ]
    }
    init() {}
    var titleSet: Set<String> {
        Set(titles.split(separator: "|").map { VietnameseText.clean(String($0)) }.filter { !$0.isEmpty })
    }
}

/// A yearly registration of a model or exemplar (đăng ký), the centre of the lifecycle.
final class RegistrationModel: Model, @unchecked Sendable {
    static let schema = "registrations"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "subject_id") var subject: SubjectModel
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "year") var year: Int
    @Field(key: "subject_kind") var subjectKind: String
    @OptionalParent(key: "subject_type_id") var subjectType: SubjectTypeModel?
    @Field(key: "catalogue_version") var catalogueVersion: String
    @Field(key: "field_code") var fieldCode: String
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "goals") var goals: String
    @Field(key: "contact") var contact: String
    /// Changed only by `move(to:)`, which `RegistrationService.transition` calls after the workflow's guards.
    @Field(key: "status") private(set) var status: RegistrationStatus
    /// Folded subject name, title and unit name, for search that ignores diacritics.
    @Field(key: "search_text") var searchText: String
    @Field(key: "sort_key") var sortKey: String
    @Siblings(through: RegistrationMovementModel.self, from: \.$registration, to: \.$movement) var movements:
        [MovementModel]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $subject, $unit, $year, $subjectKind, $subjectType, $catalogueVersion, $fieldCode, $title,
            $description, $goals, $contact, $status, $searchText, $sortKey, $movements, $createdAt, $updatedAt,
        ]
    }
    init() {}

    /// A new registration: registered.
    init(subjectID: Int, unitID: Int, year: Int) {
        self.$subject.id = subjectID
        self.$unit.id = unitID
        self.year = year
        self.status = .registered
    }

    /// The only way a registration's status changes: a move `RegistrationWorkflow` allows, or a 409 naming both
    /// statuses. The guards and reasons (`RegistrationWorkflow.check`) are `RegistrationService.transition`'s.
    func move(to next: RegistrationStatus) throws {
        try RegistrationWorkflow.requireMove(of: "Đăng ký", from: status, to: next)
        status = next
    }
}

final class RegistrationMovementModel: Model, @unchecked Sendable {
    static let schema = "registration_movements"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "registration_id") var registration: RegistrationModel
    @Parent(key: "movement_id") var movement: MovementModel
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $registration, $movement] }
    init() {}
}

/// Each status change: who, when, why.
final class RegistrationTransitionModel: Model, @unchecked Sendable {
    static let schema = "registration_transitions"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "registration_id") var registration: RegistrationModel
    @Field(key: "from_status") var fromStatus: PriorStatus<RegistrationStatus>
    @Field(key: "to_status") var toStatus: RegistrationStatus
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "username") var username: String
    @Field(key: "reason") var reason: String
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $registration, $fromStatus, $toStatus, $at, $userID, $username, $reason]
    }
    init() {}
}

/// A nurturing action (kế hoạch bồi dưỡng): who is responsible, by when, done or not.
final class NurturingActionModel: Model, @unchecked Sendable {
    static let schema = "nurturing_actions"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "registration_id") var registration: RegistrationModel
    @Field(key: "title") var title: String
    @Field(key: "responsible") var responsible: String
    @OptionalField(key: "responsible_unit_id") var responsibleUnitID: Int?
    /// ISO date yyyy-mm-dd (sorts and compares as text on both databases).
    @Field(key: "due_date") var dueDate: String
    /// Changed only by `move(to:)`, which keeps `doneAt` in step.
    @Field(key: "status") private(set) var status: ActionStatus
    @OptionalField(key: "done_at") var doneAt: Date?
    @Field(key: "note") var note: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $registration, $title, $responsible, $responsibleUnitID, $dueDate, $status, $doneAt, $note, $createdAt]
    }
    init() {}

    /// A new action, in the status given (planned unless the form says otherwise).
    init(registrationID: Int, status: ActionStatus) {
        self.$registration.id = registrationID
        self.status = status
        doneAt = status == .done ? Date() : nil
    }

    /// Any status may follow any other (an action has no workflow table); `doneAt` records when it was done.
    func move(to next: ActionStatus) {
        guard next != status else { return }
        status = next
        doneAt = next == .done ? Date() : nil
    }
}

/// A periodic inspection and evaluation (kiểm tra, đánh giá định kỳ), §II.3–4.
final class EvaluationModel: Model, @unchecked Sendable {
    static let schema = "evaluations"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "registration_id") var registration: RegistrationModel
    @Field(key: "date") var date: String
    @Field(key: "period") var period: String
    @Field(key: "evaluator") var evaluator: String
    @Field(key: "effect") var effect: String
    @Field(key: "effectiveness") var effectiveness: String
    @Field(key: "growth_potential") var growthPotential: String
    @Field(key: "influence") var influence: String
    @Field(key: "difficulties") var difficulties: String
    @Field(key: "help_given") var helpGiven: String
    @Field(key: "conclusion") var conclusion: EvaluationConclusion
    @Field(key: "summary") var summary: String
    @Field(key: "met_count") var metCount: Int
    @Field(key: "unmet_count") var unmetCount: Int
    @Field(key: "missing_count") var missingCount: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    /// Coverage in the media log counted toward influence for the evaluated period (issue 10 §3); nil before it.
    @OptionalField(key: "media_count") var mediaCount: Int?
    @Children(for: \.$evaluation) var results: [EvaluationResultModel]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $registration, $date, $period, $evaluator, $effect, $effectiveness, $growthPotential, $influence,
            $difficulties, $helpGiven, $conclusion, $summary, $metCount, $unmetCount, $missingCount, $createdBy,
            $mediaCount, $results, $createdAt,
        ]
    }
    init() {}
}

final class EvaluationResultModel: Model, @unchecked Sendable {
    static let schema = "evaluation_results"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "evaluation_id") var evaluation: EvaluationModel
    @Field(key: "source") var source: String
    @Field(key: "criterion_code") var criterionCode: String
    @Field(key: "criterion_text") var criterionText: String
    @Field(key: "kind") var kind: String
    /// The typed values (CriterionInput) as JSON.
    @Field(key: "input") var input: String
    @Field(key: "outcome") var outcome: String
    @Field(key: "reason") var reason: String
    /// The value compared across a locality (rankInLocality), kept as a number for queries.
    @OptionalField(key: "value") var value: Double?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $evaluation, $source, $criterionCode, $criterionText, $kind, $input, $outcome, $reason, $value]
    }
    init() {}

    /// The typed values given; a stored value that does not decode is an error.
    func criterionInput() throws -> CriterionInput { try json(\.$input, as: CriterionInput.self) }
}

/// An evidence file: stored outside the web root under a generated name, or in the database.
final class EvidenceFileModel: Model, @unchecked Sendable {
    static let schema = "evidence_files"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "registration_id") var registration: RegistrationModel
    @OptionalField(key: "evaluation_id") var evaluationID: Int?
    @Field(key: "original_name") var originalName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage") var storage: String
    @Field(key: "storage_key") var storageKey: String
    @OptionalField(key: "data") var data: Data?
    @Field(key: "description") var description: String
    @OptionalField(key: "uploaded_by") var uploadedBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $registration, $evaluationID, $originalName, $contentType, $size, $sha256, $storage, $storageKey,
            $data, $description, $uploadedBy, $createdAt,
        ]
    }
    init() {}
}

/// A unit's own criterion for a year (§III closing paragraph).
final class UnitCriterionModel: Model, @unchecked Sendable {
    static let schema = "unit_criteria"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "year") var year: Int
    @Field(key: "code") var code: String
    @Field(key: "text") var text: String
    @Field(key: "kind") var kind: String
    /// The CriterionSpec as JSON (kind and parameters).
    @Field(key: "spec") var spec: String
    /// Comma-separated subject kinds it applies to; empty = all.
    @Field(key: "subject_kinds") var subjectKinds: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $unit, $year, $code, $text, $kind, $spec, $subjectKinds, $createdAt] }
    init() {}

    /// The stored spec; a value that does not decode is an error (it used to become a yes/no criterion).
    func criterionSpec() throws -> CriterionSpec { try json(\.$spec, as: CriterionSpec.self) }
}
