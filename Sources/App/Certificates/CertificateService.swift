import Domain
import Fluent
import Vapor

/// Writes and reads of certificate layouts: validate → authorize (Policy) → transaction → audit.
enum CertificateService {
    /// Every form code the rule files name, with its name (the forms a layout may be for).
    static func forms(in sets: [RuleSet]) -> [(code: String, name: String)] {
        var seen = Set<String>()
        var out: [(String, String)] = []
        for s in sets.sorted(by: { $0.effectiveFrom > $1.effectiveFrom }) {
            for f in s.forms where seen.insert(f.code).inserted { out.append((f.code, f.name)) }
        }
        return out
    }

    static func scope(authorityID: Int, actor: Actor?, on db: any Database) async throws
        -> (AuthorityModel, CouncilScope)
    {
        let a = try await AuthorityService.find(authorityID, on: db)
        return (a, try await AuthorityService.scope(a, actor: actor, on: db))
    }

    /// An authority's layouts, the default first, then by id.
    static func layouts(authorityID: Int, actor: Actor?, on db: any Database) async throws
        -> (authority: AuthorityModel, scope: CouncilScope, layouts: [CertificateLayoutModel])
    {
        let (a, scope) = try await scope(authorityID: authorityID, actor: actor, on: db)
        try Access.check(actor, .list, .certificateLayout(scope))
        let rows = try await CertificateLayoutModel.query(on: db).filter(\.$authority.$id == authorityID)
            .sort(\.$id).all()
        return (a, scope, rows.filter(\.isDefault) + rows.filter { !$0.isDefault })
    }

    /// One layout the actor may read, with its authority and the actor's scope on it.
    static func find(_ id: Int, actor: Actor?, on db: any Database) async throws
        -> (layout: CertificateLayoutModel, authority: AuthorityModel, scope: CouncilScope)
    {
        guard let m = try await CertificateLayoutModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy mẫu giấy khen, bằng khen.")
        }
        let (a, scope) = try await scope(authorityID: m.$authority.id, actor: actor, on: db)
        try Access.check(actor, .read, .certificateLayout(scope))
        return (m, a, scope)
    }

    static func create(
        authorityID: Int, _ layout: CertificateLayout, isDefault: Bool, actor: Actor?, sets: [RuleSet],
        on db: any Database
    ) async throws -> CertificateLayoutModel {
        let (a, scope) = try await scope(authorityID: authorityID, actor: actor, on: db)
        try Access.check(actor, .create, .certificateLayout(scope))
        try check(layout, sets: sets)
        let m = CertificateLayoutModel()
        m.$authority.id = authorityID
        try m.apply(layout)
        let first = try await CertificateLayoutModel.query(on: db).filter(\.$authority.$id == authorityID).count() == 0
        m.isDefault = isDefault || first
        try await db.transaction { tx in
            if m.isDefault { try await clearDefault(authorityID: authorityID, on: tx) }
            try await m.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "certificate_layout", entityID: m.id,
                unitID: a.$unit.id,
                summary: "Thêm mẫu in “\(m.name)”", before: Optional<String>.none, after: m.name)
        }
        return m
    }

    static func update(
        _ id: Int, _ layout: CertificateLayout, isDefault: Bool, actor: Actor?, sets: [RuleSet], on db: any Database
    ) async throws -> CertificateLayoutModel {
        let (m, a, scope) = try await find(id, actor: actor, on: db)
        try Access.check(actor, .update, .certificateLayout(scope))
        try check(layout, sets: sets)
        let before = m.fields
        try m.apply(layout)
        // The default stays until another layout is made the default.
        m.isDefault = m.isDefault || isDefault
        try await db.transaction { tx in
            if m.isDefault { try await clearDefault(authorityID: m.$authority.id, except: id, on: tx) }
            try await m.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "certificate_layout", entityID: id, unitID: a.$unit.id,
                summary: "Cập nhật mẫu in “\(m.name)”", before: before, after: m.fields)
        }
        return m
    }

    static func check(_ layout: CertificateLayout, sets: [RuleSet]) throws {
        let e = layout.problems(knownForms: Set(forms(in: sets).map(\.code)))
        if !e.isEmpty { throw AppError.invalid(e) }
    }

    private static func clearDefault(authorityID: Int, except: Int? = nil, on db: any Database) async throws {
        var q = CertificateLayoutModel.query(on: db).filter(\.$authority.$id == authorityID)
            .filter(\.$isDefault == true)
        if let except { q = q.filter(\.$id != except) }
        try await q.set(\.$isDefault, to: false).update()
    }

    /// The layout a decision prints with: the one asked for (it must be the decision's authority's), else the
    /// authority's default.
    static func layout(for decision: DecisionModel, requested: Int?, actor: Actor?, on db: any Database) async throws
        -> CertificateLayoutModel
    {
        if let requested {
            let (m, _, _) = try await find(requested, actor: actor, on: db)
            guard m.$authority.id == decision.$authority.id else {
                throw AppError.notFound(
                    "Mẫu in này thuộc cấp khen thưởng khác; vui lòng chọn mẫu của cấp đã ký quyết định.")
            }
            return m
        }
        guard
            let m = try await CertificateLayoutModel.query(on: db).filter(\.$authority.$id == decision.$authority.id)
                .filter(\.$isDefault == true).first()
        else {
            throw AppError.notFound(
                "Cấp khen thưởng đã ký quyết định chưa có mẫu in giấy khen, bằng khen; vui lòng thêm mẫu ở trang cấp khen thưởng."
            )
        }
        return m
    }
}
