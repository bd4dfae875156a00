import Fluent
import SQLKit

/// The public directory filtered by a field (`/dien-hinh?linh-vuc=…`, issue 11) walks the public exemplars in name
/// order and asks, for each, whether it has a recognised registration in that field (`PublicQueries.isPublic(field:)`,
/// an `EXISTS`). That question was answered from `registrations (subject_id, year)` and then each registration's row
/// for its field and status: on PostgreSQL nationally 371 rows read at random for a page, 23–26 ms warm (123 ms
/// cold), the directory's slowest query. `registrations_subject_field_idx (subject_id, field_code, status)` holds
/// the whole answer, so each test reads the index alone: 1.4–1.6 ms (`EXPLAIN ANALYZE` on the national database).
struct AddPublicFieldIndex: AsyncMigration {
    var name: String { "AddPublicFieldIndex" }

    static let index = "registrations_subject_field_idx"

    func prepare(on database: any Database) async throws {
        try await database.sql().raw(
            "CREATE INDEX \(unsafeRaw: Self.index) ON registrations (subject_id, field_code, status)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX IF EXISTS \(unsafeRaw: Self.index)").run()
    }
}
