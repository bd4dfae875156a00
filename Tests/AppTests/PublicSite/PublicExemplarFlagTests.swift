import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// `subjects.public_exemplar` (migration 52) is the public predicate kept by triggers: every write that changes a
/// subject's registrations, consents or kind changes it in the same statement, on both databases.
@Suite("Public site: the public-exemplar flag kept by the database")
struct PublicExemplarFlagTests {
    static func flag(_ app: Application, _ id: Int) async throws -> Bool {
        let row = try await (app.db as! any SQLDatabase).raw(
            "SELECT public_exemplar AS f FROM subjects WHERE id = \(bind: id)"
        ).first()
        return try #require(row).decode(column: "f", as: Bool.self)
    }

    /// Subjects whose flag differs from the predicate written in the code of today (`PublicQueries.recognised`,
    /// `PublicConsent.allows`).
    static func mismatches(_ app: Application) async throws -> Int {
        let row = try await (app.db as! any SQLDatabase).raw(
            """
            SELECT count(*) AS n FROM subjects WHERE public_exemplar <> (EXISTS (SELECT 1 FROM registrations pr \
            WHERE pr.subject_id = subjects.id AND pr.status IN (\(binds: PublicQueries.recognised.map(\.rawValue)))) \
            AND \(PublicConsent.allows))
            """
        ).first()
        return try #require(row).decode(column: "n", as: Int.self)
    }

    static func exec(_ app: Application, _ q: SQLQueryString) async throws {
        try await (app.db as! any SQLDatabase).raw(q).run()
    }

    @Test("The triggers' statuses are the recognised ones of the code (a change needs a migration)")
    func statusesMatch() {
        #expect(AddPublicExemplarFlag.recognised == PublicQueries.recognised.map(\.rawValue))
    }

    @Test("After the demo and a recognition, the flag is the predicate for every subject; some are public, some not")
    func demoIsConsistent() async throws {
        try await withTestApp { app in
            #expect(try await Self.mismatches(app) == 0)
            _ = try await PublicFixture.recognisedSubject(app, kind: .collective)
            #expect(try await Self.mismatches(app) == 0)
            let sql = app.db as! any SQLDatabase
            let counts = try #require(
                try await sql.raw(
                    "SELECT SUM(CASE WHEN public_exemplar THEN 1 ELSE 0 END) AS yes, count(*) AS n FROM subjects"
                ).first())
            let yes = try counts.decode(column: "yes", as: Int.self)
            let all = try counts.decode(column: "n", as: Int.self)
            #expect(yes > 0 && yes < all)
        }
    }

    @Test(
        "Status, consent given and withdrawn, kind, a registration moved or deleted: each write sets the flag at once"
    )
    func everyWriteKeepsIt() async throws {
        try await withTestApp { app in
            let s = try await PublicFixture.newRecognised(app, kind: .individual)
            let id = try s.requireID()
            #expect(try await Self.flag(app, id) == false, "an individual without a consent")
            let consent = try await PublicFixture.consent(app, subjectID: id)
            #expect(try await Self.flag(app, id) == true, "consent given")
            try await PublicFixture.withdraw(app, consent)
            #expect(try await Self.flag(app, id) == false, "consent withdrawn")
            try await Self.exec(app, "UPDATE subjects SET kind = 'collective' WHERE id = \(bind: id)")
            #expect(try await Self.flag(app, id) == true, "now a collective")
            try await Self.exec(app, "UPDATE registrations SET status = 'registered' WHERE subject_id = \(bind: id)")
            #expect(try await Self.flag(app, id) == false, "no recognised registration left")
            try await Self.exec(app, "UPDATE registrations SET status = 'awarded' WHERE subject_id = \(bind: id)")
            #expect(try await Self.flag(app, id) == true, "recognised again")
            // The registration moves to another collective: the old subject loses the flag, the new one gains it.
            let other = try await PublicFixture.newRecognised(app, kind: .collective).requireID()
            try await Self.exec(app, "UPDATE registrations SET status = 'registered' WHERE subject_id = \(bind: other)")
            #expect(try await Self.flag(app, other) == false)
            try await Self.exec(
                app, "UPDATE registrations SET subject_id = \(bind: other), year = 2024 WHERE subject_id = \(bind: id)")
            #expect(try await Self.flag(app, id) == false, "the registration moved away")
            #expect(try await Self.flag(app, other) == true, "the registration moved in")
            try await Self.exec(
                app, "DELETE FROM registrations WHERE subject_id = \(bind: other) AND status = 'awarded'")
            #expect(try await Self.flag(app, other) == false, "the recognised registration deleted")
            #expect(try await Self.mismatches(app) == 0)
        }
    }

    @Test("SQLite: the facets and a field's page start from the public exemplars' index, not from every subject")
    func plansReadThePublicIndex() async throws {
        guard (ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty else { return }
        try await withTestApp { app in
            let sql = app.db as! any SQLDatabase
            func plan(_ q: SQLQueryString) async throws -> String {
                try await sql.raw("EXPLAIN QUERY PLAN \(q)").all().map {
                    try $0.decode(column: "detail", as: String.self)
                }.joined(separator: "\n")
            }
            let units = try await plan(PublicQueries.facetUnitsQuery(limit: 60))
            #expect(
                units.contains("subjects_public_unit_idx") && !units.contains("TEMP B-TREE FOR GROUP BY"), "\(units)")
            let fields = try await plan(PublicQueries.facetFieldsQuery)
            #expect(
                fields.hasPrefix("SCAN subjects USING INDEX subjects_public_order_idx")
                    || fields.hasPrefix("SCAN subjects USING INDEX subjects_public_unit_idx"), "\(fields)")
            let field: SQLQueryString = """
                SELECT "subjects"."id" FROM "subjects" WHERE \(PublicQueries.isPublic(field: "LV-GDDT")) \
                ORDER BY "subjects"."sort_key", "subjects"."id" LIMIT 31
                """
            let fieldPage = try await plan(field)
            #expect(fieldPage.contains("subjects_public_order_idx"), "\(fieldPage)")
            #expect(!fieldPage.contains("TEMP B-TREE FOR ORDER BY"), "\(fieldPage)")
        }
    }

    @Test(
        "A field's page asks each public exemplar for a registration in the field from one index alone (migration 54)")
    func fieldFilterReadsOneIndex() async throws {
        try await withTestApp { app in
            let field: SQLQueryString = """
                SELECT "subjects"."id" FROM "subjects" WHERE \(PublicQueries.isPublic(field: "LV-GDDT")) \
                ORDER BY "subjects"."sort_key", "subjects"."id" LIMIT 31
                """
            // A test database's few rows make any join cheap; nationally PostgreSQL chose this plan itself (a nested
            // loop over the public exemplars in name order, each asking the index: 1.4 ms). With the other joins and
            // scans priced out, the question left is which index answers each exemplar.
            let plan = try await RegistrationListScaleTests.explain(
                app, field, pricedOut: ["seqscan", "bitmapscan", "sort", "material", "hashjoin", "mergejoin"]
            ).joined(separator: "\n")
            if app.db.isPostgres {
                #expect(plan.contains("Index Only Scan using \(AddPublicFieldIndex.index)"), "\(plan)")
            } else {
                #expect(plan.contains("USING COVERING INDEX \(AddPublicFieldIndex.index)"), "\(plan)")
            }
        }
    }
}
