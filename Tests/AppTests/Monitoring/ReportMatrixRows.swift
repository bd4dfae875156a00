import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// The periodic reports in the read and write matrices: the district council's report is written by its standing
// office (Phòng Nội vụ), read by its seats (the council member), and invisible to everyone else; the editor has no
// report list at all. Phòng GD&ĐT (giaoduc) is the standing office of its own agency's council, so it opens the
// new-report form for that council (a commune office likewise for its commune).

extension MatrixFixture {
    /// A fresh period (one report per authority, kind and period): a span ending on a day of its own.
    func reportPeriod() -> (from: String, to: String) {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? .current
        let start = c.date(from: DateComponents(year: 2020, month: 1, day: 1)) ?? Date()
        let end = c.date(byAdding: .day, value: next(), to: start) ?? start
        let d = c.dateComponents([.year, .month, .day], from: end)
        return ("2020-01-01", String(format: "%04d-%02d-%02d", d.year ?? 0, d.month ?? 0, d.day ?? 0))
    }

    /// A fresh draft of the district authority (Ủy ban nhân dân huyện Kon Rẫy).
    func districtReport() async throws -> Int {
        let p = reportPeriod()
        let r = try await PeriodicReportService.create(
            PeriodicReportInput(
                authorityID: try await authorityID(app, "KR"), kind: "interim", periodFrom: p.from, periodTo: p.to),
            actor: system, on: app.db)
        return try r.requireID()
    }

    func newReportJSON() async throws -> [String: Any] {
        let p = reportPeriod()
        return [
            "authorityID": try await authorityID(app, "KR"), "kind": "interim", "periodFrom": p.from, "periodTo": p.to,
        ]
    }

    func newReportFields() async throws -> [(String, String)] {
        let p = reportPeriod()
        return [
            ("authorityID", String(try await authorityID(app, "KR"))), ("kind", "interim"), ("periodFrom", p.from),
            ("periodTo", p.to),
        ]
    }
}

extension WriteMatrix {
    /// The district's report: its standing office writes; its council's seats may not; others do not see it.
    static let districtReport = "A A F N N N"

    static let reportWrites: [WriteRow] = [
        WriteRow(.POST, "/app/reports", any: districtReport) { fx, _ in
            .form("/app/reports", try await fx.newReportFields())
        },
        WriteRow(.POST, "/app/reports/:id", any: districtReport) { fx, _ in
            .form("/app/reports/\(try await fx.districtReport())", [("results", "Kết quả thử.")])
        },
        WriteRow(.POST, "/api/v1/reports", any: districtReport) { fx, _ in
            .json("/api/v1/reports", try await fx.newReportJSON())
        },
        WriteRow(.PUT, "/api/v1/reports/:id", any: districtReport) { fx, _ in
            .json("/api/v1/reports/\(try await fx.districtReport())", ["results": "Kết quả thử."])
        },
    ]
}

extension ReadMatrix {
    static let reportReads: [ReadRow] = [
        ReadRow("/app/reports", any: "A A A A A N") { _, _ in .page("/app/reports") },
        ReadRow("/app/reports/new", any: "A A F A A N") { _, _ in .page("/app/reports/new?kind=interim&year=2025") },
        ReadRow("/app/reports/:id", any: councilRead) { fx, _ in .page("/app/reports/\(try await fx.districtReport())")
        },
        ReadRow("/app/reports/:id/docx", any: councilRead) { fx, _ in
            .page("/app/reports/\(try await fx.districtReport())/docx")
        },
        ReadRow("/api/v1/reports", any: "A A A A A N") { _, _ in .page("/api/v1/reports") },
        ReadRow("/api/v1/reports/:id", any: councilRead) { fx, _ in
            .page("/api/v1/reports/\(try await fx.districtReport())")
        },
        ReadRow("/api/v1/reports/:id/docx", any: councilRead) { fx, _ in
            .page("/api/v1/reports/\(try await fx.districtReport())/docx")
        },
    ]
}
