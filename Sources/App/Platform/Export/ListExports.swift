import Domain
import Fluent
import OOXML
import Vapor

/// The export routes of the lists (issue 16, item 6). Each reads the same query-string filters as its page and
/// goes through the same scope (the policy's answer for the actor), so an export holds exactly the rows the list
/// would show across all its pages.
enum ExportPath: SitePath {
    case units, users, audit, awards, dossiers, decisions, quotas

    var segments: [PathSegment] {
        switch self {
        case .units: ["app", "units", "export"]
        case .users: ["app", "users", "export"]
        case .audit: ["app", "audit", "export"]
        case .awards: ["app", "awards", "export"]
        case .dossiers: ["app", "dossiers", "export"]
        case .decisions: ["app", "decisions", "export"]
        case .quotas: ["app", "quotas", "export"]
        }
    }
}

struct ListExportsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(ExportPath.units, use: ListExports.units)
        r.get(ExportPath.users, use: ListExports.users)
        r.get(ExportPath.audit, use: ListExports.audit)
        r.get(ExportPath.awards, use: ListExports.awards)
        r.get(ExportPath.dossiers, use: ListExports.dossiers)
        r.get(ExportPath.decisions, use: ListExports.decisions)
        r.get(ExportPath.quotas, use: ListExports.quotas)
    }
}

/// The same exports under /api/v1 (bearer token), next to each list's API route.
struct ListExportsAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("units", "export", use: ListExports.units)
        r.get("users", "export", use: ListExports.users)
        r.get("audit", "export", use: ListExports.audit)
        r.get("awards", "export", use: ListExports.awards)
        r.get("dossiers", "export", use: ListExports.dossiers)
        r.get("decisions", "export", use: ListExports.decisions)
        r.get("quotas", "export", use: ListExports.quotas)
    }

    /// The API paths (for the OpenAPI document), each with its list's filter parameters.
    static let paths: [(path: String, summary: String, filters: [(String, String, Bool)])] = [
        ("/units/export", "Xuất danh sách đơn vị", [("q", "Tìm theo tên", false), ("kind", "Loại đơn vị", false)]),
        (
            "/users/export", "Xuất danh sách tài khoản",
            [("q", "Tìm theo họ tên hoặc tên đăng nhập, không phân biệt dấu", false), ("role", "Vai trò", false)]
        ),
        ("/audit/export", "Xuất nhật ký thao tác", [("entity", "Loại đối tượng", false)]),
        (
            "/awards/export", "Xuất tra cứu khen thưởng",
            [("q", "Tìm theo tên", false), ("year", "Năm", true), ("formCode", "Hình thức", false)]
        ),
        (
            "/dossiers/export", "Xuất hồ sơ đề nghị khen thưởng",
            [("q", "Tìm", false), ("year", "Năm", true), ("status", "Trạng thái", false)]
        ),
        (
            "/decisions/export", "Xuất sổ quyết định khen thưởng",
            [("authority", "Cơ quan có thẩm quyền", true), ("year", "Năm", true)]
        ),
        (
            "/quotas/export", "Xuất bảng theo dõi chỉ tiêu điển hình",
            [("year", "Năm", true), ("only", "short: chỉ đơn vị chưa đạt", false)]
        ),
    ]
}

enum ListExports {
    static let day = VietnameseDate.self

    // MARK: Units

    static let unitColumns: [ExportColumn] = [
        .integer("STT", 6), .text("Mã đơn vị", 16), .text("Tên đơn vị", 40), .text("Tên ngắn", 24),
        .label("Loại", 22), .label("Trực thuộc", 30), .label("Địa bàn", 18), .label("Còn hoạt động", 10),
        .date("Ngày giải thể", 12),
    ]

