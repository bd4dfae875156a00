/// Emulation movements and campaigns.
enum MovementsPath: SitePath {
    case list
    case new
    case movement(Param)
    case edit(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "movements"]
        case .new: ["app", "movements", "new"]
        case .movement(let id): ["app", "movements", .param("id", id)]
        case .edit(let id): ["app", "movements", .param("id", id), "edit"]
        }
    }
}
