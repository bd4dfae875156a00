import Crypto
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Issue 17, item 7: `backup` then `restore` into a fresh place gives back every table row for row and every
/// uploaded file byte for byte; a damaged backup is refused. SQLite (a WAL file), and PostgreSQL with TEST_DATABASE_URL.
@Suite struct BackupTests {
    struct TableDigest: Equatable, CustomStringConvertible {
        let rows: Int
        let sha256: String
        let bytes: Int
        var description: String { "\(rows) rows \(sha256.prefix(12))" }
    }

    /// Every table: its row count and a SHA-256 over every row's text, rows ordered by primary key.
    static func digest(_ db: any Database) async throws -> [String: TableDigest] {
        let sql = try db.sql()
        var out: [String: TableDigest] = [:]
        let tables: [String]
        if db.isPostgres {
            tables = try await sql.raw(
                """
                SELECT table_name AS name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                """
            ).all().map { try $0.decode(column: "name", as: String.self) }
        } else {
            tables = try await sql.raw(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).all().map { try $0.decode(column: "name", as: String.self) }
        }
        for t in tables {
            let query: SQLQueryString
            if db.isPostgres {
                let pk = try await sql.raw(
                    """
                    SELECT a.attname AS name FROM pg_index i
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                    WHERE i.indrelid = \(bind: t)::regclass AND i.indisprimary
                    ORDER BY array_position(i.indkey::int2[], a.attnum)
                    """
                ).all().map { try $0.decode(column: "name", as: String.self) }
                let order = pk.isEmpty ? "1" : pk.map { "x.\"\($0)\"" }.joined(separator: ", ")
                query = "SELECT CAST(x AS text) AS r FROM \(ident: t) AS x ORDER BY \(unsafeRaw: order)"
            } else {
                let cols = try await sql.raw("SELECT name, pk FROM pragma_table_info(\(bind: t))").all().map {
                    (try $0.decode(column: "name", as: String.self), try $0.decode(column: "pk", as: Int.self))
                }
                let pk = cols.filter { $0.1 > 0 }.sorted { $0.1 < $1.1 }.map { "\"\($0.0)\"" }
                let row = cols.map { "quote(\"\($0.0)\")" }.joined(separator: " || '|' || ")
                let order = pk.isEmpty ? "rowid" : pk.joined(separator: ", ")
                query = "SELECT \(unsafeRaw: row) AS r FROM \(ident: t) ORDER BY \(unsafeRaw: order)"
            }
            var sha = SHA256()
            var n = 0
            var bytes = 0
            for r in try await sql.raw(query).all() {
                let text = try r.decode(column: "r", as: String.self)
                sha.update(data: Data((text + "\n").utf8))
                n += 1
                bytes += text.utf8.count
            }
            out[t] = TableDigest(
                rows: n, sha256: sha.finalize().map { String(format: "%02x", $0) }.joined(), bytes: bytes)
        }
        return out
    }

    @Test func backupRestoresEveryTableAndFile() async throws {
        try await withTestApp(sqliteFile: true) { app in
            // Data beyond the demo: a registration with an uploaded evidence file.
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let reg = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": unit, "typeCode": "MH-15", "title": "Mô hình cà phê xen canh",
                    "subject": ["kind": "household", "name": "Hộ ông A Pếch", "idNumber": "062080005555"],
                ])
            #expect(reg.status == .created, "\(reg.text)")
            let id = try #require(try reg.jsonObject()["id"] as? Int)
            let up = try await api.upload(
                "/api/v1/registrations/\(id)/evidence", filename: "anh.pdf", type: "application/pdf", bytes: Fields.pdf)
            #expect(up.status == .created, "\(up.text)")

            let work = NSTemporaryDirectory() + "dienhinh-backup-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: work) }
            let dir = work + "/backup"
            let manifest = try await Backup.create(app: app, output: dir)
            #expect(manifest.migrations.contains { $0.hasSuffix("AddAuditChain") })
            #expect(manifest.files.contains { $0.path.hasPrefix("database.") })
            // A second backup into the same folder is refused rather than mixed.
            await #expect(throws: Backup.Failure.self) { _ = try await Backup.create(app: app, output: dir) }

