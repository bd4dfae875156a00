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

    static func rows(_ regs: [RegistrationModel], from first: Int = 1) -> [[String]] {
        regs.enumerated().map { i, r in
            [
                String(first + i), String(r.year), r.subject.name, r.subject.subjectKind.label, r.unit.name,
                r.unit.code, r.$subjectType.value??.name ?? "", r.fieldCode,
                r.movements.map(\.name).joined(separator: "; "),
                r.title, r.status.label,
            ]
        }
    }

    static let sheet = XLSXSheet(
        name: "Đăng ký", rows: [], columnWidths: [6, 7, 28, 14, 30, 16, 36, 16, 36, 40, 18], boldFirstRow: true)

    static func cells(_ row: [String]) -> [XLSXCell] {
        row.enumerated().map { i, v in (i == 0 || i == 1) ? XLSXCell.integer(Int(v) ?? 0) : .text(v) }
    }

    /// The export is streamed: rows are read a thousand at a time (keyset) and written to the response as they
    /// come, so memory stays flat and there is no row cap. A client that goes away stops the reading. The audit
    /// entry is written when the stream ends, with the number of rows sent.
    static func response(req: Request, format: String) async throws -> Response {
        let actor = try req.requireActor()
        var f = try RegistrationFilter(query: req)
        f.page = 1
        guard format == "csv" || format == "xlsx" else {
            throw AppError.badRequest("Định dạng xuất chỉ nhận csv hoặc xlsx.")
        }
        if format == "xlsx", let q = try await RegistrationListing.query(f, actor: actor, on: req.db),
            try await q.count() >= XLSXWriter.maxRows
        {
            throw AppError.badRequest(
                "Kết quả lọc có hơn \(XLSXWriter.maxRows - 1) dòng, quá giới hạn của Excel. "
                    + "Hãy xuất CSV hoặc lọc bớt (theo năm, đơn vị…).")
        }
        let name = "dang-ky-dien-hinh" + (f.year.map { "-\($0)" } ?? "")
        let filterValues = f
        let db = req.db
        let logger = req.logger
        let filter = req.url.query ?? ""
        let body = Response.Body(asyncStream: { writer in
            var sent = 0
            var failure: (any Error)?
            do {
                if format == "xlsx" {
                    let xlsx = XLSXStream(sheet: sheet) { try await writer.write(.buffer(ByteBuffer(data: $0))) }
                    try await xlsx.start()
                    try await xlsx.append(header.map(XLSXCell.text))
                    try await RegistrationListing.forEachChunk(filterValues, actor: actor, on: db) { regs in
                        for row in rows(regs, from: sent + 1) { try await xlsx.append(cells(row)) }
                        sent += regs.count
                    }
                    try await xlsx.finish()
                } else {
                    try await writer.write(.buffer(ByteBuffer(string: CSV.utf8BOM + CSV.line(header))))
                    try await RegistrationListing.forEachChunk(filterValues, actor: actor, on: db) { regs in
                        var text = ""
                        for row in rows(regs, from: sent + 1) { text += CSV.line(row) }
                        sent += regs.count
                        try await writer.write(.buffer(ByteBuffer(string: text)))
                    }
                }
            } catch {
                failure = error
            }
            do {
                try await AuditLog.record(
                    on: db, actor: actor, action: "export", entity: "registration", entityID: nil,
                    unitID: actor.unitID,
                    summary: "Xuất \(sent) đăng ký (\(format))" + (failure == nil ? "" : ", dừng giữa chừng"),
                    before: Optional<String>.none,
                    after: ["format": format, "filter": filter, "rows": String(sent)])
            } catch {
                logger.error("Không ghi được nhật ký xuất: \(error)")
            }
            if let failure {
                logger.warning("Xuất đăng ký dừng sau \(sent) dòng: \(failure)")
                try? await writer.write(.error(failure))
            } else {
                try await writer.write(.end)
            }
        })
        let res = Response(status: .ok, body: body)
        if format == "xlsx" {
            res.headers.replaceOrAdd(
                name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        } else {
            res.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        }
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).\(format)\"")
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return res
    }
}
