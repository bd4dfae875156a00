/// The periodic reports (sơ kết, tổng kết) to the level above: the list, a new draft, a draft and its DOCX.
enum ReportsPath: SitePath {
    case list
    case new
    case report(Param)
    case docx(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "reports"]
        case .new: ["app", "reports", "new"]
        case .report(let id): ["app", "reports", .param("id", id)]
        case .docx(let id): ["app", "reports", .param("id", id), "docx"]
        }
    }
}
