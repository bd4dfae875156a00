import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import SQLKit
import Vapor

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    /// The configuration the app was built with.
    public var config: AppConfig? {
        get { storage[ConfigKey.self] }
        set { storage[ConfigKey.self] = newValue }
    }

    /// A value `configure` stores at start; reading one it did not store is a programming error.
    func configured<Key: StorageKey>(_ key: Key.Type) -> Key.Value {
        guard let value = storage[key] else { fatalError("configure(_:_:) sets \(Key.self)") }
        return value
    }
}

/// Builds the app from its configuration: database, views, security, routes, commands.
public func configure(_ app: Application, _ config: AppConfig) async throws {
    app.config = config
    // SQLite runs every query (but a heavy page's reads, on the page's own thread), and Vapor every file read, on
    // this pool. NIO's shared default has one thread a core: a connection waiting on SQLite's busy timeout for the
    // writer held one of the two threads here, and the writer then waited for the other. A pool of its own, a few
    // threads a core, keeps them apart.
    app.threadPool = NIOThreadPool(numberOfThreads: max(16, 4 * System.coreCount))
    try configureDatabase(app, config)
    app.migrations.add(Migrations.all)
    app.ruleSets = try EligibilityService.loadRules(workingDirectory: config.workingDirectory)
    try BaseSalaries.install(workingDirectory: config.workingDirectory)
    app.quotaPlans = try QuotaService.loadPlans(workingDirectory: config.workingDirectory)
    app.statisticsForms = try StatisticsService.loadForms(workingDirectory: config.workingDirectory)
    app.storyColumns = try StoriesService.loadColumns(workingDirectory: config.workingDirectory)

    let root = config.workingDirectory.hasSuffix("/") ? config.workingDirectory : config.workingDirectory + "/"
    app.directory = DirectoryConfiguration(workingDirectory: root)
    // Leaf's renderer with the pages' own encoder (`PageRenderer`, `PageEncoder`).
    // The API's JSON written in one pass (`APIJSONEncoder`; Vapor's content configuration is the process's own).
    ContentConfiguration.global.use(encoder: APIJSONEncoder(), for: .json)
    let renderers = KeptLeafRenderers()
    app.views.use { app in PageRenderer(application: app, kept: renderers) }
    app.leaf.cache.isEnabled = app.environment.isRelease
    app.rowTemplates = RowTemplates(
        viewsDirectory: app.directory.viewsDirectory, keeps: app.leaf.cache.isEnabled, threadPool: app.threadPool)
    try await app.rowTemplates.preload()
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    await app.installPasswordWork()
    app.dummyPasswordHash = PasswordWork.dummyHash(cost: config.bcryptCost)
    app.loginThrottle = LoginThrottle(policy: config.loginThrottle)
    app.admission = Admission(config: config)
    app.lifecycle.use(OffLoopShutdown())
    if config.loopExecutor {
        app.logger.info(
            "Heavy pages' handlers: \(app.admission.offLoop == nil ? "on the loops" : "on threads of their own")")
    }
    app.publicFacets = PublicFacetCache()
    app.pageCache = PageCache(maxBytes: config.pageCacheMiB << 20)
    app.quotaDigests = RefreshingCache(maxAge: 60)
    app.menuCache = MenuCache()
    app.referenceCache = ReferenceCache(maxEntries: config.referenceEntries)
    app.figureCache = ReferenceCache(maxEntries: (config.referenceEntries + 15) / 16)
    app.routes.defaultMaxBodySize = "2mb"
    // Text answers (pages, CSS, JSON, CSV) gzipped when the client asks: a 39 KB list page travels as about 5 KB.
    // Safe against BREACH because every page masks its CSRF token afresh (`Secrets.maskedCSRF`).
    app.http.server.configuration.responseCompression = .enabledForCompressibleTypes

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware(config: config))
    app.middleware.use(ErrorPageMiddleware())
    let assets = StaticAssets(publicDirectory: app.directory.publicDirectory)
    app.leaf.tags["asset"] = AssetTag(assets: assets)
    app.middleware.use(StaticCacheMiddleware(assets: assets))
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))

    try routes(app, config)
    Commands.register(app)
    app.lifecycle.use(SQLiteCheckpoint())
    app.lifecycle.use(NoticeMailer())
    app.lifecycle.use(RegistrationTallies.Compaction())
}

