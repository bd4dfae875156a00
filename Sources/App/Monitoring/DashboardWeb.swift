import Domain
import Fluent
import OOXML
import SQLKit
import Vapor

/// What a dashboard request asks for: whose figures (`scope`) and which years (`year`: "2024" or "2023-2025").
struct DashboardQuery: Sendable {
    let scope: StatsScope
    let years: ClosedRange<Int>
    /// The span of the per-year series: the plan's period around `years`, or `years` itself.
    let period: ClosedRange<Int>

    static func parse(_ req: Request, actor: Actor) throws -> DashboardQuery {
        let plans = req.application.quotaPlans
        let scope: StatsScope
        if let raw = req.queryText("scope"), !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let s = StatsScope(code: raw) else {
                throw AppError.badRequest(
                    "Phạm vi “\(raw.prefix(30))” không đúng: dùng all, unit-<số>, movement-<số> hoặc group-<số>.")
            }
            scope = s
        } else {
            guard let s = StatsScope.initial(for: actor) else {
                throw AppError.forbidden("Vai trò của bạn không xem số liệu theo dõi điển hình.")
            }
            scope = s
        }
        let fallback = QuotaService.defaultYear(plans: plans, today: Today.year) ?? Today.year
        let years = try parseYears(req.queryText("year"), fallback: fallback)
        let plan = QuotaPlan.inForce(years.lowerBound, among: plans)
        let period =
            plan.map { p in min(p.fromYear, years.lowerBound)...max(p.toYear, years.upperBound) } ?? years
        return DashboardQuery(scope: scope, years: years, period: period)
    }

    /// "2024" or "2023-2025" (also with an en dash); years between 1900 and 2200, at most `MonitoringStats.maxYears`.
    static func parseYears(_ raw: String?, fallback: Int) throws -> ClosedRange<Int> {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return fallback...fallback }
        let parts = raw.replacingOccurrences(of: "–", with: "-").split(separator: "-").map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        let bad = AppError.badRequest(
            "Năm “\(raw.prefix(20))” không đúng: ghi một năm (2024) hoặc một khoảng (2023-2025).")
        guard (1...2).contains(parts.count), let from = parts.first ?? nil, let to = parts.last ?? nil else {
            throw bad
        }
        guard from <= to, from >= 1900, to <= 2200 else { throw bad }
        guard to - from < MonitoringStats.maxYears else {
            throw AppError.badRequest("Chỉ xem được tối đa \(MonitoringStats.maxYears) năm một lần.")
        }
        return from...to
    }

    var yearCode: String { years.count == 1 ? String(years.lowerBound) : "\(years.lowerBound)-\(years.upperBound)" }
    var yearLabel: String {
        years.count == 1 ? "năm \(years.lowerBound)" : "giai đoạn \(years.lowerBound)–\(years.upperBound)"
    }
}

/// One table of a dashboard, with its chart: the table is the accessible source, the chart draws the same numbers.
struct DashboardTable: Sendable {
    enum Chart: Sendable {
        case bar, stacked, line
    }
    let key: String
    let title: String
    let columns: [String]
    let rows: [(label: String, values: [Int])]
    let chart: Chart

    /// The tables of a dashboard, in the order the page shows them.
    static func all(_ s: MonitoringStats) -> [DashboardTable] {
        func simple(_ key: String, _ title: String, _ rows: [MonitoringStats.Count], _ chart: Chart = .bar)
            -> DashboardTable
        {
            DashboardTable(
                key: key, title: title, columns: ["Số đăng ký"], rows: rows.map { ($0.label, [$0.count]) },
                chart: chart)
        }
        let kinds = SubjectKind.allCases.map(\.label)
        return [
            DashboardTable(
                key: "viec-can-lam", title: "Việc cần theo dõi", columns: ["Số lượng"],
                rows: [
                    ("Việc bồi dưỡng quá hạn", [s.overdueActions]),
                    ("Hồ sơ chờ thẩm định", [s.awaitingAppraisal]),
                    ("Hồ sơ chờ quyết định", [s.awaitingDecision]),
                    ("Đăng ký chưa được kiểm tra, đánh giá", [s.evaluationsDue]),
                    ("Mô hình đã nhân rộng", [s.replicated]),
                    ("Mô hình được nhân rộng (có đơn vị áp dụng)", [s.replicatedModels]),
                    ("Lượt đơn vị áp dụng mô hình được nhân rộng", [s.replications]),
                ], chart: .bar),
            simple(
                "theo-nam", "Số đăng ký theo năm (\(s.byYear.first?.label ?? "")–\(s.byYear.last?.label ?? ""))",
                s.byYear, .line),
            simple("doi-tuong", "Theo loại đối tượng", s.bySubjectKind),
            simple("tinh-trang", "Theo tình trạng", s.byStatus),
            DashboardTable(
                key: "don-vi", title: "Theo đơn vị", columns: kinds + ["Tổng"],
                rows: s.byUnit.map { ($0.label, ($0.parts ?? [0, 0, 0]) + [$0.count]) }, chart: .stacked),
            simple("linh-vuc", "Theo lĩnh vực", s.byField),
            simple("loai-mo-hinh", "Theo loại mô hình tập thể", s.byModelType),
            simple("loai-ca-nhan", "Theo loại điển hình cá nhân", s.byIndividualType),
            simple("phong-trao", "Theo phong trào thi đua", s.byMovement),
        ]
    }

