import Domain
import Fluent
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Upgrading a database from the one-council days")
struct AuthorityUpgradeTests {
    @Test("Council members, meetings and sent dossiers kept from before belong to one authority made for the district")
    func earlierDataIsAdopted() async throws {
        try await withTestApp(demo: false) { app in
            // The state migration 15 finds: a tree, a roster and a meeting, a sent dossier and a draft, no authority.
            let province = UnitModel(
                code: "T", name: "Ủy ban nhân dân tỉnh T", shortName: "Tỉnh T", kind: .tinh, parentID: nil,
                place: "T", abbreviation: "UBND")
            try await province.create(on: app.db)
            province.path = UnitPath(ids: [try province.requireID()]).raw
            try await province.save(on: app.db)
            let district = UnitModel(
                code: "H", name: "Ủy ban nhân dân huyện H", shortName: "Huyện H", kind: .huyen,
                parentID: province.id, place: "H", abbreviation: "UBND")
            try await district.create(on: app.db)
            district.path = province.unitPath.child(try district.requireID()).raw
            try await district.save(on: app.db)
            let m = CouncilMemberModel()
            m.name = "Nguyễn Văn An"
            m.position = "Chủ tịch UBND huyện"
            m.active = true
            m.sort = 1
            m.councilRole = .chair
            try await m.create(on: app.db)
            let meeting = CouncilMeetingModel(meetingDate: "2024-12-16", ruleSetID: "rules-2024-nd98")
            meeting.title = "Họp Hội đồng"
            meeting.location = "H"
            meeting.chair = "Nguyễn Văn An"
            meeting.secretary = "Thư ký"
            try await meeting.create(on: app.db)
            let sent = DossierModel(unitID: try district.requireID(), year: 2024, ruleSetID: "rules-2024-nd98")
            sent.title = "Đề nghị"
            sent.number = "1/TTr"
            sent.searchText = "de nghi"
            try sent.move(to: .submitted)
            try await sent.create(on: app.db)
            let draft = DossierModel(unitID: try district.requireID(), year: 2025, ruleSetID: "rules-2025-nd152")
            draft.title = "Nháp"
            draft.number = ""
            draft.searchText = "nhap"
            try await draft.create(on: app.db)

            try await ConferringAuthorities().adoptEarlierData(app.db as! any SQLDatabase)
            let authorities = try await AuthorityModel.query(on: app.db).with(\.$unit).all()
            #expect(authorities.count == 1)
            let a = try #require(authorities.first)
            #expect(a.unit.code == "H" && a.level == .huyen && a.decisionFormat == "{n}/QĐ-UBND")
            #expect(try await CouncilMemberModel.find(m.requireID(), on: app.db)?.$authority.id == a.id)
            #expect(try await CouncilMeetingModel.find(meeting.requireID(), on: app.db)?.$authority.id == a.id)
            #expect(try await DossierModel.find(sent.requireID(), on: app.db)?.$authority.id == a.id)
            #expect(
                try await DossierModel.find(draft.requireID(), on: app.db)?.$authority.id == nil,
                "a draft is routed when it is sent")
            // Nothing to adopt: a second run adds no authority.
            try await ConferringAuthorities().adoptEarlierData(app.db as! any SQLDatabase)
            #expect(try await AuthorityModel.query(on: app.db).count() == 1)
        }
    }
}
