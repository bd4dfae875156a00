import Domain
import Fluent
import Foundation
import OOXML
import SQLKit
import Testing
import Vapor

@testable import App

/// The text python-docx reads from a DOCX (paragraphs, then table cells), as an office's tools would.
func pythonDocxText(_ data: Data) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dh-docx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("qd.docx")
    try data.write(to: file)
    let script = """
        import sys
        from docx import Document
        d = Document(sys.argv[1])
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for cell in row.cells:
                    parts.append(cell.text)
        sys.stdout.write("\\n".join(parts))
        """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, file.path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let bytes = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "python-docx opens the file")
    return String(decoding: bytes, as: UTF8.self)
}

@Suite("Register of decisions: a commune's numbers, one decision for several dossiers, withdrawal, correction")
struct DecisionRegisterHTTPTests {
    /// A 2025 Đăk Ruồng dossier proposing CSTĐ cơ sở for a new person, appraised and voted by the commune council.
    static func reviewed(
        _ app: Application, office: Browser, second: Browser, commune: Int, name: String, number: String
    ) async throws -> (dossier: Int, subject: Int) {
        let unitAPI = try await APIClient.login(app, "dakruong")
        let (s, _) = try await CommendationTests.person(app, unitAPI, name: name)
        let adminUser = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin").first())
        let system = Actor(
            userID: try adminUser.requireID(), username: "admin", role: .admin, unitID: nil, unitPath: nil)
        let did = try await DemoCommendation.dossier(
            app: app, year: 2025, number: number, actor: system, sets: app.ruleSets,
            jurisdiction: app.config?.jurisdiction ?? "VN", communeID: try await unitID(app, "KR-DAKRUONG"),
            nominees: [(s, "cstd-co-so", "Hoàn thành xuất sắc nhiệm vụ năm 2025.")])
        try await office.send(.GET, "/app/dossiers/\(did)")
        #expect(try await office.post("/app/dossiers/\(did)/submit", []).status == .seeOther)
        #expect(
            try await DossierModel.find(did, on: app.db)?.$authority.id == commune, "the commune decides CSTĐ cơ sở")
        try await CouncilsEveryLevelTests.appraiseAll(app: app, office: office, dossier: did)
        _ = try await CouncilsEveryLevelTests.vote(
            app: app, office: office, authority: commune, dossier: did, title: "Họp Hội đồng xã: \(name)",
            members: [office, second])
        #expect(try await DossierModel.find(did, on: app.db)?.status == .reviewed)
        return (did, s)
    }

    static func yesterday() -> String {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        let today = f.date(from: Today.iso) ?? Date()
        return f.string(from: today.addingTimeInterval(-86_400))
    }

    @Test(
        "A commune council's decision is numbered in the commune's register; one decision covers two dossiers; a duplicate number and a date before the meeting are refused; withdrawal and correction are decisions of their own; the quyết định read by python-docx shows the commune's signer and number"
    )
    func communeRegister() async throws {
        try await withTestApp { app in
            let commune = try await authorityID(app, "KR-DAKRUONG")
            // The authority's data as its administrator declares it: the signer, Điều 3 and "Nơi nhận".
            let a = try #require(try await AuthorityModel.find(commune, on: app.db))
            a.signerName = "A Sáu"
            a.executors = "Công chức Văn phòng - Thống kê xã\nCông chức Văn hóa - Xã hội xã"
            a.recipients = "Như Điều 3;\nThường trực Đảng ủy xã;\nLưu: VT."
            try await a.save(on: app.db)
            let year = Today.year
            let office = Browser(app)
            try await office.login("dakruong")
            let second = Browser(app)
            try await second.login("hd.dakruong")
            let (d1, s1) = try await Self.reviewed(
                app, office: office, second: second, commune: commune, name: "Y Phương", number: "41/TTr-UBND")

            // 1. The chairman's decision from the dossier page, no number typed: the register's first number.
            try await office.send(.GET, "/app/dossiers/\(d1)")
            var page = try await office.post(
                "/app/dossiers/\(d1)/decision",
                [("number", ""), ("date", Today.iso.isoToVietnamese), ("authority", ""), ("signer", "")])
            #expect(page.status == .seeOther, "\(page.text.prefix(400))")
            let dossier1 = try #require(try await DossierModel.find(d1, on: app.db))
            #expect(dossier1.status == .decided && dossier1.decisionNumber == "1/QĐ-UBND")
            let q1ID = try #require(dossier1.decisionID)
            let q1 = try #require(try await DecisionModel.find(q1ID, on: app.db))
            #expect(q1.$authority.id == commune && q1.seq == 1 && q1.year == year && q1.signerName == "A Sáu")
            let meeting1 = try #require(dossier1.meetingID)
            let minutes1 = try #require(try await DecisionService.minutes(ofMeeting: meeting1, on: app.db))
            #expect(minutes1.number == "1/BB-HĐTĐKT" && minutes1.$authority.id == commune, "the minutes numbered too")

            // 2. Two more dossiers, each voted at its own meeting.
            let (d2, s2) = try await Self.reviewed(
                app, office: office, second: second, commune: commune, name: "A Dũng", number: "42/TTr-UBND")
            let (d3, s3) = try await Self.reviewed(
                app, office: office, second: second, commune: commune, name: "Y Mai", number: "43/TTr-UBND")
            let api = try await APIClient.login(app, "dakruong")
            // A number the commune already used is refused, naming the decision that holds it.
            var res = try await api.send(
                .POST, "/api/v1/decisions", json: ["dossierIDs": [d2, d3], "number": "1/qđ-ubnd", "date": Today.iso])
            #expect(res.status == .unprocessableEntity)
            var fields = try res.jsonObject()["fields"] as? [String: String] ?? [:]
            #expect(
                fields["number"]?.contains("Số 1/QĐ-UBND đã được dùng cho quyết định ngày \(Today.iso.isoToVietnamese)")
                    == true, "\(res.text)")
            // A date before the meeting is refused.
            res = try await api.send(
                .POST, "/api/v1/decisions", json: ["dossierIDs": [d2, d3], "date": Self.yesterday()])
            #expect(res.status == .unprocessableEntity)
            fields = try res.jsonObject()["fields"] as? [String: String] ?? [:]
            #expect(fields["date"]?.contains("trước ngày họp Hội đồng") == true, "\(res.text)")
            #expect(try await DossierModel.find(d2, on: app.db)?.status == .reviewed, "nothing written")
            // One decision for both: the next number; both dossiers decided, both awards behind it.
            res = try await api.send(.POST, "/api/v1/decisions", json: ["dossierIDs": [d3, d2], "date": Today.iso])
            #expect(res.status == .created, "\(res.text)")
            let q2 = try res.json(DecisionDetailDTO.self)
            #expect(q2.decision.number == "2/QĐ-UBND" && q2.decision.seq == 2 && q2.decision.signerName == "A Sáu")
            #expect(q2.dossierIDs.sorted() == [d2, d3].sorted())
            #expect(
                Set(q2.awards.map(\.subjectID)) == [s2, s3] && q2.awards.allSatisfy { $0.decisionID == q2.decision.id })
            for d in [d2, d3] {
                let m = try #require(try await DossierModel.find(d, on: app.db))
                #expect(m.status == .decided && m.decisionID == q2.decision.id && m.decisionNumber == "2/QĐ-UBND")
            }

            // 3. The register, newest first, as the commune reads it; the district does not see it.
            let list = try await api.send(.GET, "/api/v1/decisions?authority=\(commune)&year=\(year)").json(
                DecisionListDTO.self)
            #expect(list.items.filter { $0.kind == "decision" }.map(\.number) == ["2/QĐ-UBND", "1/QĐ-UBND"])
            #expect(list.items.filter { $0.kind == "minutes" }.count == 3)
            let district = try await APIClient.login(app, "noivu")
            #expect(try await district.send(.GET, "/api/v1/decisions/\(q2.decision.id)").status == .notFound)
            page = try await office.send(.GET, "/app/decisions?authority=\(commune)&year=\(year)")
            #expect(page.status == .ok && page.text.contains("2/QĐ-UBND") && page.text.contains("3/BB-HĐTĐKT"))

            // 4. The quyết định, read back with python-docx: the commune's body, number, signer, Điều 3, Nơi nhận.
            let docx = try await office.send(.GET, "/app/dossiers/\(d2)/docx/quyet-dinh")
            #expect(docx.status == .ok)
            let text = try pythonDocxText(Data(docx.bytes))
            for expected in [
                "ỦY BAN NHÂN DÂN XÃ ĐĂK RUỒNG", "Số: 2/QĐ-UBND", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐĂK RUỒNG",
                "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "A Sáu", "Công chức Văn phòng - Thống kê xã",
                "- Thường trực Đảng ủy xã;", "- Lưu: VT.", "A Dũng", "Y Mai", "/BB-HĐTĐKT",
            ] {
                #expect(text.contains(expected), "the quyết định shows \(expected)")
            }
            #expect(!text.contains("Trưởng phòng Nội vụ") && !text.contains("Chánh Văn phòng"))

            // 5. Withdrawing the first decision is a decision with its number; the award stays, marked.
            page = try await office.send(.GET, "/app/decisions/\(q1.id ?? 0)")
            #expect(page.status == .ok && page.text.contains("Thu hồi quyết định"))
            page = try await office.post(
                "/app/decisions/\(q1.id ?? 0)/withdraw", [("reason", ""), ("date", Today.iso.isoToVietnamese)])
            #expect(page.status == .unprocessableEntity && page.text.contains("Lý do thu hồi"))
            page = try await office.post(
                "/app/decisions/\(q1.id ?? 0)/withdraw",
                [("reason", "Nhầm năm thành tích."), ("date", Today.iso.isoToVietnamese), ("number", "")])
            #expect(page.status == .seeOther, "\(page.text.prefix(400))")
            #expect(try await DecisionModel.find(q1.id, on: app.db)?.status == .withdrawn)
            let awards1 = try await api.send(.GET, "/api/v1/subjects/\(s1)/awards").json([AwardDTO].self)
            #expect(awards1.count == 1 && awards1[0].status == "withdrawn")
            #expect(
                awards1[0].statusNote.contains("Đã thu hồi theo Quyết định số 3/QĐ-UBND"), "\(awards1[0].statusNote)")
            #expect(
                try await DossierService.events(d1, on: app.db).contains {
                    $0.action == .decisionWithdrawn && $0.note.contains("Nhầm năm thành tích")
                })
            // A withdrawn award no longer counts: the 2025 achievement may be proposed again.
            let again = try await api.send(.GET, "/api/v1/subjects/\(s1)/eligibility?year=2025").json(
                EligibilityDTO.self)
            #expect(again.forms.first { $0.code == "cstd-co-so" }?.alreadyRewarded == nil)
            page = try await office.send(.GET, "/app/awards?q=Y+Phuong")
            #expect(page.text.contains("Đã thu hồi theo Quyết định số 3/QĐ-UBND"))
            // A withdrawn decision does not move again.
            try await office.send(.GET, "/app/decisions/\(q1.id ?? 0)")
            #expect(
                try await office.post(
                    "/app/decisions/\(q1.id ?? 0)/correct",
                    [("reason", "Sửa tên."), ("date", Today.iso.isoToVietnamese)]
                ).status == .conflict)

            // 6. Correcting the joint decision: a new number carries its awards; the old one is marked.
            res = try await api.send(
                .POST, "/api/v1/decisions/\(q2.decision.id)/correct",
                json: ["reason": "Sửa chức vụ của A Dũng.", "date": Today.iso, "number": "2/QĐ-UBND"])
            #expect(res.status == .unprocessableEntity && res.text.contains("đã được dùng"), "a duplicate again")
            res = try await api.send(
                .POST, "/api/v1/decisions/\(q2.decision.id)/correct",
                json: ["reason": "Sửa chức vụ của A Dũng.", "date": Today.iso])
            #expect(res.status == .created, "\(res.text)")
            let q4 = try res.json(DecisionDetailDTO.self)
            #expect(q4.decision.number == "4/QĐ-UBND" && q4.decision.correctsID == q2.decision.id)
            #expect(
                q4.awards.count == 2
                    && q4.awards.allSatisfy { $0.decisionNumber == "4/QĐ-UBND" && $0.status == "valid" })
            let old = try await api.send(.GET, "/api/v1/decisions/\(q2.decision.id)").json(DecisionDetailDTO.self)
            #expect(old.decision.status == "corrected" && old.correctedBy?.id == q4.decision.id)
            #expect(try await DossierModel.find(d3, on: app.db)?.decisionNumber == "4/QĐ-UBND")
        }
    }

    @Test("A decided dossier, an empty choice, a malformed body and a council member are refused, never with a 500")
    func refusals() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            // The demo's 2024 dossier is decided: a decision over it is refused, in Vietnamese, never a 500.
            let decided = try #require(
                try await DossierModel.query(on: app.db).filter(\.$status == DossierStatus.decided).first())
            var res = try await api.send(
                .POST, "/api/v1/decisions", json: ["dossierIDs": [try decided.requireID()], "date": Today.iso])
            #expect(res.status == .conflict && res.text.contains("đã có quyết định"), "\(res.text)")
            res = try await api.send(.POST, "/api/v1/decisions", json: ["dossierIDs": [Int](), "date": Today.iso])
            #expect(res.status == .unprocessableEntity)
            res = try await api.send(.POST, "/api/v1/decisions", json: ["dossierIDs": "x"])
            #expect(res.status.code >= 400 && res.status.code < 500)
            let member = try await APIClient.login(app, "hoidong")
            res = try await member.send(
                .POST, "/api/v1/decisions", json: ["dossierIDs": [try decided.requireID()], "date": Today.iso])
            #expect(res.status == .forbidden || res.status == .notFound)
            #expect(try await api.send(.GET, "/api/v1/decisions/999999").status == .notFound)
        }
    }
}

