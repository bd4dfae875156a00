import Domain
import Fluent
import Vapor

/// The quota monitor: each bound unit's exemplars of the year against the plan's minimum (seed §IV.3).
struct QuotaPage: Encodable, Sendable {
    let layout: LayoutContext
    let year: Int
    let years: [Option]
    let plan: String
    let legalBasis: String
    let note: String
    let onlyShort: Bool
    let rows: [Row]
    let nextHref: String?
    let allHref: String
    let shortHref: String
    /// The table's CSV and XLSX downloads (this year, only the shortfalls when asked).
    var exports: ExportLinks? = nil
    struct Option: Encodable, Sendable {
        let value: Int
        let selected: Bool
    }
    struct Row: Encodable, Sendable {
        let unitName: String
        let unitHref: String
        let rule: String
        let source: String
        let count: Int
        let minimum: Int
        let met: Bool
        let missing: Int
        let registrationsHref: String
    }

    static func row(_ r: QuotaRow, year: Int) -> Row {
        let id = r.unit.id ?? 0
        return Row(
            unitName: r.unit.name, unitHref: UnitsPath.unit(.id(id)).href, rule: r.standing.rule.label,
            source: r.standing.rule.source, count: r.standing.count, minimum: r.standing.rule.minimum,
            met: r.standing.isMet, missing: r.standing.missing,
            registrationsHref: RegistrationsPath.list.href([("unitID", String(id)), ("year", String(year))]))
    }
}

/// What the dashboard shows of the quotas: the shortfalls of the year, or the unit's own standing.
struct QuotaDigest: Encodable, Sendable {
    let year: Int
    let bound: Int
    let shortCount: Int
    let short: [QuotaPage.Row]
    let href: String
}

struct QuotaWebController {
    func register(_ r: any RoutesBuilder) { r.heavy.get(MonitoringPath.quotas, use: page) }

    @Sendable func page(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let plans = req.application.quotaPlans
        let fallback = QuotaService.defaultYear(plans: plans, today: Today.year) ?? Today.year
        let year = try req.intQuery("year") ?? fallback
        guard let plan = QuotaPlan.inForce(year, among: plans) else {
            throw AppError.badRequest("Không có kế hoạch nào giao chỉ tiêu cho năm \(year).")
        }
        let onlyShort = req.queryText("only") == "short"
        let after = req.queryText("after")
        let page = try await QuotaService.standings(
            plan: plan, year: year, actor: actor, after: after, limit: 100, on: req.database)
        let rows = page.rows.filter { !onlyShort || !$0.standing.isMet }.map { QuotaPage.row($0, year: year) }
        let base: [(String, String)] = [("year", String(year)), ("only", onlyShort ? "short" : "")]
        let years = plans.flatMap { Array($0.fromYear...$0.toYear) }
        return try await req.render(
            "monitoring/quotas",
            QuotaPage(
                layout: req.layout("Chỉ tiêu điển hình năm \(year)", active: MonitoringPath.quotas.href),
                year: year, years: Array(Set(years)).sorted().map { .init(value: $0, selected: $0 == year) },
                plan: plan.plan, legalBasis: plan.legalBasis, note: plan.note ?? "", onlyShort: onlyShort, rows: rows,
                nextHref: page.next.map { MonitoringPath.quotas.href(base + [("after", $0)]) },
                allHref: MonitoringPath.quotas.href([("year", String(year))]),
                shortHref: MonitoringPath.quotas.href([("year", String(year)), ("only", "short")]),
                exports: TableExport.links(ExportPath.quotas, query: base)))
    }

    /// The dashboard's card; nil when no plan applies or the actor sees no unit records. `keptFor`: the home page's
    /// request, whose answer to "does the scope pass `liveUnits`?" is kept as reference data until the next audited
    /// write (a statement fewer on every view).
    static func digest(
        actor: Actor, plans: [QuotaPlan], copies: RefreshingCache<DigestKey, QuotaDigest?>, liveUnits: Int = 5_000,
        on db: any Database, keptFor req: Request? = nil
    ) async throws -> QuotaDigest? {
        guard Policy.quotaScope(actor) != .none,
            let year = QuotaService.defaultYear(plans: plans, today: Today.year),
            let plan = QuotaPlan.inForce(year, among: plans)
        else { return nil }
        let count: @Sendable () async throws -> QuotaDigest? = {
            let result = try await QuotaService.shortfalls(plan: plan, year: year, actor: actor, limit: 12, on: db)
            guard result.bound > 0 else { return nil }
            return QuotaDigest(
                year: year, bound: result.bound, shortCount: result.shortCount,
                short: result.short.map { QuotaPage.row($0, year: year) },
                href: MonitoringPath.quotas.href([("year", String(year)), ("only", "short")]))
        }
        // A scope of thousands of units (a province, the nation): one probe pair per bound unit, 250 ms nationally,
        // on every view of the home page. There the digest is read through a copy a minute old at most; the quota
        // page itself stays live. A scope of at most `liveUnits` (a district) counts its digest at once.
        let scope = Policy.quotaScope(actor)
        // Whether the scope passes `liveUnits`: one row looked up past it, not a count of the country's units.
        let large = try await req.reference("quota.large \(scope) \(liveUnits)") {
            try await UnitQueries.scoped(UnitModel.query(on: db), scope).sort(\.$id).range(liveUnits...liveUnits)
                .field(\.$id).first() != nil
        }
        guard large else { return try await count() }
        return try await copies.value(DigestKey(scope: "\(scope)", plan: plan.version, year: year), count: count)
    }

    struct DigestKey: Hashable, Sendable {
        let scope: String
        let plan: String
        let year: Int
    }

}

extension Application {
    private struct QuotaDigestKey: StorageKey {
        typealias Value = RefreshingCache<QuotaWebController.DigestKey, QuotaDigest?>
    }
    /// The quota digests of large scopes, a minute old at most (`QuotaWebController.digest`; `configure` sets it).
    var quotaDigests: RefreshingCache<QuotaWebController.DigestKey, QuotaDigest?> {
        get { configured(QuotaDigestKey.self) }
        set { storage[QuotaDigestKey.self] = newValue }
    }
}
