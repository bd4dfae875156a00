import Domain
import Fluent
import Vapor

// Certificate layouts under /api/v1: the same service calls as the web pages.

struct CertificateLayoutDTO: Content {
    let id: Int
    let authorityID: Int
    let name: String
    let paper: String
    let orientation: String
    /// The sheet's size in mm.
    let width: Double
    let height: Double
    /// Form codes; empty: every form.
    let forms: [String]
    let achievement: String
    let isDefault: Bool
    let fields: CertificateFieldSet

    init(_ m: CertificateLayoutModel) throws {
        let l = try m.layout()
        id = m.id ?? 0
        authorityID = m.$authority.id
        name = l.name
        paper = l.paper.rawValue
        orientation = l.orientation.rawValue
        width = l.width
        height = l.height
        forms = l.formCodes
        achievement = l.achievement
        isDefault = m.isDefault
        fields = l.fields
    }
}

/// A layout as sent: what is left out takes the standard layout's value (on a change: the stored one's).
struct CertificateLayoutBody: Content {
    var name: String?
    var paper: String?
    var orientation: String?
    var forms: [String]?
    var achievement: String?
    var isDefault: Bool?
    var fields: CertificateFieldSet?

    func layout(over base: CertificateLayout?) throws -> CertificateLayout {
        var e = FieldErrors()
        let paper = self.paper.map { PaperSize(rawValue: $0) } ?? base?.paper ?? .a4
        if paper == nil { e.add("paper", "Khổ giấy là “a4” hoặc “a3”.") }
        let orientation = self.orientation.map { PaperOrientation(rawValue: $0) } ?? base?.orientation ?? .landscape
        if orientation == nil { e.add("orientation", "Chiều giấy là “portrait” (dọc) hoặc “landscape” (ngang).") }
        guard e.isEmpty, let paper, let orientation else { throw AppError.invalid(e) }
        let standard = CertificateLayout.standard(paper: paper, orientation: orientation)
        return CertificateLayout(
            name: VietnameseText.clean(name ?? base?.name ?? ""), paper: paper, orientation: orientation,
            formCodes: Array(Set(forms ?? base?.formCodes ?? [])).sorted(),
            achievement: VietnameseText.clean(achievement ?? base?.achievement ?? standard.achievement),
            fields: fields ?? base?.fields ?? standard.fields)
    }
}

struct CertificatesAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("authorities", ":id", "certificate-layouts", use: list)
        r.post("authorities", ":id", "certificate-layouts", use: create)
        r.get("certificate-layouts", ":id", use: show)
        r.put("certificate-layouts", ":id", use: update)
    }

    @Sendable func list(req: Request) async throws -> [CertificateLayoutDTO] {
        let v = try await CertificateService.layouts(
            authorityID: try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.database)
        return try v.layouts.map(CertificateLayoutDTO.init)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let aid = try req.parameters.require("id", as: Int.self)
        // Who may write is checked before the body is read.
        let (_, scope) = try await CertificateService.scope(authorityID: aid, actor: req.actor, on: req.database)
        try Access.check(req.actor, .create, .certificateLayout(scope))
        let b = try req.content.decode(CertificateLayoutBody.self)
        let m = try await CertificateService.create(
            authorityID: aid, try b.layout(over: nil), isDefault: b.isDefault ?? false, actor: req.actor,
            sets: req.ruleSets, on: req.database)
        return try await CertificateLayoutDTO(m).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> CertificateLayoutDTO {
        try CertificateLayoutDTO(
            try await CertificateService.find(
                try req.parameters.require("id", as: Int.self), actor: req.actor, on: req.database
            )
            .layout)
    }

    @Sendable func update(req: Request) async throws -> CertificateLayoutDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let (m, _, scope) = try await CertificateService.find(id, actor: req.actor, on: req.database)
        try Access.check(req.actor, .update, .certificateLayout(scope))
        let b = try req.content.decode(CertificateLayoutBody.self)
        let saved = try await CertificateService.update(
            id, try b.layout(over: try m.layout()), isDefault: b.isDefault ?? false, actor: req.actor,
            sets: req.ruleSets, on: req.database)
        return try CertificateLayoutDTO(saved)
    }
}
