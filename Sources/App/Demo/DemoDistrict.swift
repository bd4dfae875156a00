import Domain
import Fluent
import Vapor

/// The living demo district: Kon Rẫy's 2023–2025 as an office would have typed it. Registrations of every commune,
/// agency and school, nurturing plans, evaluations with evidence, annual records, initiatives, awards, dossiers at
/// every stage and one full council meeting — all through the services, so every rule and audit entry holds.
///
/// Call after `DemoData.load` (the tree, the accounts, the councils exist). Deterministic: one seeded generator
/// and the `today` given decide everything (timestamps such as `created_at` still read the clock).
///
/// Personal data is fictitious by construction: every CCCD starts with "000" (no province has that code) and every
/// phone number is "0900 000 xxx"; the names come from `Resources/Demo/names.json`.
enum DemoDistrict {
    static let seed: UInt64 = 0x4B52_2023_2025_0015

    struct Summary: Sendable, CustomStringConvertible {
        var subjects = 0
        var registrationsByYear: [Int: Int] = [:]
        var unitCriteria = 0
        var actions = 0
        var overdueActions = 0
        var evaluations = 0
        var evaluationResults: [String: Int] = [:]
        var evidence = 0
        var annualRecords = 0
        var initiatives = 0
        var awards = 0
        var dossiersByStage: [String: Int] = [:]
        var meetings = 0
        var decisions = 0
        /// 2025 exemplars below the plan's quota (§IV.3): unit name → exemplars.
        var shortfalls: [String: Int] = [:]
        var seconds = 0.0
        var timings: [String: Double] = [:]
        var registrations: Int { registrationsByYear.values.reduce(0, +) }
        var records: Int {
            subjects + registrations + unitCriteria + actions + evaluations + evidence + annualRecords + initiatives
                + awards + dossiersByStage.values.reduce(0, +)
        }

        var description: String {
            let years = registrationsByYear.keys.sorted().map { "\($0): \(registrationsByYear[$0] ?? 0)" }
            let stages = dossiersByStage.keys.sorted().map { "\($0) \(dossiersByStage[$0] ?? 0)" }
            let results = evaluationResults.keys.sorted().map { "\($0) \(evaluationResults[$0] ?? 0)" }
            let short = shortfalls.keys.sorted().map { "\($0) (\(shortfalls[$0] ?? 0))" }
            return """
                Dữ liệu trình diễn huyện Kon Rẫy 2023–2025 (\(String(format: "%.1f", seconds)) giây):
                  đối tượng \(subjects); đăng ký \(registrations) (\(years.joined(separator: ", "))); \
                tiêu chí cụ thể của đơn vị \(unitCriteria)
                  việc bồi dưỡng \(actions), trong đó quá hạn \(overdueActions); đánh giá \(evaluations) \
                (tiêu chí: \(results.joined(separator: ", "))); minh chứng \(evidence)
                  kết quả hằng năm \(annualRecords); sáng kiến \(initiatives); khen thưởng \(awards); \
                quyết định \(decisions); cuộc họp Hội đồng \(meetings)
                  hồ sơ theo bước: \(stages.joined(separator: ", "))
                  thiếu chỉ tiêu điển hình năm 2025 (§IV.3): \(short.joined(separator: ", "))
                  thời gian theo bước (giây): \(timings.keys.sorted().map { "\($0) \(String(format: "%.1f", timings[$0] ?? 0))" }.joined(separator: ", "))
                  Số CCCD mẫu đều bắt đầu bằng 000, số điện thoại mẫu dạng 0900 000 xxx: dữ liệu hư cấu.
                """
        }
    }

    /// Loads the district. `today` is the app's today (nil: `Today.iso`): items dated after it (evaluations,
    /// decisions) are left for later, and open nurturing actions due before it are overdue.
    /// `db`: the database to write through; the first start passes the transaction that also holds the tree and the
    /// accounts (DemoData), so a kill during the load leaves nothing half made.
    static func load(app: Application, today: Date? = nil, on db: (any Database)? = nil) async throws -> Summary {
        let clock = ContinuousClock()
        let started = clock.now
        let todayISO = today.flatMap { VietnameseDate.displayToISO(VietnameseDate.format($0)) } ?? Today.iso
        let run = try await DemoDistrictRun.make(app: app, today: todayISO, on: db ?? app.db)
        try await Today.$fixed.withValue(todayISO) {
            for year in run.plan.years {
                try await run.registrations(year: year)
            }
            try await run.timed("khen thưởng") { try await run.awardHistory() }
            try await run.timed("hồ sơ, hội đồng") { try await run.commendation() }
            try await run.timed("cụm, khối, báo cáo") { try await run.groupYear() }
            try await run.timed("sự kiện") { try await run.events() }
            try await run.timed("nhân rộng") { try await run.replications() }
            try await run.timed("tuyên truyền, giới thiệu") { try await run.mediaAndProposals() }
            try await run.timed("bài viết") { try await run.stories() }
        }
        var summary = try await run.summary()
        summary.timings = run.timings
        let elapsed = clock.now - started
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return summary
    }
}

/// One load's state: the generator, the people drawn so far, the subjects and registrations made.
final class DemoDistrictRun: @unchecked Sendable {
    /// A unit that registers exemplars of its own.
    struct Home: Sendable {
        let unit: UnitModel
        let id: Int
        /// commune, agency, school, village, enterprise
        let part: String
        /// The commune the unit belongs to (itself for a commune), for the quota.
        let communeCode: String?
        let agencyCode: String?
    }

