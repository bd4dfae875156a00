import Domain
import Fluent
import Vapor

/// Setting up from spreadsheets: one page with the three imports, each with its template.
enum SetupImportPath: SitePath {
    case page
    case template(Param)
    case upload(Param)

    var segments: [PathSegment] {
        switch self {
        case .page: ["app", "setup"]
        case .template(let kind): ["app", "setup", .param("kind", kind), "template"]
        case .upload(let kind): ["app", "setup", .param("kind", kind)]
        }
    }
}

struct SetupImportPage: Encodable, Sendable {
    struct Section: Encodable, Sendable {
        let kind: String
        let label: String
        let templateHref: String
        let action: String
        let columns: [String]
        let errors: [ImportErrorItem]
        let warnings: [ImportErrorItem]
        /// Set when this section's file could not be read at all (no rows, wrong format).
        let error: String?
    }
    let layout: LayoutContext
    let sections: [Section]
    /// After an import of accounts: the one-time passwords, shown this once.
    let accounts: [OneTimeAccount]
    let maxRows: Int
}

struct SetupImportWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(SetupImportPath.page, use: page)
        r.get(SetupImportPath.template(.key), use: template)
        r.post(SetupImportPath.upload(.key), body: .collect(maxSize: "25mb"), use: upload)
    }

    static func kind(_ req: Request) throws -> SetupImportKind {
        guard let k = SetupImportKind(rawValue: req.parameters.get("kind") ?? "") else {
            throw AppError.notFound("Không có mục nhập này (chỉ có đơn vị, cụm khối, tài khoản).")
        }
        return k
    }

    static func page(
        _ req: Request, result: SetupImportResult? = nil, error: (SetupImportKind, String)? = nil
    ) -> SetupImportPage {
        SetupImportPage(
            layout: req.layout("Thiết lập từ bảng tính", active: UnitsPath.list.href),
            sections: SetupImportKind.allCases.map { k in
                let mine = result?.kind == k.rawValue ? result : nil
                return .init(
                    kind: k.rawValue, label: k.label, templateHref: SetupImportPath.template(.text(k.rawValue)).href,
                    action: SetupImportPath.upload(.text(k.rawValue)).href,
                    columns: k.columns.map { $0.name + ($0.required ? " (*)" : "") }, errors: mine?.errors ?? [],
                    warnings: mine?.warnings ?? [], error: error?.0 == k ? error?.1 : nil)
            },
            accounts: result?.accounts ?? [], maxRows: SetupImport.maxRows)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.read, .setupImport)
        return try await req.render("imports/setup", Self.page(req))
    }

    @Sendable func template(req: Request) async throws -> Response {
        try SetupImport.template(try Self.kind(req))
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try req.authorize(.create, .setupImport)
        let kind = try Self.kind(req)
        guard let upload = try? req.content.decode(ImportUpload.self), upload.file.data.readableBytes > 0 else {
            return try await req.render(
                "imports/setup", Self.page(req, error: (kind, "Vui lòng chọn tệp Excel (.xlsx) hoặc CSV.")),
                status: .unprocessableEntity)
        }
        let result: SetupImportResult
        do {
            result = try await SetupImport.run(
                kind, data: Data(buffer: upload.file.data), filename: upload.file.filename, actor: actor,
                hasher: req.passwordHasher, on: req.database)
        } catch let e as AppError where e.status == .badRequest {
            return try await req.render(
                "imports/setup", Self.page(req, error: (kind, e.message)), status: .unprocessableEntity)
        }
        guard result.errors.isEmpty else {
            return try await req.render("imports/setup", Self.page(req, result: result), status: .unprocessableEntity)
        }
        let warn =
            result.warnings.isEmpty
            ? "" : " Cần xem lại \(result.warnings.count) ô bắt đầu bằng dấu =, +, - hoặc @."
        switch kind {
        case .units:
            return Flash.redirect(req, to: UnitsPath.list.href, "Đã nhập \(result.created) đơn vị." + warn)
        case .groups:
            return Flash.redirect(req, to: GroupsPath.list.href, "Đã nhập \(result.created) cụm, khối thi đua." + warn)
        case .users:
            // The one-time passwords are shown on this answer only: no redirect, nothing kept.
            return try await req.render("imports/setup", Self.page(req, result: result))
        }
    }
}

/// `POST /api/v1/imports/units|groups|users` (multipart: file): synchronous, all or nothing; 422 with every bad
/// row and column. Accounts come back with their one-time passwords.
struct SetupImportAPIController {
    func register(_ r: any RoutesBuilder) {
        for kind in SetupImportKind.allCases {
            r.on(.POST, "imports", PathComponent(stringLiteral: kind.rawValue), body: .collect(maxSize: "25mb")) {
                req async throws -> Response in
                try await Self.upload(req, kind)
            }
        }
    }

    static func upload(_ req: Request, _ kind: SetupImportKind) async throws -> Response {
        let actor = try req.requireActor()
        try req.authorize(.create, .setupImport)
        guard let upload = try? req.content.decode(ImportUpload.self) else {
            var e = FieldErrors()
            e.add("file", "Vui lòng gửi tệp trong trường “file” (multipart/form-data).")
            throw AppError.invalid(e)
        }
        let r = try await SetupImport.run(
            kind, data: Data(buffer: upload.file.data), filename: upload.file.filename, actor: actor,
            hasher: req.passwordHasher, on: req.database)
        return try await r.encodeResponse(status: r.errors.isEmpty ? .ok : .unprocessableEntity, for: req)
    }
}
