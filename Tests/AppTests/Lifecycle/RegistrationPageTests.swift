import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A registration's page reads its registration and the lists under it as plain values (`RegistrationSummary`,
/// `RegistrationRecords`), not as models: it must still show everything, in its order, on both databases.
@Suite("A registration's page")
struct RegistrationPageTests {
    @Test("Facts, movements, history, actions, evaluations and evidence, each in its order")
    func listsInOrder() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.login("dakruong")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            // Two movements, chosen in the reverse of their ids' order.
            let movements = try await MovementModel.query(on: app.db).sort(\.$id).limit(2).all()
            #expect(movements.count == 2)
            try await b.send(.GET, "/app/registrations/new")
            let made = try await b.post(
                "/app/registrations",
                [
                    ("year", "2024"), ("unitID", String(dakRuong)), ("subjectKind", "household"),
                    ("subjectName", "Hộ bà Y Hiền"), ("typeCode", "MH-15"),
                    ("movementIDs[]", String(try movements[1].requireID())),
                    ("movementIDs[]", String(try movements[0].requireID())),
                    ("title", "Mô hình nuôi ong lấy mật"),
                ])
            #expect(made.status == .seeOther)
            let rid = try #require(made.location.flatMap { Int($0.split(separator: "/").last ?? "") })
            let r = try #require(
                try await RegistrationModel.query(on: app.db).filter(\.$id == rid).with(\.$subjectType).first())
            let type = try #require(r.subjectType)
            // History in the order it happened; actions and evaluations written out of their order.
            try await RegistrationTransitionModel.query(on: app.db).filter(\.$registration.$id == rid).delete()
            for (to, who, reason) in [
                (RegistrationStatus.registered, "nguoi-thu-nhat", "Lý do thứ nhất"),
                (.nurturing, "nguoi-thu-hai", ""),
            ] {
                let t = RegistrationTransitionModel()
                t.$registration.id = rid
                t.fromStatus = PriorStatus(nil)
                t.toStatus = to
                t.at = Date()
                t.username = who
                t.reason = reason
                try await t.create(on: app.db)
            }
            for (title, due, status) in [
                ("Việc hạn muộn", "2099-12-31", ActionStatus.planned), ("Việc quá hạn", "2020-01-15", .planned),
                ("Việc đã xong", "2019-05-05", .done),
            ] {
                let a = NurturingActionModel(registrationID: rid, status: status)
                a.title = title
                a.responsible = "Hội Nông dân xã"
                a.dueDate = due
                a.note = ""
                try await a.create(on: app.db)
            }
            for (date, period, conclusion) in [
                ("2024-09-15", "Kỳ đánh giá sau", EvaluationConclusion.achieved),
                ("2024-03-15", "Kỳ đánh giá trước", .inProgress),
            ] {
                let e = EvaluationModel()
                e.$registration.id = rid
                e.date = date
                e.period = period
                e.evaluator = "UBND xã"
                (e.effect, e.effectiveness, e.growthPotential, e.influence) = ("", "", "", "")
                e.difficulties = "Khó khăn của \(period)"
                e.helpGiven = ""
                e.conclusion = conclusion
                e.summary = ""
                (e.metCount, e.unmetCount, e.missingCount) = (3, 1, 0)
                try await e.create(on: app.db)
            }
            for (name, bytes) in [("bien-ban-kiem-tra.pdf", 2048), ("anh-vuon-sam.jpg", 10)] {
                let f = EvidenceFileModel()
                f.$registration.id = rid
                f.originalName = name
                f.contentType = "application/octet-stream"
                f.size = bytes
                f.sha256 = ""
                f.storage = "database"
                f.storageKey = ""
                f.data = Data(repeating: 7, count: bytes)
                f.description = "Minh chứng \(name)"
                try await f.create(on: app.db)
            }

            let page = try await b.send(.GET, RegistrationsPath.registration(.id(rid)).href)
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("\(type.code) \(type.name)"))
            #expect(text.contains("<dd>\(movements[0].name); \(movements[1].name)</dd>"))
            #expect(
                text.contains("<strong>Việc quá hạn</strong> <span class=\"tag danger-tag\">Quá hạn</span>"),
                "an open action past its date is marked")
            #expect(!text.contains("<strong>Việc hạn muộn</strong> <span"))
            #expect(!text.contains("<strong>Việc đã xong</strong> <span"))
            Self.expectInOrder(text, ["Việc đã xong", "Việc quá hạn", "Việc hạn muộn"])
            Self.expectInOrder(text, ["15/03/2024", "Khó khăn của Kỳ đánh giá trước", "15/09/2024"])
            Self.expectInOrder(text, ["bien-ban-kiem-tra.pdf", "2 KB", "anh-vuon-sam.jpg", "10 bytes"])
            Self.expectInOrder(text, ["nguoi-thu-nhat — Lý do thứ nhất", "nguoi-thu-hai"])
            let files = try await EvidenceFileModel.query(on: app.db).filter(\.$registration.$id == rid).sort(\.$id)
                .all()
            for f in files { #expect(text.contains(RegistrationsPath.evidenceFile(.id(try f.requireID())).href)) }
        }
    }

    /// Each string is on the page, after the one before it.
    static func expectInOrder(_ text: String, _ parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        var from = text.startIndex
        for part in parts {
            guard let r = text.range(of: part, range: from..<text.endIndex) else {
                Issue.record("“\(part)” is not on the page after the parts before it", sourceLocation: sourceLocation)
                return
            }
            from = r.upperBound
        }
    }
}
