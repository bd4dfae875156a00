import Fluent
import SQLKit

/// SQLite: the registrations' full-text table again, with prefix indexes for two, three and four letters (issue 11).
/// A searched word matches the start of a word, an FTS5 prefix query; without a prefix index FTS5 merges the
/// postings of every word that starts so, all of them, before it hands the first match (“sam day” at national scale:
/// tens of thousands of postings per query). With the index a common prefix is one posting list, read in rowid order
/// and stopped after a page (`RegistrationListing.Order.newest`). Measured on a million rows in Python's sqlite3: a
/// page of “sam* day*” 10 ms → 0.8 ms. PostgreSQL keeps its trigram index (migration 36).
struct AddSearchPrefixIndex: AsyncMigration {
    var name: String { "AddSearchPrefixIndex" }

    static func table(prefix: String?) -> String {
        FoldedTextSearch(table: "registrations", prefix: prefix).createTable
    }

    func prepare(on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await rebuild(prefix: "2 3 4", on: database)
    }

    func revert(on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await rebuild(prefix: nil, on: database)
    }

    /// The triggers stay (they name the table); the table is made again and filled from `registrations`.
    private func rebuild(prefix: String?, on database: any Database) async throws {
        let sql = try database.sql()
        for statement in [
            "DROP TABLE registrations_fts", Self.table(prefix: prefix),
            "INSERT INTO registrations_fts(registrations_fts) VALUES ('rebuild')",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }
}
