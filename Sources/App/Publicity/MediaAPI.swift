import Domain
import Fluent
import Vapor

struct MediaAPIController {
    struct MediaDTO: Content {
        let id: Int
        let subjectID: Int
        let unitID: Int
        let outletKind: String
        let outletKindLabel: String
        let outletName: String
        /// dd/mm/yyyy
        let date: String
        let title: String
        let link: String
        let note: String
    }
    /// A page of the log, newest first; `next`: pass it as `after` for the following page (null: the last).
    struct MediaListDTO: Content {
        let items: [MediaDTO]
        let next: String?
    }

    func register(_ r: any RoutesBuilder) {
        r.get("media", use: list)
        r.post("media", use: create)
        r.get("media", ":id", use: read)
        r.put("media", ":id", use: update)
        r.delete("media", ":id", use: delete)
    }

    static func dto(_ m: MediaEntryModel) -> MediaDTO {
        MediaDTO(
            id: m.id ?? 0, subjectID: m.subjectID, unitID: m.unitID, outletKind: m.outletKind,
            outletKindLabel: MediaCatalogue.outlets.label(m.outletKind), outletName: m.outletName,
            date: m.publishedOn.isoToVietnamese, title: m.title, link: m.link, note: m.note)
    }

    @Sendable func list(req: Request) async throws -> MediaListDTO {
        _ = try req.requireActor()
        let (f, cursor) = try MediaWebController.filter(req)
        let q = try req.listQuery(defaultPerPage: 50)
        let page = try await MediaQuery.list(
            f, actor: req.actor, after: cursor, limit: min(q.perPage, 200), on: req.database)
        return MediaListDTO(items: page.items.map(Self.dto), next: page.next?.token)
    }

    @Sendable func read(req: Request) async throws -> MediaDTO {
        let id = try req.parameters.require("id", as: Int.self)
        return Self.dto(try await MediaQuery.readable(id, actor: req.actor, on: req.database))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(MediaInput.self)
        let m = try await MediaService.create(input, actor: req.actor, on: req.database)
        return try await Self.dto(m).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> MediaDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.content.decode(MediaInput.self)
        return Self.dto(try await MediaService.update(id, input, actor: req.actor, on: req.database))
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await MediaService.delete(id, actor: req.actor, on: req.database)
        return .noContent
    }
}
