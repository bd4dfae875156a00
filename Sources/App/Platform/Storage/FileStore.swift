import Crypto
import Fluent
import Foundation
import Vapor

/// Where uploaded files live: on disk beside the SQLite file (one machine), in the database on PostgreSQL
/// (several app instances share nothing but the database).
///
/// A file on disk is written before the row that names it commits. `put(_:app:db:then:)` removes the file when the
/// write fails, and `sweepOrphans` removes, at start, files that a kill between the two left without a row.
enum FileStore {
    struct Stored: Sendable {
        let storage: String
        let key: String
        let data: Data?
    }

    /// The tables whose rows name a file on disk (`storage = 'disk'`, `storage_key`).
    static let referencingTables = [
        "evidence_files", "dossier_documents", "group_files", "consents", "story_photos", "event_files",
    ]

    /// Where uploads live: beside the SQLite file, never under Public/.
    static func uploadsDirectory(_ app: Application) -> String {
        if case .sqliteFile(let path)? = app.config?.database {
            let dir = (path as NSString).deletingLastPathComponent
            return (dir.isEmpty ? "." : dir) + "/uploads"
        }
        return NSTemporaryDirectory() + "dienhinh-uploads"
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        Hex.lowercase(SHA256.hash(data: bytes))
    }

    /// Stores the bytes, then runs `commit` (the transaction that records them); the file goes if the commit fails.
    /// The disk's work runs on the thread pool: a request's work runs on an event loop, and an upload is up to 12 MB.
    static func put<T: Sendable>(
        _ bytes: [UInt8], app: Application, db: any Database, then commit: (Stored) async throws -> T
    ) async throws -> T {
        let stored: Stored
        if db.isPostgres {
            stored = Stored(storage: "db", key: "", data: Data(bytes))
        } else {
            stored = try await app.threadPool.runIfActive { try write(bytes, app: app) }
        }
        do {
            return try await commit(stored)
        } catch {
            _ = try? await app.threadPool.runIfActive { remove(stored, app: app) }
            throw error
        }
    }

    private static func write(_ bytes: [UInt8], app: Application) throws -> Stored {
        let key = Secrets.token()
        let dir = uploadsDirectory(app)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: dir + "/" + key, contents: Data(bytes)) else {
            throw AppError(status: .internalServerError, code: .internalError, message: "Không lưu được tệp.")
        }
        return Stored(storage: "disk", key: key, data: nil)
    }

    private static func remove(_ stored: Stored, app: Application) {
        guard stored.storage == "disk", !stored.key.isEmpty else { return }
        try? FileManager.default.removeItem(atPath: uploadsDirectory(app) + "/" + stored.key)
    }

    /// A stored file's bytes; one on disk is read on the thread pool.
    static func get(storage: String, key: String, data: Data?, app: Application) async throws -> Data {
        if storage == "db" { return data ?? Data() }
        let path = uploadsDirectory(app) + "/" + key
        guard let d = try await app.threadPool.runIfActive({ FileManager.default.contents(atPath: path) }) else {
            throw AppError.notFound("Tệp không còn trên máy chủ.")
        }
        return d
    }

    /// Removes files in the uploads directory that no row names and that are older than `grace` (an upload in
    /// flight has its file before its row). Returns the names removed.
    @discardableResult
    static func sweepOrphans(app: Application, on db: any Database, grace: TimeInterval = 600, now: Date = Date())
        async throws -> [String]
    {
        let dir = uploadsDirectory(app)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir), !names.isEmpty else { return [] }
        var removed: [String] = []
        let sql = try db.sql()
        // One query per batch of names, so the lookup stays bounded whatever the directory holds.
        for batch in stride(from: 0, to: names.count, by: 500).map({ Array(names[$0..<min($0 + 500, names.count)]) }) {
            var known = Set<String>()
            for table in referencingTables {
                let rows = try await sql.select().column("storage_key").from(table)
                    .where("storage", .equal, "disk").where("storage_key", .in, batch).all()
                for row in rows { known.insert(try row.decode(column: "storage_key", as: String.self)) }
            }
            for name in batch where !known.contains(name) {
                let path = dir + "/" + name
                let attributes = try? FileManager.default.attributesOfItem(atPath: path)
                guard (attributes?[.type] as? FileAttributeType) == .typeRegular,
                    let modified = attributes?[.modificationDate] as? Date, now.timeIntervalSince(modified) > grace
                else { continue }
                if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(name) }
            }
        }
        return removed
    }

    /// A download with the Vietnamese file name kept (RFC 6266) and an ASCII fallback.
    static func attachment(_ data: Data, name: String, contentType: String) -> Response {
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.replaceOrAdd(name: .contentType, value: contentType)
        let ascii = name.unicodeScalars.map { $0.isASCII && $0 != "\"" ? String($0) : "_" }.joined()
        let encoded =
            name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_")))
            ?? ascii
        res.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return res
    }
}
