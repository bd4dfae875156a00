import Domain
import Fluent
import Vapor

/// The demo's certificate layouts (issue 14, item 1): every authority without one gets the standard giấy khen
/// layout (A4 landscape) as its default, so each decision's "In giấy khen, bằng khen" link works at once.
/// Call after `DemoCommendation.load` (the authorities exist then), in the same transaction.
enum DemoCertificates {
    static func load(app: Application, on db: any Database) async throws {
        let system = Actor(userID: 0, username: "dữ liệu mẫu", role: .admin, unitID: nil, unitPath: nil)
        for a in try await AuthorityModel.query(on: db).sort(\.$id).all() {
            let id = try a.requireID()
            guard try await CertificateLayoutModel.query(on: db).filter(\.$authority.$id == id).count() == 0 else {
                continue
            }
            _ = try await CertificateService.create(
                authorityID: id, .standard(name: "Giấy khen mẫu chung (A4 ngang)"), isDefault: true, actor: system,
                sets: app.ruleSets, on: db)
        }
    }
}
