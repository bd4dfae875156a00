/// Spreadsheet imports: registrations and year-end results.
enum ImportsPath: SitePath {
    case imports
    case template
    case job(Param)
    case annualRecords
    case annualRecordsTemplate

    var segments: [PathSegment] {
        switch self {
        case .imports: ["app", "imports"]
        case .template: ["app", "imports", "template"]
        case .job(let id): ["app", "imports", .param("id", id)]
        case .annualRecords: ["app", "imports", "annual-records"]
        case .annualRecordsTemplate: ["app", "imports", "annual-records", "template"]
        }
    }
}
