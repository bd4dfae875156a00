import Domain
import Fluent
import Vapor

struct MovementInput: Content, Sendable {
    var code: String
    var name: String
    var kind: String
    var level: String
    var fromYear: Int?
    var toYear: Int?
    var description: String?
    var legalBasis: String?
    var leadAgencyIDs: [Int]?
    var coordinatingAgencyIDs: [Int]?
}

struct MovementDTO: Content, Sendable, Equatable {
    struct Agency: Content, Sendable, Equatable {
        let unitID: Int
        let code: String
        let name: String
        let role: String
    }
    let id: Int
    let code: String
    let name: String
    let kind: String
    let kindLabel: String
    let level: String
    let levelLabel: String
    let fromYear: Int
    let toYear: Int
    let description: String
    let legalBasis: String
    let catalogueVersion: String?
    let agencies: [Agency]

    init(_ m: MovementModel, agencies: [MovementAgencyModel]) {
        id = m.id ?? 0
        code = m.code
        name = m.name
        kind = m.kind
        kindLabel = MovementKind(rawValue: m.kind)?.label ?? m.kind
        level = m.level
        levelLabel = MovementLevel(rawValue: m.level)?.label ?? m.level
        fromYear = m.fromYear
        toYear = m.toYear
        description = m.description
        legalBasis = m.legalBasis
        catalogueVersion = m.catalogueVersion
        self.agencies = agencies.map {
            Agency(
                unitID: $0.$unit.id, code: $0.$unit.value?.code ?? "", name: $0.$unit.value?.name ?? "", role: $0.role)
        }
    }
}

enum MovementQueries {
    /// The list's order: by code, which is unique.
    static let order: [KeysetColumn<MovementModel>] = [.text("movements", "code") { $0.code }]

    /// A search `q` matches the start of words of the folded code and name, each word, from the movements'
    /// full-text index (migration 56), or — for words more than `common` movements have — by testing each movement
    /// along the code order (`FoldedTextSearch.matching(walk:)`).
    static func list(
        q: String, year: Int?, leadUnitID: Int?, _ list: ListQuery, on db: any Database,
        common: Int = FoldedTextSearch.commonMatches
    ) async throws -> Page<MovementModel> {
        var query = try await AddMovementSearch.search.filter(
            MovementModel.query(on: db).with(\.$agencies) { $0.with(\.$unit) }, words: FoldedTextSearch.words(q),
            common: common, on: db)
        if let year { query = query.filter(\.$fromYear <= year).filter(\.$toYear >= year) }
        if let leadUnitID {
            query = query.join(MovementAgencyModel.self, on: \MovementAgencyModel.$movement.$id == \MovementModel.$id)
                .filter(MovementAgencyModel.self, \.$unit.$id == leadUnitID)
        }
        return try await query.keysetPage(list, order: order)
    }

    static func find(_ id: Int, on db: any Database) async throws -> MovementModel {
        guard
            let m = try await MovementModel.query(on: db).filter(\.$id == id).with(\.$agencies, { $0.with(\.$unit) })
                .first()
        else {
            throw AppError.notFound("Không tìm thấy phong trào.")
        }
        return m
    }
}

enum MovementService {
    static func validate(_ i: MovementInput, existingID: Int?, on db: any Database) async throws -> FieldErrors {
        var e = FieldErrors()
        Check.code(i.code, "code", into: &e)
        Check.required(i.name, "name", "Tên phong trào", max: 500, into: &e)
        if MovementKind(rawValue: i.kind) == nil { e.add("kind", "Vui lòng chọn loại phong trào.") }
        if MovementLevel(rawValue: i.level) == nil { e.add("level", "Vui lòng chọn cấp phát động.") }
        Check.year(i.fromYear, "fromYear", "Năm bắt đầu", into: &e)
        Check.year(i.toYear, "toYear", "Năm kết thúc", into: &e)
        if let f = i.fromYear, let t = i.toYear, f > t { e.add("toYear", "Năm kết thúc không được trước năm bắt đầu.") }
        Check.optional(i.description ?? "", "description", "Mô tả", max: 5000, into: &e)
        Check.optional(i.legalBasis ?? "", "legalBasis", "Căn cứ", max: 1000, into: &e)
        let lead = i.leadAgencyIDs ?? []
        let coord = i.coordinatingAgencyIDs ?? []
        if lead.isEmpty { e.add("leadAgencyIDs", "Chọn ít nhất một đơn vị chủ trì.") }
        let all = Set(lead + coord)
        if !all.isEmpty, try await UnitModel.query(on: db).filter(\.$id ~~ Array(all)).count() != all.count {
            e.add("leadAgencyIDs", "Có đơn vị không tồn tại.")
        }
        if !Set(lead).isDisjoint(with: coord) {
            e.add("coordinatingAgencyIDs", "Một đơn vị không thể vừa chủ trì vừa phối hợp.")
        }
        if e["code"] == nil {
            var dup = MovementModel.query(on: db).filter(\.$code == i.code)
            if let existingID { dup = dup.filter(\.$id != existingID) }
            if try await dup.count() > 0 { e.add("code", "Mã “\(i.code)” đã được dùng cho phong trào khác.") }
        }
        return e
    }

