import Domain
import Fluent
import FluentSQL
import Foundation
import SQLKit

/// A page of a list in a stable order (a keyset order, `QueryBuilder.keysetPage`): its rows, the places of the pages
/// around it, and a total that is exact up to `countBound`.
struct Page<T: Sendable>: Sendable {
    let items: [T]
    /// The page number when paged by number (`page=`), nil when paged by cursor (`after=`, `before=`).
    let page: Int?
    let perPage: Int
    /// Exact up to `countBound`; past it, `countBound + 1` (“hơn 10.000”).
    let total: Int
    var countBound = Paging.countBound
    /// The next page starts after this row; nil on the last page.
    var next: ListCursor? = nil
    /// The previous page ends before this row; nil on the first page.
    var previous: ListCursor? = nil

    var totalIsLowerBound: Bool { total > countBound }
    var totalLabel: String { VietnameseText.boundedCount(total, bound: countBound) }

    func map<U>(_ f: (T) throws -> U) rethrows -> Page<U> {
        Page<U>(
            items: try items.map(f), page: page, perPage: perPage, total: total, countBound: countBound, next: next,
            previous: previous)
    }
}

enum Paging {
    /// A list's total is counted up to this many rows (a count that stops); past it the list says "hơn 10.000".
    static let countBound = 10_000
    /// A page by number reads and skips the rows before it: allowed while they are this many at most, then the
    /// pages go by cursor only.
    static let maxOffset = 1_000

    static func tooDeep(_ page: Int) -> String {
        "Trang \(page) quá sâu để mở theo số trang. Hãy dùng liên kết “Trang sau” (tham số after) hoặc lọc bớt "
            + "danh sách."
    }

    /// The rows of one page and where it sits.
    struct Window<Row> {
        let rows: [Row]
        let hasNext: Bool
        let hasPrevious: Bool
        /// The page number when read by number.
        let number: Int?
    }

    /// Reads one page after or before a cursor, or by number while it skips at most `maxOffset` rows (deeper is a
    /// 400), one row more than a page to know whether another follows. `read(start, backwards, offset, limit)`
    /// reads rows in list order after `start` (before it, in reverse order, when `backwards`). The lists paged
    /// through Fluent (`keysetPage`) and the registration list (`RegistrationListing.list`) share it.
    static func window<Row, Cursor>(
        page: Int, after: Cursor?, before: Cursor?, perPage n: Int,
        read: (_ start: Cursor?, _ backwards: Bool, _ offset: Int, _ limit: Int) async throws -> [Row]
    ) async throws -> Window<Row> {
        if let before {
            let rows = try await read(before, true, 0, n + 1)
            return Window(rows: rows.prefix(n).reversed(), hasNext: true, hasPrevious: rows.count > n, number: nil)
        }
        if let after {
            let rows = try await read(after, false, 0, n + 1)
            return Window(rows: Array(rows.prefix(n)), hasNext: rows.count > n, hasPrevious: true, number: nil)
        }
        let p = ListQuery.clampPage(page)
        guard (p - 1) * n <= maxOffset else { throw AppError.badRequest(tooDeep(p)) }
        let rows = try await read(nil, false, (p - 1) * n, n + 1)
        return Window(rows: Array(rows.prefix(n)), hasNext: rows.count > n, hasPrevious: p > 1, number: p)
    }

    /// A total bounded by the rows seen, for a search whose index hands its matches only as one bitmap of all of
    /// them, which no `LIMIT` stops (PostgreSQL's `pg_trgm`): the rows up to the end of this page, and one more
    /// while another page follows (“hơn 50”). Exact on the last page asked by number. Nil when the page is empty
    /// (then it is counted).
    static func seenTotal(number: Int?, perPage n: Int, rows: Int, hasNext: Bool) -> (total: Int, bound: Int)? {
        guard rows > 0 else { return nil }
        let seen = (number.map { ($0 - 1) * n } ?? 0) + rows
        return number != nil && !hasNext ? (seen, seen) : (seen + 1, seen)
    }

    static let bothCursors = "Chỉ dùng một trong hai tham số “after” hoặc “before”."

    static func badCursor(_ name: String) -> String {
        "Tham số “\(name)” không phải vị trí trang hợp lệ (có thể đường dẫn bị cắt). Hãy mở lại trang đầu của danh "
            + "sách."
    }
}

/// A place in a list's order: the values of its order's columns in one row, as an opaque URL-safe token. Each
/// value is written `i<integer>` or `s<bytes>:<UTF-8 text>`.
struct ListCursor: Sendable, Equatable {
    let values: [CursorValue]

    init(_ values: [CursorValue]) { self.values = values }

    var token: String {
        var bytes: [UInt8] = []
        for v in values {
            switch v {
            case .int(let i): bytes += Array("i\(i)".utf8)
            case .text(let s):
                bytes += Array("s\(s.utf8.count):".utf8)
                bytes += Array(s.utf8)
            }
        }
        return Base64URL.encode(bytes)
    }

