import Domain
import Fluent
import Foundation
import OOXML
import Testing
import Vapor
import VaporTesting

@testable import App

/// A PDF small enough to upload as proof.
let tinyPDF = Array("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\nstartxref\n19\n%%EOF".utf8)

/// Uploads a file to a dossier through the web form, as a signed-in browser.
@discardableResult
func uploadDossierFile(
    _ app: Application, _ b: Browser, dossier: Int, kind: String, filename: String = "minh-chung.pdf"
) async throws -> Sent {
    let (h, body) = multipart(
        [("_csrf", b.csrf ?? ""), ("kind", kind)], file: ("file", filename, "application/pdf", tinyPDF))
    var headers = h
    headers.replaceOrAdd(name: .cookie, value: b.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
    let res = try await app.testing().sendRequest(
        .POST, "/app/dossiers/\(dossier)/documents", headers: headers, body: body)
    return Sent(status: res.status, headers: res.headers, text: String(buffer: res.body))
}

@Suite("Commendation: annual records, eligibility, dossier → appraisal → council → decision")
struct CommendationTests {
    /// A person of Đăk Ruồng with an exemplar registration that reached "đạt điển hình" in 2024.
    static func person(_ app: Application, _ api: APIClient, name: String) async throws -> (
        subject: Int, registration: Int
    ) {
        let unit = try await unitID(app, "KR-DAKRUONG")
        let res = try await api.send(
            .POST, "/api/v1/registrations",
            json: [
                "year": 2024, "unitID": unit, "typeCode": "CN-01", "title": "Gương cán bộ \(name)",
                "subject": ["kind": "individual", "name": name, "position": "Công chức Văn hóa - Xã hội"],
            ])
        #expect(res.status == .created, "\(res.text)")
        let dto = try res.json(RegistrationDTO.self)
        // The lifecycle (nurturing, evaluation) is tested elsewhere; here the registration starts as achieved
        // (a fixture: it skips the workflow on purpose, through the field itself).
        let r = try #require(try await RegistrationModel.find(dto.id, on: app.db))
        r.$status.value = .achieved
        try await r.save(on: app.db)
        return (dto.subject.id, dto.id)
    }

    @Test(
        "A dossier from a commune goes through return, resubmission, appraisal, a council vote with a recusal and a written vote, and a decision"
    )
    func dossierEndToEnd() async throws {
        try await withTestApp { app in
            // This journey is the district's, as in 2024: keep the district council in office today.
            let district = try await keepDistrictInOffice(app)
            let unitAPI = try await APIClient.login(app, "dakruong")
            let (hoa, hoaReg) = try await Self.person(app, unitAPI, name: "Y Hoa")
            let (blo, _) = try await Self.person(app, unitAPI, name: "A Blô")
            // Annual records: Y Hoa excellent in 2024 with LĐTT and an initiative; A Blô only "hoàn thành".
            var r = try await unitAPI.send(
                .PUT, "/api/v1/subjects/\(hoa)/annual-records",
                json: ["year": 2024, "taskRating": "htxs", "titles": ["Lao động tiên tiến"]])
            #expect(r.status == .ok, "\(r.text)")
            r = try await unitAPI.send(
                .POST, "/api/v1/subjects/\(hoa)/initiatives",
                json: [
                    "year": 2024, "kind": "sang-kien", "title": "Số hóa hồ sơ văn hóa thôn", "scope": "co-so",
                    "recognition": "QĐ 12/QĐ-UBND ngày 10/11/2024",
                ])
            #expect(r.status == .created, "\(r.text)")
            r = try await unitAPI.send(
                .PUT, "/api/v1/subjects/\(blo)/annual-records", json: ["year": 2024, "taskRating": "ht"])
            #expect(r.status == .ok)
            // Bad input: a discipline level that does not exist, a member count below zero.
            r = try await unitAPI.send(
                .PUT, "/api/v1/subjects/\(blo)/annual-records",
                json: ["year": 2024, "discipline": "phat-tien", "memberCount": -1])
            #expect(r.status == .unprocessableEntity)
            #expect(
                (try r.jsonObject()["fields"] as? [String: String])?["discipline"] == "Hình thức kỷ luật không hợp lệ.")

            // Eligibility before: CSTĐ cơ sở met under the 2024 rules (HTXS, LĐTT); the BKT 2025 two-consecutive rule not yet.
            let before = try await unitAPI.send(.GET, "/api/v1/subjects/\(hoa)/eligibility?year=2024").json(
                EligibilityDTO.self)
            #expect(before.ruleSetID == "rules-2024-nd98")
            #expect(before.forms.first { $0.code == "cstd-co-so" }?.eligible == true)

            // The unit builds its dossier through the web pages.
            let unit = Browser(app)
            try await unit.login("dakruong")
            try await unit.send(.GET, "/app/dossiers")
            let dakruong = try await unitID(app, "KR-DAKRUONG")
            var page = try await unit.post(
                "/app/dossiers",
                [("unitID", String(dakruong)), ("year", "2024"), ("title", ""), ("number", "15/TTr-UBND")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("15/TTr-UBND"), "the form comes back with what was typed")
            page = try await unit.post(
                "/app/dossiers",
                [
                    ("unitID", String(dakruong)), ("year", "2024"), ("title", "Đề nghị khen thưởng năm 2024"),
                    ("number", "15/TTr-UBND"),
                ])
            #expect(page.status == .seeOther)
            let dossierPath = try #require(page.location)
            let did = try #require(Int(dossierPath.split(separator: "/").last ?? ""))
            try await unit.send(.GET, dossierPath)
            page = try await unit.post(
                dossierPath + "/nominees",
                [
                    ("subjectID", String(hoa)), ("formCode", "cstd-co-so"),
                    ("achievement", "Hoàn thành xuất sắc nhiệm vụ; sáng kiến cấp cơ sở"),
                ])
            #expect(page.status == .seeOther, "\(page.text.prefix(400))")
            // A nominee who does not meet the form is warned with reasons and the article; nothing is added until the unit confirms.
            page = try await unit.post(
                dossierPath + "/nominees",
                [("subjectID", String(blo)), ("formCode", "lao-dong-tien-tien"), ("achievement", "Tích cực")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Cảnh báo"))
            #expect(page.text.contains("yêu cầu hoàn thành tốt nhiệm vụ trở lên"))
            #expect(page.text.contains("Luật TĐKT 2022"))
            #expect(try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == did).count() == 1)
            page = try await unit.post(
                dossierPath + "/nominees",
                [
                    ("subjectID", String(blo)), ("formCode", "lao-dong-tien-tien"), ("achievement", "Tích cực"),
                    ("acknowledgeWarning", "yes"),
                ])
            #expect(page.status == .seeOther)
            // The same achievement is never proposed twice.
            page = try await unit.post(
                dossierPath + "/nominees", [("subjectID", String(hoa)), ("formCode", "cstd-co-so")])
            #expect(page.status == .unprocessableEntity)

            // Submitting without the required documents is refused, naming them.
            try await unit.send(.GET, dossierPath)
            page = try await unit.post(dossierPath + "/submit", [])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Thiếu Biên bản bình xét thi đua"))
            for kind in ["to-trinh", "danh-sach", "bao-cao-thanh-tich"] {
                page = try await unit.post(dossierPath + "/documents/generate", [("kind", kind)])
                #expect(page.status == .seeOther)
            }
            try await unit.send(.GET, dossierPath)
            for kind in ["bien-ban-binh-xet", "minh-chung-sang-kien", "ket-qua-bo-phieu", "minh-chung-htxs"] {
                let up = try await uploadDossierFile(app, unit, dossier: did, kind: kind)
                #expect(up.status == .seeOther, "\(kind): \(up.text.prefix(300))")
            }
            try await unit.send(.GET, dossierPath)
            page = try await unit.post(dossierPath + "/submit", [])
            #expect(page.status == .seeOther, "\(page.text.prefix(500))")
            var d = try #require(try await DossierModel.find(did, on: app.db))
            #expect(d.status == .submitted)
            #expect(d.appraisalDue != nil)
            #expect(try await RegistrationModel.find(hoaReg, on: app.db)?.status == .nominated)

            // Access: another unit's officer and the editor see nothing, through HTML and API.
            let other = Browser(app)
            try await other.login("giaoduc")
            #expect(try await other.send(.GET, dossierPath).status == .notFound)
            #expect(try await APIClient.login(app, "giaoduc").send(.GET, "/api/v1/dossiers/\(did)").status == .notFound)
            let otherList = try await APIClient.login(app, "giaoduc").send(.GET, "/api/v1/dossiers").jsonObject()
            #expect((otherList["total"] as? Int) == 0)
            #expect(try await APIClient.login(app, "bientap").send(.GET, "/api/v1/dossiers/\(did)").status == .notFound)
            // A council member reads but may not appraise; the unit may not appraise its own dossier.
            let member = Browser(app)
            try await member.login("hoidong")
            try await member.send(.GET, dossierPath)
            let nominees = try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == did).sort(\.$id)
                .all()
            let (nHoa, nBlo) = (try nominees[0].requireID(), try nominees[1].requireID())
            #expect(
                try await member.post(dossierPath + "/nominees/\(nHoa)/appraisal", [("result", "passed")]).status
                    == .forbidden)
            // The commune's officer has no part in the district council's work: it does not exist for it.
            #expect(
                try await unit.post(dossierPath + "/nominees/\(nHoa)/appraisal", [("result", "passed")]).status
                    == .notFound)

            // Phòng Nội vụ appraises: Y Hoa passes, A Blô is returned with a reason → the dossier goes back.
            let office = Browser(app)
            try await office.login("noivu")
            try await office.send(.GET, dossierPath)
            #expect(
                try await office.post(
                    dossierPath + "/nominees/\(nBlo)/appraisal", [("result", "returned"), ("note", "")]
                ).status == .unprocessableEntity)
            #expect(
                try await office.post(
                    dossierPath + "/nominees/\(nHoa)/appraisal", [("result", "passed"), ("note", "Đủ hồ sơ")]
                ).status == .seeOther)
            #expect(
                try await office.post(
                    dossierPath + "/nominees/\(nBlo)/appraisal",
                    [("result", "returned"), ("note", "Bổ sung minh chứng thành tích năm 2024")]
                ).status == .seeOther)
            #expect(try await office.post(dossierPath + "/appraisal/finish", []).status == .seeOther)
            d = try #require(try await DossierModel.find(did, on: app.db))
            #expect(d.status == .returned)
            page = try await unit.send(.GET, dossierPath)
            #expect(page.text.contains("Bổ sung minh chứng thành tích năm 2024"), "the unit sees why")
            // The unit adds proof and resubmits; the history keeps the return.
            #expect(
                try await uploadDossierFile(app, unit, dossier: did, kind: "bien-ban-binh-xet", filename: "bo-sung.pdf")
                    .status == .seeOther)
            try await unit.send(.GET, dossierPath)
            #expect(try await unit.post(dossierPath + "/submit", []).status == .seeOther)
            #expect(try await DossierNomineeModel.find(nBlo, on: app.db)?.appraisal == .pending)
            #expect(try await DossierNomineeModel.find(nHoa, on: app.db)?.appraisal == .passed)
            try await office.send(.GET, dossierPath)
            #expect(
                try await office.post(dossierPath + "/nominees/\(nBlo)/appraisal", [("result", "passed")]).status
                    == .seeOther)
            #expect(try await office.post(dossierPath + "/appraisal/finish", []).status == .seeOther)
            let events = try await DossierService.events(did, on: app.db).map(\.action)
            #expect(
                events.filter { $0 == .submitted }.count == 2 && events.contains(.returned)
                    && events.contains(.appraised))

            // The council: the demo roster plus A Thuận of Đăk Ruồng (the nominating unit), who votes on line.
            try await office.send(.GET, "/app/council")
            page = try await office.post(
                "/app/council/members",
                [
                    ("authorityID", String(district)), ("name", "A Thuận"),
                    ("position", "Ủy viên — Chủ tịch UBND xã Đăk Ruồng"),
                    ("unitID", String(dakruong)), ("username", "dakruong"),
                ])
            #expect(page.status == .seeOther, "\(page.text.prefix(300))")
            let roster = try await CouncilMemberModel.query(on: app.db).filter(\.$authority.$id == district).filter(
                \.$active == true
            ).sort(\.$sort).all()
            #expect(roster.count == 8)
            let hoidongUser = try #require(
                try await UserModel.query(on: app.db).filter(\.$username == "hoidong").first())
            let seatHoidong = try #require(roster.first { $0.userID == hoidongUser.id }?.id)
            let seatThuan = try #require(roster.last?.id)
            let others = roster.compactMap(\.id).filter { $0 != seatHoidong && $0 != seatThuan } // 6 members
            try await office.send(.GET, "/app/council")
            page = try await office.post(
                "/app/council/meetings",
                [
                    ("authorityID", String(district)), ("title", "Họp xét khen thưởng năm 2024"),
                    ("date", "15/12/2024"),
                    ("location", "Phòng họp UBND huyện"),
                    ("chair", "Nguyễn Văn An"), ("secretary", "Nguyễn Thị Hằng"), ("dossierIDs[]", String(did)),
                ])
            #expect(page.status == .seeOther, "\(page.text.prefix(300))")
            let meetingPath = try #require(page.location)
            try await office.send(.GET, meetingPath)
            // 5 of 8 present is below the 2/3 quorum: voting cannot open.
            let fivePresent = [seatHoidong, seatThuan] + others.prefix(3)
            page = try await office.post(
                meetingPath + "/attendance",
                roster.compactMap(\.id).map { ("attendance_\($0)", fivePresent.contains($0) ? "co-mat" : "vang") })
            #expect(page.status == .seeOther)
            page = try await office.post(meetingPath + "/open", [])
            #expect(page.status == .conflict)
            #expect(page.text.contains("cần ít nhất 6"))
            // 7 present; the 8th is absent and sends a written vote.
            let present = [seatHoidong, seatThuan] + others.prefix(5)
            page = try await office.post(
                meetingPath + "/attendance",
                roster.compactMap(\.id).map {
                    ("attendance_\($0)", present.contains($0) ? "co-mat" : $0 == others[5] ? "vang-co-phieu" : "vang")
                })
            #expect(page.status == .seeOther)
            #expect(try await office.post(meetingPath + "/open", []).status == .seeOther)

            // The council member votes on line; voting twice is refused; recusal is only for the nominating unit's members.
            page = try await member.send(.GET, meetingPath)
            #expect(page.text.contains("Phiếu bầu của"))
            #expect(
                try await member.post(
                    meetingPath + "/ballots", [("choice_\(nHoa)", "recuse"), ("choice_\(nBlo)", "agree")]
                ).status == .unprocessableEntity)
            #expect(
                try await member.post(
                    meetingPath + "/ballots", [("choice_\(nHoa)", "agree"), ("choice_\(nBlo)", "agree")]
                ).status == .seeOther)
            try await member.send(.GET, meetingPath)
            #expect(
                try await member.post(
                    meetingPath + "/ballots", [("choice_\(nHoa)", "agree"), ("choice_\(nBlo)", "agree")]
                ).status == .conflict)
            // A Thuận is flagged as from the nominating unit and recuses on both.
            page = try await unit.send(.GET, meetingPath)
            #expect(page.text.contains("Bạn thuộc đơn vị đề nghị"))
            #expect(
                try await unit.post(
                    meetingPath + "/ballots", [("choice_\(nHoa)", "recuse"), ("choice_\(nBlo)", "recuse")]
                ).status == .seeOther)
            // The secretary may not vote for a member who has an account and is present…
            try await office.send(.GET, meetingPath)
            page = try await office.post(
                meetingPath + "/ballots",
                [("memberID", String(seatHoidong)), ("choice_\(nHoa)", "disagree"), ("choice_\(nBlo)", "disagree")])
            #expect(page.status == .conflict)
            #expect(page.text.contains("tự bỏ phiếu"))
            // …votes for her own seat, and enters the paper ballots of the others present and the absent member's written vote.
            let noivuUser = try #require(try await UserModel.query(on: app.db).filter(\.$username == "noivu").first())
            for (i, seat) in others.prefix(5).enumerated() {
                let whose = roster.first { $0.id == seat }?.userID == noivuUser.id ? [] : [("memberID", String(seat))]
                page = try await office.post(
                    meetingPath + "/ballots",
                    whose + [("choice_\(nHoa)", "agree"), ("choice_\(nBlo)", i < 2 ? "agree" : "disagree")])
                #expect(page.status == .seeOther, "\(page.text.prefix(300))")
            }
            page = try await office.post(
                meetingPath + "/ballots",
                [("memberID", String(others[5])), ("choice_\(nHoa)", "agree"), ("choice_\(nBlo)", "agree")])
            #expect(page.status == .seeOther)
            // Secrecy holds in the data: who voted is recorded, what each chose is only in the running totals.
            let meetingID = try #require(Int(meetingPath.split(separator: "/").last ?? ""))
            let totals = try await CouncilTallyModel.query(on: app.db).filter(\.$meetingID == meetingID).all()
            #expect(totals.map { $0.yes + $0.no }.reduce(0, +) == 14, "7 members voted on 2 nominees")
            #expect(
                try await CouncilVoteCastModel.query(on: app.db).filter(\.$meetingID == meetingID).count() == 16,
                "8 members took part on 2 nominees")
            #expect(
                try await office.post(
                    meetingPath + "/close", [("notes", "Các thành viên thống nhất với kết quả thẩm định.")]
                ).status == .seeOther)

            // Y Hoa (CSTĐ cơ sở, ≥ 80 % of ALL 8 members): 7 yes (one written), 1 recusal → 87,5 %: passed.
            // A Blô (LĐTT, no legal threshold → more than half of all members): 4 yes → 50 %: not passed.
            let tHoa = try #require(try await DossierNomineeModel.find(nHoa, on: app.db))
            #expect(
                tHoa.voteYes == 7 && tHoa.voteRecused == 1 && tHoa.voteWritten == 1 && tHoa.voteTotal == 8
                    && tHoa.voteThreshold == 80 && tHoa.votePassed == true)
            let tBlo = try #require(try await DossierNomineeModel.find(nBlo, on: app.db))
            #expect(tBlo.voteYes == 4 && tBlo.voteNo == 3 && tBlo.votePassed == false)
            let minutes = try await office.send(.GET, meetingPath + "/bien-ban.docx")
            #expect(minutes.status == .ok)
            #expect(minutes.headers.contentType?.description.contains("wordprocessingml") == true)

            // The decision: only the passed nominee is awarded; the registration becomes "đã khen thưởng".
            try await office.send(.GET, dossierPath)
            page = try await office.post(
                dossierPath + "/decision",
                [
                    ("number", ""), ("date", "31/02/2024"), ("authority", "Ủy ban nhân dân huyện Kon Rẫy"),
                    ("signer", "Trần Văn Minh"),
                ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Ủy ban nhân dân huyện Kon Rẫy"), "the decision form keeps what was typed")
            page = try await office.post(
                dossierPath + "/decision",
                [
                    ("number", "125/QĐ-UBND"), ("date", "20/12/2024"), ("authority", "Ủy ban nhân dân huyện Kon Rẫy"),
                    ("signer", "Trần Văn Minh"), ("level", "huyen"),
                ])
            #expect(
                page.status == .seeOther,
                "\(page.text.components(separatedBy: "field-error").dropFirst().joined().prefix(600))")
            d = try #require(try await DossierModel.find(did, on: app.db))
            #expect(d.status == .decided)
            #expect(try await RegistrationModel.find(hoaReg, on: app.db)?.status == .awarded)
            let awards = try await unitAPI.send(.GET, "/api/v1/subjects/\(hoa)/awards").json([AwardDTO].self)
            #expect(
                awards.count == 1 && awards[0].formCode == "cstd-co-so" && awards[0].decisionNumber == "125/QĐ-UBND"
                    && awards[0].decisionDate == "20/12/2024")
            #expect(try await unitAPI.send(.GET, "/api/v1/subjects/\(blo)/awards").json([AwardDTO].self).isEmpty)
            // A decided dossier is read-only, by the web and by the API.
            try await unit.send(.GET, dossierPath)
            #expect(
                try await unit.post(dossierPath + "/nominees", [("subjectID", String(blo)), ("formCode", "giay-khen")])
                    .status == .conflict)
            #expect(try await uploadDossierFile(app, unit, dossier: did, kind: "bien-ban-binh-xet").status == .conflict)
            #expect(try await unitAPI.send(.POST, "/api/v1/dossiers/\(did)/submit").status == .unprocessableEntity)

            // Award history lookup, diacritics ignored, with the decision behind it.
            let found = try await unitAPI.send(.GET, "/api/v1/awards?q=y%20hoa").jsonObject()
            #expect((found["total"] as? Int) == 1)
            page = try await office.send(.GET, "/app/awards?q=Y+Hoa")
            #expect(page.text.contains("125/QĐ-UBND"))
            #expect(
                try await APIClient.login(app, "giaoduc").send(.GET, "/api/v1/awards?q=hoa").jsonObject()["total"]
                    as? Int == 0)

            // The award feeds the next year's eligibility: with CSTĐ cơ sở again in 2025, "2 consecutive CSTĐ cơ sở" (Bằng khen tỉnh) is met.
            _ = try await unitAPI.send(
                .PUT, "/api/v1/subjects/\(hoa)/annual-records",
                json: ["year": 2025, "taskRating": "htxs", "titles": ["Chiến sĩ thi đua cơ sở"]])
            let next = try await unitAPI.send(.GET, "/api/v1/subjects/\(hoa)/eligibility?year=2025").json(
                EligibilityDTO.self)
            #expect(next.ruleSetID == "rules-2025-nd152")
            let bkt = try #require(next.forms.first { $0.code == "bang-khen-ubnd-tinh" })
            #expect(bkt.conditions.first { $0.code == "BKT-1" }?.outcome == "met")
            #expect(bkt.conditions.first { $0.code == "BKT-1" }?.reason.contains("2024–2025") == true)
            // …and the 2024 achievement cannot be rewarded with CSTĐ cơ sở again.
            let again = try await unitAPI.send(.GET, "/api/v1/subjects/\(hoa)/eligibility?year=2024").json(
                EligibilityDTO.self)
            #expect(again.forms.first { $0.code == "cstd-co-so" }?.alreadyRewarded?.contains("Điều 5") == true)
        }
    }

    @Test("The generated documents are Word files with the nominees and the tally")
    func documentsContainNomineesAndTally() async throws {
        try await withTestApp { app in
            // The demo holds a decided dossier and a closed meeting.
            let office = Browser(app)
            try await office.login("noivu")
            let decided = try #require(
                try await DossierModel.query(on: app.db).filter(\.$status == DossierStatus.decided).first())
            let did = try decided.requireID()
            for kind in ["to-trinh", "danh-sach", "bao-cao-thanh-tich", "quyet-dinh", "danh-sach-in"] {
                let res = try await office.send(.GET, "/app/dossiers/\(did)/docx/\(kind)")
                #expect(res.status == .ok, "\(kind): \(res.text.prefix(200))")
                let text = try DOCXReader.text(data: Data(res.bytes))
                #expect(
                    text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") || kind == "danh-sach-in"
                        || kind == "bao-cao-thanh-tich", "\(kind)")
                for n in try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == did).filter(
                    \.$awardID != nil
                ).with(\.$subject).all() {
                    #expect(text.contains(n.subject.name), "\(kind) names \(n.subject.name)")
                }
            }
            let meeting = try #require(decided.meetingID)
            let res = try await office.send(.GET, "/app/council/meetings/\(meeting)/bien-ban.docx")
            #expect(res.status == .ok)
        }
    }

    @Test("Bad input to awards and initiatives comes back in Vietnamese and saves nothing")
    func badAwardInput() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let (hoa, _) = try await Self.person(app, api, name: "Y Hoa")
            var r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/awards",
                json: [
                    "formCode": "", "level": "vu-tru", "year": 2024, "decisionNumber": "", "decisionDate": "32/13/2024",
                    "authority": "",
                ])
            #expect(r.status == .unprocessableEntity)
            let fields = try #require(try r.jsonObject()["fields"] as? [String: String])
            #expect(
                Set(fields.keys).isSuperset(of: ["formCode", "level", "decisionNumber", "decisionDate", "authority"]))
            r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/awards",
                json: [
                    "formCode": "giay-khen", "level": "xa", "year": 2023, "decisionNumber": "5/QĐ-UBND",
                    "decisionDate": "2023-12-20", "authority": "UBND xã Đăk Ruồng",
                ])
            #expect(r.status == .created, "\(r.text)")
            r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/awards",
                json: [
                    "formCode": "giay-khen", "level": "xa", "year": 2023, "decisionNumber": "6/QĐ-UBND",
                    "decisionDate": "2023-12-21", "authority": "UBND xã Đăk Ruồng",
                ])
            #expect(r.status == .unprocessableEntity, "one achievement, one award")
            r = try await api.send(
                .POST, "/api/v1/subjects/\(hoa)/initiatives",
                json: ["year": 2024, "kind": "x", "title": "", "scope": "the-gioi"])
            #expect(r.status == .unprocessableEntity)
            #expect(try await InitiativeModel.query(on: app.db).filter(\.$subject.$id == hoa).count() == 0)
            // Another unit cannot write into this subject.
            let other = try await APIClient.login(app, "giaoduc")
            #expect(
                try await other.send(
                    .POST, "/api/v1/subjects/\(hoa)/initiatives",
                    json: ["year": 2024, "kind": "sang-kien", "title": "X", "scope": "co-so"]
                ).status == .notFound)
        }
    }
}

