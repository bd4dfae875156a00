import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Citizens' proposals: public form, honeypot, per-address limit, the unit's moderation queue")
struct ProposalTests {
    static let phone = "0905123456"

    static func fields(unit: Int, name: String, phone: String = ProposalTests.phone) -> [(String, String)] {
        [
            ("subjectName", name), ("subjectKind", "household"), ("unitID", String(unit)),
            ("achievements", "Trồng sâm dây, giúp 5 hộ trong thôn thoát nghèo."), ("proposerName", "Y Hoa"),
            ("proposerPhone", phone), ("proposerEmail", ""), ("consent", "on"),
        ]
    }

    /// A visitor (not signed in) who has opened the form, so it holds the pre-login CSRF cookie.
    static func visitor(_ app: Application) async throws -> Browser {
        let b = Browser(app)
        let page = try await b.send(.GET, "/gioi-thieu-dien-hinh")
        #expect(page.status == .ok)
        return b
    }

    @Test("A proposal for Đăk Ruồng reaches Đăk Ruồng's queue and not Tân Lập's; the contact only internally")
    func reachesTheRightQueue() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let v = try await Self.visitor(app)
            let sent = try await v.post("/gioi-thieu-dien-hinh", Self.fields(unit: dakRuong, name: "Hộ bà Y Sương"))
            #expect(sent.status == .seeOther, "\(sent.text.prefix(500))")
            let p = try #require(
                try await ProposalModel.query(on: app.db).filter(\.$subjectName == "Hộ bà Y Sương").first())
            #expect(p.unitID == dakRuong && p.status == .new)
            let b = Browser(app)
            try await b.login("dakruong")
            let queue = try await b.send(.GET, "/app/proposals")
            #expect(queue.text.contains("Hộ bà Y Sương"))
            let page = try await b.send(.GET, "/app/proposals/\(p.id!)")
            #expect(page.text.contains(Self.phone), "the receiving unit sees the contact")
            // Tân Lập's officers do not see it (Policy and the queue's query).
            let tanLap = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-TANLAP").first())
            let officer = Actor(
                userID: 999, username: "tanlap", role: .unitOfficer, unitID: tanLap.id, unitPath: tanLap.unitPath)
            let theirs = try await ProposalQuery.list(status: nil, actor: officer, before: nil, limit: 50, on: app.db)
            #expect(!theirs.items.contains { $0.id == p.id })
            #expect(Policy.decide(officer, .read, .proposal(p.path)) == .notFound)
            // Another unit's account over HTTP: 404.
            let other = Browser(app)
            try await other.login("giaoduc")
            #expect(try await other.send(.GET, "/app/proposals/\(p.id!)").status == .notFound)
            #expect(!(try await other.send(.GET, "/app/proposals")).text.contains("Hộ bà Y Sương"))
            // Accept, then the move is final; rejecting needs a reason.
            let reject = try await b.post("/app/proposals/\(p.id!)/move", [("status", "rejected"), ("reason", "")])
            #expect(reject.status == .unprocessableEntity)
            #expect(reject.text.contains("Vui lòng ghi lý do không tiếp nhận."))
            let accept = try await b.post("/app/proposals/\(p.id!)/move", [("status", "accepted"), ("reason", "")])
            #expect(accept.status == .seeOther)
            let audited = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "proposal").count()
            #expect(audited == 2)
        }
    }

    @Test("A flood from one address: the 6th in an hour gets 429 with Retry-After and is not saved")
    func flood() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let v = try await Self.visitor(app)
            for i in 1...5 {
                let r = try await v.post("/gioi-thieu-dien-hinh", Self.fields(unit: dakRuong, name: "Lũ lượt \(i)"))
                #expect(r.status == .seeOther, "submission \(i): \(r.status)")
                try await v.send(.GET, "/gioi-thieu-dien-hinh")
            }
            let sixth = try await v.post("/gioi-thieu-dien-hinh", Self.fields(unit: dakRuong, name: "Lũ lượt 6"))
            #expect(sixth.status == .tooManyRequests)
            #expect(Int(sixth.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
            #expect(sixth.text.contains("Vui lòng thử lại sau"))
            #expect(try await ProposalModel.query(on: app.db).filter(\.$subjectName == "Lũ lượt 6").count() == 0)
            #expect(try await ProposalModel.query(on: app.db).count() == 5)
            // The API shares the same limit (same address).
            let api = try await APIClient(app: app, token: nil).send(
                .POST, "/api/v1/proposals",
                json: Dictionary(uniqueKeysWithValues: Self.fields(unit: dakRuong, name: "Qua API")))
            #expect(api.status == .tooManyRequests)
            #expect(api.headers.first(name: .retryAfter) != nil)
            // Only a hash of the address is kept.
            let hits = try await ProposalHitModel.query(on: app.db).all()
            #expect(hits.count == 5 && hits.allSatisfy { $0.addressHash.count == 64 })
        }
    }

    @Test("A filled honeypot looks accepted but nothing is stored")
    func honeypot() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let v = try await Self.visitor(app)
            let r = try await v.post(
                "/gioi-thieu-dien-hinh",
                Self.fields(unit: dakRuong, name: "Rô bốt") + [("website", "http://spam.example")])
            #expect(r.status == .seeOther)
            #expect(try await ProposalModel.query(on: app.db).count() == 0)
            let api = try await APIClient(app: app, token: nil).send(
                .POST, "/api/v1/proposals",
                json: Dictionary(
                    uniqueKeysWithValues: Self.fields(unit: dakRuong, name: "Rô bốt 2") + [("website", "x")]))
            #expect(api.status == .accepted)
            #expect(try await ProposalModel.query(on: app.db).count() == 0)
        }
    }

    @Test("Missing contact: a Vietnamese message and everything typed kept")
    func missingContact() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let v = try await Self.visitor(app)
            let r = try await v.post(
                "/gioi-thieu-dien-hinh", Self.fields(unit: dakRuong, name: "Tổ hợp tác A Rê", phone: ""))
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("Vui lòng ghi số điện thoại hoặc thư điện tử"))
            #expect(r.text.contains("Tổ hợp tác A Rê"))
            #expect(r.text.contains("Trồng sâm dây, giúp 5 hộ trong thôn thoát nghèo."))
            #expect(try await ProposalModel.query(on: app.db).count() == 0)
        }
    }

    @Test("The proposer's phone never appears on a public page, nor to roles without personal data, nor in the API")
    func phoneNeverPublic() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let v = try await Self.visitor(app)
            let sent = try await v.post("/gioi-thieu-dien-hinh", Self.fields(unit: dakRuong, name: "Hộ ông A Thút"))
            #expect(sent.status == .seeOther)
            let p = try #require(try await ProposalModel.query(on: app.db).first())
            for path in ["/", "/gioi-thieu-dien-hinh", "/sitemap.xml", "/feed.atom"] {
                let page = try await Browser(app).send(.GET, path)
                #expect(!page.text.contains(Self.phone), "\(path) shows the proposer's phone")
            }
            let anon = try await APIClient(app: app, token: nil).send(.GET, "/api/v1/proposals")
            #expect(anon.status == .unauthorized)
            // The standing office sees it in the queue; the council does not see the queue at all.
            let office = try await APIClient.login(app, "noivu")
            let read = try await office.send(.GET, "/api/v1/proposals/\(p.id!)")
            #expect(read.text.contains(Self.phone))
            let council = try await APIClient.login(app, "hoidong")
            #expect(try await council.send(.GET, "/api/v1/proposals/\(p.id!)").status == .notFound)
            // A move through the API.
            let moved = try await office.send(
                .POST, "/api/v1/proposals/\(p.id!)/move",
                json: ["status": "rejected", "reason": "Trùng lời giới thiệu"])
            #expect(moved.status == .ok, "\(moved.text)")
            let again = try await office.send(.POST, "/api/v1/proposals/\(p.id!)/move", json: ["status": "accepted"])
            #expect(again.status == .conflict)
        }
    }

    @Test("Domain: contact rules and the limit's arithmetic")
    func rules() {
        var e = FieldErrors()
        let d = ProposalDraft(
            subjectName: "A", subjectKind: "individual", unitID: 1, achievements: "x", proposerName: "B",
            proposerPhone: "", proposerEmail: "khong-hop-le", consent: false)
        _ = ProposalRules.validate(d, unitAllowed: true, errors: &e)
        #expect(e["proposerEmail"] != nil && e["consent"] != nil && e["contact"] == nil)
        let now = Date()
        let times = (0..<5).map { now.addingTimeInterval(-Double($0) * 60) }
        #expect(ProposalRules.retryAfter(recent: Array(times.prefix(4)), now: now) == nil)
        let wait = ProposalRules.retryAfter(recent: times, now: now)
        #expect(wait != nil && wait! <= 3600 && wait! > 3000)
        #expect(ProposalWorkflow.allowed(from: .new, to: .accepted))
        #expect(!ProposalWorkflow.allowed(from: .rejected, to: .accepted))
    }
}

