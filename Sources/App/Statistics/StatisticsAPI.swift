import Domain
import Vapor

struct StatisticsAPIController {
    struct FormSummaryDTO: Content {
        let code: String
        let symbol: String
        let title: String
        let source: String
        let verified: Bool
        let note: String
    }
    struct FormListDTO: Content {
        let legalBasis: String
        let verified: Bool
        let verification: String
        let periods: [PeriodDTO]
        let forms: [FormSummaryDTO]
    }
    struct PeriodDTO: Content {
        let code: String
        let label: String
        let verified: Bool
        let note: String
    }
    struct ColumnDTO: Content {
        let code: String
        let label: String
        let group: String?
    }
    struct RowDTO: Content {
        let code: String
        let label: String
        let unit: String
        /// One value a column, in column order; null where the app cannot count it ("—" on screen).
        let values: [Int?]
        let computedBy: String
        let note: String
    }
    struct FormDTO: Content {
        let code: String
        let symbol: String
        let title: String
        let issuedLine: String
        let legalBasis: String
        let verified: Bool
        let verification: String
        let unitID: Int
        let unitName: String
        let receiver: String
        let receivingDate: String?
        let unitOfMeasure: String?
        let year: Int
        let period: String
        let from: String
        let to: String
        let scope: String
        let columns: [ColumnDTO]
        let rows: [RowDTO]
    }

    func register(_ r: any RoutesBuilder) {
        r.get("statistics", "forms", use: list)
        r.heavy.get("statistics", "forms", ":code", use: form)
        r.heavy.get("statistics", "forms", ":code", "xlsx", use: xlsx)
    }

    @Sendable func list(req: Request) async throws -> FormListDTO {
        _ = try req.requireActor()
        let set = try StatisticsService.forms(req.application)
        return FormListDTO(
            legalBasis: set.legalBasis, verified: set.verified, verification: set.verification,
            periods: set.periods.map { .init(code: $0.code, label: $0.label, verified: $0.verified, note: $0.note) },
            forms: set.forms.map {
                .init(
                    code: $0.code, symbol: $0.symbol, title: $0.title, source: $0.source.rawValue,
                    verified: set.verified, note: $0.note)
            })
    }

    @Sendable func form(req: Request) async throws -> FormDTO {
        let code = req.parameters.get("code") ?? ""
        let r = try await StatisticsQuery(req).report(req, code: code)
        let f = r.form
        let rows = zip(f.dataRows, r.filled.values).map { row, values in
            RowDTO(
                code: row.code ?? "", label: row.label, unit: row.unit ?? "", values: values,
                computedBy: row.computedBy ?? "", note: row.note ?? "")
        }
        let scope: String
        switch f.source {
        case .movements: scope = r.set.movementScope
        case .awards: scope = r.set.awardScope
        case .none: scope = ""
        }
        return FormDTO(
            code: f.code, symbol: f.symbol, title: f.title, issuedLine: r.set.issuedLine, legalBasis: r.set.legalBasis,
            verified: r.set.verified, verification: r.set.verification, unitID: r.unit.id ?? 0, unitName: r.unit.name,
            receiver: r.receiver, receivingDate: f.receivingDate, unitOfMeasure: f.unitOfMeasure, year: r.year,
            period: r.period.code, from: r.from, to: r.to, scope: scope,
            columns: f.columns.map { .init(code: $0.code, label: $0.label, group: $0.group) }, rows: rows)
    }

    @Sendable func xlsx(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let report = try await StatisticsQuery(req).report(req, code: code)
        return try StatisticsWebController.download(StatisticsTable(report))
    }
}
