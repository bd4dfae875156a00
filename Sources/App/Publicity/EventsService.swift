import Domain
import Fluent
import FluentSQL
import Foundation
import SQLKit
import Vapor

/// What a new or edited event carries, as typed (web form or API).
struct EventInput: Sendable {
    var unitID: Int?
    var kind: String = ""
    var title: String = ""
    /// dd/mm/yyyy.
    var date: String = ""
    var time: String = ""
    var place: String = ""
    var hostSubjectIDs: [Int] = []
    var unitIDs: [Int] = []
    /// Participants, one a line: "Họ tên; chức vụ; đơn vị".
    var people: String = ""
    var outcomes: String = ""
    /// Honoured exemplars and what each received.
    var honours: [(subjectID: Int, honour: String)] = []
    var invitationNumber: String = ""
    var reportNumber: String = ""
    var signerCapacity: String = ""
    var signerName: String = ""
    var recipients: String = ""
}

/// An event with everything its pages and documents need.
struct EventDetail: Sendable {
    let event: EventModel
    let unit: UnitModel
    let parent: UnitModel?
    let hosts: [SubjectModel]
    let honoured: [(subject: SubjectModel, honour: String)]
    let units: [UnitModel]
    let people: [EventPerson]
    let files: [EventFileModel]
    var id: Int { event.id ?? 0 }
}

/// The list's filter: year, kind, organising unit (its subtree), and the key of the last row of the page before.
struct EventFilter: Sendable {
    var year: Int?
    var kind: EventKind?
    var unitID: Int?
    /// "yyyy-mm-dd_id" of the last row shown: the next page starts after it (date descending, id descending).
    var after: (heldOn: String, id: Int)?
    var perPage: Int = 50

    static func cursor(_ text: String?) throws -> (heldOn: String, id: Int)? {
        guard let text, !text.isEmpty else { return nil }
        let parts = text.split(separator: "_")
        guard parts.count == 2, let id = Int(parts[1]), parts[0].count == 10,
            VietnameseDate.parse(VietnameseDate.isoToDisplay(String(parts[0]))) != nil
        else { throw AppError.badRequest("Tham số “after” không đúng dạng (yyyy-mm-dd_mã).") }
        return (String(parts[0]), id)
    }
}

/// Events: validate → authorize (Policy) → transaction → audit.
enum EventsService {
    static let audited = "event"

    static func resource(_ unit: UnitModel) -> Resource { .event(unit.unitPath) }

    /// An event the actor may do `action` on, with its organising unit; 404 when it does not exist or lies outside
    /// the actor's scope, 403 when it may be read but not written.
    static func find(_ id: Int, actor: Actor?, _ action: Action, on db: any Database) async throws
        -> (EventModel, UnitModel)
    {
        guard let e = try await EventModel.find(id, on: db), let unit = try await UnitModel.find(e.unitID, on: db)
        else { throw AppError.notFound("Không tìm thấy sự kiện.") }
        try Access.check(actor, .read, resource(unit))
        if action != .read { try Access.check(actor, action, resource(unit)) }
        return (e, unit)
    }

    static func detail(_ id: Int, actor: Actor?, _ action: Action = .read, on db: any Database) async throws
        -> EventDetail
    {
        let (e, unit) = try await find(id, actor: actor, action, on: db)
        return try await detail(e, unit: unit, on: db)
    }

    static func detail(_ e: EventModel, unit: UnitModel, on db: any Database) async throws -> EventDetail {
        let id = try e.requireID()
        let parent = try await unit.$parent.get(on: db)
        let links = try await EventSubjectModel.query(on: db).filter(\.$eventID == id).sort(\.$id).all()
        let subjects = try await SubjectModel.query(on: db).filter(\.$id ~~ links.map(\.subjectID)).with(\.$unit).all()
        let byID = Dictionary(uniqueKeysWithValues: subjects.compactMap { s in s.id.map { ($0, s) } })
        let unitLinks = try await EventUnitModel.query(on: db).filter(\.$eventID == id).all()
        let units = try await UnitModel.query(on: db).filter(\.$id ~~ unitLinks.map(\.unitID)).sort(\.$path).all()
        let people = try await EventPersonModel.query(on: db).filter(\.$eventID == id).sort(\.$position).all()
        let files = try await EventFileModel.query(on: db).filter(\.$eventID == id).sort(\.$id).all()
        return EventDetail(
            event: e, unit: unit, parent: parent,
            hosts: links.filter { $0.role.isHost }.compactMap { byID[$0.subjectID] },
            honoured: links.filter { !$0.role.isHost }.compactMap { l in byID[l.subjectID].map { ($0, l.honour) }
            },
            units: units, people: people.map(\.person), files: files)
    }

    // MARK: Writing

