import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Issue 17, item 6: the audit log is a hash chain that `audit verify` checks, with personal values redacted,
/// and exports and evidence downloads are logged. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
@Suite struct AuditChainTests {
    /// Ids of the audit entries, oldest first.
    static func ids(_ app: Application) async throws -> [Int] {
        try await AuditEntryModel.query(on: app.db).sort(\.$id).all().map { try $0.requireID() }
    }

    @Test func untouchedChainVerifies() async throws {
        try await withTestApp { app in
            let v = try await AuditChain.verify(on: app.db)
            #expect(v.ok, "\(v.message)")
            #expect(v.checked == (try await Self.ids(app)).count)
            #expect(v.checked > 10)
        }
    }

    @Test func editedSummaryIsNamed() async throws {
        try await withTestApp { app in
            let id = try await Self.ids(app)[5]
            try await app.db.sql().raw("UPDATE audit_entries SET summary = 'sửa lén' WHERE id = \(bind: id)").run()
            let v = try await AuditChain.verify(on: app.db)
            #expect(!v.ok)
            #expect(v.badEntryID == id)
            #expect(v.message.contains("#\(id)") && v.message.contains("đã bị sửa"))
        }
    }

    @Test func deletedMiddleEntryIsFound() async throws {
        try await withTestApp { app in
            let ids = try await Self.ids(app)
            try await app.db.sql().raw("DELETE FROM audit_entries WHERE id = \(bind: ids[7])").run()
            let v = try await AuditChain.verify(on: app.db)
            #expect(!v.ok)
            #expect(v.badEntryID == ids[8])
            #expect(v.message.contains("sau mục #\(ids[6])"))
        }
    }

    @Test func deletedLastEntryIsFound() async throws {
        try await withTestApp { app in
            let ids = try await Self.ids(app)
            try await app.db.sql().raw("DELETE FROM audit_entries WHERE id = \(bind: ids.last!)").run()
            let v = try await AuditChain.verify(on: app.db)
            #expect(!v.ok)
            #expect(v.message.contains("bị cắt"))
        }
    }

    @Test func swappedEntriesAreFound() async throws {
        try await withTestApp { app in
            let ids = try await Self.ids(app)
            let (a, b) = (ids[3], ids[4])
            let rows = try await AuditEntryModel.query(on: app.db).filter(\.$id ~~ [a, b]).sort(\.$id).all()
            let (x, y) = (rows[0], rows[1])
            // Swap every column but the id, hashes included: only the order of the two changes.
            let sql = try app.db.sql()
            for (target, source) in [(a, y), (b, x)] {
                try await sql.update("audit_entries")
                    .set("summary", to: source.summary).set("action", to: source.action)
                    .set("entity", to: source.entity).set("entity_id", to: source.entityID)
                    .set("before", to: source.before).set("after", to: source.after)
                    .set("at", to: source.at).set("username", to: source.username)
                    .set("user_id", to: source.userID).set("unit_id", to: source.unitID)
                    .set("prev_hash", to: source.prevHash).set("hash", to: source.hash)
                    .where("id", .equal, target).run()
            }
            let v = try await AuditChain.verify(on: app.db)
            #expect(!v.ok)
            #expect(v.badEntryID == a)
            // Content alone swapped (hashes left in place) is found at the same entry.
            for (target, source) in [(a, x), (b, y)] {
                try await sql.update("audit_entries").set("prev_hash", to: source.prevHash).set("hash", to: source.hash)
                    .where("id", .equal, target).run()
            }
            let w = try await AuditChain.verify(on: app.db)
            #expect(w.badEntryID == a)
            #expect(w.message.contains("đã bị sửa"))
        }
    }

