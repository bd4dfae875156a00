import Fluent
import SQLKit

struct CreateCatalogue: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("catalogue_versions")
            .field("id", .int, .identifier(auto: true))
            .field("version", .string, .required)
            .field("title", .string, .required)
            .field("legal_basis", .string, .required)
            .field("effective_from", .string, .required)
            .field("content", .string, .required)
            .field("loaded_at", .datetime)
            .unique(on: "version")
            .create()
        try await db.schema("catalogue_fields")
            .field("id", .int, .identifier(auto: true))
            .field("version_id", .int, .required, .references("catalogue_versions", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("note", .string)
            .unique(on: "version_id", "code")
            .create()
        try await db.schema("catalogue_subject_types")
            .field("id", .int, .identifier(auto: true))
            .field("version_id", .int, .required, .references("catalogue_versions", "id", onDelete: .cascade))
            .field("category", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("group_name", .string)
            .field("field_code", .string)
            .field("movement_code", .string)
            .field("section", .string, .required)
            .field("standard", .string, .required)
            .field("subject_kinds", .string, .required)
            .field("position", .int, .required)
            .unique(on: "version_id", "code")
            .create()
        try await db.schema("catalogue_criteria")
            .field("id", .int, .identifier(auto: true))
            .field("version_id", .int, .required, .references("catalogue_versions", "id", onDelete: .cascade))
            .field("subject_type_id", .int, .references("catalogue_subject_types", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("text", .string, .required)
            .field("kind", .string, .required)
            .field("params", .string, .required)
            .field("section", .string, .required)
            .field("position", .int, .required)
            .unique(on: "version_id", "code")
            .create()
    }
    func revert(on db: any Database) async throws {
        for t in ["catalogue_criteria", "catalogue_subject_types", "catalogue_fields", "catalogue_versions"] {
            try await db.schema(t).delete()
        }
    }
}
