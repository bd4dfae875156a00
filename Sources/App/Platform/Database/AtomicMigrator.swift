import Fluent
import SQLKit

/// Runs the schema migrations so that a kill at any moment leaves the database either before or after each one:
/// a migration's DDL and its row in `_fluent_migrations` commit in one transaction (both PostgreSQL and SQLite have
/// transactional DDL). Fluent's own migrator records a migration only after its DDL has committed, so a kill between
/// the two left tables without their record and every later start failed with "already exists".
/// On PostgreSQL an advisory lock makes instances that start together run each migration once.
enum AtomicMigrator {
    /// The advisory-lock key of schema changes (an arbitrary constant: "dienhinh" in ASCII, truncated).
    static let lockKey: Int64 = 0x6469_656e_6869_6e68

    /// Applies every migration not yet recorded; returns the names it applied.
    @discardableResult
    static func run(_ migrations: [any AsyncMigration], on db: any Database) async throws -> [String] {
        try await db.transaction { tx in
            try await lock(tx)
            try await MigrationLog.migration.prepare(on: tx).get()
        }
        var applied: [String] = []
        let batch = try await (MigrationLog.query(on: db).max(\.$batch) ?? 0) + 1
        for migration in migrations {
            let ran = try await db.transaction { tx -> Bool in
                try await lock(tx)
                // Another instance may have applied it while this one waited for the lock.
                if try await MigrationLog.query(on: tx).filter(\.$name == migration.name).count() > 0 { return false }
                try await migration.prepare(on: tx)
                try await MigrationLog(name: migration.name, batch: batch).create(on: tx)
                return true
            }
            if ran {
                applied.append(migration.name)
                if let maintained = migration as? any AfterCommitMigration { try await maintained.afterCommit(on: db) }
            }
        }
        return applied
    }

    /// A transaction-scoped lock on PostgreSQL; SQLite allows one writer, and its transaction is the lock.
    private static func lock(_ tx: any Database) async throws {
        guard tx.isPostgres else { return }
        try await tx.sql().raw("SELECT pg_advisory_xact_lock(\(bind: lockKey))").run()
    }
}

/// A migration with work that cannot run in a transaction (PostgreSQL's `VACUUM`), done once it has committed, and
/// only by the instance that applied it. Upkeep only: a kill before it leaves the database right, and slower until
/// PostgreSQL's autovacuum does the same.
protocol AfterCommitMigration: AsyncMigration {
    func afterCommit(on database: any Database) async throws
}
