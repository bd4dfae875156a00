import NIOConcurrencyHelpers
import NIOCore
import VaporCSQLite

struct SQLiteStatement {
    private var handle: OpaquePointer?
    private let connection: SQLiteConnection
    // Điển Hình patch (PATCHES.md): the statement's text, under which it goes back to the connection's kept
    // statements once it has run to the end; its columns, kept with it.
    private let query: String
    private var keptColumns: SQLiteColumnOffsets?
    /// How many times SQLite had compiled the statement again (a schema change) when its columns were read.
    private var columnsCompiled: Int32 = 0
    /// Taken from the kept statements: it holds the binds of its last run.
    private var reused = false
    /// A text or blob over `keptBindLimit` bytes was bound: the statement is finalized, not kept holding a copy.
    private var largeBind = false
    static let keptBindLimit = 16_384

    init(query: String, on connection: SQLiteConnection) throws {
        self.connection = connection
        self.query = query
        // Điển Hình patch: a statement run before on this connection is taken from the kept ones (reset, its
        // bindings left as they were: `bind` sets every parameter), not compiled again.
        if let kept = connection.statements.take(query) {
            self.handle = kept.handle
            self.keptColumns = kept.columns
            self.columnsCompiled = kept.compiled
            self.reused = true
            return
        }
        let ret = sqlite_nio_sqlite3_prepare_v3(
            connection.handle.raw,
            query,
            -1,
            UInt32(SQLITE_PREPARE_PERSISTENT),  // Điển Hình patch: kept for reuse (was 0)
            &self.handle,
            nil
        )
        // Can't use self.check() here, there's nothing to finalize yet on failure.
        guard ret == SQLITE_OK else {
            throw SQLiteError(statusCode: ret, connection: connection)
        }
    }

    /// Điển Hình patch: finalizes the statement unless it has gone back to the connection (after `SQLITE_DONE`) or
    /// was finalized on an error; a query calls it when it leaves, however it leaves.
    mutating func abandon() {
        if let handle = self.handle {
            sqlite_nio_sqlite3_finalize(handle)
            self.handle = nil
        }
    }

    /// Điển Hình patch: whether SQLite says the statement only reads (`sqlite3_stmt_readonly`; true also for BEGIN,
    /// COMMIT and the like, which change no data by themselves).
    var isReadOnly: Bool { sqlite_nio_sqlite3_stmt_readonly(self.handle) != 0 }

    /// Điển Hình patch: a statement not run (its columns read, nothing bound or stepped) goes back to the
    /// connection's kept statements, as after a run.
    mutating func keepUnrun() {
        try? self.check(SQLITE_DONE)
    }

    private mutating func check(_ ret: Int32) throws {
        // Điển Hình patch: after `SQLITE_DONE` the statement is reset and goes back to the connection's kept statements
        // (it was finalized); on an error it is finalized, as upstream. Its bindings are not cleared: SQLite marks a
        // statement whose plan used a bound value (a `LIMIT ?`, a `LIKE ?`) to be compiled again when they are, and
        // the next run binds every parameter anyway (`bind`).
        if ret == SQLITE_DONE, let handle = self.handle {
            self.handle = nil
            if sqlite_nio_sqlite3_reset(handle) == SQLITE_OK, !self.largeBind, let columns = self.keptColumns,
                Self.compiled(handle) == self.columnsCompiled
            {
                self.connection.statements.put(
                    self.query, .init(handle: handle, columns: columns, compiled: self.columnsCompiled))
            } else {
                sqlite_nio_sqlite3_finalize(handle)
            }
        } else if ret != SQLITE_OK, let handle = self.handle {
            sqlite_nio_sqlite3_finalize(handle)
            self.handle = nil
        }
        
        guard ret == SQLITE_OK || ret == SQLITE_DONE || ret == SQLITE_ROW else {
            throw SQLiteError(statusCode: ret, connection: self.connection)
        }
    }
    
    mutating func bind(_ binds: [SQLiteData]) throws {
        for (i, bind) in binds.enumerated() {
            let i = Int32(i + 1), ret: Int32
            
            switch bind {
            case .blob(let value):
                if value.readableBytes > Self.keptBindLimit { self.largeBind = true }  // Điển Hình patch
                ret = value.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(self.handle, i, $0.baseAddress, UInt64($0.count), SQLITE_TRANSIENT)
                }
            case .float(let value):
                ret = sqlite_nio_sqlite3_bind_double(self.handle, i, value)
            case .integer(let value):
                ret = sqlite_nio_sqlite3_bind_int64(self.handle, i, Int64(value))
            case .null:
                ret = sqlite_nio_sqlite3_bind_null(self.handle, i)
            case .text(let value):
                if value.utf8.count > Self.keptBindLimit { self.largeBind = true }  // Điển Hình patch
                ret = sqlite_nio_sqlite3_bind_text64(self.handle, i, value, UInt64(value.utf8.count), SQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
            }
            try self.check(ret)
        }
        // Điển Hình patch: a kept statement's parameters past `binds` are NULL, as in a statement just prepared.
        if self.reused {
            let count = sqlite_nio_sqlite3_bind_parameter_count(self.handle)
            if count > Int32(binds.count) {
                for i in Int32(binds.count + 1)...count { try self.check(sqlite_nio_sqlite3_bind_null(self.handle, i)) }
            }
        }
    }

