import Domain
import Fluent
import Foundation
import NIOCore
import NIOPosix
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Notices: each reaches its recipients' inbox and nobody else's; read marks; e-mail through SMTP")
struct NoticesTests {
    static let title2025 = "Đề nghị khen thưởng thành tích năm 2025"
    static let title2024 = "Đề nghị khen thưởng thành tích năm 2024"

    static func browser(_ app: Application, _ user: String) async throws -> Browser {
        let b = Browser(app)
        try await b.login(user)
        return b
    }

    static func inbox(_ b: Browser, unread: Bool = false) async throws -> String {
        let page = try await b.send(.GET, "/app/notices" + (unread ? "?unread=1" : ""))
        #expect(page.status == .ok, "\(page.text.prefix(300))")
        return page.text
    }

    /// True when one notice of the inbox page has this title and links to this path.
    static func card(_ html: String, _ title: String, _ link: String) -> Bool {
        html.components(separatedBy: "<li class=\"card").dropFirst().contains {
            $0.contains(title) && $0.contains("href=\"\(link)\"")
        }
    }

    static func notice(_ app: Application, _ kind: NoticeKind, containing text: String) async throws -> NoticeModel {
        let all = try await NoticeModel.query(on: app.db).filter(\.$kind == kind).sort(\.$id, .descending).all()
        return try #require(all.first { $0.title.contains(text) }, "no \(kind) notice with “\(text)”")
    }

