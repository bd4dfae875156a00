import Fluent
import SQLKit

struct CreateCalendarDays: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("calendar_days")
            .field("id", .int, .identifier(auto: true))
            .field("day", .string, .required)
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("basis", .string, .required)
            .field("verified", .bool, .required)
            .field("source", .string, .required)
            .field("file_version", .string)
            .field("updated_at", .datetime)
            .unique(on: "day")
            .create()
        // The year's days are read on every submission and every page of the calendar.
        try await db.sql().create(index: "calendar_days_year_day").on("calendar_days")
            .column("year").column("day").run()
        try await db.schema("calendar_files")
            .field("id", .int, .identifier(auto: true))
            .field("version", .string, .required)
            .field("title", .string, .required)
            .field("legal_basis", .string, .required)
            .field("method", .string, .required)
            .field("notes", .string, .required)
            .field("loaded_at", .datetime)
            .unique(on: "version")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("calendar_files").delete()
        try await db.schema("calendar_days").delete()
    }
}
