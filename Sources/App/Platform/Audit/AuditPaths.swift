/// The audit log's pages: the list, and one entry in full.
enum AuditPath: SitePath {
    case audit
    case entry(Param)

    var segments: [PathSegment] {
        switch self {
        case .audit: ["app", "audit"]
        case .entry(let id): ["app", "audit", .param("id", id)]
        }
    }
}
