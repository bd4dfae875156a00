import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The demo authority of a unit.
func authorityID(_ app: Application, _ unitCode: String) async throws -> Int {
    let unit = try await unitID(app, unitCode)
    return try #require(try await AuthorityModel.query(on: app.db).filter(\.$unit.$id == unit).first()?.id)
}

/// A 2025 dossier of Đăk Ruồng made through the service, with new people of the commune proposed as
/// (name, form, achievement). Answers the dossier and the people's subject ids, in order.
func communeDossier(_ app: Application, number: String, nominees: [(String, String, String)]) async throws -> (
    dossier: Int, subjects: [Int]
) {
    let unitAPI = try await APIClient.login(app, "dakruong")
    var subjects: [Int] = []
    for (name, _, _) in nominees { subjects.append(try await CommendationTests.person(app, unitAPI, name: name).0) }
    let adminUser = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin").first())
    let system = Actor(userID: try adminUser.requireID(), username: "admin", role: .admin, unitID: nil, unitPath: nil)
    let did = try await DemoCommendation.dossier(
        app: app, year: 2025, number: number, actor: system, sets: app.ruleSets,
        jurisdiction: app.config?.jurisdiction ?? "VN", communeID: try await unitID(app, "KR-DAKRUONG"),
        nominees: zip(subjects, nominees).map { ($0, $1.1, $1.2) })
    return (did, subjects)
}

/// The usual pair: Y Blưk for a CSTĐ cơ sở, A Hùng for `form`.
func commune2025Dossier(
    _ app: Application, number: String = "31/TTr-UBND", form: String = "bang-khen-ubnd-tinh",
    achievement: String = "Thành tích xuất sắc trong xây dựng nông thôn mới."
) async throws -> (dossier: Int, a: Int, b: Int) {
    let (did, s) = try await communeDossier(
        app, number: number,
        nominees: [
            ("Y Blưk", "cstd-co-so", "Hoàn thành xuất sắc nhiệm vụ năm 2025."), ("A Hùng", form, achievement),
        ])
    return (did, s[0], s[1])
}

/// A dossier of one nominee that the commune's officer submits; the answer of the submission.
func submitOne(_ app: Application, number: String, form: String, achievement: String) async throws -> (
    dossier: Int, page: Sent
) {
    let (did, _) = try await communeDossier(app, number: number, nominees: [("A Pếch", form, achievement)])
    let office = Browser(app)
    try await office.login("dakruong")
    try await office.send(.GET, "/app/dossiers/\(did)")
    return (did, try await office.post("/app/dossiers/\(did)/submit", []))
}

