import Fluent
import Foundation
import OOXML
import SQLKit
import Testing
import VaporTesting

@testable import App

/// What openpyxl reads back from an exported workbook: the parts, the header's style, the frozen pane, the widths,
/// the autofilter and every row's values as text.
struct OpenedWorkbook: Decodable {
    let sharedStrings: Bool
    let bold: Bool
    let frozen: String?
    let widths: [String: Double]
    let autofilter: String?
    let dateFormat: String?
    let rows: [[String]]

    static func open(_ bytes: [UInt8]) throws -> OpenedWorkbook {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, zipfile, openpyxl, datetime
            path = sys.argv[1]
            names = zipfile.ZipFile(path).namelist()
            wb = openpyxl.load_workbook(path)
            ws = wb.active
            def text(v):
                if v is None: return ""
                if isinstance(v, datetime.datetime): return v.strftime("%d/%m/%Y")
                return str(v)
            date_format = None
            for row in ws.iter_rows(min_row=2):
                for c in row:
                    if c.is_date:
                        date_format = c.number_format
                        break
                if date_format: break
            out = {
                "sharedStrings": "xl/sharedStrings.xml" in names,
                "bold": bool(ws["A1"].font.b),
                "frozen": ws.freeze_panes,
                "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth},
                "autofilter": ws.auto_filter.ref,
                "dateFormat": date_format,
                "rows": [[text(v) for v in r] for r in ws.iter_rows(values_only=True)],
            }
            sys.stdout.write(json.dumps(out, ensure_ascii=False))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "openpyxl opens the export")
        return try JSONDecoder().decode(OpenedWorkbook.self, from: data)
    }
}

/// Exports of every list (issue 16, item 6): CSV with a BOM, XLSX with shared strings, a bold frozen header, widths
/// and an autofilter; the same filter and scope as the list; formulas neutralised.
/// Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
@Suite("List exports", .serialized)
struct ListExportsTests {
    static let exports = [
        "/app/units/export", "/app/users/export", "/app/audit/export", "/app/awards/export",
        "/app/dossiers/export?year=2025", "/app/decisions/export?year=2025", "/app/quotas/export?year=2025",
        "/app/registrations/export?year=2025",
    ]

