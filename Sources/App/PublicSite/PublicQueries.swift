import Domain
import Fluent
import Foundation
import Vapor

/// What the public site may show, and nothing else (issue 10 §2, §7). Every public page, feed, sitemap entry and
/// public API answer reads through here:
/// - a story only when it is published AND every exemplar it is about passes `PublicConsent.withheld` (a withdrawn
///   consent hides it at once, with no change of the story's status);
/// - an exemplar only when `PublicConsent` allows it (a collective, or an individual or household with a consent in
///   force) AND it has a registration at a recognised status (`RegistrationStatus.isExemplar`: achieved, nominated,
///   awarded, replicated).
/// Personal fields (id_number, phone, address, birth_date) and a registration's contact are never read here.
enum PublicQueries {
    /// The registration statuses that make a subject a recognised exemplar on the public site.
    static let recognised: [RegistrationStatus] = RegistrationStatus.allCases.filter(\.isExemplar)

    // MARK: Stories

    /// The stories among `stories` that may be shown: published, and about no withheld subject.
    static func visible(_ stories: [StoryModel], on db: any Database) async throws -> [StoryModel] {
        let published = stories.filter { $0.status == .published && $0.publishedAt != nil }
        let ids = published.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let links = try await StorySubjectModel.query(on: db).filter(\.$storyID ~~ ids).all()
        let withheld = try await PublicConsent.withheld(links.map(\.subjectID), on: db)
        let hidden = Set(links.filter { withheld.contains($0.subjectID) }.map(\.storyID))
        return published.filter { !hidden.contains($0.id ?? 0) }
    }

    /// One public story, or nil (a draft, a withdrawn story, a story about someone without consent).
    static func story(_ id: Int, on db: any Database) async throws -> StoryModel? {
        guard let s = try await StoryModel.find(id, on: db) else { return nil }
        return try await visible([s], on: db).first
    }

    /// The newest public stories, overall or in one column, after the story `after` (keyset on published_at, id,
    /// newest first). `more`: another page follows.
    static func latest(
        column: String? = nil, subjectID: Int? = nil, after: Int? = nil, limit: Int, on db: any Database
    ) async throws -> (stories: [StoryModel], more: Bool) {
        var cursor: (Date, Int)?
        if let after, let s = try await StoryModel.find(after, on: db), let at = s.publishedAt { cursor = (at, after) }
        var storyIDs: [Int]?
        if let subjectID {
            storyIDs = try await StorySubjectModel.query(on: db).filter(\.$subjectID == subjectID).all().map(\.storyID)
            if storyIDs?.isEmpty == true { return ([], false) }
        }
        var out: [StoryModel] = []
        let chunk = max(limit + 1, 50)
        while out.count <= limit {
            let q = StoryModel.query(on: db).filter(\.$status == StoryStatus.published).filter(\.$publishedAt != nil)
            if let column { q.filter(\.$columnCode == column) }
            if let storyIDs { q.filter(\.$id ~~ storyIDs) }
            if let (_, id) = cursor {
                // The cursor's time is read by the database itself, so the comparison matches its own order
                // (a Date round-tripped through Swift can differ from the stored value in its last digits).
                let at = "(SELECT c.published_at FROM stories c WHERE c.id = \(id))"
                q.filter(
                    .sql(
                        unsafeRaw:
                            "(stories.published_at < \(at) OR (stories.published_at = \(at) AND stories.id < \(id)))"))
            }
            let rows = try await q.sort(\.$publishedAt, .descending).sort(\.$id, .descending).limit(chunk).all()
            out += try await visible(rows, on: db)
            guard rows.count == chunk, let last = rows.last, let at = last.publishedAt, let id = last.id else { break }
            cursor = (at, id)
        }
        return (Array(out.prefix(limit)), out.count > limit)
    }

    /// Public search over published stories (folded title and lead).
    static func searchStories(_ folded: String, limit: Int, on db: any Database) async throws -> [StoryModel] {
        guard !folded.isEmpty else { return [] }
        let rows = try await StoryModel.query(on: db).filter(\.$status == StoryStatus.published)
            .filter(\.$searchText ~~ folded).sort(\.$publishedAt, .descending).sort(\.$id, .descending)
            .limit(limit * 2).all()
        return Array(try await visible(rows, on: db).prefix(limit))
    }

