import Fluent

/// Issue 16, item 3: the standing office accepts (tiếp nhận) a member's submission — when and by whom. The status
/// itself is the existing text column (`accepted`); a returned-after-acceptance submission keeps the acceptance
/// fields cleared by the service.
struct AddGroupAcceptance: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("group_submissions").field("accepted_at", .datetime).update()
        try await db.schema("group_submissions").field("accepted_by", .int).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("group_submissions").deleteField("accepted_by").update()
        try await db.schema("group_submissions").deleteField("accepted_at").update()
    }
}
