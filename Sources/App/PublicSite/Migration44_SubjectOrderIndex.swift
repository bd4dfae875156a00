import Fluent
import SQLKit

/// The public exemplar directory's order, subjects (sort_key, id), as an index: a page "after this subject" walks
/// the next subjects in order instead of sorting the whole table (a million subjects at national scale).
struct AddSubjectOrderIndex: AsyncMigration {
    var name: String { "AddSubjectOrderIndex" }

    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "subjects_order_idx").on("subjects").column("sort_key").column("id")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "subjects_order_idx").run()
    }
}