/// A request waits `config.postgresPoolWait` seconds (DIENHINH_PG_POOL_WAIT) for one of PostgreSQL's pooled
/// connections; past it the request is a 503 with Retry-After (`ErrorPageMiddleware.classify`).
func configureDatabase(_ app: Application, _ config: AppConfig) throws {
    switch config.database {
    case .sqliteMemory:
        app.databases.use(
            SQLiteConnectionsConfiguration(
                bases: [sqlite(.memory, config)],
                gate: FairGate.sqliteWriter(wait: config.sqliteWriteWait)),
            as: .sqlite)
    case .sqliteFile(let path):
        // Several connections an event loop (readers in WAL at once) and one writer at a time, taken when a
        // transaction begins: `SQLiteConnections.swift`.
        let gate = FairGate.sqliteWriter(wait: config.sqliteWriteWait)
        // A heavy page's reads on its own thread (`SQLiteHereReaders`), when heavy pages have threads of their own.
        let here = Admission.offLoopThreads(config).map {
            SQLiteHereReaders(
                path: path, pragmas: Bootstrap.readerPragmas(config), capacity: $0, threadPool: app.threadPool,
                eventLoop: app.eventLoopGroup.any(), logger: app.logger)
        }
        app.sqliteHereReaders = here
        // The session's lookup stepped on its event loop, on connections of the loops' own that never wait for another
        // connection's lock (`LoopRead`).
        let onLoop = SQLiteHereReaders(
            path: path, pragmas: Bootstrap.readerPragmas(config),
            capacity: Array(app.eventLoopGroup.makeIterator()).count,
            onLoops: true, threadPool: app.threadPool, eventLoop: app.eventLoopGroup.any(), logger: app.logger)
        app.sqliteLoopReaders = onLoop
        app.databases.use(
            SQLiteConnectionsConfiguration(
                bases: (0..<config.sqliteReaders).map { _ in sqlite(.file(path), config) }, gate: gate, here: here,
                onLoop: onLoop),
            as: .sqlite)
        // Background jobs (an import's one long write transaction) get connections of their own, so the requests of
        // the event loop the job started on keep theirs and are not left waiting for the job to commit.
        app.databases.use(
            SQLiteConnectionsConfiguration(bases: [sqlite(.file(path), config)], gate: gate), as: .sqliteJobs,
            isDefault: false)
    case .postgres(let url, let searchPath):
        var pg: SQLPostgresConfiguration
        do { pg = try SQLPostgresConfiguration(url: url) } catch {
            throw ConfigError(variable: "DATABASE_URL", message: "không đọc được: \(error)")
        }
        pg.searchPath = searchPath
        PreparedStatements.shared.setLimit(config.postgresPrepared)
        app.databases.use(
            .postgres(
                configuration: pg, maxConnectionsPerEventLoop: config.postgresConnections,
                connectionPoolTimeout: .seconds(Int64(config.postgresPoolWait)),
                sqlLogLevel: config.sqlLog ? .info : .debug),
            as: .psql)
    }
    // Counts kept on write: every save of a registration, a movement link or an evaluation syncs them.
    for id in [DatabaseID.sqlite, .sqliteJobs, .psql] where app.databases.configuration(for: id) != nil {
        for m in RegistrationTallies.middlewares { app.databases.middleware.use(m, on: id) }
    }
}

private func sqlite(_ storage: SQLiteConfiguration, _ config: AppConfig) -> any DatabaseConfiguration {
    // No dataEncoder/dataDecoder: SQLiteConnections reads and binds with SQLiteKit's defaults, as the driver does.
    DatabaseConfigurationFactory.sqlite(
        storage, connectionPoolTimeout: .seconds(60), sqlLogLevel: config.sqlLog ? .info : nil
    ).make()
}

/// What every start needs before it serves: the schema, the shipped catalogue, SQLite settings.
public enum Bootstrap {
    /// The page cache of a background job's SQLite connection, in KiB (SQLite's default is 2,000).
    static let jobCacheKiB = 65_536

    /// The settings of a request's SQLite connection (the event loops' connections and a heavy page's
    /// `SQLiteHereReaders`). The busy timeout is per connection; 30 s: under a burst of writes a request waits its
    /// turn rather than failing with "database is locked". The loops' own readers (`LoopRead`) take these with a busy
    /// timeout of 0.
    static func readerPragmas(_ config: AppConfig) -> [String] {
        var pragmas = [
            "PRAGMA busy_timeout = 30000", "PRAGMA synchronous = NORMAL",
            "PRAGMA mmap_size = \(config.sqliteMmapMiB * 1_048_576)",
        ]
        if config.sqliteCacheMiB != 2 { pragmas.append("PRAGMA cache_size = -\(config.sqliteCacheMiB * 1024)") }
        return pragmas
    }

    /// A background job's connection. An import writes 50,000 rows into a dozen indexes of a million rows each in
    /// one transaction: with SQLite's default 2 MB of page cache it spilled dirty pages to the WAL and read them back.
    /// The cache is handed back when the job ends (`ImportService.finish`). The temporary store stays SQLite's (a
    /// file): in memory it made imports 4–10 % faster but grew with every job (twelve 50,000-row imports: heap after
    /// a job 78 → 206 MB, peak 668 MB; on file 56 → 97 MB, peak 386 MB; docs/PERFORMANCE.md, session 26).
    static let jobPragmas = [
        "PRAGMA busy_timeout = 30000", "PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -\(jobCacheKiB)",
    ]

