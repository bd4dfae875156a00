import Domain
import Vapor

extension MonitoringStats: Content {}

/// GET /api/v1/dashboard?scope=&year=: the figures of a dashboard as JSON, from the same query as the page.
struct DashboardAPIController {
    func register(_ r: any RoutesBuilder) { r.heavy.get("dashboard", use: read) }

    @Sendable func read(req: Request) async throws -> MonitoringStats {
        let actor = try req.requireActor()
        let q = try DashboardQuery.parse(req, actor: actor)
        return try await MonitoringStats.load(
            scope: q.scope, years: q.years, period: q.period, actor: actor, on: req.database)
    }
}