    /// A subject the demo follows across the years.
    final class Member: @unchecked Sendable {
        let key: String
        let home: Home
        let kind: SubjectKind
        let typeCodes: [String]
        let title: String
        let input: SubjectInput
        /// Strong members are rated "hoàn thành xuất sắc" and reach the exemplar standard.
        let strong: Bool
        let fromYear: Int
        let toYear: Int
        var subjectID: Int?
        var registrations: [Int: Int] = [:]
        init(
            key: String, home: Home, kind: SubjectKind, typeCodes: [String], title: String, input: SubjectInput,
            strong: Bool, fromYear: Int, toYear: Int
        ) {
            self.key = key
            self.home = home
            self.kind = kind
            self.typeCodes = typeCodes
            self.title = title
            self.input = input
            self.strong = strong
            self.fromYear = fromYear
            self.toYear = toYear
        }
    }

    let app: Application
    /// Where everything is written: the app's database, or the first start's transaction (nested transactions run
    /// inside it).
    let db: any Database
    let actor: Actor
    let sets: [RuleSet]
    let jurisdiction: String
    let plan: DemoDistrictPlan
    let today: String
    var rng = SplitMix64(seed: DemoDistrict.seed)
    var people: DemoPeople
    var homes: [Home] = []
    var members: [Member] = []
    var movementIDs: [String: Int] = [:]
    var typeMovement: [String: String] = [:]
    var subjectsBefore = 0
    var decisionNumbers: [String: Int] = [:]
    var criteriaCache: [String: [ResolvedCriterion]] = [:]
    /// Seconds spent per kind of step, for the summary (where a slow load spends its time).
    var timings: [String: Double] = [:]
    let clock = ContinuousClock()

    func timed<T>(_ step: String, _ body: () async throws -> T) async rethrows -> T {
        let start = clock.now
        defer {
            let d = clock.now - start
            timings[step, default: 0] += Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        return try await body()
    }

    init(
        app: Application, db: any Database, actor: Actor, sets: [RuleSet], jurisdiction: String,
        plan: DemoDistrictPlan, book: DemoNameBook, today: String
    ) {
        self.app = app
        self.db = db
        self.actor = actor
        self.sets = sets
        self.jurisdiction = jurisdiction
        self.plan = plan
        self.today = today
        people = DemoPeople(book: book)
    }

    static func make(app: Application, today: String, on db: any Database) async throws -> DemoDistrictRun {
        let dir = app.config?.workingDirectory ?? app.directory.workingDirectory
        let plan = try DemoDistrictPlan.load(workingDirectory: dir)
        let book = try DemoNameBook.load(workingDirectory: dir)
        // The administrator's account does the typing: allowed everywhere, and named in the audit log.
        let admin = try await UserModel.query(on: db).filter(\.$role == Role.admin.rawValue).sort(\.$id).first()
        let actor = Actor(
            userID: admin?.id ?? 0, username: admin?.username ?? "dữ liệu mẫu", role: .admin, unitID: nil,
            unitPath: nil)
        let run = DemoDistrictRun(
            app: app, db: db, actor: actor, sets: app.ruleSets, jurisdiction: app.config?.jurisdiction ?? "VN",
            plan: plan,
            book: book, today: today)
        try await run.prepare()
        return run
    }

    /// The units that register, in code order, and the movements by code.
    func prepare() async throws {
        subjectsBefore = try await SubjectModel.query(on: db).count()
        let units = try await UnitModel.query(on: db).sort(\.$code).all()
        let byID = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u) } })
        guard let district = units.first(where: { $0.code == "KR" }) else {
            throw AppError.badRequest("Chưa nạp cây tổ chức mẫu huyện Kon Rẫy (DemoData) trước dữ liệu trình diễn.")
        }
        let districtPath = district.path
        for u in units where u.path.hasPrefix(districtPath) && u.code != "KR" && u.abolishedOn == nil {
            guard let id = u.id else { continue }
            let parent = u.$parent.id.flatMap { byID[$0] }
            let isCommune = u.kind == "xa" || u.kind == "thi-tran"
            let underCommune = parent.map { $0.kind == "xa" || $0.kind == "thi-tran" } ?? false
            let part: String
            switch u.kind {
            case "xa", "thi-tran": part = "commune"
            case "truong": part = "school"
            case "thon": part = "village"
            case "hop-tac-xa", "doanh-nghiep": part = "enterprise"
            default: part = plan.collectiveTypesByUnit[u.code] != nil ? "agency" : "other"
            }
            guard part != "other" else { continue }
            homes.append(
                Home(
                    unit: u, id: id, part: part,
                    communeCode: isCommune ? u.code : (underCommune ? parent?.code : nil),
                    agencyCode: part == "agency" ? u.code : nil))
        }
        for m in try await MovementModel.query(on: db).all() {
            if let id = m.id { movementIDs[m.code] = id }
        }
        if let file = try await CatalogueService.currentFile(on: db) {
            for t in file.modelTypes { if let m = t.movement { typeMovement[t.code] = m } }
        }
        for (type, code) in plan.movementsByType where !type.hasPrefix("_") && typeMovement[type] == nil {
            typeMovement[type] = code
        }
        buildMembers()
    }

    func isShortfall(_ home: Home) -> Bool {
        plan.shortfall2025.communesWithOne.contains(home.communeCode ?? "")
            || plan.shortfall2025.agenciesWithNone.contains(home.agencyCode ?? "")
    }

    /// One transaction in which the services' "today" is `day` (default: the load's today). The task-local is set
    /// inside the transaction: Fluent runs the closure in a task of its own, which does not inherit it.
    func transaction<T: Sendable>(on day: String? = nil, _ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        let day = day ?? today
        return try await db.transaction { tx in try await Today.$fixed.withValue(day) { try await body(tx) } }
    }

    /// Whether the day has come (items dated later are left for later).
    func past(_ iso: String) -> Bool { iso <= today }
}
