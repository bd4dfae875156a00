import Fluent
import SQLKit
import Vapor

/// On a clean stop, moves SQLite's write-ahead log into the database file and empties it, so the file on its own
/// holds every committed write (backups still use `VACUUM INTO`, which does not depend on this).
struct SQLiteCheckpoint: LifecycleHandler {
    func shutdownAsync(_ app: Application) async {
        // Only when there is a log to move: a command that never opened the database (--help) stays untouched.
        guard case .sqliteFile(let path)? = app.config?.database,
            let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int, size > 0,
            let sql = try? app.db.sql()
        else { return }
        do {
            try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        } catch {
            app.logger.warning("Không gộp được nhật ký ghi trước (WAL) của SQLite khi dừng: \(error)")
        }
    }
}
