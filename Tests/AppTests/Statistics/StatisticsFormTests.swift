import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The cells of a form read back from openpyxl: row code → the data columns (numbers as text, "—" as is), plus
/// the frozen pane and the first cells of the header block.
func openpyxlStatistics(_ bytes: [UInt8], firstDataColumn: Int) throws -> [String: Any] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dh-stat-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("bieu.xlsx")
    try Data(bytes).write(to: file)
    let script = """
        import sys, json
        from openpyxl import load_workbook
        ws = load_workbook(sys.argv[1]).active
        first = int(sys.argv[2])
        rows = list(ws.iter_rows(values_only=True))
        keys = next(i for i, r in enumerate(rows) if r[0] == "A" and r[1] == "B")
        cells = {}
        for r in rows[keys + 1:]:
            if len(r) > first and r[1] not in (None, ""):
                cells[str(r[1])] = ["" if v is None else str(v) for v in r[first:]]
        json.dump({"cells": cells, "freeze": ws.freeze_panes, "a1": rows[0][0], "title": rows[3][0],
                   "period": rows[4][0]}, sys.stdout, ensure_ascii=False)
        """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, file.path, String(firstDataColumn)]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "openpyxl opens the file")
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
}

/// LibreOffice opens the form and converts it to PDF (CI has it; skipped with a message where it is missing).
func libreOfficeConvertsStatistics(_ bytes: [UInt8]) throws {
    guard
        let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        })
    else {
        print("LibreOffice (soffice) not found: the conversion check of the statistics form is skipped.")
        return
    }
    // Calc's import filters ship in libreoffice-calc; a machine with Writer only cannot open any spreadsheet.
    guard FileManager.default.fileExists(atPath: "/usr/lib/libreoffice/program/libscfiltlo.so") else {
        print("LibreOffice Calc is not installed: the conversion check of the statistics form is skipped.")
        return
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dh-stat-lo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("bieu.xlsx")
    try Data(bytes).write(to: file)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: soffice)
    p.arguments = [
        "-env:UserInstallation=file://\(dir.path)/profile", "--headless", "--convert-to", "pdf", "--outdir", dir.path,
        file.path,
    ]
    p.standardOutput = Pipe()
    p.standardError = Pipe()
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "LibreOffice converts the form")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("bieu.pdf").path))
}

@Suite("Statistics forms of Thông tư 02/2023/TT-BNV: filled from seeded data, on screen, in JSON and in XLSX")
struct StatisticsFormTests {
    /// A report year no demo record reaches.
    static let year = 2041

    /// Movements under way in 2041 and awards decided in its emulation year (01/12/2040–30/11/2041), in Đăk Ruồng,
    /// plus what must not count: another commune's movement, an award outside the period, a withdrawn one.
    static func seed(_ app: Application) async throws {
        let dakRuong = try await unitID(app, "KR-DAKRUONG")
        let tanLap = try await unitID(app, "KR-TANLAP")
        func movement(_ code: String, _ level: MovementLevel, _ from: Int, _ to: Int, lead: Int?) async throws {
            let m = MovementModel()
            m.code = code
            m.name = "Phong trào thử \(code)"
            m.kind = MovementKind.phongTrao.rawValue
            m.level = level.rawValue
            m.fromYear = from
            m.toYear = to
            m.description = ""
            m.legalBasis = "Thử"
            m.refreshSearchText()
            try await m.create(on: app.db)
            if let lead {
                try await MovementAgencyModel(movementID: try m.requireID(), unitID: lead, role: .lead).create(
                    on: app.db)
            }
        }
        try await movement("TK-TW", .trungUong, 2041, 2045, lead: nil)
        try await movement("TK-TINH", .tinh, 2041, 2041, lead: nil)
        try await movement("TK-XA3", .xa, 2040, 2042, lead: dakRuong)
        try await movement("TK-XA2", .xa, 2041, 2042, lead: dakRuong)
        try await movement("TK-TANLAP", .xa, 2041, 2041, lead: tanLap)
        try await movement("TK-CU", .xa, 2039, 2040, lead: dakRuong)

        func subject(_ kind: SubjectKind, _ name: String) async throws -> Int {
            let s = SubjectModel()
            s.kind = kind.rawValue
            s.name = name
            s.$unit.id = dakRuong
            s.gender = ""
            s.ethnicity = ""
            s.position = ""
            s.birthDate = ""
            s.idNumber = ""
            s.phone = ""
            s.address = ""
            s.refreshSearch()
            try await s.create(on: app.db)
            return try s.requireID()
        }
        let person = try await subject(.individual, "Y Thống Kê")
        let team = try await subject(.collective, "Tổ thống kê thôn 1")
        let home = try await subject(.household, "Hộ ông A Thống")
        func award(_ s: Int, _ form: String, _ level: String, _ day: String, withdrawn: Bool = false) async throws {
            // One award of a form a subject a year (the awards' unique key): the withdrawn one is of 2040.
            let a = AwardModel(subjectID: s)
            a.formCode = form
            a.formName = form
            a.level = level
            a.year = withdrawn ? 2040 : 2041
            a.period = "Năm \(a.year)"
            a.decisionNumber = "1/QĐ-TK"
            a.decisionDate = day
            a.authority = "Thử"
            a.source = "nhap-tay"
            if withdrawn { try a.move(to: .withdrawn, note: "Thu hồi thử") }
            try await a.create(on: app.db)
        }
        try await award(person, "bang-khen-thu-tuong", "toan-quoc", "2041-03-10")
        try await award(team, "bang-khen-thu-tuong-tap-the", "toan-quoc", "2041-05-01")
        try await award(person, "huan-chuong-lao-dong-hang-ba", "toan-quoc", "2041-06-01")
        try await award(person, "cstd-toan-quoc", "toan-quoc", "2041-11-30")
        try await award(person, "bang-khen-ubnd-tinh", "tinh", "2041-02-02")
        try await award(team, "bang-khen-ubnd-tinh-tap-the", "tinh", "2041-02-02")
        try await award(home, "bang-khen-ubnd-tinh", "tinh", "2040-12-01")
        try await award(person, "cstd-cap-tinh", "tinh", "2041-12-01")
        try await award(person, "bang-khen-ubnd-tinh", "tinh", "2041-04-04", withdrawn: true)
        try await award(person, "giay-khen", "huyen", "2041-04-04")
    }