    /// The exemplars each story is about, public ones only (a visible story has none withheld).
    static func subjects(ofStory id: Int, on db: any Database) async throws -> [SubjectModel] {
        let ids = try await StorySubjectModel.query(on: db).filter(\.$storyID == id).all().map(\.subjectID)
        guard !ids.isEmpty else { return [] }
        let withheld = try await PublicConsent.withheld(ids, on: db)
        let keep = ids.filter { !withheld.contains($0) }
        guard !keep.isEmpty else { return [] }
        return try await SubjectModel.query(on: db).filter(\.$id ~~ keep).with(\.$unit).sort(\.$sortKey).all()
    }

    static func photos(ofStory id: Int, on db: any Database) async throws -> [StoryPhotoModel] {
        try await StoryPhotoModel.query(on: db).filter(\.$storyID == id).sort(\.$position).sort(\.$id)
            .field(\.$id).field(\.$storyID).field(\.$position).field(\.$alt).field(\.$caption).field(\.$width)
            .field(\.$height).all()
    }

    // MARK: Exemplars

    /// The subjects among `ids` that are public exemplars.
    static func publicExemplars(_ ids: [Int], on db: any Database) async throws -> Set<Int> {
        guard !ids.isEmpty else { return [] }
        let withheld = try await PublicConsent.withheld(ids, on: db)
        let candidates = ids.filter { !withheld.contains($0) }
        guard !candidates.isEmpty else { return [] }
        let recognisedRows = try await RegistrationModel.query(on: db).filter(\.$subject.$id ~~ candidates)
            .filter(\.$status ~~ recognised).field(\.$subject.$id).all()
        return Set(recognisedRows.map { $0.$subject.id })
    }

    static func exemplar(_ id: Int, on db: any Database) async throws -> SubjectModel? {
        guard try await publicExemplars([id], on: db).contains(id) else { return nil }
        return try await SubjectModel.query(on: db).filter(\.$id == id).with(\.$unit).first()
    }

    /// Recognised subjects (before consent), optionally in one field.
    private static func recognisedSubjectIDs(field: String?, on db: any Database) async throws -> [Int] {
        let q = RegistrationModel.query(on: db).filter(\.$status ~~ recognised)
        if let field { q.filter(\.$fieldCode == field) }
        return Array(Set(try await q.field(\.$subject.$id).all().map { $0.$subject.id }))
    }

    /// Public exemplars in a unit's subtree and/or a field, by name (keyset on sort_key, id) after subject `after`.
    static func exemplars(
        unitPath: String?, field: String?, folded: String? = nil, after: Int?, limit: Int, on db: any Database
    ) async throws -> (subjects: [SubjectModel], more: Bool) {
        let ids = try await recognisedSubjectIDs(field: field, on: db)
        guard !ids.isEmpty else { return ([], false) }
        var cursor: (String, Int)?
        if let after, let s = try await SubjectModel.find(after, on: db) { cursor = (s.sortKey, after) }
        var out: [SubjectModel] = []
        let chunk = max(limit + 1, 50)
        while out.count <= limit {
            let q = SubjectModel.query(on: db).join(UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id)
                .filter(\.$id ~~ ids)
            if let unitPath { q.filter(UnitModel.self, \.$path =~ unitPath) }
            if let folded, !folded.isEmpty { q.filter(\.$searchText ~~ folded) }
            if let (key, id) = cursor {
                q.group(.or) { o in
                    o.filter(\.$sortKey > key)
                    o.group(.and) { a in a.filter(\.$sortKey == key).filter(\.$id > id) }
                }
            }
            let rows = try await q.sort(\.$sortKey).sort(\.$id).limit(chunk).with(\.$unit).all()
            let withheld = try await PublicConsent.withheld(rows.compactMap(\.id), on: db)
            out += rows.filter { !withheld.contains($0.id ?? 0) }
            guard rows.count == chunk, let last = rows.last, let id = last.id else { break }
            cursor = (last.sortKey, id)
        }
        return (Array(out.prefix(limit)), out.count > limit)
    }

