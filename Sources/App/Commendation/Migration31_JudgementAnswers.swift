import Fluent

/// Issue 9, item 1: the answers to judgement conditions ("tự lực, tự cường, đoàn kết…", "nội bộ đoàn kết", the first
/// routes of Bằng khen tỉnh), one per subject, year and judgement key; who answered, when, in which capacity.
struct CreateJudgementAnswers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("judgement_answers")
            .field("id", .int, .identifier(auto: true))
            .field("subject_id", .int, .required, .references("subjects", "id", onDelete: .restrict))
            .field("year", .int, .required)
            .field("key", .string, .required)
            .field("answer", .bool, .required)
            .field("capacity", .string, .required)
            .field("meeting_id", .int, .references("council_meetings", "id", onDelete: .restrict))
            .field("meeting_label", .string, .required)
            .field("answered_by", .int)
            .field("answered_by_name", .string, .required)
            .field("answered_day", .string, .required)
            .field("note", .string, .required)
            .field("evidence_file_id", .int, .references("evidence_files", "id", onDelete: .restrict))
            .field("answered_at", .datetime)
            // One answer per subject, year and key; the unique index also serves the subject's page.
            .unique(on: "subject_id", "year", "key")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("judgement_answers").delete()
    }
}
