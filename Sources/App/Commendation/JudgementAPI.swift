import Domain
import Vapor

/// The judgement answers of a subject's year (issue 9): GET lists the questions with their answers, POST answers one.
struct JudgementAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("subjects", ":id", "eligibility", "answers", use: list)
        r.post("subjects", ":id", "eligibility", "answers", use: answer)
    }

    @Sendable func list(req: Request) async throws -> [JudgementDTO] {
        let id = try req.parameters.require("id", as: Int.self)
        let year = try req.intQuery("year") ?? Today.year - 1
        let s = try await SubjectService.readable(id, actor: req.actor, on: req.database)
        var e = FieldErrors()
        Check.year(year, "year", "Năm", into: &e)
        guard e.isEmpty else { throw AppError.invalid(e) }
        return try await JudgementService.list(
            subject: s, year: year, actor: req.actor, sets: req.ruleSets, jurisdiction: req.jurisdiction,
            on: req.database)
    }

    @Sendable func answer(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.content.decode(JudgementAnswerInput.self)
        let m = try await JudgementService.answer(
            subjectID: id, input, actor: req.actor, sets: req.ruleSets, jurisdiction: req.jurisdiction, on: req.database
        )
        let s = try await SubjectService.readable(id, actor: req.actor, on: req.database)
        let list = try await JudgementService.list(
            subject: s, year: m.year, actor: req.actor, sets: req.ruleSets, jurisdiction: req.jurisdiction,
            on: req.database)
        guard let dto = list.first(where: { $0.key == m.key }) else { throw AppError.notFound() }
        return try await dto.encodeResponse(status: .created, for: req)
    }
}
