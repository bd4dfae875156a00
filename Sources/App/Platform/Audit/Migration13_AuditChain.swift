import Fluent
import Foundation
import SQLKit

/// The audit hash chain: `prev_hash` and `hash` on every entry, the chain head with the redaction key in
/// `audit_state` (one row), and the entries written before this migration redacted and chained in id order.
struct AddAuditChain: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries").field("prev_hash", .string).update()
        try await db.schema("audit_entries").field("hash", .string).update()
        try await db.schema("audit_state")
            .field("id", .int, .identifier(auto: false))
            .field("last_id", .int)
            .field("last_hash", .string, .required)
            .field("redaction_key", .string, .required)
            .create()
        try await Self.chainExisting(on: db)
    }

    /// Redacts and chains the entries already there, in id order, and writes the chain head with a new key.
    static func chainExisting(on db: any Database) async throws {
        let key = Secrets.token()
        var prev = AuditChain.genesis
        var lastID: Int?
        while true {
            var q = AuditEntryModel.query(on: db).sort(\.$id).limit(500)
            if let lastID { q = q.filter(\.$id > lastID) }
            let rows = try await q.all()
            for e in rows {
                e.before = e.before.map { AuditRedaction.redact(json: $0, key: key) }
                e.after = e.after.map { AuditRedaction.redact(json: $0, key: key) }
                e.prevHash = prev
                e.hash = AuditChain.hash(e, prevHash: prev)
                try await e.update(on: db)
                prev = e.hash ?? prev
                lastID = e.id
            }
            if rows.count < 500 { break }
        }
        let sql = try db.sql()
        try await sql.insert(into: "audit_state").columns("id", "last_id", "last_hash", "redaction_key")
            .values(SQLBind(1), SQLBind(lastID), SQLBind(prev), SQLBind(key)).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_state").delete()
        try await db.schema("audit_entries").deleteField("hash").update()
        try await db.schema("audit_entries").deleteField("prev_hash").update()
    }
}