    /// Checks everything typed; the errors name the form's fields.
    static func validate(_ input: EventInput, actor: Actor?, on db: any Database) async throws
        -> (EventKind, String, UnitModel)
    {
        var e = FieldErrors()
        let kind = EventKind(rawValue: input.kind)
        if kind == nil { e.add("kind", "Vui lòng chọn loại sự kiện.") }
        Check.required(VietnameseText.clean(input.title), "title", "Tên sự kiện", max: 300, into: &e)
        let dateText = VietnameseText.clean(input.date)
        let iso = VietnameseDate.displayToISO(dateText)
        if dateText.isEmpty {
            e.add("date", "Vui lòng nhập ngày tổ chức theo dạng ngày/tháng/năm, ví dụ 15/05/2025.")
        } else if iso == nil {
            e.add("date", "Ngày “\(dateText)” không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 15/05/2025.")
        }
        Check.required(VietnameseText.clean(input.place), "place", "Địa điểm", max: 300, into: &e)
        Check.optional(VietnameseText.clean(input.time), "time", "Thời gian", max: 60, into: &e)
        var unit: UnitModel?
        if let uid = input.unitID { unit = try await UnitModel.find(uid, on: db) }
        if unit == nil { e.add("unitID", "Vui lòng chọn đơn vị tổ chức.") }
        let subjectIDs = Set(input.hostSubjectIDs + input.honours.map(\.subjectID))
        if !subjectIDs.isEmpty {
            let scope = Policy.eventScope(actor)
            let found = try await SubjectModel.query(on: db).filter(\.$id ~~ subjectIDs).with(\.$unit).all()
            if found.count != subjectIDs.count || found.contains(where: { !scope.contains($0.unit.unitPath) }) {
                e.add("hosts", "Chỉ chọn điển hình đã đăng ký trong phạm vi đơn vị của bạn.")
            }
        }
        for h in input.honours where VietnameseText.clean(h.honour).count > 200 {
            e.add("honours", "Hình thức biểu dương, khen thưởng tối đa 200 ký tự.")
        }
        if !input.unitIDs.isEmpty {
            let units = try await UnitModel.query(on: db).filter(\.$id ~~ Set(input.unitIDs)).all()
            let scope = Policy.unitScope(actor)
            if units.count != Set(input.unitIDs).count || units.contains(where: { !scope.contains($0.unitPath) }) {
                e.add("unitIDs", "Chỉ chọn các đơn vị trong phạm vi của bạn.")
            }
        }
        if VietnameseText.cleanMultiline(input.people).count > 20_000 {
            e.add("people", "Danh sách người tham dự quá dài (tối đa 20.000 ký tự).")
        }
        if VietnameseText.cleanMultiline(input.outcomes).count > 50_000 {
            e.add("outcomes", "Kết quả tối đa 50.000 ký tự.")
        }
        for (field, label, value) in [
            ("invitationNumber", "Số giấy mời", input.invitationNumber),
            ("reportNumber", "Số báo cáo", input.reportNumber),
            ("signerName", "Người ký", input.signerName),
        ] {
            Check.optional(VietnameseText.clean(value), field, label, max: 120, into: &e)
        }
        guard e.isEmpty, let kind, let iso, let unit else { throw AppError.invalid(e) }
        return (kind, iso, unit)
    }

    static func create(_ input: EventInput, actor: Actor?, on db: any Database) async throws -> EventModel {
        guard actor != nil else { throw AppError.unauthorized }
        // Access first (403/404 for a unit the actor may not write), then what was typed (422).
        if let uid = input.unitID, let unit = try await UnitModel.find(uid, on: db) {
            try Access.check(actor, .create, resource(unit))
        }
        let (kind, iso, unit) = try await validate(input, actor: actor, on: db)
        let e = EventModel(status: .planned)
        e.createdBy = actor?.userID
        e.createdAt = Date()
        apply(input, kind: kind, iso: iso, unit: unit, to: e)
        return try await db.transaction { tx in
            try await e.create(on: tx)
            try await writeLinks(input, eventID: try e.requireID(), on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: audited, entityID: e.id, unitID: unit.id,
                summary: "Ghi sự kiện “\(e.title)” (\(kind.label), \(e.displayDate))", before: Optional<String>.none,
                after: e.heldOn)
            return e
        }
    }

