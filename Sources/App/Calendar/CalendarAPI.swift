import Domain
import Fluent
import Vapor

struct CalendarAPIController {
    struct DayDTO: Content {
        let day: String
        let kind: String
        let kindLabel: String
        let name: String
        let basis: String
        let verified: Bool
        let source: String
    }
    struct YearDTO: Content {
        let year: Int
        let days: [DayDTO]
    }

    func register(_ r: any RoutesBuilder) {
        r.get("calendar", use: year)
    }

    @Sendable func year(req: Request) async throws -> YearDTO {
        try req.authorize(.list, .calendar)
        let year = try CalendarWebController.year(req)
        let days = try await CalendarService.days(year: year, on: req.database)
        return YearDTO(
            year: year,
            days: days.map {
                DayDTO(
                    day: $0.day, kind: $0.kind.rawValue, kindLabel: $0.kind.label, name: $0.name, basis: $0.basis,
                    verified: $0.verified, source: $0.source.rawValue)
            })
    }
}
