/// The media log: coverage of exemplars on radio, television, in print, online and over the loudspeakers.
enum MediaPath: SitePath {
    case list
    case entry(Param)
    case delete(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "media"]
        case .entry(let id): ["app", "media", .param("id", id)]
        case .delete(let id): ["app", "media", .param("id", id), "delete"]
        }
    }
}