@Suite("Register of decisions: the listing's query plan")
struct DecisionRegisterPlanTests {
    @Test("One authority's year, newest first, paged by id, is read through decisions_register_idx")
    func listingUsesIndex() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let query =
                "SELECT id FROM decisions WHERE authority_id = 1 AND year = 2025 AND id < 100 ORDER BY id DESC LIMIT 51"
            struct Row: Decodable { let detail: String }
            struct PGRow: Decodable {
                let plan: String
                enum CodingKeys: String, CodingKey { case plan = "QUERY PLAN" }
            }
            var plan: String
            if sql.dialect.name == "sqlite" {
                plan = try await sql.raw(SQLQueryString("EXPLAIN QUERY PLAN " + query)).all(decoding: Row.self)
                    .map(\.detail).joined(separator: "\n")
            } else {
                // A table this small is scanned anyway unless sequential scans are discouraged.
                try await sql.raw("SET enable_seqscan = off").run()
                plan = try await sql.raw(SQLQueryString("EXPLAIN " + query)).all(decoding: PGRow.self)
                    .map(\.plan).joined(separator: "\n")
                try await sql.raw("SET enable_seqscan = on").run()
            }
            #expect(plan.contains("decisions_register_idx"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "no sort step: \(plan)")
        }
    }
}
