import Domain
import Fluent
import Foundation
import OOXML
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Issue 17, items 2 and 3: every fact of a subject has a class (`DataField`), the Policy says which classes a
/// reader sees (`Policy.readableClasses`), and every read path — API JSON, web pages, exports, documents — shows
/// only those; a write of a fact needs the permission to read it.
@Suite("Personal data: classified, guarded on every read path and on every write")
struct PersonalDataTests {
    // Values that appear nowhere else in the demo, so a page or file containing one has leaked it.
    static let idNumber = "062099887766"
    static let phone = "0987654321"
    static let address = "Số 7 đường Kín Đáo"
    static let birth = "05/03/1980"
    /// Typed as a name; stored as its code in the ethnic-group list (a group not in the Kon Rẫy demo).
    static let ethnicity = "Pu Péo"
    static let ethnicityCode = "51"
    static let note = "Ghi chú riêng tư về sức khỏe"
    static let exclusion = "Có thành viên bị truy cứu"

    struct Fixture {
        let registration: Int
        let subject: Int
        /// A registration of Tân Lập (outside Đăk Ruồng), in the same movement.
        let otherRegistration: Int
    }

    /// As the standing office: a person of Đăk Ruồng with every personal and sensitive fact, registered in a
    /// movement the lead agency (giaoduc) leads, with a 2024 record holding discipline, leave, exclusions and a note.
    static func fixture(_ app: Application) async throws -> Fixture {
        let office = try await APIClient.login(app, "noivu")
        let gd = try await unitID(app, "KR-GDDT")
        let movement = try #require(
            try await MovementAgencyModel.query(on: app.db).filter(\.$unit.$id == gd).filter(\.$role == "lead")
                .first()?.$movement.id)
        func register(_ unitCode: String, _ name: String) async throws -> [String: Any] {
            let res = try await office.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": try await unitID(app, unitCode), "typeCode": "CN-01",
                    "title": "Gương sáng \(name)", "movementIDs": [movement],
                    "subject": [
                        "kind": "individual", "name": name, "gender": "Nữ", "ethnicity": ethnicity,
                        "position": "Giáo viên", "birthDate": birth, "idNumber": idNumber, "phone": phone,
                        "address": address,
                    ],
                ])
            #expect(res.status == .created, "\(res.text)")
            return try res.jsonObject()
        }
        let own = try await register("KR-DAKRUONG", "Y Kín")
        let other = try await register("KR-TANLAP", "Y Khác")
        let subject = try #require((own["subject"] as? [String: Any])?["id"] as? Int)
        let rec = try await office.send(
            .PUT, "/api/v1/subjects/\(subject)/annual-records",
            json: [
                "year": 2024, "taskRating": "htxs", "note": note, "discipline": "khien-trach",
                "disciplinePending": true, "maternityLeave": true, "treatmentLeave": true,
                "familyExclusions": [exclusion],
            ])
        #expect(rec.status == .ok, "\(rec.text)")
        return Fixture(
            registration: try #require(own["id"] as? Int), subject: subject,
            otherRegistration: try #require(other["id"] as? Int))
    }

    /// What each demo role may see of a subject of Đăk Ruồng registered in giaoduc's movement.
    enum Sees { case all, work, nothing }
    static let roles: [(String, Sees)] = [
        ("admin", .all), ("noivu", .all), ("hoidong", .work), ("giaoduc", .work), ("dakruong", .all),
        ("bientap", .nothing),
    ]
    static func password(_ user: String) -> String { user == "admin" ? adminPassword : demoPassword }

    static let personalKeys = ["gender", "birthDate", "idNumber", "phone", "address"]
    static let sensitiveAnnualKeys = [
        "note", "discipline", "disciplineLabel", "disciplinePending", "maternityLeave", "treatmentLeave",
        "familyExclusions",
    ]

    @Test(
        "Each class × role: API keys absent, page text absent, exports and stored documents without personal data",
        arguments: roles)
    func readPaths(_ role: String, _ sees: Sees) async throws {
        try await withTestApp { app in
            let fx = try await Self.fixture(app)
            let api = try await APIClient.login(app, role, Self.password(role))
            let web = Browser(app)
            try await web.login(role, Self.password(role))
            let personal = sees == .all
            let sensitive = sees == .all

            // API: the registration and the subject's timeline.
            let reg = try await api.send(.GET, "/api/v1/registrations/\(fx.registration)")
            let timeline = try await api.send(.GET, "/api/v1/subjects/\(fx.subject)")
            if sees == .nothing {
                #expect(reg.status == .notFound)
                #expect(timeline.status == .notFound)
            } else {
                #expect(reg.status == .ok)
                let subject = try #require(try reg.jsonObject()["subject"] as? [String: Any])
                for key in Self.personalKeys {
                    #expect((subject[key] != nil) == personal, "\(role): subject.\(key)")
                }
                #expect((subject["ethnicity"] != nil) == sensitive, "\(role): subject.ethnicity")
                #expect(((subject["withheld"] as? [String]) ?? []).isEmpty == personal)
                #expect(reg.text.contains(Self.idNumber) == personal)
                #expect(reg.text.contains(Self.ethnicity) == sensitive)
                // The list reads its rows in one joined query (`RegistrationSummary.read`), the registration's own
                // route through its models: the same object, withheld keys and movements included.
                let own = try reg.jsonObject()
                let unit = try #require(own["unitID"] as? Int)
                let listed = try await api.send(.GET, "/api/v1/registrations?unitID=\(unit)&perPage=200")
                #expect(listed.status == .ok)
                let items = try #require(try listed.jsonObject()["items"] as? [[String: Any]])
                let item = try #require(items.first { $0["id"] as? Int == fx.registration }, "\(role): listed")
                #expect(!((own["movementIDs"] as? [Int]) ?? []).isEmpty)
                #expect(try sortedJSON(item) == sortedJSON(own), "\(role): list row = registration")

                #expect(timeline.status == .ok)
                let t = try timeline.jsonObject()
                let record = try #require((t["annualRecords"] as? [[String: Any]])?.first)
                for key in Self.sensitiveAnnualKeys {
                    #expect((record[key] != nil) == sensitive, "\(role): annualRecords[0].\(key)")
                }
                #expect(record["taskRating"] as? String == "htxs", "internal facts stay")
                #expect(timeline.text.contains(Self.note) == sensitive)
                #expect(timeline.text.contains(Self.exclusion) == sensitive)
                #expect(timeline.text.contains(Self.phone) == personal)

                // Eligibility: the outcome stays, the reasons built on discipline or leave do not.
                let elig = try await api.send(.GET, "/api/v1/subjects/\(fx.subject)/eligibility?year=2024")
                #expect(elig.status == .ok)
                #expect(elig.text.contains("khiển trách") == sensitive, "\(role): eligibility reasons")
                #expect(elig.text.contains("thai sản") == sensitive, "\(role): eligibility reasons")
                #expect(elig.text.contains(EligibilityService.withheldReason) == !sensitive, "\(role): marked withheld")
            }

            // Web pages: the registration, its edit form (for who may edit), the subject, its eligibility.
            let page = try await web.send(.GET, "/app/registrations/\(fx.registration)")
            let subjectPage = try await web.send(.GET, "/app/subjects/\(fx.subject)")
            let eligPage = try await web.send(.GET, "/app/subjects/\(fx.subject)/eligibility?year=2024")
            for (name, p) in [("registration", page), ("subject", subjectPage), ("eligibility", eligPage)] {
                #expect((p.status == .ok) == (sees != .nothing), "\(role): \(name) \(p.status)")
                #expect(p.text.contains(Self.idNumber) == (personal && name != "eligibility"), "\(role): \(name)")
                #expect(p.text.contains(Self.address) == (personal && name != "eligibility"), "\(role): \(name)")
                #expect(p.text.contains(Self.ethnicity) == (sensitive && name != "eligibility"), "\(role): \(name)")
                #expect(!p.text.contains(Self.note), "the note is shown on no page")
            }
            #expect(subjectPage.text.contains("Kỷ luật khiển trách") == sensitive, "\(role): subject page")
            #expect(subjectPage.text.contains("Nghỉ thai sản") == sensitive, "\(role): subject page")
            #expect(eligPage.text.contains("khiển trách") == sensitive, "\(role): eligibility page")
            let edit = try await web.send(.GET, "/app/registrations/\(fx.registration)/edit")
            if edit.status == .ok {
                #expect(edit.text.contains("name=\"idNumber\"") == personal, "\(role): edit form")
                #expect(edit.text.contains("name=\"gender\"") == personal, "\(role): edit form")
                #expect(edit.text.contains("name=\"ethnicity\"") == sensitive, "\(role): edit form")
                #expect(edit.text.contains(Self.idNumber) == personal)
            }

            // Audit entries (API and page) are read only by the standing office and the admin, who read every
            // class; anyone else gets 404, so no audited value of a subject reaches them.
            let auditAPI = try await api.send(.GET, "/api/v1/audit")
            let auditPage = try await web.send(.GET, "/app/audit")
            let readsAudit = role == "admin" || role == "noivu"
            #expect((auditAPI.status == .ok) == readsAudit, "\(role): audit API \(auditAPI.status)")
            #expect((auditPage.status == .ok) == readsAudit, "\(role): audit page \(auditPage.status)")
            if !readsAudit {
                for text in [auditAPI.text, auditPage.text] {
                    #expect(!text.contains(Self.idNumber) && !text.contains(Self.note) && !text.contains("Y Kín"))
                }
            }

            // Exports carry no personal column for anyone.
            if sees != .nothing {
                let csv = try await web.send(.GET, "/app/registrations/export?format=csv&year=2024")
                #expect(csv.status == .ok)
                #expect(csv.text.contains("Y Kín"), "\(role): the export holds the registration")
                let xlsx = try await web.send(.GET, "/app/registrations/export?format=xlsx&year=2024")
                let cells = try XLSXReader.rows(data: Data(xlsx.bytes)).flatMap { $0 }.joined(separator: "|")
                #expect(cells.contains("Y Kín"))
                for export in [csv.text, cells] {
                    for secret in [Self.idNumber, Self.phone, Self.address, Self.ethnicity, Self.birth, Self.note] {
                        #expect(!export.contains(secret), "\(role): export leaks \(secret)")
                    }
                }
            }
        }
    }

    @Test("Another unit's subject: a unit officer gets 404 everywhere, so none of its facts")
    func otherUnit() async throws {
        try await withTestApp { app in
            let fx = try await Self.fixture(app)
            let api = try await APIClient.login(app, "dakruong")
            let reg = try await api.send(.GET, "/api/v1/registrations/\(fx.otherRegistration)")
            #expect(reg.status == .notFound)
            #expect(!reg.text.contains(Self.idNumber))
            let list = try await api.send(.GET, "/api/v1/registrations?year=2024")
            #expect(list.text.contains("Y Kín") && !list.text.contains("Y Khác"))
            let web = Browser(app)
            try await web.login("dakruong")
            let page = try await web.send(.GET, "/app/registrations/\(fx.otherRegistration)")
            #expect(page.status == .notFound && !page.text.contains(Self.idNumber))
        }
    }

    /// The stored subject, read as its owner would (straight from the database).
    static func stored(_ app: Application, _ id: Int) async throws -> SubjectModel {
        try #require(try await SubjectModel.find(id, on: app.db))
    }

    @Test("A lead agency's PUT with personal fields it may not read is refused (403) and changes nothing")
    func leadAgencyCannotWritePersonal() async throws {
        try await withTestApp { app in
            let fx = try await Self.fixture(app)
            let lead = try await APIClient.login(app, "giaoduc")
            let got = try await lead.send(.GET, "/api/v1/registrations/\(fx.registration)").jsonObject()
            var body = got
            let subject = try #require(got["subject"] as? [String: Any])
            for (key, value) in [
                ("idNumber", ""), ("phone", "0900000000"), ("address", ""), ("birthDate", "01/01/2000"),
                ("gender", ""), ("ethnicity", ""),
            ] {
                var s = subject
                s[key] = value
                body["subject"] = s
                let res = try await lead.send(.PUT, "/api/v1/registrations/\(fx.registration)", json: body)
                #expect(res.status == .forbidden, "\(key): \(res.status) \(res.text)")
                #expect(res.text.contains("không được xem"), "\(key): a Vietnamese message naming why")
            }
            // Readable but not its to change: the subject's name, across units.
            var s = subject
            s["name"] = "Tên bị đổi"
            body["subject"] = s
            let renamed = try await lead.send(.PUT, "/api/v1/registrations/\(fx.registration)", json: body)
            #expect(renamed.status == .forbidden, "\(renamed.text)")
            let after = try await Self.stored(app, fx.subject)
            #expect(after.name == "Y Kín")
            #expect(after.idNumber == Self.idNumber && after.phone == Self.phone && after.address == Self.address)
            #expect(
                after.birthDate == "1980-03-05" && after.gender == "female" && after.ethnicity == Self.ethnicityCode)
        }
    }

    @Test("GET then PUT of the same JSON by a lead agency (and the web form's round trip) keeps every personal fact")
    func roundTripKeepsPersonal() async throws {
        try await withTestApp { app in
            let fx = try await Self.fixture(app)
            let lead = try await APIClient.login(app, "giaoduc")
            var body = try await lead.send(.GET, "/api/v1/registrations/\(fx.registration)").jsonObject()
            body["title"] = "Gương sáng đã sửa"
            let res = try await lead.send(.PUT, "/api/v1/registrations/\(fx.registration)", json: body)
            #expect(res.status == .ok, "\(res.text)")
            var after = try await Self.stored(app, fx.subject)
            #expect(after.idNumber == Self.idNumber && after.phone == Self.phone && after.address == Self.address)
            #expect(
                after.birthDate == "1980-03-05" && after.gender == "female" && after.ethnicity == Self.ethnicityCode)
            #expect(after.name == "Y Kín" && after.position == "Giáo viên")
            #expect(try await RegistrationModel.find(fx.registration, on: app.db)?.title == "Gương sáng đã sửa")

            // The web form: what the edit page offers, posted back as it is.
            let web = Browser(app)
            try await web.login("giaoduc")
            let form = try await web.send(.GET, "/app/registrations/\(fx.registration)/edit")
            #expect(form.status == .ok)
            let gd = try #require(
                try await MovementAgencyModel.query(on: app.db).filter(
                    \.$unit.$id == (try await unitID(app, "KR-GDDT"))
                ).filter(\.$role == "lead").first()?.$movement.id)
            let posted = try await web.post(
                "/app/registrations/\(fx.registration)",
                [
                    ("year", "2024"), ("unitID", String(try await unitID(app, "KR-DAKRUONG"))),
                    ("subjectID", String(fx.subject)), ("subjectKind", "individual"), ("subjectName", "Y Kín"),
                    ("position", "Giáo viên"), ("typeCode", "CN-01"), ("movementIDs[]", String(gd)),
                    ("title", "Gương sáng qua biểu mẫu"),
                ])
            #expect(posted.status == .seeOther, "\(posted.text.prefix(300))")
            after = try await Self.stored(app, fx.subject)
            #expect(after.idNumber == Self.idNumber && after.phone == Self.phone && after.address == Self.address)
            #expect(
                after.birthDate == "1980-03-05" && after.gender == "female" && after.ethnicity == Self.ethnicityCode)
        }
    }

    @Test("The owner: an absent field is unchanged, an empty one clears it, a bad one is a 422")
    func ownerWrites() async throws {
        try await withTestApp { app in
            let fx = try await Self.fixture(app)
            let unit = try await APIClient.login(app, "dakruong")
            var body = try await unit.send(.GET, "/api/v1/registrations/\(fx.registration)").jsonObject()
            var subject = try #require(body["subject"] as? [String: Any])
            subject.removeValue(forKey: "idNumber")
            subject["phone"] = ""
            body["subject"] = subject
            var res = try await unit.send(.PUT, "/api/v1/registrations/\(fx.registration)", json: body)
            #expect(res.status == .ok, "\(res.text)")
            let after = try await Self.stored(app, fx.subject)
            #expect(after.idNumber == Self.idNumber, "absent: unchanged")
            #expect(after.phone == "", "empty: cleared")
            #expect(after.address == Self.address)
            subject["idNumber"] = "12ab"
            body["subject"] = subject
            res = try await unit.send(.PUT, "/api/v1/registrations/\(fx.registration)", json: body)
            #expect(res.status == .unprocessableEntity)
            #expect(try await Self.stored(app, fx.subject).idNumber == Self.idNumber)
        }
    }

    @Test("A drafted report shows ethnicity and date of birth to the unit; the copy stored in the dossier does not")
    func documents() async throws {
        try await withTestApp { app in
            let fx = try await Self.fixture(app)
            let r = try #require(try await RegistrationModel.find(fx.registration, on: app.db))
            r.$status.value = .achieved // a fixture: the lifecycle is tested elsewhere
            try await r.save(on: app.db)
            let unit = Browser(app)
            try await unit.login("dakruong")
            try await unit.send(.GET, "/app/dossiers")
            var page = try await unit.post(
                "/app/dossiers",
                [
                    ("unitID", String(try await unitID(app, "KR-DAKRUONG"))), ("year", "2024"),
                    ("title", "Đề nghị khen thưởng năm 2024"), ("number", "16/TTr-UBND"),
                ])
            let path = try #require(page.location, "\(page.status) \(page.text.prefix(300))")
            let did = try #require(Int(path.split(separator: "/").last ?? ""))
            try await unit.send(.GET, path)
            page = try await unit.post(
                path + "/nominees",
                [
                    ("subjectID", String(fx.subject)), ("formCode", "lao-dong-tien-tien"),
                    ("achievement", "Tích cực"), ("acknowledgeWarning", "yes"),
                ])
            #expect(page.status == .seeOther, "\(page.text.prefix(300))")
            let draft = try await unit.send(.GET, "/app/dossiers/\(did)/docx/bao-cao-thanh-tich")
            #expect(draft.status == .ok)
            let draftText = try DOCXReader.text(data: Data(draft.bytes))
            #expect(draftText.contains(Self.ethnicity) && draftText.contains(Self.birth))
            #expect(draftText.contains("giới tính: Nữ"))

            try await unit.send(.GET, path)
            page = try await unit.post(path + "/documents/generate", [("kind", "bao-cao-thanh-tich")])
            #expect(page.status == .seeOther)
            let doc = try #require(
                try await DossierDocumentModel.query(on: app.db).filter(\.$dossier.$id == did).first()?.id)
            let stored = try await unit.send(.GET, "/app/dossier-documents/\(doc)")
            #expect(stored.status == .ok)
            let storedText = try DOCXReader.text(data: Data(stored.bytes))
            #expect(storedText.contains("Y Kín"))
            for secret in [Self.ethnicity, Self.birth, "giới tính", Self.address, Self.idNumber] {
                #expect(!storedText.contains(secret), "stored copy leaks \(secret)")
            }
        }
    }

    @Test("Every column of subjects, registrations, evaluations and annual records has a class")
    func everyColumnClassified() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            var columns: Set<String> = []
            for table in ["subjects", "registrations", "evaluations", "annual_records"] {
                let rows: [SQLRow]
                if sql.dialect.name == "sqlite" {
                    rows = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
                } else {
                    rows = try await sql.raw(
                        "SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(bind: table) "
                            + "AND table_schema = current_schema()"
                    ).all()
                }
                for row in rows { columns.insert(table + "." + (try row.decode(column: "name", as: String.self))) }
            }
            let classified = Set(
                DataField.allCases.filter { app.db.isPostgres || !DataField.postgresOnly.contains($0) }.map(\.rawValue))
            #expect(columns.subtracting(classified).isEmpty, "unclassified: \(columns.subtracting(classified))")
            #expect(classified.subtracting(columns).isEmpty, "no such column: \(classified.subtracting(columns))")
        }
    }

    @Test("What a reader sees of a field is its class's membership in the Policy's answer, for every set of classes")
    func accessIsTheSetsMembership() {
        // Every subset of the four classes, and every field: `FieldAccess` keeps the classes as bits.
        let classes = FieldClass.allCases
        for n in 0..<(1 << classes.count) {
            let set = Set(classes.indices.filter { n & (1 << $0) != 0 }.map { classes[$0] })
            let access = FieldAccess(classes: set)
            for field in DataField.allCases {
                #expect(access.shows(field) == set.contains(field.fieldClass), "\(set) \(field)")
            }
            #expect(access.personal == set.contains(.personal))
            #expect(access.sensitive == set.contains(.sensitive))
            #expect((access == FieldAccess.everything) == (set.count == classes.count))
        }
    }
}

private func sortedJSON(_ object: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}
