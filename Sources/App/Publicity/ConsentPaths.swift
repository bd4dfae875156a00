/// Consents to publication (issue 10 §2): recorded from a subject's page, withdrawn, the scanned form downloaded.
enum ConsentPath: SitePath {
    /// Record a consent for a subject (POST).
    case record(Param)
    /// Withdraw one consent (POST).
    case withdraw(Param)
    /// The scanned form of one consent (never public).
    case file(Param)

    var segments: [PathSegment] {
        switch self {
        case .record(let id): ["app", "subjects", .param("id", id), "consents"]
        case .withdraw(let id): ["app", "consents", .param("id", id), "withdraw"]
        case .file(let id): ["app", "consents", .param("id", id), "file"]
        }
    }
}