    /// Bars a chart draws at most.
    static let chartLimit = 10
    /// Rows a table shows on the page at most; its download has them all. A province's ~100 communes made the
    /// by-unit table alone 20 KB of a 92 KB page.
    static let tableLimit = 40

    /// The `limit` rows with the largest total (the last value), in the table's order; a line chart's rows (years)
    /// are all kept.
    func largest(_ limit: Int) -> [(label: String, values: [Int])] {
        chart == .line ? rows : rows.largest(limit) { $0.values.last ?? 0 }
    }

    /// What the page says when its table is cut to `tableLimit` rows.
    var tableNote: String? {
        chart == .line || rows.count <= Self.tableLimit
            ? nil
            : "Bảng trên trang có \(Self.tableLimit) mục lớn nhất trong \(rows.count); tải bảng để xem đủ."
    }

    /// The chart as inline SVG.
    func svg(scopeLabel: String, yearLabel: String) -> String {
        let id = "bieu-do-" + key
        // A bar chart draws the largest rows only (in the table's order); the table beside it has them all. At
        // national scale the by-unit chart of 34 provinces alone was 32.5 KB of a 110 KB page.
        let rows = largest(Self.chartLimit)
        let shown =
            rows.count < self.rows.count ? " Biểu đồ vẽ \(Self.chartLimit) mục lớn nhất trong \(self.rows.count)." : ""
        let desc = "\(title), \(scopeLabel), \(yearLabel).\(shown) Số liệu đầy đủ ở bảng bên cạnh."
        let labels = rows.map(\.label)
        switch chart {
        case .bar:
            return SVGChart.bar(
                id: id, title: title, desc: desc, labels: labels, values: rows.map { $0.values.last ?? 0 })
        case .line:
            return SVGChart.line(
                id: id, title: title, desc: desc, labels: labels,
                series: [.init(name: "Số đăng ký", values: rows.map { $0.values.last ?? 0 })])
        case .stacked:
            let series = columns.dropLast().enumerated().map { i, name in
                SVGChart.Series(name: name, values: rows.map { i < $0.values.count ? $0.values[i] : 0 })
            }
            return SVGChart.stackedBar(id: id, title: title, desc: desc, labels: labels, series: Array(series))
        }
    }
}

/// The dashboard page: a scope picker, a year or period, and each chart with its numbers beside it.
struct DashboardPage: Encodable, Sendable {
    let layout: LayoutContext
    let scopeLabel: String
    let yearLabel: String
    let action: String
    let scopes: [ScopeGroup]
    let years: [SelectOption]
    let counters: [Counter]
    /// The tables' links at the top of the page.
    let toc: [TocItem]
    /// The tables with their charts, drawn in the page from the partial `monitoring/dashboard-sections`; empty when
    /// `sectionsHTML` holds them already drawn.
    let sections: [Section]
    /// The same partial as drawn once for the figures it shows (`DashboardWebController.page`: kept with them until
    /// the next write), put in as it is.
    var sectionsHTML: String? = nil
    let quotasHref: String?

    struct TocItem: Encodable, Sendable {
        let anchor: String
        let title: String
    }

