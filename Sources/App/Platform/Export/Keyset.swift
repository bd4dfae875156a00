import Fluent
import FluentSQL
import SQLKit

/// One column of a keyset order: the column, its direction, and how to read its value from a row.
/// The last column of an order must be unique (the id), so that every row has one place.
struct KeysetColumn<M: Model>: Sendable {
    let column: SQLColumn
    let descending: Bool
    let value: @Sendable (M) throws -> any Encodable & Sendable

    init(
        _ table: String, _ column: String, descending: Bool = false,
        _ value: @escaping @Sendable (M) throws -> any Encodable & Sendable
    ) {
        self.column = SQLColumn(column, table: table)
        self.descending = descending
        self.value = value
    }
}

/// Reads a query a chunk at a time in a fixed order, each chunk starting after the last row of the one before
/// (keyset paging): never `OFFSET`, never every row in memory, and each chunk walks the order index from where
/// the last stopped. Used by every export.
enum Keyset {
    static let chunk = 1_000

    /// Runs `body` on each chunk of `base` in `order`, until a chunk comes back short. `body` throwing (the client
    /// went away) stops the reading.
    static func forEachChunk<M: Model>(
        _ base: QueryBuilder<M>, order: [KeysetColumn<M>], size: Int = chunk,
        _ body: ([M]) async throws -> Void
    ) async throws {
        var last: [any Encodable & Sendable]?
        while true {
            let q = base.copy()
            if let last { q.filter(.sql(after(order, last))) }
            for key in order {
                q.sort(
                    .sql(
                        SQLOrderBy(
                            expression: key.column, direction: key.descending ? SQLDirection.descending : .ascending)))
            }
            let rows = try await q.limit(size).all()
            guard let final = rows.last else { return }
            try await body(rows)
            if rows.count < size { return }
            last = try order.map { try $0.value(final) }
        }
    }

    /// Rows after `values` in `order`: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …, each `>` a `<` when descending.
    static func after<M: Model>(_ order: [KeysetColumn<M>], _ values: [any Encodable & Sendable]) -> any SQLExpression {
        var alternatives: [any SQLExpression] = []
        for i in order.indices {
            var terms: [any SQLExpression] = []
            for j in 0..<i {
                terms.append(SQLBinaryExpression(order[j].column, .equal, SQLBind(values[j])))
            }
            terms.append(
                SQLBinaryExpression(
                    order[i].column, order[i].descending ? .lessThan : .greaterThan, SQLBind(values[i])))
            alternatives.append(SQLGroupExpression(SQLKit.SQLList(terms, separator: SQLRaw(" AND "))))
        }
        return SQLGroupExpression(SQLKit.SQLList(alternatives, separator: SQLRaw(" OR ")))
    }
}
