import Domain
import Foundation
import Vapor

/// The reorganisation screen: the upload form, then the preview of the file's changes with every wrong row named.
struct ReorganisationPage: Encodable, Sendable {
    let layout: LayoutContext
    let previewHref: String
    let applyHref: String
    /// The file as JSON (what the apply button sends back, checked again on apply).
    let text: String
    let title: String?
    let source: String?
    let newUnits: [String]
    let changes: [ReorganisationRowDTO]
    let problems: [String]
    /// True when the file was read and has no wrong row.
    let canApply: Bool
    let error: String?
}

struct ReorganisationForm: Content, Sendable {
    var file: File?
    var text: String?
}

struct ReorganisationWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(ReorganisationPath.form, use: form)
        r.post(ReorganisationPath.form, body: .collect(maxSize: "6mb"), use: preview)
        r.post(ReorganisationPath.apply, body: .collect(maxSize: "6mb"), use: apply)
    }

    static func page(
        req: Request, text: String = "", file: ReorganisationFile? = nil, problems: [String] = [],
        canApply: Bool = false, error: String? = nil
    ) -> ReorganisationPage {
        ReorganisationPage(
            layout: req.layout("Sắp xếp đơn vị", active: UnitsPath.list.href),
            previewHref: ReorganisationPath.form.href, applyHref: ReorganisationPath.apply.href, text: text,
            title: file?.title, source: file?.source,
            newUnits: (file?.newUnits ?? []).map {
                "\($0.code) — \($0.name) (\($0.kind); cấp trên: \($0.parent ?? "—"))"
            },
            changes: file.map(ReorganisationService.rows) ?? [], problems: problems, canApply: canApply, error: error)
    }

    @Sendable func form(req: Request) async throws -> Response {
        try req.authorize(.read, .reorganisation)
        return try await req.render("organisation/reorganise", Self.page(req: req))
    }

    /// The file sent: an upload (JSON or XLSX) or the JSON typed in the text box.
    static func file(_ req: Request) throws -> ReorganisationFile {
        let f = try req.content.decode(ReorganisationForm.self)
        if let upload = f.file, upload.data.readableBytes > 0 {
            return try ReorganisationService.read(Data(buffer: upload.data))
        }
        return try ReorganisationService.read(Data((f.text ?? "").utf8))
    }

    static func json(_ file: ReorganisationFile) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? e.encode(file)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Sendable func preview(req: Request) async throws -> Response {
        try req.authorize(.create, .reorganisation)
        let file: ReorganisationFile
        do { file = try Self.file(req) } catch let e as AppError {
            let raw = (try? req.content.get(String.self, at: "text")) ?? ""
            return try await req.render(
                "organisation/reorganise", Self.page(req: req, text: raw, error: e.message), status: e.status)
        }
        let text = Self.json(file)
        do {
            _ = try await ReorganisationService.check(file, actor: req.actor, on: req.database)
            return try await req.render(
                "organisation/reorganise", Self.page(req: req, text: text, file: file, canApply: true))
        } catch let e as AppError where e.code == .validationFailed {
            return try await req.render(
                "organisation/reorganise",
                Self.page(req: req, text: text, file: file, problems: e.fields.items.map(\.message), error: e.message),
                status: e.status)
        }
    }

    @Sendable func apply(req: Request) async throws -> Response {
        try req.authorize(.create, .reorganisation)
        let file: ReorganisationFile
        do { file = try Self.file(req) } catch let e as AppError {
            return try await req.render(
                "organisation/reorganise", Self.page(req: req, error: e.message), status: e.status)
        }
        return try await req.submit {
            try await ReorganisationService.apply(file, actor: req.actor, on: req.database)
        } redirect: { r in
            (
                UnitsPath.list.href,
                "Đã áp dụng phương án sắp xếp: \(r.successions) quan hệ kế thừa, \(r.newUnits.count) đơn vị mới, "
                    + "\(r.ended.count) đơn vị kết thúc."
            )
        } orRender: { e in
            try await req.render(
                "organisation/reorganise",
                Self.page(
                    req: req, text: Self.json(file), file: file, problems: e.fields.items.map(\.message),
                    error: e.message),
                status: e.status)
        }
    }
}
