/// The public page and the signed-in dashboard.
enum HomePath: SitePath {
    case publicHome
    case home

    var segments: [PathSegment] {
        switch self {
        case .publicHome: []
        case .home: ["app"]
        }
    }
}
