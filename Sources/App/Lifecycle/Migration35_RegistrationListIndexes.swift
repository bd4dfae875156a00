import Fluent
import SQLKit

/// One index per filter of the registration list, each ending in the list's order (sort_key, id): a filtered page
/// reads its rows in order from the index instead of sorting every matching row (issue 11). The unit index serves
/// a unit with no units under it; a subtree walks `registrations_order_idx` (Migration 24).
struct AddRegistrationListIndexes: AsyncMigration {
    var name: String { "AddRegistrationListIndexes" }

    static let indexes: [(name: String, column: String)] = [
        ("registrations_year_order_idx", "year"), ("registrations_unit_order_idx", "unit_id"),
        ("registrations_status_order_idx", "status"), ("registrations_type_order_idx", "subject_type_id"),
        ("registrations_field_order_idx", "field_code"), ("registrations_kind_order_idx", "subject_kind"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        for (name, column) in Self.indexes {
            try await sql.create(index: name).on("registrations").column(column).column("sort_key").column("id").run()
        }
        // Movement filter and scope: the registrations of a movement.
        try await sql.create(index: "registration_movements_movement_idx").on("registration_movements")
            .column("movement_id").column("registration_id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for (name, _) in Self.indexes { try await sql.drop(index: name).run() }
        try await sql.drop(index: "registration_movements_movement_idx").run()
    }
}
