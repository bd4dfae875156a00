/// Events (issue 10 §4): the list, the forms, one event, its status, materials and documents.
enum EventPath: SitePath {
    case list
    case new
    case event(Param)
    case edit(Param)
    case status(Param)
    case files(Param)
    case file(Param)
    case invitation(Param)
    case report(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "events"]
        case .new: ["app", "events", "new"]
        case .event(let id): ["app", "events", .param("id", id)]
        case .edit(let id): ["app", "events", .param("id", id), "edit"]
        case .status(let id): ["app", "events", .param("id", id), "status"]
        case .files(let id): ["app", "events", .param("id", id), "files"]
        case .file(let id): ["app", "event-files", .param("id", id)]
        case .invitation(let id): ["app", "events", .param("id", id), "invitation.docx"]
        case .report(let id): ["app", "events", .param("id", id), "report.docx"]
        }
    }
}
