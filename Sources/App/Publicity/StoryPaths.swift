/// Stories (issue 10 §1), the editors' side: the list, the forms, one story, its workflow moves and its photos.
enum StoriesPath: SitePath {
    case list
    case new
    case story(Param)
    case edit(Param)
    case move(Param)
    case photos(Param)
    case photo(Param, Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "stories"]
        case .new: ["app", "stories", "new"]
        case .story(let id): ["app", "stories", .param("id", id)]
        case .edit(let id): ["app", "stories", .param("id", id), "edit"]
        case .move(let id): ["app", "stories", .param("id", id), "move"]
        case .photos(let id): ["app", "stories", .param("id", id), "photos"]
        case .photo(let id, let pid): ["app", "stories", .param("id", id), "photos", .param("pid", pid)]
        }
    }
}
