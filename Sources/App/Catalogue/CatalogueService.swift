import Domain
import Fluent
import Vapor

/// Loads the catalogue files shipped in Resources/Catalogue into the database. A version already
/// loaded is never changed: a change to the catalogue is a new file with a new version.
enum CatalogueService {
    static func files(in workingDirectory: String) throws -> [(name: String, data: Data)] {
        let dir = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Catalogue")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return try names.filter { $0.hasPrefix("catalogue-") && $0.hasSuffix(".json") }.sorted().map {
            ($0, try Data(contentsOf: dir.appendingPathComponent($0)))
        }
    }

    static func decodeChecked(_ name: String, _ data: Data) throws -> CatalogueFile {
        let file: CatalogueFile
        do { file = try CatalogueFile.decode(data) } catch {
            throw AppError.badRequest("Tệp danh mục \(name) không đọc được: \(error)")
        }
        let problems = file.problems()
        guard problems.isEmpty else {
            throw AppError.badRequest("Tệp danh mục \(name) có lỗi: " + problems.joined(separator: "; "))
        }
        return file
    }

    /// Loads every shipped version that the database does not have yet. Returns the versions loaded.
    @discardableResult
    static func loadShipped(workingDirectory: String, on db: any Database) async throws -> [String] {
        var loaded: [String] = []
        for (name, data) in try files(in: workingDirectory) {
            let file = try decodeChecked(name, data)
            if try await CatalogueVersionModel.query(on: db).filter(\.$version == file.version).count() > 0 { continue }
            try await load(file, content: String(decoding: data, as: UTF8.self), on: db)
            loaded.append(file.version)
        }
        return loaded
    }

    static func load(_ file: CatalogueFile, content: String, actor: Actor? = nil, on db: any Database) async throws {
        try await db.transaction { tx in
            let v = CatalogueVersionModel()
            v.version = file.version
            v.title = file.title
            v.legalBasis = file.legalBasis
            v.effectiveFrom = file.effectiveFrom
            v.content = content
            try await v.create(on: tx)
            let vid = try v.requireID()
            for f in file.fields {
                let m = CatalogueFieldModel()
                m.$version.id = vid
                m.code = f.code
                m.name = f.name
                m.note = f.note
                try await m.create(on: tx)
            }
            var position = 0
            for c in file.generalCriteria {
                position += 1
                try await criterion(
                    vid, typeID: nil, code: c.code, text: c.text, kind: .boolean, params: "{}", section: c.section,
                    position: position, on: tx)
            }
            for (category, types) in [("collective", file.modelTypes), ("individual", file.individualTypes)] {
                for (i, t) in types.enumerated() {
                    let m = SubjectTypeModel()
                    m.$version.id = vid
                    m.category = category
                    m.code = t.code
                    m.name = t.name
                    m.groupName = t.group
                    m.fieldCode = t.field
                    m.movementCode = t.movement
                    m.section = t.section
                    m.standard = t.standard
                    m.subjectKinds = t.subjectKinds.map(\.rawValue).joined(separator: ",")
                    m.position = i + 1
                    try await m.create(on: tx)
                    for (j, c) in t.criteria.enumerated() {
                        let params = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
                        try await criterion(
                            vid, typeID: m.id, code: c.code, text: c.text, kind: c.kind, params: params,
                            section: t.section, position: j + 1, on: tx)
                    }
                }
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "catalogue", entityID: vid, unitID: nil,
                summary: "Nạp danh mục phiên bản \(file.version)", before: Optional<String>.none, after: file.version)
        }
    }

    private static func criterion(
        _ vid: Int, typeID: Int?, code: String, text: String, kind: CriterionKind, params: String,
        section: String, position: Int, on db: any Database
    ) async throws {
        let m = CatalogueCriterionModel()
        m.$version.id = vid
        m.$subjectType.id = typeID
        m.code = code
        m.text = text
        m.kind = kind.rawValue
        m.params = params
        m.section = section
        m.position = position
        try await m.create(on: db)
    }

    /// The version in force for a registration year: the one in force on 1 January of that year (the latest whose
    /// `effectiveFrom` is on or before it); for a year that starts before every version, the first version that
    /// takes effect during that year. Nil when no version covers the year. A version stays valid until the next
    /// one takes effect.
    static func inForce(year: Int, on db: any Database) async throws -> CatalogueVersionModel? {
        let start = String(format: "%04d-01-01", year)
        let end = String(format: "%04d-12-31", year)
        if let v = try await header(db).filter(\.$effectiveFrom <= start)
            .sort(\.$effectiveFrom, .descending).sort(\.$version, .descending).first()
        {
            return v
        }
        return try await header(db).filter(\.$effectiveFrom <= end)
            .sort(\.$effectiveFrom).sort(\.$version).first()
    }

    /// The newest version (the latest effective one), whatever the year.
    static func current(on db: any Database) async throws -> CatalogueVersionModel? {
        try await header(db).sort(\.$effectiveFrom, .descending).sort(\.$version, .descending).first()
    }

    /// The newest version's file as loaded (the demo data takes its movements and their types from it).
    static func currentFile(on db: any Database) async throws -> CatalogueFile? {
        guard
            let v = try await CatalogueVersionModel.query(on: db).sort(\.$effectiveFrom, .descending)
                .sort(\.$version, .descending).first()
        else { return nil }
        return try CatalogueFile.decode(Data(v.content.utf8))
    }

    /// A version without `content`, the file it was loaded from (48 KB, read twice by every registration list page
    /// only to find which version's types to offer). `content` is read only by `currentFile`.
    private static func header(_ db: any Database) -> QueryBuilder<CatalogueVersionModel> {
        CatalogueVersionModel.query(on: db).field(\.$id).field(\.$version).field(\.$title).field(\.$legalBasis)
            .field(\.$effectiveFrom).field(\.$loadedAt)
    }

    static func version(_ version: String?, on db: any Database) async throws -> CatalogueVersionModel {
        if let version, !version.isEmpty {
            guard let v = try await CatalogueVersionModel.query(on: db).filter(\.$version == version).first() else {
                throw AppError.notFound("Không có danh mục phiên bản “\(version)”.")
            }
            return v
        }
        guard let v = try await current(on: db) else { throw AppError.notFound("Chưa nạp danh mục nào.") }
        return v
    }
}
