import Domain
import Fluent
import Foundation
import OOXML
import Testing
import Vapor
import VaporTesting

@testable import App

/// The council under /api/v1 (issue 13, item 3): the commune's own council votes over the API with the same rules as
/// the web; other councils' people do not see its meeting; no answer holds a member's choice.
@Suite("Council API: authorities, rosters, meetings, ballots, minutes")
struct CouncilAPITests {
    /// The whole body of a download, with the bearer token.
    static func download(_ app: Application, _ api: APIClient, _ path: String) async throws -> (
        HTTPStatus, String?, Data
    ) {
        var headers = HTTPHeaders()
        if let token = api.token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        let res = try await app.testing().sendRequest(.GET, path, headers: headers)
        return (res.status, res.headers.contentType?.serialize(), Data(buffer: res.body))
    }

    static func objects(_ s: Sent) throws -> [[String: Any]] {
        (try JSONSerialization.jsonObject(with: Data(s.text.utf8))) as? [[String: Any]] ?? []
    }

    /// A member's choice must never come back: the stored codes of a choice appear in no answer.
    static func holdsNoChoice(_ s: Sent, _ what: String) {
        for code in BallotChoice.allCases.map(\.rawValue) {
            #expect(!s.text.contains("\"\(code)\""), "\(what) holds the choice code \(code)")
        }
        #expect(!s.text.contains("choice"), "\(what) names a choice")
    }

    @Test(
        "A commune council votes over the API: roster, meeting, attendance, open, own and paper ballots, close, minutes"
    )
    func communeVote() async throws {
        try await withTestApp { app in
            let office = try await APIClient.login(app, "dakruong") // the commune's standing office and a seat
            let member = try await APIClient.login(app, "hd.dakruong") // a seat on the commune council
            let district = try await APIClient.login(app, "hoidong") // a seat on the district council only
            let lead = try await APIClient.login(app, "giaoduc")
            let admin = try await APIClient.login(app, "admin", adminPassword)
            let communeUnit = try await unitID(app, "KR-DAKRUONG")

            // The councils each works with.
            let councils = try Self.objects(try await office.send(.GET, "/api/v1/councils"))
            let commune = try #require(councils.first { $0["level"] as? String == AuthorityLevel.xa.rawValue })
            let cid = try #require(commune["id"] as? Int)
            #expect(commune["canManage"] as? Bool == true)
            let seen = try Self.objects(try await member.send(.GET, "/api/v1/councils"))
            #expect(seen.contains { $0["id"] as? Int == cid && $0["canManage"] as? Bool == false })
            #expect(
                !(try Self.objects(try await district.send(.GET, "/api/v1/councils"))).contains {
                    $0["id"] as? Int == cid
                })
            let authority = try await office.send(.GET, "/api/v1/authorities/\(cid)").jsonObject()
            #expect(authority["unitID"] as? Int == communeUnit)
            #expect(authority["standingUnitID"] as? Int == communeUnit)

            // The roster: a member without a name is refused with the field named; a new one is added.
            var r = try await office.send(.POST, "/api/v1/councils/\(cid)/members", json: ["position": "Ủy viên"])
            #expect(r.status == .unprocessableEntity, "\(r.text)")
            #expect((try r.jsonObject()["fields"] as? [String: String])?["name"] != nil)
            r = try await member.send(
                .POST, "/api/v1/councils/\(cid)/members", json: ["name": "Y Thử", "position": "Ủy viên"])
            #expect(r.status == .forbidden, "a seat does not keep the roster")
            r = try await office.send(
                .POST, "/api/v1/councils/\(cid)/members",
                json: ["name": "A Tạm", "position": "Trưởng thôn", "role": CouncilRole.member.rawValue])
            #expect(r.status == .created, "\(r.text)")
            let temp = try #require(try r.jsonObject()["id"] as? Int)
            // Taken off the roster again before the meeting, so the meeting's seats are the demo's five.
            r = try await office.send(.POST, "/api/v1/council-members/\(temp)/active", json: ["active": false])
            #expect(r.status == .ok, "\(r.text)")
            #expect(try r.jsonObject()["active"] as? Bool == false)
            let roster = try Self.objects(try await office.send(.GET, "/api/v1/councils/\(cid)/members"))
            func seat(_ name: String) throws -> Int {
                try #require(roster.first { $0["name"] as? String == name }?["id"] as? Int, "\(name)")
            }
            #expect(roster.first { $0["name"] as? String == "Y Hoa" }?["username"] as? String == "hd.dakruong")

            // The commune's 2025 dossier reached its council: the standing office appraises it.
            let list = try await office.send(.GET, "/api/v1/dossiers?year=2025").jsonObject()
            let dossier = try #require(
                (list["items"] as? [[String: Any]])?.first {
                    $0["unitID"] as? Int == communeUnit && $0["status"] as? String == DossierStatus.submitted.rawValue
                })
            let did = try #require(dossier["id"] as? Int)
            for n in dossier["nominees"] as? [[String: Any]] ?? [] {
                let nid = try #require(n["id"] as? Int)
                r = try await office.send(
                    .POST, "/api/v1/dossiers/\(did)/nominees/\(nid)/appraisal",
                    json: ["result": NomineeAppraisal.passed.rawValue, "note": "Đủ hồ sơ."])
                #expect(r.status == .ok, "\(r.text)")
            }
            r = try await office.send(.POST, "/api/v1/dossiers/\(did)/appraisal/finish")
            #expect(r.status == .ok, "\(r.text)")

