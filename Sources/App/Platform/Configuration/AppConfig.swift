import Foundation

/// Everything the app needs to start, read once from the environment. A missing or wrong value
/// fails at start with a message that names the variable — never a crash deep inside.
public struct AppConfig: Sendable {
    public enum DatabaseKind: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String, searchPath: [String]?)
    }

    public var database: DatabaseKind
    /// Password for the first `admin` account (DIENHINH_ADMIN_PASSWORD); generated and printed when nil.
    public var adminPassword: String?
    /// Password for the demo accounts of every role (DIENHINH_DEMO_PASSWORD); generated when nil.
    public var demoPassword: String?
    /// Send cookies with the Secure flag (DIENHINH_SECURE_COOKIES): true, false, or nil for automatic —
    /// Secure on every request except plain HTTP to this machine's loopback address.
    public var secureCookies: Bool?
    /// bcrypt cost (DIENHINH_BCRYPT_COST).
    public var bcryptCost: Int
    /// Where Resources/ and Public/ live.
    public var workingDirectory: String
    /// How long a signed-in session lasts without signing in again.
    public var sessionLifetime: TimeInterval
    /// How long an API token lasts.
    public var apiTokenLifetime: TimeInterval
    /// Whose commendation rules apply (DIENHINH_JURISDICTION): "VN", or a province's own file such as "VN-KT".
    public var jurisdiction: String
    /// Login throttling per account and per address (DIENHINH_LOGIN_*, DIENHINH_TRUST_PROXY).
    public var loginThrottle = LoginThrottlePolicy()
    /// Where notices are e-mailed from (SMTP_*); nil: no e-mail is sent.
    public var smtp: SMTPSettings?
    /// Load the Kon Rẫy demo district into an empty database at the first start (DIENHINH_DEMO=1). Off by default:
    /// a production start never loads fake people.
    public var demo = false
    /// The public site's base URL for canonical links, feeds and the sitemap (DIENHINH_PUBLIC_URL, e.g.
    /// "https://dienhinh.konray.gov.vn"); nil: taken from each request's host.
    public var publicURL: String?
    /// Connections an event loop on a SQLite file (DIENHINH_SQLITE_READERS, 1–16): readers run at once in WAL, so
    /// a slow read holds one of them, not its loop's requests. Default: two a core, between 2 and 4.
    public var sqliteReaders = max(2, min(4, 2 * ProcessInfo.processInfo.activeProcessorCount))
    /// How much of a SQLite file its request connections read through a memory map, in MiB
    /// (DIENHINH_SQLITE_MMAP_MB, 0–2047; 0: off): pages are then read in place from the operating system's cache,
    /// shared by every connection, instead of copied into each connection's own cache by a `pread` each.
    public var sqliteMmapMiB = 0
    /// Page cache of each SQLite request connection, in MiB (DIENHINH_SQLITE_CACHE_MB, 1–1024). SQLite's own: 2.
    public var sqliteCacheMiB = 2
    /// Copies of the public site's pages this instance keeps, in MiB of bodies (DIENHINH_PAGE_CACHE_MB, 0–1024; 0:
    /// none). Each is served until the next audited write (`PageCache`). Default 32.
    public var pageCacheMiB = 32
    /// Reference data and figures this instance keeps between requests until the next audited write
    /// (DIENHINH_REFERENCE_CACHE, 0–65536 entries; 0: none, every page reads them again — the cost of a page right
    /// after a write). `ReferenceCache`; a sixteenth of them for the larger dashboard figures. Default 4096.
    public var referenceEntries = 4_096
    /// Statements PostgreSQL keeps prepared on each connection (DIENHINH_PG_PREPARED, 0–4096; 0: none, every
    /// statement planned again on every run; for a pooler that does not keep a connection's statements).
    /// `PreparedStatements`. Default 512.
    public var postgresPrepared = 512
    /// PostgreSQL connections each event loop keeps in its pool (DIENHINH_PG_CONNECTIONS, 1–64): an instance holds
    /// this many times its cores. Past what the database's cores can run, more connections only take turns there.
    /// Default 4.
    public var postgresConnections = 4
    /// Seconds a request waits for one of PostgreSQL's pooled connections before it is answered 503 with Retry-After
    /// (DIENHINH_PG_POOL_WAIT, 1–600): every connection busy that long means the database or this instance is
    /// overloaded, and the client is told to come back rather than shown an internal error. Default 10 (AsyncKit's).
    public var postgresPoolWait = 10
    /// Log every SQL statement with its binds at level info (DIENHINH_SQL_LOG=1, with LOG_LEVEL=info): for finding a
    /// slow page and for the benchmark's SQL floor (`Benchmarks/http/run.py`). Off by default.
    public var sqlLog = false
    /// Async work on NIO's event loops (DIENHINH_NIO_EXECUTOR, 1 or 0; `LoopExecutor`, installed by `main.swift`
    /// before this is read, with the same reading of the variables). Default: on.
    public var loopExecutor = false
    /// Heavy pages' handlers on threads of their own when the loops are the executor (DIENHINH_HEAVY_OFF_LOOP, 1 or
    /// 0; `OffLoopExecutor`). Default: on SQLite, whose statements take the cores from the loops on the app's own
    /// thread pool; not on PostgreSQL, where the heavy pages lost 7–11 % of their req/s off the loops and a light
    /// page's tail beside them was short already (PERFORMANCE, session 44).
    public var heavyOffLoop: Bool
    /// Seconds a write waits for its turn on a SQLite file before it is refused with a 503 and Retry-After
    /// (DIENHINH_SQLITE_WRITE_WAIT, 1–600; `FairGate.sqliteWriter`). Default 45.
    public var sqliteWriteWait = 45
    /// Heavy pages answered at once by this instance (DIENHINH_HEAVY_SLOTS, 1–64; `Admission`): the rest wait in
    /// line. Default `defaultHeavySlots`.
    public var heavySlots: Int
    /// Exports streamed at once by this instance (DIENHINH_EXPORT_SLOTS, 1–16). Default 2.
    public var exportSlots = 2
    /// Seconds a heavy page or an export waits in line before it is refused with a 503 and Retry-After
    /// (DIENHINH_HEAVY_WAIT, 1–600). Default 15.
    public var heavyWait = 15

    public init(
        database: DatabaseKind, adminPassword: String? = nil, demoPassword: String? = nil, secureCookies: Bool? = nil,
        bcryptCost: Int = 12, workingDirectory: String, sessionLifetime: TimeInterval = 8 * 3600,
        apiTokenLifetime: TimeInterval = 30 * 24 * 3600, jurisdiction: String = "VN"
    ) {
        self.database = database
        self.adminPassword = adminPassword
        self.demoPassword = demoPassword
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.workingDirectory = workingDirectory
        self.sessionLifetime = sessionLifetime
        self.apiTokenLifetime = apiTokenLifetime
        self.jurisdiction = jurisdiction
        self.heavySlots = Self.defaultHeavySlots(database)
        if case .postgres = database { self.heavyOffLoop = false } else { self.heavyOffLoop = true }
    }

    /// Four heavy pages a core on SQLite, eight on PostgreSQL; at least 4, at most 64.
    ///
    /// A heavy page spends much of its time waiting for SQL, and one a core left the cores idle meanwhile: on SQLite,
    /// at 32 connections on 2 cores, the national list page answered 367 req/s with 2 slots, 499 with 8, 515 with 32,
    /// and `/healthz` beside a burst of dashboards kept p99 22 ms with 8 (12 ms with 2; PERFORMANCE, session 27).
    /// On PostgreSQL the SQL runs in the database's own processes, and a page holds its slot while it waits for them:
    /// with 8 slots the national search answered 662 req/s at 64 connections, with 16 761, and `/healthz` beside it
    /// kept p99 22 ms (15 with 8; session 43).
    public static func defaultHeavySlots(
        _ database: DatabaseKind, cores: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> Int {
        let perCore: Int
        switch database {
        case .postgres: perCore = 8
        case .sqliteFile, .sqliteMemory: perCore = 4
        }
        return min(64, max(4, perCore * cores))
    }

    /// A yes/no value: 1/true/yes/on or 0/false/no/off (any case, spaces around ignored); nil for anything else.
    public static func yesNo(_ value: String) -> Bool? {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }

    public static func fromEnvironment(_ env: [String: String], workingDirectory: String) throws -> AppConfig {
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        let database: DatabaseKind
        if let url = value("DATABASE_URL") {
            guard let comps = URLComponents(string: url), let scheme = comps.scheme,
                ["postgres", "postgresql"].contains(scheme.lowercased()), comps.host?.isEmpty == false
            else {
                throw ConfigError(
                    variable: "DATABASE_URL",
                    message: "phải có dạng postgres://người_dùng:mật_khẩu@máy_chủ:5432/tên_csdl (đang là “\(url)”).")
            }
            database = .postgres(url: url, searchPath: nil)
        } else {
            let path = value("DATABASE_PATH") ?? "./dienhinh.sqlite"
            if path == ":memory:" {
                database = .sqliteMemory
            } else {
                let dir = (path as NSString).deletingLastPathComponent
                var isDir: ObjCBool = false
                let dirToCheck = dir.isEmpty ? "." : dir
                guard FileManager.default.fileExists(atPath: dirToCheck, isDirectory: &isDir), isDir.boolValue else {
                    throw ConfigError(variable: "DATABASE_PATH", message: "thư mục “\(dirToCheck)” không tồn tại.")
                }
                guard FileManager.default.isWritableFile(atPath: dirToCheck) else {
                    throw ConfigError(variable: "DATABASE_PATH", message: "không ghi được vào thư mục “\(dirToCheck)”.")
                }
                database = .sqliteFile(path: path)
            }
        }
        var secure: Bool?
        if let s = value("DIENHINH_SECURE_COOKIES") {
            switch s.lowercased() {
            case "1", "true", "yes", "on": secure = true
            case "0", "false", "no", "off": secure = false
            case "auto": secure = nil
            default:
                throw ConfigError(
                    variable: "DIENHINH_SECURE_COOKIES", message: "chỉ nhận true, false hoặc auto (đang là “\(s)”).")
            }
        }
        var cost = 12
        if let c = value("DIENHINH_BCRYPT_COST") {
            guard let n = Int(c), (4...31).contains(n) else {
                throw ConfigError(
                    variable: "DIENHINH_BCRYPT_COST", message: "phải là số nguyên từ 4 đến 31 (đang là “\(c)”).")
            }
            cost = n
        }
        let admin = value("DIENHINH_ADMIN_PASSWORD")
        if let admin, admin.count < 10 {
            throw ConfigError(variable: "DIENHINH_ADMIN_PASSWORD", message: "mật khẩu phải có ít nhất 10 ký tự.")
        }
        if let admin, admin.utf8.count > 72 {
            throw ConfigError(
                variable: "DIENHINH_ADMIN_PASSWORD", message: "mật khẩu dài tối đa 72 byte (giới hạn của bcrypt).")
        }
        let demo = value("DIENHINH_DEMO_PASSWORD")
        if let demo, demo.count < 10 {
            throw ConfigError(variable: "DIENHINH_DEMO_PASSWORD", message: "mật khẩu phải có ít nhất 10 ký tự.")
        }
        if let demo, demo.utf8.count > 72 {
            throw ConfigError(
                variable: "DIENHINH_DEMO_PASSWORD", message: "mật khẩu dài tối đa 72 byte (giới hạn của bcrypt).")
        }
        let jurisdiction = value("DIENHINH_JURISDICTION") ?? "VN"
        guard jurisdiction.range(of: "^[A-Z]{2}(-[A-Z0-9]{1,10})*$", options: .regularExpression) != nil else {
            throw ConfigError(
                variable: "DIENHINH_JURISDICTION", message: "phải có dạng VN hoặc VN-KT (đang là “\(jurisdiction)”).")
        }
        var config = AppConfig(
            database: database, adminPassword: admin, demoPassword: demo, secureCookies: secure,
            bcryptCost: cost, workingDirectory: workingDirectory, jurisdiction: jurisdiction)
        config.loginThrottle = try LoginThrottlePolicy.fromEnvironment(env)
        config.smtp = try SMTPSettings.fromEnvironment(env)
        /// A yes/no variable: 1/true/yes/on or 0/false/no/off; anything else names the variable.
        func flag(_ name: String, meaning: String) throws -> Bool? {
            guard let v = value(name) else { return nil }
            guard let yes = Self.yesNo(v) else {
                throw ConfigError(variable: name, message: "chỉ nhận 1 (\(meaning)) hoặc 0 (đang là “\(v)”).")
            }
            return yes
        }
        config.demo = try flag("DIENHINH_DEMO", meaning: "nạp dữ liệu mẫu") ?? false
        config.sqlLog = try flag("DIENHINH_SQL_LOG", meaning: "ghi mọi câu SQL") ?? false
        config.loopExecutor =
            try flag("DIENHINH_NIO_EXECUTOR", meaning: "chạy tác vụ trên vòng sự kiện NIO")
            ?? LoopExecutor.wanted(env)
        config.heavyOffLoop =
            try flag("DIENHINH_HEAVY_OFF_LOOP", meaning: "trang nặng chạy ngoài vòng sự kiện") ?? config.heavyOffLoop
        if let r = value("DIENHINH_SQLITE_READERS") {
            guard let n = Int(r), (1...16).contains(n) else {
                throw ConfigError(
                    variable: "DIENHINH_SQLITE_READERS", message: "phải là số nguyên từ 1 đến 16 (đang là “\(r)”).")
            }
            config.sqliteReaders = n
        }
        if let r = value("DIENHINH_SQLITE_WRITE_WAIT") {
            guard let n = Int(r), (1...600).contains(n) else {
                throw ConfigError(
                    variable: "DIENHINH_SQLITE_WRITE_WAIT", message: "phải là số giây từ 1 đến 600 (đang là “\(r)”).")
            }
            config.sqliteWriteWait = n
        }
        for (name, range, keyPath) in [
            ("DIENHINH_HEAVY_SLOTS", 1...64, \AppConfig.heavySlots), ("DIENHINH_EXPORT_SLOTS", 1...16, \.exportSlots),
            ("DIENHINH_HEAVY_WAIT", 1...600, \.heavyWait), ("DIENHINH_SQLITE_MMAP_MB", 0...2047, \.sqliteMmapMiB),
            ("DIENHINH_SQLITE_CACHE_MB", 1...1024, \.sqliteCacheMiB),
            ("DIENHINH_PAGE_CACHE_MB", 0...1024, \.pageCacheMiB),
            ("DIENHINH_REFERENCE_CACHE", 0...65_536, \.referenceEntries),
            ("DIENHINH_PG_PREPARED", 0...4_096, \.postgresPrepared),
            ("DIENHINH_PG_CONNECTIONS", 1...64, \.postgresConnections),
            ("DIENHINH_PG_POOL_WAIT", 1...600, \.postgresPoolWait),
        ] {
            guard let r = value(name) else { continue }
            guard let n = Int(r), range.contains(n) else {
                throw ConfigError(
                    variable: name,
                    message: "phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound) (đang là “\(r)”).")
            }
            config[keyPath: keyPath] = n
        }
        if let u = value("DIENHINH_PUBLIC_URL") {
            guard let c = URLComponents(string: u), ["http", "https"].contains(c.scheme?.lowercased() ?? ""),
                c.host?.isEmpty == false, c.query == nil
            else {
                throw ConfigError(
                    variable: "DIENHINH_PUBLIC_URL", message: "phải có dạng https://tên-miền (đang là “\(u)”).")
            }
            config.publicURL = u
        }
        return config
    }
}

public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public let variable: String
    public let message: String
    public var description: String { "Cấu hình sai: biến môi trường \(variable) \(message)" }
}
