import Fluent
import SQLKit

/// The users list's search (`q`: its page, API and export) was `LIKE '%…%'` on the user name and the full name as
/// typed: not folded (“nguyen” did not find “Nguyễn Thị Hằng”, and on PostgreSQL “nguyễn” did not either) and read
/// user by user. Now `users.search_text` holds the full name and user name folded (`UserModel.searchText`), and the
/// search matches the start of words as every other list's: SQLite, an FTS5 table `users_fts` kept by triggers;
/// PostgreSQL, a pg_trgm GIN index (`FoldedTextSearch`).
struct AddUserSearch: AsyncMigration {
    var name: String { "AddUserSearch" }

    static let search = FoldedTextSearch(table: UserModel.schema)

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.alter(table: "users").column("search_text", type: .text, .notNull, .default("")).run()
        // Filled 1,000 users at a time, in id order.
        var after = 0
        while true {
            let rows = try await sql.select().column("id").column("username").column("full_name").from("users")
                .where("id", .greaterThan, after).orderBy("id").limit(1000).all()
            guard !rows.isEmpty else { break }
            for row in rows {
                let id = try row.decode(column: "id", as: Int.self)
                let text = UserModel.searchText(
                    username: try row.decode(column: "username", as: String.self),
                    fullName: try row.decode(column: "full_name", as: String.self))
                try await sql.update("users").set("search_text", to: text).where("id", .equal, id).run()
                after = id
            }
        }
        try await Self.search.create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await Self.search.drop(on: database)
        try await database.sql().alter(table: "users").dropColumn("search_text").run()
    }
}