    struct ScopeGroup: Encodable, Sendable {
        let label: String
        let options: [SelectOption]
    }
    struct Counter: Encodable, Sendable {
        let label: String
        let value: String
    }
    struct Section: Encodable, Sendable {
        let key: String
        var anchor: String { "#" + key }
        let title: String
        let svg: String
        let columns: [String]
        let rows: [Row]
        /// Set when the table shows only its largest rows.
        var note: String? = nil
        let csvHref: String
        let xlsxHref: String
        enum CodingKeys: String, CodingKey { case key, anchor, title, svg, columns, rows, note, csvHref, xlsxHref }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(anchor, forKey: .anchor)
            try c.encode(title, forKey: .title)
            try c.encode(svg, forKey: .svg)
            try c.encode(columns, forKey: .columns)
            try c.encode(rows, forKey: .rows)
            try c.encode(note, forKey: .note)
            try c.encode(csvHref, forKey: .csvHref)
            try c.encode(xlsxHref, forKey: .xlsxHref)
        }
    }
    struct Row: Encodable, Sendable {
        let label: String
        let values: [String]
    }
}

struct DashboardWebController {
    func register(_ r: any RoutesBuilder) {
        r.heavy.get(DashboardPath.dashboard, use: page)
        r.get(DashboardPath.export, use: export)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let q = try DashboardQuery.parse(req, actor: actor)
        // Counted again after any write (`ReferenceCache`): the whole tree's figures read 15 statements and drew
        // every chart on each view. Per user, scope, years and day; at most `figureCache.maxEntries` kept.
        // The tables and charts are drawn once with them and kept as HTML: drawing them again was 40 % of the page's
        // samples under load (encoding their rows and charts for Leaf, then Leaf writing them; session 30).
        let drawn = try await req.reference(
            "dashboard \(actor.userID) \(q.scope.code) \(q.years) \(q.period) \(Today.iso)",
            in: req.application.figureCache
        ) {
            let figures = try await Self.figures(q, actor: actor, on: req.database)
            let sections = DashboardSections(
                scopeLabel: figures.scopeLabel, yearLabel: q.yearLabel, sections: figures.sections)
            let html = try await req.view.render("monitoring/dashboard-sections", sections).get()
            return Drawn(figures: figures, sectionsHTML: String(buffer: html.data))
        }
        let figures = drawn.figures
        let years = Self.yearOptions(plans: req.application.quotaPlans, query: q)
        let title = "Số liệu theo dõi điển hình: \(figures.scopeLabel), \(q.yearLabel)"
        return try await req.render(
            "monitoring/dashboard",
            DashboardPage(
                layout: req.layout(title, active: DashboardPath.dashboard.href), scopeLabel: figures.scopeLabel,
                yearLabel: q.yearLabel, action: DashboardPath.dashboard.href, scopes: figures.scopes, years: years,
                counters: figures.counters, toc: figures.sections.map { .init(anchor: $0.anchor, title: $0.title) },
                sections: [], sectionsHTML: drawn.sectionsHTML,
                quotasHref: Policy.quotaScope(actor) != .none
                    ? MonitoringPath.quotas.href([("year", String(q.years.upperBound))]) : nil))
    }

    /// A query's figures with their tables and charts drawn (the partial `monitoring/dashboard-sections`).
    struct Drawn: Sendable {
        let figures: Figures
        let sectionsHTML: String
    }

    /// What the partial `monitoring/dashboard-sections` reads: the names the page's own context gives it.
    struct DashboardSections: Encodable, Sendable {
        let scopeLabel: String
        let yearLabel: String
        let sections: [DashboardPage.Section]
    }

    /// The dashboard's figures, tables and charts for a query, and the scopes its picker offers.
    struct Figures: Sendable {
        let scopeLabel: String
        let scopes: [DashboardPage.ScopeGroup]
        let counters: [DashboardPage.Counter]
        let sections: [DashboardPage.Section]
    }

