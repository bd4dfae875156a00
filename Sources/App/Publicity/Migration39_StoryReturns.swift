import Fluent

/// Issue 10 §1: why the approver sent a story back to its author, and when; kept on the draft until it is sent again,
/// so the editor's home page lists the returned stories with the reason.
struct AddStoryReturns: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("stories")
            .field("return_reason", .string)
            .update()
        try await db.schema("stories")
            .field("returned_at", .datetime)
            .update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("stories").deleteField("returned_at").update()
        try await db.schema("stories").deleteField("return_reason").update()
    }
}
