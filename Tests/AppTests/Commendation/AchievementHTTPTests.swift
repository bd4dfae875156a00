import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue 9: one achievement, one form (Luật 2022 art. 5(2)(c)); initiatives used once (CV 5007/BNV-TĐKT).
@Suite("Achievements over HTTP: one form per achievement, withdrawal, initiatives used once")
struct AchievementHTTPTests {
    static let wording = "không khen thưởng nhiều lần, nhiều hình thức cho một thành tích đạt được"

    static func dossier(_ api: APIClient, unit: Int, year: Int, title: String) async throws -> Int {
        let r = try await api.send(.POST, "/api/v1/dossiers", json: ["unitID": unit, "year": year, "title": title])
        #expect(r.status == .created, "\(r.text)")
        return try #require(try r.jsonObject()["id"] as? Int)
    }

    static func propose(_ api: APIClient, dossier: Int, subject: Int, form: String, extra: [String: Any] = [:])
        async throws -> Sent
    {
        var body: [String: Any] = ["subjectID": subject, "formCode": form, "acknowledgeWarning": true]
        for (k, v) in extra { body[k] = v }
        return try await api.send(.POST, "/api/v1/dossiers/\(dossier)/nominees", json: body)
    }

    static func award(_ year: Int, form: String, number: String, extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "formCode": form, "level": "xa", "year": year, "decisionNumber": number,
            "decisionDate": "\(year + 1)-01-15", "authority": "Ủy ban nhân dân xã Đăk Ruồng",
        ]
        for (k, v) in extra { body[k] = v }
        return body
    }

    @Test(
        "Luật 2022 art. 5(2)(c): a Bằng khen for 2024's work is refused while a Giấy khen is proposed for it — in the same dossier, in another, and as a hand-entered award — until the Giấy khen is withdrawn with a recorded reason"
    )
    func secondFormRefusedUntilWithdrawn() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let (hoa, _) = try await CommendationTests.person(app, api, name: "Y Lan")
            let d1 = try await Self.dossier(api, unit: unit, year: 2024, title: "Đề nghị Giấy khen năm 2024")
            var r = try await Self.propose(api, dossier: d1, subject: hoa, form: "giay-khen")
            #expect(r.status == .created, "\(r.text)")
            let nominee = try #require(
                try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == d1).first())
            #expect(nominee.achievementKey == "\(hoa)|2024|thuong-xuyen" && nominee.kind == .regular)

            // In the same dossier, and in a second dossier (another level's form): refused, quoting the article.
            r = try await Self.propose(api, dossier: d1, subject: hoa, form: "bang-khen-ubnd-tinh")
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains(Self.wording) && r.text.contains("Điều 5 khoản 2 điểm c"), "\(r.text)")
            let d2 = try await Self.dossier(api, unit: unit, year: 2024, title: "Đề nghị Bằng khen năm 2024")
            r = try await Self.propose(api, dossier: d2, subject: hoa, form: "bang-khen-ubnd-tinh")
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains(Self.wording) && r.text.contains("hồ sơ số \(d1)"), "\(r.text)")
            // By hand, the same: refused with the article's wording.
            r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/awards",
                json: Self.award(2024, form: "bang-khen-ubnd-tinh", number: "7/QĐ-UBND"))
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains(Self.wording), "\(r.text)")
            // Another kind of achievement (ad-hoc) is another achievement: it may be proposed.
            r = try await Self.propose(
                api, dossier: d2, subject: hoa, form: "giay-khen", extra: ["kind": "dot-xuat"])
            #expect(r.status == .created, "\(r.text)")

            // The way to the higher form: an explicit withdrawal, with a reason, recorded.
            let nid = try nominee.requireID()
            r = try await api.send(.POST, "/api/v1/dossiers/\(d1)/nominees/\(nid)/withdraw", json: ["reason": "  "])
            #expect(r.status == .unprocessableEntity)
            #expect((try r.jsonObject()["fields"] as? [String: String])?["reason"] != nil)
            let other = try await APIClient.login(app, "giaoduc")
            r = try await other.send(
                .POST, "/api/v1/dossiers/\(d1)/nominees/\(nid)/withdraw", json: ["reason": "Không phải đơn vị mình"])
            #expect(r.status == .notFound, "another unit cannot see, let alone withdraw")
            r = try await api.send(
                .POST, "/api/v1/dossiers/\(d1)/nominees/\(nid)/withdraw",
                json: ["reason": "Đủ tiêu chuẩn Bằng khen của Chủ tịch UBND tỉnh; đề nghị hình thức cao hơn"])
            #expect(r.status == .ok, "\(r.text)")
            let dto = try r.json(DossierDTO.self)
            #expect(dto.nominees.first { $0.id == nid }?.withdrawn == true)
            #expect(
                try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == d1)
                    .filter(\.$action == .nomineeWithdrawn).first()?.note.contains("hình thức cao hơn") == true)
            #expect(
                try await AuditEntryModel.query(on: app.db).filter(\.$entity == "dossier-nominee")
                    .filter(\.$action == "withdraw").count() == 1)
            r = try await api.send(
                .POST, "/api/v1/dossiers/\(d1)/nominees/\(nid)/withdraw", json: ["reason": "Lần nữa"])
            #expect(r.status == .conflict)
            r = try await Self.propose(api, dossier: d2, subject: hoa, form: "bang-khen-ubnd-tinh")
            #expect(r.status == .created, "after the withdrawal the higher form goes ahead: \(r.text)")

            // Through the web page too: the withdrawal form asks for the reason.
            let (blo, _) = try await CommendationTests.person(app, api, name: "A Thắm")
            r = try await Self.propose(api, dossier: d1, subject: blo, form: "giay-khen")
            #expect(r.status == .created)
            let webNominee = try #require(
                try await DossierNomineeModel.query(on: app.db).filter(\.$subject.$id == blo).first())
            let unitWeb = Browser(app)
            try await unitWeb.login("dakruong")
            let page = try await unitWeb.send(.GET, "/app/dossiers/\(d1)")
            #expect(page.text.contains("Rút đề nghị") && page.text.contains("Đã rút đề nghị"))
            let sent = try await unitWeb.post(
                "/app/dossiers/\(d1)/nominees/\(try webNominee.requireID())/withdraw",
                [("reason", "Chuyển sang đề nghị ở hồ sơ khác")])
            #expect(sent.status == .seeOther)
            #expect(try await DossierNomineeModel.find(webNominee.id, on: app.db)?.withdrawn == true)
        }
    }

    @Test(
        "Luật 2022 art. 5(2)(c), 2025: a decision is refused when the nominee's achievement already holds another form, with the article's wording"
    )
    func decisionRefused() async throws {
        try await withTestApp { app in
            let commune = try await authorityID(app, "KR-DAKRUONG")
            let office = Browser(app)
            try await office.login("dakruong")
            let second = Browser(app)
            try await second.login("hd.dakruong")
            let (did, subject) = try await DecisionRegisterHTTPTests.reviewed(
                app, office: office, second: second, commune: commune, name: "Y Xuân", number: "51/TTr-UBND")
            // The same person's 2025 regular achievement already holds a Giấy khen recorded before this rule existed
            // (as the migration keyed the old rows): the CSTĐ cơ sở title is an achievement of its own, so move the
            // nominee to a form and let the old award stand on the same achievement.
            let n = try #require(try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == did).first())
            n.formCode = "giay-khen"
            n.formName = "Giấy khen"
            n.achievementKey = "\(subject)|2025|thuong-xuyen"
            try await n.save(on: app.db)
            let old = AwardModel(subjectID: subject)
            old.formCode = "khac-giay-khen-cua-giam-doc-so"
            old.formName = "Giấy khen của Giám đốc Sở Văn hóa"
            old.level = "tinh"
            old.year = 2025
            old.period = "Năm 2025"
            old.decisionNumber = "88/QĐ-SVHTTDL"
            old.decisionDate = "2025-12-20"
            old.authority = "Sở Văn hóa, Thể thao và Du lịch"
            old.source = "nhap-tay"
            old.achievementKey = "\(subject)|2025|thuong-xuyen"
            try await old.create(on: app.db)

            try await office.send(.GET, "/app/dossiers/\(did)")
            let page = try await office.post(
                "/app/dossiers/\(did)/decision",
                [("number", ""), ("date", Today.iso.isoToVietnamese), ("authority", ""), ("signer", "A Sáu")])
            #expect(page.status == .conflict || page.status == .unprocessableEntity, "\(page.status)")
            #expect(
                page.text.contains(Self.wording) && page.text.contains("88/QĐ-SVHTTDL"),
                "\(page.status) \(page.text.replacingOccurrences(of: "\n", with: " ").components(separatedBy: "<main").last?.prefix(2500) ?? "")"
            )
            #expect(try await DossierModel.find(did, on: app.db)?.status == .reviewed, "nothing decided")
            #expect(
                try await AwardModel.query(on: app.db).filter(\.$subject.$id == subject).count() == 1,
                "no award written")
        }
    }

    @Test(
        "CV 5007/BNV-TĐKT: an initiative that an award rests on is refused the second time, naming the earlier award; the engine no longer counts it"
    )
    func initiativeUsedOnce() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let (hoa, _) = try await CommendationTests.person(app, api, name: "Y Nhung")
            var r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/initiatives",
                json: [
                    "year": 2024, "kind": "sang-kien", "title": "Sổ tay số hóa di sản thôn", "scope": "co-so",
                    "recognition": "QĐ 3/QĐ-UBND ngày 10/11/2024",
                ])
            #expect(r.status == .created)
            let ini = try #require(try r.jsonObject()["id"] as? Int)
            r = try await api.send(
                .PUT, "/api/v1/subjects/\(hoa)/annual-records",
                json: ["year": 2024, "taskRating": "htxs", "titles": ["Lao động tiên tiến"]])
            #expect(r.status == .ok)
            r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/awards",
                json: Self.award(2024, form: "giay-khen", number: "21/QĐ-UBND", extra: ["initiativeIDs": [ini]]))
            #expect(r.status == .created, "\(r.text)")
            #expect(try r.json(AwardDTO.self).kind == "thuong-xuyen")

            // A second award by hand on the same initiative (another year's work): refused, naming the first.
            r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/awards",
                json: Self.award(2025, form: "giay-khen", number: "30/QĐ-UBND", extra: ["initiativeIDs": [ini]]))
            #expect(r.status == .unprocessableEntity)
            let reason = (try r.jsonObject()["fields"] as? [String: String])?["initiativeIDs"] ?? ""
            #expect(
                reason.contains("Giấy khen") && reason.contains("2024") && reason.contains("21/QĐ-UBND"), "\(r.text)")
            // A proposal on it: refused the same way.
            let d = try await Self.dossier(api, unit: unit, year: 2025, title: "Đề nghị năm 2025")
            r = try await Self.propose(
                api, dossier: d, subject: hoa, form: "cstd-co-so", extra: ["initiativeIDs": [ini]])
            #expect(r.status == .unprocessableEntity)
            let refusal = (try r.jsonObject()["fields"] as? [String: String])?["initiativeIDs"] ?? ""
            #expect(refusal.contains("21/QĐ-UBND") && refusal.contains("cần xác minh"), "\(r.text)")
            // Someone else's initiative is not a basis either.
            let (blo, _) = try await CommendationTests.person(app, api, name: "A Khoa")
            r = try await Self.propose(
                api, dossier: d, subject: blo, form: "giay-khen", extra: ["initiativeIDs": [ini]])
            #expect(r.status == .unprocessableEntity)

            // The engine counts only unused initiatives: CSTĐ cơ sở's "initiative" route no longer sees it.
            let facts = try await EligibilityService.history(subjectID: hoa, sets: app.ruleSets, on: app.db)
            #expect(facts[2024]?.initiatives.isEmpty == true)
        }
    }

    @Test("NĐ 98/2023 art. 4(3): an ad-hoc Giấy khen is recorded with its kind and does not count toward higher forms")
    func adHocAwardNotCounted() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let (hoa, _) = try await CommendationTests.person(app, api, name: "Y Đào")
            var r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/awards",
                json: Self.award(2024, form: "giay-khen", number: "5/QĐ-UBND", extra: ["kind": "Đột xuất"]))
            #expect(r.status == .created, "\(r.text)")
            #expect(try r.json(AwardDTO.self).kindLabel == "Đột xuất")
            r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/awards",
                json: Self.award(2024, form: "giay-khen", number: "6/QĐ-UBND", extra: ["kind": "bat-thuong"]))
            #expect(r.status == .unprocessableEntity)
            #expect((try r.jsonObject()["fields"] as? [String: String])?["kind"]?.contains("đột xuất") == true)
            let facts = try await EligibilityService.history(subjectID: hoa, sets: app.ruleSets, on: app.db)
            #expect(facts[2024]?.titles.contains("giay-khen") != true, "ad-hoc results are no basis for higher forms")
            let web = Browser(app)
            try await web.login("dakruong")
            let page = try await web.send(.GET, "/app/subjects/\(hoa)")
            #expect(page.text.contains("Đột xuất"))
        }
    }
}
