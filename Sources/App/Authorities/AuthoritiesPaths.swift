/// The conferring authorities: the list, one authority's page (its signing block, recipients, formats), a new one.
enum AuthoritiesPath: SitePath {
    case list
    case authority(Param)
    case new

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "authorities"]
        case .authority(let id): ["app", "authorities", .param("id", id)]
        case .new: ["app", "authorities", "new"]
        }
    }
}
