import Domain
import Fluent
import Vapor

struct HomePage: Encodable, Sendable {
    let layout: LayoutContext
    let greeting: String
    let roleLabel: String
    let unitName: String?
    let stats: [Stat]
    let tasks: [Task]
    let myMovements: [MovementLink]
    let catalogueVersion: String?
    let overdue: [Overdue]
    /// The inbox's latest unread notices (issue 14).
    var notices: NoticeDigest? = nil
    /// The units short of the plan's quota of exemplars (seed §IV.3).
    var quotas: QuotaDigest? = nil
    struct Overdue: Encodable, Sendable {
        let title: String
        let subject: String
        let unitName: String
        let dueDate: String
        let href: String
    }
    struct Stat: Encodable, Sendable {
        let label: String
        /// A number, or a bounded one (“hơn 10.000”).
        let value: String
        let href: String
    }

    /// Units and accounts are counted up to this many on the home page (`QueryBuilder.boundedCount`).
    static let countBound = Paging.countBound
    struct Task: Encodable, Sendable {
        let text: String
        let href: String
    }
    struct MovementLink: Encodable, Sendable {
        let name: String
        let href: String
        let period: String
    }

}

struct HomeWebController {
    /// What the commendation workflow waits for from this actor: ballots, appraisals, decisions, returned dossiers.
    static func commendationTasks(_ actor: Actor, on db: any Database) async throws -> [HomePage.Task] {
        var tasks: [HomePage.Task] = try await CouncilService.openForMember(actor: actor, on: db).map {
            .init(text: "Bỏ phiếu: \($0.title)", href: CouncilPath.meeting(.id($0.id ?? 0)).href + "#bo-phieu")
        }
        func count(_ status: DossierStatus) async throws -> Int {
            try await RecordScope.apply(
                DossierModel.query(on: db).join(UnitModel.self, on: \DossierModel.$unit.$id == \UnitModel.$id),
                actor: actor, keptFor: nil
            )
            .filter(\.$status == status).count()
        }
        // The councils whose standing office the actor is: their dossiers, whichever unit sent them.
        let running = try await AuthorityService.running(by: actor, on: db)
        func sent(_ status: DossierStatus) async throws -> Int {
            try await DossierModel.query(on: db).filter(\.$authority.$id ~~ running).filter(\.$status == status).count()
        }
        if !running.isEmpty {
            let waiting = try await sent(.submitted)
            let late = try await DossierModel.query(on: db).filter(\.$authority.$id ~~ running).filter(
                \.$status == DossierStatus.submitted
            ).filter(\.$appraisalDue < Today.iso).count()
            if waiting > 0 {
                tasks.append(
                    .init(
                        text: "Thẩm định \(waiting) hồ sơ đề nghị khen thưởng" + (late > 0 ? " (\(late) quá hạn)" : ""),
                        href: DossiersPath.list.href + "?status=" + DossierStatus.submitted.rawValue))
            }
            let ready = try await sent(.appraised)
            if ready > 0 {
                tasks.append(
                    .init(text: "Đưa \(ready) hồ sơ đã thẩm định ra họp Hội đồng", href: CouncilPath.council.href))
            }
            let toDecide = try await sent(.reviewed)
            if toDecide > 0 {
                tasks.append(
                    .init(
                        text: "Ghi quyết định cho \(toDecide) hồ sơ Hội đồng đã xét",
                        href: DossiersPath.list.href + "?status=" + DossierStatus.reviewed.rawValue))
            }
        }
        if Policy.allows(actor, .prepareDossiers) {
            let returned = try await count(.returned)
            if returned > 0 {
                tasks.append(
                    .init(
                        text: "Bổ sung \(returned) hồ sơ bị trả lại",
                        href: DossiersPath.list.href + "?status=" + DossierStatus.returned.rawValue))
            }
            tasks.append(.init(text: "Lập hồ sơ đề nghị khen thưởng", href: DossiersPath.list.href))
        }
        return tasks
    }

    /// The public home is the public site's (Sources/App/PublicSite).
    func registerPublic(_ r: any RoutesBuilder) { r.heavy.get(HomePath.publicHome, use: PublicWebController().home) }
    func register(_ r: any RoutesBuilder) { r.heavy.get(HomePath.home, use: home) }

    @Sendable func home(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let auth = req.auth!
        // Counts over the actor's scope, read again after any write (`ReferenceCache`); the date is in the key for
        // what falls due.
        let figures = try await req.reference("home \(actor.userID) \(Today.iso)") {
            try await Self.figures(actor, on: req.database)
        }
        var page = HomePage(
            layout: req.layout("Tổng quan", active: HomePath.home.href), greeting: "Xin chào, \(auth.user.fullName)",
            roleLabel: actor.role.label, unitName: auth.unitName, stats: figures.stats, tasks: figures.tasks,
            myMovements: figures.myMovements, catalogueVersion: figures.catalogueVersion, overdue: figures.overdue)
        page.notices = try await NoticeDigest.of(actor, on: req.database)
        page.quotas = try await QuotaWebController.digest(
            actor: actor, plans: req.application.quotaPlans, copies: req.application.quotaDigests, on: req.database,
            keptFor: req)
        return try await req.render("home/home", page)
    }