    static func figures(_ q: DashboardQuery, actor: Actor, on db: any Database) async throws -> Figures {
        let stats = try await MonitoringStats.load(
            scope: q.scope, years: q.years, period: q.period, actor: actor, on: db)
        let base: [(String, String)] = [("scope", q.scope.code), ("year", q.yearCode)]
        let sections = DashboardTable.all(stats).map { t in
            DashboardPage.Section(
                key: t.key, title: t.title, svg: t.svg(scopeLabel: stats.scopeLabel, yearLabel: q.yearLabel),
                columns: t.columns,
                rows: t.largest(DashboardTable.tableLimit).map {
                    .init(label: $0.label, values: $0.values.map(SVGChart.number))
                },
                note: t.tableNote,
                csvHref: DashboardPath.export.href(base + [("table", t.key), ("format", "csv")]),
                xlsxHref: DashboardPath.export.href(base + [("table", t.key), ("format", "xlsx")]))
        }
        let counters: [DashboardPage.Counter] = [
            .init(label: "Tổng số đăng ký", value: SVGChart.number(stats.total)),
            .init(label: "Việc bồi dưỡng quá hạn", value: SVGChart.number(stats.overdueActions)),
            .init(label: "Hồ sơ chờ thẩm định", value: SVGChart.number(stats.awaitingAppraisal)),
            .init(label: "Hồ sơ chờ quyết định", value: SVGChart.number(stats.awaitingDecision)),
            .init(label: "Chưa kiểm tra, đánh giá", value: SVGChart.number(stats.evaluationsDue)),
            .init(label: "Mô hình được nhân rộng", value: SVGChart.number(stats.replicatedModels)),
        ]
        let scopes = try await scopeOptions(actor: actor, selected: q.scope, years: q.years, on: db)
        return Figures(scopeLabel: stats.scopeLabel, scopes: scopes, counters: counters, sections: sections)
    }

    /// One table of the dashboard as CSV (UTF-8 with a BOM) or XLSX.
    @Sendable func export(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let format = try ExportFormat(req: req)
        let q = try DashboardQuery.parse(req, actor: actor)
        let key = req.queryText("table") ?? ""
        let stats = try await MonitoringStats.load(
            scope: q.scope, years: q.years, period: q.period, actor: actor, on: req.database)
        guard let table = DashboardTable.all(stats).first(where: { $0.key == key }) else {
            throw AppError.notFound("Không có bảng số liệu “\(key.prefix(30))” trên trang theo dõi.")
        }
        let columns =
            [ExportColumn.label(table.title, 48)] + table.columns.map { ExportColumn.amount($0, 14) }
        let rows = table.rows.map { r in [XLSXCell.text(r.label)] + r.values.map { XLSXCell.integer($0) } }
        let heading: [XLSXCell] = [.text("\(stats.scopeLabel), \(q.yearLabel)")] + table.columns.map { _ in .empty }
        return try await TableExport.response(
            req: req, name: "so-lieu-\(table.key)-\(q.yearCode)", format: format, sheet: "Số liệu",
            columns: columns, audit: "dashboard", label: "dòng số liệu theo dõi",
            rows: { emit in try await emit([heading] + rows) })
    }

    static func yearOptions(plans: [QuotaPlan], query q: DashboardQuery) -> [SelectOption] {
        var years = Set(plans.flatMap { Array($0.fromYear...$0.toYear) })
        years.formUnion(q.years)
        var out = years.sorted().map {
            SelectOption(value: String($0), label: "Năm \($0)", selected: q.years == $0...$0)
        }
        for p in plans.sorted(by: { $0.fromYear < $1.fromYear }) {
            let code = "\(p.fromYear)-\(p.toYear)"
            out.append(
                .init(
                    value: code, label: "Cả giai đoạn \(p.fromYear)–\(p.toYear)",
                    selected: q.years == p.fromYear...p.toYear))
        }
        if q.years.count > 1, !out.contains(where: \.selected) {
            out.append(.init(value: q.yearCode, label: "Giai đoạn \(q.yearCode)", selected: true))
        }
        return out
    }

    /// The scopes the actor may open, grouped for the picker; each is checked with the policy.
    /// The level below the top one is listed while it has at most this many units.
    static let topLevelsLimit = 80

