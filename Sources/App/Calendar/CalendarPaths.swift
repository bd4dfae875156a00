/// The holiday calendar: days off and make-up working days.
enum CalendarPath: SitePath {
    case calendar
    case day(Param)
    case edit(Param)
    case delete(Param)

    var segments: [PathSegment] {
        switch self {
        case .calendar: ["app", "calendar"]
        case .day(let id): ["app", "calendar", "days", .param("id", id)]
        case .edit(let id): ["app", "calendar", "days", .param("id", id), "edit"]
        case .delete(let id): ["app", "calendar", "days", .param("id", id), "delete"]
        }
    }
}
