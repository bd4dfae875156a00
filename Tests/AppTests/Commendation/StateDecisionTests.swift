import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("State-level forms: proposed upward from the province, the State's decision recorded in the award history")
struct StateDecisionTests {
    /// A commune's 2025 dossier with a CSTĐ cơ sở nominee and a Bằng khen của Thủ tướng nominee: the commune
    /// council votes, forwards the State form to the province, whose council appraises and passes it.
    /// Answers the province's dossier and the State nominee's subject and nominee there.
    static func atProvince(_ app: Application, form: String = "bang-khen-thu-tuong") async throws -> (
        dossier: Int, subject: Int, nominee: Int, communeDossier: Int
    ) {
        let commune = try await authorityID(app, "KR-DAKRUONG")
        let province = try await authorityID(app, "KONTUM")
        let (did, _, b) = try await commune2025Dossier(
            app, number: "41/TTr-UBND", form: form,
            achievement: "Thành tích xuất sắc tiêu biểu trong phong trào thi đua của tỉnh.")
        let path = "/app/dossiers/\(did)"
        let office = Browser(app)
        try await office.login("dakruong")
        try await office.send(.GET, path)
        // Before issue 14 this stopped: "Không có cấp nào phía trên … có thẩm quyền tặng “Bằng khen của Thủ tướng…”".
        let sent = try await office.post(path + "/submit", [])
        #expect(sent.status == .seeOther, "\(sent.text.prefix(600))")
        let nB = try #require(
            try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == did).filter(\.$formCode == form)
                .first())
        #expect(nB.deciderID == province && nB.stateLevel, "the province carries the State form upward")
        #expect(try await DossierModel.find(did, on: app.db)?.$authority.id == commune)
        try await CouncilsEveryLevelTests.appraiseAll(app: app, office: office, dossier: did)
        let second = Browser(app)
        try await second.login("hd.dakruong")
        _ = try await CouncilsEveryLevelTests.vote(
            app: app, office: office, authority: commune, dossier: did, title: "Họp Hội đồng xã năm 2025",
            members: [office, second])
        // Below the province the State form forwards like any other form.
        let page = try await office.post(path + "/forward", [])
        #expect(page.status == .seeOther, "\(page.text.prefix(400))")
        let up = try #require(Int((page.location ?? "").split(separator: "/").last ?? ""))
        #expect(try await DossierModel.find(up, on: app.db)?.$authority.id == province)
        let provinceOffice = Browser(app)
        try await provinceOffice.login("sonoivu")
        try await CouncilsEveryLevelTests.appraiseAll(app: app, office: provinceOffice, dossier: up)
        _ = try await CouncilsEveryLevelTests.vote(
            app: app, office: provinceOffice, authority: province, dossier: up, title: "Họp Hội đồng tỉnh",
            members: [provinceOffice])
        let nUp = try #require(
            try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == up).filter(\.$subject.$id == b)
                .first())
        #expect(nUp.stateLevel && nUp.votePassed == true && nUp.deciderID == province)
        return (up, b, try nUp.requireID(), did)
    }

    @Test(
        "A Bằng khen của Thủ tướng nominee goes commune → province → State: the province's tờ trình, then the Prime Minister's decision, which the award history, /app/awards and the API show with its issuer"
    )
    func communeToProvinceToState() async throws {
        try await withTestApp { app in
            let (up, subject, nominee, _) = try await Self.atProvince(app)
            let upPath = "/app/dossiers/\(up)"
            let office = Browser(app)
            try await office.login("sonoivu")
            var page = try await office.send(.GET, upPath)
            #expect(page.text.contains("Khen thưởng cấp Nhà nước") && page.text.contains("Chờ trình cấp Nhà nước"))
            #expect(page.text.contains("Trình cấp Nhà nước"), "the standing office is offered the tờ trình")
            // The province does not decide it itself: its own decision form would award nobody, so it is not
            // offered, and a decision posted anyway is refused, naming why.
            #expect(try await DossierNomineeModel.find(nominee, on: app.db)?.awardID == nil)
            #expect(!page.text.contains("Ghi quyết định khen thưởng"))
            let refused = try await office.post(
                upPath + "/decision",
                [("number", ""), ("date", Today.iso.isoToVietnamese), ("authority", ""), ("signer", "")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Không có người được đề nghị nào do cấp này quyết định"))

            // A unit officer reads the dossier but may not propose it upward.
            let unit = Browser(app)
            try await unit.login("dakruong")
            #expect(try await unit.send(.GET, upPath).status == .ok)
            #expect(
                try await unit.post(upPath + "/state-proposal", [("number", "45/TTr-UBND"), ("date", "01/11/2026")])
                    .status == .forbidden)

            // The tờ trình: number and date are needed.
            page = try await office.post(upPath + "/state-proposal", [("number", ""), ("date", "32/13/2026")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Số tờ trình không được để trống."))
            #expect(page.text.contains("Ngày tờ trình phải có dạng dd/mm/yyyy."))
            #expect(page.text.contains("value=\"32/13/2026\""), "the form keeps what was typed")
            let proposalDay = Today.iso.isoToVietnamese
            page = try await office.post(
                upPath + "/state-proposal", [("number", "45/TTr-UBND"), ("date", proposalDay), ("addressee", "")])
            #expect(page.status == .seeOther, "\(page.text.prefix(600))")
            let n = try #require(try await DossierNomineeModel.find(nominee, on: app.db))
            let pid: Int = try #require(n.stateProposalID)
            let proposal = try #require(try await StateProposalModel.find(pid, on: app.db))
            #expect(proposal.addressee == "Thủ tướng Chính phủ (qua Bộ Nội vụ)" && proposal.number == "45/TTr-UBND")
            #expect(try await DossierModel.find(up, on: app.db)?.status == .forwarded, "nothing left for the province")
            page = try await office.send(.GET, upPath)
            #expect(page.text.contains("Đã trình cấp Nhà nước") && page.text.contains("Tờ trình số 45/TTr-UBND"))
            #expect(page.text.contains("Ghi quyết định của cấp Nhà nước"))
            // Proposing twice is refused.
            #expect(
                try await office.post(upPath + "/state-proposal", [("number", "46/TTr-UBND"), ("date", proposalDay)])
                    .status == .conflict)

            // The State's decision: a unit officer may not record it.
            let good: [(String, String)] = [
                ("nomineeIDs[]", String(nominee)), ("outcome", "granted"), ("issuer", "thu-tuong"),
                ("number", "1234/QĐ-TTg"), ("date", Today.iso.isoToVietnamese),
                ("fileReference", "Lưu tại Ban Thi đua - Khen thưởng tỉnh"),
            ]
            #expect(try await unit.post(upPath + "/state-decision", good).status == .forbidden)
            // Bad input: no number, a date in the future, the wrong issuer — each named, the form kept.
            page = try await office.post(
                upPath + "/state-decision",
                [
                    ("nomineeIDs[]", String(nominee)), ("outcome", "granted"), ("issuer", "chu-tich-nuoc"),
                    ("number", ""), ("date", "01/01/2099"),
                ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Số quyết định không được để trống."), "\(page.text.prefix(3000))")
            #expect(page.text.contains("Ngày quyết định không thể sau hôm nay"))
            #expect(page.text.contains("do Thủ tướng Chính phủ quyết định tặng"))
            #expect(page.text.contains("value=\"01/01/2099\""))
            #expect(try await StateDecisionModel.query(on: app.db).count() == 0)
            page = try await office.post(upPath + "/state-decision", good)
            #expect(page.status == .seeOther, "\(page.text.prefix(600))")

            // The award: the State's, in the subject's history, with the issuer as the authority.
            let awards = try await AwardModel.query(on: app.db).filter(\.$subject.$id == subject).all()
            #expect(awards.count == 1)
            let award = try #require(awards.first)
            #expect(award.formCode == "bang-khen-thu-tuong" && award.level == "toan-quoc")
            #expect(award.authority == "Thủ tướng Chính phủ" && award.decisionNumber == "1234/QĐ-TTg")
            #expect(award.source == "state" && award.stateDecisionID != nil && award.year == 2025)
            let sdID = try #require(award.stateDecisionID)
            #expect(try await DossierNomineeModel.find(nominee, on: app.db)?.stateDecisionID == sdID)
            page = try await office.send(.GET, upPath)
            #expect(page.text.contains("Nhà nước đã khen thưởng"))
            page = try await office.send(.GET, "/app/awards?q=A+H%C3%B9ng")
            #expect(page.text.contains("1234/QĐ-TTg") && page.text.contains("Thủ tướng Chính phủ"))
            #expect(page.text.contains("Bằng khen của Thủ tướng Chính phủ"))
            let api = try await APIClient.login(app, "dakruong")
            let history = try await api.send(.GET, "/api/v1/subjects/\(subject)/awards")
            let historyText = history.text.replacingOccurrences(of: "\\/", with: "/")
            #expect(history.status == .ok && historyText.contains("1234/QĐ-TTg"), "\(historyText)")
            #expect(historyText.contains("Thủ tướng Chính phủ") && historyText.contains("toan-quoc"))
            let sd = try await api.send(.GET, "/api/v1/state-decisions/\(sdID)")
            #expect(sd.status == .ok, "\(sd.text)")
            let body = try sd.jsonObject()
            #expect(body["issuerLabel"] as? String == "Thủ tướng Chính phủ" && body["outcome"] as? String == "granted")
            #expect((body["nominees"] as? [[String: Any]])?.first?["awardID"] as? Int == award.id)
            #expect((body["proposals"] as? [[String: Any]])?.first?["number"] as? String == "45/TTr-UBND")
            // Eligibility counts it: the same form for the same year's achievement is already given.
            let s = try #require(try await SubjectModel.find(subject, on: app.db))
            let (_, _, known) = try await EligibilityService.evaluate(
                subject: s, year: 2025, day: "2025-12-31", sets: app.ruleSets,
                jurisdiction: app.config?.jurisdiction ?? "VN", on: app.db)
            #expect(known.contains { $0.formCode == "bang-khen-thu-tuong" && $0.year == 2025 })
            // Recording it twice is refused.
            #expect(try await office.post(upPath + "/state-decision", good).status == .conflict)
        }
    }

    @Test(
        "Through the API: the tờ trình, a refusal with its reason (no award), validation in Vietnamese, and a unit officer refused"
    )
    func apiProposalAndRefusal() async throws {
        try await withTestApp { app in
            let (up, subject, nominee, _) = try await Self.atProvince(app, form: "huan-chuong-lao-dong-hang-ba")
            let office = try await APIClient.login(app, "sonoivu")
            let unit = try await APIClient.login(app, "dakruong")
            let path = "/api/v1/dossiers/\(up)"
            #expect(
                try await unit.send(
                    .POST, path + "/state-proposals", json: ["number": "7/TTr-UBND", "date": Today.iso]
                )
                .status == .forbidden)
            var r = try await office.send(.POST, path + "/state-proposals", json: ["number": "", "date": "2099-01-01"])
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("Ngày tờ trình không thể sau hôm nay"), "\(r.text)")
            r = try await office.send(
                .POST, path + "/state-proposals",
                json: ["number": "7/TTr-UBND", "date": Today.iso, "nomineeIDs": [nominee]])
            #expect(r.status == .created, "\(r.text)")
            #expect((try r.jsonObject()["nomineeIDs"] as? [Int]) == [nominee])

            // A Huân chương is the President's: the Prime Minister as issuer is refused, naming the article.
            r = try await office.send(
                .POST, path + "/state-decisions",
                json: [
                    "outcome": "refused", "issuer": "thu-tuong", "date": Today.iso, "nomineeIDs": [nominee],
                    "reason": "Chưa đủ thời gian 05 năm sau Bằng khen của Thủ tướng.",
                ])
            #expect(r.status == .unprocessableEntity && r.text.contains("Luật TĐKT 2022 art. 77"), "\(r.text)")
            // A refusal needs its reason.
            r = try await office.send(
                .POST, path + "/state-decisions",
                json: ["outcome": "refused", "issuer": "chu-tich-nuoc", "date": Today.iso, "nomineeIDs": [nominee]])
            #expect(r.status == .unprocessableEntity && r.text.contains("Lý do không được khen thưởng"), "\(r.text)")
            #expect(
                try await unit.send(
                    .POST, path + "/state-decisions",
                    json: [
                        "outcome": "refused", "issuer": "chu-tich-nuoc", "date": Today.iso, "nomineeIDs": [nominee],
                        "reason": "x",
                    ]
                ).status == .forbidden)
            r = try await office.send(
                .POST, path + "/state-decisions",
                json: [
                    "outcome": "refused", "issuer": "chu-tich-nuoc", "number": "215/VPCTN-TĐKT", "date": Today.iso,
                    "nomineeIDs": [nominee], "reason": "Chưa đủ thời gian 05 năm sau Bằng khen của Thủ tướng.",
                ])
            #expect(r.status == .created, "\(r.text)")
            let body = try r.jsonObject()
            #expect(body["outcome"] as? String == "refused" && body["issuerLabel"] as? String == "Chủ tịch nước")
            #expect(try await AwardModel.query(on: app.db).filter(\.$subject.$id == subject).count() == 0)
            let page = Browser(app)
            try await page.login("sonoivu")
            let text = try await page.send(.GET, "/app/dossiers/\(up)").text
            #expect(text.contains("Không được khen thưởng") && text.contains("Chưa đủ thời gian 05 năm"))
            // An editor sees no unit records, nor the State's decision on them (404).
            let other = try await APIClient.login(app, "bientap")
            #expect(
                try await other.send(.GET, "/api/v1/state-decisions/\(body["id"] as? Int ?? 0)").status == .notFound)
        }
    }

    @Test("A State form with no province above the unit still stops the submission, naming the form")
    func noProvinceToCarryIt() async throws {
        try await withTestApp { app in
            let province = try #require(try await AuthorityModel.find(try await authorityID(app, "KONTUM"), on: app.db))
            province.validTo = "2025-01-01"
            try await province.save(on: app.db)
            let (_, page) = try await submitOne(
                app, number: "42/TTr-UBND", form: "bang-khen-thu-tuong", achievement: "Thành tích xuất sắc.")
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("có thẩm quyền tặng “Bằng khen của Thủ tướng Chính phủ”"))
        }
    }
}
