/// The audit log's page.
enum AuditPath: SitePath {
    case audit

    var segments: [PathSegment] { ["app", "audit"] }
}
