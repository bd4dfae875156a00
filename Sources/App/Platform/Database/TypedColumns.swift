import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

// Typed persistence. Statuses are Codable enums in the Fluent fields (stored as their code in a text column);
// a status changes only through its model's `move(to:)`, which asks the Domain table. JSON kept in a text column
// is read through `json(_:as:)`: a stored value that does not decode is an error naming the table and column,
// never a default.

extension WorkflowTable {
    /// The check behind every model's `move(to:)`: the move the table allows, or a 409 naming both statuses.
    static func requireMove(of record: String, from: Status, to: Status) throws {
        guard allowed(from: from, to: to) else {
            throw AppError.conflict("\(record): " + illegalMessage(from: from, to: to))
        }
    }
}

/// The status a history row records the record moved from: none (stored as "") when the row records its creation.
struct PriorStatus<Status: WorkflowStatus>: Codable, Sendable, Equatable {
    let status: Status?

    init(_ status: Status?) { self.status = status }

    /// The stored code; "" for a creation.
    var code: String { status?.rawValue ?? "" }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let code = try c.decode(String.self)
        if code.isEmpty {
            status = nil
        } else if let s = Status(rawValue: code) {
            status = s
        } else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "Trạng thái “\(code)” không có trong \(Status.self).")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }
}

/// JSON in a text column (the same column type on SQLite and PostgreSQL).
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// Decodes a stored value, or fails with a 500 that names where the bad value is.
    static func decode<T: Decodable>(_: T.Type, from text: String, table: String, column: String, id: String?) throws
        -> T
    {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw AppError.corrupt(table: table, column: column, id: id)
        }
    }
}

extension Model {
    /// The typed value of a JSON text column of this record.
    func json<T: Decodable>(_ field: KeyPath<Self, FieldProperty<Self, String>>, as: T.Type) throws -> T {
        let property = self[keyPath: field]
        return try JSONColumn.decode(
            T.self, from: property.value ?? "", table: Self.schema, column: property.key.description,
            id: id.map { "\($0)" })
    }
}

extension SQLRow {
    /// A text column as one of a set of codes (a status, a subject's kind): its text read directly (`SQLiteTypedRow`,
    /// `PostgresTypedRow`), then the value that code names. A code that names none is an error naming the column,
    /// never a default. SQLKit's decoder gave the same values through a nested decoder and a conformance lookup for
    /// each cell: 1 % of the SQLite web list's samples (session 50).
    func decodeCode<Code: RawRepresentable & Decodable>(column: String, as type: Code.Type) throws -> Code
    where Code.RawValue == String {
        let raw = try decode(column: column, as: String.self)
        guard let value = Code(rawValue: raw) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "Cột “\(column)”: mã “\(raw)” không có trong \(Code.self)."))
        }
        return value
    }
}
