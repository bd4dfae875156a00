/// Editing clusters and blocks (cụm, khối thi đua): the list and one group's page are `GroupsPath`; a new group is
/// posted to `GroupsPath.list` and a changed one to `GroupsPath.group`.
enum GroupEditPath: SitePath {
    case new
    case edit(Param)
    case members(Param)
    case removeMember(Param, unit: Param)

    var segments: [PathSegment] {
        switch self {
        case .new: ["app", "groups", "new"]
        case .edit(let id): ["app", "groups", .param("id", id), "edit"]
        case .members(let id): ["app", "groups", .param("id", id), "members"]
        case .removeMember(let id, let unit):
            ["app", "groups", .param("id", id), "members", .param("unitID", unit), "delete"]
        }
    }
}