@Suite("Councils at every level: routing, a commune's own vote, forwarding to the province")
struct CouncilsEveryLevelTests {
    /// A commune council's full vote through the web, run by its standing office (the commune's officer).
    static func vote(
        app: Application, office: Browser, authority: Int, dossier: Int, title: String, members: [Browser]
    ) async throws -> String {
        try await office.send(.GET, "/app/council?authority=\(authority)")
        var page = try await office.post(
            "/app/council/meetings",
            [
                ("authorityID", String(authority)), ("title", title), ("date", Today.iso.isoToVietnamese),
                ("location", "Hội trường"), ("chair", "Chủ tịch"), ("secretary", "Thư ký"),
                ("dossierIDs[]", String(dossier)),
            ])
        #expect(page.status == .seeOther, "\(page.text.prefix(400))")
        let meeting = try #require(page.location)
        let mid = try #require(Int(meeting.split(separator: "/").last ?? ""))
        let seats = try await CouncilAttendanceModel.query(on: app.db).filter(\.$meeting.$id == mid).with(\.$member)
            .all()
        try await office.send(.GET, meeting)
        page = try await office.post(meeting + "/attendance", seats.map { ("attendance_\($0.$member.id)", "co-mat") })
        #expect(page.status == .seeOther)
        #expect(try await office.post(meeting + "/open", []).status == .seeOther)
        let nominees = try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == dossier).filter(
            \.$appraisal == .passed
        ).all().compactMap(\.id)
        let agree = nominees.map { ("choice_\($0)", BallotChoice.agree.rawValue) }
        for m in members {
            try await m.send(.GET, meeting)
            #expect(try await m.post(meeting + "/ballots", agree).status == .seeOther)
        }
        for seat in seats where seat.member.userID == nil {
            try await office.send(.GET, meeting)
            page = try await office.post(meeting + "/ballots", [("memberID", String(seat.$member.id))] + agree)
            #expect(page.status == .seeOther, "\(page.text.prefix(300))")
        }
        try await office.send(.GET, meeting)
        #expect(try await office.post(meeting + "/close", [("notes", "Thống nhất.")]).status == .seeOther)
        return meeting
    }

    static func appraiseAll(app: Application, office: Browser, dossier: Int) async throws {
        let path = "/app/dossiers/\(dossier)"
        try await office.send(.GET, path)
        for n in try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == dossier).all() {
            let r = try await office.post(path + "/nominees/\(try n.requireID())/appraisal", [("result", "passed")])
            #expect(r.status == .seeOther, "\(r.text.prefix(300))")
        }
        #expect(try await office.post(path + "/appraisal/finish", []).status == .seeOther)
    }

    @Test(
        "A commune's 2025 dossier: the commune council votes on its CSTĐ cơ sở nominee; the Bằng khen tỉnh nominee travels commune → province with the vote and the documents, and is appraised, voted and decided there; the district cannot open the commune's meeting"
    )
    func communeToProvince() async throws {
        try await withTestApp { app in
            let commune = try await authorityID(app, "KR-DAKRUONG")
            let province = try await authorityID(app, "KONTUM")
            let (did, a, b) = try await commune2025Dossier(app)
            let path = "/app/dossiers/\(did)"

            // The commune's officer sends it: it goes to the commune's own council; each form has its decider.
            let office = Browser(app)
            try await office.login("dakruong")
            try await office.send(.GET, path)
            var page = try await office.post(path + "/submit", [])
            #expect(page.status == .seeOther, "\(page.text.prefix(400))")
            var d = try #require(try await DossierModel.find(did, on: app.db))
            #expect(d.$authority.id == commune)
            let nominees = try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == did).all()
            let nA = try #require(nominees.first { $0.formCode == "cstd-co-so" })
            let nB = try #require(nominees.first { $0.formCode == "bang-khen-ubnd-tinh" })
            #expect(nA.deciderID == commune && nB.deciderID == province)

            // The district's standing office and council member have no part in it.
            let district = Browser(app)
            try await district.login("noivu")
            try await district.send(.GET, path)
            #expect(
                try await district.post(path + "/nominees/\(try nA.requireID())/appraisal", [("result", "passed")])
                    .status == .notFound)
            try await Self.appraiseAll(app: app, office: office, dossier: did)
            let member = Browser(app)
            try await member.login("hoidong")
            #expect(try await member.send(.GET, "/app/council?authority=\(commune)").status == .notFound)

            // The commune council votes: its two online members and three paper ballots.
            let second = Browser(app)
            try await second.login("hd.dakruong")
            let meeting = try await Self.vote(
                app: app, office: office, authority: commune, dossier: did, title: "Họp Hội đồng xã năm 2025",
                members: [office, second])
            #expect(try await office.send(.GET, meeting).text.contains("Hội đồng Thi đua - Khen thưởng xã Đăk Ruồng"))
            #expect(try await member.send(.GET, meeting).status == .notFound, "a district member does not see it")
            #expect(try await member.post(meeting + "/open", []).status == .notFound, "…nor opens it")
            #expect(try await district.send(.GET, meeting).status == .notFound)
            #expect(try await DossierNomineeModel.find(try nA.requireID(), on: app.db)?.votePassed == true)
            #expect(try await DossierNomineeModel.find(try nB.requireID(), on: app.db)?.votePassed == true)

            // The page offers to forward the province's form; the commune's office forwards it.
            page = try await office.send(.GET, path)
            #expect(page.text.contains("Chuyển lên Hội đồng cấp trên"))
            page = try await office.post(path + "/forward", [])
            #expect(page.status == .seeOther, "\(page.text.prefix(400))")
            let upPath = try #require(page.location)
            let up = try #require(
                try await DossierModel.find(Int(upPath.split(separator: "/").last ?? "") ?? 0, on: app.db))
            #expect(up.$authority.id == province && up.status == .submitted && up.parentID == did)
            let upNominees = try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == up.requireID())
                .all()
            #expect(upNominees.count == 1 && upNominees[0].forwardedFromID == nB.id && upNominees[0].$subject.id == b)
            #expect(
                try await DossierNomineeModel.find(try nB.requireID(), on: app.db)?.forwardedToID == upNominees[0].id)
            #expect(
                try await DossierService.documents(try up.requireID(), on: app.db).count
                    == (try await DossierService.documents(did, on: app.db).count), "the documents travel with it")
            #expect(try await DossierService.events(try up.requireID(), on: app.db).contains { $0.action == .received })
            // Forwarding twice is refused; the chain shows both ways, to the commune too.
            #expect(try await office.post(path + "/forward", []).status == .conflict)
            page = try await office.send(.GET, path)
            #expect(page.text.contains("Đã chuyển lên Hội đồng Thi đua - Khen thưởng tỉnh Kon Tum"))
            page = try await office.send(.GET, upPath)
            #expect(page.status == .ok && page.text.contains("Chuyển lên từ hồ sơ số \(did)"))
            #expect(try await office.post(upPath + "/appraisal/finish", []).status == .notFound, "not the commune's")

            // The province: its standing office appraises, its council votes, and the decision is the province's.
            let provinceOffice = Browser(app)
            try await provinceOffice.login("sonoivu")
            try await Self.appraiseAll(app: app, office: provinceOffice, dossier: try up.requireID())
            _ = try await Self.vote(
                app: app, office: provinceOffice, authority: province, dossier: try up.requireID(),
                title: "Họp Hội đồng tỉnh", members: [provinceOffice])
            try await provinceOffice.send(.GET, upPath)
            page = try await provinceOffice.post(
                upPath + "/decision",
                [
                    ("number", "1520/QĐ-UBND"), ("date", Today.iso.isoToVietnamese),
                    ("authority", "Ủy ban nhân dân tỉnh Kon Tum"), ("signer", "Nguyễn Ngọc Sâm"),
                ])
            #expect(page.status == .seeOther, "\(page.text.prefix(400))")
            let awardB = try await AwardModel.query(on: app.db).filter(\.$subject.$id == b).all()
            #expect(
                awardB.count == 1 && awardB.first?.formCode == "bang-khen-ubnd-tinh" && awardB.first?.level == "tinh")

            // The commune decides its own form; the forwarded one is not awarded twice.
            try await office.send(.GET, path)
            page = try await office.post(
                path + "/decision",
                [
                    ("number", "88/QĐ-UBND"), ("date", Today.iso.isoToVietnamese),
                    ("authority", "Ủy ban nhân dân xã Đăk Ruồng"), ("signer", "A Sáu"),
                ])
            #expect(page.status == .seeOther, "\(page.text.prefix(400))")
            d = try #require(try await DossierModel.find(did, on: app.db))
            #expect(d.status == .decided)
            #expect(try await office.send(.GET, path).text.contains("xem trong sổ quyết định"))
            let awardA = try await AwardModel.query(on: app.db).filter(\.$subject.$id == a).all()
            #expect(awardA.count == 1 && awardA.first?.formCode == "cstd-co-so" && awardA.first?.level == "xa")
            #expect(try await AwardModel.query(on: app.db).filter(\.$subject.$id == b).count() == 1)
        }
    }

    @Test("A form nobody above the unit confers stops the submission, naming the form")
    func noAuthority() async throws {
        try await withTestApp { app in
            // Without its commune's authority (the district is gone), a 2025 Giấy khen has no decider.
            let commune = try await authorityID(app, "KR-DAKRUONG")
            let a = try #require(try await AuthorityModel.find(commune, on: app.db))
            a.validTo = "2025-01-01"
            try await a.save(on: app.db)
            let (did, page) = try await submitOne(
                app, number: "32/TTr-UBND", form: "giay-khen", achievement: "Hoàn thành tốt nhiệm vụ.")
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("có thẩm quyền tặng “Giấy khen”"), "\(page.text.prefix(2000))")
            #expect(try await DossierModel.find(did, on: app.db)?.status == .draft)
        }
    }

    @Test("An abolished unit is offered for filtering its history but not for a new record")
    func abolishedUnitNotOffered() async throws {
        try await withTestApp { app in
            let tanLap = try #require(try await UnitModel.find(try await unitID(app, "KR-TANLAP"), on: app.db))
            tanLap.abolishedOn = "2025-07-01"
            try await tanLap.save(on: app.db)
            let office = Browser(app)
            try await office.login("noivu")
            let create = try await office.send(.GET, "/app/registrations/new")
            #expect(create.status == .ok)
            // The unit select only: other selects (the 54 ethnic groups' codes) hold small numbers too.
            let unitSelect =
                create.text.components(separatedBy: "name=\"unitID\"").dropFirst().first?
                .components(separatedBy: "</select>").first ?? ""
            #expect(unitSelect.contains("<option"), "the form has a unit select")
            #expect(!unitSelect.contains("value=\"\(try tanLap.requireID())\""), "not offered for a new registration")
            let list = try await office.send(.GET, "/app/registrations")
            #expect(list.text.contains("value=\"\(try tanLap.requireID())\""), "still offered as a filter")
        }
    }
}
