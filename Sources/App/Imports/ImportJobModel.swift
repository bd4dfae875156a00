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
