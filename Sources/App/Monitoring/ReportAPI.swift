import Domain
import Fluent
import Vapor

/// The periodic reports under /api/v1: list, create, read, edit, and the DOCX.
struct ReportAPIController {
    struct SectionDTO: Content {
        let key: String
        let heading: String
        let text: String
    }
    struct ReportDTO: Content {
        let id: Int
        let authorityID: Int
        let issuer: String
        let kind: String
        let kindLabel: String
        /// yyyy-MM-dd
        let periodFrom: String
        let periodTo: String
        let summary: String
        let number: String
        let day: String?
        let place: String
        let signingMode: String
        let chiefTitle: String
        let signerTitle: String
        let signerName: String
        let recipients: [String]
        let sections: [SectionDTO]
        let docx: String
    }

    func register(_ r: any RoutesBuilder) {
        r.get("reports", use: list)
        r.post("reports", use: create)
        r.get("reports", ":id", use: read)
        r.put("reports", ":id", use: update)
        r.get("reports", ":id", "docx", use: docx)
    }

    static func dto(_ r: PeriodicReportModel) -> ReportDTO {
        let id = r.id ?? 0
        return ReportDTO(
            id: id, authorityID: r.$authority.id, issuer: r.authority.name, kind: r.kind.rawValue,
            kindLabel: r.kind.label, periodFrom: r.periodFrom, periodTo: r.periodTo, summary: r.summary,
            number: r.number, day: r.day, place: r.place, signingMode: r.signingMode.rawValue, chiefTitle: r.chiefTitle,
            signerTitle: r.signerTitle, signerName: r.signerName,
            recipients: PeriodicReportRules.recipients(r.recipients),
            sections: PeriodicReportSection.all.map {
                .init(key: $0.key, heading: $0.heading, text: r[section: $0.key])
            },
            docx: "/api/v1/reports/\(id)/docx")
    }

    @Sendable func list(req: Request) async throws -> [ReportDTO] {
        try await PeriodicReportService.list(actor: req.actor, on: req.database).map(Self.dto)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(PeriodicReportInput.self)
        let r = try await PeriodicReportService.create(input, actor: req.actor, on: req.database)
        return try await Self.dto(r).encodeResponse(status: .created, for: req)
    }

    @Sendable func read(req: Request) async throws -> ReportDTO {
        let id = try req.parameters.require("id", as: Int.self)
        return Self.dto(try await PeriodicReportService.find(id, actor: req.actor, on: req.database))
    }

    @Sendable func update(req: Request) async throws -> ReportDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.content.decode(PeriodicReportInput.self)
        return Self.dto(try await PeriodicReportService.update(id, input, actor: req.actor, on: req.database))
    }

    @Sendable func docx(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let actor = try req.requireActor()
        let r = try await PeriodicReportService.find(id, actor: actor, on: req.database)
        let data = try await PeriodicReportData.load(
            r, actor: actor, plans: req.application.quotaPlans, on: req.database)
        return FileStore.attachment(
            try PeriodicReportDocument.docx(data), name: PeriodicReportDocument.fileName(r),
            contentType: PrintFormsWebController.docxType)
    }
}
