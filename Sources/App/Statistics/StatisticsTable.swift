import Domain
import Foundation
import OOXML

/// A filled form laid out as the official template: the header block, two rows of column heads, the key row
/// (A, B, C, 1, 2, …) and the data rows with their codes. The page, the JSON and the XLSX all read it.
struct StatisticsTable: Sendable {
    struct Head: Encodable, Sendable, Equatable {
        let label: String
        let colspan: Int
        let rowspan: Int
    }
    struct Line: Encodable, Sendable {
        let code: String
        let label: String
        let unit: String
        let heading: Bool
        let bold: Bool
        let indent: Int
        /// Shown text of each column: a number with thousands dots, or "—" where the app cannot count it.
        let cells: [String]
        let values: [Int?]
        let note: String
        let computedBy: String
    }

    let report: StatisticsReport
    let hasUnitColumn: Bool
    let top: [Head]
    let bottom: [Head]
    let keys: [String]
    let lines: [Line]

    init(_ report: StatisticsReport) {
        self.report = report
        let form = report.form
        hasUnitColumn = form.rows.contains { ($0.unit ?? "").isEmpty == false }
        var top: [Head] = [
            Head(label: "Chỉ tiêu", colspan: 1, rowspan: 2), Head(label: "Mã số", colspan: 1, rowspan: 2),
        ]
        if hasUnitColumn { top.append(Head(label: "Đơn vị tính", colspan: 1, rowspan: 2)) }
        var bottom: [Head] = []
        var i = 0
        let cols = form.columns
        while i < cols.count {
            guard let group = cols[i].group else {
                top.append(Head(label: cols[i].label, colspan: 1, rowspan: 2))
                i += 1
                continue
            }
            var j = i
            while j < cols.count && cols[j].group == group { j += 1 }
            top.append(Head(label: group, colspan: j - i, rowspan: 1))
            for c in cols[i..<j] { bottom.append(Head(label: c.label, colspan: 1, rowspan: 1)) }
            i = j
        }
        self.top = top
        self.bottom = bottom
        keys = ["A", "B"] + (hasUnitColumn ? ["C"] : []) + cols.map(\.code)
        var lines: [Line] = []
        var d = 0
        for r in form.rows {
            if r.isHeading {
                lines.append(
                    Line(
                        code: "", label: r.label, unit: "", heading: true, bold: true, indent: 0,
                        cells: cols.map { _ in "" }, values: cols.map { _ in nil }, note: "", computedBy: ""))
                continue
            }
            let values = report.filled.values[d]
            d += 1
            lines.append(
                Line(
                    code: r.code ?? "", label: r.label, unit: r.unit ?? "", heading: false, bold: r.bold ?? false,
                    indent: min(r.indent ?? 0, 3), cells: values.map { $0.map(Self.number) ?? "—" }, values: values,
                    note: r.note ?? "", computedBy: r.computedBy ?? ""))
        }
        self.lines = lines
    }

    static func number(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    // MARK: XLSX

    /// Rows of the header block before the column heads.
    static let headerBlockRows = 8

    /// The form as one sheet: the header block as on the template (form code, issuing line, reporting and
    /// receiving units, date received, title, period, unit of measure), the two rows of column heads and the key row
    /// frozen above the data, numbers as numbers and "—" where the app cannot count.
    func sheet() -> XLSXSheet {
        let r = report
        let form = r.form
        let width = keys.count
        func line(_ left: String, _ right: String = "") -> [XLSXCell] {
            var row: [XLSXCell] = [.text(left)]
            if width > 2 {
                row += Array(repeating: .empty, count: max(0, width - 2))
                row.append(right.isEmpty ? .empty : .text(right))
            } else if !right.isEmpty {
                row.append(.text(right))
            }
            return row
        }
        let verify = r.set.verified ? "" : " (cần xác minh)"
        var rows: [[XLSXCell]] = [
            line("Biểu số: \(form.symbol)\(verify)", "Đơn vị báo cáo: \(r.unit.name)"),
            line(r.set.issuedLine, "Đơn vị nhận báo cáo: \(r.receiver.isEmpty ? "cần xác minh" : r.receiver)"),
            line("Ngày nhận báo cáo: \(form.receivingDate ?? "cần xác minh")"),
            [.text(form.title)],
            [.text("Kỳ báo cáo: \(r.periodText)")],
            [.text("Đơn vị tính: \(form.unitOfMeasure ?? "ghi ở cột C")")],
            [.text(r.set.verified ? "" : "Bố cục biểu cần xác minh: \(r.set.verification)")],
            [.empty],
        ]
        // Column heads: the first row carries groups (the label over a run of columns), the second their members.
        var headTop: [XLSXCell] = []
        var headBottom: [XLSXCell] = []
        for h in top {
            headTop.append(.text(h.label))
            headTop += Array(repeating: .empty, count: h.colspan - 1)
        }
        var b = 0
        for h in top {
            if h.rowspan == 2 {
                headBottom.append(.empty)
            } else {
                for _ in 0..<h.colspan {
                    headBottom.append(.text(bottom[b].label))
                    b += 1
                }
            }
        }
        rows.append(headTop)
        rows.append(headBottom)
        rows.append(keys.map { .text($0) })
        for l in lines {
            var row: [XLSXCell] = [
                .text(String(repeating: "  ", count: l.indent) + l.label), l.code.isEmpty ? .empty : .text(l.code),
            ]
            if hasUnitColumn { row.append(l.unit.isEmpty ? .empty : .text(l.unit)) }
            if l.heading {
                row += Array(repeating: XLSXCell.empty, count: l.values.count)
            } else {
                row += l.values.map { $0.map { .integer($0) } ?? .text("—") }
            }
            rows.append(row)
        }
        rows.append([.empty])
        rows.append(line("Người lập biểu", "…, ngày … tháng … năm …"))
        rows.append(line("(Ký, họ tên)", "Thủ trưởng đơn vị (Ký, họ tên, đóng dấu)"))
        var widths: [Double] = [60, 8]
        if hasUnitColumn { widths.append(12) }
        widths += form.columns.map { _ in 14 }
        var sheet = XLSXSheet(name: "Biểu \(form.code)", rows: rows, columnWidths: widths, boldFirstRow: true)
        sheet.frozenRows = Self.headerBlockRows + 3
        return sheet
    }

    func xlsx() throws -> Data { try XLSXWriter.data(sheets: [sheet()]) }

    var fileName: String { "bieu-\(report.form.code)-\(report.unit.id ?? 0)-\(report.period.code)-\(report.year).xlsx" }
}
