import Fluent
import Foundation
import Domain

/// Records every write: who, when, what, before → after.
enum AuditLog {
    static func record<B: Encodable, A: Encodable>(on db: any Database, actor: Actor?, action: String, entity: String,
                                                   entityID: Int?, unitID: Int?, summary: String, before: B?, after: A?) async throws {
        let e = AuditEntryModel()
        e.at = Date()
        e.userID = actor?.userID
        e.username = actor?.username ?? "hệ thống"
        e.action = action
        e.entity = entity
        e.entityID = entityID.map(String.init)
        e.unitID = unitID
        e.summary = summary
        e.before = before.flatMap(json)
        e.after = after.flatMap(json)
        try await e.create(on: db)
    }

    private static func json<T: Encodable>(_ value: T) -> String? {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        enc.dateEncodingStrategy = .iso8601
        return (try? enc.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }
}

/// A page of results with a stable order.
struct Page<T: Sendable>: Sendable {
    let items: [T]
    let page: Int
    let perPage: Int
    let total: Int
    var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
    var hasPrevious: Bool { page > 1 }
    var hasNext: Bool { page < pageCount }

    func map<U>(_ f: (T) throws -> U) rethrows -> Page<U> {
        Page<U>(items: try items.map(f), page: page, perPage: perPage, total: total)
    }
}

extension QueryBuilder {
    /// One page of the query in its current order, with the total count.
    func paginate(page: Int, perPage: Int) async throws -> Page<Model> where Model: Sendable {
        let p = Swift.min(Swift.max(1, page), 1_000_000)   // no overflow from ?page=huge
        let total = try await self.copy().count()
        let items = try await self.copy().range((p - 1) * perPage ..< p * perPage).all()
        return Page(items: items, page: p, perPage: perPage, total: total)
    }
}
