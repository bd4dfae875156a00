/// The help guides ("Hướng dẫn").
enum HelpPath: SitePath {
    case index
    case topic(Param)

    var segments: [PathSegment] {
        switch self {
        case .index: ["app", "huong-dan"]
        case .topic(let slug): ["app", "huong-dan", .param("topic", slug)]
        }
    }
}

/// Whom to contact for support, set by the administrator.
enum SupportPath: SitePath {
    case support
    case edit

    var segments: [PathSegment] {
        switch self {
        case .support: ["app", "ho-tro"]
        case .edit: ["app", "ho-tro", "sua"]
        }
    }
}
