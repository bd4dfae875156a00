import Fluent
import Foundation
import OOXML
import SQLKit
import Testing
import VaporTesting

@testable import App

/// Exports stream every matching row, a keyset chunk at a time (issue 11): no 200,000-row cap, no bind list as long
/// as the result (PostgreSQL refuses more than 65,535 parameters), the same order as the list.
/// Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
@Suite("Streamed exports", .serialized)
struct StreamedExportTests {
    /// `count` registrations for `year` in Đăk Ruồng, inserted in one statement. Sort keys repeat (every 97th
    /// row shares one) so that chunk boundaries fall inside runs of equal keys.
    static func bulk(_ app: Application, year: Int, count: Int) async throws {
        let sql = try #require(app.db as? any SQLDatabase)
        let unit = try await unitID(app, "KR-DAKRUONG")
        let version = try #require(try await CatalogueService.current(on: app.db)?.version)
        let now = Date()
        try await sql.raw(
            """
            INSERT INTO subjects (kind, name, search_text, sort_key, unit_id, gender, ethnicity, position, birth_date,
                id_number, phone, address, created_at, updated_at)
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(literal: count))
            SELECT 'individual', 'Người xuất ' || \(literal: year) || '-' || i, 'nguoi xuat ' || \(literal: year) || '-' || i,
                'k' || (i % 97), \(bind: unit), '', '', '', '', '', '', '', \(bind: now), \(bind: now) FROM n
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO registrations (subject_id, unit_id, year, subject_kind, catalogue_version, field_code, title,
                description, goals, contact, status, search_text, sort_key, created_at, updated_at)
            SELECT id, unit_id, \(literal: year), 'individual', \(bind: version), 'kinh-te', 'Mô hình ' || name, '', '',
                '', 'registered', search_text, sort_key, \(bind: now), \(bind: now)
            FROM subjects WHERE search_text LIKE \(bind: "nguoi xuat \(year)-%")
            """
        ).run()
    }

    @Test("Chunks are bounded, in list order, every row once, across runs of equal sort keys")
    func chunks() async throws {
        try await withTestApp { app in
            try await Self.bulk(app, year: 2031, count: 1_000)
            let admin = try #require(try await UserModel.query(on: app.db).filter(\.$username == "noivu").first())
            let actor = try await AuthService.actor(for: admin, on: app.db).0
            var f = RegistrationFilter()
            f.year = 2031
            var seen: [Int] = []
            var largest = 0
            try await RegistrationListing.forEachChunk(f, actor: actor, size: 64, on: app.db) { rows in
                largest = max(largest, rows.count)
                seen += rows.map(\.id)
                #expect(rows.allSatisfy { !$0.subjectName.isEmpty && !$0.unitName.isEmpty })
            }
            let sql = try #require(app.db as? any SQLDatabase)
            let ordered = try await sql.raw(
                "SELECT id FROM registrations WHERE year = 2031 ORDER BY sort_key, id"
            ).all().map { try $0.decode(column: "id", as: Int.self) }
            #expect(largest == 64)
            #expect(seen.count == 1_000)
            #expect(seen == ordered)

            // Through HTTP, CSV and XLSX carry the same rows in that order, numbered on across chunks.
            let b = Browser(app)
            try await b.login("noivu")
            let csv = try await b.send(.GET, "/app/registrations/export?format=csv&year=2031")
            let xlsx = try await b.send(.GET, "/app/registrations/export?format=xlsx&year=2031")
            #expect(xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            let csvRows = csv.text.split(separator: "\r\n").dropFirst().map {
                $0.split(separator: ",").map(String.init)
            }
            let sheet = try XLSXReader.rows(data: Data(xlsx.bytes))
            #expect(sheet.count == 1_001 && csvRows.count == 1_000)
            #expect(sheet.dropFirst().map { [$0[0], $0[2]] } == csvRows.map { [$0[0], $0[2]] })
            #expect(sheet.last?.first == "1000")
            let names = try await RegistrationModel.query(on: app.db).filter(\.$id ~~ ordered).with(\.$subject).all()
            let nameByID = Dictionary(uniqueKeysWithValues: names.map { ($0.id!, $0.subject.name) })
            #expect(sheet.dropFirst().map { $0[2] } == ordered.map { nameByID[$0]! })
        }
    }

    @Test("An export of 70,000 rows comes whole (PostgreSQL once failed with HTTP 500 past 65,535 binds)")
    func large() async throws {
        try await withTestApp { app in
            try await Self.bulk(app, year: 2032, count: 70_000)
            let b = Browser(app)
            try await b.login("noivu")
            let csv = try await b.send(.GET, "/app/registrations/export?format=csv&year=2032")
            #expect(csv.status == .ok)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 70_001)
            // STT runs on across chunks.
            #expect(lines.last?.hasPrefix("70000,2032,") == true)
            #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[2] }).count == 70_000)
            let logged = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "export").sort(\.$id, .descending)
                    .first())
            #expect(logged.summary.contains("70000 đăng ký"))
        }
    }
}