@Suite("Import of year-end results")
struct AnnualRecordImportTests {
    static func post(_ app: Application, _ api: APIClient, _ rows: [[String]]) async throws -> Sent {
        let xlsx = try XLSXWriter.data(sheets: [
            XLSXSheet(name: "Kết quả", rows: rows.map { $0.map(XLSXCell.text) }, columnWidths: nil, boldFirstRow: true)
        ])
        return try await api.upload("/api/v1/imports/annual-records", filename: "ket-qua-2024.xlsx", bytes: Array(xlsx))
    }

    @Test(
        "A bad row imports nothing and is named by row and column; the fixed file writes records, initiatives and awards that eligibility reads"
    )
    func importYearEnd() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let header = AnnualRecordImport.templateRows()[0]
            let good = [
                "KR-DAKRUONG", "Cá nhân", "Rơ Châm Khen", "", "2024", "Hoàn thành xuất sắc nhiệm vụ",
                "Lao động tiên tiến", "", "Không", "Không", "Không",
                "Bản đồ số di tích", "Cấp cơ sở", "Giấy khen", "Cấp xã", "33/QĐ-UBND", "20/12/2024",
                "Ủy ban nhân dân xã Đăk Ruồng",
            ]
            var bad = good
            bad[2] = "Y Lan"
            bad[7] = "phạt tiền"
            var other = good
            other[0] = "KR-GDDT"
            other[2] = "Người ngoài"
            var res = try await Self.post(app, api, [header, good, bad, other])
            #expect(res.status == .unprocessableEntity)
            let errors = try res.json(AnnualRecordImport.Result.self).errors
            #expect(
                errors.contains(
                    ImportErrorItem(
                        row: 3, column: "Kỷ luật",
                        message:
                            "Hình thức kỷ luật “phạt tiền” không hợp lệ (khiển trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức, buộc thôi việc)."
                    )))
            #expect(errors.contains { $0.row == 4 && $0.column == "Mã đơn vị" })
            #expect(
                try await SubjectModel.query(on: app.db).filter(\.$name == "Rơ Châm Khen").count() == 0,
                "nothing imported")

            bad[7] = "Khiển trách"
            res = try await Self.post(app, api, [header, good, bad])
            #expect(res.status == .ok, "\(res.text)")
            #expect(try res.json(AnnualRecordImport.Result.self).created == 2)
            let khen = try #require(try await SubjectModel.query(on: app.db).filter(\.$name == "Rơ Châm Khen").first())
            let lan = try #require(try await SubjectModel.query(on: app.db).filter(\.$name == "Y Lan").first())
            let e = try await api.send(.GET, "/api/v1/subjects/\(try khen.requireID())/eligibility?year=2024").json(
                EligibilityDTO.self)
            #expect(
                e.forms.first { $0.code == "cstd-co-so" }?.eligible == true, "HTXS + LĐTT + an initiative at base level"
            )
            #expect(
                e.forms.first { $0.code == "giay-khen" }?.alreadyRewarded != nil,
                "the imported Giấy khen counts as given")
            let l = try await api.send(.GET, "/api/v1/subjects/\(try lan.requireID())/eligibility?year=2024").json(
                EligibilityDTO.self)
            #expect(l.forms.first { $0.code == "lao-dong-tien-tien" }?.eligible == false, "a reprimand blocks LĐTT")
            // The same file again changes nothing twice: the record is updated, the initiative and award are not added again.
            res = try await Self.post(app, api, [header, good])
            #expect(res.status == .ok, "\(res.text)")
            #expect(try res.json(AnnualRecordImport.Result.self).updated == 1)
            #expect(try await InitiativeModel.query(on: app.db).filter(\.$subject.$id == khen.requireID()).count() == 1)
            #expect(try await AwardModel.query(on: app.db).filter(\.$subject.$id == khen.requireID()).count() == 1)
            // A second Giấy khen for the same 2024 achievement, under another decision, is refused and nothing is written.
            var again = good
            again[15] = "34/QĐ-UBND"
            res = try await Self.post(app, api, [header, again])
            #expect(res.status == .unprocessableEntity)
            #expect(
                try res.json(AnnualRecordImport.Result.self).errors.first?.message.contains(
                    "không được khen thưởng hai lần") == true)
        }
    }
}