    @Test func verifyRouteAnswersTheAdmin() async throws {
        try await withTestApp { app in
            let admin = try await APIClient.login(app, "admin", adminPassword)
            let ok = try await admin.send(.GET, "/api/v1/audit/verify")
            #expect(ok.status == .ok)
            #expect(try ok.jsonObject()["ok"] as? Bool == true)
            let id = try await Self.ids(app)[2]
            try await app.db.sql().raw("UPDATE audit_entries SET after = NULL WHERE id = \(bind: id)").run()
            let bad = try await admin.send(.GET, "/api/v1/audit/verify").jsonObject()
            #expect(bad["ok"] as? Bool == false)
            #expect(bad["badEntryID"] as? Int == id)
            let officer = try await APIClient.login(app, "dakruong")
            #expect(try await officer.send(.GET, "/api/v1/audit/verify").status == .notFound)
        }
    }

    /// 50 writes at once through the API (several connections on SQLite, a pool on PostgreSQL): one chain, no fork.
    /// The writes queue for their turn (`FairGate.sqliteWriter`); with the whole suite running beside it, fifty in line can
    /// wait longer than the production default of 45 s, so the wait is raised: this test is about one chain. On
    /// PostgreSQL the same for a pooled connection (with three suites on the machine, 7 of the 50 once waited past
    /// the pool's 10 s).
    static func patientWrites(_ c: inout AppConfig) {
        c.sqliteWriteWait = 600
        c.postgresPoolWait = 600
    }