    /// What the home page counts and lists for an actor, apart from the inbox and the quotas.
    struct Figures: Sendable {
        let stats: [HomePage.Stat]
        let tasks: [HomePage.Task]
        let myMovements: [HomePage.MovementLink]
        let catalogueVersion: String?
        let overdue: [HomePage.Overdue]
    }

    static func figures(_ actor: Actor, on db: any Database) async throws -> Figures {
        var stats: [HomePage.Stat] = []
        let unitScope = Policy.unitScope(actor)
        if unitScope != .none {
            let n = try await UnitModel.query(on: db).within(unitScope, .range).boundedCount(
                HomePage.countBound)
            stats.append(
                .init(
                    label: unitScope == .all ? "Đơn vị trong hệ thống" : "Đơn vị của tôi và trực thuộc",
                    value: VietnameseText.boundedCount(n, bound: HomePage.countBound), href: UnitsPath.list.href))
        }
        let movementCount = try await MovementModel.query(on: db).count()
        stats.append(
            .init(label: "Phong trào, cuộc vận động", value: String(movementCount), href: MovementsPath.list.href))
        let userScope = Policy.userScope(actor)
        if userScope != .none {
            let n = try await UserQueries.filtered(q: "", role: "", scope: userScope, on: db).boundedCount(
                HomePage.countBound)
            stats.append(
                .init(
                    label: "Tài khoản", value: VietnameseText.boundedCount(n, bound: HomePage.countBound),
                    href: UsersPath.list.href))
        }
        let groups = try await UnitGroupModel.query(on: db).count()
        stats.append(.init(label: "Cụm, khối thi đua", value: String(groups), href: GroupsPath.list.href))

        var tasks: [HomePage.Task] = []
        switch Policy.dashboard(actor) {
        case .administration:
            tasks = [
                .init(text: "Cấp tài khoản cho cán bộ các đơn vị", href: UsersPath.new.href),
                .init(text: "Xem nhật ký thao tác", href: AuditPath.audit.href),
            ]
        case .coordination:
            tasks = [
                .init(text: "Phát động hoặc cập nhật phong trào thi đua", href: MovementsPath.new.href),
                .init(text: "Rà soát cây tổ chức và cụm, khối thi đua", href: UnitsPath.list.href),
                .init(text: "Xem danh mục tiêu chuẩn điển hình", href: CataloguePath.catalogue.href),
            ]
        case .movementLead:
            tasks = [.init(text: "Cập nhật nội dung phong trào do đơn vị chủ trì", href: MovementsPath.list.href)]
        case .unit:
            tasks = [
                .init(
                    text: "Xem tiêu chuẩn điển hình để xây dựng tiêu chí cụ thể của đơn vị",
                    href: CataloguePath.catalogue.href),
                .init(text: "Cập nhật thôn, làng, tổ chức trực thuộc", href: UnitsPath.list.href),
            ]
        case .council:
            tasks = [.init(text: "Xem các phong trào thi đua đang triển khai", href: MovementsPath.list.href)]
        case .outreach:
            tasks = [.init(text: "Tìm hiểu các phong trào để tuyên truyền", href: MovementsPath.list.href)]
        }
        tasks = try await commendationTasks(actor, on: db) + tasks
        var mine: [HomePage.MovementLink] = []
        if !actor.leadMovementIDs.isEmpty {
            let ms = try await MovementModel.query(on: db).filter(\.$id ~~ Array(actor.leadMovementIDs)).sort(
                \.$code
            ).all()
            mine = ms.map {
                .init(
                    name: $0.name, href: MovementsPath.movement(.id($0.id ?? 0)).href,
                    period: "\($0.fromYear)–\($0.toYear)")
            }
        }
        let version = try await CatalogueService.current(on: db)?.version
        let overdue = try await NurturingService.overdue(for: actor, on: db).map { a, r in
            HomePage.Overdue(
                title: a.title, subject: r.subject.name, unitName: r.unit.shortName, dueDate: a.dueDate.isoToVietnamese,
                href: RegistrationsPath.registration(.id(r.id ?? 0)).href + "#boi-duong")
        }
        if let scope = try await RegistrationListing.scopeIDs(actor, on: db) {
            // From the counts kept on write where the scope is a set of subtrees (`RegistrationTallies`).
            var regs = try await RegistrationTallies.total(scope, dim: "ks", on: db)
            if regs == nil {
                regs = try await scope.apply(
                    RegistrationModel.query(on: db).join(
                        UnitModel.self, on: \RegistrationModel.$unit.$id == \UnitModel.$id)
                ).count()
            }
            stats.insert(
                .init(label: "Đăng ký điển hình", value: String(regs ?? 0), href: RegistrationsPath.list.href), at: 0)
            var evaluations = try await RegistrationTallies.total(scope, dim: "ev", on: db)
            if evaluations == nil {
                evaluations = try await scope.apply(
                    EvaluationModel.query(on: db)
                        .join(RegistrationModel.self, on: \EvaluationModel.$registration.$id == \RegistrationModel.$id)
                        .join(UnitModel.self, on: \RegistrationModel.$unit.$id == \UnitModel.$id)
                ).count()
            }
            stats.insert(
                .init(label: "Lượt đánh giá", value: String(evaluations ?? 0), href: RegistrationsPath.list.href), at: 1
            )
        }
        return Figures(stats: stats, tasks: tasks, myMovements: mine, catalogueVersion: version, overdue: overdue)
    }
}