    static func scopeOptions(
        actor: Actor, selected: StatsScope, years: ClosedRange<Int>? = nil, on db: any Database
    ) async throws -> [DashboardPage.ScopeGroup] {
        func option(_ s: StatsScope, _ label: String) -> SelectOption {
            SelectOption(value: s.code, label: label, selected: s == selected)
        }
        var groups: [DashboardPage.ScopeGroup] = []
        if Policy.statsDecision(actor, .all) == .allow {
            groups.append(.init(label: "Toàn bộ", options: [option(.all, "Toàn bộ đơn vị")]))
        }
        // Units: for those who see everything the top level (and the level below while it is short, as in a
        // district or a province), then the chosen unit's line and the units right below it — a drill-down, not the
        // whole tree (at national scale the two top levels were ~350 options, 24.7 KB of the page); otherwise the
        // actor's unit and those right below.
        var units: [UnitModel] = []
        func children(_ ids: [Int]) async throws -> [UnitModel] {
            ids.isEmpty
                ? []
                : try await UnitModel.query(on: db).filter(\.$parent.$id ~~ ids).filter(\.$active == true)
                    .sort(\.$path).limit(300).all()
        }
        if Policy.statsDecision(actor, .all) == .allow {
            let roots = try await UnitModel.query(on: db).filter(\.$parent.$id == nil).sort(\.$path).limit(50).all()
            units = roots
            // Counted first: loading the 300 units below 34 provinces only to drop them took a third of the national
            // dashboard's time (Fluent decodes a model by reflection).
            let rootIDs = roots.compactMap(\.id)
            let belowCount =
                rootIDs.isEmpty
                ? 0
                : try await UnitModel.query(on: db).filter(\.$parent.$id ~~ rootIDs).filter(\.$active == true).count()
            if belowCount <= Self.topLevelsLimit { units += try await children(rootIDs) }
            if case .unit(let id) = selected, let chosen = try await UnitModel.find(id, on: db) {
                let line = chosen.unitPath.ids.filter { id in !units.contains { $0.id == id } }
                units += line.isEmpty ? [] : try await UnitModel.query(on: db).filter(\.$id ~~ line).all()
                units += try await children([id]).filter { c in !units.contains { $0.id == c.id } }
            }
        } else if let id = actor.unitID, let own = try await UnitModel.find(id, on: db) {
            units = [own] + (try await children([id]))
        }
        units = units.filter { Policy.statsDecision(actor, .unit($0.unitPath)) == .allow }
        units.sort { $0.path < $1.path }
        if case .unit(let id) = selected, !units.contains(where: { $0.id == id }),
            let u = try await UnitModel.find(id, on: db)
        {
            units.append(u)
        }
        if !units.isEmpty {
            groups.append(
                .init(
                    label: "Đơn vị",
                    options: units.compactMap { u in
                        u.id.map {
                            option(.unit($0), String(repeating: "— ", count: max(0, u.unitPath.depth - 1)) + u.name)
                        }
                    }))
        }
        let movements = try await MovementModel.query(on: db).sort(\.$code).limit(300).all().filter {
            guard let id = $0.id else { return false }
            return Policy.statsDecision(actor, .movement(id)) == .allow
        }
        if !movements.isEmpty {
            groups.append(
                .init(
                    label: "Phong trào thi đua",
                    options: movements.compactMap { m in m.id.map { option(.movement($0), m.name) } }))
        }
        let clusters = try await clusterOptions(actor: actor, years: years, on: db).map {
            option(.group($0.id), $0.name)
        }
        if !clusters.isEmpty { groups.append(.init(label: "Cụm, khối thi đua", options: clusters)) }
        return groups
    }

    /// The clusters and blocks whose figures the actor may see, in three queries whatever their number (a query for
    /// each one's members and another for its heads made a province's 300 clusters 600 queries a view).
    static func clusterOptions(actor: Actor, years: ClosedRange<Int>?, on db: any Database) async throws
        -> [(id: Int, name: String)]
    {
        struct Member: Decodable {
            let groupID: Int
            let path: String
            enum CodingKeys: String, CodingKey {
                case groupID = "group_id"
                case path
            }
        }
        let sql = db as! any SQLDatabase
        let all = try await sql.select().column("id").column("name").from(UnitGroupModel.schema).orderBy("code")
            .limit(300).all(decoding: RegistrationOptions.IDName.self)
        guard !all.isEmpty else { return [] }
        let ids = all.map(\.id)
        let members = try await sql.select().column(SQLColumn("group_id", table: "m")).column(
            SQLColumn("path", table: "u")
        )
        .from(SQLAlias(SQLIdentifier(UnitGroupMemberModel.schema), as: SQLIdentifier("m")))
        .join(
            SQLAlias(SQLIdentifier(UnitModel.schema), as: SQLIdentifier("u")),
            on: SQLColumn("unit_id", table: "m"), .equal, SQLColumn("id", table: "u")
        )
        .where(SQLColumn("group_id", table: "m"), .in, SQLBind.group(ids)).all(decoding: Member.self)
        let paths = Dictionary(grouping: members, by: \.groupID).mapValues { $0.map { UnitPath(raw: $0.path) } }
        let heads = try await GroupWorkService.heads(of: ids, years: years, on: db)
        return all.filter { g in
            Policy.statsDecision(actor, .group(memberPaths: paths[g.id] ?? [], heads: heads[g.id] ?? [])) == .allow
        }.map { (id: $0.id, name: $0.name) }
    }
}