    @Test(
        "A commune's dossier: received by the commune council's standing unit, meeting called and vote opened to its seats, forwarded to the province's standing office with the commune told, the decision to the awardees' unit — never to Tân Lập or the district"
    )
    func communeJourney() async throws {
        try await withTestApp { app in
            let commune = try await authorityID(app, "KR-DAKRUONG")
            let province = try await authorityID(app, "KONTUM")
            let (did, _, _) = try await commune2025Dossier(app)
            let path = "/app/dossiers/\(did)"
            let office = try await Self.browser(app, "dakruong")
            let second = try await Self.browser(app, "hd.dakruong")
            let tanlap = try await Self.browser(app, "tanlap")
            let noivu = try await Self.browser(app, "noivu")
            let hoidong = try await Self.browser(app, "hoidong")
            let sonoivu = try await Self.browser(app, "sonoivu")
            let outsiders = [tanlap, noivu, hoidong]

            try await office.send(.GET, path)
            #expect(try await office.post(path + "/submit", []).status == .seeOther)
            let received = "Hồ sơ “\(Self.title2025)” đã được gửi đến Hội đồng Thi đua - Khen thưởng xã Đăk Ruồng"
            #expect(Self.card(try await Self.inbox(office), received, path))
            #expect(Self.card(try await Self.inbox(second), received, path), "every account of the standing unit")
            for b in outsiders + [sonoivu] { #expect(!(try await Self.inbox(b).contains("href=\"\(path)\""))) }

            // The commune council meets: its seats with an account are called, and told when the vote opens.
            try await CouncilsEveryLevelTests.appraiseAll(app: app, office: office, dossier: did)
            _ = try await CouncilsEveryLevelTests.vote(
                app: app, office: office, authority: commune, dossier: did, title: "Họp Hội đồng xã Đăk Ruồng 2025",
                members: [office, second])
            for b in [office, second] {
                let text = try await Self.inbox(b)
                #expect(text.contains("Triệu tập họp Hội đồng: Họp Hội đồng xã Đăk Ruồng 2025"))
                #expect(text.contains("Mở bỏ phiếu kín: Họp Hội đồng xã Đăk Ruồng 2025"))
            }
            let called = try await Self.notice(app, .meetingCalled, containing: "Họp Hội đồng xã Đăk Ruồng 2025")
            #expect(called.unitID == nil && called.userID != nil, "addressed to the account, not its unit")
            for b in outsiders + [sonoivu] {
                #expect(!(try await Self.inbox(b).contains("Họp Hội đồng xã Đăk Ruồng 2025")))
            }

            // Forwarded: the province's standing office receives it, the commune is told.
            try await office.send(.GET, path)
            let page = try await office.post(path + "/forward", [])
            #expect(page.status == .seeOther)
            let upPath = try #require(page.location)
            let upID = try #require(Int(upPath.split(separator: "/").last ?? ""))
            let atProvince = "Hồ sơ “\(Self.title2025)” đã được gửi đến Hội đồng Thi đua - Khen thưởng tỉnh Kon Tum"
            let sonoivuInbox = try await Self.inbox(sonoivu)
            #expect(Self.card(sonoivuInbox, atProvince, upPath))
            #expect(
                Self.card(
                    try await Self.inbox(office),
                    "Hồ sơ “\(Self.title2025)” đã được chuyển lên Hội đồng Thi đua - Khen thưởng tỉnh Kon Tum", path))
            for b in outsiders {
                let text = try await Self.inbox(b)
                #expect(!text.contains("href=\"\(path)\"") && !text.contains("href=\"\(upPath)\""))
            }

            // The province decides: the awardee's unit (the commune, which sent the dossier) is told.
            try await CouncilsEveryLevelTests.appraiseAll(app: app, office: sonoivu, dossier: upID)
            _ = try await CouncilsEveryLevelTests.vote(
                app: app, office: sonoivu, authority: province, dossier: upID, title: "Họp Hội đồng tỉnh 2025",
                members: [sonoivu])
            try await sonoivu.send(.GET, upPath)
            #expect(
                try await sonoivu.post(
                    upPath + "/decision",
                    [
                        ("number", "1520/QĐ-UBND"), ("date", Today.iso.isoToVietnamese),
                        ("authority", "Ủy ban nhân dân tỉnh Kon Tum"), ("signer", "Nguyễn Ngọc Sâm"),
                    ]
                ).status == .seeOther)
            let decided = try await Self.notice(app, .decisionIssued, containing: "1520/QĐ-UBND")
            #expect(decided.unitID == (try await unitID(app, "KR-DAKRUONG")) && decided.body.contains("A Hùng"))
            #expect(try await Self.inbox(office).contains("Quyết định số 1520/QĐ-UBND"))
            for b in outsiders { #expect(!(try await Self.inbox(b).contains("1520/QĐ-UBND"))) }

            // The API answers the same inbox; nobody else's notice is reachable.
            let api = try await APIClient.login(app, "dakruong")
            let list = try await api.send(.GET, "/api/v1/notices?perPage=200")
            #expect(list.status == .ok)
            let dto = try list.json(NoticesAPIController.NoticeListDTO.self)
            #expect(dto.items.contains { $0.kind == "decision-issued" && $0.title.contains("1520/QĐ-UBND") })
            let tanlapAPI = try await APIClient.login(app, "tanlap")
            let other = try await tanlapAPI.send(.GET, "/api/v1/notices?perPage=200").json(
                NoticesAPIController.NoticeListDTO.self)
            #expect(!other.items.contains { $0.link == path || $0.link == upPath || $0.title.contains("1520/") })
            #expect(
                try await tanlapAPI.send(.POST, "/api/v1/notices/\(try decided.requireID())/read").status == .notFound)
        }
    }

    @Test(
        "A dossier sent to the district: Phòng Nội vụ receives it; returned, the commune is told why; Tân Lập hears nothing"
    )
    func districtReceivesAndReturns() async throws {
        try await withTestApp { app in
            _ = try await keepDistrictInOffice(app)
            let unitAPI = try await APIClient.login(app, "dakruong")
            let (a, _) = try await CommendationTests.person(app, unitAPI, name: "Y Nhím")
            let adminUser = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin").first())
            let system = Actor(
                userID: try adminUser.requireID(), username: "admin", role: .admin, unitID: nil, unitPath: nil)
            let did = try await DemoCommendation.dossier(
                app: app, year: 2024, number: "44/TTr-UBND", actor: system, sets: app.ruleSets,
                jurisdiction: app.config?.jurisdiction ?? "VN", communeID: try await unitID(app, "KR-DAKRUONG"),
                nominees: [(a, "cstd-co-so", "Thành tích xuất sắc năm 2024.")])
            let path = "/app/dossiers/\(did)"
            let unit = try await Self.browser(app, "dakruong")
            let noivu = try await Self.browser(app, "noivu")
            let tanlap = try await Self.browser(app, "tanlap")
            try await unit.send(.GET, path)
            let sent = try await unit.post(path + "/submit", [])
            #expect(sent.status == .seeOther, "\(sent.text.prefix(400))")
            let d = try #require(try await DossierModel.find(did, on: app.db))
            let council = try await AuthorityService.find(try #require(d.$authority.id), on: app.db)
            let mine = try await NoticeModel.query(on: app.db).filter(\.$kind == .dossierReceived).all().filter {
                $0.link == path
            }
            #expect(mine.count == 1 && mine.first?.unitID == council.$standingUnit.id)
            let standing = try #require(
                try await UserModel.query(on: app.db).filter(\.$unit.$id == council.$standingUnit.id).first())
            let standingInbox = try await Self.inbox(try await Self.browser(app, standing.username))
            #expect(Self.card(standingInbox, "Hồ sơ “\(Self.title2024)” đã được gửi đến \(council.councilName)", path))
            #expect(council.$standingUnit.id == (try await unitID(app, "KR-PNV")), "the district's Phòng Nội vụ")
            #expect(!(try await Self.inbox(tanlap).contains("href=\"\(path)\"")))
            #expect(!(try await Self.inbox(unit).contains("href=\"\(path)\"")), "the sender is not the receiver")

            // Returned with a reason: the commune is told why; Tân Lập is not.
            let office = standing.username == "noivu" ? noivu : try await Self.browser(app, standing.username)
            try await office.send(.GET, path)
            for n in try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == did).all() {
                let r = try await office.post(
                    path + "/nominees/\(try n.requireID())/appraisal",
                    [("result", "returned"), ("note", "Thiếu báo cáo thành tích có xác nhận.")])
                #expect(r.status == .seeOther, "\(r.text.prefix(300))")
            }
            #expect(try await office.post(path + "/appraisal/finish", []).status == .seeOther)
            let text = try await Self.inbox(unit)
            #expect(Self.card(text, "Hồ sơ “\(Self.title2024)” bị trả lại để bổ sung", path))
            #expect(text.contains("Thiếu báo cáo thành tích có xác nhận."))
            #expect(!(try await Self.inbox(tanlap).contains("href=\"\(path)\"")))
        }
    }

    @Test("Marking read: one notice (404 for someone else's), then all; the dashboard shows the unread ones")
    func markRead() async throws {
        try await withTestApp { app in
            let dakruong = try await unitID(app, "KR-DAKRUONG")
            let tanlapUnit = try await unitID(app, "KR-TANLAP")
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "dakruong").first())
            for i in 1...3 {
                try await Notices.emit(
                    .dossierReturned, to: [.unit(dakruong)], title: "Thông báo thử \(i)", body: "Nội dung \(i)",
                    link: DossiersPath.list, on: app.db)
            }
            try await Notices.emit(
                .decisionIssued, to: [.user(try user.requireID())], title: "Thông báo riêng", body: "Riêng",
                link: DossiersPath.list, on: app.db)
            try await Notices.emit(
                .dossierReturned, to: [.unit(tanlapUnit)], title: "Thông báo của Tân Lập", body: "x",
                link: DossiersPath.list, on: app.db)
            let b = try await Self.browser(app, "dakruong")
            var home = try await b.send(.GET, "/app")
            #expect(home.text.contains("Thông báo thử 3") && home.text.contains("Thông báo riêng"))
            #expect(!home.text.contains("Thông báo của Tân Lập"))
            let first = try await Self.notice(app, .dossierReturned, containing: "Thông báo thử 1")
            let theirs = try await Self.notice(app, .dossierReturned, containing: "Tân Lập")
            let other = try await Self.browser(app, "tanlap")
            try await other.send(.GET, "/app/notices")
            #expect(try await other.post("/app/notices/\(try first.requireID())/read", []).status == .notFound)
            #expect(try await b.post("/app/notices/\(try theirs.requireID())/read", []).status == .notFound)
            #expect(try await b.post("/app/notices/999999/read", []).status == .notFound)
            let r = try await b.post("/app/notices/\(try first.requireID())/read", [("back", "https://evil.example")])
            #expect(r.status == .seeOther && r.location == "/app/notices")
            #expect(!(try await Self.inbox(b, unread: true).contains("Thông báo thử 1")))
            #expect(try await Self.inbox(b).contains("Thông báo thử 1"), "still listed under “Tất cả”")
            // A unit's notice is read per account: Y Hoa of the same commune still has it unread.
            #expect(
                try await Self.inbox(try await Self.browser(app, "hd.dakruong"), unread: true).contains(
                    "Thông báo thử 1"))
            // Twice is harmless.
            #expect(try await b.post("/app/notices/\(try first.requireID())/read", []).status == .seeOther)
            let all = try await b.post("/app/notices/read-all", [("back", "/app")])
            #expect(all.status == .seeOther && all.location == "/app")
            home = try await b.send(.GET, "/app")
            #expect(home.text.contains("Không có thông báo chưa đọc."))
            #expect(!(try await Self.inbox(b, unread: true).contains("Thông báo thử")))
            // Tân Lập's own notice is untouched by Đăk Ruồng's "read all".
            #expect(try await Self.inbox(other, unread: true).contains("Thông báo của Tân Lập"))
            // Bad filters are a Vietnamese 400.
            let bad = try await b.send(.GET, "/app/notices?unread=maybe")
            #expect(bad.status == .badRequest && bad.text.contains("unread"))
            #expect(try await b.send(.GET, "/app/notices?before=abc").status == .badRequest)
            #expect(try await b.send(.GET, "/app/notices?before=\(try theirs.requireID())").status == .badRequest)
        }
    }

    @Test("Paging by key: 70 notices in pages of 30, newest first, none repeated or skipped, same created_at too")
    func paging() async throws {
        try await withTestApp { app in
            let dakruong = try await unitID(app, "KR-DAKRUONG")
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "dakruong").first())
            // Emitted in one go: many share their created_at, so the id breaks the ties.
            for i in 1...70 {
                try await Notices.emit(
                    .voteOpened, to: [i % 2 == 0 ? .unit(dakruong) : .user(try user.requireID())],
                    title: "Trang thử số \(i).", body: "", link: DossiersPath.list, on: app.db)
            }
            let b = try await Self.browser(app, "dakruong")
            var seen: [Int] = []
            var next: String? = "/app/notices"
            var pages = 0
            while let path = next, pages < 10 {
                let text = try await b.send(.GET, path).text
                for i in 1...70 where text.contains("Trang thử số \(i).") { seen.append(i) }
                next = text.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
                    .first { $0.contains("before=") && !$0.contains("unread") }.map {
                        String($0).replacingOccurrences(of: "&amp;", with: "&")
                    }
                pages += 1
            }
            #expect(seen.sorted() == Array(1...70) && Set(seen).count == 70, "\(seen)")
            #expect(pages == 3)
            let api = try await APIClient.login(app, "dakruong")
            let firstPage = try await api.send(.GET, "/api/v1/notices?perPage=30").json(
                NoticesAPIController.NoticeListDTO.self)
            #expect(firstPage.items.count == 30 && firstPage.next != nil)
            #expect(firstPage.items.first?.title == "Trang thử số 70.", "newest first")
        }
    }

    @Test("Configuration: no SMTP_HOST, no e-mail; a half-set or wrong SMTP configuration names the variable")
    func smtpConfiguration() throws {
        let dir = NSTemporaryDirectory()
        #expect(try AppConfig.fromEnvironment(["DATABASE_PATH": ":memory:"], workingDirectory: dir).smtp == nil)
        let ok = try AppConfig.fromEnvironment(
            [
                "DATABASE_PATH": ":memory:", "SMTP_HOST": "mail.kontum.gov.vn", "SMTP_FROM": "khenthuong@kontum.gov.vn",
                "SMTP_STARTTLS": "true", "SMTP_USER": "kt", "SMTP_PASSWORD": "bí mật",
            ], workingDirectory: dir)
        #expect(
            ok.smtp
                == SMTPSettings(
                    host: "mail.kontum.gov.vn", port: 587, from: "khenthuong@kontum.gov.vn", user: "kt",
                    password: "bí mật", startTLS: true))
        func variable(_ env: [String: String]) -> String? {
            do {
                _ = try AppConfig.fromEnvironment(
                    env.merging(["DATABASE_PATH": ":memory:"]) { a, _ in a }, workingDirectory: dir)
                return nil
            } catch let e as ConfigError { return e.variable } catch { return "?" }
        }
        #expect(variable(["SMTP_FROM": "a@b.vn"]) == "SMTP_HOST")
        #expect(variable(["SMTP_HOST": "mail", "SMTP_FROM": "a@b.vn", "SMTP_PORT": "99999"]) == "SMTP_PORT")
        #expect(variable(["SMTP_HOST": "mail"]) == "SMTP_FROM")
        #expect(variable(["SMTP_HOST": "mail", "SMTP_FROM": "a@b.vn", "SMTP_USER": "x"]) == "SMTP_PASSWORD")
        #expect(variable(["SMTP_HOST": "mail", "SMTP_FROM": "a@b.vn", "SMTP_STARTTLS": "maybe"]) == "SMTP_STARTTLS")
    }

    @Test(
        "E-mail: a notice to a commune's accounts with an address is queued with the change and sent once to a fake SMTP server, the Vietnamese subject in RFC 2047; a refusal is retried later"
    )
    func email() async throws {
        try await withTestApp { app in
            let server = try await FakeSMTPServer.start()
            defer { Task { await server.stop() } }
            let settings = SMTPSettings(
                host: "127.0.0.1", port: server.port, from: "khenthuong@kontum.gov.vn", user: "kt",
                password: "mật khẩu")
            for (name, email) in [("dakruong", "thuan@dakruong.vn"), ("tanlap", "lan@tanlap.vn")] {
                let u = try #require(try await UserModel.query(on: app.db).filter(\.$username == name).first())
                u.email = email
                try await u.save(on: app.db)
            }
            let (did, _, _) = try await commune2025Dossier(app)
            let office = try await Self.browser(app, "dakruong")
            try await office.send(.GET, "/app/dossiers/\(did)")
            #expect(try await office.post("/app/dossiers/\(did)/submit", []).status == .seeOther)
            let queued = try await NoticeMailModel.query(on: app.db).all()
            #expect(queued.map(\.email) == ["thuan@dakruong.vn"], "only the receiving unit's account with an address")

            // Two passes at once (two instances): each row is claimed by one of them only.
            async let p1 = NoticeMailer.runOnce(settings, on: app.db)
            async let p2 = NoticeMailer.runOnce(settings, on: app.db)
            let (r1, r2) = try await (p1, p2)
            #expect(r1.sent + r2.sent == 1)
            let mails = await server.messages
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.rcpt == ["thuan@dakruong.vn"] && mail.from == "khenthuong@kontum.gov.vn")
            #expect(mail.auth == "\0kt\0mật khẩu")
            #expect(mail.subject.hasPrefix("=?UTF-8?B?"), "\(mail.subject)")
            #expect(
                FakeSMTPServer.decodeWords(mail.subject)
                    == "[Điển Hình] Hồ sơ “\(Self.title2025)” đã được gửi đến Hội đồng Thi đua - Khen thưởng xã Đăk Ruồng"
            )
            #expect(FakeSMTPServer.decodeBody(mail.data).contains("Kính gửi A Thuận"))
            #expect(try await NoticeMailer.runOnce(settings, on: app.db) == .init(), "sent once")
            #expect(try await NoticeMailModel.query(on: app.db).first()?.sentAt != nil)

            // The server refuses: the row waits and is tried again later; a later pass sends it.
            await server.refuse(true)
            try await Notices.emit(
                .decisionIssued, to: [.unit(try await unitID(app, "KR-TANLAP"))], title: "Quyết định thử",
                body: "Nội dung", link: DossiersPath.list, on: app.db)
            #expect(try await NoticeMailer.runOnce(settings, on: app.db).retried == 1)
            let waiting = try #require(
                try await NoticeMailModel.query(on: app.db).filter(\.$email == "lan@tanlap.vn").first())
            #expect(waiting.attempts == 1 && waiting.sentAt == nil && waiting.lastError.contains("451"))
            #expect(try await NoticeMailer.runOnce(settings, on: app.db) == .init(), "not due yet")
            await server.refuse(false)
            let later = try await NoticeMailer.runOnce(settings, on: app.db, now: Date().addingTimeInterval(3600))
            #expect(later.sent == 1)
            #expect(await server.messages.last?.rcpt == ["lan@tanlap.vn"])
        }
    }

    @Test("The account form keeps an optional e-mail address: a wrong one is refused in Vietnamese, the API leaves it")
    func accountEmail() async throws {
        try await withTestApp { app in
            let u = try #require(try await UserModel.query(on: app.db).filter(\.$username == "tanlap").first())
            let id = try u.requireID()
            let office = try await Self.browser(app, "noivu")
            let edit = try await office.send(.GET, "/app/users/\(id)/edit")
            #expect(edit.text.contains("E-mail nhận thông báo"))
            var fields: [(String, String)] = [
                ("username", "tanlap"), ("fullName", u.fullName), ("role", u.role),
                ("unitID", String(try #require(u.$unit.id))), ("active", "on"), ("email", "lan-tanlap.vn"),
            ]
            let bad = try await office.post("/app/users/\(id)", fields)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Địa chỉ e-mail phải có dạng ten@donvi.gov.vn, hoặc để trống."))
            #expect(bad.text.contains("lan-tanlap.vn"), "the form comes back as typed")
            fields[5].1 = "lan@tanlap.vn"
            #expect(try await office.post("/app/users/\(id)", fields).status == .seeOther)
            #expect(try await UserModel.find(id, on: app.db)?.email == "lan@tanlap.vn")
            // The API without the field keeps it.
            let api = try await APIClient.login(app, "noivu")
            let r = try await api.send(
                .PUT, "/api/v1/users/\(id)",
                json: [
                    "username": "tanlap", "fullName": "Nguyễn Thị Lan", "role": u.role, "unitID": u.$unit.id ?? 0,
                    "active": true,
                ])
            #expect(r.status == .ok, "\(r.text.prefix(300))")
            #expect(try await UserModel.find(id, on: app.db)?.email == "lan@tanlap.vn")
            fields[5].1 = ""
            try await office.send(.GET, "/app/users/\(id)/edit")
            #expect(try await office.post("/app/users/\(id)", fields).status == .seeOther)
            #expect(try await UserModel.find(id, on: app.db)?.email == nil, "emptied: no e-mail")
        }
    }

    @Test("The SMTP subject: RFC 2047 words of at most 75 characters that decode to the whole Vietnamese title")
    func encodedWords() {
        let title = String(repeating: "Quyết định khen thưởng Đăk Ruồng “Bằng khen” ", count: 4)
        let encoded = SMTPClient.encodedWord(title)
        #expect(encoded.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 75 })
        #expect(FakeSMTPServer.decodeWords(encoded) == title)
    }
}

/// A minimal SMTP server for the tests: answers EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT, and keeps each message.
actor FakeSMTPServer {
    struct Mail: Sendable {
        var from = ""
        var rcpt: [String] = []
        var auth: String?
        var data: [String] = []
        var subject: String {
            var lines: [String] = []
            for l in data {
                if l.isEmpty { break }
                if l.hasPrefix(" "), !lines.isEmpty { lines[lines.count - 1] += l } else { lines.append(l) }
            }
            return lines.first { $0.hasPrefix("Subject: ") }.map { String($0.dropFirst(9)) } ?? ""
        }
    }
    private(set) var messages: [Mail] = []
    private var refusing = false
    nonisolated let port: Int
    private let channel: NIOAsyncChannel<NIOAsyncChannel<String, ByteBuffer>, Never>
    private var serving: Task<Void, Never>?

    private init(channel: NIOAsyncChannel<NIOAsyncChannel<String, ByteBuffer>, Never>) {
        self.channel = channel
        port = channel.channel.localAddress?.port ?? 0
    }

    static func start() async throws -> FakeSMTPServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { ch in
                ch.eventLoop.makeCompletedFuture {
                    try ch.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: ch)
                }
            }
        let server = FakeSMTPServer(channel: channel)
        await server.serve()
        return server
    }

    private func serve() {
        let channel = self.channel
        serving = Task {
            try? await channel.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await conn in inbound {
                        group.addTask { await self.handle(conn) }
                    }
                }
            }
        }
    }

    func refuse(_ on: Bool) { refusing = on }
    private func keep(_ m: Mail) { messages.append(m) }

    private func handle(_ conn: NIOAsyncChannel<String, ByteBuffer>) async {
        try? await conn.executeThenClose { inbound, outbound in
            func say(_ s: String) async throws { try await outbound.write(ByteBuffer(string: s + "\r\n")) }
            try await say("220 fake.local ESMTP")
            var mail = Mail()
            var inData = false
            for try await line in inbound {
                if inData {
                    if line == "." {
                        inData = false
                        self.keep(mail)
                        mail = Mail()
                        try await say("250 OK queued")
                    } else {
                        mail.data.append(line)
                    }
                    continue
                }
                let upper = line.uppercased()
                if upper.hasPrefix("EHLO") {
                    try await say("250-fake.local")
                    try await say("250 AUTH PLAIN")
                } else if upper.hasPrefix("AUTH PLAIN ") {
                    mail.auth = Data(base64Encoded: String(line.dropFirst(11))).flatMap {
                        String(data: $0, encoding: .utf8)
                    }
                    try await say("235 2.7.0 Authentication successful")
                } else if upper.hasPrefix("MAIL FROM:") {
                    if self.refusing {
                        try await say("451 4.3.0 Try again later")
                        continue
                    }
                    mail.from = String(line.dropFirst(10)).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
                    try await say("250 OK")
                } else if upper.hasPrefix("RCPT TO:") {
                    mail.rcpt.append(String(line.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: "<>")))
                    try await say("250 OK")
                } else if upper == "DATA" {
                    inData = true
                    try await say("354 End data with <CR><LF>.<CR><LF>")
                } else if upper == "QUIT" {
                    try await say("221 Bye")
                    return
                } else {
                    try await say("502 Command not implemented")
                }
            }
        }
    }

    func stop() async {
        try? await channel.channel.close()
        serving?.cancel()
    }

    /// "=?UTF-8?B?…?=" words (folded or not) back to text.
    static func decodeWords(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: "").components(separatedBy: " ").map { w -> String in
            guard w.hasPrefix("=?UTF-8?B?"), w.hasSuffix("?=") else { return w }
            let b64 = String(w.dropFirst(10).dropLast(2))
            return Data(base64Encoded: b64).flatMap { String(data: $0, encoding: .utf8) } ?? w
        }.joined()
    }

    /// The base64 body after the headers, as text.
    static func decodeBody(_ data: [String]) -> String {
        guard let blank = data.firstIndex(of: "") else { return "" }
        let b64 = data[(blank + 1)...].joined()
        return Data(base64Encoded: b64).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }
}