    public static func prepare(_ app: Application) async throws {
        guard let config = app.config else {
            throw ConfigError(variable: "-", message: "configure(_:_:) chưa được gọi.")
        }
        if case .sqliteFile = config.database {
            // WAL survives in the file; the other settings are per connection, so set on each event loop's.
            let sql = try app.db.sql()
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            for loop in app.eventLoopGroup.makeIterator() {
                for id in [DatabaseID.sqlite, .sqliteJobs] {
                    let db = try app.databases.database(id, logger: app.logger, on: loop).orThrow()
                    for connection in try (db as? SQLiteConnectionsDatabase).orThrow().connections {
                        for pragma in id == .sqlite ? readerPragmas(config) : jobPragmas {
                            try await connection.raw(SQLQueryString(pragma)).run()
                        }
                    }
                }
            }
        }
        try await AtomicMigrator.run(Migrations.all, on: app.db)
        _ = app.runningImports
        // An import a stop of the server cut short is failed, with a message, not left "validating" for ever.
        let interrupted = try await ImportService.failInterrupted(on: app.db)
        if interrupted > 0 {
            app.logger.warning(
                "Đã đánh dấu \(interrupted) lần nhập dở dang (máy chủ dừng khi đang nhập) là không nhập.")
        }
        try await CatalogueService.loadShipped(workingDirectory: config.workingDirectory, on: app.db)
        try await CalendarService.loadShipped(workingDirectory: config.workingDirectory, on: app.db)
        // Upload files a kill left without their row (written, never committed).
        let orphans = try await FileStore.sweepOrphans(app: app, on: app.db)
        if !orphans.isEmpty { app.logger.warning("Đã xóa \(orphans.count) tệp tải lên không thuộc bản ghi nào.") }
    }

    /// `serve` on a fresh database: the admin, the demo data, and how to log in — printed once.
    public static func firstStart(_ app: Application) async throws {
        guard let config = app.config else { return }
        try await prepare(app)
        let admin = try await DemoData.ensureAdmin(app: app, config: config)
        // The demo only when asked for (DIENHINH_DEMO=1): a production start never loads fake people.
        let loaded = config.demo ? try await DemoData.loadDistrictIfEmpty(app: app, config: config) : nil
        let demo = loaded?.demo
        let district = loaded?.district
        guard admin.created || demo != nil else { return }
        var lines = ["", "════ Điển Hình — lần khởi động đầu tiên ════"]
        if let demo {
            lines.append(
                "Đã nạp dữ liệu mẫu: \(demo.unitCount) đơn vị, \(demo.groupCount) cụm/khối thi đua, \(demo.movementCount) phong trào."
            )
            if let district { lines.append("  Huyện mẫu 2023–2025: \(district.description).") }
        } else if try await !DemoData.isLoaded(on: app.db) {
            lines.append("Cơ sở dữ liệu còn trống (không nạp dữ liệu mẫu). Nhập cây tổ chức thật:")
            lines.append("  dienhinh import units TỆP.xlsx, rồi import groups và import users;")
            lines.append("  hoặc đăng nhập admin và dùng trang “Thiết lập từ bảng tính”. Dữ liệu mẫu: DIENHINH_DEMO=1.")
        }
        lines.append("Đăng nhập tại /dang-nhap (mặc định http://127.0.0.1:8080/dang-nhap).")
        if admin.created {
            if let pw = admin.printedPassword {
                lines.append("  Quản trị: tên đăng nhập admin — mật khẩu: \(pw)")
                lines.append("  (Mật khẩu dùng một lần, chỉ in một lần: phải đổi ngay khi đăng nhập lần đầu.")
                lines.append("   Đặt trước bằng biến DIENHINH_ADMIN_PASSWORD nếu muốn.)")
            } else {
                lines.append("  Quản trị: tên đăng nhập admin — mật khẩu lấy từ DIENHINH_ADMIN_PASSWORD.")
            }
        }
        if let demo, !demo.accounts.isEmpty {
            let pw = config.demoPassword == nil ? (demo.password ?? "") : "(lấy từ DIENHINH_DEMO_PASSWORD)"
            lines.append("  Tài khoản mẫu, mật khẩu chung \(pw):")
            for (name, role) in demo.accounts { lines.append("    \(name) — \(role.label)") }
        }
        lines.append("════════════════════════════════════════════")
        print(lines.joined(separator: "\n"))
    }
}

extension DatabaseID {
    /// The same SQLite file as `.sqlite`, on connections kept for background jobs.
    static let sqliteJobs = DatabaseID(string: "sqlite-jobs")
}

extension Application {
    /// Where a background job writes: on SQLite, connections of its own (see `configureDatabase`); on PostgreSQL, the
    /// shared pool, which has several connections an event loop.
    var jobsDB: any Database {
        if case .sqliteFile = config?.database { return db(.sqliteJobs) }
        return db
    }
}
