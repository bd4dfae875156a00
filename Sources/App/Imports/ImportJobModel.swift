import Domain
import Fluent
import Foundation

/// An import of registrations from a file: its progress and its errors live in the database, so any
/// app instance can show them.
final class ImportJobModel: Model, @unchecked Sendable {
    static let schema = "import_jobs"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userID: Int
    @Field(key: "filename") var filename: String
    /// Changed only by `move(to:)`.
    @Field(key: "status") private(set) var status: ImportJobStatus
    @Field(key: "total") var total: Int
    @Field(key: "processed") var processed: Int
    @Field(key: "created_count") var createdCount: Int
    @Field(key: "error_count") var errorCount: Int
    /// The first errors, as JSON [{row, column, message}].
    @Field(key: "errors") var errors: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    /// Touched every `ImportService.heartbeat` while the job runs; nil before migration 12.
    @OptionalField(key: "heartbeat_at") var heartbeatAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $userID, $filename, $status, $total, $processed, $createdCount, $errorCount, $errors, $createdAt,
            $finishedAt, $heartbeatAt,
        ]
    }
    init() {}

    /// A new job: validating the file, nothing done yet.
    init(userID: Int, filename: String, total: Int) {
        self.userID = userID
        self.filename = filename
        self.total = total
        self.status = .validating
        processed = 0
        createdCount = 0
        errorCount = 0
        errors = "[]"
        heartbeatAt = Date()
    }

    /// The only way a job's status changes: a move `ImportJobWorkflow` allows, or a 409 naming both statuses.
    func move(to next: ImportJobStatus) throws {
        try ImportJobWorkflow.requireMove(of: "Lần nhập “\(filename)”", from: status, to: next)
        status = next
    }

    /// The kept errors; a stored value that does not decode is an error, not an empty list.
    func errorItems() throws -> [ImportErrorItem] { try json(\.$errors, as: [ImportErrorItem].self) }
}