    @Sendable static func units(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let format = try ExportFormat(req: req)
        var f = UnitFilter()
        f.q = try req.listQuery().q
        f.kind = req.queryText("kind") ?? ""
        let scope = Policy.unitScope(actor)
        let db = req.database
        let base = UncheckedBox(
            UnitQueries.filtered(f, scope: scope, on: db, walk: try await UnitQueries.walks(f, on: db)))
        return try await TableExport.response(
            req: req, name: "don-vi", format: format, sheet: "Đơn vị", columns: unitColumns, audit: "unit",
            label: "đơn vị", count: { try await base.value.boundedCount(TableExport.xlsxDataRows) },
            rows: { emit in
                var n = 0
                var parents: [Int: String] = [:]
                try await Keyset.forEachChunk(
                    base.value, order: UnitQueries.order
                ) { chunk in
                    let missing = Set(chunk.compactMap { $0.$parent.id }).subtracting(parents.keys)
                    if !missing.isEmpty {
                        for p in try await UnitModel.query(on: db).filter(\.$id ~~ missing).all() {
                            parents[p.id ?? 0] = p.shortName
                        }
                    }
                    try await emit(
                        chunk.map { u in
                            n += 1
                            return [
                                .integer(n), .text(u.code), .text(u.name), .text(u.shortName), .text(u.unitKind.label),
                                .text(u.$parent.id.flatMap { parents[$0] } ?? ""), .text(u.place),
                                .text(u.active ? "Có" : "Không"), TableExport.dateCell(u.abolishedOn ?? ""),
                            ]
                        })
                }
            })
    }

    // MARK: Users

    static let userColumns: [ExportColumn] = [
        .integer("STT", 6), .text("Tên đăng nhập", 20), .text("Họ và tên", 28), .label("Vai trò", 24),
        .label("Đơn vị", 30), .label("Còn hoạt động", 10), .date("Khóa từ ngày", 12),
        .date("Đăng nhập gần nhất", 14),
    ]

    @Sendable static func users(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let format = try ExportFormat(req: req)
        let scope = Policy.userScope(actor)
        guard scope != .none else { throw AppError.notFound() }
        let base = UncheckedBox(
            try await UserQueries.filtered(
                q: try req.listQuery().q, role: req.queryText("role") ?? "", scope: scope, on: req.database))
        return try await TableExport.response(
            req: req, name: "tai-khoan", format: format, sheet: "Tài khoản", columns: userColumns, audit: "user",
            label: "tài khoản", count: { try await base.value.boundedCount(TableExport.xlsxDataRows) },
            rows: { emit in
                var n = 0
                try await Keyset.forEachChunk(
                    base.value,
                    order: UserQueries.order
                ) { chunk in
                    try await emit(
                        chunk.map { u in
                            n += 1
                            return [
                                .integer(n), .text(u.username), .text(u.fullName), .text(u.userRole.label),
                                .text(u.unit?.shortName ?? ""), .text(u.active ? "Có" : "Không"),
                                TableExport.dateCell(u.disabledAt), TableExport.dateCell(u.lastLoginAt),
                            ]
                        })
                }
            })
    }

    // MARK: Audit log

    static let auditColumns: [ExportColumn] = [
        .integer("Số", 8), .text("Thời điểm", 18), .label("Người thực hiện", 18), .label("Thao tác", 12),
        .label("Đối tượng", 16), .text("Mã đối tượng", 12), .text("Nội dung", 60),
    ]

    @Sendable static func audit(req: Request) async throws -> Response {
        try req.authorize(.list, .auditLog)
        let format = try ExportFormat(req: req)
        var base = AuditEntryModel.query(on: req.database)
        if let entity = req.queryText("entity"), !entity.isEmpty {
            base = base.filter(\.$entity == entity)
        }
        let q = UncheckedBox(base)
        return try await TableExport.response(
            req: req, name: "nhat-ky-thao-tac", format: format, sheet: "Nhật ký", columns: auditColumns,
            audit: "audit", label: "dòng nhật ký", count: { try await q.value.boundedCount(TableExport.xlsxDataRows) },
            rows: { emit in
                try await Keyset.forEachChunk(
                    q.value, order: AuditEntryModel.listOrder
                ) { chunk in
                    try await emit(
                        chunk.map { e in
                            [
                                .integer(e.id ?? 0), .text(VietnameseDate.formatDateTime(e.at)), .text(e.username),
                                .text(AuditWebController.actionLabel(e.action)), .text(e.entity),
                                .text(e.entityID ?? ""),
                                .text(e.summary),
                            ]
                        })
                }
            })
    }

