import Fluent
import SQLKit

/// Every schema change, in order. One migration per change; the same list runs on SQLite and PostgreSQL.
enum Migrations {
    static let all: [any AsyncMigration] = [
        CreateUnits(),
        CreateUnitGroups(),
        CreateUsers(),
        CreateAuthTokens(),
        CreateAuditEntries(),
        CreateCatalogue(),
        CreateMovements(),
        CreateLifecycle(),
        CreateImportJobs(),
    ]
}

struct CreateUnits: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("units")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .int, .references("units", "id", onDelete: .restrict))
            .field("path", .string, .required)
            .field("place", .string, .required)
            .field("abbreviation", .string, .required)
            .field("search_text", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await db.sql().create(index: "units_path_idx").on("units").column("path").run()
        try await db.sql().create(index: "units_parent_idx").on("units").column("parent_id").run()
    }
    func revert(on db: any Database) async throws { try await db.schema("units").delete() }
}

struct CreateUnitGroups: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("unit_groups")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .unique(on: "code")
            .create()
        try await db.schema("unit_group_members")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("unit_groups", "id", onDelete: .cascade))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .cascade))
            .unique(on: "group_id", "unit_id")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("unit_group_members").delete()
        try await db.schema("unit_groups").delete()
    }
}

struct CreateUsers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users")
            .field("id", .int, .identifier(auto: true))
            .field("username", .string, .required)
            .field("full_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("unit_id", .int, .references("units", "id", onDelete: .restrict))
            .field("active", .bool, .required)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("users").delete() }
}

struct CreateAuthTokens: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("auth_tokens")
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("token_hash", .string, .required)
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("auth_tokens").delete() }
}

struct CreateAuditEntries: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .field("id", .int, .identifier(auto: true))
            .field("at", .datetime, .required)
            .field("user_id", .int)
            .field("username", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string)
            .field("unit_id", .int)
            .field("summary", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
        try await db.sql().create(index: "audit_entity_idx").on("audit_entries").column("entity").column("entity_id").run()
    }
    func revert(on db: any Database) async throws { try await db.schema("audit_entries").delete() }
}

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

struct CreateMovements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("movements")
            .field("id", .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("level", .string, .required)
            .field("from_year", .int, .required)
            .field("to_year", .int, .required)
            .field("description", .string, .required)
            .field("legal_basis", .string, .required)
            .field("search_text", .string, .required)
            .field("catalogue_version", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await db.schema("movement_agencies")
            .field("id", .int, .identifier(auto: true))
            .field("movement_id", .int, .required, .references("movements", "id", onDelete: .cascade))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("role", .string, .required)
            .unique(on: "movement_id", "unit_id")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("movement_agencies").delete()
        try await db.schema("movements").delete()
    }
}

/// The exemplar lifecycle: subjects, annual records, registrations, nurturing, evaluations, evidence, unit criteria.
struct CreateLifecycle: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("subjects")
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("search_text", .string, .required)
            .field("sort_key", .string, .required)
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("represents_unit_id", .int, .references("units", "id", onDelete: .setNull))
            .field("heads_unit_id", .int, .references("units", "id", onDelete: .setNull))
            .field("gender", .string, .required)
            .field("ethnicity", .string, .required)
            .field("position", .string, .required)
            .field("birth_date", .string, .required)
            .field("id_number", .string, .required)
            .field("phone", .string, .required)
            .field("address", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("annual_records")
            .field("id", .int, .identifier(auto: true))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("task_rating", .string)
            .field("titles", .string, .required)
            .field("note", .string, .required)
            .unique(on: "subject_id", "year")
            .create()
        try await db.schema("registrations")
            .field("id", .int, .identifier(auto: true))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .restrict))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("year", .int, .required)
            .field("subject_kind", .string, .required)
            .field("subject_type_id", .int, .references("catalogue_subject_types", "id", onDelete: .restrict))
            .field("catalogue_version", .string, .required)
            .field("field_code", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("goals", .string, .required)
            .field("contact", .string, .required)
            .field("status", .string, .required)
            .field("search_text", .string, .required)
            .field("sort_key", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "subject_id", "year")
            .create()
        let sql = try db.sql()
        try await sql.create(index: "registrations_year_unit_idx").on("registrations").column("year").column("unit_id").run()
        try await sql.create(index: "subjects_unit_idx").on("subjects").column("unit_id").run()
        try await db.schema("registration_movements")
            .field("id", .int, .identifier(auto: true))
            .field("registration_id", .int, .required, .references("registrations", "id", onDelete: .cascade))
            .field("movement_id", .int, .required, .references("movements", "id", onDelete: .restrict))
            .unique(on: "registration_id", "movement_id")
            .create()
        try await db.schema("registration_transitions")
            .field("id", .int, .identifier(auto: true))
            .field("registration_id", .int, .required, .references("registrations", "id", onDelete: .cascade))
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("at", .datetime, .required)
            .field("user_id", .int)
            .field("username", .string, .required)
            .field("reason", .string, .required)
            .create()
        try await db.schema("nurturing_actions")
            .field("id", .int, .identifier(auto: true))
            .field("registration_id", .int, .required, .references("registrations", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("responsible", .string, .required)
            .field("responsible_unit_id", .int, .references("units", "id", onDelete: .setNull))
            .field("due_date", .string, .required)
            .field("status", .string, .required)
            .field("done_at", .datetime)
            .field("note", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await sql.create(index: "nurturing_due_idx").on("nurturing_actions").column("status").column("due_date").run()
        try await db.schema("evaluations")
            .field("id", .int, .identifier(auto: true))
            .field("registration_id", .int, .required, .references("registrations", "id", onDelete: .cascade))
            .field("date", .string, .required)
            .field("period", .string, .required)
            .field("evaluator", .string, .required)
            .field("effect", .string, .required)
            .field("effectiveness", .string, .required)
            .field("growth_potential", .string, .required)
            .field("influence", .string, .required)
            .field("difficulties", .string, .required)
            .field("help_given", .string, .required)
            .field("conclusion", .string, .required)
            .field("summary", .string, .required)
            .field("met_count", .int, .required)
            .field("unmet_count", .int, .required)
            .field("missing_count", .int, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        try await db.schema("evaluation_results")
            .field("id", .int, .identifier(auto: true))
            .field("evaluation_id", .int, .required, .references("evaluations", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("criterion_code", .string, .required)
            .field("criterion_text", .string, .required)
            .field("kind", .string, .required)
            .field("input", .string, .required)
            .field("outcome", .string, .required)
            .field("reason", .string, .required)
            .field("value", .double)
            .create()
        try await db.schema("evidence_files")
            .field("id", .int, .identifier(auto: true))
            .field("registration_id", .int, .required, .references("registrations", "id", onDelete: .cascade))
            .field("evaluation_id", .int, .references("evaluations", "id", onDelete: .setNull))
            .field("original_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage", .string, .required)
            .field("storage_key", .string, .required)
            .field("data", .data)
            .field("description", .string, .required)
            .field("uploaded_by", .int)
            .field("created_at", .datetime)
            .create()
        try await db.schema("unit_criteria")
            .field("id", .int, .identifier(auto: true))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("code", .string, .required)
            .field("text", .string, .required)
            .field("kind", .string, .required)
            .field("spec", .string, .required)
            .field("subject_kinds", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "unit_id", "year", "code")
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in ["unit_criteria", "evidence_files", "evaluation_results", "evaluations", "nurturing_actions", "registration_transitions",
                  "registration_movements", "registrations", "annual_records", "subjects"] {
            try await db.schema(t).delete()
        }
    }
}
