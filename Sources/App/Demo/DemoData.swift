import Domain
import Fluent
import Vapor

/// The Kon Rẫy demo: the organisation tree, clusters and blocks, the seed's movements with their
/// lead agencies, and one account for each role.
enum DemoData {
    struct Account: Sendable {
        let username: String
        let fullName: String
        let role: Role
        let unitCode: String?
    }

    static let accounts: [Account] = [
        Account(username: "noivu", fullName: "Nguyễn Thị Hằng", role: .standingOffice, unitCode: "KR-PNV"),
        Account(username: "hoidong", fullName: "Trần Văn Bình", role: .councilMember, unitCode: "KR-VP"),
        Account(username: "giaoduc", fullName: "Y Nhung", role: .leadAgency, unitCode: "KR-GDDT"),
        Account(username: "dakruong", fullName: "A Thuận", role: .unitOfficer, unitCode: "KR-DAKRUONG"),
        Account(username: "bientap", fullName: "Lê Thị Ánh", role: .editor, unitCode: "KR-TTVH"),
        // The province council's standing office (Ban Thi đua - Khen thưởng, Sở Nội vụ) and a commune council member.
        Account(username: "sonoivu", fullName: "Phan Văn Lực", role: .standingOffice, unitCode: "SNV"),
        Account(username: "hd.dakruong", fullName: "Y Hoa", role: .councilMember, unitCode: "KR-DAKRUONG"),
        Account(username: "tanlap", fullName: "Nguyễn Thị Lan", role: .unitOfficer, unitCode: "KR-TANLAP"),
    ]

    struct Result: Sendable {
        var unitCount = 0
        var groupCount = 0
        var movementCount = 0
        var accounts: [(String, Role)] = []
        var password: String?
    }

    static func isLoaded(on db: any Database) async throws -> Bool {
        try await UnitModel.query(on: db).count() > 0
    }

    /// Loads the demo into an empty database; does nothing when units exist.
    static func loadIfEmpty(app: Application, config: AppConfig, withAccounts: Bool = true) async throws -> Result? {
        if try await isLoaded(on: app.db) { return nil }
        return try await load(app: app, config: config, withAccounts: withAccounts)
    }

    /// The whole demo for a first start or `dienhinh demo-data`: the tree, the accounts and the living district in
    /// ONE transaction, so a kill during the load leaves an empty database that the next start fills again. Nil
    /// when the database already has units.
    static func loadDistrictIfEmpty(app: Application, config: AppConfig) async throws -> (
        demo: Result, district: DemoDistrict.Summary
    )? {
        if try await isLoaded(on: app.db) { return nil }
        return try await app.db.transaction { tx in
            let demo = try await load(app: app, config: config, withAccounts: true, on: tx)
            let district = try await DemoDistrict.load(app: app, on: tx)
            return (demo, district)
        }
    }

