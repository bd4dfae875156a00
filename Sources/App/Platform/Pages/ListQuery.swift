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

/// A request's query string as parsed once (`Request.queryValues`). A list that reads a dozen filters takes it once
/// and reads them here: each `Request.queryText` looks the parse up in the request's storage, a dictionary lookup
/// under a type check, and the registration list's twelve were 0.8 % of its samples (session 47).
struct QueryValues: Sendable {
    let values: [String: String]

    /// One value, as `query[String.self, at: key]` reads it (`Request.queryText`).
    func text(_ key: String) -> String? { values[key] }

    /// An integer filter of the query string: nil when absent or empty (an empty select of a form), a 400 naming
    /// the parameter when it is anything else than an integer — never silently ignored (an export of every year).
    func int(_ key: String) throws -> Int? {
        guard let raw = text(key).map(Request.trimmedSpaces), !raw.isEmpty else {
            return nil
        }
        guard let value = Int(raw) else {
            throw AppError.badRequest("Tham số “\(key)” phải là số nguyên (đang là “\(raw.prefix(40))”).")
        }
        return value
    }

    /// `q`, `page`, `perPage`, `after` and `before`; a page that is not a number is a 400.
    func list(defaultPerPage: Int = 50) throws -> ListQuery {
        var l = ListQuery(
            q: text("q"), page: try int("page"), perPage: try int("perPage"), defaultPerPage: defaultPerPage)
        l.after = text("after")
        l.before = text("before")
        return l
    }
}

extension Request {
    /// `q`, `page`, `perPage`, `after` and `before` of this request's query string; a page that is not a number
    /// is a 400.
    func listQuery(defaultPerPage: Int = 50) throws -> ListQuery {
        try queryValues.list(defaultPerPage: defaultPerPage)
    }

    /// An integer filter of the query string (`QueryValues.int`).
    func intQuery(_ key: String) throws -> Int? { try queryValues.int(key) }
}

extension Request {
    /// One value of the query string, as `query[String.self, at: key]` reads it (`+` is a space, percent escapes
    /// decoded, the last of repeated keys wins), from the query string parsed once per request. Vapor's container
    /// decodes the whole query string again on every lookup: a list reading a dozen filters spent 7 % of its time
    /// there (issue 11).
    func queryText(_ key: String) -> String? { queryValues.text(key) }

    private struct QueryValuesKey: StorageKey { typealias Value = QueryValues }

    /// The query string parsed once a request.
    var queryValues: QueryValues {
        if let parsed = storage[QueryValuesKey.self] { return parsed }
        let parsed = QueryValues(values: Self.parseQuery(url.query ?? ""))
        storage[QueryValuesKey.self] = parsed
        return parsed
    }

    /// `text` without the blanks at its ends, as Foundation's `trimmingCharacters(in: .whitespaces)` trims them
    /// (swift-corelibs-foundation's set: a tab, U+0020, U+00A0, U+1680, U+2000…U+200B, U+202F, U+205F, U+3000),
    /// which bridged every value to an `NSString` and was 0.4–0.9 % of a list page's samples with its integer
    /// filters (session 42). A value with neither end blank is returned as it is.
    static func trimmedSpaces(_ text: String) -> String {
        func blank(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, blank(first) || blank(last) else { return text }
        guard let start = scalars.firstIndex(where: { !blank($0) }),
            let end = scalars.lastIndex(where: { !blank($0) })
        else { return "" }
        return String(scalars[start...end])
    }

    /// Split on the bytes `&` and `=`, not on characters: `String.split` walks a query by grapheme (0.5 % of the
    /// SQLite web list's samples for three filters, session 50). Both are ASCII, so no character holds them but
    /// themselves, and the parts are those of a split by character.
    static func parseQuery(_ query: String) -> [String: String] {
        var values: [String: String] = [:]
        let utf8 = query.utf8
        for pair in utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            // A key without "=" is a flag, not a text (Vapor reads it as nil).
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")),
                let key = formDecoded(Substring(utf8[pair.startIndex..<equals])), !key.isEmpty
            else { continue }
            values[key] = formDecoded(Substring(utf8[utf8.index(after: equals)..<pair.endIndex]))
        }
        return values
    }

    /// A form-encoded text decoded: `+` is a space, `%XX` a byte; nil when a `%` is not followed by two hex digits or
    /// the bytes are not UTF-8 — what Foundation's `replacingOccurrences(of: "+", with: " ").removingPercentEncoding`
    /// gives (`ListQueryTests.formDecodedAsFoundation`), in one pass over the bytes: Foundation's two calls were 2 % of
    /// a signed-in API list's CPU (session 35).
    static func formDecoded(_ text: Substring) -> String? {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(text) }
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            utf8.formIndex(after: &i)
            switch b {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard i != utf8.endIndex, let high = hex(utf8[i]) else { return nil }
                utf8.formIndex(after: &i)
                guard i != utf8.endIndex, let low = hex(utf8[i]) else { return nil }
                utf8.formIndex(after: &i)
                bytes.append(high << 4 | low)
            default: bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
