import Domain
import Fluent
import Foundation
import OOXML
import Testing
import Vapor

@testable import App

/// Issue 13, item 6: Đăk Ruồng and Tân Lập merge into a new commune on 01/07/2025 (test data, not the real
/// arrangement); the new commune's officer reads the old communes' history, and "n years running" reads across.
@Suite("Reorganisation of units (HTTP)")
struct ReorganisationTests {
    static let basis = "Nghị quyết thử nghiệm 01/NQ-TEST"

    /// Merge KR-DAKRUONG + KR-TANLAP into KR-XAMOI (new, under the province). `wrongCode`: a second change with an
    /// unknown unit, so the whole file is refused.
    static func mergeJSON(wrongCode: String? = nil) -> String {
        var changes = [
            """
            {"kind": "merge", "from": ["KR-DAKRUONG", "KR-TANLAP"], "to": ["KR-XAMOI"], "effective": "01/07/2025",
             "basis": "\(basis)"}
            """
        ]
        if let wrongCode {
            changes.append(
                """
                {"kind": "abolish", "from": ["\(wrongCode)"], "to": [], "effective": "01/07/2025", "basis": "\(basis)"}
                """)
        }
        return """
            {"title": "Thử sáp nhập", "newUnits": [{"code": "KR-XAMOI", "name": "Ủy ban nhân dân xã Kon Braih Thử",
             "kind": "xa", "parent": "KONTUM"}], "changes": [\(changes.joined(separator: ","))]}
            """
    }

    struct Seed {
        let oldSubject: Int
        let dossier: Int
        let dossierTitle: String
    }

    /// Before the merger: Tân Lập's own collective holds "Tập thể lao động xuất sắc" for 2023 and 2024, and Tân Lập
    /// proposed a 2024 dossier.
    static func seed(_ app: Application) async throws -> Seed {
        let tanlap = try await unitID(app, "KR-TANLAP")
        let old = try await collective(app, name: "Tập thể UBND xã Tân Lập (thử)", unit: tanlap)
        let office = try await APIClient.login(app, "noivu")
        for year in [2023, 2024] {
            let res = try await office.send(
                .POST, "/api/v1/subjects/\(old)/awards",
                json: [
                    "formCode": "tap-the-lao-dong-xuat-sac", "formName": "Tập thể lao động xuất sắc", "level": "xa",
                    "year": year, "decisionNumber": "\(year)/QĐ-UBND", "decisionDate": "15/01/\(year + 1)",
                    "authority": "Chủ tịch UBND huyện Kon Rẫy",
                ])
            #expect(res.status == .created, "award \(year): \(res.text)")
        }
        let title = "Hồ sơ khen thưởng năm 2024 của xã Tân Lập (thử)"
        let d = try await office.send(
            .POST, "/api/v1/dossiers", json: ["unitID": tanlap, "year": 2024, "title": title])
        #expect(d.status == .created, "\(d.text)")
        let dossier = try #require(try d.jsonObject()["id"] as? Int)
        return Seed(oldSubject: old, dossier: dossier, dossierTitle: title)
    }

