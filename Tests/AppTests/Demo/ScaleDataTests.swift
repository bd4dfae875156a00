import Crypto
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App
@testable import Domain

/// `dienhinh gen-data` (issue 11, item 1): the district profile on a production start (no demo), on SQLite and on
/// PostgreSQL with TEST_DATABASE_URL.
@Suite("Scale data: a deterministic generator of units, registrations and awards, written in bulk")
struct ScaleDataTests {
    /// Every generated row that a benchmark reads, in id order, hashed.
    static func fingerprint(_ db: any Database) async throws -> String {
        let sql = try db.sql()
        var hash = SHA256()
        let queries = [
            "SELECT code, name, kind, path FROM units ORDER BY id",
            "SELECT s.name, s.kind, s.ethnicity, s.sort_key FROM subjects s ORDER BY s.id",
            "SELECT r.year, r.title, r.subject_kind, r.field_code, r.search_text FROM registrations r ORDER BY r.id",
            "SELECT a.form_code, a.year, a.decision_number, a.achievement_key FROM awards a ORDER BY a.id",
        ]
        for q in queries {
            for row in try await sql.raw(SQLQueryString(q)).all() {
                for column in row.allColumns {
                    let text =
                        (try? row.decode(column: column, as: String.self))
                        ?? (try? row.decode(column: column, as: Int.self)).map(String.init) ?? "∅"
                    hash.update(data: Data((text + "\u{1F}").utf8))
                }
            }
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    @Test(
        "District profile: the tree, 3,000 registrations and their awards; one form per achievement; same seed, same rows"
    )
    func districtProfile() async throws {
        let profile = try #require(ScaleData.Profile.named("district"))
        var prints: [String] = []
        // The second run keeps the indexes during the load: the same rows either way.
        for (seed, keep): (UInt64, Bool) in [(7, false), (7, true), (8, false)] {
            try await withTestApp(demo: false) { app in
                let units = try await UnitModel.query(on: app.db).count()
                let schema = try await Self.schema(app.db)
                let order = try await Self.indexOrder(app.db)
                let s = try await ScaleData.generate(profile, seed: seed, app: app, on: app.db, keepIndexes: keep)
                // The indexes and triggers set aside for the load are back, the same definitions under the same names,
                // and the full-text indexes hold every row written while they were away.
                #expect(try await Self.schema(app.db) == schema)
                #expect(try await Self.indexOrder(app.db) == order)
                #expect(schema.contains { $0.sql.contains("search_text") })
                try await Self.expectSearchIndexed(app.db)
                try await Self.expectUnitListPlan(app.db)
                #expect(keep ? s.indexSeconds == 0 : s.indexSeconds > 0)
                #expect(s.units == profile.unitCount)
                #expect(try await UnitModel.query(on: app.db).count() == units + profile.unitCount)
                #expect(s.registrations == profile.registrations)
                #expect(try await RegistrationModel.query(on: app.db).count() == profile.registrations)
                #expect(try await SubjectModel.query(on: app.db).count() == profile.registrations)
                #expect(s.awards > profile.registrations && s.awards <= profile.registrations * 3, "\(s.awards)")
                #expect(try await AwardModel.query(on: app.db).count() == s.awards)
                // The bulk writer keeps the counts the dashboards read.
                #expect(try await RegistrationTallies.verify(on: app.db) == [])
                let sql = try app.db.sql()
                // Paths follow the tree, as UnitService builds them.
                let badPaths = try await sql.raw(
                    """
                    SELECT COUNT(*) AS n FROM units u LEFT JOIN units p ON p.id = u.parent_id
                    WHERE (u.parent_id IS NULL AND u.path <> '/' || CAST(u.id AS TEXT) || '/')
                       OR (u.parent_id IS NOT NULL AND u.path <> p.path || CAST(u.id AS TEXT) || '/')
                    """
                ).first()?.decode(column: "n", as: Int.self)
                #expect(badPaths == 0)
                // No achievement holds two forms (Luật TĐKT 2022 art. 5(2)(c)).
                let doubled = try await sql.raw(
                    "SELECT COUNT(*) AS n FROM (SELECT achievement_key FROM awards GROUP BY achievement_key HAVING COUNT(*) > 1) d"
                ).first()?.decode(column: "n", as: Int.self)
                #expect(doubled == 0)
                // Each registration has its history line, as an import writes it; the search finds folded names.
                #expect(try await RegistrationTransitionModel.query(on: app.db).count() == profile.registrations)
                let hits = try await RegistrationModel.query(on: app.db).filter(\.$searchText ~~ "dak").count()
                #expect(hits > 0)
                prints.append(try await Self.fingerprint(app.db))
                // A second run over registrations is refused: it never writes over real records.
                await #expect(throws: ScaleData.Failure.self) {
                    _ = try await ScaleData.generate(profile, seed: seed, app: app, on: app.db)
                }
            }
        }
        #expect(prints[0] == prints[1], "same seed, same rows")
        #expect(prints[0] != prints[2], "another seed, other rows")
    }

    /// Every index and trigger of the tables the generator fills, by name.
    static func schema(_ db: any Database) async throws -> [DeferredIndexes.Definition] {
        let sql = try db.sql()
        let tables = ScaleData.bulkTables
        let rows =
            db.isPostgres
            ? try await sql.raw(
                """
                SELECT indexname AS name, indexdef AS sql FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename IN (\(binds: tables)) ORDER BY indexname
                """
            ).all()
            : try await sql.raw(
                """
                SELECT name, COALESCE(sql, '') AS sql FROM sqlite_master
                WHERE type IN ('index', 'trigger') AND tbl_name IN (\(binds: tables)) ORDER BY name
                """
            ).all()
        return try rows.map {
            .init(
                name: try $0.decode(column: "name", as: String.self), sql: try $0.decode(column: "sql", as: String.self)
            )
        }
    }

    /// Each table's indexes in the order they were made: where two serve a query equally well SQLite's planner
    /// takes the later (`DeferredIndexes.secondaryIndexes`), so the order is part of what must come back.
    static func indexOrder(_ db: any Database) async throws -> [String: [String]] {
        let rows =
            db.isPostgres
            ? try await db.sql().raw(
                """
                SELECT t.relname AS "table", c.relname AS name FROM pg_index x
                JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND t.relname IN (\(binds: ScaleData.bulkTables)) ORDER BY c.oid
                """
            ).all()
            : try await db.sql().raw(
                """
                SELECT tbl_name AS "table", name FROM sqlite_master
                WHERE type = 'index' AND tbl_name IN (\(binds: ScaleData.bulkTables)) ORDER BY rowid
                """
            ).all()
        var order: [String: [String]] = [:]
        for row in rows {
            order[try row.decode(column: "table", as: String.self), default: []].append(
                try row.decode(column: "name", as: String.self))
        }
        return order
    }

    /// A list of one unit's registrations of a year is read through the unit's index, not by walking the year's.
    static func expectUnitListPlan(_ db: any Database) async throws {
        guard !db.isPostgres else { return }
        let plan = try await db.sql().raw(
            """
            EXPLAIN QUERY PLAN SELECT registrations.id FROM registrations WHERE year = 2024 AND unit_id = 5
            AND subject_kind = 'individual' ORDER BY sort_key, id LIMIT 51
            """
        ).all().map { try $0.decode(column: "detail", as: String.self) }.joined(separator: " | ")
        #expect(!plan.contains("registrations_year_order_idx"), "\(plan)")
    }

    /// The folded-text search (FTS5 on SQLite, the trigram index on PostgreSQL) finds exactly the rows a scan finds.
    static func expectSearchIndexed(_ db: any Database) async throws {
        for word in ["dak", "nguyen", "xa"] {
            let scanned = try await RegistrationModel.query(on: db).filter(\.$searchText ~~ word).count()
            let q = RegistrationModel.query(on: db)
            for c in FoldedTextSearch(table: RegistrationModel.schema).matching([word], on: db) { q.filter(.sql(c)) }
            let indexed = try await q.count()
            #expect(indexed > 0, "\(word)")
            // A word-start match is a subset of the substring scan.
            #expect(indexed <= scanned, "\(word)")
            let s = SubjectModel.query(on: db)
            for c in FoldedTextSearch(table: SubjectModel.schema).matching([word], on: db) { s.filter(.sql(c)) }
            #expect(try await s.count() > 0, "\(word)")
        }
        if !db.isPostgres {
            // FTS5's own check of an external-content index against its table.
            for t in ["registrations_fts", "subjects_fts"] {
                try await db.sql().raw("INSERT INTO \(ident: t)(\(ident: t)) VALUES ('integrity-check')").run()
            }
        }
    }

    @Test("Set aside and made again: the same indexes, and rows written meanwhile are in the full-text index")
    func deferredIndexes() async throws {
        try await withTestApp(demo: false, sqliteFile: true) { app in
            let before = try await Self.schema(app.db)
            let order = try await Self.indexOrder(app.db)
            let set = try await DeferredIndexes.setAside(
                tables: ScaleData.bulkTables, fullText: ["registrations", "subjects"], on: app.db)
            #expect(!set.indexes.isEmpty)
            #expect(set.indexes.allSatisfy { !$0.sql.uppercased().contains("UNIQUE") })
            #expect(app.db.isPostgres ? set.triggers.isEmpty : set.triggers.count == 6)
            let during = try await Self.schema(app.db)
            #expect(during.count == before.count - set.indexes.count - set.triggers.count)
            // The unique constraints the writer relies on stay.
            let unique = before.filter { $0.sql.uppercased().contains("UNIQUE") || $0.sql.isEmpty }
            #expect(!unique.isEmpty)
            #expect(unique.allSatisfy { u in during.contains(u) })
            try await set.restore(tables: ScaleData.bulkTables, on: app.db)
            #expect(try await Self.schema(app.db) == before)
            #expect(try await Self.indexOrder(app.db) == order)
        }
    }

    @Test("The national profile is the issue's size; an unknown scale is named")
    func profiles() {
        let national = ScaleData.Profile.named("national")
        #expect(national?.registrations == 1_000_000)
        #expect(national.map { $0.registrations * $0.awardsPerRegistration } == 3_000_000)
        #expect((95_000...105_000).contains(national?.unitCount ?? 0), "\(national?.unitCount ?? 0)")
        #expect(ScaleData.Profile.named("city") == nil)
    }
}