@Suite("Notices: the inbox's query plan")
struct NoticePlanTests {
    @Test("An account's and a unit's inbox pages are read through their (recipient, created_at, id) index, unsorted")
    func inboxUsesIndex() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            struct Row: Decodable { let detail: String }
            struct PGRow: Decodable {
                let plan: String
                enum CodingKeys: String, CodingKey { case plan = "QUERY PLAN" }
            }
            for (column, index) in [("user_id", "notices_user_idx"), ("unit_id", "notices_unit_idx")] {
                let q = Notices.pageQuery(column: column, value: 1, reader: 1, unreadOnly: true, after: 5, limit: 31)
                var plan: String
                if sql.dialect.name == "sqlite" {
                    plan = try await sql.raw(SQLQueryString("EXPLAIN QUERY PLAN ") + q).all(decoding: Row.self)
                        .map(\.detail).joined(separator: "\n")
                } else {
                    // An empty table is scanned and sorted anyway unless those plans are discouraged.
                    try await sql.raw("SET enable_seqscan = off").run()
                    try await sql.raw("SET enable_sort = off").run()
                    plan = try await sql.raw(SQLQueryString("EXPLAIN ") + q).all(decoding: PGRow.self)
                        .map(\.plan).joined(separator: "\n")
                    try await sql.raw("SET enable_seqscan = on").run()
                    try await sql.raw("SET enable_sort = on").run()
                }
                #expect(plan.contains(index), "\(plan)")
                #expect(!plan.contains("TEMP B-TREE") && !plan.contains("Sort Key"), "no sort step: \(plan)")
            }
        }
    }
}

@Suite("E-mail addresses")
struct EmailAddressTests {
    @Test("An address with a line break anywhere, the end included, is refused (it would split an SMTP command)")
    func lineBreaks() {
        #expect(SMTPClient.isAddress("khenthuong@kontum.gov.vn"))
        #expect(!SMTPClient.isAddress("a@b\n"))
        #expect(!SMTPClient.isAddress("a@b\r\nRCPT TO:<x@y>"))
        #expect(!SMTPClient.isAddress("a b@c"))
    }
}
