import Domain
import Fluent
import Vapor

struct ImportsAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("imports", "template", use: template)
        r.on(.POST, "imports", body: .collect(maxSize: "25mb"), use: upload)
        r.get("imports", ":id", use: job)
        r.get("imports", "annual-records", "template", use: annualTemplate)
        r.on(.POST, "imports", "annual-records", body: .collect(maxSize: "25mb"), use: annual)
    }
    @Sendable func annualTemplate(req: Request) async throws -> Response { try AnnualRecordImport.template() }
    @Sendable func template(req: Request) async throws -> Response {
        try ImportService.template(format: req.queryText("format") ?? "xlsx")
    }
    @Sendable func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Access.check(actor, .createUnitRecords)
        guard let upload = try? req.content.decode(ImportUpload.self) else {
            throw AppError.invalid(
                {
                    var e = FieldErrors()
                    e.add("file", "Vui lòng gửi tệp trong trường “file” (multipart/form-data).")
                    return e
                }())
        }
        let job = try await ImportService.start(
            data: Data(buffer: upload.file.data), filename: upload.file.filename, actor: actor, app: req.application,
            on: req.database)
        return try await ImportJobDTO(job).encodeResponse(status: .accepted, for: req)
    }
    @Sendable func job(req: Request) async throws -> ImportJobDTO {
        try ImportJobDTO(
            try await ImportService.readable(
                try req.parameters.require("id", as: Int.self), actor: req.actor,
                running: req.application.runningImports.withLockedValue { $0 }, on: req.database))
    }
    /// Year-end results: synchronous, all or nothing; 422 with every bad row and column.
    @Sendable func annual(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Access.check(actor, .createUnitRecords)
        guard let upload = try? req.content.decode(ImportUpload.self) else {
            throw AppError.invalid(
                {
                    var e = FieldErrors()
                    e.add("file", "Vui lòng gửi tệp trong trường “file” (multipart/form-data).")
                    return e
                }())
        }
        let r = try await AnnualRecordImport.run(
            data: Data(buffer: upload.file.data), filename: upload.file.filename, actor: actor, sets: req.ruleSets,
            on: req.database)
        return try await r.encodeResponse(status: r.errors.isEmpty ? .ok : .unprocessableEntity, for: req)
    }
}
