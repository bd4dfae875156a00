import Fluent
import SQLKit

/// The counts kept on write (`RegistrationTallies`): the cells, the log of deltas not yet folded into them, what each
/// registration last added, and the counts
/// of the registrations already there. Migration 45's index stays for the movement dashboards, which still count
/// registrations directly.
struct AddRegistrationTallies: AsyncMigration {
    var name: String { "AddRegistrationTallies" }

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw(
            """
            CREATE TABLE registration_tallies (
              scope_id INTEGER NOT NULL, year INTEGER NOT NULL, dim TEXT NOT NULL, item TEXT NOT NULL,
              n INTEGER NOT NULL, PRIMARY KEY (scope_id, year, dim, item))
            """
        ).run()
        try await sql.raw(
            """
            CREATE TABLE registration_tally_deltas (
              scope_id INTEGER NOT NULL, year INTEGER NOT NULL, dim TEXT NOT NULL, item TEXT NOT NULL,
              n INTEGER NOT NULL)
            """
        ).run()
        try await sql.create(index: "registration_tally_deltas_idx").on("registration_tally_deltas")
            .column("scope_id").column("year").column("dim").column("item").run()
        try await sql.raw("ALTER TABLE registrations ADD COLUMN tally_key TEXT").run()
        try await RegistrationTallies.rebuild(on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP TABLE registration_tally_deltas").run()
        try await sql.raw("DROP TABLE registration_tallies").run()
        try await sql.raw("ALTER TABLE registrations DROP COLUMN tally_key").run()
    }
}