    static let dash = "—"
    static func none(_ n: Int) -> [String] { Array(repeating: dash, count: n) }

    /// 0601 for Đăk Ruồng, 2041: columns 1 (= 2+3+4), 2 Trung ương, 3 tỉnh, 4 cơ quan, đơn vị.
    static let expected0601: [String: [String]] = [
        "01": ["4", "1", "1", "2"], "02": ["1", "1", "0", "0"], "03": ["1", "0", "1", "0"], "04": none(4),
        "05": ["2", "0", "0", "2"], "06": ["0", "0", "0", "0"], "07": ["1", "0", "1", "0"],
        "08": ["1", "0", "0", "1"], "09": ["1", "0", "0", "1"], "10": ["1", "1", "0", "0"], "11": none(4),
        "12": none(4),
    ]

    /// 0602 for Đăk Ruồng, 2041: 1, 2-TT, 2-CN, 3, 4, 5-TT, 5-CN, 6, 7-TT, 7-CN, 8, 9-TT, 9-CN.
    static let expected0602: [String: [String]] = {
        var e: [String: [String]] = [
            "1": ["4", "0", "1", "0", "0", "0", "0", "0", "1", "1", "1", "0", "0"],
            "3": ["4", "0", "1", "0", "0", "0", "0", "0", "1", "1", "1", "0", "0"],
            "6": ["1", "0", "0", "0", "0", "0", "0", "0", "1", "0", "0", "0", "0"],
            "8": Array(repeating: "0", count: 13),
            "9": ["3", "0", "1", "0", "0", "0", "0", "0", "0", "1", "1", "0", "0"],
        ]
        for code in ["2", "7"] + (10...21).map(String.init) { e[code] = none(13) }
        return e
    }()

    /// The cells of each coded row of the form on the page, as shown.
    static func screenCells(_ html: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for chunk in html.components(separatedBy: "<td class=\"stat-code\">").dropFirst() {
            guard let end = chunk.range(of: "</td>") else { continue }
            let code = String(chunk[..<end.lowerBound])
            let rest = chunk[end.upperBound...].components(separatedBy: "</tr>")[0]
            out[code] = rest.components(separatedBy: "<td class=\"num\">").dropFirst().map {
                String($0.components(separatedBy: "</td>")[0])
            }
        }
        return out
    }

    static func jsonCells(_ sent: Sent) throws -> [String: [String]] {
        let rows = try #require(try sent.jsonObject()["rows"] as? [[String: Any]])
        var out: [String: [String]] = [:]
        for r in rows {
            let code = try #require(r["code"] as? String)
            let values = try #require(r["values"] as? [Any])
            out[code] = values.map { ($0 as? Int).map(String.init) ?? dash }
        }
        return out
    }

