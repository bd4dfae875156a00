/// The public directory filtered by a field (`/dien-hinh?linh-vuc=…`, issue 11) walks the public exemplars in name
/// order and asks, for each, whether it has a recognised registration in that field (`PublicQueries.isPublic(field:)`,
/// an `EXISTS`). That question was answered from `registrations (subject_id, year)` and then each registration's row
/// for its field and status: on PostgreSQL nationally 371 rows read at random for a page, 23–26 ms warm (123 ms
/// cold), the directory's slowest query. `registrations_subject_field_idx (subject_id, field_code, status)` holds
/// the whole answer, so each test reads the index alone: 1.4–1.6 ms (`EXPLAIN ANALYZE` on the national database).
enum AddPublicFieldIndex {
    static let index = "registrations_subject_field_idx"
    static let migration = IndexMigration(
        name: "AddPublicFieldIndex", index: index, table: "registrations",
        columns: ["subject_id", "field_code", "status"])
}
