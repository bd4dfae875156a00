/// The monitoring dashboards (issue 16, item 2): the page and its tables as CSV/XLSX (the API: GET /api/v1/dashboard).
enum DashboardPath: SitePath {
    case dashboard
    case export

    var segments: [PathSegment] {
        switch self {
        case .dashboard: ["app", "dashboard"]
        case .export: ["app", "dashboard", "export"]
        }
    }
}
