import Crypto
import Fluent
import Foundation
import SQLKit

/// The audit log as a hash chain: each entry's `hash` is SHA-256 over its fields and the previous entry's hash,
/// so an entry edited, deleted, inserted or moved in the database breaks the chain at that entry.
///
/// One chain, no forks: every append takes the chain head (`audit_state`, one row) for its transaction first —
/// `SELECT … FOR UPDATE` on PostgreSQL (held until commit, so instances writing at once queue there), a write on
/// SQLite (which allows one writer per database; the busy timeout makes a second one wait, not fail).
enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    struct Head: Sendable {
        let lastID: Int?
        let lastHash: String
        let redactionKey: String
    }

    /// The fields the hash covers, in a fixed order, each length-prefixed so no two entries serialise alike.
    static func canonical(
        prevHash: String, at: Date, userID: Int?, username: String, action: String, entity: String,
        entityID: String?, unitID: Int?, summary: String, before: String?, after: String?
    ) -> String {
        func field(_ v: String?) -> String {
            guard let v else { return "-\n" }
            return "\(v.utf8.count):\(v)\n"
        }
        return "dienhinh-audit-v1\n" + field(prevHash) + field(String(milliseconds(at)))
            + field(userID.map(String.init))
            + field(username) + field(action) + field(entity) + field(entityID) + field(unitID.map(String.init))
            + field(summary) + field(before) + field(after)
    }

    static func hash(_ e: AuditEntryModel, prevHash: String) -> String {
        let text = canonical(
            prevHash: prevHash, at: e.at, userID: e.userID, username: e.username, action: e.action, entity: e.entity,
            entityID: e.entityID, unitID: e.unitID, summary: e.summary, before: e.before, after: e.after)
        return Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }

    /// Both databases keep at least milliseconds; the hash covers exactly what comes back.
    static func milliseconds(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded()) }
    static func truncated(_ d: Date) -> Date { Date(timeIntervalSince1970: Double(milliseconds(d)) / 1000) }

    /// Takes the chain head for the rest of the transaction `tx` and returns it.
    static func lockHead(_ tx: any Database) async throws -> Head {
        // Locked and read in one statement (every audited write passes here): FOR UPDATE on PostgreSQL; on SQLite
        // a no-op write that makes this transaction the one writer, returning the row.
        let sql = try tx.sql()
        let row =
            try await tx.isPostgres
            ? sql.raw("SELECT last_id, last_hash, redaction_key FROM audit_state WHERE id = 1 FOR UPDATE").first()
            : sql.raw("UPDATE audit_state SET id = id WHERE id = 1 RETURNING last_id, last_hash, redaction_key")
                .first()
        guard let row else {
            throw AppError(
                status: .internalServerError, code: .internalError,
                message: "Thiếu bảng trạng thái nhật ký (audit_state); hãy chạy “dienhinh migrate”.")
        }
        return Head(
            lastID: try row.decodeNil(column: "last_id") ? nil : row.decode(column: "last_id", as: Int.self),
            lastHash: try row.decode(column: "last_hash", as: String.self),
            redactionKey: try row.decode(column: "redaction_key", as: String.self))
    }

    static func moveHead(_ tx: any Database, id: Int, hash: String) async throws {
        try await tx.sql().update("audit_state").set("last_id", to: id).set("last_hash", to: hash)
            .where("id", .equal, 1).run()
    }

    /// Appends `e` (fields set, `before`/`after` not yet redacted) to the chain inside the transaction `tx`.
    static func append(_ e: AuditEntryModel, on tx: any Database) async throws {
        let head = try await lockHead(tx)
        e.before = e.before.map { AuditRedaction.redact(json: $0, key: head.redactionKey) }
        e.after = e.after.map { AuditRedaction.redact(json: $0, key: head.redactionKey) }
        e.at = truncated(e.at)
        e.prevHash = head.lastHash
        e.hash = hash(e, prevHash: head.lastHash)
        try await e.create(on: tx)
        try await moveHead(tx, id: try e.requireID(), hash: e.hash ?? "")
    }

    // MARK: Verification

    struct Verification: Sendable, Equatable {
        /// Entries checked before the first fault (all of them when `ok`).
        let checked: Int
        /// The first entry found wrong, if any.
        let badEntryID: Int?
        let message: String
        var ok: Bool { badEntryID == nil && !broken }
        /// A fault that names no entry (the head no longer matches the last entry).
        let broken: Bool
    }

    /// Walks the chain in id order and stops at the first fault.
    static func verify(on db: any Database, batch: Int = 1000) async throws -> Verification {
        var expected = genesis
        var lastID: Int?
        var checked = 0
        while true {
            var q = AuditEntryModel.query(on: db).sort(\.$id).limit(batch)
            if let lastID { q = q.filter(\.$id > lastID) }
            let rows = try await q.all()
            for e in rows {
                let id = try e.requireID()
                guard let stored = e.hash, let prev = e.prevHash else {
                    return fault(checked, id, "Mục nhật ký #\(id) không có mã băm: mục này được thêm ngoài ứng dụng.")
                }
                if prev != expected {
                    let after = lastID.map { "sau mục #\($0)" } ?? "ở đầu nhật ký"
                    return fault(
                        checked, id,
                        "Mục nhật ký #\(id) không nối với mục liền trước (\(after)): có mục đã bị xóa, chèn thêm "
                            + "hoặc đổi thứ tự ngay trước mục #\(id).")
                }
                if hash(e, prevHash: prev) != stored {
                    return fault(checked, id, "Mục nhật ký #\(id) đã bị sửa sau khi ghi (nội dung không khớp mã băm).")
                }
                expected = stored
                lastID = id
                checked += 1
            }
            if rows.count < batch { break }
        }
        let row = try await db.sql().raw("SELECT last_id, last_hash FROM audit_state WHERE id = 1").first()
        let headHash = try row?.decode(column: "last_hash", as: String.self)
        if headHash != expected {
            return Verification(
                checked: checked, badEntryID: nil,
                message: "Nhật ký bị cắt: (các) mục cuối sau mục #\(lastID.map(String.init) ?? "—") đã bị xóa.",
                broken: true)
        }
        return Verification(
            checked: checked, badEntryID: nil,
            message: "Nhật ký toàn vẹn: \(checked) mục, chuỗi mã băm khớp đến mục cuối.", broken: false)
    }

    private static func fault(_ checked: Int, _ id: Int, _ message: String) -> Verification {
        Verification(checked: checked, badEntryID: id, message: message, broken: false)
    }
}