    static func csvRows(_ s: Sent) throws -> [[String]] {
        #expect(s.status == .ok)
        #expect(s.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
        // A browser keeps the bytes; the API client the text.
        let bytes = s.bytes.isEmpty ? Array(s.text.utf8) : s.bytes
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "the CSV starts with the UTF-8 BOM")
        return try CSV.parse(data: Data(bytes))
    }

    static func get(_ b: Browser, _ path: String, _ format: String) async throws -> Sent {
        try await b.send(.GET, path + (path.contains("?") ? "&" : "?") + "format=" + format)
    }

    @Test(
        "Every list's export reads back: CSV with a BOM and diacritics, XLSX with shared strings, bold frozen header, widths, autofilter; the same rows in both"
    )
    func everyList() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.login("noivu")
            for path in Self.exports {
                let csv = try Self.csvRows(try await Self.get(b, path, "csv"))
                let xlsx = try await Self.get(b, path, "xlsx")
                #expect(xlsx.status == .ok, "\(path)")
                #expect(xlsx.headers.first(name: .contentDisposition)?.contains(".xlsx") == true)
                let book = try OpenedWorkbook.open(xlsx.bytes)
                #expect(book.sharedStrings, "\(path): sharedStrings.xml")
                #expect(book.bold, "\(path): bold header")
                #expect(book.frozen == "A2", "\(path): frozen header row")
                #expect(book.widths.count == csv[0].count, "\(path): a width for every column")
                #expect(book.autofilter?.hasPrefix("A1:") == true, "\(path): autofilter")
                #expect(book.rows.first == csv.first, "\(path): same header")
                // The audit log gained the CSV export's own entry in between.
                let extra = path.hasPrefix("/app/audit") ? 1 : 0
                #expect(book.rows.count == csv.count + extra, "\(path): same number of rows")
                #expect(book.rows.allSatisfy { $0.count == csv[0].count }, "\(path)")
                if csv.count > 1, extra == 0 {
                    #expect(book.rows[1] == csv[1], "\(path): first row")
                }
            }
            // Vietnamese with diacritics, in NFC, survives both ways.
            let units = try Self.csvRows(try await Self.get(b, "/app/units/export?q=dak ruong", "csv"))
            #expect(units.count >= 2)
            #expect(units[0].contains("Tên đơn vị"))
            #expect(units.dropFirst().contains { $0[2].contains("Đăk Ruồng") })
        }
    }

    @Test("An export holds exactly the rows of the list's filter, across all its pages")
    func filters() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.login("noivu")
            let admin = try #require(try await UserModel.query(on: app.db).filter(\.$username == "noivu").first())
            let actor = try await AuthService.actor(for: admin, on: app.db).0
            // Awards of 2024: the lookup's total, the same people.
            let page = try await AwardService.search(
                q: "", year: 2024, formCode: "", actor: actor, ListQuery(q: nil, page: 1, perPage: 500), on: app.db)
            let awards = try Self.csvRows(try await Self.get(b, "/app/awards/export?year=2024", "csv"))
            #expect(awards.count - 1 == page.total)
            #expect(awards.dropFirst().allSatisfy { $0[3] == "2024" })
            #expect(Set(awards.dropFirst().map { $0[1] }) == Set(page.items.map { $0.1.name }))
            // Units of one kind.
            let communes = try Self.csvRows(try await Self.get(b, "/app/units/export?kind=xa", "csv"))
            let count = try await UnitModel.query(on: app.db).filter(\.$kind == "xa").count()
            #expect(communes.count - 1 == count && count > 0)
            // Registrations with a filter: the page's count.
            let regs = try Self.csvRows(
                try await Self.get(b, "/app/registrations/export?year=2025&status=registered", "csv"))
            let expected = try await RegistrationModel.query(on: app.db).filter(\.$year == 2025)
                .filter(\.$status == .registered).count()
            #expect(regs.count - 1 == expected)
            // Quotas: only the shortfalls when asked.
            let short = try Self.csvRows(try await Self.get(b, "/app/quotas/export?year=2025&only=short", "csv"))
            #expect(short.dropFirst().allSatisfy { $0[6] == "Chưa đạt" })
            // A format that is not csv or xlsx: a Vietnamese 400.
            let bad = try await b.send(.GET, "/app/units/export?format=pdf")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Định dạng xuất"))
            // Every export is in the audit log with its row count.
            let logged = try await AuditEntryModel.query(on: app.db).filter(\.$action == "export")
                .filter(\.$entity == "unit").count()
            #expect(logged >= 1)
        }
    }

    @Test("A commune officer's exports hold its own unit's records only")
    func communeScope() async throws {
        try await withTestApp { app in
            // Ten registrations of 2033 in Đăk Ruồng, four of them moved to Tân Lập.
            try await StreamedExportTests.bulk(app, year: 2033, count: 10)
            let sql = try #require(app.db as? any SQLDatabase)
            let tanLap = try await unitID(app, "KR-TANLAP")
            try await sql.raw(
                "UPDATE registrations SET unit_id = \(bind: tanLap) WHERE year = 2033 AND id IN (SELECT id FROM registrations WHERE year = 2033 ORDER BY id LIMIT 4)"
            ).run()
            let office = Browser(app)
            try await office.login("noivu")
            #expect(
                try Self.csvRows(try await Self.get(office, "/app/registrations/export?year=2033", "csv")).count == 11)
            let b = Browser(app)
            try await b.login("dakruong")
            let unit = try #require(try await UnitModel.find(try await unitID(app, "KR-DAKRUONG"), on: app.db))
            let inScope = try await UnitModel.query(on: app.db).filter(\.$path, .custom("LIKE"), unit.path + "%").all()
            let names = Set(inScope.map(\.name))
            let short = Set(inScope.map(\.shortName))
            let regs = try Self.csvRows(try await Self.get(b, "/app/registrations/export?year=2033", "csv"))
            #expect(regs.count == 7)
            #expect(regs.dropFirst().allSatisfy { names.contains($0[4]) })
            let awards = try Self.csvRows(try await Self.get(b, "/app/awards/export", "csv"))
            #expect(awards.dropFirst().allSatisfy { short.contains($0[2]) })
            let dossiers = try Self.csvRows(try await Self.get(b, "/app/dossiers/export", "csv"))
            #expect(dossiers.dropFirst().allSatisfy { short.contains($0[3]) })
            let quotas = try Self.csvRows(try await Self.get(b, "/app/quotas/export?year=2025", "csv"))
            #expect(quotas.dropFirst().allSatisfy { names.contains($0[1]) })
            // The same through the API.
            let api = try await APIClient.login(app, "dakruong")
            let viaAPI = try await api.send(.GET, "/api/v1/registrations/export?year=2033")
            #expect(try Self.csvRows(viaAPI).count == regs.count)
            let apiAwards = try await api.send(.GET, "/api/v1/awards/export?format=csv")
            #expect(try Self.csvRows(apiAwards).count == awards.count)
            // Lists it may not see: the audit log.
            #expect(try await b.send(.GET, "/app/audit/export").status == .notFound)
        }
    }

    @Test("Text that reads as a formula is neutralised in CSV and XLSX")
    func formulaGuard() async throws {
        try await withTestApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let unit = try await unitID(app, "KR-DAKRUONG")
            try await sql.raw(
                "UPDATE units SET name = \(bind: "=HYPERLINK(\"http://x\",\"Đăk Ruồng\")") WHERE id = \(bind: unit)"
            ).run()
            let b = Browser(app)
            try await b.login("noivu")
            let csv = try Self.csvRows(try await Self.get(b, "/app/units/export?q=dak ruong", "csv"))
            #expect(csv.dropFirst().contains { $0[2] == "'=HYPERLINK(\"http://x\",\"Đăk Ruồng\")" })
            #expect(!csv.dropFirst().contains { $0[2].hasPrefix("=") })
            let book = try OpenedWorkbook.open(try await Self.get(b, "/app/units/export?q=dak ruong", "xlsx").bytes)
            #expect(book.rows.dropFirst().contains { $0[2] == "'=HYPERLINK(\"http://x\",\"Đăk Ruồng\")" })
        }
    }

    @Test("Past Excel's row limit the XLSX export is refused with a Vietnamese message, before anything is sent")
    func rowLimit() async throws {
        try await withTestApp(demo: false) { app in
            let req = Request(application: app, on: app.eventLoopGroup.next())
            do {
                _ = try await TableExport.response(
                    req: req, name: "x", format: .xlsx, sheet: "X", columns: [.text("A", 10)], audit: "x", label: "x",
                    count: { XLSXWriter.maxRows }
                ) { _ in }
                Issue.record("no error")
            } catch let e as AppError {
                #expect(e.message.contains("giới hạn một trang tính của Excel"))
                #expect(e.status == .badRequest)
            }
        }
    }

    @Test("Keyset chunks in a mixed order (ascending, descending, id) give every row once, in order")
    func keyset() async throws {
        try await withTestApp { app in
            let all = try await UnitModel.query(on: app.db).sort(\.$kind).sort(\.$id, .descending).all()
            var seen: [Int] = []
            try await Keyset.forEachChunk(
                UnitModel.query(on: app.db),
                order: [
                    .text("units", "kind") { $0.kind }, .int("units", "id", descending: true) { try $0.requireID() },
                ],
                size: 7
            ) { seen += $0.compactMap(\.id) }
            #expect(seen == all.compactMap(\.id))
            #expect(seen.count > 14)
        }
    }
}