    @Test func concurrentWritesKeepOneChain() async throws {
        try await withTestApp(sqliteFile: true, adjust: Self.patientWrites) { app in
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let reg = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": unit, "typeCode": "MH-15", "title": "Mô hình nuôi ong",
                    "subject": ["kind": "household", "name": "Hộ ông A Thiết"],
                ])
            #expect(reg.status == .created, "\(reg.text)")
            let id = try #require(try reg.jsonObject()["id"] as? Int)
            let before = try await AuditEntryModel.query(on: app.db).count()
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        try await api.send(
                            .POST, "/api/v1/registrations/\(id)/actions",
                            json: ["title": "Hỗ trợ lần \(i)", "responsible": "Xã", "dueDate": "30/08/2024"]
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses.filter { $0 != .created })")
            #expect(try await AuditEntryModel.query(on: app.db).count() == before + 50)
            let v = try await AuditChain.verify(on: app.db)
            #expect(v.ok, "\(v.message)")
        }
    }

    @Test func personalValuesAreRedacted() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let subject: [String: Any] = [
                "kind": "individual", "name": "Y Hoa", "idNumber": "062180004321", "phone": "0987654321",
                "address": "Thôn 7, xã Đăk Ruồng", "birthDate": "12/03/1990",
            ]
            let body: [String: Any] = [
                "year": 2024, "unitID": unit, "typeCode": "CN-01", "title": "Gương người tốt", "subject": subject,
            ]
            let res = try await api.send(.POST, "/api/v1/registrations", json: body)
            #expect(res.status == .created, "\(res.text)")
            let id = try #require(try res.jsonObject()["id"] as? Int)
            var changed = body
            var s = subject
            s["idNumber"] = "062180009876"
            changed["subject"] = s
            let put = try await api.send(.PUT, "/api/v1/registrations/\(id)", json: changed)
            #expect(put.status == .ok, "\(put.text)")
            let entries = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "registration")
                .filter(\.$entityID == String(id)).all()
            #expect(entries.count >= 2)
            let text = entries.map { ($0.before ?? "") + ($0.after ?? "") + $0.summary }.joined()
            for secret in ["062180004321", "062180009876", "0987654321", "Thôn 7", "12/03/1990"] {
                #expect(!text.contains(secret), "audit holds \(secret)")
            }
            #expect(text.contains(AuditRedaction.prefix))
            // The change is still visible: the ID number's marker differs between the two entries.
            let create = try #require(entries.first { $0.action == "create" })
            let update = try #require(entries.first { $0.action == "update" })
            func idMarker(_ json: String?) throws -> String? {
                let o = try JSONSerialization.jsonObject(with: Data((json ?? "{}").utf8)) as? [String: Any]
                return (o?["subject"] as? [String: Any])?["idNumber"] as? String
            }
            let (old, new) = (try idMarker(create.after), try idMarker(update.after))
            #expect(old != nil && new != nil && old != new)
            #expect((try await AuditChain.verify(on: app.db)).ok)
        }
    }

    @Test func redactionKeepsOtherJSONAndMasksNested() {
        let plain = #"{"name":"Hộ A","year":2024}"#
        #expect(AuditRedaction.redact(json: plain, key: "k") == plain)
        let out = AuditRedaction.redact(json: #"{"a":[{"id_number":"062080000123","phone":""}],"x":1.5}"#, key: "k")
        #expect(!out.contains("062080000123"))
        #expect(out.contains(#""phone":"""#))
        #expect(out.contains(#""x":1.5"#))
        #expect(AuditRedaction.redact(json: "not json 062080000123", key: "k") == "not json 062080000123")
    }

    @Test func exportsAndDownloadsAreLogged() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let reg = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": unit, "typeCode": "MH-15", "title": "Mô hình trồng sâm",
                    "subject": ["kind": "household", "name": "Hộ bà Y Mai"],
                ])
            let id = try #require(try reg.jsonObject()["id"] as? Int)
            let export = try await api.send(.GET, "/api/v1/registrations/export?format=csv&year=2024")
            #expect(export.status == .ok)
            let rows = export.text.split(whereSeparator: \.isNewline).count - 1
            let logged = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "export").sort(\.$id, .descending)
                    .first())
            #expect(logged.username == "dakruong")
            #expect(logged.summary.contains("\(rows) đăng ký"))
            #expect(logged.after?.contains("year=2024") == true)

            let up = try await api.upload(
                "/api/v1/registrations/\(id)/evidence", filename: "bien-ban.pdf", type: "application/pdf",
                bytes: Fields.pdf)
            #expect(up.status == .created, "\(up.text)")
            let href = try #require(try up.jsonObject()["href"] as? String)
            #expect(try await api.send(.GET, href).status == .ok)
            let download = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "download").first())
            #expect(download.entity == "evidence")
            #expect(download.summary.contains("bien-ban.pdf"))
            #expect((try await AuditChain.verify(on: app.db)).ok)
        }
    }

    /// Entries written before migration 13 are redacted and chained by it.
    @Test func migrationChainsExistingEntries() async throws {
        try await withTestApp(demo: false) { app in
            let sql = try app.db.sql()
            try await sql.raw("DELETE FROM audit_state").run()
            try await sql.raw("UPDATE audit_entries SET prev_hash = NULL, hash = NULL").run()
            try await sql.insert(into: "audit_entries")
                .columns("at", "username", "action", "entity", "summary", "after")
                .values(
                    SQLBind(Date()), SQLBind("cũ"), SQLBind("create"), SQLBind("subject"), SQLBind("Thêm đối tượng"),
                    SQLBind(#"{"idNumber":"062080007777","name":"A"}"#)
                ).run()
            try await AddAuditChain.chainExisting(on: app.db)
            let v = try await AuditChain.verify(on: app.db)
            #expect(v.ok, "\(v.message)")
            #expect(v.checked == (try await Self.ids(app)).count)
            let after = try await AuditEntryModel.query(on: app.db).filter(\.$username == "cũ").first()?.after
            #expect(after?.contains("062080007777") == false)
            #expect(after?.contains(AuditRedaction.prefix) == true)
            // New entries continue the same chain.
            try await AuditLog.record(
                on: app.db, actor: nil, action: "update", entity: "test", entityID: nil, unitID: nil, summary: "tiếp",
                before: Optional<String>.none, after: Optional<String>.none)
            #expect((try await AuditChain.verify(on: app.db)).ok)
        }
    }
}