    // MARK: Awards

    static let awardColumns: [ExportColumn] = [
        .integer("STT", 6), .text("Họ tên / tập thể", 30), .label("Đơn vị", 28), .integer("Năm", 7),
        .label("Hình thức", 30), .label("Cấp", 12), .text("Số quyết định", 16), .date("Ngày quyết định", 12),
        .label("Cơ quan quyết định", 30), .label("Tình trạng", 14), .amount("Tiền thưởng (đồng)", 16),
    ]

    @Sendable static func awards(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let format = try ExportFormat(req: req)
        let q = try req.listQuery().q
        let base = UncheckedBox(
            try await AwardService.filtered(
                q: q, year: try req.intQuery("year"), formCode: req.queryText("formCode") ?? "", actor: actor,
                on: req.database, keptFor: req))
        let order = AwardService.order(q: q)
        return try await TableExport.response(
            req: req, name: "khen-thuong", format: format, sheet: "Khen thưởng", columns: awardColumns,
            audit: "award", label: "khen thưởng",
            count: { try await base.value.boundedCount(TableExport.xlsxDataRows) },
            rows: { emit in
                var n = 0
                try await Keyset.forEachChunk(
                    base.value,
                    order: order
                ) { chunk in
                    try await emit(
                        try chunk.map { a in
                            n += 1
                            let s = try a.joined(SubjectModel.self)
                            let u = try a.joined(UnitModel.self)
                            return [
                                .integer(n), .text(s.name), .text(u.shortName), .integer(a.year), .text(a.formName),
                                .text(AwardLevel(rawValue: a.level)?.label ?? a.level), .text(a.decisionNumber),
                                TableExport.dateCell(a.decisionDate), .text(a.authority), .text(a.status.label),
                                a.rewardAmount.map { .integer(Int($0)) } ?? .empty,
                            ]
                        })
                }
            })
    }

    // MARK: Dossiers

    static let dossierColumns: [ExportColumn] = [
        .integer("STT", 6), .text("Số hồ sơ", 14), .text("Tên hồ sơ", 44), .label("Đơn vị", 28), .integer("Năm", 7),
        .label("Trạng thái", 18), .integer("Số người, tập thể đề nghị", 12), .date("Ngày trình", 12),
        .date("Hạn thẩm định", 12), .text("Số quyết định", 16), .date("Ngày quyết định", 12),
    ]

    @Sendable static func dossiers(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let format = try ExportFormat(req: req)
        let base = UncheckedBox(
            try await DossierService.filtered(
                actor: actor, status: req.queryText("status") ?? "", year: try req.intQuery("year"),
                q: try req.listQuery().q, on: req.database, keptFor: req
            ).with(\.$unit).with(\.$nominees))
        return try await TableExport.response(
            req: req, name: "ho-so-khen-thuong", format: format, sheet: "Hồ sơ", columns: dossierColumns,
            audit: "dossier", label: "hồ sơ", count: { try await base.value.boundedCount(TableExport.xlsxDataRows) },
            rows: { emit in
                var n = 0
                try await Keyset.forEachChunk(
                    base.value,
                    order: DossierService.order
                ) { chunk in
                    try await emit(
                        chunk.map { d in
                            n += 1
                            return [
                                .integer(n), .text(d.number), .text(d.title), .text(d.unit.shortName), .integer(d.year),
                                .text(d.status.label), .integer(d.nominees.count),
                                TableExport.dateCell(d.submittedDay ?? ""), TableExport.dateCell(d.appraisalDue ?? ""),
                                .text(d.decisionNumber), TableExport.dateCell(d.decisionDate),
                            ]
                        })
                }
            })
    }

