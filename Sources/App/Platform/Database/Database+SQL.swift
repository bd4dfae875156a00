import Fluent
import SQLKit
import Vapor

extension Database {
    /// The SQL interface of the database; both drivers provide one.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            throw AppError(
                status: .internalServerError, code: .internalError, message: "Cơ sở dữ liệu không hỗ trợ SQL.")
        }
        return sql
    }

    var isPostgres: Bool { (self as? any SQLDatabase)?.dialect.name == "postgresql" }
}

extension String {
    /// Removes LIKE wildcards so user text matches literally on both databases.
    var likeSafe: String { String(self.filter { $0 != "%" && $0 != "_" && $0 != "\\" }) }
}
