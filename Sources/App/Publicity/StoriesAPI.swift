import Domain
import Fluent
import Vapor

/// A story as the API answers it.
struct StoryDTO: Content, Sendable {
    struct Subject: Content, Sendable {
        let subjectID: Int
        let name: String
    }
    struct Photo: Content, Sendable {
        let id: Int
        let alt: String
        let caption: String
        let width: Int
        let height: Int
        let contentType: String
        /// The internal address (signed-in); the public one is /anh/{id} once the story is published.
        let href: String
    }
    let id: Int
    let unitID: Int
    let unitName: String
    let columnCode: String
    let columnName: String
    let title: String
    let slug: String
    let lead: String
    /// Sanitised HTML (allow-list).
    let bodyHTML: String
    let status: String
    let statusLabel: String
    let minoritySummary: String
    let minorityLang: String
    let minorityTranslator: String
    let subjects: [Subject]
    let photos: [Photo]
    let authorID: Int?
    let approvedBy: Int?
    let publishedAt: Date?
    let withdrawnAt: Date?
    let withdrawReason: String?
    let returnReason: String?
    let createdAt: Date
    let updatedAt: Date

    init(_ d: StoryDetail, columns: StoryColumns) {
        let s = d.story
        id = d.id
        unitID = s.unitID
        unitName = d.unit.name
        columnCode = s.columnCode
        columnName = columns.name(of: s.columnCode)
        title = s.title
        slug = s.slug
        lead = s.lead
        bodyHTML = s.bodyHTML
        status = s.status.rawValue
        statusLabel = s.status.label
        minoritySummary = s.minoritySummary
        minorityLang = s.minorityLang
        minorityTranslator = s.minorityTranslator
        subjects = d.subjects.map { Subject(subjectID: $0.id ?? 0, name: $0.name) }
        photos = d.photos.map {
            Photo(
                id: $0.id ?? 0, alt: $0.alt, caption: $0.caption, width: $0.width, height: $0.height,
                contentType: $0.contentType, href: StoriesPath.photo(.id(d.id), .id($0.id ?? 0)).href)
        }
        authorID = s.authorID
        approvedBy = s.approvedBy
        publishedAt = s.publishedAt
        withdrawnAt = s.withdrawnAt
        withdrawReason = s.withdrawReason
        returnReason = s.returnReason
        createdAt = s.createdAt
        updatedAt = s.updatedAt
    }
}

/// One row of the list.
struct StorySummaryDTO: Content, Sendable {
    let id: Int
    let unitID: Int
    let columnCode: String
    let title: String
    let status: String
    let updatedAt: Date
    let publishedAt: Date?
}

/// A page of stories, newest change first; `next`: pass it as `after` for the following page (null: the last).
struct StoryListDTO: Content, Sendable {
    let items: [StorySummaryDTO]
    let next: String?
}

/// A new story, or every field of an edited one.
struct StoryInputDTO: Content, Sendable {
    var unitID: Int?
    var columnCode: String
    var title: String
    var lead: String
    /// HTML; the server keeps only the allowed elements and attributes.
    var bodyHTML: String
    var subjectIDs: [Int]
    var minoritySummary: String?
    var minorityLang: String?
    var minorityTranslator: String?

    var input: StoryInput {
        StoryInput(
            unitID: unitID, columnCode: columnCode, title: title, lead: lead, body: bodyHTML, subjectIDs: subjectIDs,
            minoritySummary: minoritySummary ?? "", minorityLang: minorityLang ?? "",
            minorityTranslator: minorityTranslator ?? "")
    }
}

/// A workflow move: submit, approve, return, withdraw, rework; `reason` is required to return or withdraw.
struct StoryMoveDTO: Content, Sendable {
    var step: String
    var reason: String?
}

struct StoriesAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("stories", use: list)
        r.post("stories", use: create)
        r.get("stories", ":id", use: read)
        r.put("stories", ":id", use: update)
        r.post("stories", ":id", "move", use: move)
    }

    static func dto(_ req: Request, _ id: Int) async throws -> StoryDTO {
        StoryDTO(
            try await StoriesService.detail(id, actor: req.actor, on: req.database),
            columns: try StoriesService.columns(req.application))
    }

    @Sendable func list(req: Request) async throws -> StoryListDTO {
        let actor = try req.requireActor()
        let statusText = req.queryText("status") ?? ""
        var wanted: StoryStatus?
        if !statusText.isEmpty {
            guard let s = StoryStatus(rawValue: statusText) else {
                throw AppError.badRequest(
                    "Tham số “status” phải là một trong: "
                        + StoryStatus.allCases.map(\.rawValue).joined(separator: ", ")
                        + ".")
            }
            wanted = s
        }
        let column = req.queryText("column") ?? ""
        var f = StoryFilter(
            status: wanted, columnCode: column.isEmpty ? nil : column,
            after: try StoryFilter.cursor(req.queryText("after")))
        f.perPage = min(max(try req.intQuery("perPage") ?? 50, 1), 200)
        let page = try await StoriesService.list(f, actor: actor, on: req.database)
        return StoryListDTO(
            items: page.items.map {
                StorySummaryDTO(
                    id: $0.id ?? 0, unitID: $0.unitID, columnCode: $0.columnCode, title: $0.title,
                    status: $0.status.rawValue, updatedAt: $0.updatedAt, publishedAt: $0.publishedAt)
            }, next: page.next)
    }

    @Sendable func read(req: Request) async throws -> StoryDTO {
        try await Self.dto(req, try StoriesWebController.id(req))
    }

    @Sendable func create(req: Request) async throws -> Response {
        _ = try req.requireActor()
        let input = try req.content.decode(StoryInputDTO.self)
        let s = try await StoriesService.create(
            input.input, actor: req.actor, columns: try StoriesService.columns(req.application), on: req.database)
        return try await Self.dto(req, try s.requireID()).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> StoryDTO {
        let id = try StoriesWebController.id(req)
        _ = try await StoriesService.find(id, actor: req.actor, .update, on: req.database)
        let input = try req.content.decode(StoryInputDTO.self)
        _ = try await StoriesService.update(
            id, input.input, actor: req.actor, columns: try StoriesService.columns(req.application), on: req.database)
        return try await Self.dto(req, id)
    }

    @Sendable func move(req: Request) async throws -> StoryDTO {
        let id = try StoriesWebController.id(req)
        _ = try await StoriesService.find(id, actor: req.actor, on: req.database)
        let input = try req.content.decode(StoryMoveDTO.self)
        guard let step = StoryMove(rawValue: input.step) else {
            throw AppError.badRequest(
                "“step” phải là một trong: " + StoryMove.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        _ = try await StoriesService.move(id, step, reason: input.reason ?? "", actor: req.actor, on: req.database)
        return try await Self.dto(req, id)
    }
}
