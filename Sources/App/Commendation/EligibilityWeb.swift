import Domain
import Fluent
import Vapor

struct EligibilityPage: Encodable, Sendable {
    let layout: LayoutContext
    let subjectName: String
    let subjectHref: String
    let year: Int
    /// The day whose rules apply, dd/mm/yyyy.
    let judgedOn: String
    let result: EligibilityDTO
    let years: [SelectOption]
}

struct EligibilityWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(AwardsPath.eligibility(.key), use: eligibility)
    }

    @Sendable func eligibility(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let thisYear = Today.year
        let year = try req.intQuery("year") ?? thisYear - 1
        let s = try await SubjectService.readable(id, actor: req.actor, on: req.db)
        let result = try await EligibilityService.dto(subjectID: id, year: year, day: nil, actor: req.actor, req: req)
        let first = (req.ruleSets.first?.effectiveFrom.prefix(4)).flatMap { Int($0) } ?? thisYear - 3
        return try await req.render(
            "commendation/eligibility",
            EligibilityPage(
                layout: req.layout("Điều kiện khen thưởng: \(s.name)", active: AwardsPath.awards.href),
                subjectName: s.name, subjectHref: SubjectsPath.subject(.id(id)).href, year: year,
                judgedOn: result.judgedOn.isoToVietnamese, result: result,
                years: (first...thisYear).reversed().map {
                    SelectOption(value: String($0), label: String($0), selected: $0 == year)
                }))
    }
}
