import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import App
@testable import OOXML

/// Hostile files and text (issue 17, items 4, 5 and 9): formula injection through the exports, spreadsheet
/// bombs and big sheets, invisible characters in names, truncated and polyglot evidence.
@Suite("Hostile files and text")
struct HostileFileTests {
    static let formulaNames = [
        "=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3+4", "@SUM(A1)", "\t=5+6", "\r=1",
    ]

    /// Peak resident memory of this process so far, in MB (Linux), for the report; never asserted.
    static func peakRSS() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return "?" }
        let kb = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        return "\(kb / 1024) MB"
    }

    static func createRegistration(_ api: APIClient, unit: Int, name: String, title: String = "Mô hình") async throws
        -> Int
    {
        let res = try await api.send(
            .POST, "/api/v1/registrations",
            json: [
                "year": 2025, "unitID": unit, "typeCode": "MH-15", "title": title,
                "subject": ["kind": "household", "name": name],
            ])
        #expect(res.status == .created, "\(res.text)")
        return try #require(try res.jsonObject()["id"] as? Int, "\(res.text)")
    }

    // MARK: item 4, formula injection

    @Test(
        "Every exported cell that would run as a formula starts with ' (CSV and XLSX over HTTP); numbers stay numbers")
    func exportsNeutraliseFormulas() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "admin", adminPassword)
            let unit = try await unitID(app, "KR-DAKRUONG")
            for i in Self.formulaNames.indices {
                _ = try await Self.createRegistration(api, unit: unit, name: "Hộ \(i)", title: "Mô hình \(i)")
            }
            // Names as they could have been stored before input cleaning: set them in the database directly.
            for (i, name) in Self.formulaNames.enumerated() {
                let s = try #require(
                    try await SubjectModel.query(on: app.db).filter(\.$name == "Hộ \(i)").first())
                s.name = name
                try await s.save(on: app.db)
            }

            let csv = try await api.send(.GET, "/api/v1/registrations/export?format=csv&year=2025")
            #expect(csv.status == .ok, "\(csv.text)")
            let records = try CSV.parse(csv.text)
            let nameColumn = try #require(records.first?.firstIndex(of: "Đối tượng"))
            let names = Set(records.dropFirst().map { $0[nameColumn] })
            for name in Self.formulaNames {
                #expect(names.contains("'" + name), "CSV: \(name.debugDescription) in \(names)")
                #expect(!names.contains(name))
            }
            // The raw text: no line of the CSV starts a field with "=" after a separator.
            #expect(!csv.text.contains(",=") && !csv.text.contains(",\"=") && !csv.text.contains(",\t="))
            // Years stay plain numbers.
            #expect(records.dropFirst().allSatisfy { $0[1] == "2025" })

            let (status, xlsx) = try await Self.download(api, "/api/v1/registrations/export?format=xlsx&year=2025")
            #expect(status == .ok)
            let sheetXML = try Self.part(xlsx, "xl/worksheets/sheet1.xml")
            #expect(!sheetXML.contains("<f>") && !sheetXML.contains("<f "), "no formula element")
            let rows = try XLSXReader.rows(data: Data(xlsx))
            let xNames = Set(rows.dropFirst().map { $0[2] })
            for name in Self.formulaNames {
                #expect(xNames.contains("'" + name), "XLSX: \(name.debugDescription) in \(xNames)")
            }
            #expect(sheetXML.contains("t=\"inlineStr\"><is><t xml:space=\"preserve\">'=HYPERLINK("))
            // STT and year are numeric cells, not text.
            #expect(sheetXML.contains("<c r=\"B2\"><v>2025</v></c>"))
        }
    }

    static func part(_ bytes: [UInt8], _ path: String) throws -> String {
        let reader = try PackageReader(data: Data(bytes), notAPackage: .notXLSX)
        var data = Data()
        #expect(try reader.stream(path) { data.append($0) })
        return String(decoding: data, as: UTF8.self)
    }

    /// A GET with the bearer token, keeping the body's bytes.
    static func download(_ api: APIClient, _ path: String) async throws -> (HTTPStatus, [UInt8]) {
        var headers = HTTPHeaders()
        if let token = api.token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        let res = try await api.app.testing().sendRequest(.GET, path, headers: headers)
        return (res.status, Array(buffer: res.body))
    }

    @Test("The writer neutralises formulas in CSV lines and XLSX cells; plain negative numbers are kept")
    func writerUnit() throws {
        #expect(
            CSV.line(["=1+2", "-3", "-3+4", "@A", "\t=5+6", "\r=1", "-", "An"])
                == "'=1+2,-3,'-3+4,'@A,'\t=5+6,\"'\r=1\",-,An\r\n")
        let data = try XLSXWriter.data(sheets: [
            XLSXSheet(name: "A", rows: [[.text("+1+2"), .integer(-5), .number(-2.5), .text("-7")]], columnWidths: nil)
        ])
        #expect(try XLSXReader.rows(data: data) == [["'+1+2", "-5", "-2.5", "-7"]])
        let xml = try Self.part(Array(data), "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<c r=\"B1\" s=\"1\"><v>-5</v></c>"), "\(xml)")
    }

    @Test("An import warns, naming the cell, about text that would run as a formula, and imports the rows")
    func importWarnsAboutFormulas() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let header = ImportService.templateRows()[0]
            var rows = [header]
            for (i, name) in Self.formulaNames.enumerated() {
                var r = ImportTests.row(i)
                r[3] = name + " \(i)"
                rows.append(r)
            }
            var csv = CSV.utf8BOM
            // Written raw (not through CSV.line, which would neutralise them): a hostile file as it arrives.
            for r in rows {
                csv += r.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
                csv += "\r\n"
            }
            let started = try await api.upload("/api/v1/imports", filename: "cong-thuc.csv", bytes: Array(csv.utf8))
            #expect(started.status == .accepted, "\(started.text)")
            let job = try await ImportTests().poll(api, try started.json(ImportJobDTO.self).id)
            #expect(job.status == "done", "\(job.errors)")
            #expect(job.created == Self.formulaNames.count)
            #expect(job.warnings.count == Self.formulaNames.count, "\(job.warnings)")
            let first = try #require(job.warnings.first)
            #expect(first.row == 2 && first.column == "Tên đối tượng (*)")
            #expect(first.message.hasPrefix("Ô D2 bắt đầu bằng dấu “=”: “=HYPERLINK("), "\(first.message)")
            #expect(job.warnings.contains { $0.message.hasPrefix("Ô D4 bắt đầu bằng dấu “-”") })
            #expect(job.warnings.contains { $0.message.hasPrefix("Ô D6 bắt đầu bằng dấu “=”") }) // the tab one
            #expect(job.errors.isEmpty && job.errorCount == 0)
            // The job page shows them.
            let browser = Browser(app)
            try await browser.login("noivu")
            let page = try await browser.send(.GET, "/app/imports/\(job.id)")
            #expect(page.text.contains("Ô D2 bắt đầu bằng dấu “=”"))
        }
    }

    @Test("The year-end import warns about formula-like cells too")
    func annualImportWarns() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let row = [
                "KR-DAKRUONG", "Cá nhân", "+Rơ Châm Khen", "", "2024", "Hoàn thành xuất sắc nhiệm vụ",
                "Lao động tiên tiến", "", "Không", "Không", "Không", "", "", "", "", "", "", "",
            ]
            let csv =
                CSV.utf8BOM
                + ([AnnualRecordImport.templateRows()[0], row].map { $0.joined(separator: ",") })
                .joined(separator: "\r\n")
            let res = try await api.upload(
                "/api/v1/imports/annual-records", filename: "ket-qua.csv", bytes: Array(csv.utf8))
            #expect(res.status == .ok, "\(res.text)")
            let result = try res.json(AnnualRecordImport.Result.self)
            #expect(result.created == 1)
            #expect(result.warnings.count == 1)
            #expect(result.warnings.first?.message.hasPrefix("Ô C2 bắt đầu bằng dấu “+”: “+Rơ Châm") == true)
        }
    }

    // MARK: item 5, bombs and big sheets

    /// An .xlsx whose one sheet inflates to `megabytes` MB of rows, deflated chunk by chunk (the test never
    /// holds the inflated sheet).
    static func bomb(megabytes: Int) throws -> Data {
        let block = 256
        func padded(_ s: String) -> Data {
            Data((s + String(repeating: " ", count: block - s.utf8.count)).utf8)
        }
        let head = padded(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(XLSXWriter.mainNS)\"><sheetData>")
        let text = String(repeating: "x", count: 200)
        let row = "<row><c t=\"inlineStr\"><is><t>\(text)</t></is></c></row>"
        let rowBlock = padded(row)
        let tail = padded("</sheetData></worksheet>")
        let total = Int64(megabytes) * 1024 * 1024
        let blocks = Int(total) / block
        let chunk = 16 * 1024
        let rowsChunk = Data((0..<(chunk / block)).flatMap { _ in rowBlock })
        let archive = try Archive(accessMode: .create)
        let small = try XLSXWriter.data(sheets: [XLSXSheet(name: "Đăng ký", rows: [[.text("x")]], columnWidths: nil)])
        let template = try Archive(data: small, accessMode: .read)
        for entry in template where entry.path != "xl/worksheets/sheet1.xml" {
            var bytes = Data()
            _ = try template.extract(entry) { bytes.append($0) }
            try archive.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
            ) { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
        }
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(blocks * block),
            compressionMethod: .deflate, bufferSize: chunk
        ) { position, size in
            let first = Int(position) / block
            if first > 0, first + size / block < blocks - 1, size == chunk { return rowsChunk }
            var out = Data()
            for b in first..<(first + size / block) { out += b == 0 ? head : b == blocks - 1 ? tail : rowBlock }
            return out
        }
        return try #require(archive.data)
    }

    @Test("A spreadsheet bomb is refused with a clear message and nothing imported; memory stays bounded")
    func bombRefused() async throws {
        let data = try Self.bomb(megabytes: 200)
        print("bomb: \(data.count / 1024) KB inflating to 200 MB; peak RSS before upload \(Self.peakRSS())")
        #expect(throws: OOXMLError.bomb("xl/worksheets/sheet1.xml")) { try XLSXReader.rows(data: data) }
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let before = try await RegistrationModel.query(on: app.db).count()
            let res = try await api.upload("/api/v1/imports", filename: "bom.xlsx", bytes: Array(data))
            #expect(res.status == .badRequest, "\(res.text)")
            #expect(res.text.contains("“bom nén”"), "\(res.text)")
            #expect(try await RegistrationModel.query(on: app.db).count() == before)
            #expect(try await ImportJobModel.query(on: app.db).count() == 0)
            let browser = Browser(app)
            try await browser.login("noivu")
            try await browser.send(.GET, "/app/imports")
            var (headers, body) = multipart(
                [("_csrf", browser.csrf ?? "")], file: ("file", "bom.xlsx", "application/octet-stream", Array(data)))
            headers.replaceOrAdd(
                name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            let web = try await app.testing().sendRequest(.POST, "/app/imports", headers: headers, body: body)
            #expect(web.status == .unprocessableEntity)
            #expect(String(buffer: web.body).contains("bom nén"))
        }
        print("bomb: peak RSS after refusing it \(Self.peakRSS())")
    }

    @Test("The streaming reader reads a sheet of more than 10 MB of XML, and refuses broken or DOCTYPE sheets")
    func streamingReader() throws {
        // 30 MB of rows, just under the ratio limit: read row by row.
        var rows: [[XLSXCell]] = [[.text("STT"), .text("Tên")]]
        for i in 1...130_000 { rows.append([.integer(i), .text("Người số \(i) — Đăk Ruồng & <Kon Rẫy>")]) }
        let data = try XLSXWriter.data(sheets: [XLSXSheet(name: "A", rows: rows, columnWidths: nil)])
        let sheet = try Self.part(Array(data), "xl/worksheets/sheet1.xml")
        #expect(sheet.utf8.count > 10 * 1024 * 1024, "the sheet is \(sheet.utf8.count) bytes")
        let read = try XLSXReader.rows(data: data)
        #expect(read.count == 130_001)
        #expect(read[130_000] == ["130000", "Người số 130000 — Đăk Ruồng & <Kon Rẫy>"])
        print("streaming: \(sheet.utf8.count / 1_048_576) MB sheet read; peak RSS \(Self.peakRSS())")

        final class Collect: XMLPushHandler {
            var events: [String] = []
            var wantsText: Bool { true }
            func start(_ name: String, _ attributes: [String: String]) throws {
                events.append(
                    "<\(name)" + attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined())
            }
            func end(_ name: String) throws { events.append("</\(name)") }
            func text(_ s: String) throws { events.append(s) }
        }
        // Fed one byte at a time: tags, entities, CDATA and comments split across chunks.
        let xml =
            "<?xml version=\"1.0\"?><x:a q='1' x:r=\"&amp;&#x41;\"><!-- c -> --><b>A&lt;&#233;\r\nB</b>"
            + "<![CDATA[<raw>&amp;]]><c/></x:a>"
        let c = Collect()
        var p = XMLPushParser(part: "p", handler: c)
        for byte in Array(xml.utf8) { try p.feed(Data([byte])) }
        try p.finish()
        #expect(c.events == ["<a q=1 r=&A x:r=&A", "<b", "A<é\nB", "</b", "<raw>&amp;", "<c", "</c", "</a"])

        for bad in [
            Data("<a><b></a>".utf8), Data("<a>".utf8), Data("<a></a><b/>".utf8), Data("<!DOCTYPE a><a/>".utf8),
            Data("<a>&bogus;</a>".utf8), Data("<a b=c/>".utf8), Data("<a>".utf8) + Data([0xFF]) + Data("</a>".utf8),
        ] {
            var q = XMLPushParser(part: "p", handler: Collect())
            #expect(throws: OOXMLError.corruptPart("p")) {
                try q.feed(bad)
                try q.finish()
            }
        }
    }

    @Test("50,000 rows import end to end: upload, job, rows in the database")
    func fiftyThousandRows() async throws {
        try await withTestApp(sqliteFile: true) { app in
            let api = try await APIClient.login(app, "noivu")
            let header = ImportService.templateRows()[0]
            let rows = [header] + (1...50_000).map { ImportTests.row($0) }
            let xlsx = try XLSXWriter.data(sheets: [
                XLSXSheet(name: "Đăng ký", rows: rows.map { $0.map(XLSXCell.text) }, columnWidths: nil)
            ])
            let sheet = try Self.part(Array(xlsx), "xl/worksheets/sheet1.xml").utf8.count
            let clock = ContinuousClock()
            let start = clock.now
            let started = try await api.upload("/api/v1/imports", filename: "nam-muoi-nghin.xlsx", bytes: Array(xlsx))
            #expect(started.status == .accepted, "\(started.text)")
            let job = try await ImportTests().poll(api, try started.json(ImportJobDTO.self).id)
            let seconds = Double((clock.now - start).components.seconds) + 0.001
            #expect(job.status == "done", "\(job.errors.prefix(3))")
            #expect(job.created == 50_000)
            #expect(try await RegistrationModel.query(on: app.db).filter(\.$year == 2024).count() == 50_000)
            print(
                "50,000 rows (\(xlsx.count / 1024) KB xlsx, \(sheet / 1_048_576) MB sheet XML) on "
                    + "\(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] == nil ? "SQLite" : "PostgreSQL")"
                    + ": \(Int(seconds)) s, \(Int(50_000 / seconds)) rows/s; peak RSS \(Self.peakRSS())")
        }
    }

    // MARK: item 9, invisible characters

    @Test("Names lose NUL, C1 controls, bidi overrides and zero-width characters on the way in (API)")
    func invisibleCharacters() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "admin", adminPassword)
            let unit = try await unitID(app, "KR-DAKRUONG")
            let id = try await Self.createRegistration(
                api, unit: unit, name: "Hộ\u{0} ông\u{202E} A\u{200B} Blơi\u{85}\u{9B}",
                title: "Mô\u{200D} hình\u{2066} sâm")
            let reg = try #require(try await RegistrationModel.find(id, on: app.db))
            let subject = try #require(try await SubjectModel.find(reg.$subject.id, on: app.db))
            #expect(subject.name == "Hộ ông A Blơi")
            #expect(reg.title == "Mô hình sâm")
            #expect(!subject.name.unicodeScalars.contains(where: VietnameseText.isInvisible))
        }
    }

    // MARK: item 9, evidence structure

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        let crc = EvidenceStructure.crc32(body[...])
        let n = UInt32(data.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + body
            + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    }

    static let png: [UInt8] =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        + pngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])
        + pngChunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01])
        + pngChunk("IEND", [])

    static let pdf: [UInt8] = {
        let body = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        return Array(
            (body + "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n"
                + "trailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n\(body.utf8.count)\n%%EOF\n").utf8)
    }()

    static let zip: [UInt8] = {
        let archive = try! Archive(accessMode: .create)
        let payload = Data("<html><script>alert(1)</script></html>".utf8)
        try! archive.addEntry(with: "index.html", type: .file, uncompressedSize: Int64(payload.count)) { p, s in
            payload.subdata(in: Int(p)..<Int(p) + s)
        }
        return Array(archive.data!)
    }()

    @Test(
        "Truncated and polyglot images and PDFs are refused with a 422 and nothing stored; valid ones are accepted",
        arguments: [
            ("dung.png", png, true, ""),
            ("dung.jpg", jpegBytes, true, ""),
            ("dung.pdf", pdf, true, ""),
            ("cut.png", Array(png.prefix(png.count - 12)), false, "bị cắt cụt"),
            ("crc.png", Array(png.prefix(29)) + [0, 0, 0, 0] + Array(png.dropFirst(33)), false, "IHDR"),
            ("poly.png", png + zip, false, "ghép vào"),
            ("poly-ihdr.png", png + Array(repeating: 0x41, count: 300), false, "nối sau"),
            ("cut.jpg", Array(jpegBytes.dropLast(2)), false, "EOI"),
            ("nosof.jpg", Array(jpegBytes.prefix(20)) + [0xFF, 0xD9], false, "SOF"),
            ("poly.jpg", jpegBytes + zip, false, "ghép vào"),
            ("noeof.pdf", Array(pdf.dropLast(6)), false, "%%EOF"),
            ("noxref.pdf", Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8), false, "startxref"),
            ("poly.pdf", pdf + zip, false, "ghép vào"),
            ("html.pdf", Array("%PDF-1.4\n<html><script>alert(1)</script>".utf8) + pdf.dropFirst(9), false, "HTML"),
        ] as [(String, [UInt8], Bool, String)])
    func evidenceStructure(file: String, bytes: [UInt8], ok: Bool, reason: String) async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "admin", adminPassword)
            let unit = try await unitID(app, "KR-DAKRUONG")
            let id = try await Self.createRegistration(api, unit: unit, name: "Hộ có minh chứng")
            let res = try await api.upload("/api/v1/registrations/\(id)/evidence", filename: file, bytes: bytes)
            let stored = try await EvidenceFileModel.query(on: app.db).count()
            if ok {
                #expect(res.status == .created, "\(file): \(res.text)")
                #expect(stored == 1)
            } else {
                #expect(res.status == .unprocessableEntity, "\(file): \(res.status) \(res.text)")
                #expect(res.text.contains(reason), "\(file): \(res.text)")
                #expect(stored == 0)
            }
        }
    }
}
