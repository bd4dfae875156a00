import Fluent
import SQLKit

/// What a quota counts, registrations (year, unit_id, subject_kind, status), as a covering index: the count of a
/// unit's subtree probes each of its units without reading a registration row (`QuotaService.count`).
struct AddQuotaIndex: AsyncMigration {
    var name: String { "AddQuotaIndex" }

    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "registrations_quota_idx").on("registrations")
            .column("year").column("unit_id").column("subject_kind").column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "registrations_quota_idx").run()
    }
}
