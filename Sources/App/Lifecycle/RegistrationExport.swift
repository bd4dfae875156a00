import Domain
import Fluent
import OOXML
import Vapor

/// CSV and XLSX of the filtered registration list, with the same filter and scope as the page.
enum RegistrationExport {
    static let header = [
        "STT", "Năm", "Đối tượng", "Loại đối tượng", "Đơn vị", "Mã đơn vị", "Loại mô hình / điển hình", "Lĩnh vực",
        "Phong trào", "Tên mô hình / nội dung", "Trạng thái",
    ]

    static func rows(_ regs: [RegistrationModel]) -> [[String]] {
        regs.enumerated().map { i, r in
            [
                String(i + 1), String(r.year), r.subject.name, r.subject.subjectKind.label, r.unit.name, r.unit.code,
                r.$subjectType.value??.name ?? "", r.fieldCode, r.movements.map(\.name).joined(separator: "; "),
                r.title, r.status.label,
            ]
        }
    }

    static func response(req: Request, format: String) async throws -> Response {
        let actor = try req.requireActor()
        var f = try RegistrationFilter(query: req)
        f.page = 1
        let regs = try await RegistrationListing.all(f, actor: actor, on: req.db)
        let name = "dang-ky-dien-hinh" + (f.year.map { "-\($0)" } ?? "")
        let res: Response
        switch format {
        case "xlsx":
            let cells =
                [header.map(XLSXCell.text)]
                + rows(regs).map { row in
                    row.enumerated().map { i, v in (i == 0 || i == 1) ? XLSXCell.integer(Int(v) ?? 0) : .text(v) }
                }
            let data = try XLSXWriter.data(sheets: [
                XLSXSheet(
                    name: "Đăng ký", rows: cells, columnWidths: [6, 7, 28, 14, 30, 16, 36, 16, 36, 40, 18],
                    boldFirstRow: true)
            ])
            res = Response(status: .ok, body: .init(data: data))
            res.headers.replaceOrAdd(
                name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).xlsx\"")
        case "csv":
            var text = CSV.utf8BOM + CSV.line(header)
            for row in rows(regs) { text += CSV.line(row) }
            res = Response(status: .ok, body: .init(string: text))
            res.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
            res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).csv\"")
        default:
            throw AppError.badRequest("Định dạng xuất chỉ nhận csv hoặc xlsx.")
        }
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        try await AuditLog.record(
            on: req.db, actor: actor, action: "export", entity: "registration", entityID: nil, unitID: actor.unitID,
            summary: "Xuất \(regs.count) đăng ký (\(format))", before: Optional<String>.none,
            after: ["format": format, "filter": req.url.query ?? "", "rows": String(regs.count)])
        return res
    }
}
