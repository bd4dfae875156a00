import Domain
import Fluent
import OOXML
import Vapor

/// CSV and XLSX of the filtered registration list, with the same filter and scope as the page, streamed through
/// `TableExport` (keyset chunks of a thousand, no row cap for CSV, Excel's limit for XLSX).
enum RegistrationExport {
    static let columns: [ExportColumn] = [
        .integer("STT", 6), .integer("Năm", 7), .text("Đối tượng", 28), .label("Loại đối tượng", 14),
        .label("Đơn vị", 30), .label("Mã đơn vị", 16), .label("Loại mô hình / điển hình", 36), .label("Lĩnh vực", 16),
        .label("Phong trào", 36), .text("Tên mô hình / nội dung", 40), .label("Trạng thái", 18),
    ]

    static var header: [String] { columns.map(\.title) }

    static func cells(_ regs: [RegistrationExportRow], from first: Int = 1) -> [[XLSXCell]] {
        regs.enumerated().map { i, r in
            [
                .integer(first + i), .integer(r.year), .text(r.subjectName),
                .text((SubjectKind(rawValue: r.subjectKind) ?? .individual).label), .text(r.unitName),
                .text(r.unitCode),
                .text(r.typeName), .text(r.fieldCode), .text(r.movements), .text(r.title),
                .text(RegistrationStatus(rawValue: r.status)?.label ?? r.status),
            ]
        }
    }

    static func response(req: Request, format raw: String) async throws -> Response {
        let actor = try req.requireActor()
        var f = try RegistrationFilter(query: req)
        f.page = 1
        guard let format = ExportFormat(rawValue: raw.lowercased()) else {
            throw AppError.badRequest("Định dạng xuất chỉ nhận csv hoặc xlsx.")
        }
        let filter = f
        let db = req.database
        return try await TableExport.response(
            req: req, name: "dang-ky-dien-hinh" + (f.year.map { "-\($0)" } ?? ""), format: format, sheet: "Đăng ký",
            columns: columns, audit: "registration", label: "đăng ký",
            count: {
                guard let conds = try await RegistrationListing.conditions(filter, actor: actor, on: db) else {
                    return 0
                }
                return try await RegistrationListing.boundedCount(try db.sql(), conds, bound: TableExport.xlsxDataRows)
            },
            rows: { emit in
                var sent = 0
                try await RegistrationListing.forEachChunk(filter, actor: actor, on: db) { regs in
                    try await emit(cells(regs, from: sent + 1))
                    sent += regs.count
                }
            })
    }
}
