import Fluent
import SQLKit

/// An index in the order of each list that pages by cursor (`QueryBuilder.keysetPage`, issue 11): a page walks the
/// index from its cursor and stops after a page, where `COUNT(*)` and `OFFSET` read every row before it. The units
/// by place in the tree, each subject's awards by year (the award lookup walks the subjects by name, migration 44),
/// the dossiers by year, the audit log of one kind of record by id. Users and movements page by their unique name
/// and code, whose indexes exist. `ListPagingTests` checks the plans.
struct AddListOrderIndexes: AsyncMigration {
    var name: String { "AddListOrderIndexes" }

    static let indexes: [(name: String, table: String, columns: String)] = [
        ("units_path_id_idx", "units", "path, id"),
        ("awards_subject_year_idx", "awards", "subject_id, year DESC, id"),
        ("dossiers_year_id_idx", "dossiers", "year, id"),
        ("audit_entries_entity_id_idx", "audit_entries", "entity, id"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        for i in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: i.name) ON \(unsafeRaw: i.table) (\(unsafeRaw: i.columns))")
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for i in Self.indexes { try await sql.drop(index: i.name).run() }
    }
}