    /// A collective that stands for a unit (the commune itself).
    static func collective(_ app: Application, name: String, unit: Int) async throws -> Int {
        let s = SubjectModel()
        s.kind = SubjectKind.collective.rawValue
        s.name = name
        s.$unit.id = unit
        s.representsUnitID = unit
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

    static func createOfficer(_ app: Application, _ username: String, unitCode: String) async throws {
        let admin = try await APIClient.login(app, "admin", adminPassword)
        let res = try await admin.send(
            .POST, "/api/v1/users",
            json: [
                "username": username, "fullName": "Cán bộ \(username)", "role": Role.unitOfficer.rawValue,
                "unitID": try await unitID(app, unitCode), "password": demoPassword, "active": true,
            ])
        #expect(res.status == .created, "\(res.text)")
    }

    static func successionCount(_ app: Application) async throws -> Int {
        try await UnitSuccessionModel.query(on: app.db).count()
    }

    @Test("Web: preview then apply a merger; the successor's officer reads the old commune's 2024 award and dossier")
    func webMergerAndHistory() async throws {
        try await withTestApp { app in
            let seed = try await Self.seed(app)
            let b = Browser(app)
            try await b.login("noivu")
            #expect(try await b.send(.GET, "/app/units/reorganise").status == .ok)
            let preview = try await b.post("/app/units/reorganise", [("text", Self.mergeJSON())])
            #expect(preview.status == .ok, "\(preview.text.prefix(500))")
            #expect(preview.text.contains("Áp dụng phương án này"))
            #expect(preview.text.contains("KR-XAMOI"))
            #expect(try await Self.successionCount(app) == 0, "a preview writes nothing")
            let applied = try await b.post("/app/units/reorganise/apply", [("text", Self.mergeJSON())])
            #expect(applied.status == .seeOther, "\(applied.text.prefix(500))")
            #expect(try await Self.successionCount(app) == 2)
            let tanlap = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-TANLAP").first())
            #expect(tanlap.abolishedOn == "2025-07-01")
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "reorganise").count()
            #expect(audit == 1)
            // The unit pages tell the history.
            let oldPage = try await b.send(.GET, "/app/units/\(try tanlap.requireID())")
            #expect(
                oldPage.text.contains("Sáp nhập vào Ủy ban nhân dân xã Kon Braih Thử từ 01/07/2025 (\(Self.basis))"))
            let xamoi = try await unitID(app, "KR-XAMOI")
            let newPage = try await b.send(.GET, "/app/units/\(xamoi)")
            #expect(newPage.text.contains("Kế thừa: Ủy ban nhân dân xã Đăk Ruồng"))
            // Nothing new is registered in a unit that ended.
            let office = try await APIClient.login(app, "noivu")
            let refused = try await office.send(
                .POST, "/api/v1/dossiers", json: ["unitID": try tanlap.requireID(), "year": 2025, "title": "Mới"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("đã được sắp xếp"))
            #expect(refused.text.contains("Kon Braih Thử"))

            // The successor's officer reads the abolished commune's records (HTML and API), writes none.
            try await Self.createOfficer(app, "xamoi", unitCode: "KR-XAMOI")
            let officer = Browser(app)
            try await officer.login("xamoi")
            let dossierPage = try await officer.send(.GET, "/app/dossiers/\(seed.dossier)")
            #expect(dossierPage.status == .ok)
            #expect(dossierPage.text.contains(seed.dossierTitle))
            let awardsPage = try await officer.send(.GET, "/app/awards?year=2024")
            #expect(awardsPage.text.contains("Tập thể UBND xã Tân Lập (thử)"))
            let api = try await APIClient.login(app, "xamoi")
            #expect(try await api.send(.GET, "/api/v1/dossiers/\(seed.dossier)").status == .ok)
            let awards = try await api.send(.GET, "/api/v1/subjects/\(seed.oldSubject)/awards")
            #expect(awards.status == .ok)
            #expect(awards.text.contains("\"year\":2024"))
            let listed = try await api.send(.GET, "/api/v1/awards?year=2024")
            #expect(listed.text.contains("Tập thể UBND xã Tân Lập (thử)"))
            let dossiers = try await api.send(.GET, "/api/v1/dossiers?year=2024")
            #expect(dossiers.text.contains(seed.dossierTitle))
            let write = try await api.send(
                .POST, "/api/v1/subjects/\(seed.oldSubject)/awards",
                json: [
                    "formCode": "tap-the-lao-dong-tien-tien", "level": "xa", "year": 2022,
                    "decisionNumber": "1/QĐ", "decisionDate": "15/01/2023", "authority": "UBND",
                ])
            #expect(write.status == .forbidden)

            // Another commune's officer still gets 404.
            try await Self.createOfficer(app, "dakkoi", unitCode: "KR-DAKKOI")
            let other = Browser(app)
            try await other.login("dakkoi")
            #expect(try await other.send(.GET, "/app/dossiers/\(seed.dossier)").status == .notFound)
            let otherAPI = try await APIClient.login(app, "dakkoi")
            #expect(try await otherAPI.send(.GET, "/api/v1/dossiers/\(seed.dossier)").status == .notFound)
            #expect(try await otherAPI.send(.GET, "/api/v1/subjects/\(seed.oldSubject)/awards").status == .notFound)
            #expect(!(try await otherAPI.send(.GET, "/api/v1/awards?year=2024").text.contains("Tân Lập (thử)")))
        }
    }

