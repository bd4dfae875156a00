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
        for seed: UInt64 in [7, 7, 8] {
            try await withTestApp(demo: false) { app in
                let units = try await UnitModel.query(on: app.db).count()
                let s = try await ScaleData.generate(profile, seed: seed, app: app, on: app.db)
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

    @Test("The national profile is the issue's size; an unknown scale is named")
    func profiles() {
        let national = ScaleData.Profile.named("national")
        #expect(national?.registrations == 1_000_000)
        #expect(national.map { $0.registrations * $0.awardsPerRegistration } == 3_000_000)
        #expect((95_000...105_000).contains(national?.unitCount ?? 0), "\(national?.unitCount ?? 0)")
        #expect(ScaleData.Profile.named("city") == nil)
    }
}
