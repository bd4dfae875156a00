import Crypto
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// A backup is a folder: the database (`database.sqlite`, a consistent online copy made by `VACUUM INTO`, or
/// `database.pgdump`, `pg_dump` custom format), the uploaded files under `uploads/`, and `manifest.json` with the
/// size and SHA-256 of every file, the applied migrations and the app version. A restore checks every checksum first.
enum Backup {
    static let appVersion = "0.17"
    static let manifestName = "manifest.json"

    struct Manifest: Codable, Sendable, Equatable {
        struct File: Codable, Sendable, Equatable {
            let path: String
            let size: Int
            let sha256: String
        }
        var format = 1
        var appVersion: String
        var createdAt: Date
        /// "sqlite" or "postgresql".
        var database: String
        /// The PostgreSQL schema dumped, when the app runs in one of its own (tests); nil for the whole database.
        var pgSchema: String?
        /// Names of the migrations applied, in order: the schema version.
        var migrations: [String]
        var auditHead: String?
        var files: [File]
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ message: String) { description = message }
    }

    // MARK: Backup

    static func create(app: Application, output: String) async throws -> Manifest {
        guard let config = app.config else { throw Failure("Ứng dụng chưa được cấu hình.") }
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: output), !existing.isEmpty {
            throw Failure("Thư mục “\(output)” đã có tệp; hãy chọn một thư mục mới hoặc rỗng.")
        }
        try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
        let migrations = try await MigrationLog.query(on: app.db).sort(\.$createdAt).sort(\.$name).all().map(\.name)
        let head = try? await app.db.sql().raw("SELECT last_hash FROM audit_state WHERE id = 1").first()
        let auditHead = try head?.decode(column: "last_hash", as: String.self)
        let kind: String
        var pgSchema: String?
        switch config.database {
        case .sqliteMemory:
            throw Failure("Cơ sở dữ liệu trong bộ nhớ (DATABASE_PATH=:memory:) không sao lưu được.")
        case .sqliteFile:
            kind = "sqlite"
            // A consistent snapshot while the server runs, WAL included (a file copy would miss the WAL).
            try await app.db.sql().raw("VACUUM INTO \(bind: output + "/database.sqlite")").run()
        case .postgres(let url, let searchPath):
            kind = "postgresql"
            pgSchema = searchPath?.first
            var args = ["--format=custom", "--no-owner", "--file=" + output + "/database.pgdump"]
            if let pgSchema { args.append("--schema=" + pgSchema) }
            try await PgTool.run("pg_dump", args, url: url)
        }
        // Uploads after the database: a file uploaded meanwhile is an extra the start-up sweep removes later.
        let uploads = FileStore.uploadsDirectory(app)
        if case .sqliteFile = config.database, let names = try? fm.contentsOfDirectory(atPath: uploads) {
            try fm.createDirectory(atPath: output + "/uploads", withIntermediateDirectories: true)
            for name in names.sorted() where isRegularFile(uploads + "/" + name) {
                try fm.copyItem(atPath: uploads + "/" + name, toPath: output + "/uploads/" + name)
            }
        }
        let manifest = Manifest(
            appVersion: appVersion, createdAt: Date(), database: kind, pgSchema: pgSchema, migrations: migrations,
            auditHead: auditHead, files: try listFiles(output))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        enc.dateEncodingStrategy = .iso8601
        try enc.encode(manifest).write(to: URL(fileURLWithPath: output + "/" + manifestName))
        return manifest
    }

    /// Every file under `dir` except the manifest, with its size and SHA-256.
    static func listFiles(_ dir: String) throws -> [Manifest.File] {
        var out: [Manifest.File] = []
        for sub in ["", "uploads/"] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir + "/" + sub) else { continue }
            for name in names.sorted() where name != manifestName && isRegularFile(dir + "/" + sub + name) {
                let (size, sha) = try digest(dir + "/" + sub + name)
                out.append(.init(path: sub + name, size: size, sha256: sha))
            }
        }
        return out
    }

    static func isRegularFile(_ path: String) -> Bool {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType) == .typeRegular
    }

    /// Size and SHA-256 of a file, read in 1 MB pieces.
    static func digest(_ path: String) throws -> (Int, String) {
        guard let h = FileHandle(forReadingAtPath: path) else { throw Failure("Không đọc được tệp “\(path)”.") }
        defer { try? h.close() }
        var sha = SHA256()
        var size = 0
        while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty {
            sha.update(data: chunk)
            size += chunk.count
        }
        return (size, Hex.lowercase(sha.finalize()))
    }

    // MARK: Restore

    /// Checks the manifest against the folder: every listed file present with its size and checksum, nothing extra.
    static func verify(_ dir: String) throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: dir + "/" + manifestName) else {
            throw Failure("Không có \(manifestName) trong “\(dir)”: đây không phải thư mục sao lưu của Điển Hình.")
        }
        let dec = JSONDecoder()
        dec.dateDecodingStrategy = .iso8601
        guard let manifest = try? dec.decode(Manifest.self, from: data), manifest.format == 1 else {
            throw Failure("Tệp \(manifestName) hỏng hoặc không đúng định dạng; không khôi phục.")
        }
        let found = try listFiles(dir)
        let listed = Dictionary(uniqueKeysWithValues: manifest.files.map { ($0.path, $0) })
        for f in manifest.files where !found.contains(where: { $0.path == f.path }) {
            throw Failure("Bản sao lưu thiếu tệp “\(f.path)”; không khôi phục.")
        }
        for f in found {
            guard let want = listed[f.path] else {
                throw Failure("Tệp “\(f.path)” không có trong \(manifestName); không khôi phục.")
            }
            guard want == f else {
                throw Failure(
                    "Tệp “\(f.path)” không khớp tổng kiểm (SHA-256) trong \(manifestName): bản sao lưu đã bị hỏng "
                        + "hoặc bị sửa; không khôi phục.")
            }
        }
        return manifest
    }

    struct Restored: Sendable {
        let manifest: Manifest
        let files: Int
        let bytes: Int
    }

    /// Restores the backup in `dir` into the configured database and uploads folder. Stop the server first.
    static func restore(app: Application, from dir: String, force: Bool) async throws -> Restored {
        guard let config = app.config else { throw Failure("Ứng dụng chưa được cấu hình.") }
        let manifest = try verify(dir)
        let fm = FileManager.default
        switch config.database {
        case .sqliteMemory:
            throw Failure("Không khôi phục vào cơ sở dữ liệu trong bộ nhớ; đặt DATABASE_PATH tới một tệp.")
        case .sqliteFile(let path):
            guard manifest.database == "sqlite" else {
                throw Failure("Bản sao lưu là của PostgreSQL; cơ sở dữ liệu đang cấu hình là SQLite (DATABASE_PATH).")
            }
            if !force, try await sqliteHasData(path, app: app) {
                throw Failure(
                    "Cơ sở dữ liệu “\(path)” đã có dữ liệu; thêm --force để ghi đè (hãy dừng máy chủ trước).")
            }
            // Copy beside the target, then swap in one rename; the old WAL and shared memory belong to the old file.
            let temp = path + ".restore-\(UUID().uuidString)"
            try fm.copyItem(atPath: dir + "/database.sqlite", toPath: temp)
            for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
            if rename(temp, path) != 0 {
                try? fm.removeItem(atPath: temp)
                throw Failure("Không thay được tệp “\(path)” (mã lỗi \(errno)).")
            }
        case .postgres(let url, _):
            guard manifest.database == "postgresql" else {
                throw Failure("Bản sao lưu là của SQLite; cơ sở dữ liệu đang cấu hình là PostgreSQL (DATABASE_URL).")
            }
            let schema = manifest.pgSchema ?? "public"
            let tables =
                try await app.db.sql().raw(
                    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = \(bind: schema)"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            if tables > 0 && !force {
                throw Failure(
                    "Cơ sở dữ liệu PostgreSQL đã có \(tables) bảng trong lược đồ “\(schema)”; thêm --force để ghi đè "
                        + "(hãy dừng máy chủ trước).")
            }
            // pg_restore wants the database named; the name alone, the password stays in PGPASSWORD.
            let name = try PgTool.environment(url: url)["PGDATABASE"] ?? "postgres"
            var args = ["--dbname=" + name, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
            if tables > 0 { args += ["--clean", "--if-exists"] }
            args.append(dir + "/database.pgdump")
            try await PgTool.run("pg_restore", args, url: url)
        }
        var files = 0
        var bytes = 0
        let uploads = manifest.files.filter { $0.path.hasPrefix("uploads/") }
        if !uploads.isEmpty {
            let target = FileStore.uploadsDirectory(app)
            try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
            for f in uploads {
                let to = target + "/" + String(f.path.dropFirst("uploads/".count))
                try? fm.removeItem(atPath: to)
                try fm.copyItem(atPath: dir + "/" + f.path, toPath: to)
                files += 1
                bytes += f.size
            }
        }
        return Restored(manifest: manifest, files: files, bytes: bytes)
    }

    /// Whether the SQLite file holds any table with rows. Opened on its own connection, closed before the swap.
    private static func sqliteHasData(_ path: String, app: Application) async throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let conn = try await SQLiteConnection.open(storage: .file(path: path), logger: app.logger)
        do {
            let sql = conn.sql()
            let tables = try await sql.raw(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).all().map { try $0.decode(column: "name", as: String.self) }
            var found = false
            for t in tables {
                if try await sql.raw("SELECT 1 AS x FROM \(ident: t) LIMIT 1").first() != nil {
                    found = true
                    break
                }
            }
            try await conn.close()
            return found
        } catch {
            try? await conn.close()
            throw error
        }
    }
}
