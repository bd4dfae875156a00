/// The yearly work of clusters and blocks (issue 16, item 3): the groups an actor works with, one group's year
/// (the board), a member's own submission, the scores and ranking, and the files members sent.
enum GroupWorkPath: SitePath {
    case mine
    case board(Param, year: Param)
    case deadline(Param, year: Param)
    case head(Param, year: Param)
    case member(Param, year: Param, unit: Param)
    case submit(Param, year: Param, unit: Param)
    case pledge(Param, year: Param, unit: Param)
    case returnSubmission(Param, year: Param, unit: Param)
    case accept(Param, year: Param, unit: Param)
    case scores(Param, year: Param)
    case file(Param)

    var segments: [PathSegment] {
        switch self {
        case .mine: ["app", "group-work"]
        case .board(let id, let y): ["app", "groups", .param("id", id), "year", .param("year", y)]
        case .deadline(let id, let y): ["app", "groups", .param("id", id), "year", .param("year", y), "deadline"]
        case .head(let id, let y): ["app", "groups", .param("id", id), "year", .param("year", y), "head"]
        case .member(let id, let y, let u):
            ["app", "groups", .param("id", id), "year", .param("year", y), "members", .param("unitID", u)]
        case .submit(let id, let y, let u):
            ["app", "groups", .param("id", id), "year", .param("year", y), "members", .param("unitID", u), "submit"]
        case .pledge(let id, let y, let u):
            ["app", "groups", .param("id", id), "year", .param("year", y), "members", .param("unitID", u), "pledge"]
        case .returnSubmission(let id, let y, let u):
            ["app", "groups", .param("id", id), "year", .param("year", y), "members", .param("unitID", u), "return"]
        case .accept(let id, let y, let u):
            ["app", "groups", .param("id", id), "year", .param("year", y), "members", .param("unitID", u), "accept"]
        case .scores(let id, let y): ["app", "groups", .param("id", id), "year", .param("year", y), "scores"]
        case .file(let id): ["app", "group-files", .param("id", id)]
        }
    }
}
