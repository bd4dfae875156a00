import Fluent
import SQLKit

/// Issue 10 §5: a unit's adoption of a model (nhân rộng) with its adaptation, and the results measured later
/// against the model's standard through the criteria engine.
struct CreateReplications: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("replications")
            .field("id", .int, .identifier(auto: true))
            .field("registration_id", .int, .required, .references("registrations", "id", onDelete: .cascade))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .cascade))
            .field("adopting_unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("adopted_on", .string, .required)
            .field("year", .int, .required)
            .field("adaptation", .string, .required)
            .field("responsible", .string, .required)
            .field("status", .string, .required)
            .field("created_by", .int, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("replication_assessments")
            .field("id", .int, .identifier(auto: true))
            .field("replication_id", .int, .required, .references("replications", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("assessed_on", .string, .required)
            .field("assessor", .string, .required)
            .field("met_count", .int, .required)
            .field("unmet_count", .int, .required)
            .field("missing_count", .int, .required)
            .field("inputs", .string, .required)
            .field("results", .string, .required)
            .field("summary", .string, .required)
            .field("created_by", .int, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        let sql = db as! any SQLDatabase
        // A model's spread (its adoptions, by unit), the list newest first by year, and a unit's own adoptions.
        try await sql.raw("CREATE INDEX replications_model_idx ON replications (registration_id, adopting_unit_id)")
            .run()
        try await sql.raw("CREATE INDEX replications_year_idx ON replications (year, id)").run()
        try await sql.raw("CREATE INDEX replications_unit_idx ON replications (adopting_unit_id, year, id)").run()
        try await sql.raw(
            "CREATE INDEX replication_assessments_idx ON replication_assessments (replication_id, assessed_on, id)"
        ).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("replication_assessments").delete()
        try await db.schema("replications").delete()
    }
}
