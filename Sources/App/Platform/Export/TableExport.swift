import Domain
import Fluent
import NIOConcurrencyHelpers
import OOXML
import Vapor

/// One column of an exported list: its header, its width in Excel's character units, how it is written.
struct ExportColumn: Sendable {
    let title: String
    let width: Double
    let style: XLSXColumnStyle

    /// Free text (names, titles, summaries): inline in the XLSX.
    static func text(_ title: String, _ width: Double) -> Self { .init(title: title, width: width, style: .init()) }
    /// Text with few distinct values (unit, status, kind, field): shared strings in the XLSX.
    static func label(_ title: String, _ width: Double) -> Self {
        .init(title: title, width: width, style: .init(sharedText: true))
    }
    /// A whole number shown as it is (STT, year, a code).
    static func integer(_ title: String, _ width: Double) -> Self {
        .init(title: title, width: width, style: .init())
    }
    /// An amount with grouped thousands.
    static func amount(_ title: String, _ width: Double) -> Self {
        .init(title: title, width: width, style: .init(numberFormat: .thousands))
    }
    /// A date: a real Excel date shown dd/mm/yyyy; dd/mm/yyyy in the CSV.
    static func date(_ title: String, _ width: Double) -> Self { .init(title: title, width: width, style: .init()) }
}

/// The export formats of every list.
enum ExportFormat: String, Sendable {
    case csv, xlsx

    /// `?format=` of the request (csv when absent); anything else is a 400 in Vietnamese.
    init(req: Request) throws {
        let raw = (req.queryText("format") ?? "csv").lowercased()
        guard let f = ExportFormat(rawValue: raw) else {
            throw AppError.badRequest("Định dạng xuất chỉ nhận csv hoặc xlsx (đang là “\(raw.prefix(20))”).")
        }
        self = f
    }
}

/// Streams a list as CSV (UTF-8 with a BOM, so that Excel shows Vietnamese) or XLSX (shared strings for the
/// label columns, a bold frozen header with an autofilter, column widths, date and number formats).
///
/// `rows` reads the list a chunk at a time (keyset, see `Keyset`) and hands each chunk to `emit`, which writes it to
/// the response at once: memory stays bounded by one chunk and the writers' buffers, whatever the row count.
/// When the client goes away, writing throws and the reading stops. An audit entry is written when the stream
/// ends, with the number of rows sent and whether it stopped early.
enum TableExport {
    typealias Emit = @Sendable ([[XLSXCell]]) async throws -> Void

    /// Rows an XLSX sheet can hold below its header.
    static let xlsxDataRows = XLSXWriter.maxRows - 1

