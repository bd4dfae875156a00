import Domain
import Fluent
import Vapor

struct AuditPage: Encodable, Sendable {
    let layout: LayoutContext
    let entries: [Row]
    let pager: Pager
    /// The log's CSV and XLSX downloads.
    var exports: ExportLinks? = nil
    struct Row: Encodable, Sendable {
        let at: String
        let username: String
        let action: String
        let entity: String
        let summary: String
        /// The record before and after, when short enough for the list (`AuditWebController.inlineBytes`).
        let before: String?
        let after: String?
        /// Otherwise the entry's own page, and the records' length in characters.
        var full: Full? = nil
    }
    struct Full: Encodable, Sendable {
        let href: String
        let length: String
    }
}

/// One entry of the log in full: the records before and after as stored.
struct AuditEntryPage: Encodable, Sendable {
    let layout: LayoutContext
    let id: Int
    let at: String
    let username: String
    let action: String
    let entity: String
    let entityID: String?
    let summary: String
    let before: String?
    let after: String?
    let listHref: String
}

struct AuditWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(AuditPath.audit, use: list)
        r.get(AuditPath.entry(.key), use: entry)
    }

    /// The most a row of the list shows of its records (before and after together), in bytes of the page: an
    /// entry's records are a few hundred characters; an import's used to list every registration it made (300 KB
    /// for 50,000), and fifty of them made the national audit page 1.5 MB. Longer records stay on the entry's own
    /// page, which the row links with their length.
    static let inlineBytes = 800

    /// The records as the list shows them — both, or neither and the length of what the entry's page shows.
    static func inline(_ e: AuditEntryModel) -> (before: String?, after: String?, fullLength: Int?) {
        let (before, after) = (e.before ?? "", e.after ?? "")
        guard pageBytes(before) + pageBytes(after) > inlineBytes else {
            return (e.before, e.after, nil)
        }
        return (nil, nil, before.count + after.count)
    }

    /// The bytes `text` takes on a page once Leaf escapes it (`&`, `<`, `>`, `"`, `'`).
    static func pageBytes(_ text: String) -> Int {
        text.utf8.reduce(0) { n, b in
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "'"): n + 5
            case UInt8(ascii: "<"), UInt8(ascii: ">"): n + 4
            case UInt8(ascii: "\""): n + 6
            default: n + 1
            }
        }
    }

    static func actionLabel(_ a: String) -> String {
        switch a {
        case "create": return "Thêm"
        case "update": return "Sửa"
        case "delete": return "Xóa"
        case "export": return "Xuất tệp"
        case "download": return "Tải tệp"
        default: return a
        }
    }

    @Sendable func list(req: Request) async throws -> Response {
        try req.authorize(.list, .auditLog)
        let list = try req.listQuery()
        if let back = Pager.tooDeep(req, list, perPage: list.perPage, base: AuditPath.audit, query: []) { return back }
        let page = try await AuditEntryModel.query(on: req.database).keysetPage(list, order: AuditEntryModel.listOrder)
        let rows = try page.items.map { e in
            let shown = Self.inline(e)
            return AuditPage.Row(
                at: VietnameseDate.formatDateTime(e.at), username: e.username, action: Self.actionLabel(e.action),
                entity: e.entity, summary: e.summary, before: shown.before, after: shown.after,
                full: try shown.fullLength.map {
                    .init(href: AuditPath.entry(.id(try e.requireID())).href, length: SVGChart.number($0))
                })
        }
        return try await req.render(
            "platform/audit",
            AuditPage(
                layout: req.layout("Nhật ký thao tác", active: AuditPath.audit.href), entries: rows,
                pager: Pager(page, base: AuditPath.audit, query: []),
                exports: TableExport.links(ExportPath.audit, query: [])))
    }

    /// One entry in full (the list cuts long records).
    @Sendable func entry(req: Request) async throws -> Response {
        try req.authorize(.list, .auditLog)
        let id = try req.parameters.require("id", as: Int.self)
        guard let e = try await AuditEntryModel.find(id, on: req.database) else {
            throw AppError.notFound("Không tìm thấy mục nhật ký số \(id).")
        }
        return try await req.render(
            "platform/audit-entry",
            AuditEntryPage(
                layout: req.layout("Mục nhật ký số \(id)", active: AuditPath.audit.href), id: id,
                at: VietnameseDate.formatDateTime(e.at), username: e.username, action: Self.actionLabel(e.action),
                entity: e.entity, entityID: e.entityID, summary: e.summary, before: e.before, after: e.after,
                listHref: AuditPath.audit.href))
    }
}
