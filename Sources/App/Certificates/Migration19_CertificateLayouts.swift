import Fluent
import SQLKit

/// Issue 14, item 1: each authority's layouts of its pre-printed certificate blanks.
struct CreateCertificateLayouts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("certificate_layouts")
            .field("id", .int, .identifier(auto: true))
            .field("authority_id", .int, .required, .references("authorities", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("paper", .string, .required)
            .field("orientation", .string, .required)
            .field("form_codes", .string, .required)
            .field("achievement", .string, .required)
            .field("fields", .string, .required)
            .field("is_default", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.raw("CREATE INDEX certificate_layouts_authority_idx ON certificate_layouts (authority_id, id)")
            .run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("certificate_layouts").delete()
    }
}
