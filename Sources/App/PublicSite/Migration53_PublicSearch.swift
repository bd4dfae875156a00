import Fluent
import SQLKit

/// The public site's lookups among the public exemplars only (issue 11), after migration 52 put the public rule on
/// the subject's row (`subjects.public_exemplar`):
/// - `subjects_public_unit_idx (unit_id, sort_key, id) WHERE public_exemplar`: a commune's or district's page of the
///   directory reads its own units' public exemplars. It walked all 37,679 public exemplars nationally in name order
///   for the few of one commune (56 ms on SQLite, 41 ms on PostgreSQL for a hamlet that has none).
/// - The public search's names: SQLite, an FTS5 table `subjects_public_exemplar_fts` of the public exemplars'
///   folded names, kept by triggers that follow the flag; PostgreSQL, a pg_trgm GIN index over the same rows. The
///   search tested every public exemplar's name with `LIKE '%…%'` (78–100 ms on SQLite for a name nobody has).
/// - PostgreSQL: `units_path_pattern_idx (path text_pattern_ops)`, so that `path LIKE '/1/5/%'` reads a subtree from
///   an index whatever the database's collation (the ordinary index serves it only under the C collation).
struct AddPublicSearch: AsyncMigration {
    var name: String { "AddPublicSearch" }

    static let search = FoldedTextSearch(table: "subjects", only: "public_exemplar")

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw(
            "CREATE INDEX subjects_public_unit_idx ON subjects (unit_id, sort_key, id) WHERE public_exemplar"
        ).run()
        try await Self.search.create(on: database)
        if database.isPostgres {
            try await sql.raw("CREATE INDEX units_path_pattern_idx ON units (path text_pattern_ops)").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres { try await sql.raw("DROP INDEX IF EXISTS units_path_pattern_idx").run() }
        try await Self.search.drop(on: database)
        try await sql.raw("DROP INDEX IF EXISTS subjects_public_unit_idx").run()
    }
}