    /// Every public exemplar id (for the sitemap), in id order.
    static func allExemplarIDs(on db: any Database) async throws -> [Int] {
        let ids = try await recognisedSubjectIDs(field: nil, on: db)
        let withheld = try await PublicConsent.withheld(ids, on: db)
        return ids.filter { !withheld.contains($0) }.sorted()
    }

    /// Every public story (for the sitemap), newest first.
    static func allStories(on db: any Database) async throws -> [StoryModel] {
        var out: [StoryModel] = []
        var after: Int?
        while true {
            let page = try await latest(after: after, limit: 1_000, on: db)
            out += page.stories
            guard page.more, let last = page.stories.last?.id else { break }
            after = last
        }
        return out
    }

    /// The communes (and other units) that hold public exemplars, with how many; and the fields.
    static func facets(on db: any Database) async throws -> (units: [(UnitModel, Int)], fields: [(String, String, Int)])
    {
        let regs = try await RegistrationModel.query(on: db).filter(\.$status ~~ recognised)
            .field(\.$subject.$id).field(\.$fieldCode).all()
        let ids = Array(Set(regs.map { $0.$subject.id }))
        let withheld = try await PublicConsent.withheld(ids, on: db)
        let shown = ids.filter { !withheld.contains($0) }
        guard !shown.isEmpty else { return ([], []) }
        let subjects = try await SubjectModel.query(on: db).filter(\.$id ~~ shown).field(\.$id).field(\.$unit.$id)
            .all()
        var perUnit: [Int: Int] = [:]
        for s in subjects { perUnit[s.$unit.id, default: 0] += 1 }
        let units = try await UnitModel.query(on: db).filter(\.$id ~~ Array(perUnit.keys)).all()
            .sorted { VietnameseText.compare($0.name, $1.name) == .orderedAscending }
        var perField: [String: Set<Int>] = [:]
        let shownSet = Set(shown)
        for r in regs where shownSet.contains(r.$subject.id) && !r.fieldCode.isEmpty {
            perField[r.fieldCode, default: []].insert(r.$subject.id)
        }
        let names = try await fieldNames(Array(perField.keys), on: db)
        let fields = perField.map { ($0.key, names[$0.key] ?? $0.key, $0.value.count) }
            .sorted { VietnameseText.compare($0.1, $1.1) == .orderedAscending }
        return (units.map { ($0, perUnit[$0.id ?? 0] ?? 0) }, fields)
    }

    static func fieldNames(_ codes: [String], on db: any Database) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await CatalogueFieldModel.query(on: db).filter(\.$code ~~ codes).all()
        var out: [String: String] = [:]
        for r in rows where out[r.code] == nil { out[r.code] = r.name }
        return out
    }

    // MARK: Text

    /// "01/12/2026" in Vietnam's time.
    static func date(_ d: Date) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
        let p = c.dateComponents([.day, .month, .year], from: d)
        return String(format: "%02d/%02d/%04d", p.day ?? 1, p.month ?? 1, p.year ?? 1970)
    }

    /// The search words, folded like the internal search; LIKE's wildcards dropped.
    static func foldQuery(_ q: String) -> String {
        VietnameseText.fold(q).filter { $0 != "%" && $0 != "_" && $0 != "\\" }
            .split(separator: " ").joined(separator: " ")
    }
}

extension Request {
    /// The public site's base URL: DIENHINH_PUBLIC_URL, or this request's scheme and host.
    var publicBase: String {
        if let configured = application.config?.publicURL, !configured.isEmpty {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        let proto = headers.first(name: "X-Forwarded-Proto") ?? (url.scheme ?? "http")
        let host = headers.first(name: .host) ?? "localhost"
        return "\(proto == "https" ? "https" : "http")://\(host)"
    }

    /// An absolute URL of a path of this site.
    func absolute(_ path: String) -> String { publicBase + path }
}
