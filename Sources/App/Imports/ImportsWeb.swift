import Domain
import Fluent
import Vapor

struct ImportsPage: Encodable, Sendable {
    struct Job: Encodable, Sendable {
        let href: String
        let filename: String
        let statusLabel: String
        let created: Int
        let errorCount: Int
        let at: String
    }
    let layout: LayoutContext
    let jobs: [Job]
    let error: String?
    let maxRows: Int
    var annualErrors: [ImportErrorItem] = []
}

struct ImportJobPage: Encodable, Sendable {
    let layout: LayoutContext
    let job: ImportJobDTO
    let percent: Int
    let refresh: Bool
}

struct ImportUpload: Content { var file: File }

struct ImportsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(ImportsPath.imports, use: page)
        r.get(ImportsPath.template, use: template)
        r.post(ImportsPath.imports, body: .collect(maxSize: "25mb"), use: upload)
        r.get(ImportsPath.job(.key), use: job)
        r.get(ImportsPath.annualRecordsTemplate, use: annualTemplate)
        r.post(ImportsPath.annualRecords, body: .collect(maxSize: "25mb"), use: annualUpload)
    }

    @Sendable func annualTemplate(req: Request) async throws -> Response { try AnnualRecordImport.template() }

    @Sendable func annualUpload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Access.check(actor, .createUnitRecords)
        var errors: [ImportErrorItem]
        if let upload = try? req.content.decode(ImportUpload.self), upload.file.data.readableBytes > 0 {
            do {
                let r = try await AnnualRecordImport.run(
                    data: Data(buffer: upload.file.data), filename: upload.file.filename, actor: actor,
                    sets: req.ruleSets, on: req.database)
                if r.errors.isEmpty {
                    return Flash.redirect(
                        req, to: ImportsPath.imports.href + "#ket-qua-hang-nam",
                        "Đã nhập kết quả hằng năm: \(r.created) dòng mới, \(r.updated) dòng cập nhật."
                            + (r.warnings.isEmpty
                                ? ""
                                : " Cần xem lại \(r.warnings.count) ô bắt đầu bằng dấu =, +, - hoặc @, ví dụ: "
                                    + r.warnings[0].message))
                }
                errors = r.errors
            } catch let e as AppError { errors = [ImportErrorItem(row: 0, column: "", message: e.message)] }
        } else {
            errors = [ImportErrorItem(row: 0, column: "", message: "Vui lòng chọn tệp Excel (.xlsx) hoặc CSV.")]
        }
        var page = try await Self.page(req: req, error: nil)
        page.annualErrors = errors
        return try await req.render("imports/imports", page, status: .unprocessableEntity)
    }

    static func page(req: Request, error: String?) async throws -> ImportsPage {
        let actor = try req.requireActor()
        var q = ImportJobModel.query(on: req.database)
        switch Policy.importJobScope(actor) {
        case .all: break
        case .own(let userID): q = q.filter(\.$userID == userID)
        case .none: q = q.filter(\.$id == -1)
        }
        let jobs = try await q.sort(\.$id, .descending).limit(20).all()
        return ImportsPage(
            layout: req.layout("Nhập đăng ký từ tệp", active: RegistrationsPath.list.href),
            jobs: jobs.map {
                .init(
                    href: ImportsPath.imports.href + "/\($0.id!)", filename: $0.filename, statusLabel: $0.status.label,
                    created: $0.createdCount, errorCount: $0.errorCount,
                    at: $0.createdAt.map(VietnameseDate.formatDateTime) ?? "")
            },
            error: error, maxRows: ImportService.maxRows)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try Access.check(req.actor, .createUnitRecords)
        return try await req.render("imports/imports", try await Self.page(req: req, error: nil))
    }

    @Sendable func template(req: Request) async throws -> Response {
        try ImportService.template(format: req.queryText("format") ?? "xlsx")
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Access.check(actor, .createUnitRecords)
        guard let upload = try? req.content.decode(ImportUpload.self), upload.file.data.readableBytes > 0 else {
            return try await req.render(
                "imports/imports", try await Self.page(req: req, error: "Vui lòng chọn tệp Excel (.xlsx) hoặc CSV."),
                status: .unprocessableEntity)
        }
        do {
            let job = try await ImportService.start(
                data: Data(buffer: upload.file.data), filename: upload.file.filename, actor: actor,
                app: req.application, on: req.database)
            return req.redirect(to: ImportsPath.imports.href + "/\(job.id!)", redirectType: .normal)
        } catch let e as AppError {
            return try await req.render(
                "imports/imports", try await Self.page(req: req, error: e.message),
                status: e.status == .badRequest ? .unprocessableEntity : e.status)
        }
    }

    @Sendable func job(req: Request) async throws -> Response {
        let job = try ImportJobDTO(
            try await ImportService.readable(
                try req.parameters.require("id", as: Int.self), actor: req.actor,
                running: req.application.runningImports.withLockedValue { $0 }, on: req.database))
        let percent = job.total == 0 ? 100 : min(100, job.processed * 100 / job.total)
        return try await req.render(
            "imports/import-job",
            ImportJobPage(
                layout: req.layout("Nhập từ tệp: \(job.filename)", active: RegistrationsPath.list.href), job: job,
                percent: percent, refresh: !job.finished))
    }
}
