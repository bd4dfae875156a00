import Domain
import Fluent
import Foundation
import OOXML
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Import of registrations")
struct ImportTests {
    static func row(_ i: Int, unit: String = "KR-DAKRUONG") -> [String] {
        let kinds = ["Hộ gia đình", "Cá nhân", "Tập thể"]
        let types = ["MH-15", "CN-03", "MH-03"]
        let k = i % 3
        return [
            "2024", unit, kinds[k], "Đối tượng số \(i) Đăk Ruồng", "", "Xơ Đăng", "", k == 1 ? "05/03/1980" : "", "",
            "", "Thôn \(i % 7 + 1)", types[k], "",
            k == 0 ? "PT-VNN" : "", "Mô hình số \(i)", "", "", "",
        ]
    }

    func poll(_ api: APIClient, _ id: Int) async throws -> ImportJobDTO {
        for _ in 0..<1200 {
            let res = try await api.send(.GET, "/api/v1/imports/\(id)")
            guard res.status == .ok else {
                Issue.record("poll \(id): \(res.status) \(res.text)")
                throw AppError.notFound()
            }
            let job = try res.json(ImportJobDTO.self)
            if job.finished { return job }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        Issue.record("import \(id) did not finish")
        return try await api.send(.GET, "/api/v1/imports/\(id)").json(ImportJobDTO.self)
    }

    func upload(_ app: Application, _ api: APIClient, _ data: [UInt8], filename: String) async throws -> Sent {
        try await api.upload("/api/v1/imports", filename: filename, bytes: data)
    }

    @Test("10,000 rows with one bad row import nothing and name the row and column; the same file fixed imports all")
    func tenThousandRows() async throws {
        try await withTestApp(sqliteFile: true) { app in
            let api = try await APIClient.login(app, "noivu")
            let subjectsBefore = try await SubjectModel.query(on: app.db).count() // the demo's commendation subjects
            let header = ImportService.templateRows()[0]
            var rows = [header] + (1...10_000).map { Self.row($0) }
            rows[5001][1] = "KR-KHONG-CO" // row 5001 of the file (header is row 1)
            let xlsx = try XLSXWriter.data(sheets: [
                XLSXSheet(
                    name: "Đăng ký", rows: rows.map { $0.map(XLSXCell.text) }, columnWidths: nil, boldFirstRow: true)
            ])
            let started = try await upload(app, api, Array(xlsx), filename: "dang-ky-2024.xlsx")
            #expect(started.status == .accepted, "\(started.text)")
            let job = try await poll(api, try started.json(ImportJobDTO.self).id)
            #expect(job.status == "failed")
            #expect(job.created == 0)
            #expect(
                job.errors == [
                    ImportErrorItem(row: 5002, column: "Mã đơn vị", message: "Không có đơn vị mã “KR-KHONG-CO”.")
                ])
            #expect(try await RegistrationModel.query(on: app.db).count() == 0)
            #expect(try await SubjectModel.query(on: app.db).count() == subjectsBefore)

            rows[5001][1] = "KR-DAKRUONG"
            var csv = CSV.utf8BOM
            for r in rows { csv += CSV.line(r) }
            let ok = try await upload(app, api, Array(csv.utf8), filename: "dang-ky-2024.csv")
            #expect(ok.status == .accepted)
            let done = try await poll(api, try ok.json(ImportJobDTO.self).id)
            #expect(done.status == "done", "\(done.errors.prefix(3))")
            #expect(done.created == 10_000)
            #expect(try await RegistrationModel.query(on: app.db).count() == 10_000)
            #expect(try await RegistrationMovementModel.query(on: app.db).count() == 3333)
            // The audit entry names the registrations made as runs of ids: one run, not 10,000 ids.
            let made = try await RegistrationModel.query(on: app.db).all().compactMap(\.id).sorted()
            let entry = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$entity == "import").sort(\.$id, .descending)
                    .first())
            #expect(entry.after?.contains("\"registrationIDRanges\":[[\(made[0]),\(made[9_999])]]") == true)
            #expect(made[9_999] - made[0] == 9_999 && (entry.after?.count ?? 0) < 200, "\(entry.after ?? "")")
            // The tallies the import stored with each row are what a recount finds, and a sync of every row changes
            // nothing (no delta is logged).
            #expect(try await RegistrationTallies.verify(on: app.db) == [])
            struct Count: Decodable { let n: Int }
            let deltas = "SELECT COUNT(*) AS n FROM registration_tally_deltas"
            let logged = try await app.db.sql().raw("\(unsafeRaw: deltas)").first(decoding: Count.self)
            let ids = try await RegistrationModel.query(on: app.db).all().compactMap(\.id)
            try await RegistrationTallies.sync(ids: ids, on: app.db)
            #expect(try await app.db.sql().raw("\(unsafeRaw: deltas)").first(decoding: Count.self)?.n == logged?.n)
            let listRes = try await api.send(.GET, "/api/v1/registrations?q=doi%20tuong%20so%209999")
            #expect(listRes.status == .ok, "\(listRes.text)")
            let list = try listRes.json(ListResponse<RegistrationDTO>.self)
            #expect(list.items.map(\.subject.name) == ["Đối tượng số 9999 Đăk Ruồng"])
            // Importing the same file again: every row is already registered for 2024.
            let second = try await upload(app, api, Array(csv.utf8), filename: "lan-2.csv")
            #expect(second.status == .accepted, "\(second.text)")
            let again = try await poll(api, try second.json(ImportJobDTO.self).id)
            #expect(again.status == "failed")
            #expect(again.errorCount == 10_000)
            #expect(again.errors.first?.message.contains("đã được đăng ký năm 2024") == true)
        }
    }

    @Test("A subject of the unit is reused by its identity in another year, found by subjects_unit_name_idx")
    func reusesSubjects() async throws {
        try await withTestApp(sqliteFile: true) { app in
            let api = try await APIClient.login(app, "dakruong")
            let header = ImportService.templateRows()[0]
            func run(_ rows: [[String]]) async throws -> ImportJobDTO {
                var csv = CSV.utf8BOM
                for r in [header] + rows { csv += CSV.line(r) }
                let res = try await upload(app, api, Array(csv.utf8), filename: "nhap.csv")
                #expect(res.status == .accepted, "\(res.text)")
                return try await poll(api, try res.json(ImportJobDTO.self).id)
            }
            var person = Self.row(1)
            person[8] = "062080001234"
            let household = Self.row(3)
            #expect(try await run([person, household]).created == 2)
            let subjects = try await SubjectModel.query(on: app.db).count()
            // 2025: the same two, the person's name typed in capitals (folded, the same identity).
            var person2025 = person
            person2025[0] = "2025"
            person2025[3] = person[3].uppercased()
            var household2025 = household
            household2025[0] = "2025"
            // The same name with another ID number is somebody else.
            var namesake = person2025
            namesake[3] = person[3]
            namesake[8] = "062080009999"
            let second = try await run([person2025, household2025, namesake])
            #expect(second.status == "done" && second.created == 3, "\(second.errors)")
            #expect(try await SubjectModel.query(on: app.db).count() == subjects + 1)
            for name in [person[3], household[3]] {
                let regs = try await RegistrationModel.query(on: app.db).join(
                    SubjectModel.self, on: \RegistrationModel.$subject.$id == \SubjectModel.$id
                )
                .filter(SubjectModel.self, \.$name == name).all()
                let years = Dictionary(grouping: regs, by: \.$subject.id).mapValues { $0.map(\.year).sorted() }
                #expect(years.values.contains([2024, 2025]), "\(name): \(years)")
            }
            // Already registered in 2025: refused by row, nothing written.
            let again = try await run([household2025])
            #expect(
                again.status == "failed" && again.errors.first?.message.contains("đã được đăng ký năm 2025") == true)
            // Both databases read the index for the file's (unit, name) pairs.
            let plan = try await RegistrationListScaleTests.explain(
                app, ImportService.lookup([.init(1, "a"), .init(2, "b")]), pricedOut: ["seqscan", "bitmapscan"])
            #expect(plan.joined(separator: "\n").contains(AddSubjectIdentityIndex.index), "\(plan)")
        }
    }

    @Test("Errors are listed by row and column in Vietnamese; a commune cannot import into another unit")
    func rowErrors() async throws {
        try await withTestApp(sqliteFile: true) { app in
            let api = try await APIClient.login(app, "dakruong")
            let header = ImportService.templateRows()[0]
            var r2 = Self.row(1)
            r2[0] = "20x4"
            var r3 = Self.row(2)
            r3[7] = "31/02/1980"
            var r4 = Self.row(3)
            r4[2] = "Nhóm"
            let r5 = Self.row(4, unit: "KR-TANLAP")
            var r6 = Self.row(5)
            r6[11] = "MH-99"
            let r7 = Self.row(6)
            var r8 = Self.row(6) // the same subject as row 7, same year
            r8[14] = "Trùng"
            var csv = ""
            for r in [header, r2, r3, r4, r5, r6, r7, r8] { csv += CSV.line(r) }
            let res = try await upload(app, api, Array(csv.utf8), filename: "loi.csv")
            let job = try await poll(api, try res.json(ImportJobDTO.self).id)
            #expect(job.status == "failed")
            let byRow = Dictionary(grouping: job.errors, by: \.row)
            #expect(byRow[2]?.first?.column == "Năm")
            #expect(byRow[3]?.first?.column == "Ngày sinh")
            #expect(byRow[4]?.first?.column == "Loại đối tượng")
            #expect(byRow[5]?.first?.message.contains("không được đăng ký cho đơn vị") == true)
            #expect(byRow[6]?.first?.column == "Mã loại mô hình / điển hình")
            #expect(byRow[7] == nil)
            #expect(byRow[8]?.first?.message.contains("Trùng với dòng 7") == true)
            #expect(try await RegistrationModel.query(on: app.db).count() == 0)

            // Missing columns and an unreadable file get a clear message at once.
            let noCols = try await upload(app, api, Array("Năm,Tên\r\n2024,A\r\n".utf8), filename: "thieu.csv")
            let j2 = try await poll(api, try noCols.json(ImportJobDTO.self).id)
            #expect(j2.errors.contains { $0.row == 1 && $0.message.contains("Thiếu cột “Mã đơn vị”") })
            let junk = try await upload(app, api, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3], filename: "hong.xlsx")
            #expect(junk.status == .badRequest)
            #expect((try junk.jsonObject()["message"] as? String)?.isEmpty == false)

            // Through the browser: the template downloads, the upload page shows progress and the errors.
            let b = Browser(app)
            try await b.login("dakruong")
            let cookie = b.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let template = try await app.testing().sendRequest(
                .GET, "/app/imports/template?format=xlsx", headers: ["Cookie": cookie])
            #expect(template.status == .ok)
            let tRows = try XLSXReader.rows(data: Data(buffer: template.body))
            #expect(tRows.first?.first == "Năm (*)")
            try await b.send(.GET, "/app/imports")
            let (h, body) = multipart([("_csrf", b.csrf ?? "")], file: ("file", "loi.csv", "text/csv", Array(csv.utf8)))
            var headers = h
            headers.replaceOrAdd(
                name: .cookie, value: b.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            let posted = try await app.testing().sendRequest(.POST, "/app/imports", headers: headers, body: body)
            #expect(posted.status == .seeOther)
            let path = try #require(posted.headers.first(name: .location))
            var page = try await b.send(.GET, path)
            for _ in 0..<100 where page.text.contains("http-equiv=\"refresh\"") {
                try await Task.sleep(nanoseconds: 100_000_000)
                page = try await b.send(.GET, path)
            }
            #expect(page.text.contains("không dòng nào được nhập"))
            #expect(page.text.contains("Trùng với dòng 7"))
        }
    }
}
