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
    /// The cursor tokens of a keyset page (`QueryBuilder.keysetPage` reads them in its list's order).
    var after: String? = nil
    var before: String? = nil

    init(q: String?, page: Int?, perPage: Int?, defaultPerPage: Int = 50) {
        self.q = VietnameseText.clean(q ?? "")
        self.page = Self.clampPage(page)
        self.perPage = min(max(perPage ?? defaultPerPage, 1), Self.maxPerPage)
    }

    static func clampPage(_ page: Int?) -> Int { min(max(1, page ?? 1), maxPage) }
}

extension Request {
    /// `q`, `page`, `perPage`, `after` and `before` of this request's query string; a page that is not a number
    /// is a 400.
    func listQuery(defaultPerPage: Int = 50) throws -> ListQuery {
        var l = ListQuery(
            q: queryText("q"), page: try intQuery("page"), perPage: try intQuery("perPage"),
            defaultPerPage: defaultPerPage)
        l.after = queryText("after")
        l.before = queryText("before")
        return l
    }

    /// An integer filter of the query string: nil when absent or empty (an empty select of a form), a 400 naming
    /// the parameter when it is anything else than an integer — never silently ignored (an export of every year).
    func intQuery(_ key: String) throws -> Int? {
        guard let raw = queryText(key)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return nil
        }
        guard let value = Int(raw) else {
            throw AppError.badRequest("Tham số “\(key)” phải là số nguyên (đang là “\(raw.prefix(40))”).")
        }
        return value
    }
}

extension Request {
    /// One value of the query string, as `query[String.self, at: key]` reads it (`+` is a space, percent escapes
    /// decoded, the last of repeated keys wins), from the query string parsed once per request. Vapor's container
    /// decodes the whole query string again on every lookup: a list reading a dozen filters spent 7 % of its time
    /// there (issue 11).
    func queryText(_ key: String) -> String? { queryValues[key] }

    private struct QueryValuesKey: StorageKey { typealias Value = [String: String] }

    private var queryValues: [String: String] {
        if let parsed = storage[QueryValuesKey.self] { return parsed }
        let parsed = Self.parseQuery(url.query ?? "")
        storage[QueryValuesKey.self] = parsed
        return parsed
    }

    static func parseQuery(_ query: String) -> [String: String] {
        func decoded(_ s: Substring) -> String? { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
        var values: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            // A key without "=" is a flag, not a text (Vapor reads it as nil).
            guard parts.count == 2, let key = decoded(parts[0]), !key.isEmpty else { continue }
            values[key] = decoded(parts[1])
        }
        return values
    }
}
