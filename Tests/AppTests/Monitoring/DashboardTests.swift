import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Dashboards: every number from the one statistics query, for the scopes each role may see")
struct DashboardTests {
    /// Years no demo record reaches.
    static let year = 2051

    struct Seeded {
        let dakRuong: Int
        let tanLap: Int
        let movement: Int
        let group: Int
        let modelTypeName: String
    }

    /// A registration and its new subject, written through Fluent; the registration not yet saved.
    static func unsaved(
        _ unit: Int, _ kind: SubjectKind, field: String = "", year: Int, typeID: Int? = nil, on db: any Database
    ) async throws -> RegistrationModel {
        let s = SubjectModel()
        s.kind = kind.rawValue
        s.name = "Đối tượng thử \(UUID().uuidString.prefix(6))"
        s.$unit.id = unit
        s.gender = ""
        s.ethnicity = ""
        s.position = ""
        s.birthDate = ""
        s.idNumber = ""
        s.phone = ""
        s.address = ""
        s.refreshSearch()
        try await s.create(on: db)
        let r = RegistrationModel(subjectID: try s.requireID(), unitID: unit, year: year)
        r.subjectKind = kind.rawValue
        r.$subjectType.id = typeID
        r.catalogueVersion = ""
        r.fieldCode = field
        r.title = s.name
        r.description = ""
        r.goals = ""
        r.contact = ""
        r.searchText = ""
        r.sortKey = ""
        return r
    }

    /// Six registrations: Đăk Ruồng 3 in 2051 (individual registered and evaluated, collective MH-01 nurturing,
    /// household achieved), Tân Lập 1 in 2051 (individual registered) and 1 in 2052 (collective replicated), Phòng
    /// Giáo dục 1 in 2051 (individual nurturing). The movement holds Đăk Ruồng's first two and Tân Lập's 2051 one.
    /// Nurturing: one action overdue, one done late, one not yet due. Dossiers of 2051: Đăk Ruồng submitted and a
    /// draft, Tân Lập appraised. The cluster: Đăk Ruồng and Tân Lập.
    static func seed(_ app: Application) async throws -> Seeded {
        let db = app.db
        let dakRuong = try await unitID(app, "KR-DAKRUONG")
        let tanLap = try await unitID(app, "KR-TANLAP")
        let gddt = try await unitID(app, "KR-GDDT")
        let m = MovementModel()
        m.code = "TK-DASH"
        m.name = "Phong trào thử bảng số liệu"
        m.kind = MovementKind.phongTrao.rawValue
        m.level = MovementLevel.huyen.rawValue
        m.fromYear = year
        m.toYear = year + 1
        m.description = ""
        m.legalBasis = "Thử"
        m.refreshSearchText()
        try await m.create(on: db)
        let movement = try m.requireID()
        try await MovementAgencyModel(movementID: movement, unitID: gddt, role: .lead).create(on: db)
        let type = try #require(try await SubjectTypeModel.query(on: db).filter(\.$code == "MH-01").first())

        func registration(
            _ unit: Int, _ kind: SubjectKind, _ status: [RegistrationStatus], field: String, year: Int = year,
            typed: Bool = false, inMovement: Bool = false
        ) async throws -> Int {
            let r = try await unsaved(unit, kind, field: field, year: year, typeID: typed ? type.id : nil, on: db)
            for next in status { try r.move(to: next) }
            try await r.create(on: db)
            let id = try r.requireID()
            if inMovement {
                let link = RegistrationMovementModel()
                link.$registration.id = id
                link.$movement.id = movement
                try await link.create(on: db)
            }
            return id
        }
        let r1 = try await registration(dakRuong, .individual, [], field: "TK1", inMovement: true)
        let r2 = try await registration(
            dakRuong, .collective, [.nurturing], field: "TK1", typed: true, inMovement: true)
        _ = try await registration(dakRuong, .household, [.nurturing, .achieved], field: "TK2")
        _ = try await registration(tanLap, .individual, [], field: "TK2", inMovement: true)
        _ = try await registration(
            tanLap, .collective, [.nurturing, .achieved, .replicated], field: "TK1", year: year + 1, typed: true)
        _ = try await registration(gddt, .individual, [.nurturing], field: "TK1")

        for (due, status) in [("2020-01-01", ActionStatus.planned), ("2020-01-01", .done), ("2999-01-01", .planned)] {
            let a = NurturingActionModel(registrationID: r2, status: status)
            a.title = "Việc thử"
            a.responsible = "Cán bộ thử"
            a.dueDate = due
            a.note = ""
            try await a.create(on: db)
        }
        let e = EvaluationModel()
        e.$registration.id = r1
        e.date = "\(year)-06-01"
        e.period = "6 tháng"
        e.evaluator = "Thử"
        e.effect = ""
        e.effectiveness = ""
        e.growthPotential = ""
        e.influence = ""
        e.difficulties = ""
        e.helpGiven = ""
        e.conclusion = .inProgress
        e.summary = ""
        e.metCount = 0
        e.unmetCount = 0
        e.missingCount = 0
        try await e.create(on: db)

        func dossier(_ unit: Int, _ status: [DossierStatus]) async throws {
            let d = DossierModel(unitID: unit, year: year, ruleSetID: "thu")
            d.title = "Hồ sơ thử"
            d.number = ""
            d.searchText = ""
            for next in status { try d.move(to: next) }
            try await d.create(on: db)
        }
        try await dossier(dakRuong, [.submitted])
        try await dossier(dakRuong, [])
        try await dossier(tanLap, [.submitted, .appraised])

        let g = UnitGroupModel(code: "CUM-THU", name: "Cụm thi đua thử", kind: .cum)
        try await g.create(on: db)
        for u in [dakRuong, tanLap] {
            let member = UnitGroupMemberModel()
            member.$group.id = try g.requireID()
            member.$unit.id = u
            try await member.create(on: db)
        }
        return Seeded(
            dakRuong: dakRuong, tanLap: tanLap, movement: movement, group: try g.requireID(), modelTypeName: type.name)
    }

