import Domain
import Fluent
import Vapor

/// The list of events, filtered by year, kind and organising unit, paged by key.
struct EventListPage: Encodable, Sendable {
    let layout: LayoutContext
    let newHref: String?
    let yearOptions: [SelectOption]
    let kindOptions: [SelectOption]
    /// The organising unit: a select while the actor's units are few, else typed by code or name (`UnitPicker`).
    let unit: UnitPicker
    let rows: [Row]
    let nextHref: String?
    let firstHref: String?
    struct Row: Encodable, Sendable {
        let href: String
        let title: String
        let kind: String
        let date: String
        let place: String
        let unit: String
        let status: String
        let statusCode: String
    }
}

/// The new/edit form of an event; `form` holds what was typed, `errors` the messages by field.
struct EventFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let cancelHref: String
    let form: [String: String]
    let errors: [String: String]
    let kindOptions: [SelectOption]
    /// The organiser (`platform/unit-field`) and the participating units (`platform/units-field`).
    let unitField: UnitField
    let unitsField: UnitsField
    let candidates: [Candidate]
    struct Candidate: Encodable, Sendable {
        let id: Int
        let label: String
        let host: Bool
        let honour: String
    }
}

/// One event: what it records, its status moves, its materials and its documents.
struct EventPage: Encodable, Sendable {
    let layout: LayoutContext
    let title: String
    let kind: String
    let date: String
    let time: String
    let place: String
    let unit: String
    let status: String
    let statusCode: String
    let hosts: [String]
    let honoured: [Honour]
    let units: [String]
    let people: [String]
    let outcomes: [String]
    let files: [File]
    let invitationNumber: String
    let reportNumber: String
    let editHref: String?
    let moves: [Move]
    let statusAction: String
    let filesAction: String?
    let invitationHref: String
    let reportHref: String
    let listHref: String
    let errors: [String: String]
    struct Honour: Encodable, Sendable {
        let name: String
        let honour: String
    }
    struct File: Encodable, Sendable {
        let name: String
        let href: String
        let size: String
    }
    struct Move: Encodable, Sendable {
        let code: String
        let label: String
    }
}

struct EventForm: Content, Sendable {
    var unitID: String?
    /// The organiser as typed, and a participant to add, where units are too many to list (`UnitField`, `UnitsField`).
    var unit: String?
    var unitIDsText: String?
    var kind: String?
    var title: String?
    var date: String?
    var time: String?
    var place: String?
    var hostIDs: [String]?
    var unitIDs: [String]?
    var candidateIDs: [String]?
    var people: String?
    var outcomes: String?
    var invitationNumber: String?
    var reportNumber: String?
    var signerCapacity: String?
    var signerName: String?
    var recipients: String?
}
struct EventStatusForm: Content, Sendable { var status: String? }
struct EventFileForm: Content, Sendable { var file: File? }

