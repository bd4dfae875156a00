import Domain
import Vapor

/// What every listing reads from its query string: the search text, the page and its size.
struct ListQuery: Sendable {
    /// Never more than this many rows a page, whatever the client asks.
    static let maxPerPage = 500
    /// Pages beyond this are clamped (no overflow from `?page=huge`).
    static let maxPage = 1_000_000

    /// The search text, NFC-cleaned ("" when absent).
    let q: String
    /// The page number, from 1.
    let page: Int
    /// Rows a page, between 1 and `maxPerPage`.
    let perPage: Int

    init(q: String?, page: Int?, perPage: Int?, defaultPerPage: Int = 50) {
        self.q = VietnameseText.clean(q ?? "")
        self.page = Self.clampPage(page)
        self.perPage = min(max(perPage ?? defaultPerPage, 1), Self.maxPerPage)
    }

    static func clampPage(_ page: Int?) -> Int { min(max(1, page ?? 1), maxPage) }
}

extension Request {
    /// `q`, `page` and `perPage` of this request's query string; a page that is not a number is a 400.
    func listQuery(defaultPerPage: Int = 50) throws -> ListQuery {
        ListQuery(
            q: query[String.self, at: "q"], page: try intQuery("page"), perPage: try intQuery("perPage"),
            defaultPerPage: defaultPerPage)
    }

    /// An integer filter of the query string: nil when absent or empty (an empty select of a form), a 400 naming
    /// the parameter when it is anything else than an integer — never silently ignored (an export of every year).
    func intQuery(_ key: String) throws -> Int? {
        guard let raw = query[String.self, at: key]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return nil
        }
        guard let value = Int(raw) else {
            throw AppError.badRequest("Tham số “\(key)” phải là số nguyên (đang là “\(raw.prefix(40))”).")
        }
        return value
    }
}
