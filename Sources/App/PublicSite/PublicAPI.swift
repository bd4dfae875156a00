import Domain
import Fluent
import Vapor

/// The public read-only API (`/api/v1/public/...`): no token, the public site's visibility rules, no personal field.
struct PublicAPIController {
    func register(_ api: any RoutesBuilder) {
        let r = api.grouped("public")
        r.get("stories", use: stories)
        r.get("stories", ":id", use: story)
        r.get("exemplars", ":id", use: exemplar)
    }

    struct StoryDTO: Content {
        let id: Int
        let title: String
        let column: String
        let columnName: String
        let lead: String
        let publishedAt: Date
        let url: String
        /// Only in the single-story answer: the sanitised body, the minority-language summary, the exemplars.
        var bodyHTML: String?
        var minoritySummary: String?
        var minorityLang: String?
        var minorityTranslator: String?
        var exemplarIDs: [Int]?
    }

    struct StoryList: Content {
        let items: [StoryDTO]
        /// Pass as `after` for the next page; nil on the last.
        let nextAfter: Int?
    }

    struct ExemplarDTO: Content {
        let id: Int
        let name: String
        let kind: String
        let unitName: String
        let fields: [String]
        let url: String
        let stories: [StoryDTO]
        let awards: [Award]
        struct Award: Content {
            let formName: String
            let year: Int
            let authority: String
            let decision: String
        }
    }

    static func dto(_ s: StoryModel, _ req: Request) -> StoryDTO {
        StoryDTO(
            id: s.id ?? 0, title: s.title, column: s.columnCode, columnName: req.publicColumns.label(s.columnCode),
            lead: s.lead, publishedAt: s.publishedAt ?? s.createdAt,
            url: req.absolute(PublicPath.story(id: s.id ?? 0, slug: s.slug).href))
    }

    @Sendable func stories(req: Request) async throws -> StoryList {
        let after = PublicWebController.id(req, "after")
        let column = req.queryText("column").flatMap { $0.isEmpty ? nil : $0 }
        if let column, req.publicColumns.named(column) == nil { throw AppError.notFound("Không có chuyên mục này.") }
        let limit = min(max(req.query[Int.self, at: "limit"] ?? 20, 1), 100)
        let page = try await PublicQueries.latest(column: column, after: after, limit: limit, on: req.database)
        return StoryList(
            items: page.stories.map { Self.dto($0, req) }, nextAfter: page.more ? page.stories.last?.id : nil)
    }

    @Sendable func story(req: Request) async throws -> StoryDTO {
        guard let id = req.parameters.get("id", as: Int.self),
            let s = try await PublicQueries.story(id, on: req.database)
        else { throw AppError.notFound("Không tìm thấy bài viết.") }
        var d = Self.dto(s, req)
        d.bodyHTML = s.bodyHTML
        if !s.minoritySummary.isEmpty {
            d.minoritySummary = s.minoritySummary
            d.minorityLang = s.minorityLang
            d.minorityTranslator = s.minorityTranslator
        }
        let subjects = try await PublicQueries.subjects(ofStory: id, on: req.database).compactMap(\.id)
        d.exemplarIDs = Array(try await PublicQueries.publicExemplars(subjects, on: req.database)).sorted()
        return d
    }

    @Sendable func exemplar(req: Request) async throws -> ExemplarDTO {
        guard let id = req.parameters.get("id", as: Int.self),
            let s = try await PublicQueries.exemplar(id, on: req.database)
        else { throw AppError.notFound("Không tìm thấy điển hình này.") }
        let data = try await PublicWebController.exemplarData(s, on: req.database)
        return ExemplarDTO(
            id: id, name: s.name, kind: s.kind, unitName: s.unit.name, fields: data.fields,
            url: req.absolute(PublicPath.exemplar(.id(id)).href), stories: data.stories.map { Self.dto($0, req) },
            awards: data.awards.map {
                .init(formName: $0.formName, year: $0.year, authority: $0.authority, decision: $0.decision)
            })
    }
}
