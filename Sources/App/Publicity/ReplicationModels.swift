import Domain
import Fluent
import Foundation

/// A unit's adoption of a model or exemplar's way of working (nhân rộng): which registration it comes from, who
/// adopted it, when, with what adaptation, and who answers for it.
final class ReplicationModel: Model, @unchecked Sendable {
    static let schema = "replications"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// The model: the registration whose standard the results are measured against.
    @Parent(key: "registration_id") var registration: RegistrationModel
    /// The model's subject (kept with it so a subject's spread over its years is one query).
    @Field(key: "subject_id") var subjectID: Int
    @Parent(key: "adopting_unit_id") var adoptingUnit: UnitModel
    /// ISO date yyyy-mm-dd.
    @Field(key: "adopted_on") var adoptedOn: String
    /// The year of `adoptedOn` (lists, dashboards and reports count by it).
    @Field(key: "year") var year: Int
    /// What was changed for local conditions.
    @Field(key: "adaptation") var adaptation: String
    /// The person answering for the adoption (a name and position, not an account).
    @Field(key: "responsible") var responsible: String
    /// Changed only by `move(to:)`.
    @Field(key: "status") private(set) var status: ReplicationStatus
    @OptionalField(key: "created_by") var createdBy: Int?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $registration, $subjectID, $adoptingUnit, $adoptedOn, $year, $adaptation, $responsible, $status,
            $createdBy, $createdAt, $updatedAt,
        ]
    }
    init() {}

    init(registrationID: Int, subjectID: Int) {
        self.$registration.id = registrationID
        self.subjectID = subjectID
        self.status = .adopting
        createdAt = Date()
        updatedAt = createdAt
    }

    /// The only way an adoption's status changes: a move `ReplicationWorkflow` allows, or a 409 naming both.
    func move(to next: ReplicationStatus) throws {
        try ReplicationWorkflow.requireMove(of: "Nhân rộng", from: status, to: next)
        status = next
    }
}

/// One criterion's outcome in an assessment of an adoption, as the criteria engine judged it.
struct ReplicationCriterionResult: Codable, Sendable, Equatable {
    let code: String
    let text: String
    let kind: String
    let source: String
    let outcome: String
    let reason: String
}

/// The results of an adoption measured for a year against the model's standard (the same criteria engine as the
/// periodic evaluations): the counts, what the assessor typed per criterion, and each criterion's outcome.
final class ReplicationAssessmentModel: Model, @unchecked Sendable {
    static let schema = "replication_assessments"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "replication_id") var replication: ReplicationModel
    @Field(key: "year") var year: Int
    /// ISO date yyyy-mm-dd.
    @Field(key: "assessed_on") var assessedOn: String
    @Field(key: "assessor") var assessor: String
    @Field(key: "met_count") var metCount: Int
    @Field(key: "unmet_count") var unmetCount: Int
    @Field(key: "missing_count") var missingCount: Int
    /// Per criterion code, the typed values (`CriterionInput`) as JSON.
    @Field(key: "inputs") var inputs: String
    /// `[ReplicationCriterionResult]` as JSON.
    @Field(key: "results") var results: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Field(key: "created_at") var createdAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $replication, $year, $assessedOn, $assessor, $metCount, $unmetCount, $missingCount, $inputs, $results,
            $summary, $createdBy, $createdAt,
        ]
    }
    init() {}

    /// The typed values given; a stored value that does not decode is an error, never an empty answer.
    func criterionInputs() throws -> [String: CriterionInput] {
        try json(\.$inputs, as: [String: CriterionInput].self)
    }
    func criterionResults() throws -> [ReplicationCriterionResult] {
        try json(\.$results, as: [ReplicationCriterionResult].self)
    }
}
