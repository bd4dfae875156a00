import Domain
import Fluent
import Vapor

/// A page of results in JSON.
struct ListResponse<T: Content>: Content {
    let items: [T]
    let page: Int
    let perPage: Int
    let total: Int
    init<M>(_ page: Page<M>, _ map: (M) throws -> T) rethrows {
        items = try page.items.map(map)
        self.page = page.page
        perPage = page.perPage
        total = page.total
    }
}

extension Optional {
    func orThrow() throws -> Wrapped {
        guard let self else { throw AppError.unauthorized }
        return self
    }
}
