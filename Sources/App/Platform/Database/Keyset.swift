import Fluent
import FluentSQL
import SQLKit

/// One value of a keyset order's column: the orders of the lists are over integers and texts.
enum CursorValue: Sendable, Equatable {
    case int(Int)
    case text(String)

    var bind: SQLBind {
        switch self {
        case .int(let i): SQLBind(i)
        case .text(let s): SQLBind(s)
        }
    }
}

/// One column of a keyset order: the column, its direction, its kind, and how to read its value from a row.
/// The last column of an order must be unique (the id, or a unique code), so that every row has one place.
struct KeysetColumn<M: Model>: Sendable {
    let column: SQLColumn
    let descending: Bool
    let isText: Bool
    let value: @Sendable (M) throws -> CursorValue

    static func int(
        _ table: String, _ column: String, descending: Bool = false, _ value: @escaping @Sendable (M) throws -> Int
    ) -> Self {
        Self(column: SQLColumn(column, table: table), descending: descending, isText: false) { .int(try value($0)) }
    }

    static func text(
        _ table: String, _ column: String, descending: Bool = false, _ value: @escaping @Sendable (M) throws -> String
    ) -> Self {
        Self(column: SQLColumn(column, table: table), descending: descending, isText: true) { .text(try value($0)) }
    }

    /// The same column in the other direction (a page read backwards).
    var reversed: Self { Self(column: column, descending: !descending, isText: isText, value: value) }

    var orderBy: SQLOrderBy {
        SQLOrderBy(expression: column, direction: descending ? SQLDirection.descending : .ascending)
    }
}

/// Reads a query a chunk at a time in a fixed order, each chunk starting after the last row of the one before
/// (keyset paging): never `OFFSET`, never every row in memory, and each chunk walks the order index from where
/// the last stopped. Used by every export, and by the lists' pages (`QueryBuilder.keysetPage`).
enum Keyset {
    static let chunk = 1_000

    /// Runs `body` on each chunk of `base` in `order`, until a chunk comes back short. `body` throwing (the client
    /// went away) stops the reading.
    static func forEachChunk<M: Model>(
        _ base: QueryBuilder<M>, order: [KeysetColumn<M>], size: Int = chunk,
        _ body: ([M]) async throws -> Void
    ) async throws {
        var last: [CursorValue]?
        while true {
            let rows = try await base.inOrder(order, from: last).limit(size).all()
            guard let final = rows.last else { return }
            try await body(rows)
            if rows.count < size { return }
            last = try order.map { try $0.value(final) }
        }
    }

    /// Rows after `values` in `order`. One direction: the row value `(k1, k2, …) > (v1, v2, …)` (`<` descending),
    /// which SQLite and PostgreSQL both answer by seeking the order's index to that place. Mixed directions: the
    /// first column bounded (`k1 >= v1`, where the index seek starts), and then
    /// (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …, each `>` a `<` when descending.
    static func after<M: Model>(_ order: [KeysetColumn<M>], _ values: [CursorValue]) -> any SQLExpression {
        let descending = order.first?.descending ?? false
        if order.allSatisfy({ $0.descending == descending }) {
            if order.count == 1 {
                return SQLBinaryExpression(order[0].column, descending ? .lessThan : .greaterThan, values[0].bind)
            }
            return SQLBinaryExpression(
                SQLGroupExpression(order.map(\.column)), descending ? .lessThan : .greaterThan,
                SQLGroupExpression(values.map(\.bind)))
        }
        var alternatives: [any SQLExpression] = []
        for i in order.indices {
            var terms: [any SQLExpression] = []
            for j in 0..<i {
                terms.append(SQLBinaryExpression(order[j].column, .equal, values[j].bind))
            }
            terms.append(
                SQLBinaryExpression(
                    order[i].column, order[i].descending ? .lessThan : .greaterThan, values[i].bind))
            alternatives.append(SQLGroupExpression(SQLKit.SQLList(terms, separator: SQLRaw(" AND "))))
        }
        let start = SQLBinaryExpression(
            order[0].column, order[0].descending ? .lessThanOrEqual : .greaterThanOrEqual, values[0].bind)
        return SQLBinaryExpression(
            start, .and, SQLGroupExpression(SQLKit.SQLList(alternatives, separator: SQLRaw(" OR "))))
    }
}
