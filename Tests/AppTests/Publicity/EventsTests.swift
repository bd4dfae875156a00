import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App
@testable import OOXML

/// Shared steps of the event tests.
enum EventsFixture {
    /// A fresh 2025 registration of the unit (made by the standing office through the API): its subject's id.
    static func exemplar(_ app: Application, unit: Int, name: String) async throws -> Int {
        let api = try await APIClient.login(app, "noivu")
        let res = try await api.registerIndividual(name, unit: unit, title: "Điển hình \(name)", movementIDs: [])
        #expect(res.status == .created || res.status == .ok, "\(res.text)")
        let rid = try #require(try res.jsonObject()["id"] as? Int)
        return try #require(try await RegistrationModel.find(rid, on: app.db)?.$subject.id)
    }

    static func documentXML(_ sent: Sent) throws -> String {
        let reader = try PackageReader(data: Data(sent.bytes), notAPackage: OOXMLError("not a package"))
        return String(decoding: try #require(try reader.read("word/document.xml")), as: UTF8.self)
    }

    static func eventID(_ location: String?) -> Int? {
        location.flatMap { $0.split(separator: "/").last.flatMap { Int($0) } }
    }
}

@Suite("Events: study visits, experience talks, review conferences, their invitation and report")
struct EventsTests {
    @Test("A commune records a study visit, holds it; the invitation and report DOCX carry the NĐ 30 layout and facts")
    func createHoldDocuments() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let host = try await EventsFixture.exemplar(app, unit: dakRuong, name: "Y Blông Thử")
            let web = Browser(app)
            try await web.login("dakruong")
            let form = try await web.send(.GET, "/app/events/new")
            #expect(form.status == .ok && form.text.contains("Y Blông Thử"), "\(form.text.prefix(300))")
            let fields: [(String, String)] = [
                ("unitID", String(dakRuong)), ("kind", "study-visit"),
                ("title", "Tham quan mô hình nuôi bò sinh sản"), ("time", "07 giờ 30"),
                ("place", "Thôn 3, xã Đăk Ruồng"), ("hostIDs[]", String(host)), ("candidateIDs[]", String(host)),
                ("honour-\(host)", "Giấy khen"), ("people", "Nguyễn Văn Ba; Phó Chủ tịch; Hội Nông dân xã"),
                ("outcomes", "Hai thôn đăng ký học tập mô hình"), ("invitationNumber", "15/GM-UBND"),
                ("signerCapacity", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"), ("signerName", "A Đin"),
            ]
            // A date that does not exist: a Vietnamese message, and everything typed is still there.
            let bad = try await web.post("/app/events", fields + [("date", "31/02/2025")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Ngày “31/02/2025” không hợp lệ"), "\(bad.text.prefix(600))")
            #expect(bad.text.contains("value=\"31/02/2025\""))
            #expect(bad.text.contains("Tham quan mô hình nuôi bò sinh sản"))
            #expect(bad.text.contains("Nguyễn Văn Ba; Phó Chủ tịch; Hội Nông dân xã"))
            #expect(bad.text.contains("value=\"Giấy khen\""))
            #expect(
                try await EventModel.query(on: app.db).filter(\.$title == "Tham quan mô hình nuôi bò sinh sản")
                    .count() == 0)

            let made = try await web.post("/app/events", fields + [("date", "05/03/2025")])
            #expect(made.status == .seeOther, "\(made.text.prefix(600))")
            let id = try #require(EventsFixture.eventID(made.location))
            var page = try await web.send(.GET, "/app/events/\(id)")
            #expect(page.text.contains("05/03/2025") && page.text.contains("Dự kiến"))
            #expect(page.text.contains("Y Blông Thử"))
            let held = try await web.post("/app/events/\(id)/status", [("status", "held")])
            #expect(held.status == .seeOther)
            page = try await web.send(.GET, "/app/events/\(id)")
            #expect(page.text.contains("Đã tổ chức"))
            // A held event cannot be cancelled: the workflow table refuses, with a 409 in Vietnamese.
            let cancel = try await web.post("/app/events/\(id)/status", [("status", "cancelled")])
            #expect(cancel.status == .conflict)
            #expect(
                cancel.text.contains("Không thể chuyển từ “Đã tổ chức” sang “Đã hủy”"), "\(cancel.text.prefix(800))")
            let api = try await APIClient.login(app, "dakruong")
            let apiCancel = try await api.send(.POST, "/api/v1/events/\(id)/status", json: ["status": "cancelled"])
            #expect(apiCancel.status == .conflict)
            #expect((try apiCancel.jsonObject()["message"] as? String)?.contains("Đã tổ chức") == true)

            let invitation = try await web.send(.GET, "/app/events/\(id)/invitation.docx")
            #expect(invitation.status == .ok)
            let inv = try EventsFixture.documentXML(invitation)
            for text in [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 15/GM-UBND", "GIẤY MỜI",
                "Tham quan mô hình nuôi bò sinh sản", "ngày 05/03/2025", "Thôn 3, xã Đăk Ruồng", "Y Blông Thử",
                "Nguyễn Văn Ba; Phó Chủ tịch; Hội Nông dân xã", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "A Đin",
                "Ủy ban nhân dân xã Đăk Ruồng",
            ] {
                #expect(inv.contains(text), "invitation lacks \(text)")
            }
            let report = try await web.send(.GET, "/app/events/\(id)/report.docx")
            #expect(report.status == .ok)
            let rep = try EventsFixture.documentXML(report)
            for text in [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                "Tham quan mô hình nuôi bò sinh sản", "ngày 05/03/2025", "Thôn 3, xã Đăk Ruồng", "Y Blông Thử",
                "Giấy khen", "Hai thôn đăng ký học tập mô hình", "Đã tổ chức", "Nơi nhận:",
            ] {
                #expect(rep.contains(text), "report lacks \(text)")
            }
            // No number given for the report: the clerk's blank, with the type and the unit's abbreviation.
            #expect(rep.contains("Số:       /BC-"))

            // The small reads other features use.
            let path = try #require(try await UnitModel.find(dakRuong, on: app.db)).unitPath
            #expect(try await EventsQuery.count(year: 2025, unitPath: path, kind: .studyVisit, on: app.db) >= 1)
            #expect(try await EventsQuery.count(year: 2031, on: app.db) == 0)
            let hosted = try await EventsQuery.hosted(by: host, on: app.db)
            #expect(hosted.first?.eventID == id)
            #expect(hosted.first?.roles == [.honoured, .host] && hosted.first?.honour == "Giấy khen")
            #expect(hosted.first?.date == "05/03/2025")
            // Every write was audited.
            let audited = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "event")
                .filter(\.$entityID == String(id)).count()
            #expect(audited == 2)
        }
    }

    @Test("Another commune's officer gets 404 on the event, its files and its documents; the office sees them")
    func otherUnitNotFound() async throws {
        try await withTestApp { app in
            let tanLap = try await unitID(app, "KR-TANLAP")
            let office = try await APIClient.login(app, "noivu")
            let res = try await office.send(
                .POST, "/api/v1/events",
                json: [
                    "unitID": tanLap, "kind": "experience-talk", "title": "Báo cáo kinh nghiệm ở Tân Lập",
                    "date": "10/06/2025", "place": "Hội trường xã Tân Lập",
                    "people": [["name": "Lê Thị Cúc", "position": "Bí thư Đoàn", "unit": "xã Tân Lập"]],
                ])
            #expect(res.status == .created, "\(res.text)")
            let id = try #require(try res.jsonObject()["id"] as? Int)
            let officeWeb = Browser(app)
            try await officeWeb.login("noivu")
            try await officeWeb.send(.GET, "/app/events/\(id)")
            let up = try await officeWeb.upload(
                "/app/events/\(id)/files", fields: [], file: ("file", "Chương trình.pdf", "application/pdf", Fields.pdf)
            )
            #expect(up.status == .seeOther, "\(up.text.prefix(400))")
            let fileID = try #require(
                try await EventFileModel.query(on: app.db).filter(\.$eventID == id).first()?.id)
            #expect(try await officeWeb.send(.GET, "/app/event-files/\(fileID)").status == .ok)

            let other = Browser(app)
            try await other.login("dakruong")
            for path in [
                "/app/events/\(id)", "/app/events/\(id)/edit", "/app/event-files/\(fileID)",
                "/app/events/\(id)/invitation.docx", "/app/events/\(id)/report.docx",
            ] {
                #expect(try await other.send(.GET, path).status == .notFound, "\(path)")
            }
            let list = try await other.send(.GET, "/app/events?year=2025")
            #expect(!list.text.contains("Báo cáo kinh nghiệm ở Tân Lập"))
            let otherAPI = try await APIClient.login(app, "dakruong")
            #expect(try await otherAPI.send(.GET, "/api/v1/events/\(id)").status == .notFound)
            // The editor reads it for publicity, and may not change it.
            let editor = try await APIClient.login(app, "bientap")
            #expect(try await editor.send(.GET, "/api/v1/events/\(id)").status == .ok)
            #expect(
                try await editor.send(.POST, "/api/v1/events/\(id)/status", json: ["status": "held"]).status
                    == .forbidden)
        }
    }

    @Test("The list pages by key, newest first, and filters by year, kind and organising unit")
    func listPagedByKey() async throws {
        try await withTestApp { app in
            let tanLap = try await unitID(app, "KR-TANLAP")
            let api = try await APIClient.login(app, "noivu")
            for (day, kind) in [
                ("01/03/2031", "study-visit"), ("02/03/2031", "final-review"), ("02/03/2031", "study-visit"),
            ] {
                let r = try await api.send(
                    .POST, "/api/v1/events",
                    json: [
                        "unitID": tanLap, "kind": kind, "title": "Sự kiện \(day) \(kind)", "date": day, "place": "Xã",
                    ])
                #expect(r.status == .created, "\(r.text)")
            }
            let first = try await api.send(.GET, "/api/v1/events?year=2031&perPage=2").jsonObject()
            let items = try #require(first["items"] as? [[String: Any]])
            #expect(items.map { $0["date"] as? String } == ["02/03/2031", "02/03/2031"])
            let next = try #require(first["next"] as? String)
            let second = try await api.send(.GET, "/api/v1/events?year=2031&perPage=2&after=\(next)").jsonObject()
            let rest = try #require(second["items"] as? [[String: Any]])
            #expect(rest.map { $0["date"] as? String } == ["01/03/2031"])
            #expect(second["next"] is NSNull || second["next"] == nil)
            let visits = try await api.send(.GET, "/api/v1/events?year=2031&kind=study-visit").jsonObject()
            #expect((visits["items"] as? [[String: Any]])?.count == 2)
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let none = try await api.send(.GET, "/api/v1/events?year=2031&unit=\(dakRuong)").jsonObject()
            #expect((none["items"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await api.send(.GET, "/api/v1/events?after=abc").status == .badRequest)
            #expect(try await api.send(.GET, "/api/v1/events?kind=party").status == .badRequest)
            let web = Browser(app)
            try await web.login("noivu")
            let page = try await web.send(.GET, "/app/events?year=2031")
            #expect(page.status == .ok && page.text.contains("Sự kiện 01/03/2031 study-visit"))
        }
    }
}
