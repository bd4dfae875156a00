import Domain
import Fluent
import Foundation

/// Records every write: who, when, what, before → after — personal values redacted, each entry chained to the last.
enum AuditLog {
    static func record<B: Encodable, A: Encodable>(
        on db: any Database, actor: Actor?, action: String, entity: String,
        entityID: Int?, unitID: Int?, summary: String, before: B?, after: A?
    ) async throws {
        let e = AuditEntryModel()
        e.at = Date()
        e.userID = actor?.userID
        e.username = actor?.username ?? "hệ thống"
        e.action = action
        e.entity = entity
        e.entityID = entityID.map(String.init)
        e.unitID = unitID
        e.summary = summary
        // Plain `if let`: passing the generic `json` as a closure would capture a non-Sendable metatype.
        if let before { e.before = json(before) }
        if let after { e.after = json(after) }
        // The chain head is held until the transaction commits; a call outside a transaction gets its own.
        if db.inTransaction {
            try await AuditChain.append(e, on: db)
        } else {
            try await db.transaction { tx in try await AuditChain.append(e, on: tx) }
        }
    }

    private static func json<T: Encodable>(_ value: T) -> String? {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        enc.dateEncodingStrategy = .iso8601
        return (try? enc.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }
}