            // The meeting: bad input is named field by field; then it is created on the dossier.
            let day = Today.iso.isoToVietnamese
            r = try await office.send(
                .POST, "/api/v1/councils/\(cid)/meetings", json: ["title": "Họp", "date": "31/02/2025"])
            #expect(r.status == .unprocessableEntity)
            let fields = try #require(try r.jsonObject()["fields"] as? [String: String])
            #expect(fields["date"] == "Ngày họp phải có dạng dd/mm/yyyy.")
            #expect(fields["dossierIDs"] != nil)
            r = try await office.send(
                .POST, "/api/v1/councils/\(cid)/meetings",
                json: [
                    "title": "Họp Hội đồng Thi đua - Khen thưởng xã xét khen thưởng năm 2025", "date": day,
                    "location": "Hội trường UBND xã", "chair": "A Sáu", "secretary": "A Thuận", "dossierIDs": [did],
                ])
            #expect(r.status == .created, "\(r.text)")
            var meeting = try r.jsonObject()
            let mid = try #require(meeting["id"] as? Int)
            #expect(meeting["status"] as? String == MeetingStatus.preparing.rawValue)
            #expect((meeting["seats"] as? [[String: Any]])?.count == 5)
            let nominees = try #require(meeting["nominees"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
            #expect(nominees.count == (dossier["nominees"] as? [[String: Any]])?.count)
            let meetings = try Self.objects(try await member.send(.GET, "/api/v1/councils/\(cid)/meetings"))
            #expect(meetings.contains { $0["id"] as? Int == mid })

            // Another council's member and a lead agency do not see the commune's meeting, nor may open it.
            #expect(try await district.send(.GET, "/api/v1/meetings/\(mid)").status == .notFound)
            #expect(try await district.send(.POST, "/api/v1/meetings/\(mid)/open").status == .notFound)
            #expect(try await district.send(.GET, "/api/v1/councils/\(cid)/members").status == .notFound)
            #expect(try await lead.send(.GET, "/api/v1/meetings/\(mid)").status == .notFound)
            // A seat reads the meeting but does not run it.
            #expect(try await member.send(.GET, "/api/v1/meetings/\(mid)").status == .ok)
            #expect(try await member.send(.POST, "/api/v1/meetings/\(mid)/open").status == .forbidden)
            // Not yet: nobody is present.
            r = try await office.send(.POST, "/api/v1/meetings/\(mid)/open")
            #expect(r.status == .conflict, "\(r.text)")
            #expect((try r.jsonObject()["message"] as? String)?.contains("Chưa đủ số thành viên dự họp") == true)