    static func update(_ id: Int, _ input: EventInput, actor: Actor?, on db: any Database) async throws -> EventModel {
        let (e, old) = try await find(id, actor: actor, .update, on: db)
        var input = input
        if input.unitID == nil { input.unitID = old.id }
        if let uid = input.unitID, uid != old.id, let unit = try await UnitModel.find(uid, on: db) {
            try Access.check(actor, .create, resource(unit))
        }
        let (kind, iso, unit) = try await validate(input, actor: actor, on: db)
        let before = "\(e.title) | \(e.heldOn) | \(e.place)"
        apply(input, kind: kind, iso: iso, unit: unit, to: e)
        let typed = input
        return try await db.transaction { tx in
            try await e.save(on: tx)
            for t in [EventSubjectModel.schema, EventUnitModel.schema, EventPersonModel.schema] {
                try await tx.sql().delete(from: t).where("event_id", .equal, id).run()
            }
            try await writeLinks(typed, eventID: id, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: audited, entityID: id, unitID: unit.id,
                summary: "Sửa sự kiện “\(e.title)”", before: before, after: "\(e.title) | \(e.heldOn) | \(e.place)")
            return e
        }
    }

    static func apply(_ input: EventInput, kind: EventKind, iso: String, unit: UnitModel, to e: EventModel) {
        e.unitID = unit.id ?? 0
        e.kind = kind
        e.title = VietnameseText.clean(input.title)
        e.heldOn = iso
        e.year = Int(iso.prefix(4)) ?? 0
        e.timeText = VietnameseText.clean(input.time)
        e.place = VietnameseText.clean(input.place)
        e.outcomes = VietnameseText.cleanMultiline(input.outcomes)
        e.invitationNumber = VietnameseText.clean(input.invitationNumber)
        e.reportNumber = VietnameseText.clean(input.reportNumber)
        e.signerCapacity = VietnameseText.cleanMultiline(input.signerCapacity)
        e.signerName = VietnameseText.clean(input.signerName)
        e.recipients = VietnameseText.cleanMultiline(input.recipients)
        e.updatedAt = Date()
    }

    static func writeLinks(_ input: EventInput, eventID: Int, on db: any Database) async throws {
        var seenHosts = Set<Int>()
        for s in input.hostSubjectIDs where seenHosts.insert(s).inserted {
            try await EventSubjectModel(eventID: eventID, subjectID: s, role: .host).create(on: db)
        }
        var seenHonoured = Set<Int>()
        for h in input.honours where seenHonoured.insert(h.subjectID).inserted {
            try await EventSubjectModel(
                eventID: eventID, subjectID: h.subjectID, role: .honoured, honour: VietnameseText.clean(h.honour)
            ).create(on: db)
        }
        for u in Set(input.unitIDs).sorted() { try await EventUnitModel(eventID: eventID, unitID: u).create(on: db) }
        for (i, p) in EventPerson.parseLines(input.people).enumerated() {
            let m = EventPersonModel()
            m.eventID = eventID
            m.position = i
            m.name = String(p.name.prefix(200))
            m.title = String(p.position.prefix(200))
            m.unitName = String(p.unit.prefix(300))
            try await m.create(on: db)
        }
    }

    /// Moves the event along its workflow (held, cancelled, planned again); a move the table refuses is a 409.
    static func move(_ id: Int, to raw: String, actor: Actor?, on db: any Database) async throws -> EventModel {
        let (e, unit) = try await find(id, actor: actor, .update, on: db)
        guard let next = EventStatus(rawValue: raw) else {
            var f = FieldErrors()
            f.add(
                "status", "Vui lòng chọn trạng thái: " + EventStatus.allCases.map(\.label).joined(separator: ", ") + "."
            )
            throw AppError.invalid(f)
        }
        let before = e.status
        try e.move(to: next)
        e.updatedAt = Date()
        return try await db.transaction { tx in
            try await e.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: audited, entityID: e.id, unitID: unit.id,
                summary: "Chuyển sự kiện “\(e.title)” sang “\(next.label)”", before: before.rawValue,
                after: next.rawValue)
            return e
        }
    }

    // MARK: Files

    static func addFile(
        _ id: Int, filename: String, bytes: [UInt8], actor: Actor?, app: Application, on db: any Database
    ) async throws -> EventFileModel {
        let (e, unit) = try await find(id, actor: actor, .update, on: db)
        var errors = FieldErrors()
        let kind = EvidenceService.check(
            bytes, missing: "Vui lòng chọn tệp tài liệu (PDF, Word hoặc ảnh).", into: &errors)
        guard errors.isEmpty, let kind else { throw AppError.invalid(errors) }
        let f = EventFileModel()
        f.eventID = try e.requireID()
        f.originalName = EvidenceService.safeName(filename, kind: kind)
        f.contentType = kind.contentType
        f.size = bytes.count
        f.sha256 = FileStore.sha256(bytes)
        f.uploadedBy = actor?.userID
        f.createdAt = Date()
        return try await FileStore.put(bytes, app: app, db: db) { stored in
            f.storage = stored.storage
            f.storageKey = stored.key
            f.data = stored.data
            return try await db.transaction { tx in
                try await f.create(on: tx)
                try await AuditLog.record(
                    on: tx, actor: actor, action: "create", entity: "event-file", entityID: f.id, unitID: unit.id,
                    summary: "Thêm tài liệu \(f.originalName) vào sự kiện “\(e.title)”", before: Optional<String>.none,
                    after: f.sha256)
                return f
            }
        }
    }

    static func download(_ fileID: Int, actor: Actor?, req: Request) async throws -> Response {
        guard let f = try await EventFileModel.find(fileID, on: req.database) else {
            throw AppError.notFound("Không tìm thấy tệp.")
        }
        let (_, unit) = try await find(f.eventID, actor: actor, .read, on: req.database)
        let data = try await FileStore.get(storage: f.storage, key: f.storageKey, data: f.data, app: req.application)
        try await AuditLog.record(
            on: req.database, actor: actor, action: "download", entity: "event-file", entityID: f.id, unitID: unit.id,
            summary: "Tải tài liệu sự kiện \(f.originalName) (\(data.count) byte)", before: Optional<String>.none,
            after: f.sha256)
        return FileStore.attachment(data, name: f.originalName, contentType: f.contentType)
    }
}

