import Fluent
import FluentPostgresDriver
import SQLKit
import Vapor

extension Database {
    /// The SQL interface of the database; both drivers provide one.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            throw AppError(
                status: .internalServerError, code: .internalError, message: "Cơ sở dữ liệu không hỗ trợ SQL.")
        }
        // PostgreSQL's rows decoded straight from their cells (`PostgresTypedSQL`); SQLite's already are.
        if let postgres = self as? any PostgresDatabase {
            return PostgresTypedSQL(base: sql, postgres: postgres, inTransaction: inTransaction)
        }
        return sql
    }

    var isPostgres: Bool { (self as? any SQLDatabase)?.dialect.name == "postgresql" }

    /// Holds one row for the rest of the transaction, so that a check read after this stays true until commit:
    /// `SELECT … FOR UPDATE` on PostgreSQL; on SQLite a no-op write, which makes this transaction the one writer.
    func lockRow(_ table: String, id: Int) async throws {
        let sql = try self.sql()
        if isPostgres {
            try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
        } else {
            try await sql.raw("UPDATE \(ident: table) SET id = id WHERE id = \(bind: id)").run()
        }
    }
}

extension String {
    /// Removes LIKE wildcards so user text matches literally on both databases.
    var likeSafe: String { String(self.filter { $0 != "%" && $0 != "_" && $0 != "\\" }) }
}