    func stats(_ api: APIClient, _ query: String) async throws -> MonitoringStats {
        let res = try await api.send(.GET, "/api/v1/dashboard?" + query)
        #expect(res.status == .ok, "\(query): \(res.text)")
        return try JSONDecoder().decode(MonitoringStats.self, from: Data(res.text.utf8))
    }

    func counts(_ rows: [MonitoringStats.Count]) -> [String: Int] {
        Dictionary(rows.map { ($0.label, $0.count) }, uniquingKeysWith: +)
    }

    @Test("The standing office: every figure of the whole tree, a year and a period, against the seeded set")
    func wholeTree() async throws {
        try await withTestApp { app in
            let seeded = try await Self.seed(app)
            let api = try await APIClient.login(app, "noivu")
            let s = try await stats(api, "scope=all&year=\(Self.year)")
            #expect(s.total == 5)
            #expect(s.byYear.map(\.count) == [5])
            #expect(counts(s.bySubjectKind) == ["Tập thể": 1, "Cá nhân": 3, "Hộ gia đình": 1])
            let status = counts(s.byStatus)
            #expect(status["Đăng ký"] == 2 && status["Đang bồi dưỡng"] == 2 && status["Đạt điển hình"] == 1)
            #expect(status.values.reduce(0, +) == 5)
            #expect(counts(s.byField) == ["TK1": 3, "TK2": 2])
            #expect(counts(s.byModelType) == [seeded.modelTypeName: 1])
            #expect(counts(s.byIndividualType) == [MonitoringStats.noType: 3])
            #expect(
                counts(s.byMovement) == ["Phong trào thử bảng số liệu": 3, MonitoringStats.noMovement: 2])
            #expect(s.byUnit.map(\.count).reduce(0, +) == 5, "every unit lies under the one root: \(s.byUnit)")
            #expect(s.overdueActions == 1)
            #expect(s.awaitingAppraisal == 1)
            #expect(s.awaitingDecision == 1)
            #expect(s.evaluationsDue == 3)
            #expect(s.replicated == 0)

            let period = try await stats(api, "scope=all&year=\(Self.year)-\(Self.year + 1)")
            #expect(period.total == 6)
            #expect(period.byYear.map(\.label) == ["2051", "2052"])
            #expect(period.byYear.map(\.count) == [5, 1])
            #expect(period.replicated == 1)
            #expect(counts(period.byModelType) == [seeded.modelTypeName: 2])

            // The page shows the same numbers, each chart beside its table, with its downloads.
            let web = Browser(app)
            try await web.login("noivu")
            let page = try await web.send(.GET, "/app/dashboard?scope=all&year=\(Self.year)")
            #expect(page.status == .ok)
            #expect(page.text.contains("role=\"img\""))
            #expect(page.text.components(separatedBy: "<svg ").count == 10)
            #expect(!page.text.contains("style="))
            #expect(page.text.contains("<th scope=\"row\">Phong trào thử bảng số liệu</th><td>3</td>"))
            #expect(page.text.contains("<th scope=\"row\">Việc bồi dưỡng quá hạn</th><td>1</td>"))
            #expect(page.text.contains("<option value=\"group-\(seeded.group)\""))
            #expect(
                page.text.contains("/app/dashboard/export?scope=all&amp;year=2051&amp;table=phong-trao&amp;format=xlsx")
            )
        }
    }

    @Test("A commune officer sees its own unit only, on the page and in the API; other scopes are refused")
    func communeOfficer() async throws {
        try await withTestApp { app in
            let seeded = try await Self.seed(app)
            let api = try await APIClient.login(app, "dakruong")
            let own = try await stats(api, "year=\(Self.year)")
            #expect(own.scope == "unit-\(seeded.dakRuong)")
            #expect(own.total == 3)
            #expect(own.byUnit.first?.parts == [1, 1, 1])
            #expect(own.overdueActions == 1 && own.evaluationsDue == 1)
            #expect(own.awaitingAppraisal == 1 && own.awaitingDecision == 0)
            for scope in ["unit-\(seeded.tanLap)", "movement-\(seeded.movement)", "group-\(seeded.group)"] {
                let res = try await api.send(.GET, "/api/v1/dashboard?scope=\(scope)&year=\(Self.year)")
                #expect(res.status == .notFound, "\(scope): \(res.status)")
            }
            let all = try await api.send(.GET, "/api/v1/dashboard?scope=all&year=\(Self.year)")
            #expect(all.status == .forbidden)
            let web = Browser(app)
            try await web.login("dakruong")
            let page = try await web.send(.GET, "/app/dashboard?year=\(Self.year)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Ủy ban nhân dân xã Đăk Ruồng"))
            #expect(!page.text.contains("value=\"all\""))
            #expect(!page.text.contains("value=\"unit-\(seeded.tanLap)\""))
            let other = try await web.send(.GET, "/app/dashboard?scope=unit-\(seeded.tanLap)&year=\(Self.year)")
            #expect(other.status == .notFound)
            let csv = try await web.send(
                .GET, "/app/dashboard/export?scope=unit-\(seeded.tanLap)&year=\(Self.year)&table=don-vi&format=csv")
            #expect(csv.status == .notFound)
            let bad = try await web.send(.GET, "/app/dashboard?scope=abc&year=\(Self.year)")
            #expect(bad.status == .badRequest && bad.text.contains("Phạm vi"))
            let badYear = try await web.send(.GET, "/app/dashboard?year=20x1")
            #expect(badYear.status == .badRequest && badYear.text.contains("Năm"))
        }
    }

    @Test("The lead agency sees its movement across units; the cluster sums its members")
    func movementAndCluster() async throws {
        try await withTestApp { app in
            let seeded = try await Self.seed(app)
            let lead = try await APIClient.login(app, "giaoduc")
            let m = try await stats(lead, "scope=movement-\(seeded.movement)&year=\(Self.year)")
            #expect(m.total == 3)
            #expect(counts(m.byMovement) == ["Phong trào thử bảng số liệu": 3])
            #expect(m.byUnit.map(\.count).reduce(0, +) == 3)
            #expect(counts(m.bySubjectKind) == ["Tập thể": 1, "Cá nhân": 2, "Hộ gia đình": 0])
            #expect(m.overdueActions == 1)
            let refused = try await lead.send(.GET, "/api/v1/dashboard?scope=unit-\(seeded.dakRuong)&year=2051")
            #expect(refused.status == .notFound)

            let office = try await APIClient.login(app, "noivu")
            let g = try await stats(office, "scope=group-\(seeded.group)&year=\(Self.year)")
            #expect(g.total == 4)
            #expect(g.byUnit.count == 2)
            #expect(g.byUnit.map(\.count) == [3, 1])
            #expect(g.byUnit.map(\.parts) == [[1, 1, 1], [0, 1, 0]])
            #expect(g.awaitingAppraisal == 1 && g.awaitingDecision == 1)
            let d = try await stats(office, "scope=unit-\(seeded.dakRuong)&year=\(Self.year)")
            let t = try await stats(office, "scope=unit-\(seeded.tanLap)&year=\(Self.year)")
            #expect(g.total == d.total + t.total)
        }
    }

    @Test("Each table downloads as CSV with a BOM and as XLSX with the same numbers")
    func downloads() async throws {
        try await withTestApp { app in
            let seeded = try await Self.seed(app)
            let web = Browser(app)
            try await web.login("noivu")
            let base = "/app/dashboard/export?scope=group-\(seeded.group)&year=\(Self.year)&table=don-vi"
            let csv = try await web.send(.GET, base + "&format=csv")
            #expect(csv.status == .ok)
            #expect(csv.bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(csv.text.contains("Ủy ban nhân dân xã Đăk Ruồng,1,1,1,3"), "\(csv.text)")
            let xlsx = try await web.send(.GET, base + "&format=xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.bytes.starts(with: [0x50, 0x4B]))
            let missing = try await web.send(
                .GET, base.replacingOccurrences(of: "don-vi", with: "khong-co") + "&format=csv")
            #expect(missing.status == .notFound)
        }
    }

    @Test("A chart of many rows draws the largest ten and says so; the table keeps every row")
    func chartsDrawTheLargestRows() throws {
        let rows = (1...40).map { (label: "Tỉnh thử số \($0)", values: [$0, 0, 0, $0]) }
        let table = DashboardTable(
            key: "don-vi", title: "Theo đơn vị", columns: ["Tập thể", "Cá nhân", "Hộ gia đình", "Tổng"], rows: rows,
            chart: .stacked)
        let svg = table.svg(scopeLabel: "Toàn bộ đơn vị", yearLabel: "năm 2025")
        #expect(svg.contains("Biểu đồ vẽ 10 mục lớn nhất trong 40."))
        #expect(svg.contains("Tỉnh thử số 40<") && svg.contains("Tỉnh thử số 31<"))
        #expect(!svg.contains("Tỉnh thử số 30<") && !svg.contains("Tỉnh thử số 1<"))
        #expect(table.rows.count == 40)
        let few = DashboardTable(
            key: "linh-vuc", title: "Theo lĩnh vực", columns: ["Số đăng ký"], rows: Array(rows.prefix(10)), chart: .bar)
        #expect(!few.svg(scopeLabel: "x", yearLabel: "y").contains("mục lớn nhất"))
        let years = DashboardTable(
            key: "theo-nam", title: "Theo năm", columns: ["Số đăng ký"], rows: rows, chart: .line)
        #expect(!years.svg(scopeLabel: "x", yearLabel: "y").contains("mục lớn nhất"))
        #expect(years.tableNote == nil && few.tableNote == nil)
        // The page's table keeps the largest rows up to its limit, in the table's order, and says so.
        let many = (1...100).map { (label: "Xã thử số \($0)", values: [$0 % 7, 0, 0, $0 % 37]) }
        let wide = DashboardTable(
            key: "don-vi", title: "Theo đơn vị", columns: ["Tập thể", "Cá nhân", "Hộ gia đình", "Tổng"], rows: many,
            chart: .stacked)
        let kept = wide.largest(DashboardTable.tableLimit)
        #expect(kept.count == DashboardTable.tableLimit)
        let smallestKept = kept.map { $0.values.last ?? 0 }.min() ?? 0
        let dropped = many.filter { row in !kept.contains { $0.label == row.label } }
        #expect(dropped.allSatisfy { ($0.values.last ?? 0) <= smallestKept })
        let order = kept.compactMap { k in many.firstIndex { $0.label == k.label } }
        #expect(order == order.sorted())
        #expect(wide.tableNote == "Bảng trên trang có 40 mục lớn nhất trong 100; tải bảng để xem đủ.")
    }

    @Test("The scope picker: the top levels while they are short, then the chosen unit's line and what is below it")
    func scopePickerDrillsDown() async throws {
        try await withTestApp { app in
            let admin = Actor(userID: 0, username: "admin", role: .admin, unitID: nil, unitPath: nil)
            func unitOptions(_ selected: StatsScope) async throws -> [String] {
                let groups = try await DashboardWebController.scopeOptions(actor: admin, selected: selected, on: app.db)
                return groups.first { $0.label == "Đơn vị" }?.options.map(\.value) ?? []
            }
            let commune = try #require(try await UnitModel.find(try await unitID(app, "KR-DAKRUONG"), on: app.db))
            let communeID = try commune.requireID()
            let line = commune.unitPath.ids
            let top = try await unitOptions(.all)
            let roots = try await UnitModel.query(on: app.db).filter(\.$parent.$id == nil).all().compactMap(\.id)
            #expect(roots.allSatisfy { top.contains("unit-\($0)") })
            // The level below the top is listed while it is short; past `topLevelsLimit` it waits for a choice.
            let below = try await UnitModel.query(on: app.db).filter(\.$parent.$id ~~ roots).all()
            #expect(!below.isEmpty && below.allSatisfy { top.contains("unit-\($0.id ?? 0)") })
            let root = try #require(roots.first)
            for i in 0...DashboardWebController.topLevelsLimit {
                let u = UnitModel(
                    code: "KR-THU-\(i)", name: "Đơn vị thử \(i)", shortName: "Đơn vị thử \(i)", kind: .khac,
                    parentID: root, place: "", abbreviation: "")
                try await u.create(on: app.db)
                u.path = UnitPath(raw: "/\(root)/").child(try u.requireID()).raw
                try await u.save(on: app.db)
            }
            let wide = try await unitOptions(.all)
            #expect(roots.allSatisfy { wide.contains("unit-\($0)") })
            #expect(!below.contains { wide.contains("unit-\($0.id ?? 0)") }, "the level below waits for a choice")
            // The commune's parent chosen: the commune is offered; the commune chosen: its whole line is.
            let parent = try #require(line.dropLast().last)
            #expect(try await unitOptions(.unit(parent)).contains("unit-\(communeID)"))
            let chosen = try await unitOptions(.unit(communeID))
            #expect(line.allSatisfy { chosen.contains("unit-\($0)") }, "\(chosen) ⊇ \(line)")
        }
    }

    /// The page puts in its tables as drawn once with the figures (`sectionsHTML`): the same bytes as the tables
    /// drawn in the page from the partial; and the page served to a browser holds them.
    @Test("The dashboard's tables kept as drawn make the same page as tables drawn in it")
    func keptTablesAreTheSamePage() async throws {
        try await withTestApp(demo: false) { app in
            let inline = DashboardPage.mock
            let drawn = try await app.view.render(
                "monitoring/dashboard-sections",
                DashboardWebController.DashboardSections(
                    scopeLabel: inline.scopeLabel, yearLabel: inline.yearLabel, sections: inline.sections)
            ).get()
            let kept = DashboardPage(
                layout: inline.layout, scopeLabel: inline.scopeLabel, yearLabel: inline.yearLabel,
                action: inline.action, scopes: inline.scopes, years: inline.years, counters: inline.counters,
                toc: inline.toc, sections: [], sectionsHTML: String(buffer: drawn.data), quotasHref: inline.quotasHref)
            let a = String(buffer: try await app.view.render("monitoring/dashboard", inline).get().data)
            let b = String(buffer: try await app.view.render("monitoring/dashboard", kept).get().data)
            #expect(a.contains("<figure class=\"dash-chart\"><svg") && a.contains("Việc bồi dưỡng quá hạn"))
            #expect(a == b)
        }
        try await withTestApp { app in
            let web = Browser(app)
            try await web.login("noivu")
            for _ in 0..<2 {
                let page = try await web.send(.GET, "/app/dashboard")
                #expect(page.status == .ok)
                #expect(page.text.contains("<section class=\"dash-section\" id=\"viec-can-lam\""))
                #expect(page.text.contains("<a href=\"#viec-can-lam\">Việc cần theo dõi</a>"))
                #expect(!page.text.contains("#("))
            }
        }
    }
}
