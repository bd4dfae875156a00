import Domain
import Fluent
import Foundation
import SQLKit
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

    /// The subjects among `ids` (a page's worth) that are public exemplars: one query over `isPublic`.
    static func publicExemplars(_ ids: [Int], on db: any Database) async throws -> Set<Int> {
        guard !ids.isEmpty else { return [] }
        return Set(
            try await SubjectModel.query(on: db).filter(\.$id ~~ ids).filter(.sql(isPublic())).field(\.$id).all()
                .compactMap(\.id))
    }

    static func exemplar(_ id: Int, on db: any Database) async throws -> SubjectModel? {
        try await SubjectModel.query(on: db).filter(\.$id == id).filter(.sql(isPublic())).with(\.$unit).first()
    }

    /// SQL over the table `subjects`: the subject is a public exemplar — a registration at a recognised status and
    /// `PublicConsent.allows` (a collective, or a consent in force), as kept on its row by the triggers of migration
    /// 52 (`subjects.public_exemplar`, in the same transaction as the write that changes it); with `field`, also a
    /// recognised registration in that field. One predicate for the directory, its facets, the sitemap and a single
    /// exemplar's page, so none of them loads the recognised subjects into memory or binds their ids. The flag is
    /// written as a bare column, not compared with a bound value, so that both databases use the partial index
    /// `subjects_public_order_idx` (a planner cannot tell that `public_exemplar = ?` matches `WHERE
    /// public_exemplar`).
    static func isPublic(field: String? = nil) -> SQLQueryString {
        var q: SQLQueryString = "\"subjects\".\"public_exemplar\""
        if let field {
            q += """
                 AND EXISTS (SELECT 1 FROM "registrations" "pr" WHERE "pr"."subject_id" = "subjects"."id" \
                AND "pr"."status" IN (\(binds: recognised.map(\.rawValue))) AND "pr"."field_code" = \(bind: field))
                """
        }
        return q
    }

    /// Public exemplars in a unit's subtree and/or a field, whose names have the searched `words` (each word the
    /// start of a word of the folded name, as the internal searches), by name (keyset on sort_key, id) after subject
    /// `after`: one query over the public exemplars only. Nationally (37,679 public of 1,000,000 subjects):
    /// - the whole directory or a large subtree walks `subjects_public_order_idx` in name order and stops after a
    ///   page; a small subtree (at most `smallSubtree` units: a commune, a district) reads its units' public
    ///   exemplars from `subjects_public_unit_idx` and sorts them (a walk would read every public exemplar to find
    ///   a commune's few: 56 ms for a hamlet that has none, now 0.1 ms);
    /// - words come from the public exemplars' full-text index (`AddPublicSearch`), or, for words that many public
    ///   exemplars have, by testing each name along the walk (`FoldedTextSearch.matching(walk:)`).
    /// `small` and `common` are the thresholds of these choices (the tests take each way on a small database).
    static func exemplars(
        unitPath: String?, field: String?, words: [String] = [], after: Int?, limit: Int, on db: any Database,
        small: Int = smallSubtree, common: Int = FoldedTextSearch.commonMatches
    ) async throws -> (subjects: [SubjectModel], more: Bool) {
        let q = SubjectModel.query(on: db).filter(.sql(isPublic(field: field)))
        if let unitPath {
            if try await isSmall(subtree: unitPath, atMost: small, on: db) {
                q.filter(.sql(inSubtree(unitPath, postgres: db.isPostgres)))
            } else {
                _ = q.join(UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id)
                    .within(.subtree(UnitPath(raw: unitPath)))
            }
        }
        try await AddPublicSearch.search.filter(q, words: words, common: common, on: db)
        if let after, let s = try await SubjectModel.find(after, on: db) {
            q.group(.or) { o in
                o.filter(\.$sortKey > s.sortKey)
                o.group(.and) { a in a.filter(\.$sortKey == s.sortKey).filter(\.$id > after) }
            }
        }
        let rows = try await q.sort(\.$sortKey).sort(\.$id).limit(limit + 1).with(\.$unit).all()
        return (Array(rows.prefix(limit)), rows.count > limit)
    }

    /// A subtree read from its units rather than along the whole directory: at most this many units.
    static let smallSubtree = 2_000

    /// Whether the subtree at `path` has at most `atMost` units (counted from an index, stopped there).
    static func isSmall(subtree path: String, atMost: Int, on db: any Database) async throws -> Bool {
        let row = try await db.sql().raw(
            """
            SELECT count(*) AS "n" FROM (\(subtreeUnits(path, postgres: db.isPostgres)) \
            LIMIT \(literal: atMost + 1)) "t"
            """
        ).first()
        return try (row?.decode(column: "n", as: Int.self) ?? 0) <= atMost
    }

    /// SQL over `subjects`: its unit is in the subtree at `path`. SQLite, without statistics, reads every subject of
    /// those units by `subjects_unit_idx` (the unit's column first, as the partial index) and tests each one's flag;
    /// the bound `sort_key >= ''`, true of every row, is a second column of `subjects_public_unit_idx` that steers
    /// it to the public exemplars alone.
    static func inSubtree(_ path: String, postgres: Bool) -> SQLQueryString {
        let units: SQLQueryString = "\"subjects\".\"unit_id\" IN (\(subtreeUnits(path, postgres: postgres)))"
        return postgres ? units : units + " AND \"subjects\".\"sort_key\" >= ''"
    }

    /// SQL: the ids of the units in the subtree at `path` ("/1/5/", the unit's own path included), from an index
    /// (`UnitQueries.indexedSubtree`).
    static func subtreeUnits(_ path: String, postgres: Bool) -> SQLQueryString {
        let condition = UnitQueries.indexedSubtree(UnitPath(raw: path), path: SQLColumn("path"), postgres: postgres)
        return "SELECT \"id\" FROM \"units\" WHERE \(condition)"
    }

    /// Every public exemplar id (for the sitemap), in id order, read 5,000 at a time by key.
    static func allExemplarIDs(on db: any Database) async throws -> [Int] {
        var out: [Int] = []
        var after = 0
        while true {
            let chunk = try await SubjectModel.query(on: db).filter(.sql(isPublic())).filter(\.$id > after)
                .sort(\.$id).limit(5_000).field(\.$id).all().compactMap(\.id)
            out += chunk
            guard chunk.count == 5_000, let last = chunk.last else { return out }
            after = last
        }
    }

    /// Published stories per column: one grouped query (the home page's column list).
    static func publishedPerColumn(on db: any Database) async throws -> [String: Int] {
        let rows = try await db.sql().raw(
            """
            SELECT "column_code" AS "code", count(*) AS "n" FROM "stories" \
            WHERE "status" = \(bind: StoryStatus.published.rawValue) GROUP BY "column_code"
            """
        ).all()
        var out: [String: Int] = [:]
        for r in rows { out[try r.decode(column: "code", as: String.self)] = try r.decode(column: "n", as: Int.self) }
        return out
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

    /// The public facets: the units that hold public exemplars and the fields, each with how many.
    struct Facets: Sendable {
        struct Unit: Sendable {
            let id: Int
            let name: String
            let count: Int
        }
        struct Field: Sendable {
            let code: String
            let name: String
            let count: Int
        }
        let units: [Unit]
        let fields: [Field]
    }

    /// The communes (and other units) that hold public exemplars, with how many — the `unitLimit` with the most
    /// (ties: the older unit), in name order — and the fields. Two grouped queries over the public predicate: the
    /// database counts and keeps the largest; nothing is loaded row by row. (Nationally, loading every unit that
    /// holds an exemplar to keep 60 of them grew the server by 124 MB at the first public page, issue 11.)
    static func facets(on db: any Database, unitLimit: Int = 60) async throws -> Facets {
        let sql = try db.sql()
        let unitRows = try await sql.raw(facetUnitsQuery(limit: unitLimit)).all()
        var perUnit: [Int: Int] = [:]
        for r in unitRows {
            perUnit[try r.decode(column: "unit_id", as: Int.self)] = try r.decode(column: "n", as: Int.self)
        }
        guard !perUnit.isEmpty else { return Facets(units: [], fields: []) }
        let fieldRows = try await sql.raw(facetFieldsQuery).all()
        var perField: [String: Int] = [:]
        for r in fieldRows {
            perField[try r.decode(column: "field_code", as: String.self)] = try r.decode(column: "n", as: Int.self)
        }
        let units = try await UnitModel.query(on: db).filter(\.$id ~~ Array(perUnit.keys)).all()
            .sorted { VietnameseText.compare($0.name, $1.name) == .orderedAscending }
        let names = try await fieldNames(Array(perField.keys), on: db)
        let fields = perField.map { Facets.Field(code: $0.key, name: names[$0.key] ?? $0.key, count: $0.value) }
            .sorted { VietnameseText.compare($0.name, $1.name) == .orderedAscending }
        return Facets(
            units: units.map { Facets.Unit(id: $0.id ?? 0, name: $0.name, count: perUnit[$0.id ?? 0] ?? 0) },
            fields: fields)
    }

    /// The units with most public exemplars, grouped along `subjects_public_unit_idx` (migration 53; the public
    /// exemplars only, in unit order: 14 ms nationally on SQLite). Before that index SQLite grouped by walking
    /// `subjects_unit_idx`, every subject (2.0 s).
    static func facetUnitsQuery(limit: Int) -> SQLQueryString {
        """
        SELECT "subjects"."unit_id" AS "unit_id", count(*) AS "n" FROM "subjects" WHERE \(isPublic()) \
        GROUP BY "subjects"."unit_id" ORDER BY "n" DESC, "subjects"."unit_id" LIMIT \(literal: limit)
        """
    }

    /// The fields of the public exemplars' recognised registrations, from the exemplars to their registrations:
    /// SQLite takes a CROSS JOIN's left table as its outer loop (it began with the 250,000 recognised registrations
    /// nationally: 1.3 s, now 0.2 s); PostgreSQL plans a CROSS JOIN with its WHERE as any join.
    static var facetFieldsQuery: SQLQueryString {
        """
        SELECT "r"."field_code" AS "field_code", count(DISTINCT "r"."subject_id") AS "n" FROM "subjects" \
        CROSS JOIN "registrations" "r" WHERE "r"."subject_id" = "subjects"."id" \
        AND "r"."status" IN (\(binds: recognised.map(\.rawValue))) AND "r"."field_code" <> '' AND \(isPublic()) \
        GROUP BY "r"."field_code"
        """
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

/// The public facets of one app (issue 11): counted at once while the site is small (at most `liveSubjects`
/// subjects, 50,000 — a district: exact after every change), otherwise read through a `RefreshingCache` counted again
/// in the background once older than `maxAge` (5 minutes). At national scale the count reads every subject with its
/// recognised registrations and consents (seconds), and the public home page and directory show the facets on every
/// view; a count five minutes old is fine there, while who is shown stays live (`isPublic` on every page).
struct PublicFacetCache: Sendable {
    let liveSubjects: Int
    private let copies: RefreshingCache<Int, PublicQueries.Facets>

    init(liveSubjects: Int = 50_000, maxAge: TimeInterval = 300) {
        self.liveSubjects = liveSubjects
        copies = RefreshingCache(maxAge: maxAge)
    }

    func facets(on db: any Database) async throws -> PublicQueries.Facets {
        let last = try await SubjectModel.query(on: db).sort(\.$id, .descending).field(\.$id).first()?.id ?? 0
        guard last > liveSubjects else { return try await PublicQueries.facets(on: db) }
        return try await copies.value(0) { try await PublicQueries.facets(on: db) }
    }
}

extension Application {
    private struct PublicFacetKey: StorageKey { typealias Value = PublicFacetCache }
    /// This app's public facets (`PublicFacetCache`; `configure` sets it).
    var publicFacets: PublicFacetCache {
        get { configured(PublicFacetKey.self) }
        set { storage[PublicFacetKey.self] = newValue }
    }
}
