import Fluent
import SQLKit

/// Issue 10: stories about exemplars in the plan's columns, the exemplars each is about, and its photos.
struct CreateStories: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("stories")
            .field("id", .int, .identifier(auto: true))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("column_code", .string, .required)
            .field("title", .string, .required)
            .field("slug", .string, .required)
            .field("lead", .string, .required)
            .field("body_html", .string, .required)
            .field("status", .string, .required)
            .field("minority_summary", .string, .required)
            .field("minority_lang", .string, .required)
            .field("minority_translator", .string, .required)
            .field("search_text", .string, .required)
            .field("author_id", .int, .references("users", "id", onDelete: .setNull))
            .field("approved_by", .int, .references("users", "id", onDelete: .setNull))
            .field("published_at", .datetime)
            .field("withdrawn_at", .datetime)
            .field("withdraw_reason", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("story_subjects")
            .field("id", .int, .identifier(auto: true))
            .field("story_id", .int, .required, .references("stories", "id", onDelete: .cascade))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .cascade))
            .unique(on: "story_id", "subject_id")
            .create()
        try await db.schema("story_photos")
            .field("id", .int, .identifier(auto: true))
            .field("story_id", .int, .required, .references("stories", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("alt", .string, .required)
            .field("caption", .string, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage", .string, .required)
            .field("storage_key", .string, .required)
            .field("data", .data)
            .field("created_at", .datetime, .required)
            .create()
        let sql = db as! any SQLDatabase
        // The public site and the feeds: the newest published stories, overall and per column, paged by key.
        try await sql.raw("CREATE INDEX stories_status_idx ON stories (status, published_at, id)").run()
        try await sql.raw("CREATE INDEX stories_column_idx ON stories (column_code, status, published_at, id)").run()
        // A unit's own stories in the editors' list.
        try await sql.raw("CREATE INDEX stories_unit_idx ON stories (unit_id, updated_at, id)").run()
        try await sql.raw("CREATE INDEX story_subjects_subject_idx ON story_subjects (subject_id, story_id)").run()
        try await sql.raw("CREATE INDEX story_photos_story_idx ON story_photos (story_id, position)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("story_photos").delete()
        try await db.schema("story_subjects").delete()
        try await db.schema("stories").delete()
    }
}
