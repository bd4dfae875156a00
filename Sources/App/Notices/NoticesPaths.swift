/// The inbox: notices to the signed-in account and to its unit.
enum NoticesPath: SitePath {
    case inbox
    case read(Param)
    case readAll

    var segments: [PathSegment] {
        switch self {
        case .inbox: ["app", "notices"]
        case .read(let id): ["app", "notices", .param("id", id), "read"]
        case .readAll: ["app", "notices", "read-all"]
        }
    }
}