struct EventsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(EventPath.list, use: list)
        r.get(EventPath.new, use: newForm)
        r.post(EventPath.list, use: create)
        r.get(EventPath.event(.key), use: show)
        r.get(EventPath.edit(.key), use: editForm)
        r.post(EventPath.event(.key), use: update)
        r.post(EventPath.status(.key), use: status)
        r.post(EventPath.files(.key), body: .collect(maxSize: "12mb"), use: upload)
        r.get(EventPath.file(.key), use: file)
        r.get(EventPath.invitation(.key), use: invitation)
        r.get(EventPath.report(.key), use: report)
    }

    static func id(_ req: Request) throws -> Int { try req.parameters.require("id", as: Int.self) }

    // MARK: List

    @Sendable func list(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        guard Policy.eventScope(actor) != .none else { throw AppError.notFound() }
        let kindText = req.queryText("kind") ?? ""
        let kind = EventKind(rawValue: kindText)
        var f = EventFilter(
            year: try req.intQuery("year"), kind: kind, unitID: nil,
            after: try EventFilter.cursor(req.queryText("after")))
        f.perPage = 50
        let others: [(String, String)] = [("year", f.year.map(String.init) ?? ""), ("kind", kind?.rawValue ?? "")]
        let (unit, unitID) = try await UnitPicker.filter(
            req, scope: Policy.eventScope(actor), idName: "unit", textName: "unitText", label: "Đơn vị tổ chức",
            textLabel: "Đơn vị tổ chức (mã hoặc tên)"
        ) { EventPath.list.href(others + [("unit", String($0))]) }
        f.unitID = unitID
        let (items, units, next) = try await EventsQuery.page(f, actor: actor, on: req.database)
        let query = others + [("unit", f.unitID.map(String.init) ?? "")]
        let page = EventListPage(
            layout: req.layout(
                "Sự kiện: tham quan, báo cáo kinh nghiệm, sơ kết, tổng kết", active: EventPath.list.href),
            newHref: Self.canCreateSomewhere(req, actor) ? EventPath.new.href : nil,
            yearOptions: [SelectOption(value: "", label: "Tất cả các năm", selected: f.year == nil)]
                + (2023...(Today.year + 1)).reversed().map {
                    SelectOption(value: String($0), label: String($0), selected: f.year == $0)
                },
            kindOptions: [SelectOption(value: "", label: "Tất cả các loại", selected: kind == nil)]
                + EventKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == kind) },
            unit: unit,
            rows: items.map { e in
                EventListPage.Row(
                    href: EventPath.event(.id(e.id ?? 0)).href, title: e.title, kind: e.kind.label, date: e.displayDate,
                    place: e.place, unit: units[e.unitID]?.name ?? "", status: e.status.label,
                    statusCode: e.status.rawValue)
            },
            nextHref: next.map { EventPath.list.href(query + [("after", $0)]) },
            firstHref: f.after != nil ? EventPath.list.href(query) : nil)
        return try await req.render("publicity/events", page)
    }

    static func canCreateSomewhere(_ req: Request, _ actor: Actor) -> Bool {
        req.can(.create, .event(actor.unitPath ?? .root))
    }

    // MARK: Forms

    /// The organiser: a unit the actor may hold an event in.
    static func organiserSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(
            label: "Đơn vị tổ chức", required: true, emptyLabel: "— Chọn đơn vị tổ chức —",
            scope: Policy.eventCreateScope(actor), activeOnly: false)
    }

    /// The participating units: any unit the actor sees.
    static func participantSpec(_ actor: Actor?) -> UnitsField.Spec {
        UnitsField.Spec(label: "Đơn vị tham dự", scope: Policy.unitScope(actor))
    }

    /// The input with its organiser and participants as typed resolved to units (an error on the field when a text
    /// names none or several).
    static func resolved(_ req: Request, _ input: EventInput, _ typed: [String: String]) async throws -> EventInput {
        var input = input
        input.unitID = Int(
            try await UnitField.resolve(
                organiserSpec(req.actor), selectedID: typed["unitID"], text: typed["unit"], on: req.database) ?? "")
        input.unitIDs = try await UnitsField.resolve(
            participantSpec(req.actor), chosen: input.unitIDs, text: typed["unitIDsText"], on: req.database)
        return input
    }

    /// The exemplars to pick hosts and honoured ones from: the registrations of the event's year and the year before
    /// in the actor's scope (an event early in a year honours last year's exemplars), and any already chosen.
    static func candidates(_ req: Request, _ actor: Actor, year: Int, chosen: Set<Int>) async throws
        -> [(id: Int, label: String)]
    {
        let regs = try await RegistrationModel.query(on: req.database)
            .join(UnitModel.self, on: \RegistrationModel.$unit.$id == \UnitModel.$id)
            .within(Policy.eventScope(actor)).filter(\.$year ~~ [year - 1, year]).with(\.$subject).sort(\.$sortKey)
            .limit(400)
            .all()
        var seen = Set<Int>()
        var out: [(Int, String)] = []
        for r in regs {
            let sid = r.subject.id ?? 0
            guard seen.insert(sid).inserted else { continue }
            let unitName = (try? r.joined(UnitModel.self).name) ?? ""
            out.append((sid, "\(r.subject.name) — \(r.title) (\(unitName))"))
        }
        let missing = chosen.subtracting(seen)
        if !missing.isEmpty {
            for s in try await SubjectModel.query(on: req.database).filter(\.$id ~~ missing).with(\.$unit).all() {
                out.append((s.id ?? 0, "\(s.name) (\(s.unit.name))"))
            }
        }
        return out
    }

    static func formPage(
        _ req: Request, id: Int?, form: [String: String], hosts: Set<Int>, honours: [Int: String], units: Set<Int>,
        errors: [String: String]
    ) async throws -> EventFormPage {
        let actor = try req.requireActor()
        let year =
            VietnameseDate.displayToISO(form["date"] ?? "").flatMap { Int($0.prefix(4)) } ?? Today.year
        let cands = try await candidates(req, actor, year: year, chosen: hosts.union(honours.keys))
        return EventFormPage(
            layout: req.layout(id == nil ? "Ghi sự kiện mới" : "Sửa sự kiện", active: EventPath.list.href),
            heading: id == nil ? "Ghi sự kiện mới" : "Sửa sự kiện",
            action: id.map { EventPath.event(.id($0)).href } ?? EventPath.list.href,
            cancelHref: id.map { EventPath.event(.id($0)).href } ?? EventPath.list.href, form: form, errors: errors,
            kindOptions: [SelectOption(value: "", label: "— Chọn loại —", selected: (form["kind"] ?? "").isEmpty)]
                + EventKind.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: form["kind"] == $0.rawValue)
                },
            unitField: try await UnitField.make(
                Self.organiserSpec(actor), selectedID: form["unitID"], text: form["unit"], error: errors["unitID"],
                on: req.database),
            unitsField: try await UnitsField.make(
                Self.participantSpec(actor), chosen: units, text: form["unitIDsText"] ?? "", error: errors["unitIDs"],
                on: req.database),
            candidates: cands.map {
                EventFormPage.Candidate(
                    id: $0.id, label: $0.label, host: hosts.contains($0.id), honour: honours[$0.id] ?? "")
            })
    }

    /// What the form sent, as the service's input and as the typed values to show again.
    static func read(_ req: Request) throws -> (EventInput, [String: String], Set<Int>, [Int: String], Set<Int>) {
        let f = try req.form(EventForm.self)
        let hosts = (f.hostIDs ?? []).compactMap { Int($0) }
        let units = (f.unitIDs ?? []).compactMap { Int($0) }
        var honours: [Int: String] = [:]
        for c in (f.candidateIDs ?? []).compactMap({ Int($0) }) {
            let text = VietnameseText.clean(req.content[String.self, at: "honour-\(c)"] ?? "")
            if !text.isEmpty { honours[c] = text }
        }
        var input = EventInput()
        input.unitID = Int(f.unitID ?? "")
        input.kind = f.kind ?? ""
        input.title = f.title ?? ""
        input.date = f.date ?? ""
        input.time = f.time ?? ""
        input.place = f.place ?? ""
        input.hostSubjectIDs = hosts
        input.unitIDs = units
        input.people = f.people ?? ""
        input.outcomes = f.outcomes ?? ""
        input.honours = honours.keys.sorted().map { ($0, honours[$0] ?? "") }
        input.invitationNumber = f.invitationNumber ?? ""
        input.reportNumber = f.reportNumber ?? ""
        input.signerCapacity = f.signerCapacity ?? ""
        input.signerName = f.signerName ?? ""
        input.recipients = f.recipients ?? ""
        let typed: [String: String] = [
            "unitID": f.unitID ?? "", "unit": f.unit ?? "", "unitIDsText": f.unitIDsText ?? "", "kind": f.kind ?? "",
            "title": f.title ?? "", "date": f.date ?? "",
            "time": f.time ?? "", "place": f.place ?? "", "people": f.people ?? "", "outcomes": f.outcomes ?? "",
            "invitationNumber": f.invitationNumber ?? "", "reportNumber": f.reportNumber ?? "",
            "signerCapacity": f.signerCapacity ?? "", "signerName": f.signerName ?? "",
            "recipients": f.recipients ?? "",
        ]
        return (input, typed, Set(hosts), honours, Set(units))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        guard Self.canCreateSomewhere(req, actor) else { throw AppError.forbidden(Policy.eventOnly) }
        let form = [
            "unitID": actor.unitID.map(String.init) ?? "", "signerCapacity": "", "recipients": "",
        ]
        return try await req.render(
            "publicity/event-form",
            try await Self.formPage(req, id: nil, form: form, hosts: [], honours: [:], units: [], errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (input, typed, hosts, honours, units) = try Self.read(req)
        return try await req.submit {
            try await EventsService.create(
                try await Self.resolved(req, input, typed), actor: req.actor, on: req.database)
        } redirect: { e in
            (EventPath.event(.id(e.id ?? 0)).href, "Đã ghi sự kiện.")
        } orRender: { e in
            try await req.render(
                "publicity/event-form",
                try await Self.formPage(
                    req, id: nil, form: typed, hosts: hosts, honours: honours, units: units, errors: e.formErrors),
                status: e.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let d = try await EventsService.detail(id, actor: req.actor, .update, on: req.database)
        let e = d.event
        let form: [String: String] = [
            "unitID": String(e.unitID), "kind": e.kind.rawValue, "title": e.title, "date": e.displayDate,
            "time": e.timeText, "place": e.place, "people": d.people.map(\.line).joined(separator: "\n"),
            "outcomes": e.outcomes, "invitationNumber": e.invitationNumber, "reportNumber": e.reportNumber,
            "signerCapacity": e.signerCapacity, "signerName": e.signerName, "recipients": e.recipients,
        ]
        var honours: [Int: String] = [:]
        for h in d.honoured { honours[h.subject.id ?? 0] = h.honour.isEmpty ? "Biểu dương" : h.honour }
        return try await req.render(
            "publicity/event-form",
            try await Self.formPage(
                req, id: id, form: form, hosts: Set(d.hosts.compactMap(\.id)), honours: honours,
                units: Set(d.units.compactMap(\.id)), errors: [:]))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try Self.id(req)
        _ = try await EventsService.find(id, actor: req.actor, .update, on: req.database)
        let (input, typed, hosts, honours, units) = try Self.read(req)
        return try await req.submit {
            try await EventsService.update(
                id, try await Self.resolved(req, input, typed), actor: req.actor, on: req.database)
        } redirect: { _ in
            (EventPath.event(.id(id)).href, "Đã lưu sự kiện.")
        } orRender: { e in
            try await req.render(
                "publicity/event-form",
                try await Self.formPage(
                    req, id: id, form: typed, hosts: hosts, honours: honours, units: units, errors: e.formErrors),
                status: e.status)
        }
    }

    // MARK: One event

    static func page(_ req: Request, _ id: Int, errors: [String: String] = [:]) async throws -> EventPage {
        let d = try await EventsService.detail(id, actor: req.actor, on: req.database)
        let e = d.event
        let canWrite = req.can(.update, .event(d.unit.unitPath))
        return EventPage(
            layout: req.layout(e.title, active: EventPath.list.href), title: e.title, kind: e.kind.label,
            date: e.displayDate, time: e.timeText, place: e.place, unit: d.unit.name, status: e.status.label,
            statusCode: e.status.rawValue, hosts: d.hosts.map(EventDocuments.hostLine),
            honoured: d.honoured.map { EventPage.Honour(name: EventDocuments.hostLine($0.subject), honour: $0.honour) },
            units: d.units.map(\.name), people: d.people.map(\.line),
            outcomes: CommendationDocuments.lines(e.outcomes),
            files: d.files.map {
                EventPage.File(
                    name: $0.originalName, href: EventPath.file(.id($0.id ?? 0)).href,
                    size: VietnameseNumber.format(Double($0.size) / 1024, maxFractionDigits: 0) + " KB")
            },
            invitationNumber: e.invitationNumber, reportNumber: e.reportNumber,
            editHref: canWrite ? EventPath.edit(.id(id)).href : nil,
            moves: canWrite
                ? EventWorkflow.targets(from: e.status).map { EventPage.Move(code: $0.rawValue, label: $0.label) } : [],
            statusAction: EventPath.status(.id(id)).href, filesAction: canWrite ? EventPath.files(.id(id)).href : nil,
            invitationHref: EventPath.invitation(.id(id)).href, reportHref: EventPath.report(.id(id)).href,
            listHref: EventPath.list.href, errors: errors)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("publicity/event", try await Self.page(req, try Self.id(req)))
    }

    @Sendable func status(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let input = try req.form(EventStatusForm.self)
        return try await req.submit {
            try await EventsService.move(id, to: input.status ?? "", actor: req.actor, on: req.database)
        } redirect: { e in
            (EventPath.event(.id(id)).href, "Sự kiện chuyển sang “\(e.status.label)”.")
        } orRender: { e in
            try await req.render(
                "publicity/event", try await Self.page(req, id, errors: e.formErrorsSpelledOut), status: e.status)
        }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let id = try Self.id(req)
        _ = try await EventsService.find(id, actor: req.actor, .update, on: req.database)
        let input = try req.form(EventFileForm.self)
        return try await req.submit {
            try await EventsService.addFile(
                id, filename: input.file?.filename ?? "", bytes: input.file.map { Array(buffer: $0.data) } ?? [],
                actor: req.actor, app: req.application, on: req.database)
        } redirect: { f in
            (EventPath.event(.id(id)).href, "Đã thêm tài liệu \(f.originalName).")
        } orRender: { e in
            try await req.render(
                "publicity/event", try await Self.page(req, id, errors: e.formErrorsSpelledOut), status: e.status)
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        try await EventsService.download(try Self.id(req), actor: req.actor, req: req)
    }

    static func document(_ req: Request, report: Bool) async throws -> Response {
        let id = try id(req)
        let d = try await EventsService.detail(id, actor: req.actor, on: req.database)
        let data = report ? try EventDocuments.report(d) : try EventDocuments.invitation(d)
        return FileStore.attachment(
            data, name: (report ? "bao-cao-ket-qua-su-kien-" : "giay-moi-su-kien-") + "\(id).docx",
            contentType: EvidenceService.Kind.docx.contentType)
    }

    @Sendable func invitation(req: Request) async throws -> Response { try await Self.document(req, report: false) }
    @Sendable func report(req: Request) async throws -> Response { try await Self.document(req, report: true) }
}
