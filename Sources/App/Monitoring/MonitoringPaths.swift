/// Monitoring the plan: quotas per unit (issue 16 builds the dashboards and reports on this folder).
enum MonitoringPath: SitePath {
    case quotas

    var segments: [PathSegment] {
        switch self {
        case .quotas: ["app", "quotas"]
        }
    }
}