/// Reads of events for other features (dashboards, the periodic report, the exemplar page).
enum EventsQuery {
    /// Events HELD in a year (cancelled and planned ones are not counted), organised in `unitPath`'s subtree (nil:
    /// everywhere), of one kind (nil: every kind). One indexed count.
    static func count(year: Int, unitPath: UnitPath? = nil, kind: EventKind? = nil, on db: any Database) async throws
        -> Int
    {
        var q = EventModel.query(on: db).filter(\.$year == year).filter(\.$status == .held)
        if let kind { q = q.filter(\.$kind == kind) }
        if let unitPath {
            q = q.join(UnitModel.self, on: \EventModel.$unitID == \UnitModel.$id).within(.subtree(unitPath))
        }
        return try await q.count()
    }

    /// An event where a subject was host or was honoured, and what it received there.
    struct Hosting: Sendable {
        let eventID: Int
        let title: String
        let kind: EventKind
        /// dd/mm/yyyy.
        let date: String
        let place: String
        let status: EventStatus
        let roles: [EventSubjectRole]
        /// What it received when honoured ("Giấy khen"); empty otherwise.
        let honour: String
    }

    /// The events (not cancelled) where the subject was host or honoured, newest first. Events hold no personal
    /// field of a subject; the caller still applies `PublicConsent` before showing a person publicly.
    static func hosted(by subjectID: Int, on db: any Database) async throws -> [Hosting] {
        let links = try await EventSubjectModel.query(on: db).filter(\.$subjectID == subjectID).all()
        guard !links.isEmpty else { return [] }
        let events = try await EventModel.query(on: db).filter(\.$id ~~ Set(links.map(\.eventID)))
            .filter(\.$status != .cancelled).sort(\.$heldOn, .descending).sort(\.$id, .descending).all()
        return events.compactMap { e in
            guard let id = e.id else { return nil }
            let mine = links.filter { $0.eventID == id }
            return Hosting(
                eventID: id, title: e.title, kind: e.kind, date: e.displayDate, place: e.place, status: e.status,
                roles: mine.map(\.role).sorted { $0.rawValue < $1.rawValue },
                honour: mine.first { !$0.role.isHost }?.honour ?? "")
        }
    }

    /// One page of the list: date descending, then id descending, after the cursor; one row more tells whether
    /// there is a next page.
    static func page(_ f: EventFilter, actor: Actor?, on db: any Database) async throws
        -> (items: [EventModel], units: [Int: UnitModel], next: String?)
    {
        let scope = Policy.eventScope(actor)
        var q = EventModel.query(on: db).join(UnitModel.self, on: \EventModel.$unitID == \UnitModel.$id)
            .within(scope)
        if let y = f.year { q = q.filter(\.$year == y) }
        if let k = f.kind { q = q.filter(\.$kind == k) }
        if let uid = f.unitID, let u = try await UnitModel.find(uid, on: db) {
            q = q.within(.subtree(u.unitPath))
        }
        if let a = f.after {
            q = q.group(.or) { g in
                g.filter(\.$heldOn < a.heldOn)
                g.group(.and) { h in h.filter(\.$heldOn == a.heldOn).filter(\.$id < a.id) }
            }
        }
        let rows = try await q.sort(\.$heldOn, .descending).sort(\.$id, .descending).limit(f.perPage + 1).all()
        let items = Array(rows.prefix(f.perPage))
        var units: [Int: UnitModel] = [:]
        for r in items {
            if let u = try? r.joined(UnitModel.self) { units[r.unitID] = u }
        }
        let next = rows.count > f.perPage ? items.last.map { "\($0.heldOn)_\($0.id ?? 0)" } : nil
        return (items, units, next)
    }
}
