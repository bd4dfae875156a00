import Fluent
import SQLKit

/// A migration that adds one index, `index` on `table (columns)`, and drops it when reverted: the migrations that
/// serve a query by an index alone (44, 54, 57) are each one of these, named as they were when they were structs of
/// their own (the name is what the migrations table remembers).
struct IndexMigration: AsyncMigration {
    let name: String
    let index: String
    let table: String
    let columns: [String]

    func prepare(on database: any Database) async throws {
        var create = try database.sql().create(index: index).on(table)
        for c in columns { create = create.column(c) }
        try await create.run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: index).ifExists().run()
    }
}