    @Test("N years running reads 2023–2024 of the old commune and 2025 of the new one")
    func consecutiveYearsAcrossTheMerge() async throws {
        try await withTestApp { app in
            _ = try await Self.seed(app)
            let b = Browser(app)
            try await b.login("noivu")
            _ = try await b.send(.GET, "/app/units/reorganise")
            let applied = try await b.post("/app/units/reorganise/apply", [("text", Self.mergeJSON())])
            #expect(applied.status == .seeOther)
            let xamoi = try await unitID(app, "KR-XAMOI")
            let new = try await Self.collective(app, name: "Tập thể UBND xã Kon Braih Thử", unit: xamoi)
            let office = try await APIClient.login(app, "noivu")
            let award = try await office.send(
                .POST, "/api/v1/subjects/\(new)/awards",
                json: [
                    "formCode": "tap-the-lao-dong-xuat-sac", "formName": "Tập thể lao động xuất sắc", "level": "xa",
                    "year": 2025, "decisionNumber": "7/QĐ-UBND", "decisionDate": "15/01/2026",
                    "authority": "Chủ tịch UBND xã Kon Braih Thử",
                ])
            #expect(award.status == .created, "\(award.text)")
            // Bằng khen tỉnh (tập thể), BKTT-1: "2 năm liên tục" Tập thể lao động xuất sắc — 2024 old + 2025 new.
            let e = try await office.send(.GET, "/api/v1/subjects/\(new)/eligibility?year=2025").jsonObject()
            let forms = try #require(e["forms"] as? [[String: Any]])
            let bk = try #require(forms.first { $0["code"] as? String == "bang-khen-ubnd-tinh-tap-the" })
            let c = try #require((bk["conditions"] as? [[String: Any]])?.first { $0["code"] as? String == "BKTT-1" })
            #expect(c["outcome"] as? String == "met", "\(c)")
            // A 3-years-running condition on the same history: 2023, 2024 (Tân Lập) + 2025 (the new commune).
            let subject = try #require(try await SubjectModel.find(new, on: app.db))
            let set = try EligibilityService.ruleSet(year: 2025, sets: app.ruleSets, jurisdiction: "VN")
            var form = try #require(set.form("tap-the-lao-dong-xuat-sac"))
            var three = try #require(form.conditions.first)
            three.code = "3N"
            three.check = .consecutiveTitle(title: "tap-the-lao-dong-xuat-sac", years: 3)
            form.conditions = [three]
            let across = try await EligibilityService.lineageHistory(subject: subject, sets: app.ruleSets, on: app.db)
            let met = EligibilityEngine.evaluate(form: form, history: across, collective: nil, year: 2025, ruleSet: set)
            #expect(met.conditions.first?.outcome == .met, "\(met.conditions)")
            #expect(met.conditions.first?.reason.contains("2023–2025") == true)
            // Without the lineage the new commune alone has one year.
            let alone = try await EligibilityService.history(subjectID: new, sets: app.ruleSets, on: app.db)
            let notMet = EligibilityEngine.evaluate(
                form: form, history: alone, collective: nil, year: 2025, ruleSet: set)
            #expect(notMet.conditions.first?.outcome != .met)
        }
    }

