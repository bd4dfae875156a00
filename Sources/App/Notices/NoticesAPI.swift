import Domain
import Fluent
import Vapor

struct NoticesAPIController {
    struct NoticeDTO: Content {
        let id: Int
        let kind: String
        let kindLabel: String
        let title: String
        let body: String
        let link: String
        let createdAt: Date
        let read: Bool
    }
    /// A page of the inbox, newest first; `next`: pass it as `before` for the following page (null: the last).
    struct NoticeListDTO: Content {
        let items: [NoticeDTO]
        let next: Int?
        let unread: Int
    }

    func register(_ r: any RoutesBuilder) {
        r.get("notices", use: list)
        r.post("notices", ":id", "read", use: read)
    }

    static func dto(_ i: Notices.Item) -> NoticeDTO {
        NoticeDTO(
            id: i.id, kind: i.kind.rawValue, kindLabel: i.kind.label, title: i.title, body: i.body, link: i.link,
            createdAt: i.createdAt, read: i.read)
    }

    @Sendable func list(req: Request) async throws -> NoticeListDTO {
        let actor = try req.requireActor()
        let (unreadOnly, before) = try NoticesWebController.filter(req)
        let q = try req.listQuery(defaultPerPage: 50)
        let page = try await Notices.inbox(
            actor: actor, unreadOnly: unreadOnly, before: before, limit: min(q.perPage, 200), on: req.database)
        return NoticeListDTO(
            items: page.items.map(Self.dto), next: page.next,
            unread: try await Notices.unreadCount(actor: actor, cap: 1000, on: req.database))
    }

    @Sendable func read(req: Request) async throws -> NoticeDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let n = try await Notices.markRead(id, actor: req.actor, on: req.database)
        return NoticeDTO(
            id: id, kind: n.kind.rawValue, kindLabel: n.kind.label, title: n.title, body: n.body, link: n.link,
            createdAt: n.createdAt, read: true)
    }
}
