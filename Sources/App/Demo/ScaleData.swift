import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Data at the size of a province or the country, for benchmarks and load tests (issue 11): a unit tree, subjects
/// and registrations over five years, and their awards. Deterministic: the same profile and seed give the same rows
/// on every machine. It uses the demo's seeded generator and name book, and the import's bulk writer
/// (`ImportService.write`: subjects, registrations, their movements and history in batched INSERTs, one audit entry
/// per batch), so the rows hold what the app's own import would write. Memory stays bounded: rows are made and
/// written a batch at a time, each batch in one transaction.
enum ScaleData {
    /// How big: the unit tree's shape and the record counts. The national profile is the issue's target: about
    /// 100,000 units (34 provinces, 3,332 communes), 1,000,000 registrations and 3,000,000 awards.
    struct Profile: Sendable, Equatable {
        let name: String
        let provinces: Int
        let communesPerProvince: Int
        let agenciesPerProvince: Int
        let villagesPerCommune: Int
        let schoolsPerCommune: Int
        let unitsPerAgency: Int
        let registrations: Int
        let awardsPerRegistration: Int

        var unitCount: Int {
            provinces
                * (1 + communesPerProvince * (1 + villagesPerCommune + schoolsPerCommune) + agenciesPerProvince
                    * (1 + unitsPerAgency))
        }

        static let all: [Profile] = [
            Profile(
                name: "district", provinces: 1, communesPerProvince: 12, agenciesPerProvince: 8,
                villagesPerCommune: 5, schoolsPerCommune: 2, unitsPerAgency: 2, registrations: 3_000,
                awardsPerRegistration: 3),
            Profile(
                name: "province", provinces: 1, communesPerProvince: 100, agenciesPerProvince: 25,
                villagesPerCommune: 20, schoolsPerCommune: 6, unitsPerAgency: 10, registrations: 30_000,
                awardsPerRegistration: 3),
            Profile(
                name: "national", provinces: 34, communesPerProvince: 98, agenciesPerProvince: 25,
                villagesPerCommune: 20, schoolsPerCommune: 6, unitsPerAgency: 10, registrations: 1_000_000,
                awardsPerRegistration: 3),
        ]

        static func named(_ name: String) -> Profile? { all.first { $0.name == name } }
    }

    struct Summary: Sendable, Equatable {
        var units = 0
        var subjects = 0
        var registrations = 0
        var awards = 0
        var seconds = 0.0
        /// Of `seconds`, making the secondary indexes after the load (`DeferredIndexes`).
        var indexSeconds = 0.0
        var rowsPerSecond: Int { seconds > 0 ? Int(Double(units + subjects + registrations + awards) / seconds) : 0 }
    }

    enum Failure: Error, CustomStringConvertible {
        case notEmpty(Int)
        case noCatalogue(Int)
        var description: String {
            switch self {
            case .notEmpty(let n):
                return
                    "Cơ sở dữ liệu đã có \(n) đăng ký; chỉ tạo dữ liệu quy mô trên cơ sở dữ liệu chưa có đăng ký nào."
            case .noCatalogue(let year):
                return "Không có phiên bản danh mục nào có hiệu lực năm \(year)."
            }
        }
    }

    /// The years the catalogues and rule files cover (the catalogue in force from 2023).
    static let years = 2023...2025
    static let batch = 20_000

