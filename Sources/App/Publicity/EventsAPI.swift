import Domain
import Fluent
import Vapor

/// An event as the API answers it.
struct EventDTO: Content, Sendable {
    struct Subject: Content, Sendable {
        let subjectID: Int
        let name: String
        /// What it received when honoured; empty for a host.
        let honour: String
    }
    struct File: Content, Sendable {
        let id: Int
        let name: String
        let contentType: String
        let size: Int
    }
    let id: Int
    let unitID: Int
    let unitName: String
    let kind: String
    let kindLabel: String
    let title: String
    /// dd/mm/yyyy.
    let date: String
    let time: String
    let place: String
    let status: String
    let statusLabel: String
    let hosts: [Subject]
    let honoured: [Subject]
    let unitIDs: [Int]
    let people: [EventPerson]
    let outcomes: String
    let files: [File]
    let invitationNumber: String
    let reportNumber: String

    init(_ d: EventDetail) {
        let e = d.event
        id = d.id
        unitID = e.unitID
        unitName = d.unit.name
        kind = e.kind.rawValue
        kindLabel = e.kind.label
        title = e.title
        date = e.displayDate
        time = e.timeText
        place = e.place
        status = e.status.rawValue
        statusLabel = e.status.label
        hosts = d.hosts.map { Subject(subjectID: $0.id ?? 0, name: $0.name, honour: "") }
        honoured = d.honoured.map { Subject(subjectID: $0.subject.id ?? 0, name: $0.subject.name, honour: $0.honour) }
        unitIDs = d.units.compactMap(\.id)
        people = d.people
        outcomes = e.outcomes
        files = d.files.map { File(id: $0.id ?? 0, name: $0.originalName, contentType: $0.contentType, size: $0.size) }
        invitationNumber = e.invitationNumber
        reportNumber = e.reportNumber
    }
}

/// One row of the list.
struct EventSummaryDTO: Content, Sendable {
    let id: Int
    let unitID: Int
    let unitName: String
    let kind: String
    let title: String
    let date: String
    let place: String
    let status: String
}

/// A page of events, newest first; `next`: pass it as `after` for the following page (null: the last).
struct EventListDTO: Content, Sendable {
    let items: [EventSummaryDTO]
    let next: String?
}

struct EventHonourInput: Content, Sendable {
    var subjectID: Int
    var honour: String?
}

/// A new event, or every field of an edited one.
struct EventInputDTO: Content, Sendable {
    var unitID: Int?
    var kind: String
    var title: String
    /// dd/mm/yyyy.
    var date: String
    var time: String?
    var place: String
    var hostSubjectIDs: [Int]?
    var unitIDs: [Int]?
    var people: [EventPerson]?
    var outcomes: String?
    var honoured: [EventHonourInput]?
    var invitationNumber: String?
    var reportNumber: String?
    var signerCapacity: String?
    var signerName: String?
    var recipients: String?

    var input: EventInput {
        var i = EventInput()
        i.unitID = unitID
        i.kind = kind
        i.title = title
        i.date = date
        i.time = time ?? ""
        i.place = place
        i.hostSubjectIDs = hostSubjectIDs ?? []
        i.unitIDs = unitIDs ?? []
        i.people = (people ?? []).map { $0.line.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        i.outcomes = outcomes ?? ""
        i.honours = (honoured ?? []).map { ($0.subjectID, $0.honour ?? "") }
        i.invitationNumber = invitationNumber ?? ""
        i.reportNumber = reportNumber ?? ""
        i.signerCapacity = signerCapacity ?? ""
        i.signerName = signerName ?? ""
        i.recipients = recipients ?? ""
        return i
    }
}

struct EventStatusInput: Content, Sendable { var status: String }

struct EventsAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("events", use: list)
        r.post("events", use: create)
        r.get("events", ":id", use: read)
        r.put("events", ":id", use: update)
        r.post("events", ":id", "status", use: move)
    }

    @Sendable func list(req: Request) async throws -> EventListDTO {
        let actor = try req.requireActor()
        let kindText = req.queryText("kind") ?? ""
        var kind: EventKind?
        if !kindText.isEmpty {
            guard let k = EventKind(rawValue: kindText) else {
                throw AppError.badRequest(
                    "Tham số “kind” phải là một trong: " + EventKind.allCases.map(\.rawValue).joined(separator: ", ")
                        + ".")
            }
            kind = k
        }
        var f = EventFilter(
            year: try req.intQuery("year"), kind: kind, unitID: try req.intQuery("unit"),
            after: try EventFilter.cursor(req.queryText("after")))
        f.perPage = min(max(try req.intQuery("perPage") ?? 50, 1), 200)
        let (items, units, next) = try await EventsQuery.page(f, actor: actor, on: req.database)
        return EventListDTO(
            items: items.map {
                EventSummaryDTO(
                    id: $0.id ?? 0, unitID: $0.unitID, unitName: units[$0.unitID]?.name ?? "", kind: $0.kind.rawValue,
                    title: $0.title, date: $0.displayDate, place: $0.place, status: $0.status.rawValue)
            }, next: next)
    }

    @Sendable func read(req: Request) async throws -> EventDTO {
        EventDTO(try await EventsService.detail(try EventsWebController.id(req), actor: req.actor, on: req.database))
    }

    @Sendable func create(req: Request) async throws -> Response {
        _ = try req.requireActor()
        let input = try req.content.decode(EventInputDTO.self)
        let e = try await EventsService.create(input.input, actor: req.actor, on: req.database)
        let dto = EventDTO(try await EventsService.detail(try e.requireID(), actor: req.actor, on: req.database))
        return try await dto.encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> EventDTO {
        let id = try EventsWebController.id(req)
        _ = try await EventsService.find(id, actor: req.actor, .update, on: req.database)
        let input = try req.content.decode(EventInputDTO.self)
        _ = try await EventsService.update(id, input.input, actor: req.actor, on: req.database)
        return EventDTO(try await EventsService.detail(id, actor: req.actor, on: req.database))
    }

    @Sendable func move(req: Request) async throws -> EventDTO {
        let id = try EventsWebController.id(req)
        _ = try await EventsService.find(id, actor: req.actor, .update, on: req.database)
        let input = try req.content.decode(EventStatusInput.self)
        _ = try await EventsService.move(id, to: input.status, actor: req.actor, on: req.database)
        return EventDTO(try await EventsService.detail(id, actor: req.actor, on: req.database))
    }
}
