import Fluent
import Vapor
import Domain

/// A page of results in JSON.
struct ListResponse<T: Content>: Content {
    let items: [T]
    let page: Int
    let perPage: Int
    let total: Int
    init<M>(_ page: Page<M>, _ map: (M) throws -> T) rethrows {
        items = try page.items.map(map); self.page = page.page; perPage = page.perPage; total = page.total
    }
}

struct TokenRequest: Content { let username: String; let password: String }
struct TokenResponse: Content { let token: String; let tokenType: String; let expiresAt: Date; let user: UserDTO }

struct AuthAPIController {
    let config: AppConfig
    func registerPublic(_ r: any RoutesBuilder) { r.post("auth", "token", use: issue) }
    func register(_ r: any RoutesBuilder) {
        r.delete("auth", "token", use: revoke)
        r.get("me", use: me)
    }

    @Sendable func issue(req: Request) async throws -> TokenResponse {
        let body = try req.content.decode(TokenRequest.self)
        guard let user = try await AuthService.verify(username: body.username, password: body.password, on: req) else {
            throw AppError(status: .unauthorized, code: .unauthorized, message: "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.")
        }
        let (secret, token) = try await AuthService.issue(.api, for: user, lifetime: config.apiTokenLifetime, on: req.db)
        return TokenResponse(token: secret, tokenType: "Bearer", expiresAt: token.expiresAt, user: UserDTO(user))
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        if let auth = req.auth { try await AuthTokenModel.find(auth.tokenID, on: req.db)?.delete(on: req.db) }
        return .noContent
    }

    @Sendable func me(req: Request) async throws -> UserDTO { UserDTO(try req.auth.orThrow().user) }
}

extension Optional {
    func orThrow() throws -> Wrapped {
        guard let self else { throw AppError.unauthorized }
        return self
    }
}

struct UnitsAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("units", use: list)
        r.post("units", use: create)
        r.get("units", ":id", use: show)
        r.put("units", ":id", use: update)
        r.delete("units", ":id", use: delete)
        r.get("unit-groups", use: groups)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<UnitDTO> {
        let actor = try req.requireActor()
        var f = UnitFilter()
        f.q = req.query[String.self, at: "q"] ?? ""
        f.kind = req.query[String.self, at: "kind"] ?? ""
        f.parentID = req.query[Int.self, at: "parentID"]
        f.groupID = req.query[Int.self, at: "groupID"]
        f.page = req.query[Int.self, at: "page"] ?? 1
        f.perPage = min(max(req.query[Int.self, at: "perPage"] ?? 50, 1), 500)
        return ListResponse(try await UnitQueries.list(f, scope: Policy.unitScope(actor), on: req.db), UnitDTO.init)
    }

    @Sendable func show(req: Request) async throws -> UnitDTO {
        UnitDTO(try await UnitQueries.readable(try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.db))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(UnitInput.self)
        let unit = try await UnitService.create(input, actor: req.actor, on: req.db)
        return try await UnitDTO(unit).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> UnitDTO {
        let input = try req.content.decode(UnitInput.self)
        return UnitDTO(try await UnitService.update(try req.parameters.require("id", as: Int.self), input, actor: req.actor, on: req.db))
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try await UnitService.delete(try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.db)
        return .noContent
    }

    struct GroupDTO: Content { let id: Int; let code: String; let name: String; let kind: String; let kindLabel: String; let memberIDs: [Int] }

    @Sendable func groups(req: Request) async throws -> [GroupDTO] {
        let actor = try req.requireActor()
        let scope = Policy.unitScope(actor)
        return try await UnitGroupModel.query(on: req.db).with(\.$members).sort(\.$code).all().map { g in
            let visible = g.members.filter { m in
                switch scope { case .all: return true; case .subtree(let p): return p.contains(m.unitPath); case .none: return false }
            }
            return GroupDTO(id: g.id ?? 0, code: g.code, name: g.name, kind: g.kind, kindLabel: UnitGroupKind(rawValue: g.kind)?.label ?? g.kind,
                            memberIDs: visible.compactMap(\.id).sorted())
        }
    }
}

struct UsersAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("users", use: list)
        r.post("users", use: create)
        r.get("users", ":id", use: show)
        r.put("users", ":id", use: update)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<UserDTO> {
        let actor = try req.requireActor()
        let page = try await UserQueries.list(q: req.query[String.self, at: "q"] ?? "", role: req.query[String.self, at: "role"] ?? "",
                                              page: req.query[Int.self, at: "page"] ?? 1, scope: Policy.userScope(actor), on: req.db)
        return ListResponse(page, UserDTO.init)
    }

    @Sendable func show(req: Request) async throws -> UserDTO {
        UserDTO(try await UserQueries.readable(try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.db))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(UserInput.self)
        let user = try await UserService.create(input, actor: req.actor, hasher: req.password.async, on: req.db)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> UserDTO {
        let input = try req.content.decode(UserInput.self)
        return UserDTO(try await UserService.update(try req.parameters.require("id", as: Int.self), input, actor: req.actor, hasher: req.password.async, on: req.db))
    }
}