    static func load(
        app: Application, config: AppConfig, withAccounts: Bool, on database: (any Database)? = nil
    ) async throws -> Result {
        let db = database ?? app.db
        let url = URL(fileURLWithPath: config.workingDirectory).appendingPathComponent("Resources/Demo/org-konray.json")
        let tree = try OrgTreeFile.decode(try Data(contentsOf: url))
        let problems = tree.problems()
        guard problems.isEmpty else {
            throw AppError.badRequest("Dữ liệu mẫu có lỗi: " + problems.joined(separator: "; "))
        }
        let password: String? = withAccounts ? (config.demoPassword ?? Secrets.password()) : nil
        let hash: String? = if let password { try await app.password.async.hash(password).get() } else { nil }
        var result = try await db.transaction { tx -> Result in
            var result = Result()
            var byCode: [String: UnitModel] = [:]
            for u in tree.units {
                let parent = u.parent.flatMap { byCode[$0] }
                let unit = UnitModel(
                    code: u.code, name: u.name, shortName: u.shortName ?? u.name, kind: u.kind, parentID: parent?.id,
                    place: u.place ?? "", abbreviation: u.abbreviation ?? "")
                try await unit.create(on: tx)
                unit.path = (parent?.unitPath ?? .root).child(try unit.requireID()).raw
                try await unit.save(on: tx)
                byCode[u.code] = unit
            }
            result.unitCount = tree.units.count
            for g in tree.groups {
                let group = UnitGroupModel(code: g.code, name: g.name, kind: g.kind)
                try await group.create(on: tx)
                for code in g.members {
                    guard let unit = byCode[code] else { continue }
                    try await group.$members.attach(unit, on: tx)
                }
            }
            result.groupCount = tree.groups.count
            if let file = try await CatalogueService.currentFile(on: tx) {
                for m in file.movements {
                    let movement = MovementModel()
                    movement.code = m.code
                    movement.name = m.name
                    movement.kind = m.kind.rawValue
                    movement.level = m.level.rawValue
                    movement.fromYear = m.fromYear
                    movement.toYear = m.toYear
                    movement.description = m.note ?? ""
                    movement.legalBasis = "\(file.legalBasis), mục \(m.section)"
                    movement.catalogueVersion = file.version
                    movement.refreshSearchText()
                    try await movement.create(on: tx)
                    let mid = try movement.requireID()
                    for code in m.leadAgencies {
                        if let u = byCode[code]?.id {
                            try await MovementAgencyModel(movementID: mid, unitID: u, role: .lead).create(on: tx)
                        }
                    }
                    for code in m.coordinatingAgencies ?? [] {
                        if let u = byCode[code]?.id {
                            try await MovementAgencyModel(movementID: mid, unitID: u, role: .coordinating).create(
                                on: tx)
                        }
                    }
                }
                result.movementCount = file.movements.count
            }
            if let hash {
                for a in accounts where try await UserModel.query(on: tx).filter(\.$username == a.username).count() == 0
                {
                    let user = UserModel(
                        username: a.username, fullName: a.fullName, passwordHash: hash, role: a.role,
                        unitID: a.unitCode.flatMap { byCode[$0]?.id })
                    try await user.create(on: tx)
                    result.accounts.append((a.username, a.role))
                }
            }
            try await AuditLog.record(
                on: tx, actor: nil, action: "create", entity: "demo-data", entityID: nil, unitID: nil,
                summary:
                    "Nạp dữ liệu mẫu: \(result.unitCount) đơn vị, \(result.groupCount) cụm/khối, \(result.movementCount) phong trào",
                before: Optional<String>.none, after: tree.title)
            // In the same transaction: a kill during the first start leaves no half-loaded demo behind
            // (`isLoaded` counts units, which commit only with everything else).
            try await DemoCommendation.load(app: app, on: tx)
            try await DemoRewards.load(app: app, on: tx)
            try await DemoCertificates.load(app: app, on: tx)
            return result
        }
        result.password = result.accounts.isEmpty ? nil : password
        return result
    }

    /// Creates the first `admin` when there is no account at all. Returns the password to print when it was generated.
    static func ensureAdmin(app: Application, config: AppConfig) async throws -> (
        created: Bool, printedPassword: String?
    ) {
        if try await UserModel.query(on: app.db).filter(\.$role == Role.admin.rawValue).count() > 0 {
            return (false, nil)
        }
        let password = config.adminPassword ?? Secrets.password()
        let user = UserModel(
            username: "admin", fullName: "Quản trị hệ thống",
            passwordHash: try await app.password.async.hash(password).get(),
            role: .admin, unitID: nil)
        // A generated password is printed once on the console: whoever reads it must replace it at the first sign-in.
        // A password the operator chose (DIENHINH_ADMIN_PASSWORD) is already theirs.
        user.mustChangePassword = config.adminPassword == nil
        try await user.create(on: app.db)
        try await AuditLog.record(
            on: app.db, actor: nil, action: "create", entity: "user", entityID: user.id, unitID: nil,
            summary: "Tạo tài khoản quản trị đầu tiên admin", before: Optional<UserDTO>.none, after: UserDTO(user))
        return (true, config.adminPassword == nil ? password : nil)
    }
}