    @Test("A file with one wrong row applies nothing and names the row (web and command line)")
    func badFileAppliesNothing() async throws {
        try await withTestApp { app in
            let unitsBefore = try await UnitModel.query(on: app.db).count()
            let b = Browser(app)
            try await b.login("noivu")
            _ = try await b.send(.GET, "/app/units/reorganise")
            let res = try await b.post(
                "/app/units/reorganise/apply", [("text", Self.mergeJSON(wrongCode: "KR-KHONGCO"))])
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("Thay đổi, dòng 2: Mã đơn vị “KR-KHONGCO” không có trong cây tổ chức."))
            #expect(res.text.contains("chưa áp dụng thay đổi nào"))
            #expect(try await UnitModel.query(on: app.db).count() == unitsBefore)
            #expect(try await Self.successionCount(app) == 0)
            #expect(try await UnitModel.query(on: app.db).filter(\.$abolishedOn != nil).count() == 0)
            // The same file through the command's code path.
            let path = NSTemporaryDirectory() + "reorg-\(UUID().uuidString).json"
            try Data(Self.mergeJSON(wrongCode: "KR-KHONGCO").utf8).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                _ = try await OrgApplyCommand.execute(path: path, dryRun: false, on: app.db)
                Issue.record("a wrong file must fail")
            } catch let f as CommandFailure {
                #expect(f.description.contains("Thay đổi, dòng 2: Mã đơn vị “KR-KHONGCO” không có trong cây tổ chức."))
            }
            #expect(try await Self.successionCount(app) == 0)
            // A unit officer may not reorganise (403).
            let officer = Browser(app)
            try await officer.login("dakruong")
            #expect(try await officer.send(.GET, "/app/units/reorganise").status == .forbidden)
        }
    }

    @Test("Command line: --dry-run writes nothing; JSON and XLSX apply; a second run names the unit already merged")
    func commandLine() async throws {
        try await withTestApp { app in
            let dir = NSTemporaryDirectory() + "reorg-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let json = dir + "/merge.json"
            try Data(Self.mergeJSON().utf8).write(to: URL(fileURLWithPath: json))
            let dry = try await OrgApplyCommand.execute(path: json, dryRun: true, on: app.db)
            #expect(dry.last?.contains("chưa ghi gì") == true)
            #expect(try await Self.successionCount(app) == 0)
            let done = try await OrgApplyCommand.execute(path: json, dryRun: false, on: app.db)
            #expect(done.last?.hasPrefix("Đã áp dụng: 2 quan hệ kế thừa, 1 đơn vị mới") == true, "\(done)")
            do {
                _ = try await OrgApplyCommand.execute(path: json, dryRun: false, on: app.db)
                Issue.record("applying twice must fail")
            } catch let f as CommandFailure {
                #expect(f.description.contains("Đơn vị “KR-DAKRUONG” đã giải thể hoặc sáp nhập từ 01/07/2025."))
                #expect(f.description.contains("Mã “KR-XAMOI” đã được dùng cho đơn vị khác."))
            }
            // The spreadsheet form: Đăk Kôi split between the new commune and Đăk Pne.
            let xlsx = dir + "/split.xlsx"
            let data = try XLSXWriter.data(sheets: [
                XLSXSheet(
                    name: "Thay đổi",
                    rows: [
                        ["Loại", "Đơn vị bị sắp xếp", "Đơn vị kế thừa", "Ngày hiệu lực", "Căn cứ"].map(XLSXCell.text),
                        ["split", "KR-DAKKOI", "KR-XAMOI; KR-DAKPNE", "01/07/2025", Self.basis].map(XLSXCell.text),
                    ])
            ])
            try data.write(to: URL(fileURLWithPath: xlsx))
            let split = try await OrgApplyCommand.execute(path: xlsx, dryRun: false, on: app.db)
            #expect(split.last?.hasPrefix("Đã áp dụng: 2 quan hệ kế thừa, 0 đơn vị mới, 1 đơn vị kết thúc") == true)
            let xamoi = try await unitID(app, "KR-XAMOI")
            let inherited = try await ReorganisationQueries.predecessorIDs(of: xamoi, on: app.db)
            var expected: Set<Int> = []
            for code in ["KR-DAKRUONG", "KR-TANLAP", "KR-DAKKOI"] { expected.insert(try await unitID(app, code)) }
            #expect(Set(inherited) == expected)
        }
    }
}
