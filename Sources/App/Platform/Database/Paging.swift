import Domain
import Fluent
import Foundation

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
        let p = ListQuery.clampPage(page)
        let total = try await self.copy().count()
        let items = try await self.copy().range((p - 1) * perPage..<p * perPage).all()
        return Page(items: items, page: p, perPage: perPage, total: total)
    }
}