    /// nil for anything that is not a token this server made.
    init?(token: String) {
        guard let data = Base64URL.decode(token) else { return nil }
        let bytes = [UInt8](data)
        var i = 0
        func number() -> Int? {
            let start = i
            if i < bytes.count && bytes[i] == UInt8(ascii: "-") { i += 1 }
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            guard i - start <= 20 else { return nil }
            return Int(String(decoding: bytes[start..<i], as: UTF8.self))
        }
        var values: [CursorValue] = []
        while i < bytes.count, values.count < 8 {
            let tag = bytes[i]
            i += 1
            guard let n = number() else { return nil }
            switch tag {
            case UInt8(ascii: "i"): values.append(.int(n))
            case UInt8(ascii: "s"):
                guard n >= 0, i < bytes.count, bytes[i] == UInt8(ascii: ":"), bytes.count - i - 1 >= n else {
                    return nil
                }
                let text = bytes[(i + 1)..<(i + 1 + n)]
                guard !text.contains(0), let s = String(validating: text, as: UTF8.self) else { return nil }
                values.append(.text(s))
                i += 1 + n
            default: return nil
            }
        }
        guard i == bytes.count, !values.isEmpty else { return nil }
        self.values = values
    }

    /// Whether the cursor can be a place in `order`: as many values as columns, each of the column's kind.
    func fits<M>(_ order: [KeysetColumn<M>]) -> Bool {
        values.count == order.count
            && zip(values, order).allSatisfy { v, c in
                switch v {
                case .int: !c.isText
                case .text: c.isText
                }
            }
    }
}

/// Converts Fluent queries to SQL for reading (`boundedCount`, SQLite's reads): reads need no data types.
struct ReadConverterDelegate: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
}

/// How a page's total is known when the page does not show every row (`keysetPage`).
enum PageTotal<Model: FluentKit.Model> {
    /// Counted up to `Paging.countBound`, from the query itself or from `by`: the same rows in a plan that counts
    /// faster (a search counted from its full-text index).
    case counted(by: QueryBuilder<Model>? = nil)
    /// Bounded by the rows seen (`Paging.seenTotal`): a search on PostgreSQL.
    case seen
}

extension QueryBuilder where Model: Sendable {
    /// One page of the query in `order` (each list's keyset order, shared with its export): after or before a
    /// cursor of `list`, or by number while the rows skipped stay under `Paging.maxOffset` (deeper is a 400).
    /// Every page reads `perPage + 1` rows from the order's index; none counts the whole table: the total is
    /// known from the rows when the page shows them all, else as `total` says.
    func keysetPage(
        _ list: ListQuery, order: [KeysetColumn<Model>], perPage: Int? = nil, total known: PageTotal<Model> = .counted()
    ) async throws -> Page<Model> {
        let n = perPage ?? list.perPage
        func cursor(_ raw: String?, _ name: String) throws -> ListCursor? {
            guard let raw, !raw.isEmpty else { return nil }
            guard let c = ListCursor(token: raw), c.fits(order) else {
                throw AppError.badRequest(Paging.badCursor(name))
            }
            return c
        }
        let after = try cursor(list.after, "after")
        let before = try cursor(list.before, "before")
        if after != nil && before != nil {
            throw AppError.badRequest(Paging.bothCursors)
        }
        let w = try await Paging.window(page: list.page, after: after, before: before, perPage: n) {
            start, backwards, offset, limit in
            try await inOrder(order, from: start?.values, backwards: backwards).offset(offset).limit(limit).all()
        }
        let (rows, hasNext, hasPrevious, number) = (w.rows, w.hasNext, w.hasPrevious, w.number)
        func place(_ row: Model?) throws -> ListCursor? {
            try row.map { r in ListCursor(try order.map { try $0.value(r) }) }
        }
        var (total, bound) = (0, Paging.countBound)
        if let number, !hasNext, !rows.isEmpty || number == 1 {
            total = (number - 1) * n + rows.count // the last page by number: every row before it was skipped
        } else if case .seen = known,
            let seen = Paging.seenTotal(number: number, perPage: n, rows: rows.count, hasNext: hasNext)
        {
            (total, bound) = seen
        } else if case .counted(let by?) = known {
            total = try await by.boundedCount(Paging.countBound)
        } else {
            total = try await boundedCount(Paging.countBound)
        }
        return Page(
            items: rows, page: number, perPage: n, total: total, countBound: bound,
            next: hasNext ? try place(rows.last) : nil, previous: hasPrevious ? try place(rows.first) : nil)
    }
}

extension QueryBuilder {
    /// The query in `order` (reversed when `backwards`), from after the place `start` (before it, backwards).
    func inOrder(_ order: [KeysetColumn<Model>], from start: [CursorValue]?, backwards: Bool = false)
        -> QueryBuilder<Model>
    {
        let keys = backwards ? order.map(\.reversed) : order
        let q = copy()
        if let start { q.filter(.sql(Keyset.after(keys, start))) }
        for k in keys { q.sort(.sql(k.orderBy)) }
        return q
    }

    /// The SQL of the query as it stands, for reading (`boundedCount`, and the plans the tests check).
    var readSQL: any SQLExpression {
        var q = query
        q.action = .read
        if q.fields.isEmpty { q.fields = [.custom(SQLLiteral.all)] } // Fluent names the fields when it runs
        return SQLQueryConverter(delegate: ReadConverterDelegate()).convert(q)
    }

    /// The number of rows of the query, counted up to `bound + 1` (a count that stops): SELECT count(*) FROM
    /// (SELECT 1 … LIMIT bound + 1).
    func boundedCount(_ bound: Int) async throws -> Int {
        let q = copy()
        q.query.fields = [.custom(SQLLiteral.numeric("1"))]
        q.query.sorts = []
        q.query.limits = [.count(bound + 1)]
        q.query.offsets = []
        let inner = q.readSQL
        let row = try await database.sql().select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLGroupExpression(inner), as: SQLIdentifier("t"))).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}