// MARK: Page mocks (SurfaceTests.everyViewRenders)

extension ProposalFormPage {
    static let mock = ProposalFormPage(
        site: .mock("Giới thiệu điển hình tiên tiến"), layout: .mock("Giới thiệu điển hình tiên tiến"),
        action: ProposalsPath.publicForm.href,
        values: ["subjectName": "Hộ ông A Thút", "subjectKind": "household", "unitID": "3", "consent": "on"],
        kinds: SubjectKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
        unitField: UnitField(
            name: "unitID", textName: "unit", label: "Xã, thị trấn hoặc cơ quan, đơn vị", required: true,
            picker: UnitPicker(
                options: [SelectOption(value: "3", label: "Ủy ban nhân dân xã Đăk Ruồng", selected: true)],
                text: "", unitID: "", message: ""),
            error: nil),
        errors: ["contact": "Vui lòng ghi số điện thoại hoặc thư điện tử để cơ quan liên hệ lại (một trong hai)."],
        refused: nil)
}

extension ProposalQueuePage {
    static let mock = ProposalQueuePage(
        layout: .mock("Điển hình do người dân giới thiệu"),
        items: [
            ProposalRow(
                id: 4, subjectName: "Hộ ông A Thút", kindLabel: "Hộ gia đình", unitName: "Xã Đăk Ruồng",
                statusLabel: ProposalStatus.new.label, isNew: true, submitted: "01/12/2025 08:00",
                href: ProposalsPath.proposal(.id(4)).href)
        ],
        statuses: [SelectOption(value: "", label: "Tất cả", selected: true)], nextHref: nil, firstHref: nil)
}

extension ProposalPage {
    static let mock = ProposalPage(
        layout: .mock("Lời giới thiệu"), id: 4, subjectName: "Hộ ông A Thút", kindLabel: "Hộ gia đình",
        unitName: "Xã Đăk Ruồng", achievements: "Trồng sâm dây.", statusLabel: ProposalStatus.new.label,
        submitted: "01/12/2025 08:00", decisionReason: "", decided: "",
        contact: ["name": "Y Hoa", "phone": "0905123456", "email": ""], moveAction: ProposalsPath.move(.id(4)).href,
        targets: [SelectOption(value: "accepted", label: "Đã tiếp nhận", selected: false)], registerHref: nil,
        errors: [:], values: [:])
}
