/// Citizens' proposals of new exemplars: the public form, and the moderation queue of the unit concerned.
enum ProposalsPath: SitePath {
    /// The public form (no login).
    case publicForm
    case queue
    case proposal(Param)
    case move(Param)

    var segments: [PathSegment] {
        switch self {
        case .publicForm: ["gioi-thieu-dien-hinh"]
        case .queue: ["app", "proposals"]
        case .proposal(let id): ["app", "proposals", .param("id", id)]
        case .move(let id): ["app", "proposals", .param("id", id), "move"]
        }
    }
}