    @Test("0601 and 0602 of a commune: every cell on screen, in JSON and in the XLSX read back with openpyxl")
    func everyCell() async throws {
        try await withTestApp { app in
            try await Self.seed(app)
            let unit = try await unitID(app, "KR-DAKRUONG")
            let web = Browser(app)
            try await web.login("dakruong")
            let api = try await APIClient.login(app, "dakruong")
            for (code, expected, firstData) in [("0601", Self.expected0601, 2), ("0602", Self.expected0602, 3)] {
                let q = "?unit=\(unit)&year=\(Self.year)&period=nam"
                let page = try await web.send(.GET, "/app/statistics/\(code)\(q)")
                #expect(page.status == .ok, "\(page.text.prefix(400))")
                #expect(page.text.contains("\(code).N/BNV-TĐKT") && page.text.contains("cần xác minh"))
                #expect(page.text.contains("từ 01/12/2040 đến 30/11/2041"))
                #expect(Self.screenCells(page.text) == expected, "screen of \(code)")

                let json = try await api.send(.GET, "/api/v1/statistics/forms/\(code)\(q)")
                #expect(json.status == .ok, "\(json.text.prefix(400))")
                #expect(try Self.jsonCells(json) == expected, "JSON of \(code)")

                for path in ["/app/statistics/\(code)/xlsx\(q)"] {
                    let file = try await web.send(.GET, path)
                    #expect(file.status == .ok)
                    #expect(
                        file.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    let book = try openpyxlStatistics(file.bytes, firstDataColumn: firstData)
                    let cells = try #require(book["cells"] as? [String: [String]])
                    #expect(cells == expected, "XLSX of \(code)")
                    #expect(book["freeze"] as? String == "A12", "the header block and column heads stay frozen")
                    #expect((book["a1"] as? String)?.hasPrefix("Biểu số: \(code).N/BNV-TĐKT") == true)
                    #expect((book["period"] as? String)?.contains("30/11/\(Self.year)") == true)
                    if code == "0602" { try libreOfficeConvertsStatistics(file.bytes) }
                }
            }
            let apiFile = try await api.send(.GET, "/api/v1/statistics/forms/0601/xlsx?unit=\(unit)&year=\(Self.year)")
            #expect(apiFile.status == .ok)
        }
    }

    @Test("0603 counts provincial awards; the district's 0601 also counts another commune's movement")
    func otherFormsAndScopes() async throws {
        try await withTestApp { app in
            try await Self.seed(app)
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let api = try await APIClient.login(app, "noivu")
            let f0603 = try await api.send(.GET, "/api/v1/statistics/forms/0603?unit=\(dakRuong)&year=\(Self.year)")
            #expect(f0603.status == .ok, "\(f0603.text.prefix(300))")
            let cells = try Self.jsonCells(f0603)
            #expect(cells["01"] == ["3", "3", "0", "0", "0"])
            #expect(cells["02"] == ["1", "1", "0", "0", "0"])
            #expect(cells["04"] == ["1", "1", "0", "0", "0"])
            #expect(cells["05"] == ["1", "1", "0", "0", "0"])
            #expect(cells["03"] == Self.none(5))
            // The standing office's default unit is the district: Tân Lập's movement counts there.
            let district = try await api.send(.GET, "/api/v1/statistics/forms/0601?year=\(Self.year)")
            #expect(district.status == .ok)
            let d = try Self.jsonCells(district)
            #expect(Int(d["05"]?[0] ?? "") ?? 0 >= 3, "\(d)")
            let list = try await api.send(.GET, "/api/v1/statistics/forms")
            #expect(list.status == .ok && list.text.contains("\"0605\""))
            let bad = try await api.send(.GET, "/api/v1/statistics/forms/0699")
            #expect(bad.status == .notFound && bad.text.contains("Không có biểu số"))
            let badPeriod = try await api.send(.GET, "/api/v1/statistics/forms/0601?period=quy")
            #expect(badPeriod.status == .badRequest && badPeriod.text.contains("Kỳ báo cáo"))
        }
    }

    @Test("A commune officer cannot request another unit's form, on the web or in the API")
    func communeScope() async throws {
        try await withTestApp { app in
            let tanLap = try await unitID(app, "KR-TANLAP")
            let web = Browser(app)
            try await web.login("dakruong")
            let own = try await web.send(.GET, "/app/statistics/0601")
            #expect(own.status == .ok && own.text.contains("Đăk Ruồng"))
            #expect(try await web.send(.GET, "/app/statistics/0601?unit=\(tanLap)").status == .notFound)
            #expect(try await web.send(.GET, "/app/statistics/0601/xlsx?unit=\(tanLap)").status == .notFound)
            let api = try await APIClient.login(app, "dakruong")
            #expect(try await api.send(.GET, "/api/v1/statistics/forms/0602?unit=\(tanLap)").status == .notFound)
            let bad = try await web.send(.GET, "/app/statistics/0601?year=abc")
            #expect(bad.status == .badRequest)
        }
    }

    @Test("A form file with a row without its code stops the start with a clear message")
    func badFileRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dh-statfile-\(UUID().uuidString)")
        let rules = dir.appendingPathComponent("Resources/Rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/Rules/\(StatisticsService.fileName)")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: shipped)) as? [String: Any])
        var forms = try #require(json["forms"] as? [[String: Any]])
        var rows = try #require(forms[0]["rows"] as? [[String: Any]])
        #expect(rows[2]["label"] as? String == "Toàn quốc")
        rows[2]["code"] = ""
        forms[0]["rows"] = rows
        json["forms"] = forms
        try JSONSerialization.data(withJSONObject: json).write(
            to: rules.appendingPathComponent(StatisticsService.fileName))
        #expect {
            try StatisticsService.loadForms(workingDirectory: dir.path)
        } throws: { error in
            "\(error)".contains("biểu 0601: dòng thứ 3 (“Toàn quốc”) chưa có mã số")
        }
    }
}