    // MARK: Decisions

    static let decisionColumns: [ExportColumn] = [
        .text("Số", 16), .date("Ngày", 12), .label("Loại", 12), .text("Trích yếu", 60), .label("Trạng thái", 14),
        .label("Người ký", 28),
    ]

    @Sendable static func decisions(req: Request) async throws -> Response {
        let format = try ExportFormat(req: req)
        _ = try req.requireActor()
        let year = try req.intQuery("year") ?? Today.year
        guard let chosen = try await DecisionsAPIController.authority(req) else {
            // Like the page: an actor who works with no council has an empty register.
            return try await TableExport.response(
                req: req, name: "so-quyet-dinh-\(year)", format: format, sheet: "Sổ quyết định \(year)",
                columns: decisionColumns, audit: "decision", label: "quyết định"
            ) { _ in }
        }
        let (authority, query) = try await DecisionService.registerQuery(
            authorityID: chosen, year: year, actor: req.actor, on: req.database)
        let base = UncheckedBox(query)
        return try await TableExport.response(
            req: req, name: "so-quyet-dinh-\(year)", format: format, sheet: "Sổ quyết định \(year)",
            columns: decisionColumns, audit: "decision", label: "quyết định của \(authority.headTitle)",
            count: { try await base.value.boundedCount(TableExport.xlsxDataRows) },
            rows: { emit in
                try await Keyset.forEachChunk(
                    base.value, order: [.int("decisions", "id", descending: true) { try $0.requireID() }]
                ) { chunk in
                    try await emit(
                        chunk.map { m in
                            [
                                .text(m.number), TableExport.dateCell(m.day), .text(m.kind.label), .text(m.summary),
                                .text(m.status.label),
                                .text([m.signerTitle, m.signerName].filter { !$0.isEmpty }.joined(separator: " ")),
                            ]
                        })
                }
            })
    }

    // MARK: Quotas

    static let quotaColumns: [ExportColumn] = [
        .integer("STT", 6), .text("Đơn vị", 40), .label("Chỉ tiêu", 36), .integer("Đã có", 8),
        .integer("Tối thiểu", 10), .integer("Còn thiếu", 10), .label("Đạt", 8), .label("Căn cứ", 30),
    ]

    @Sendable static func quotas(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let format = try ExportFormat(req: req)
        let plans = req.application.quotaPlans
        let year = try req.intQuery("year") ?? QuotaService.defaultYear(plans: plans, today: Today.year) ?? Today.year
        guard let plan = QuotaPlan.inForce(year, among: plans) else {
            throw AppError.badRequest("Không có kế hoạch nào giao chỉ tiêu cho năm \(year).")
        }
        let onlyShort = req.queryText("only") == "short"
        let db = req.database
        return try await TableExport.response(
            req: req, name: "chi-tieu-dien-hinh-\(year)", format: format, sheet: "Chỉ tiêu \(year)",
            columns: quotaColumns, audit: "quota", label: "đơn vị theo dõi chỉ tiêu",
            rows: { emit in
                var after: String?
                var n = 0
                repeat {
                    let page = try await QuotaService.standings(
                        plan: plan, year: year, actor: actor, after: after, limit: 500, on: db)
                    let rows = page.rows.filter { !onlyShort || !$0.standing.isMet }
                    try await emit(
                        rows.map { r in
                            n += 1
                            return [
                                .integer(n), .text(r.unit.name), .text(r.standing.rule.label),
                                .integer(r.standing.count),
                                .integer(r.standing.rule.minimum), .integer(r.standing.missing),
                                .text(r.standing.isMet ? "Đạt" : "Chưa đạt"), .text(r.standing.rule.source),
                            ]
                        })
                    after = page.next
                } while after != nil
            })
    }
}
