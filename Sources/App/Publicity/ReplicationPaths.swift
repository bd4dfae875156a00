/// Replication (nhân rộng): who adopted which model, and the results measured later.
enum ReplicationsPath: SitePath {
    case list
    case new
    case replication(Param)
    case edit(Param)
    case move(Param)
    case newAssessment(Param)
    case assessments(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "replications"]
        case .new: ["app", "replications", "new"]
        case .replication(let id): ["app", "replications", .param("id", id)]
        case .edit(let id): ["app", "replications", .param("id", id), "edit"]
        case .move(let id): ["app", "replications", .param("id", id), "move"]
        case .newAssessment(let id): ["app", "replications", .param("id", id), "assessments", "new"]
        case .assessments(let id): ["app", "replications", .param("id", id), "assessments"]
        }
    }
}