    /// Writes the profile's rows; `progress` hears after each batch. Refuses a database that holds registrations.
    static func generate(
        _ profile: Profile, seed: UInt64, app: Application, on db: any Database, keepIndexes: Bool = false,
        progress: @Sendable (Summary) -> Void = { _ in }
    ) async throws -> Summary {
        let started = Date()
        let existing = try await RegistrationModel.query(on: db).count()
        guard existing == 0 else { throw Failure.notEmpty(existing) }
        guard let config = app.config else { throw Abort(.internalServerError) }
        let book = try DemoNameBook.load(workingDirectory: config.workingDirectory)
        var rng = SplitMix64(seed: seed)
        var summary = Summary()

        let seedForUnits = rng
        let (tree, after) = try await db.transaction { tx in try await writeUnits(profile, rng: seedForUnits, on: tx) }
        rng = after
        summary.units = tree.count
        progress(summary)

        var catalogues: [Int: ImportService.YearCatalogue] = [:]
        for year in years {
            guard let c = try await ImportService.catalogue(year: year, on: db) else { throw Failure.noCatalogue(year) }
            catalogues[year] = c
        }
        let movements = try await MovementModel.query(on: db).all().compactMap(\.id)
        let ruleSets = app.ruleSets
        let system = Actor(userID: 0, username: "tạo dữ liệu quy mô", role: .admin, unitID: nil, unitPath: nil)

        let choices = Choices(catalogues: catalogues)
        // The tables the batches fill lose their secondary indexes until the last batch (`DeferredIndexes`): nationally
        // 5,000,000 rows and their index entries, sorted once at the end instead of inserted one at a time.
        let deferred =
            keepIndexes
            ? nil
            : try await DeferredIndexes.setAside(tables: bulkTables, fullText: ["registrations", "subjects"], on: db)
        do {
            var lastID = 0
            var written = 0
            while written < profile.registrations {
                let count = min(batch, profile.registrations - written)
                var plans: [ImportService.Planned] = []
                plans.reserveCapacity(count)
                // One registration per subject in a batch: the import's writer takes one identity key for one subject.
                var seen = Set<String>()
                for i in 0..<count {
                    var p = plan(
                        row: written + i, tree: tree, choices: choices, movements: movements, book: book, rng: &rng)
                    while !seen.insert(p.subjectKey).inserted {
                        p = plan(
                            row: written + i, tree: tree, choices: choices, movements: movements, book: book, rng: &rng)
                    }
                    plans.append(p)
                }
                // A batch is one transaction: its registrations, their recognition, the counts and the awards. Each
                // commit writes every page it changed to the log, and a checkpoint writes them again; the same index
                // pages changed by four commits a batch were written four times (110 GB for a 2.9 GB file nationally).
                let (batchPlans, after, rngBefore) = (plans, lastID, rng)
                let (created, awards, last, rngAfter) = try await db.transaction { tx in
                    var r = rngBefore
                    let created = try await ImportService.write(
                        batchPlans, filename: "gen-data \(profile.name) seed \(seed)", actor: system, on: tx)
                    try await recognise(after: after, on: tx)
                    // No server folds the counts' deltas while the generator runs: each batch folds its own.
                    try await RegistrationTallies.compact(on: tx)
                    let (awards, last) = try await writeAwards(
                        profile, after: after, ruleSets: ruleSets, rng: &r, on: tx)
                    return (created, awards, last, r)
                }
                rng = rngAfter
                summary.registrations += created
                summary.subjects += created
                summary.awards += awards
                lastID = last
                written += count
                summary.seconds = Date().timeIntervalSince(started)
                progress(summary)
            }
        } catch {
            try? await deferred?.restore(tables: bulkTables, on: db)
            throw error
        }
        if let deferred {
            let before = Date()
            try await deferred.restore(tables: bulkTables, on: db)
            summary.indexSeconds = Date().timeIntervalSince(before)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// What the batches write, whose secondary indexes wait for the end of the load.
    static let bulkTables = [
        "subjects", "registrations", "registration_movements", "registration_transitions", "awards",
    ]

    // MARK: units

    struct PlacedUnit: Sendable {
        let id: Int
        let shortName: String
        let kind: UnitKind
        /// Its path, as `setPaths` writes it (the tallies of its registrations name it).
        let path: String
    }

    /// The tree level by level: provinces, then their communes and agencies, then villages, schools and the
    /// agencies' own units. Each level is one batched INSERT … RETURNING id per 500 rows; paths are set by one UPDATE
    /// per level from the parent's path, as `UnitService` builds them.
    private static func writeUnits(_ p: Profile, rng: SplitMix64, on db: any Database) async throws
        -> ([PlacedUnit], SplitMix64)
    {
        struct NewUnit {
            let code: String
            let name: String
            let shortName: String
            let kind: UnitKind
            let parentID: Int?
        }
        let sql = try db.sql()
        var placed: [PlacedUnit] = []
        var paths: [Int: String] = [:]
        func insert(_ units: [NewUnit]) async throws -> [Int] {
            var ids: [Int] = []
            for chunk in units.chunked(500) {
                var q = sql.insert(into: "units").columns(
                    "code", "name", "short_name", "kind", "parent_id", "path", "place", "abbreviation",
                    "search_text", "active", "created_at")
                let now = Date()
                for u in chunk {
                    q = q.values(
                        SQLBind(u.code), SQLBind(u.name), SQLBind(u.shortName), SQLBind(u.kind.rawValue),
                        SQLBind(u.parentID), SQLBind("/"), SQLBind(u.shortName), SQLBind(""),
                        SQLBind(VietnameseText.fold("\(u.code) \(u.name) \(u.shortName)")), SQLBind(true),
                        SQLBind(now))
                }
                ids += try await q.returning("id").all().map { try $0.decode(column: "id", as: Int.self) }
            }
            for (u, id) in zip(units, ids) {
                let path = (u.parentID.flatMap { paths[$0] }.map(UnitPath.init(raw:)) ?? .root).child(id).raw
                paths[id] = path
                placed.append(PlacedUnit(id: id, shortName: u.shortName, kind: u.kind, path: path))
            }
            return ids
        }
        var places = PlaceNames(rng: rng)
        // Provinces.
        let provinces = (1...p.provinces).map { n -> NewUnit in
            let place = places.next()
            return NewUnit(
                code: String(format: "QM-T%02d", n), name: "Ủy ban nhân dân tỉnh \(place)", shortName: "Tỉnh \(place)",
                kind: .tinh, parentID: nil)
        }
        let provinceIDs = try await insert(provinces)
        try await sql.raw(
            "UPDATE units SET path = '/' || CAST(id AS TEXT) || '/' WHERE path = '/' AND parent_id IS NULL"
        )
        .run()
        // Communes and provincial agencies.
        var level1: [NewUnit] = []
        for (t, pid) in provinceIDs.enumerated() {
            for c in 1...max(1, p.communesPerProvince) {
                let place = places.next()
                let ward = places.rng.chance(0.15)
                level1.append(
                    NewUnit(
                        code: String(format: "QM-T%02d-X%03d", t + 1, c),
                        name: "Ủy ban nhân dân \(ward ? "phường" : "xã") \(place)",
                        shortName: "\(ward ? "Phường" : "Xã") \(place)", kind: ward ? .phuong : .xa, parentID: pid))
            }
            for a in 0..<p.agenciesPerProvince {
                let field = agencyNames[a % agencyNames.count]
                level1.append(
                    NewUnit(
                        code: String(format: "QM-T%02d-S%02d", t + 1, a + 1), name: field,
                        shortName: field + (a >= agencyNames.count ? " \(a / agencyNames.count + 1)" : ""),
                        kind: .so, parentID: pid))
            }
        }
        let level1IDs = try await insert(level1)
        try await setPaths(sql)
        // Villages, schools, and the agencies' units.
        var level2: [NewUnit] = []
        for (u, id) in zip(level1, level1IDs) {
            let base = u.code
            if u.kind == .so {
                for k in 0..<p.unitsPerAgency {
                    level2.append(
                        NewUnit(
                            code: base + String(format: "-D%02d", k + 1), name: "Trung tâm \(places.next())",
                            shortName: "TT \(places.last)", kind: .donViSuNghiep, parentID: id))
                }
            } else {
                for v in 0..<p.villagesPerCommune {
                    level2.append(
                        NewUnit(
                            code: base + String(format: "-TH%02d", v + 1), name: "Thôn \(v + 1), \(u.shortName)",
                            shortName: "Thôn \(v + 1)", kind: .thon, parentID: id))
                }
                for s in 0..<p.schoolsPerCommune {
                    let school = schoolNames[s % schoolNames.count]
                    level2.append(
                        NewUnit(
                            code: base + String(format: "-TR%02d", s + 1), name: "\(school) \(u.shortName)",
                            shortName: "\(school) \(places.next())", kind: .truong, parentID: id))
                }
            }
            // Keep memory bounded at national size: write the level in slices.
            if level2.count >= 20_000 {
                _ = try await insert(level2)
                level2.removeAll(keepingCapacity: true)
            }
        }
        _ = try await insert(level2)
        try await setPaths(sql)
        return (placed, places.rng)
    }

    /// Children whose path is not set yet take their parent's path and their own id.
    private static func setPaths(_ sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE units SET path = (SELECT p.path FROM units p WHERE p.id = units.parent_id) || CAST(id AS TEXT) || '/'
            WHERE path = '/' AND parent_id IS NOT NULL
            """
        ).run()
    }

    static let agencyNames = [
        "Sở Nội vụ", "Sở Tài chính", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Nông nghiệp và Môi trường",
        "Sở Xây dựng", "Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Tư pháp",
        "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh",
    ]
    static let schoolNames = ["Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở"]

    /// Place names made of two syllables of the area (Đăk, Kon, Plei, Ia …), unique while the list lasts.
    struct PlaceNames {
        var rng: SplitMix64
        private(set) var last = ""
        private var used: Set<String> = []
        static let first = ["Đăk", "Kon", "Plei", "Ia", "Ngọc", "Tân", "Hòa", "An", "Phú", "Bình", "Sơn", "Thạnh"]
        static let second = [
            "Ruồng", "Tờ Re", "Pne", "Rẫy", "Lây", "Hà", "Kơ", "Blô", "Long", "Mỹ", "Lộc", "Thành", "Hưng", "Phước",
            "Xuân", "Đông", "Tây", "Nam", "Bắc", "Trung", "Hiệp", "Lợi", "Thuận", "Hải", "Sang", "Chim", "Pơ Kô",
        ]
        init(rng: SplitMix64) { self.rng = rng }
        mutating func next() -> String {
            for _ in 0..<20 {
                let name = rng.pick(Self.first) + " " + rng.pick(Self.second)
                if used.insert(name).inserted {
                    last = name
                    return name
                }
            }
            // The pairs run out long before a national tree does: a number keeps names apart, as in real lists.
            last = rng.pick(Self.first) + " " + rng.pick(Self.second) + " \(used.count + 1)"
            used.insert(last)
            return last
        }
    }

    // MARK: registrations

    /// What a row may pick, per year and kind, sorted so that the seed alone decides.
    struct Choices {
        let byYear: [Int: (version: String, types: [SubjectKind: [Int]], fields: [String])]
        init(catalogues: [Int: ImportService.YearCatalogue]) {
            var byYear: [Int: (version: String, types: [SubjectKind: [Int]], fields: [String])] = [:]
            for (year, c) in catalogues {
                var types: [SubjectKind: [Int]] = [:]
                for kind in [SubjectKind.individual, .household, .collective] {
                    types[kind] = c.typeByCode.values.filter { $0.subjectKinds.contains(kind.rawValue) }
                        .sorted { $0.code < $1.code }.compactMap(\.id)
                }
                byYear[year] = (c.version, types, c.fieldCodes.sorted())
            }
            self.byYear = byYear
        }
    }

    private static func plan(
        row: Int, tree: [PlacedUnit], choices: Choices, movements: [Int], book: DemoNameBook, rng: inout SplitMix64
    ) -> ImportService.Planned {
        let unit = tree[rng.int(tree.count)]
        let year = years.lowerBound + rng.int(years.count)
        let c = choices.byYear[year] ?? (version: "", types: [:], fields: [])
        let roll = rng.int(100)
        let kind: SubjectKind = roll < 60 ? .individual : roll < 85 ? .household : .collective
        let types = c.types[kind] ?? []
        let person = name(kind: kind, unit: unit, book: book, rng: &rng)
        let title = titles[rng.int(titles.count)] + " – " + unit.shortName
        let subject = SubjectRow(
            SubjectInput(
                kind: kind.rawValue, name: person.name, gender: kind == .individual ? person.gender : "",
                ethnicity: kind == .collective ? "" : person.ethnicity, position: "", birthDate: "",
                idNumber: "", phone: "", address: "", headsUnitID: nil, representsUnitID: nil),
            unitID: unit.id)
        return ImportService.Planned(
            row: row + 2, year: year, unitID: unit.id, unitShortName: unit.shortName, unitPath: unit.path,
            subjectKey: subject.identity, existingSubjectID: nil, subject: subject,
            typeID: types.isEmpty ? nil : types[rng.int(types.count)],
            fieldCode: c.fields.isEmpty ? "" : c.fields[rng.int(c.fields.count)],
            movementIDs: movements.isEmpty || rng.chance(0.5) ? [] : [movements[rng.int(movements.count)]],
            title: title, description: "", goals: "", contact: "", catalogueVersion: c.version)
    }

    static let teams = [
        "Tổ sản xuất", "Chi hội Phụ nữ", "Chi đoàn Thanh niên", "Tổ hợp tác", "Chi hội Nông dân", "Tổ dân vận",
        "Ban công tác Mặt trận", "Chi hội Cựu chiến binh", "Tổ chuyên môn", "Tổ văn phòng",
    ]

    static let titles = [
        "Mô hình trồng cà phê xen cây ăn quả", "Mô hình nuôi bò sinh sản", "Mô hình trồng sâm dây dưới tán rừng",
        "Gương người tốt việc tốt", "Dân vận khéo", "Thôn sạch, đường đẹp", "Giữ gìn bản sắc văn hóa dân tộc",
        "Hộ gia đình thoát nghèo bền vững", "Tập thể lao động tiên tiến", "Chuyển đổi số trong cải cách hành chính",
    ]

    private static func name(kind: SubjectKind, unit: PlacedUnit, book: DemoNameBook, rng: inout SplitMix64)
        -> (name: String, gender: String, ethnicity: String)
    {
        let (drawn, male, ethnicity) = DemoPeople.drawName(book, &rng, minorityShare: 0.5)
        let full: String
        switch kind {
        case .household: full = (male ? "Hộ ông " : "Hộ bà ") + drawn
        case .collective: full = rng.pick(teams) + " " + unit.shortName
        default: full = drawn
        }
        return (full, (male ? Gender.male : Gender.female).rawValue, SubjectCatalogues.ethnicityCode(ethnicity))
    }

    // MARK: recognition

    /// Of the earlier years' registrations (those after `after`: the batch just written), a share moved on, as in a
    /// living programme: about 10 % nurturing still or stopped there, 16 % achieved, 6 % awarded, 3 % replicated
    /// (every fourth collective, individual or household of a past year is a recognised exemplar). Chosen by id, so
    /// the same seed gives the same rows; the public site, the directory and the dashboards see realistic shares.
    /// Set directly, as a bulk import of old records would; the counts are synced after.
    static func recognise(after: Int, on db: any Database) async throws {
        let sql = try db.sql()
        let share = "((registrations.id * 37) % 100)"
        let ids = try await sql.raw(
            """
            UPDATE registrations SET status = CASE
              WHEN \(unsafeRaw: share) < 6 THEN 'awarded' WHEN \(unsafeRaw: share) < 9 THEN 'replicated'
              WHEN \(unsafeRaw: share) < 25 THEN 'achieved' ELSE 'nurturing' END
            WHERE registrations.id > \(bind: after) AND registrations.year < \(bind: Today.year)
              AND \(unsafeRaw: share) < 35
            RETURNING id
            """
        ).all().map { try $0.decode(column: "id", as: Int.self) }
        try await RegistrationTallies.sync(ids: ids, on: db)
    }

    // MARK: awards

    /// `awardsPerRegistration` awards for each registration's subject (the batch's registrations: those after `after`,
    /// in id order): one a year from the first year on, a form of the subject's kind from the rules in force that
    /// year and conferred below the province (no State forms). Distinct years keep one form per achievement.
    private static func writeAwards(
        _ p: Profile, after: Int, ruleSets: [RuleSet], rng: inout SplitMix64, on db: any Database
    ) async throws -> (Int, Int) {
        let rows = try await db.sql().select().column("id").column("subject_id")
            .column("subject_kind").from("registrations").where(SQLColumn("id"), .greaterThan, SQLBind(after))
            .orderBy("id").all()
        let sql = try db.sql()
        let now = Date()
        var pending: [[any Encodable & Sendable]] = []
        var count = 0
        var last = after
        func flush() async throws {
            guard !pending.isEmpty else { return }
            var q = sql.insert(into: "awards").columns(
                "subject_id", "form_code", "form_name", "level", "year", "period", "decision_number", "decision_date",
                "authority", "source", "status", "status_note", "award_kind", "achievement_key", "created_at")
            for values in pending { q = q.values(values.map { SQLBind($0) }) }
            try await q.run()
            pending.removeAll(keepingCapacity: true)
        }
        // The forms a subject kind may hold each year, found once for the batch rather than once a row.
        var formsByYearKind: [String: [RuleForm]] = [:]
        for y in years {
            guard let set = RuleLibrary.ruleSet(forDay: "\(y)-12-31", in: ruleSets) else { continue }
            for f in set.forms {
                let levels: [AuthorityLevel] = f.conferredAt ?? []
                if !levels.contains(.trungUong) && !levels.contains(.tinh) {
                    formsByYearKind["\(y)|\(f.subject)", default: []].append(f)
                }
            }
        }
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            let subjectID = try row.decode(column: "subject_id", as: Int.self)
            let kind = try row.decode(column: "subject_kind", as: String.self)
            last = max(last, id)
            for k in 0..<min(p.awardsPerRegistration, years.count) {
                let y = years.lowerBound + k
                guard let forms = formsByYearKind["\(y)|\(kind)"], !forms.isEmpty else { continue }
                let form = forms[rng.int(forms.count)]
                let key = Achievement(
                    subjectID: subjectID, year: y, formCode: form.code, isTitle: form.kind == "title",
                    awardKind: .regular
                ).key
                let values: [any Encodable & Sendable] = [
                    subjectID, form.code, form.name, (form.conferredAt?.first ?? .coQuan).awardLevel, y, "\(y)",
                    "\(1 + rng.int(400))/QĐ-UBND", String(format: "%04d-12-%02d", y, 10 + rng.int(18)),
                    "Chủ tịch Ủy ban nhân dân", "nhap-tay", AwardStatus.valid.rawValue, "", AwardKind.regular.rawValue,
                    key, now,
                ]
                pending.append(values)
                count += 1
                if pending.count == 500 { try await flush() }
            }
        }
        try await flush()
        return (count, last)
    }
}

/// `dienhinh gen-data --scale district|province|national [--seed N]`: the rows of a profile, written in bulk, with
/// the rate printed as it goes. Only on a database without registrations (never over real records).
struct GenDataCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "district, province hoặc national") var scale: String?
        @Option(name: "seed", help: "Hạt giống của bộ sinh số (mặc định 1): cùng hạt giống, cùng dữ liệu") var seed:
            Int?
        @Flag(
            name: "keep-indexes",
            help: "Giữ các chỉ mục phụ trong khi nạp (chậm hơn; chỉ để so sánh với cách tạo lại chỉ mục sau khi nạp)")
        var keepIndexes: Bool
    }
    var help: String { "Tạo dữ liệu quy mô huyện, tỉnh hoặc cả nước để đo hiệu năng (chỉ khi chưa có đăng ký nào)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let names = ScaleData.Profile.all.map(\.name).joined(separator: ", ")
        guard let raw = signature.scale, let profile = ScaleData.Profile.named(raw) else {
            throw CommandFailure("Vui lòng chọn --scale: \(names).")
        }
        let app = context.application
        try await Bootstrap.prepare(app)
        let console = context.console
        console.print(
            "Tạo dữ liệu quy mô \(profile.name): khoảng \(profile.unitCount) đơn vị, \(profile.registrations) đăng ký, "
                + "\(profile.registrations * profile.awardsPerRegistration) khen thưởng.")
        let summary: ScaleData.Summary
        do {
            summary = try await ScaleData.generate(
                profile, seed: UInt64(max(0, signature.seed ?? 1)), app: app, on: app.db,
                keepIndexes: signature.keepIndexes
            ) { s in
                console.print(
                    "  đơn vị \(s.units), đăng ký \(s.registrations), khen thưởng \(s.awards) "
                        + "(\(String(format: "%.1f", s.seconds)) giây)")
            }
        } catch let failure as ScaleData.Failure {
            throw CommandFailure(failure.description)
        }
        console.print(
            "Xong: \(summary.units) đơn vị, \(summary.subjects) đối tượng, \(summary.registrations) đăng ký, "
                + "\(summary.awards) khen thưởng trong \(String(format: "%.1f", summary.seconds)) giây "
                + "(\(summary.rowsPerSecond) dòng/giây; tạo lại chỉ mục "
                + "\(String(format: "%.1f", summary.indexSeconds)) giây).")
    }
}
