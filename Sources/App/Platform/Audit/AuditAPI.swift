import Domain
import Fluent
import Vapor

struct AuditAPIController {
    struct EntryDTO: Content {
        let id: Int
        let at: Date
        let userID: Int?
        let username: String
        let action: String
        let entity: String
        let entityID: String?
        let unitID: Int?
        let summary: String
        let before: String?
        let after: String?
    }
    struct VerificationDTO: Content {
        let ok: Bool
        let checked: Int
        let badEntryID: Int?
        let message: String
    }
    func register(_ r: any RoutesBuilder) {
        r.get("audit", use: list)
        r.get("audit", "verify", use: verify)
    }

    /// Walks the whole chain: as long as the log, so an on-demand check, not part of the listing.
    @Sendable func verify(req: Request) async throws -> VerificationDTO {
        try req.authorize(.list, .auditLog)
        let v = try await AuditChain.verify(on: req.database)
        return VerificationDTO(ok: v.ok, checked: v.checked, badEntryID: v.badEntryID, message: v.message)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<EntryDTO> {
        try req.authorize(.list, .auditLog)
        var q = AuditEntryModel.query(on: req.database)
        if let entity = req.queryText("entity") { q = q.filter(\.$entity == entity) }
        let page = try await q.keysetPage(try req.listQuery(defaultPerPage: 100), order: AuditEntryModel.listOrder)
        return ListResponse(page) {
            EntryDTO(
                id: $0.id ?? 0, at: $0.at, userID: $0.userID, username: $0.username, action: $0.action,
                entity: $0.entity,
                entityID: $0.entityID, unitID: $0.unitID, summary: $0.summary, before: $0.before, after: $0.after)
        }
    }
}