@Suite("Commendation access, role by role")
struct CommendationAccessTests {
    @Test(
        "The demo's Đăk Ruồng dossier, its meeting and documents: who reads what, through HTML and API",
        arguments: [
            ("noivu", true, true), ("hoidong", true, true), ("dakruong", true, false), ("giaoduc", false, false),
            ("bientap", false, false), ("admin", true, true),
        ])
    func dossierAccess(username: String, readsDossier: Bool, readsCouncil: Bool) async throws {
        try await withTestApp { app in
            let d = try #require(
                try await DossierModel.query(on: app.db).filter(\.$status == DossierStatus.decided).first())
            let did = try d.requireID()
            let mid = try #require(d.meetingID)
            let b = Browser(app)
            try await b.login(username, username == "admin" ? adminPassword : demoPassword)
            let api = try await APIClient.login(app, username, username == "admin" ? adminPassword : demoPassword)
            let doc = try #require(
                try await DossierDocumentModel.query(on: app.db).filter(\.$dossier.$id == did).first()?.id)
            for path in [
                "/app/dossiers/\(did)", "/app/dossiers/\(did)/docx/to-trinh", "/app/dossiers/\(did)/docx/quyet-dinh",
                "/app/dossier-documents/\(doc)",
            ] {
                #expect(try await b.send(.GET, path).status == (readsDossier ? .ok : .notFound), "\(username) \(path)")
            }
            for path in ["/api/v1/dossiers/\(did)", "/api/v1/dossier-documents/\(doc)"] {
                #expect(
                    try await api.send(.GET, path).status == (readsDossier ? .ok : .notFound), "\(username) \(path)")
            }
            // Every council worker has a council page (the commune's, the agency's); the editor has none.
            #expect(try await b.send(.GET, "/app/council").status == (username == "bientap" ? .notFound : .ok))
            for path in ["/app/council/meetings/\(mid)", "/app/council/meetings/\(mid)/bien-ban.docx"] {
                #expect(try await b.send(.GET, path).status == (readsCouncil ? .ok : .notFound), "\(username) \(path)")
            }
            // Writes on a decided dossier: refused for everyone (read-only or not allowed).
            try await b.send(.GET, "/app/dossiers")
            let write = try await b.post("/app/dossiers/\(did)/submit", [])
            #expect(
                [.conflict, .notFound, .forbidden, .unprocessableEntity].contains(write.status),
                "\(username) submit → \(write.status)")
            // The award list shows only what the role may see.
            let awards = try await api.send(.GET, "/api/v1/awards").jsonObject()
            #expect(((awards["total"] as? Int) ?? 0 > 0) == readsDossier, "\(username) awards")
        }
    }
}

/// Keeps the demo's district authority in office today (it ends on 30/06/2025): for journeys set before the reform.
@discardableResult
func keepDistrictInOffice(_ app: Application) async throws -> Int {
    let unit = try await unitID(app, "KR")
    let a = try #require(try await AuthorityModel.query(on: app.db).filter(\.$unit.$id == unit).first())
    a.validTo = nil
    try await a.save(on: app.db)
    return try a.requireID()
}
