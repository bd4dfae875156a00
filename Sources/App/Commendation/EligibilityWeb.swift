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
    /// Where the judgement answers are posted.
    var answerAction: String = ""
    /// The answer form's errors and what was typed, after a refused post (nothing lost).
    var errors: [String: String] = [:]
    var typed: JudgementTyped = .init()
}

/// What the user typed into one judgement question before a refused post.
struct JudgementTyped: Encodable, Sendable {
    var key: String = ""
    var answer: String = ""
    var note: String = ""
}

struct EligibilityWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(AwardsPath.eligibility(.key), use: eligibility)
        r.post(JudgementPath.answers(.key), use: answer)
    }

    /// One judgement question answered from the eligibility page: back to the page, or the page again with the error
    /// and what was typed.
    @Sendable func answer(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.content.decode(JudgementAnswerInput.self)
        return try await req.submit {
            try await JudgementService.answer(
                subjectID: id, f, actor: req.actor, sets: req.ruleSets, jurisdiction: req.jurisdiction, on: req.database
            )
        } redirect: { a in
            (
                AwardsPath.eligibility(.id(id)).href([("year", String(f.year))]),
                a.answer ? "Đã ghi đánh giá: đạt." : "Đã ghi đánh giá: không đạt."
            )
        } orRender: { e in
            try await self.page(
                req, id: id, year: f.year, errors: e.formErrorsSpelledOut,
                typed: JudgementTyped(key: f.key, answer: f.answer ?? "", note: f.note ?? ""), status: e.status)
        }
    }

    @Sendable func eligibility(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await page(req, id: id, year: try req.intQuery("year") ?? Today.year - 1)
    }

    func page(
        _ req: Request, id: Int, year: Int, errors: [String: String] = [:], typed: JudgementTyped = .init(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let thisYear = Today.year
        let s = try await SubjectService.readable(id, actor: req.actor, on: req.database)
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
                }, answerAction: JudgementPath.answers(.id(id)).href, errors: errors, typed: typed), status: status)
    }
}
