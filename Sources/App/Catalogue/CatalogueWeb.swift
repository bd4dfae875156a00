import Domain
import Fluent
import Vapor

struct CataloguePage: Encodable, Sendable {
    let layout: LayoutContext
    let versions: [Version]
    let current: Version
    let legalBasis: String
    let fields: [Field]
    let generalCriteria: [Criterion]
    let modelTypes: [TypeRow]
    let individualTypes: [TypeRow]
    let canUpload: Bool
    let uploadError: String?
    struct Version: Encodable, Sendable {
        let version: String
        let title: String
        let effectiveFrom: String
        let href: String
        let selected: Bool
    }
    struct Field: Encodable, Sendable {
        let code: String
        let name: String
    }
    struct Criterion: Encodable, Sendable {
        let code: String
        let text: String
        let kindLabel: String
    }
    struct TypeRow: Encodable, Sendable {
        let code: String
        let name: String
        let group: String?
        let fieldName: String?
        let standard: String
        let subjectKinds: String
        let movementCode: String?
        let criteria: [Criterion]
    }

}

struct CatalogueWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(CataloguePath.catalogue, use: show)
        r.get(CataloguePath.version(.key), use: show)
        r.post(CataloguePath.catalogue, body: .collect(maxSize: "5mb"), use: upload)
    }

    struct Upload: Content { var file: File }

    /// A new catalogue version from a JSON file in the shipped format; an existing version is never changed.
    @Sendable func upload(req: Request) async throws -> Response {
        try req.authorize(.create, .catalogue)
        guard let upload = try? req.content.decode(Upload.self), upload.file.data.readableBytes > 0 else {
            return try await page(
                req: req, version: nil, uploadError: "Vui lòng chọn tệp danh mục (.json).", status: .unprocessableEntity
            )
        }
        let data = Data(buffer: upload.file.data)
        do {
            let file = try CatalogueService.decodeChecked(upload.file.filename, data)
            if try await CatalogueVersionModel.query(on: req.database).filter(\.$version == file.version).count() > 0 {
                return try await page(
                    req: req, version: nil,
                    uploadError: "Phiên bản “\(file.version)” đã có; thay đổi danh mục phải mang số phiên bản mới.",
                    status: .conflict)
            }
            try await CatalogueService.load(
                file, content: String(decoding: data, as: UTF8.self), actor: req.actor, on: req.database)
            return Flash.redirect(
                req, to: CataloguePath.version(.text(file.version)).href, "Đã nạp danh mục phiên bản \(file.version).")
        } catch let e as AppError {
            return try await page(req: req, version: nil, uploadError: e.message, status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req: req, version: req.parameters.get("version"), uploadError: nil, status: .ok)
    }

    func page(req: Request, version: String?, uploadError: String?, status: HTTPResponseStatus) async throws -> Response
    {
        try req.authorize(.read, .catalogue)
        let v = try await CatalogueService.version(version, on: req.database)
        let all = try await CatalogueVersionModel.query(on: req.database).sort(\.$effectiveFrom).sort(\.$version).all()
        func row(_ x: CatalogueVersionModel) -> CataloguePage.Version {
            .init(
                version: x.version, title: x.title, effectiveFrom: x.effectiveFrom.isoToVietnamese,
                href: CataloguePath.version(.text(x.version)).href, selected: x.id == v.id)
        }
        let vid = try v.requireID()
        let fields = try await CatalogueFieldModel.query(on: req.database).filter(\.$version.$id == vid).sort(\.$code)
            .all()
        let fieldNames = Dictionary(uniqueKeysWithValues: fields.map { ($0.code, $0.name) })
        let criteria = try await CatalogueCriterionModel.query(on: req.database).filter(\.$version.$id == vid).sort(
            \.$position
        ).all()
        let types = try await SubjectTypeModel.query(on: req.database).filter(\.$version.$id == vid).sort(\.$position)
            .all()
        let byType = Dictionary(grouping: criteria, by: { $0.$subjectType.id ?? 0 })
        func crit(_ c: CatalogueCriterionModel) -> CataloguePage.Criterion {
            .init(code: c.code, text: c.text, kindLabel: CriterionKind(rawValue: c.kind)?.label ?? c.kind)
        }
        func typeRow(_ t: SubjectTypeModel) -> CataloguePage.TypeRow {
            .init(
                code: t.code, name: t.name, group: t.groupName, fieldName: t.fieldCode.flatMap { fieldNames[$0] },
                standard: t.standard,
                subjectKinds: t.subjectKinds.split(separator: ",").compactMap {
                    SubjectKind(rawValue: String($0))?.label
                }.joined(separator: ", "),
                movementCode: t.movementCode, criteria: (byType[t.id ?? -1] ?? []).map(crit))
        }
        let page = CataloguePage(
            layout: req.layout("Danh mục tiêu chuẩn điển hình", active: CataloguePath.catalogue.href),
            versions: all.map(row), current: row(v),
            legalBasis: v.legalBasis, fields: fields.map { .init(code: $0.code, name: $0.name) },
            generalCriteria: (byType[0] ?? []).map(crit),
            modelTypes: types.filter { $0.category == "collective" }.map(typeRow),
            individualTypes: types.filter { $0.category == "individual" }.map(typeRow),
            canUpload: req.can(.create, .catalogue), uploadError: uploadError)
        return try await req.render("catalogue/catalogue", page, status: status)
    }
}
