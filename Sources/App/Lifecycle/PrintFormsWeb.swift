import Domain
import Fluent
import Vapor

/// A print view: the document on an A4 sheet, with links to its DOCX and back (hidden when printed).
struct PrintFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let document: PrintDocument
    let docxHref: String
    let backHref: String
    let backLabel: String
}

/// The printable registration form and evaluation record: read like the registration they belong to
/// (Policy `.unitRecord`, read); another unit's record is a 404.
struct PrintFormsWebController {
    static let docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    func register(_ r: any RoutesBuilder) {
        r.get(RegistrationsPath.print(.key), use: registration)
        r.get(RegistrationsPath.printDOCX(.key), use: registrationDOCX)
        r.get(EvaluationsPath.print(.key), use: evaluation)
        r.get(EvaluationsPath.printDOCX(.key), use: evaluationDOCX)
    }

    private func registrationDocument(_ req: Request) async throws -> (Int, PrintDocument) {
        let id = try req.parameters.require("id", as: Int.self)
        let r = try await RegistrationQueries.readable(id, actor: req.actor, on: req.database)
        return (id, try await PrintForms.registration(r, access: req.fieldAccess(r.unit.unitPath), on: req.database))
    }

    private func evaluationDocument(_ req: Request) async throws -> (EvaluationModel, PrintDocument) {
        let id = try req.parameters.require("id", as: Int.self)
        guard let ev = try await EvaluationModel.find(id, on: req.database) else {
            throw AppError.notFound("Không tìm thấy lần đánh giá.")
        }
        let r = try await RegistrationQueries.readable(ev.$registration.id, actor: req.actor, on: req.database)
        return (ev, try await PrintForms.evaluation(ev, registration: r, on: req.database))
    }

    @Sendable func registration(req: Request) async throws -> Response {
        let (id, doc) = try await registrationDocument(req)
        return try await req.render(
            "lifecycle/print-form",
            PrintFormPage(
                layout: req.layout("Phiếu đăng ký", active: RegistrationsPath.list.href), document: doc,
                docxHref: RegistrationsPath.printDOCX(.id(id)).href,
                backHref: RegistrationsPath.registration(.id(id)).href, backLabel: "Quay lại đăng ký"))
    }

    @Sendable func registrationDOCX(req: Request) async throws -> Response {
        let (id, doc) = try await registrationDocument(req)
        return FileStore.attachment(try doc.docx(), name: "phieu-dang-ky-\(id).docx", contentType: Self.docxType)
    }

    @Sendable func evaluation(req: Request) async throws -> Response {
        let (ev, doc) = try await evaluationDocument(req)
        let rid = ev.$registration.id
        return try await req.render(
            "lifecycle/print-form",
            PrintFormPage(
                layout: req.layout("Biên bản đánh giá", active: RegistrationsPath.list.href), document: doc,
                docxHref: EvaluationsPath.printDOCX(.id(try ev.requireID())).href,
                backHref: RegistrationsPath.registration(.id(rid)).href + "#danh-gia", backLabel: "Quay lại đăng ký"))
    }

    @Sendable func evaluationDOCX(req: Request) async throws -> Response {
        let (ev, doc) = try await evaluationDocument(req)
        return FileStore.attachment(
            try doc.docx(), name: "bien-ban-danh-gia-\(try ev.requireID()).docx", contentType: Self.docxType)
    }
}
