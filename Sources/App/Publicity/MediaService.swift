import Domain
import Fluent
import SQLKit
import Vapor

/// A coverage as sent by a form or the API.
struct MediaInput: Content, Sendable {
    var subjectID: Int?
    var outletKind: String
    var outletName: String
    /// dd/mm/yyyy
    var date: String
    var link: String?
    var note: String?
    var title: String

    var draft: MediaEntryDraft {
        MediaEntryDraft(
            outletKind: VietnameseText.clean(outletKind), outletName: VietnameseText.clean(outletName),
            date: VietnameseText.clean(date), link: VietnameseText.clean(link ?? ""),
            note: VietnameseText.cleanMultiline(note ?? ""), title: VietnameseText.clean(title))
    }
}

/// Writes to the media log: validate → authorize (Policy .mediaEntry) → write → audit.
enum MediaService {
    /// The subject a coverage is about, with its unit, if the actor may see it (404 otherwise).
    static func subject(_ id: Int?, actor: Actor?, action: Action, on db: any Database) async throws -> SubjectModel {
        guard let id, let s = try await SubjectModel.query(on: db).filter(\.$id == id).with(\.$unit).first() else {
            var e = FieldErrors()
            e.add("subjectID", "Vui lòng chọn điển hình (tập thể, cá nhân, hộ gia đình) được tuyên truyền.")
            throw AppError.invalid(e)
        }
        try Access.check(actor, action, .mediaEntry(s.unit.unitPath))
        return s
    }

    static func create(_ input: MediaInput, actor: Actor?, on db: any Database) async throws -> MediaEntryModel {
        let s = try await subject(input.subjectID, actor: actor, action: .create, on: db)
        let d = input.draft
        var e = FieldErrors()
        guard let iso = MediaLogRules.validate(d, kinds: MediaCatalogue.outlets, errors: &e) else {
            throw AppError.invalid(e)
        }
        let m = MediaEntryModel()
        m.subjectID = try s.requireID()
        m.scopePath = s.unit.unitPath.raw
        m.unitID = actor?.unitID ?? s.$unit.id
        apply(d, iso: iso, to: m)
        m.recordedBy = actor?.userID
        m.createdAt = Date()
        return try await db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "media-entry", entityID: m.id, unitID: m.unitID,
                summary: "Ghi tuyên truyền về \(s.name): \(d.outletName), \(d.date)", before: Optional<String>.none,
                after: snapshot(m))
            return m
        }
    }

    static func update(_ id: Int, _ input: MediaInput, actor: Actor?, on db: any Database) async throws
        -> MediaEntryModel
    {
        let m = try await MediaQuery.readable(id, actor: actor, on: db)
        try Access.check(actor, .update, .mediaEntry(m.unitPath))
        let d = input.draft
        var e = FieldErrors()
        guard let iso = MediaLogRules.validate(d, kinds: MediaCatalogue.outlets, errors: &e) else {
            throw AppError.invalid(e)
        }
        let before = snapshot(m)
        apply(d, iso: iso, to: m)
        return try await db.transaction { tx in
            try await m.update(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "media-entry", entityID: m.id, unitID: m.unitID,
                summary: "Sửa tin, bài tuyên truyền: \(m.outletName), \(d.date)", before: before, after: snapshot(m))
            return m
        }
    }

    static func delete(_ id: Int, actor: Actor?, on db: any Database) async throws -> MediaEntryModel {
        let m = try await MediaQuery.readable(id, actor: actor, on: db)
        try Access.check(actor, .delete, .mediaEntry(m.unitPath))
        let before = snapshot(m)
        try await db.transaction { tx in
            try await m.delete(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "delete", entity: "media-entry", entityID: before.id, unitID: m.unitID,
                summary: "Xóa tin, bài tuyên truyền: \(m.outletName), \(m.publishedOn.isoToVietnamese)",
                before: before, after: Optional<String>.none)
        }
        return m
    }

    private static func apply(_ d: MediaEntryDraft, iso: String, to m: MediaEntryModel) {
        m.outletKind = d.outletKind
        m.outletName = d.outletName
        m.publishedOn = iso
        m.year = Int(iso.prefix(4)) ?? 0
        m.title = d.title
        m.link = d.link
        m.note = d.note
        m.updatedAt = Date()
    }

    struct Snapshot: Encodable {
        let id: Int?
        let subjectID: Int
        let outletKind: String
        let outletName: String
        let publishedOn: String
        let title: String
        let link: String
        let note: String
    }
    static func snapshot(_ m: MediaEntryModel) -> Snapshot {
        Snapshot(
            id: m.id, subjectID: m.subjectID, outletKind: m.outletKind, outletName: m.outletName,
            publishedOn: m.publishedOn, title: m.title, link: m.link, note: m.note)
    }
}

