/// Opening a new year: review (GET with `from` and `to`), carry the criteria forward, invite exemplars to renew.
enum RolloverPath: SitePath {
    case form
    case criteria
    case invitations

    var segments: [PathSegment] {
        switch self {
        case .form: ["app", "new-year"]
        case .criteria: ["app", "new-year", "criteria"]
        case .invitations: ["app", "new-year", "invitations"]
        }
    }
}
