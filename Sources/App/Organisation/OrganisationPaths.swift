/// Units of the tree.
enum UnitsPath: SitePath {
    case list
    case new
    case unit(Param)
    case edit(Param)
    case delete(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "units"]
        case .new: ["app", "units", "new"]
        case .unit(let id): ["app", "units", .param("id", id)]
        case .edit(let id): ["app", "units", .param("id", id), "edit"]
        case .delete(let id): ["app", "units", .param("id", id), "delete"]
        }
    }
}

/// Clusters and blocks (cụm, khối thi đua).
enum GroupsPath: SitePath {
    case list
    case group(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "groups"]
        case .group(let id): ["app", "groups", .param("id", id)]
        }
    }
}

/// Accounts.
enum UsersPath: SitePath {
    case list
    case new
    case user(Param)
    case edit(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "users"]
        case .new: ["app", "users", "new"]
        case .user(let id): ["app", "users", .param("id", id)]
        case .edit(let id): ["app", "users", .param("id", id), "edit"]
        }
    }
}
