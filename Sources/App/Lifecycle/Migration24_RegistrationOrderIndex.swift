import Fluent
import SQLKit

/// The registration list's order, (sort_key, id), as an index: a page or an export chunk "after this row" reads
/// the next rows in order instead of sorting every matching row (issue 11).
struct AddRegistrationOrderIndex: AsyncMigration {
    var name: String { "AddRegistrationOrderIndex" }

    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "registrations_order_idx").on("registrations")
            .column("sort_key").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "registrations_order_idx").run()
    }
}