            // Attendance: four present (two with accounts, two on paper), one absent who sent a written vote.
            let (sau, thuan, hoa, khoa, linh) = (
                try seat("A Sáu"), try seat("A Thuận"), try seat("Y Hoa"), try seat("A Khoa"), try seat("Y Linh")
            )
            r = try await office.send(
                .PUT, "/api/v1/meetings/\(mid)/attendance",
                json: ["present": [sau, thuan, hoa, khoa], "written": [sau]])
            #expect(r.status == .unprocessableEntity, "present and written at once")
            r = try await office.send(
                .PUT, "/api/v1/meetings/\(mid)/attendance",
                json: ["present": [sau, thuan, hoa, khoa], "written": [linh]])
            #expect(r.status == .ok, "\(r.text)")
            #expect(try r.jsonObject()["quorumMet"] as? Bool == true)
            #expect(
                try await district.send(.PUT, "/api/v1/meetings/\(mid)/attendance", json: ["present": []]).status
                    == .notFound)
            r = try await office.send(.POST, "/api/v1/meetings/\(mid)/open")
            #expect(r.status == .ok, "\(r.text)")
            #expect(try r.jsonObject()["status"] as? String == MeetingStatus.voting.rawValue)
            #expect(
                try await office.send(.PUT, "/api/v1/meetings/\(mid)/attendance", json: ["present": []]).status
                    == .conflict)

            func choices(_ c: BallotChoice, except first: BallotChoice? = nil) -> [String: String] {
                var out: [String: String] = [:]
                for (i, n) in nominees.enumerated() { out[String(n)] = (i == 0 ? first : nil)?.rawValue ?? c.rawValue }
                return out
            }
            // A member casts only for their own seat: entering another seat's ballot is the standing office's.
            r = try await member.send(
                .POST, "/api/v1/meetings/\(mid)/ballots", json: ["memberID": sau, "choices": choices(.agree)])
            #expect(r.status == .forbidden, "\(r.text)")
            // Who holds no seat does not vote, the administrator included; who does not see the meeting gets 404.
            r = try await admin.send(.POST, "/api/v1/meetings/\(mid)/ballots", json: ["choices": choices(.agree)])
            #expect(r.status == .forbidden, "\(r.text)")
            r = try await lead.send(.POST, "/api/v1/meetings/\(mid)/ballots", json: ["choices": choices(.agree)])
            #expect(r.status == .notFound, "\(r.text)")
            r = try await district.send(.POST, "/api/v1/meetings/\(mid)/ballots", json: ["choices": choices(.agree)])
            #expect(r.status == .notFound, "\(r.text)")
            // A ballot without a choice for every nominee is refused, naming the nominee.
            r = try await member.send(
                .POST, "/api/v1/meetings/\(mid)/ballots", json: ["choices": [:] as [String: String]])
            #expect(r.status == .unprocessableEntity, "\(r.text)")

            // Own ballots on line; one disagrees on the first nominee.
            r = try await member.send(.POST, "/api/v1/meetings/\(mid)/ballots", json: ["choices": choices(.agree)])
            #expect(r.status == .ok, "\(r.text)")
            Self.holdsNoChoice(r, "the ballot's answer")
            #expect(
                try await member.send(.POST, "/api/v1/meetings/\(mid)/ballots", json: ["choices": choices(.agree)])
                    .status == .conflict)
            r = try await office.send(
                .POST, "/api/v1/meetings/\(mid)/ballots", json: ["choices": choices(.agree, except: .disagree)])
            #expect(r.status == .ok, "\(r.text)")
            // A seat with an account present votes for itself: the office may not enter it.
            r = try await office.send(
                .POST, "/api/v1/meetings/\(mid)/ballots", json: ["memberID": hoa, "choices": choices(.agree)])
            #expect(r.status == .conflict, "\(r.text)")
            // Paper ballots of the members present without an account, and the absent member's written vote.
            for m in [sau, khoa, linh] {
                r = try await office.send(
                    .POST, "/api/v1/meetings/\(mid)/ballots", json: ["memberID": m, "choices": choices(.agree)])
                #expect(r.status == .ok, "\(r.text)")
            }
            meeting = try r.jsonObject()
            // While voting nobody sees a running tally, only who has voted.
            for n in meeting["nominees"] as? [[String: Any]] ?? [] {
                #expect(n["vote"] == nil)
                #expect(n["cast"] as? Int == 5)
            }
            #expect(
                (meeting["seats"] as? [[String: Any]])?.allSatisfy {
                    ($0["votedNomineeIDs"] as? [Int])?.count == nominees.count
                } == true)

            // Closing: only the standing office; then the tallies are read on all members.
            #expect(
                try await member.send(.POST, "/api/v1/meetings/\(mid)/close", json: ["notes": "x"]).status == .forbidden
            )
            #expect(
                try await district.send(.POST, "/api/v1/meetings/\(mid)/close", json: ["notes": "x"]).status
                    == .notFound)
            let early = try await Self.download(app, office, "/api/v1/meetings/\(mid)/minutes")
            #expect(early.0 == .conflict, "no minutes before the vote is closed")
            r = try await office.send(.POST, "/api/v1/meetings/\(mid)/close", json: ["notes": "Thống nhất đề nghị."])
            #expect(r.status == .ok, "\(r.text)")
            Self.holdsNoChoice(r, "the closed meeting")
            meeting = try r.jsonObject()
            #expect(meeting["status"] as? String == MeetingStatus.closed.rawValue)
            let results = try #require(meeting["nominees"] as? [[String: Any]])
            let first = try #require(results.first { $0["id"] as? Int == nominees[0] }?["vote"] as? [String: Any])
            #expect(first["yes"] as? Int == 4)
            #expect(first["no"] as? Int == 1)
            #expect(first["written"] as? Int == 1)
            #expect(first["totalMembers"] as? Int == 5)
            for n in results.dropFirst() { #expect((n["vote"] as? [String: Any])?["yes"] as? Int == 5) }
            let read = try await member.send(.GET, "/api/v1/meetings/\(mid)")
            Self.holdsNoChoice(read, "the meeting as a member reads it")
            let d = try await office.send(.GET, "/api/v1/dossiers/\(did)").jsonObject()
            #expect(d["status"] as? String == DossierStatus.reviewed.rawValue)

            // The minutes: a Word file with the nominees, the tallies and the secretary.
            let (status, type, data) = try await Self.download(app, member, "/api/v1/meetings/\(mid)/minutes")
            #expect(status == .ok)
            #expect(type?.contains("wordprocessingml") == true)
            let text = try DOCXReader.text(data: data)
            #expect(text.contains("BIÊN BẢN"), "\(text.prefix(300))")
            #expect(text.contains("Hộ ông A Blơi") && text.contains("A Thuận"), "the nominees and the secretary")
            #expect(try await Self.download(app, district, "/api/v1/meetings/\(mid)/minutes").0 == .notFound)
        }
    }

    @Test("A nominee the province confers is forwarded over the API after the commune council's vote")
    func forwardToProvince() async throws {
        try await withTestApp { app in
            let office = try await APIClient.login(app, "dakruong")
            let member = try await APIClient.login(app, "hd.dakruong")
            let district = try await APIClient.login(app, "hoidong")
            let province = try await APIClient.login(app, "sonoivu")
            let commune = try await unitID(app, "KR-DAKRUONG")
            let cid = try #require(
                try await AuthorityModel.query(on: app.db).filter(\.$unit.$id == commune).first()?.id)
            let (hoa, _) = try await CommendationTests.person(app, office, name: "Y Thơm")
            let (blo, _) = try await CommendationTests.person(app, office, name: "A Nhân")
            let adminUser = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin").first())
            let system = Actor(
                userID: try adminUser.requireID(), username: "admin", role: .admin, unitID: nil, unitPath: nil)
            // A 2025 dossier with every document: a Bằng khen tỉnh (the province confers it) and a Giấy khen (the
            // commune's chairman does).
            let did = try await DemoCommendation.dossier(
                app: app, year: 2025, number: "21/TTr-UBND", actor: system, sets: app.ruleSets,
                jurisdiction: app.config?.jurisdiction ?? "VN", communeID: commune,
                nominees: [
                    (hoa, "bang-khen-ubnd-tinh", "Thành tích xuất sắc đột xuất năm 2025."),
                    (blo, "giay-khen", "Hoàn thành tốt nhiệm vụ năm 2025."),
                ])
            var r = try await office.send(.POST, "/api/v1/dossiers/\(did)/submit")
            #expect(r.status == .ok, "\(r.text)")
            #expect(
                try await DossierModel.find(did, on: app.db)?.$authority.id == cid, "the commune council considers it")
            for n in try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == did).all() {
                r = try await office.send(
                    .POST, "/api/v1/dossiers/\(did)/nominees/\(try n.requireID())/appraisal",
                    json: ["result": NomineeAppraisal.passed.rawValue])
                #expect(r.status == .ok, "\(r.text)")
            }
            #expect(try await office.send(.POST, "/api/v1/dossiers/\(did)/appraisal/finish").status == .ok)
            // Nothing to forward before the council's vote.
            #expect(try await office.send(.POST, "/api/v1/dossiers/\(did)/forward").status == .conflict)

            r = try await office.send(
                .POST, "/api/v1/councils/\(cid)/meetings",
                json: [
                    "title": "Họp Hội đồng xã", "date": Today.iso.isoToVietnamese, "location": "UBND xã",
                    "chair": "A Sáu", "secretary": "A Thuận", "dossierIDs": [did],
                ])
            #expect(r.status == .created, "\(r.text)")
            let meeting = try r.jsonObject()
            let mid = try #require(meeting["id"] as? Int)
            let seats = try #require(meeting["seats"] as? [[String: Any]])
            let nominees = (meeting["nominees"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            r = try await office.send(
                .PUT, "/api/v1/meetings/\(mid)/attendance",
                json: ["present": seats.compactMap { $0["memberID"] as? Int }])
            #expect(r.status == .ok, "\(r.text)")
            // Once present, a seat without an account has its paper ballot entered by the standing office.
            let present = try #require(try r.jsonObject()["seats"] as? [[String: Any]])
            #expect(try await office.send(.POST, "/api/v1/meetings/\(mid)/open").status == .ok)
            let agree = Dictionary(uniqueKeysWithValues: nominees.map { (String($0), BallotChoice.agree.rawValue) })
            for api in [office, member] {
                #expect(
                    try await api.send(.POST, "/api/v1/meetings/\(mid)/ballots", json: ["choices": agree]).status == .ok
                )
            }
            #expect(present.filter { $0["enteredBySecretary"] as? Bool == true }.count == 3)
            for s in present where s["enteredBySecretary"] as? Bool == true {
                r = try await office.send(
                    .POST, "/api/v1/meetings/\(mid)/ballots",
                    json: ["memberID": s["memberID"] as? Int ?? 0, "choices": agree])
                #expect(r.status == .ok, "\(r.text)")
            }
            #expect(
                try await office.send(.POST, "/api/v1/meetings/\(mid)/close", json: [:] as [String: String]).status
                    == .ok)

            // Forwarding is the standing office's: a seat is refused, another council's member does not see it.
            #expect(try await member.send(.POST, "/api/v1/dossiers/\(did)/forward").status == .forbidden)
            #expect(try await district.send(.POST, "/api/v1/dossiers/\(did)/forward").status == .notFound)
            r = try await office.send(.POST, "/api/v1/dossiers/\(did)/forward")
            #expect(r.status == .created, "\(r.text)")
            let up = try r.jsonObject()
            let upID = try #require(up["id"] as? Int)
            #expect(upID != did)
            #expect(up["status"] as? String == DossierStatus.submitted.rawValue)
            #expect((up["nominees"] as? [[String: Any]])?.map { $0["formCode"] as? String } == ["bang-khen-ubnd-tinh"])
            let upper = try #require(try await DossierModel.find(upID, on: app.db))
            #expect(upper.parentID == did)
            let provinceCouncil = try #require(
                try await AuthorityModel.query(on: app.db).filter(\.$level == .tinh).first()?.id)
            #expect(upper.$authority.id == provinceCouncil)
            // The province's standing office works with it; forwarding twice finds nothing left to send.
            #expect(try await province.send(.GET, "/api/v1/dossiers/\(upID)").status == .ok)
            let theirs = try Self.objects(try await province.send(.GET, "/api/v1/councils"))
            #expect(theirs.contains { $0["id"] as? Int == provinceCouncil && $0["canManage"] as? Bool == true })
            #expect(try await office.send(.POST, "/api/v1/dossiers/\(did)/forward").status == .conflict)
        }
    }

    @Test("Authorities over the API: everyone reads them; the administrator creates, the standing office keeps its own")
    func authorities() async throws {
        try await withTestApp { app in
            let office = try await APIClient.login(app, "dakruong")
            let admin = try await APIClient.login(app, "admin", adminPassword)
            let editor = try await APIClient.login(app, "bientap")
            let all = try Self.objects(try await editor.send(.GET, "/api/v1/authorities"))
            let communeUnit = try await unitID(app, "KR-DAKRUONG")
            let commune = try #require(all.first { $0["unitID"] as? Int == communeUnit })
            let cid = try #require(commune["id"] as? Int)
            // A commune confers the base-level titles under the rules in force (Nghị định 152/2025).
            #expect((commune["confers"] as? [String])?.isEmpty == false)

            var body = commune
            body["recipients"] = "Như Điều 3;\nLưu: VT."
            var r = try await office.send(.PUT, "/api/v1/authorities/\(cid)", json: body)
            #expect(r.status == .ok, "\(r.text)")
            #expect(try r.jsonObject()["recipients"] as? String == "Như Điều 3;\nLưu: VT.")
            body["decisionFormat"] = "QĐ-UBND"
            r = try await office.send(.PUT, "/api/v1/authorities/\(cid)", json: body)
            #expect(r.status == .unprocessableEntity)
            #expect((try r.jsonObject()["fields"] as? [String: String])?["decisionFormat"]?.contains("{n}") == true)
            // Another unit's officer and a council member may not change it.
            #expect(try await editor.send(.PUT, "/api/v1/authorities/\(cid)", json: commune).status == .forbidden)
            let district = try #require(all.first { $0["level"] as? String == AuthorityLevel.huyen.rawValue })
            r = try await office.send(.PUT, "/api/v1/authorities/\(district["id"] as? Int ?? 0)", json: district)
            #expect(r.status == .forbidden)

            // Creating: the administrator only, on a unit not yet declared.
            var fresh = commune
            fresh["unitID"] = try await unitID(app, "KR-VHTT")
            fresh["standingUnitID"] = fresh["unitID"]
            fresh["level"] = AuthorityLevel.coQuan.rawValue
            fresh["name"] = "Phòng Văn hóa và Thông tin"
            #expect(try await office.send(.POST, "/api/v1/authorities", json: fresh).status == .forbidden)
            r = try await admin.send(.POST, "/api/v1/authorities", json: commune)
            #expect(r.status == .unprocessableEntity, "the commune is declared already")
            #expect((try r.jsonObject()["fields"] as? [String: String])?["unitID"] != nil)
            r = try await admin.send(.POST, "/api/v1/authorities", json: fresh)
            #expect(r.status == .created, "\(r.text)")
            #expect(try r.jsonObject()["level"] as? String == AuthorityLevel.coQuan.rawValue)
            #expect(try await admin.send(.GET, "/api/v1/authorities/999999").status == .notFound)
        }
    }
}