    mutating func columns() throws -> SQLiteColumnOffsets {
        // Điển Hình patch: a kept statement's columns are kept with it.
        if let kept = self.keptColumns { return kept }
        var columns: [(String, Int)] = []

        let count = sqlite_nio_sqlite3_column_count(self.handle)
        columns.reserveCapacity(Int(count))

        // iterate over column count and intialize columns once
        // we will then re-use the columns for each row
        for i in 0 ..< count {
            try columns.append((self.column(at: i), numericCast(i)))
        }

        let offsets = SQLiteColumnOffsets(offsets: columns)
        self.keptColumns = offsets
        self.columnsCompiled = Self.compiled(self.handle)
        return offsets
    }

    /// Điển Hình patch: how many times SQLite has compiled the statement again since it was prepared (it does when
    /// the schema has changed: a kept `SELECT *` may then have other columns).
    private static func compiled(_ handle: OpaquePointer?) -> Int32 {
        sqlite_nio_sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
    }

    mutating func nextRow(for columns: SQLiteColumnOffsets) throws -> SQLiteRow? {
    /// Step over the query. This will continue to return `SQLITE_ROW` for as long as there are new rows to be fetched.
        switch sqlite_nio_sqlite3_step(self.handle) {
        case SQLITE_ROW:
            // Row returned.
            break
        case let ret:
            // No results left, or error.
            // This check is explicitly guaranteed to finalize the statement if the code is SQLITE_DONE.
            try self.check(ret)
            return nil
        }

        // Điển Hình patch: a kept statement SQLite compiled again in this step (the schema changed) has its columns read
        // again, and this row and every later one of the run use them (the caller's are the ones read before).
        if Self.compiled(self.handle) != self.columnsCompiled {
            self.keptColumns = nil
            _ = try self.columns()
        }
        let columns = self.keptColumns ?? columns
        return SQLiteRow(columnOffsets: columns, data: try (0 ..< columns.offsets.count).map { try self.data(at: Int32($0)) })
    }

    // MARK: Private

    private func data(at offset: Int32) throws -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(self.handle, offset) {
        case SQLITE_INTEGER:
            return .integer(.init(sqlite_nio_sqlite3_column_int64(self.handle, offset)))
        case SQLITE_FLOAT:
            return .float(.init(sqlite_nio_sqlite3_column_double(self.handle, offset)))
        case SQLITE_TEXT:
            guard let val = sqlite_nio_sqlite3_column_text(self.handle, offset) else {
                throw SQLiteError(reason: .error, message: "Unexpected nil column text")
            }
            return .text(.init(cString: val))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(self.handle, offset))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            
            if let blobPointer = sqlite_nio_sqlite3_column_blob(self.handle, offset) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: blobPointer, count: length))
            }
            return .blob(buffer)
        case SQLITE_NULL:
            return .null
        default:
            throw SQLiteError(reason: .error, message: "Unexpected column type")
        }
    }

    private func column(at offset: Int32) throws -> String {
        guard let cName = sqlite_nio_sqlite3_column_name(self.handle, offset) else {
            throw SQLiteError(reason: .error, message: "Unexpectedly found a nil column name at offset \(offset)")
        }
        return String(cString: cName)
    }
}

let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)


/// Điển Hình patch (PATCHES.md): the statements a connection has compiled, kept by their text for the next time the
/// same text runs on it — compiling a statement again each time was 13 % of a list page's CPU. A statement is taken
/// out while it runs (no two queries share one), put back reset (its bindings left) once it has run to the end
/// (`SQLITE_DONE`), and finalized on an error, when `capacity` texts are kept and another comes (the least recently
/// used goes), and when the connection closes. A reset statement holds no read transaction and no lock; SQLite
/// compiles it again by itself if the schema has changed since.
final class SQLiteStatementCache: Sendable {
    struct Kept: @unchecked Sendable {
        let handle: OpaquePointer
        let columns: SQLiteColumnOffsets
        /// `SQLITE_STMTSTATUS_REPREPARE` when `columns` were read.
        let compiled: Int32
    }

    private struct State {
        var kept: [String: (statement: Kept, used: UInt64)] = [:]
        var clock: UInt64 = 0
        /// Set by `finalizeAll` (the connection is closing): a statement that finishes after it is finalized.
        var closed = false
    }

    /// Texts kept per connection.
    static let capacity = 64

    private let state = NIOLockedValueBox(State())

    /// The kept statement of `query`, taken out; nil when none is kept.
    func take(_ query: String) -> Kept? {
        self.state.withLockedValue { $0.kept.removeValue(forKey: query)?.statement }
    }

    /// Keeps `statement` (reset) under `query`: finalized instead when one is kept already (two ran at once).
    func put(_ query: String, _ statement: Kept) {
        let finalize: [OpaquePointer] = self.state.withLockedValue { state in
            state.clock &+= 1
            if state.closed || state.kept[query] != nil { return [statement.handle] }
            var evicted: [OpaquePointer] = []
            if state.kept.count >= Self.capacity,
                let oldest = state.kept.min(by: { $0.value.used < $1.value.used })
            {
                state.kept.removeValue(forKey: oldest.key)
                evicted.append(oldest.value.statement.handle)
            }
            state.kept[query] = (statement, state.clock)
            return evicted
        }
        for handle in finalize { sqlite_nio_sqlite3_finalize(handle) }
    }

    /// Finalizes every kept statement (before the connection closes).
    func finalizeAll() {
        let all = self.state.withLockedValue { state in
            defer {
                state.kept = [:]
                state.closed = true
            }
            return state.kept.values.map(\.statement.handle)
        }
        for handle in all { sqlite_nio_sqlite3_finalize(handle) }
    }

    /// How many texts are kept (for tests).
    var count: Int { self.state.withLockedValue { $0.kept.count } }
}
