import Domain
import Fluent
import Vapor

/// A keyset page of a list in JSON (`Page`; OpenAPI `listOf`): `next`/`previous` are the cursors for
/// `after`/`before`, `page` is null when the page was asked by cursor, `total` is exact up to `Paging.countBound`
/// and `totalIsLowerBound` says there are more. Absent values are written as null; `order` only by the lists that
/// have more than one (the registrations).
struct ListResponse<T: Content>: Content {
    let items: [T]
    let page: Int?
    let perPage: Int
    let total: Int
    let totalIsLowerBound: Bool
    let next: String?
    let previous: String?
    var order: String? = nil

    init<M>(_ page: Page<M>, _ map: (M) throws -> T) rethrows {
        items = try page.items.map(map)
        self.page = page.page
        perPage = page.perPage
        total = page.total
        totalIsLowerBound = page.totalIsLowerBound
        next = page.next?.token
        previous = page.previous?.token
    }

    init(
        items: [T], page: Int?, perPage: Int, total: Int, totalIsLowerBound: Bool, next: String?, previous: String?,
        order: String?
    ) {
        self.items = items
        self.page = page
        self.perPage = perPage
        self.total = total
        self.totalIsLowerBound = totalIsLowerBound
        self.next = next
        self.previous = previous
        self.order = order
    }

    enum CodingKeys: String, CodingKey { case items, page, perPage, total, totalIsLowerBound, order, next, previous }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(page, forKey: .page)
        try c.encode(perPage, forKey: .perPage)
        try c.encode(total, forKey: .total)
        try c.encode(totalIsLowerBound, forKey: .totalIsLowerBound)
        try c.encodeIfPresent(order, forKey: .order)
        try c.encode(next, forKey: .next)
        try c.encode(previous, forKey: .previous)
    }
}

extension Optional {
    func orThrow() throws -> Wrapped {
        guard let self else { throw AppError.unauthorized }
        return self
    }
}