    private static func cleaned(_ i: MovementInput) -> MovementInput {
        MovementInput(
            code: VietnameseText.clean(i.code).uppercased(), name: VietnameseText.clean(i.name), kind: i.kind,
            level: i.level,
            fromYear: i.fromYear, toYear: i.toYear,
            description: VietnameseText.cleanMultiline(i.description ?? ""),
            legalBasis: VietnameseText.clean(i.legalBasis ?? ""),
            leadAgencyIDs: Array(Set(i.leadAgencyIDs ?? [])).sorted(),
            coordinatingAgencyIDs: Array(Set(i.coordinatingAgencyIDs ?? [])).sorted())
    }

    private static func apply(_ i: MovementInput, to m: MovementModel) {
        m.code = i.code
        m.name = i.name
        m.kind = i.kind
        m.level = i.level
        m.fromYear = i.fromYear ?? 0
        m.toYear = i.toYear ?? 0
        m.description = i.description ?? ""
        m.legalBasis = i.legalBasis ?? ""
        m.refreshSearchText()
    }

    private static func replaceAgencies(_ m: MovementModel, _ i: MovementInput, on tx: any Database) async throws
        -> [MovementAgencyModel]
    {
        let id = try m.requireID()
        try await MovementAgencyModel.query(on: tx).filter(\.$movement.$id == id).delete()
        var rows: [MovementAgencyModel] = []
        for u in i.leadAgencyIDs ?? [] { rows.append(MovementAgencyModel(movementID: id, unitID: u, role: .lead)) }
        for u in i.coordinatingAgencyIDs ?? [] {
            rows.append(MovementAgencyModel(movementID: id, unitID: u, role: .coordinating))
        }
        for r in rows { try await r.create(on: tx) }
        return try await MovementAgencyModel.query(on: tx).filter(\.$movement.$id == id).with(\.$unit).all()
    }

    static func create(_ raw: MovementInput, actor: Actor?, catalogueVersion: String? = nil, on db: any Database)
        async throws -> MovementModel
    {
        try Access.check(actor, .create, .movement(id: nil))
        let input = cleaned(raw)
        let errors = try await validate(input, existingID: nil, on: db)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        return try await db.transaction { tx in
            let m = MovementModel()
            apply(input, to: m)
            m.catalogueVersion = catalogueVersion
            try await m.create(on: tx)
            let agencies = try await replaceAgencies(m, input, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "movement", entityID: m.id, unitID: nil,
                summary: "Thêm phong trào \(m.code) — \(m.name)", before: Optional<MovementDTO>.none,
                after: MovementDTO(m, agencies: agencies))
            return m
        }
    }

    static func update(_ id: Int, _ raw: MovementInput, actor: Actor?, on db: any Database) async throws
        -> MovementModel
    {
        try Access.check(actor, .update, .movement(id: id))
        let m = try await MovementQueries.find(id, on: db)
        var input = cleaned(raw)
        if !Policy.allows(actor, .reassignMovementLead) {
            // A lead agency may describe its movement but not hand the lead to someone else.
            input.leadAgencyIDs = m.agencies.filter { $0.role == "lead" }.map { $0.$unit.id }.sorted()
        }
        let errors = try await validate(input, existingID: id, on: db)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let before = MovementDTO(m, agencies: m.agencies)
        let final = input
        return try await db.transaction { tx in
            apply(final, to: m)
            try await m.save(on: tx)
            let agencies = try await replaceAgencies(m, final, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "movement", entityID: id, unitID: nil,
                summary: "Sửa phong trào \(m.code) — \(m.name)", before: before,
                after: MovementDTO(m, agencies: agencies))
            return m
        }
    }
}
