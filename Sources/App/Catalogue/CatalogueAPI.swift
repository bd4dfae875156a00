import Domain
import Fluent
import Vapor

struct CatalogueAPIController {
    struct VersionDTO: Content {
        let version: String
        let title: String
        let legalBasis: String
        let effectiveFrom: String
    }
    struct FieldDTO: Content {
        let code: String
        let name: String
        let note: String?
        let version: String
    }
    struct CriterionDTO: Content {
        let code: String
        let text: String
        let kind: String
        let kindLabel: String
        let params: String
        let section: String
    }
    struct TypeDTO: Content {
        let code: String
        let name: String
        let group: String?
        let field: String?
        let movement: String?
        let section: String
        let standard: String
        let subjectKinds: [String]
        let version: String
        let criteria: [CriterionDTO]
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
        return try await CatalogueVersionModel.query(on: req.database).sort(\.$effectiveFrom).all().map {
            VersionDTO(version: $0.version, title: $0.title, legalBasis: $0.legalBasis, effectiveFrom: $0.effectiveFrom)
        }
    }

    private func version(_ req: Request) async throws -> CatalogueVersionModel {
        try req.authorize(.list, .catalogue)
        return try await CatalogueService.version(req.queryText("version"), on: req.database)
    }

    @Sendable func fields(req: Request) async throws -> [FieldDTO] {
        let v = try await version(req)
        return try await CatalogueFieldModel.query(on: req.database).filter(\.$version.$id == v.requireID()).sort(
            \.$code
        )
        .all()
        .map { FieldDTO(code: $0.code, name: $0.name, note: $0.note, version: v.version) }
    }

    private func crit(_ c: CatalogueCriterionModel) -> CriterionDTO {
        CriterionDTO(
            code: c.code, text: c.text, kind: c.kind, kindLabel: CriterionKind(rawValue: c.kind)?.label ?? c.kind,
            params: c.params, section: c.section)
    }

    @Sendable func generalCriteria(req: Request) async throws -> [CriterionDTO] {
        let v = try await version(req)
        return try await CatalogueCriterionModel.query(on: req.database).filter(\.$version.$id == v.requireID()).filter(
            \.$subjectType.$id == nil
        )
        .sort(\.$position).all().map(crit)
    }

    private func types(_ req: Request, _ category: String) async throws -> [TypeDTO] {
        let v = try await version(req)
        return try await SubjectTypeModel.query(on: req.database).filter(\.$version.$id == v.requireID()).filter(
            \.$category == category
        )
        .with(\.$criteria).sort(\.$position).all().map { t in
            TypeDTO(
                code: t.code, name: t.name, group: t.groupName, field: t.fieldCode, movement: t.movementCode,
                section: t.section,
                standard: t.standard, subjectKinds: t.subjectKinds.split(separator: ",").map(String.init),
                version: v.version,
                criteria: t.criteria.sorted { $0.position < $1.position }.map(crit))
        }
    }

    @Sendable func modelTypes(req: Request) async throws -> [TypeDTO] { try await types(req, "collective") }
    @Sendable func individualTypes(req: Request) async throws -> [TypeDTO] { try await types(req, "individual") }
}
