/// State-level forms on a dossier at its province: the tờ trình upward and the State's decision when it returns.
enum StateDecisionPath: SitePath {
    /// The province proposes its council's State-level nominees upward.
    case proposal(Param)
    /// The province records the State's decision for proposed nominees.
    case decision(Param)

    var segments: [PathSegment] {
        switch self {
        case .proposal(let id): ["app", "dossiers", .param("id", id), "state-proposal"]
        case .decision(let id): ["app", "dossiers", .param("id", id), "state-decision"]
        }
    }
}
