import Fluent
import Foundation

/// An import of registrations from a file: its progress and its errors live in the database, so any
/// app instance can show them.
final class ImportJobModel: Model, @unchecked Sendable {
    static let schema = "import_jobs"
    enum Status: String { case validating, importing, done, failed
        var label: String {
            switch self { case .validating: return "Đang kiểm tra"; case .importing: return "Đang ghi vào cơ sở dữ liệu"; case .done: return "Đã nhập xong"; case .failed: return "Không nhập (tệp có lỗi)" }
        }
    }
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userID: Int
    @Field(key: "filename") var filename: String
    @Field(key: "status") var status: String
    @Field(key: "total") var total: Int
    @Field(key: "processed") var processed: Int
    @Field(key: "created_count") var createdCount: Int
    @Field(key: "error_count") var errorCount: Int
    /// The first errors, as JSON [{row, column, message}].
    @Field(key: "errors") var errors: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    init() {}
}

struct CreateImportJobs: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("import_jobs")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("status", .string, .required)
            .field("total", .int, .required)
            .field("processed", .int, .required)
            .field("created_count", .int, .required)
            .field("error_count", .int, .required)
            .field("errors", .string, .required)
            .field("created_at", .datetime)
            .field("finished_at", .datetime)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("import_jobs").delete() }
}
