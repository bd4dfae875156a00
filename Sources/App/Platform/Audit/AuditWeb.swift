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
        let before: String?
        let after: String?
    }
}

struct AuditWebController {
    func register(_ r: any RoutesBuilder) { r.get(AuditPath.audit, use: list) }

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
        let page = try await AuditEntryModel.query(on: req.db).keysetPage(list, order: AuditEntryModel.listOrder)
        let rows = page.items.map {
            AuditPage.Row(
                at: VietnameseDate.formatDateTime($0.at), username: $0.username, action: Self.actionLabel($0.action),
                entity: $0.entity,
                summary: $0.summary, before: $0.before, after: $0.after)
        }
        return try await req.render(
            "platform/audit",
            AuditPage(
                layout: req.layout("Nhật ký thao tác", active: AuditPath.audit.href), entries: rows,
                pager: Pager(page, base: AuditPath.audit, query: []),
                exports: TableExport.links(ExportPath.audit, query: [])))
    }
}
