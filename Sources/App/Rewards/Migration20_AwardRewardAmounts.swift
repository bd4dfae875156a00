import Fluent

/// Issue 14: each award carries its reward money, the coefficient and the base salary it was computed from.
/// Nullable: awards entered by hand, imported or decided before this change carry none.
struct AddAwardRewardAmounts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await db.schema("awards").field("reward_amount", .int64).update()
        try await db.schema("awards").field("reward_coefficient", .string).update()
        try await db.schema("awards").field("base_salary", .int64).update()
        try await db.schema("awards").field("reward_verified", .bool).update()
    }

    func revert(on db: any Database) async throws {
        for column in ["reward_verified", "base_salary", "reward_coefficient", "reward_amount"] {
            try await db.schema("awards").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