    static func response(
        req: Request, name: String, format: ExportFormat, sheet: String, columns: [ExportColumn],
        audit entity: String, label: String, count: (@Sendable () async throws -> Int)? = nil,
        rows: @escaping @Sendable (_ emit: Emit) async throws -> Void
    ) async throws -> Response {
        let actor = req.actor
        if format == .xlsx, let count, try await count() > xlsxDataRows {
            throw AppError.badRequest(
                "Kết quả lọc có hơn \(xlsxDataRows.formatted(.number.locale(Locale(identifier: "vi_VN")))) dòng, "
                    + "quá giới hạn một trang tính của Excel. Hãy xuất CSV hoặc lọc bớt (theo năm, đơn vị…).")
        }
        // One of the instance's export slots, held until the stream ends (`Admission`).
        let admission = req.application.admission
        try await admission.enter(admission.exports, for: req)
        let slot = HeldSlot(admission.exports)
        let db = req.database
        let logger = req.logger
        let filter = req.url.query ?? ""
        let header = columns.map { XLSXCell.text($0.title) }
        let sheetInfo = XLSXSheet(name: sheet, rows: [], columnWidths: columns.map(\.width), boldFirstRow: true)
        let styles = columns.map(\.style)
        let body = Response.Body(asyncStream: { writer in
            defer {
                slot.release()
                Memory.handBack()
            }
            let sent = Counter()
            var failure: (any Error)?
            do {
                switch format {
                case .xlsx:
                    let xlsx = XLSXStream(sheet: sheetInfo, columns: styles, autoFilter: true) {
                        try await writer.write(.buffer(ByteBuffer(data: $0)))
                    }
                    try await xlsx.start()
                    try await xlsx.append(header)
                    let box = UncheckedBox(xlsx)
                    try await rows { chunk in
                        try await box.value.append(rows: chunk)
                        await sent.add(chunk.count)
                    }
                    try await xlsx.finish()
                case .csv:
                    try await writer.write(.buffer(ByteBuffer(string: CSV.utf8BOM + CSV.line(columns.map(\.title)))))
                    try await rows { chunk in
                        var text = ""
                        for row in chunk { text += CSV.line(row.map(csvText)) }
                        await sent.add(chunk.count)
                        try await writer.write(.buffer(ByteBuffer(string: text)))
                    }
                }
            } catch {
                failure = error
            }
            let n = await sent.value
            do {
                try await AuditLog.record(
                    on: db, actor: actor, action: "export", entity: entity, entityID: nil, unitID: actor?.unitID,
                    summary: "Xuất \(n) \(label) (\(format.rawValue))" + (failure == nil ? "" : ", dừng giữa chừng"),
                    before: Optional<String>.none,
                    after: ["format": format.rawValue, "filter": filter, "rows": String(n)])
            } catch {
                logger.error("Không ghi được nhật ký xuất: \(error)")
            }
            if let failure {
                logger.warning("Xuất \(label) dừng sau \(n) dòng: \(failure)")
                try? await writer.write(.error(failure))
            } else {
                try await writer.write(.end)
            }
        })
        let res = Response(status: .ok, body: body)
        switch format {
        case .xlsx:
            res.headers.replaceOrAdd(
                name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        case .csv:
            res.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        }
        res.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(name).\(format.rawValue)\"")
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return res
    }

    /// A cell as CSV text: numbers as they are, dates dd/mm/yyyy, booleans Có/Không.
    static func csvText(_ cell: XLSXCell) -> String {
        switch cell {
        case .text(let s): s
        case .integer(let i): String(i)
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): b ? "Có" : "Không"
        case .date(let y, let m, let d): String(format: "%02d/%02d/%04d", d, m, y)
        case .empty: ""
        }
    }

    /// An ISO date (yyyy-mm-dd) as a date cell; anything else as text, empty as empty.
    static func dateCell(_ iso: String) -> XLSXCell {
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso.isEmpty ? .empty : .text(iso) }
        return .date(year: parts[0], month: parts[1], day: parts[2])
    }

    /// A moment as a date cell in Vietnam's time zone.
    static func dateCell(_ date: Date?) -> XLSXCell {
        guard let date else { return .empty }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return .date(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// The export links of a list page: the page's own query with `format` set.
    static func links(_ path: some SitePath, query: [(String, String)]) -> ExportLinks {
        let q = query.filter { $0.0 != "page" && $0.0 != "format" }
        return ExportLinks(csv: path.href(q + [("format", "csv")]), xlsx: path.href(q + [("format", "xlsx")]))
    }

    /// The export links for this request's own query string.
    static func links(_ path: some SitePath, req: Request) -> ExportLinks {
        let items = URLComponents(string: req.url.string)?.queryItems ?? []
        return links(path, query: items.map { ($0.name, $0.value ?? "") })
    }
}

/// The two download links shown above a list.
struct ExportLinks: Encodable, Sendable {
    let csv: String
    let xlsx: String
}

/// A slot of a `FairGate` released once: by the stream when it ends, or when the response is dropped unsent.
final class HeldSlot: Sendable {
    private let gate: FairGate
    private let held = NIOLockedValueBox(true)

    init(_ gate: FairGate) { self.gate = gate }

    func release() {
        if held.withLockedValue({ h in
            defer { h = false }
            return h
        }) {
            gate.release()
        }
    }

    deinit { release() }
}

/// Rows sent so far, shared between the reading closure and the end of the stream.
actor Counter {
    private(set) var value = 0
    func add(_ n: Int) { value += n }
}

/// The writer is used by one task at a time (the stream's); the box lets a `@Sendable` closure hold it.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