/// Reads of the media log. `count(subjectID:from:to:on:)` and `count(year:unitPath:on:)` serve dashboards.
enum MediaQuery {
    struct Filter: Sendable {
        var subjectID: Int?
        var unitID: Int?
        var year: Int?
        var outletKind: String?
    }
    /// The key of the last row of a page: its date and id ("2025-03-15.12").
    struct Cursor: Sendable, Equatable {
        let date: String
        let id: Int
        var token: String { "\(date).\(id)" }
        init(date: String, id: Int) {
            self.date = date
            self.id = id
        }
        init?(token: String) {
            let p = token.split(separator: ".")
            guard p.count == 2, let id = Int(p[1]), p[0].count == 10 else { return nil }
            date = String(p[0])
            self.id = id
        }
    }
    struct Page: Sendable {
        let items: [MediaEntryModel]
        let next: Cursor?
    }

    /// An entry if the actor may read it (404 otherwise).
    static func readable(_ id: Int, actor: Actor?, on db: any Database) async throws -> MediaEntryModel {
        guard let m = try await MediaEntryModel.find(id, on: db) else { throw AppError.notFound() }
        try Access.check(actor, .read, .mediaEntry(m.unitPath))
        return m
    }

    /// The log, newest first, paged by key, within the actor's scope (Policy.mediaScope).
    static func list(_ f: Filter, actor: Actor?, after: Cursor?, limit: Int, on db: any Database) async throws -> Page {
        var q = MediaEntryModel.query(on: db)
        switch Policy.mediaScope(actor) {
        case .all: break
        case .none: return Page(items: [], next: nil)
        case .subtree(let p): q = q.filter(\.$scopePath =~ p.raw)
        case .subtrees(let ps): q = q.group(.or) { g in for p in ps { g.filter(\.$scopePath =~ p.raw) } }
        }
        if let s = f.subjectID { q = q.filter(\.$subjectID == s) }
        if let y = f.year { q = q.filter(\.$year == y) }
        if let k = f.outletKind, !k.isEmpty { q = q.filter(\.$outletKind == k) }
        if let u = f.unitID {
            guard let unit = try await UnitModel.find(u, on: db) else { return Page(items: [], next: nil) }
            q = q.filter(\.$scopePath =~ unit.unitPath.raw)
        }
        if let c = after {
            q = q.group(.or) { g in
                g.filter(\.$publishedOn < c.date)
                g.group(.and) { a in a.filter(\.$publishedOn == c.date).filter(\.$id < c.id) }
            }
        }
        let rows = try await q.sort(\.$publishedOn, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor(date: $0.publishedOn, id: $0.id ?? 0) } : nil
        return Page(items: items, next: next)
    }

    /// How many times a subject was covered between two ISO dates (both included).
    static func count(subjectID: Int, from: String, to: String, on db: any Database) async throws -> Int {
        try await MediaEntryModel.query(on: db).filter(\.$subjectID == subjectID).filter(\.$publishedOn >= from)
            .filter(\.$publishedOn <= to).count()
    }

    /// How many coverages were recorded for a year, for the subjects of a unit's subtree (nil: everywhere).
    static func count(year: Int, unitPath: UnitPath?, on db: any Database) async throws -> Int {
        var q = MediaEntryModel.query(on: db).filter(\.$year == year)
        if let p = unitPath, p != .root { q = q.filter(\.$scopePath =~ p.raw) }
        return try await q.count()
    }

    /// The coverage counted toward an evaluation's influence: the registration's subject, from the day after its
    /// previous evaluation (or 1 January of the registration year) to `date` (ISO).
    static func countForEvaluation(
        registration r: RegistrationModel, date: String, excluding evaluationID: Int? = nil, on db: any Database
    ) async throws -> Int {
        var prev = EvaluationModel.query(on: db).filter(\.$registration.$id == (try r.requireID()))
            .filter(\.$date < date)
        if let evaluationID { prev = prev.filter(\.$id != evaluationID) }
        let previous = try await prev.sort(\.$date, .descending).first()?.date
        let w = MediaLogRules.evaluationWindow(year: r.year, previousEvaluation: previous, evaluationDate: date)
        return try await count(subjectID: r.$subject.id, from: w.from, to: w.to, on: db)
    }
}
