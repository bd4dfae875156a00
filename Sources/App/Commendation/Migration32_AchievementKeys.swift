import Domain
import Fluent
import Foundation
import SQLKit

/// Issue 9: one achievement, one form (Luật Thi đua, khen thưởng 2022, art. 5(2)(c)). Awards and nominees carry the
/// award kind (thường xuyên, đột xuất…) and the achievement they are for, "subject|year|kind", so every award and
/// live proposal on one achievement is one indexed lookup. A nominee may be withdrawn with a recorded reason, which
/// frees its achievement for a higher form. Existing rows are regular awards; titles keep an achievement each.
struct AddAchievementKeys: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        for table in ["awards", "dossier_nominees"] {
            try await db.schema(table).field(
                "award_kind", .string, .required, .sql(.default(AwardKind.regular.rawValue))
            ).update()
            try await db.schema(table).field("achievement_key", .string, .required, .sql(.default(""))).update()
        }
        try await db.schema("dossier_nominees").field("withdrawn", .bool, .required, .sql(.default(false))).update()
        try await db.schema("dossier_nominees").field("withdrawal_reason", .string, .required, .sql(.default("")))
            .update()
        try await db.schema("dossier_nominees").field("withdrawn_at", .datetime).update()
        try await db.schema("dossier_nominees").field("withdrawn_by", .int).update()
        let sql = db as! any SQLDatabase
        let titles = Self.titleCodes()
        let regular = "|" + AwardKind.regular.rawValue
        try await sql.raw(
            "UPDATE awards SET achievement_key = CAST(subject_id AS TEXT) || '|' || CAST(year AS TEXT) || \(bind: regular)"
        ).run()
        try await sql.raw(
            "UPDATE dossier_nominees SET achievement_key = CAST(subject_id AS TEXT) || '|' || CAST((SELECT year FROM dossiers WHERE dossiers.id = dossier_nominees.dossier_id) AS TEXT) || \(bind: regular)"
        ).run()
        for code in titles {
            try await sql.raw(
                "UPDATE awards SET achievement_key = CAST(subject_id AS TEXT) || '|' || CAST(year AS TEXT) || '|danh-hieu:' || form_code WHERE form_code = \(bind: code)"
            ).run()
            try await sql.raw(
                "UPDATE dossier_nominees SET achievement_key = CAST(subject_id AS TEXT) || '|' || CAST((SELECT year FROM dossiers WHERE dossiers.id = dossier_nominees.dossier_id) AS TEXT) || '|danh-hieu:' || form_code WHERE form_code = \(bind: code)"
            ).run()
        }
        try await sql.raw("CREATE INDEX awards_achievement_idx ON awards (achievement_key)").run()
        try await sql.raw("CREATE INDEX dossier_nominees_achievement_idx ON dossier_nominees (achievement_key)").run()
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP INDEX dossier_nominees_achievement_idx").run()
        try await sql.raw("DROP INDEX awards_achievement_idx").run()
        for column in [
            "withdrawn_by", "withdrawn_at", "withdrawal_reason", "withdrawn", "achievement_key", "award_kind",
        ] {
            try await db.schema("dossier_nominees").deleteField(FieldKey(stringLiteral: column)).update()
        }
        for column in ["achievement_key", "award_kind"] {
            try await db.schema("awards").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }

    /// The title codes (danh hiệu thi đua) of the rule files this binary ships with: each title is an achievement
    /// of its own. Found like the app finds its resources; none found leaves every row a regular form's.
    static func titleCodes() -> [String] {
        let env = ProcessInfo.processInfo.environment
        guard
            let dir = try? ResourceLocator.locate(
                environment: env, executablePath: CommandLine.arguments.first ?? "",
                workingDirectory: FileManager.default.currentDirectoryPath),
            let sets = try? EligibilityService.loadRules(workingDirectory: dir)
        else { return [] }
        return Array(Set(sets.flatMap { $0.forms.filter { $0.kind == "title" }.map(\.code) })).sorted()
    }
}
