import Domain
import Fluent
import Foundation
import OOXML
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Issue 15, items 8 and 5: gender and ethnicity as codes from their lists, CCCD and phone checked, imports mapped
/// to the same lists; the catalogue version picked by the registration year.
@Suite("Subject fields typed the same way; catalogue in force by year")
struct SubjectFieldCodeTests {
    @Test("The form refuses a bad CCCD, phone, gender and ethnicity with messages and keeps what was typed")
    func formErrors() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let b = Browser(app)
            try await b.login("dakruong")
            let form = try await b.send(.GET, "/app/registrations/new")
            #expect(form.text.contains("<select id=\"gender\" name=\"gender\""))
            #expect(form.text.contains("<select id=\"ethnicity\" name=\"ethnicity\""))
            #expect(form.text.contains(">14 Xơ-đăng</option>"))
            let bad = try await b.post(
                "/app/registrations",
                [
                    ("year", "2024"), ("unitID", String(dakRuong)), ("subjectKind", "individual"),
                    ("subjectName", "Y Thử"), ("gender", "Khác"), ("ethnicity", "Sedang"),
                    ("idNumber", "06208000123"), ("phone", "0123 45"), ("typeCode", "CN-01"),
                    ("title", "Gương sáng thử"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Số CCCD gồm đúng 12 chữ số"))
            #expect(bad.text.contains("Số điện thoại phải là số di động 10 chữ số"))
            #expect(bad.text.contains("Giới tính: chọn Nam hoặc Nữ"))
            #expect(bad.text.contains("Dân tộc: “Sedang” không có trong danh mục"))
            #expect(bad.text.contains("value=\"06208000123\""))
            #expect(bad.text.contains("value=\"0123 45\""))
            #expect(bad.text.contains("<option value=\"Sedang\" selected>Sedang (không có trong danh mục)</option>"))
            #expect(bad.text.contains("value=\"Gương sáng thử\""))

            let good = try await b.post(
                "/app/registrations",
                [
                    ("year", "2024"), ("unitID", String(dakRuong)), ("subjectKind", "individual"),
                    ("subjectName", "Y Thử"), ("gender", "female"), ("ethnicity", "14"),
                    ("idNumber", "062 080 001 234"), ("phone", "+84 905 123 456"), ("typeCode", "CN-01"),
                    ("title", "Gương sáng thử"),
                ])
            #expect(good.status == .seeOther, "\(good.text.prefix(500))")
            let s = try #require(try await SubjectModel.query(on: app.db).filter(\.$name == "Y Thử").first())
            #expect(s.gender == "female" && s.ethnicity == "14")
            #expect(s.idNumber == "062080001234" && s.phone == "0905123456")
            let page = try await b.send(.GET, try #require(good.location))
            #expect(page.text.contains("Xơ-đăng") && page.text.contains("Nữ"))
        }
    }

    @Test("The API takes names or codes, stores the code and returns both")
    func apiNamesAndCodes() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let res = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": try await unitID(app, "KR-DAKRUONG"), "typeCode": "CN-01",
                    "title": "Gương sáng API",
                    "subject": [
                        "kind": "individual", "name": "A Thử", "gender": "nam", "ethnicity": "ba na",
                        "phone": "0260 386 1234",
                    ],
                ])
            #expect(res.status == .created, "\(res.text)")
            let subject = try #require(try res.jsonObject()["subject"] as? [String: Any])
            #expect(subject["gender"] as? String == "male" && subject["genderLabel"] as? String == "Nam")
            #expect(subject["ethnicity"] as? String == "13" && subject["ethnicityName"] as? String == "Ba-na")
            #expect(subject["phone"] as? String == "02603861234")
            let bad = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": try await unitID(app, "KR-DAKRUONG"), "typeCode": "CN-01",
                    "title": "Gương sáng API 2",
                    "subject": ["kind": "individual", "name": "A Thử Hai", "ethnicity": "Sedang"],
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("không có trong danh mục"))
        }
    }

    @Test("An import with a value not in a list imports nothing and names the row and the column")
    func importNamesRowAndColumn() async throws {
        try await withTestApp(sqliteFile: true) { app in
            let api = try await APIClient.login(app, "dakruong")
            let before = try await RegistrationModel.query(on: app.db).count()
            let header = ImportService.templateRows()[0]
            func row(_ name: String, gender: String, ethnicity: String) -> [String] {
                [
                    "2024", "KR-DAKRUONG", "Cá nhân", name, gender, ethnicity, "", "", "", "", "Thôn 1", "CN-03", "",
                    "", "Mô hình của \(name)", "", "", "",
                ]
            }
            var csv = ""
            for r in [
                header, row("Y Một", gender: "Nữ", ethnicity: "xo dang"),
                row("Y Hai", gender: "nu", ethnicity: "Sedang"),
                row("A Ba", gender: "Khác", ethnicity: "Ba Na"),
            ] {
                csv += CSV.line(r)
            }
            let res = try await api.upload("/api/v1/imports", filename: "dan-toc.csv", bytes: Array(csv.utf8))
            var job = try res.json(ImportJobDTO.self)
            for _ in 0..<600 where !job.finished {
                try await Task.sleep(nanoseconds: 100_000_000)
                job = try await api.send(.GET, "/api/v1/imports/\(job.id)").json(ImportJobDTO.self)
            }
            #expect(job.status == "failed")
            let byRow = Dictionary(grouping: job.errors, by: \.row)
            #expect(byRow[2] == nil)
            #expect(byRow[3]?.first?.column == "Dân tộc")
            #expect(byRow[3]?.first?.message.contains("Sedang") == true)
            #expect(byRow[4]?.first?.column == "Giới tính")
            #expect(try await RegistrationModel.query(on: app.db).count() == before)
            #expect(try await SubjectModel.query(on: app.db).filter(\.$name == "Y Một").count() == 0)
        }
    }

    @Test("Migration: free-text gender and ethnicity become codes; what does not map stays as typed")
    func migrationMapsValues() async throws {
        try await withTestApp { app in
            let unit = try await unitID(app, "KR-DAKRUONG")
            var ids: [Int] = []
            for (g, e) in [("Nữ", "Xơ Đăng"), ("nam", "xo-dang"), ("NAM", "Kinh"), ("Khác", "Người Thượng"), ("", "")] {
                let s = SubjectModel()
                s.kind = "individual"
                s.name = "Người \(ids.count)"
                s.$unit.id = unit
                s.position = ""
                s.birthDate = ""
                s.idNumber = ""
                s.phone = ""
                s.address = ""
                s.gender = g
                s.ethnicity = e
                s.refreshSearch()
                try await s.create(on: app.db)
                ids.append(try s.requireID())
            }
            try await SubjectFieldCodes().prepare(on: app.db)
            var got: [(String, String)] = []
            for id in ids {
                let s = try #require(try await SubjectModel.find(id, on: app.db))
                got.append((s.gender, s.ethnicity))
            }
            #expect(got.map(\.0) == ["female", "male", "male", "Khác", ""])
            #expect(got.map(\.1) == ["14", "14", "01", "Người Thượng", ""])
            // Run twice: nothing changes.
            try await SubjectFieldCodes().prepare(on: app.db)
            #expect(try await SubjectModel.find(ids[0], on: app.db)?.ethnicity == "14")
            // The demo's subjects hold codes only.
            let demo = try await SubjectModel.query(on: app.db).filter(\.$id !~ ids).all()
            #expect(demo.allSatisfy { $0.gender.isEmpty || Gender(rawValue: $0.gender) != nil })
            #expect(
                demo.allSatisfy {
                    $0.ethnicity.isEmpty || SubjectCatalogues.ethnicGroups.group(code: $0.ethnicity) != nil
                })
        }
    }

    @Test("The catalogue in force for a year is the one valid on its 1 January; `current` stays the newest")
    func inForceByYear() async throws {
        try await withTestApp { app in
            func add(_ version: String, _ from: String) async throws {
                let v = CatalogueVersionModel()
                v.version = version
                v.title = "Danh mục \(version)"
                v.legalBasis = "Thử"
                v.effectiveFrom = from
                v.content = "{}"
                try await v.create(on: app.db)
            }
            try await add("2026.1", "2026-01-01")
            try await add("2028.1", "2028-07-01")
            func inForce(_ y: Int) async throws -> String? {
                try await CatalogueService.inForce(year: y, on: app.db)?.version
            }
            #expect(try await inForce(2022) == nil)
            #expect(try await inForce(2023) == "2023.1")
            #expect(try await inForce(2025) == "2023.1")
            #expect(try await inForce(2026) == "2026.1")
            #expect(try await inForce(2028) == "2026.1")
            #expect(try await inForce(2029) == "2028.1")
            #expect(try await CatalogueService.current(on: app.db)?.version == "2028.1")

            // A registration takes the version of its year; a year no version covers is refused with a message.
            let api = try await APIClient.login(app, "dakruong")
            let res = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": try await unitID(app, "KR-DAKRUONG"), "typeCode": "CN-01",
                    "title": "Gương sáng 2024", "subject": ["kind": "individual", "name": "Y Năm"],
                ])
            #expect(res.status == .created, "\(res.text)")
            #expect(try res.jsonObject()["catalogueVersion"] as? String == "2023.1")
            let old = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2020, "unitID": try await unitID(app, "KR-DAKRUONG"), "typeCode": "CN-01",
                    "title": "Gương sáng 2020", "subject": ["kind": "individual", "name": "Y Cũ"],
                ])
            #expect(old.status == .unprocessableEntity)
            #expect(old.text.contains("Chưa có danh mục tiêu chuẩn có hiệu lực cho năm 2020"))
        }
    }
}