struct MovementsAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("movements", use: list)
        r.post("movements", use: create)
        r.get("movements", ":id", use: show)
        r.put("movements", ":id", use: update)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<MovementDTO> {
        try req.authorize(.list, .movement(id: nil))
        let page = try await MovementQueries.list(q: req.query[String.self, at: "q"] ?? "", year: req.query[Int.self, at: "year"],
                                                  leadUnitID: req.query[Int.self, at: "unitID"], page: req.query[Int.self, at: "page"] ?? 1, on: req.db)
        return ListResponse(page) { MovementDTO($0, agencies: $0.agencies) }
    }

    @Sendable func show(req: Request) async throws -> MovementDTO {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.read, .movement(id: id))
        let m = try await MovementQueries.find(id, on: req.db)
        return MovementDTO(m, agencies: m.agencies)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let m = try await MovementService.create(try req.content.decode(MovementInput.self), actor: req.actor, on: req.db)
        let full = try await MovementQueries.find(try m.requireID(), on: req.db)
        return try await MovementDTO(full, agencies: full.agencies).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> MovementDTO {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try await MovementService.update(id, try req.content.decode(MovementInput.self), actor: req.actor, on: req.db)
        let full = try await MovementQueries.find(id, on: req.db)
        return MovementDTO(full, agencies: full.agencies)
    }
}

struct CatalogueAPIController {
    struct VersionDTO: Content { let version: String; let title: String; let legalBasis: String; let effectiveFrom: String }
    struct FieldDTO: Content { let code: String; let name: String; let note: String?; let version: String }
    struct CriterionDTO: Content { let code: String; let text: String; let kind: String; let kindLabel: String; let params: String; let section: String }
    struct TypeDTO: Content {
        let code: String; let name: String; let group: String?; let field: String?; let movement: String?; let section: String
        let standard: String; let subjectKinds: [String]; let version: String; let criteria: [CriterionDTO]
    }

    func register(_ r: any RoutesBuilder) {
        r.get("catalogue-versions", use: versions)
        r.get("fields", use: fields)
        r.get("general-criteria", use: generalCriteria)
        r.get("model-types", use: modelTypes)
        r.get("individual-types", use: individualTypes)
    }

    @Sendable func versions(req: Request) async throws -> [VersionDTO] {
        try req.authorize(.list, .catalogue)
        return try await CatalogueVersionModel.query(on: req.db).sort(\.$effectiveFrom).all().map {
            VersionDTO(version: $0.version, title: $0.title, legalBasis: $0.legalBasis, effectiveFrom: $0.effectiveFrom)
        }
    }

    private func version(_ req: Request) async throws -> CatalogueVersionModel {
        try req.authorize(.list, .catalogue)
        return try await CatalogueService.version(req.query[String.self, at: "version"], on: req.db)
    }

    @Sendable func fields(req: Request) async throws -> [FieldDTO] {
        let v = try await version(req)
        return try await CatalogueFieldModel.query(on: req.db).filter(\.$version.$id == v.requireID()).sort(\.$code).all()
            .map { FieldDTO(code: $0.code, name: $0.name, note: $0.note, version: v.version) }
    }

    private func crit(_ c: CatalogueCriterionModel) -> CriterionDTO {
        CriterionDTO(code: c.code, text: c.text, kind: c.kind, kindLabel: CriterionKind(rawValue: c.kind)?.label ?? c.kind, params: c.params, section: c.section)
    }

    @Sendable func generalCriteria(req: Request) async throws -> [CriterionDTO] {
        let v = try await version(req)
        return try await CatalogueCriterionModel.query(on: req.db).filter(\.$version.$id == v.requireID()).filter(\.$subjectType.$id == nil)
            .sort(\.$position).all().map(crit)
    }

    private func types(_ req: Request, _ category: String) async throws -> [TypeDTO] {
        let v = try await version(req)
        return try await SubjectTypeModel.query(on: req.db).filter(\.$version.$id == v.requireID()).filter(\.$category == category)
            .with(\.$criteria).sort(\.$position).all().map { t in
                TypeDTO(code: t.code, name: t.name, group: t.groupName, field: t.fieldCode, movement: t.movementCode, section: t.section,
                        standard: t.standard, subjectKinds: t.subjectKinds.split(separator: ",").map(String.init), version: v.version,
                        criteria: t.criteria.sorted { $0.position < $1.position }.map(crit))
            }
    }

    @Sendable func modelTypes(req: Request) async throws -> [TypeDTO] { try await types(req, "collective") }
    @Sendable func individualTypes(req: Request) async throws -> [TypeDTO] { try await types(req, "individual") }
}

struct AuditAPIController {
    struct EntryDTO: Content {
        let id: Int; let at: Date; let userID: Int?; let username: String; let action: String; let entity: String
        let entityID: String?; let unitID: Int?; let summary: String; let before: String?; let after: String?
    }
    func register(_ r: any RoutesBuilder) { r.get("audit", use: list) }

    @Sendable func list(req: Request) async throws -> ListResponse<EntryDTO> {
        try req.authorize(.list, .auditLog)
        var q = AuditEntryModel.query(on: req.db)
        if let entity = req.query[String.self, at: "entity"] { q = q.filter(\.$entity == entity) }
        let page = try await q.sort(\.$id, .descending).paginate(page: req.query[Int.self, at: "page"] ?? 1, perPage: 100)
        return ListResponse(page) {
            EntryDTO(id: $0.id ?? 0, at: $0.at, userID: $0.userID, username: $0.username, action: $0.action, entity: $0.entity,
                     entityID: $0.entityID, unitID: $0.unitID, summary: $0.summary, before: $0.before, after: $0.after)
        }
    }
}
