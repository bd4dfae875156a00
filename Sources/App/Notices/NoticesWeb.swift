import Domain
import Fluent
import Vapor

/// One notice as a page shows it.
struct NoticeRow: Encodable, Sendable {
    let id: Int
    let kindLabel: String
    let title: String
    let body: String
    let href: String
    let date: String
    let read: Bool
    let readAction: String

    init(_ i: Notices.Item) {
        id = i.id
        kindLabel = i.kind.label
        title = i.title
        body = i.body
        href = i.link
        date = VietnameseDate.formatDateTime(i.createdAt)
        read = i.read
        readAction = NoticesPath.read(.id(i.id)).href
    }

    init(id: Int, kindLabel: String, title: String, body: String, href: String, date: String, read: Bool) {
        self.id = id
        self.kindLabel = kindLabel
        self.title = title
        self.body = body
        self.href = href
        self.date = date
        self.read = read
        readAction = NoticesPath.read(.id(id)).href
    }
}

/// The dashboard's part: the latest unread notices and how many there are.
struct NoticeDigest: Encodable, Sendable {
    let unread: String
    let hasUnread: Bool
    let items: [NoticeRow]
    let inboxHref: String
    let readAllAction: String

    static func of(_ actor: Actor, on db: any Database) async throws -> NoticeDigest {
        let count = try await Notices.unreadCount(actor: actor, on: db)
        let latest = try await Notices.inbox(actor: actor, unreadOnly: true, before: nil, limit: 5, on: db)
        return NoticeDigest(
            unread: count >= 100 ? "99+" : String(count), hasUnread: count > 0, items: latest.items.map(NoticeRow.init),
            inboxHref: NoticesPath.inbox.href, readAllAction: NoticesPath.readAll.href)
    }
}

struct NoticesPage: Encodable, Sendable {
    let layout: LayoutContext
    let unreadOnly: Bool
    let unread: String
    let items: [NoticeRow]
    let allHref: String
    let unreadHref: String
    let nextHref: String?
    let firstHref: String?
    let readAllAction: String
    /// Where a "mark read" form comes back to (this very list).
    let back: String
}

/// A "mark read" form: where to come back to.
struct NoticeReadForm: Content, Sendable {
    var back: String?
}

struct NoticesWebController {
    static let perPage = 30

    func register(_ r: any RoutesBuilder) {
        r.get(NoticesPath.inbox, use: inbox)
        r.post(NoticesPath.read(.key), use: read)
        r.post(NoticesPath.readAll, use: readAll)
    }

    /// `?unread=1` and `?before=ID` of an inbox request.
    static func filter(_ req: Request) throws -> (unreadOnly: Bool, before: Int?) {
        let unread = req.queryText("unread") ?? ""
        guard ["", "0", "1"].contains(unread) else {
            throw AppError.badRequest("Tham số “unread” chỉ nhận 1 (chưa đọc) hoặc 0 (tất cả).")
        }
        return (unread == "1", try req.intQuery("before"))
    }

    /// Only the inbox and the dashboard are places to come back to (no open redirect).
    static func back(_ raw: String?) -> String {
        guard let raw,
            raw == HomePath.home.href || raw.hasPrefix(NoticesPath.inbox.href + "?")
                || raw == NoticesPath.inbox.href,
            !raw.contains("//")
        else { return NoticesPath.inbox.href }
        return raw
    }

    @Sendable func inbox(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let (unreadOnly, before) = try Self.filter(req)
        let page = try await Notices.inbox(
            actor: actor, unreadOnly: unreadOnly, before: before, limit: Self.perPage, on: req.database)
        let count = try await Notices.unreadCount(actor: actor, on: req.database)
        let filter: [(String, String)] = unreadOnly ? [("unread", "1")] : []
        let here = NoticesPath.inbox.href(filter + (before.map { [("before", String($0))] } ?? []))
        return try await req.render(
            "notices/notices",
            NoticesPage(
                layout: req.layout("Thông báo", active: NoticesPath.inbox.href), unreadOnly: unreadOnly,
                unread: count >= 100 ? "99+" : String(count), items: page.items.map(NoticeRow.init),
                allHref: NoticesPath.inbox.href, unreadHref: NoticesPath.inbox.href([("unread", "1")]),
                nextHref: page.next.map { NoticesPath.inbox.href(filter + [("before", String($0))]) },
                firstHref: before == nil ? nil : NoticesPath.inbox.href(filter),
                readAllAction: NoticesPath.readAll.href, back: here))
    }

    @Sendable func read(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.form(NoticeReadForm.self)
        try await Notices.markRead(id, actor: req.actor, on: req.database)
        return Flash.redirect(req, to: Self.back(form.back), "Đã đánh dấu thông báo là đã đọc.")
    }

    @Sendable func readAll(req: Request) async throws -> Response {
        let form = try req.form(NoticeReadForm.self)
        let n = try await Notices.markAllRead(actor: req.actor, on: req.database)
        return Flash.redirect(
            req, to: Self.back(form.back),
            n == 0 ? "Không có thông báo chưa đọc." : "Đã đánh dấu \(n) thông báo là đã đọc.")
    }
}