            // A fresh place: a new SQLite file, or a new PostgreSQL database.
            let fresh: AppConfig.DatabaseKind
            var freshDatabase: String?
            guard let config = app.config else { return }
            switch config.database {
            case .postgres(let url, let searchPath):
                let name =
                    "dh_restore_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
                try await app.db.sql().raw("CREATE DATABASE \(ident: name)").run()
                freshDatabase = name
                var c = try #require(URLComponents(string: url))
                c.path = "/" + name
                fresh = .postgres(url: try #require(c.string), searchPath: searchPath)
            default:
                try FileManager.default.createDirectory(atPath: work + "/fresh", withIntermediateDirectories: true)
                fresh = .sqliteFile(path: work + "/fresh/dienhinh.sqlite")
            }
            let app2 = try await Application.make(.testing)
            do {
                var config2 = config
                config2.database = fresh
                try await configure(app2, config2)
                let restored = try await Backup.restore(app: app2, from: dir, force: false)
                #expect(restored.manifest.files == manifest.files)

                let (a, b) = (try await Self.digest(app.db), try await Self.digest(app2.db))
                #expect(a.count > 20)
                #expect(a == b)
                var compared = a.values.reduce(0) { $0 + $1.bytes }
                #expect(try await AuditChain.verify(on: app2.db).ok)

                if case .sqliteFile = config.database {
                    let (src, dst) = (FileStore.uploadsDirectory(app), FileStore.uploadsDirectory(app2))
                    let names = try FileManager.default.contentsOfDirectory(atPath: src).sorted()
                    #expect(names.count == manifest.files.count - 1)
                    #expect(try FileManager.default.contentsOfDirectory(atPath: dst).sorted() == names)
                    for n in names {
                        let (x, y) = (
                            FileManager.default.contents(atPath: src + "/" + n),
                            FileManager.default.contents(atPath: dst + "/" + n)
                        )
                        #expect(x != nil && x == y)
                        compared += x?.count ?? 0
                    }
                    #expect(restored.files == names.count)
                }
                print(
                    "BackupTests: \(a.count) tables, \(a.values.reduce(0) { $0 + $1.rows }) rows, \(compared) bytes compared"
                )

                // The restored database has data now: a second restore needs --force.
                await #expect(throws: Backup.Failure.self) {
                    _ = try await Backup.restore(app: app2, from: dir, force: false)
                }
                _ = try await Backup.restore(app: app2, from: dir, force: true)
                #expect(try await Self.digest(app2.db) == a)

                // One byte changed in the backup: refused before anything is touched.
                let victim =
                    dir + "/" + (manifest.files.first { $0.path.hasPrefix("uploads/") }?.path ?? manifest.files[0].path)
                var bytes = try #require(FileManager.default.contents(atPath: victim))
                bytes[bytes.count / 2] ^= 0x01
                try bytes.write(to: URL(fileURLWithPath: victim))
                do {
                    _ = try await Backup.restore(app: app2, from: dir, force: true)
                    Issue.record("a damaged backup was restored")
                } catch let e as Backup.Failure {
                    #expect(e.description.contains("không khớp tổng kiểm"))
                }
            } catch {
                Issue.record(error)
            }
            try await app2.asyncShutdown()
            if let freshDatabase { try await TestTemplates.shared.dropDatabase(freshDatabase) }
        }
    }

    @Test func backupOfMemoryDatabaseIsRefused() async throws {
        guard (ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty else { return }
        // Test apps run on files; this one is the in-memory database a misconfigured start would have.
        let app = try await Application.make(.testing)
        do {
            try await configure(app, testConfig(.sqliteMemory))
            try await Bootstrap.prepare(app)
            await #expect(throws: Backup.Failure.self) {
                _ = try await Backup.create(app: app, output: NSTemporaryDirectory() + "dh-\(UUID().uuidString)")
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
