import Foundation

/// How a streamed column is written: where its text goes and how its numbers are shown.
public struct XLSXColumnStyle: Sendable, Equatable {
    public enum NumberFormat: Sendable, Equatable {
        /// Excel's General: 2024, 17 (years, serial numbers, codes that are numbers).
        case general
        /// Grouped thousands: 1.500.000 in a Vietnamese Excel ("#,##0").
        case thousands
        /// Two decimals, grouped ("#,##0.00").
        case decimal
    }
    /// Text of this column goes into the shared-string table (a column with few distinct values: unit, status,
    /// year, field). Free text (names, titles) stays inline so that the table stays small.
    public var sharedText: Bool
    public var numberFormat: NumberFormat

    public init(sharedText: Bool = false, numberFormat: NumberFormat = .general) {
        self.sharedText = sharedText
        self.numberFormat = numberFormat
    }
}

/// A one-sheet workbook written row by row into a sink (see `ZipStream`): memory stays bounded by one buffer and
/// a capped shared-string table however many rows there are.
///
/// - Text of the columns marked `sharedText` goes into a real shared-string table (`xl/sharedStrings.xml`), written
///   after the sheet. The table is capped (`sharedStringLimit` distinct strings, `sharedStringByteLimit` bytes):
///   past the cap, new strings are written inline, strings already in the table keep being shared. Other text is
///   inline. Either way the same cell rules as `XLSXWriter` hold (NFC, formula guard, dates as dd/mm/yyyy).
/// - The first row is bold and frozen (`<pane ySplit="1" state="frozen"/>`), columns have their widths, and the
///   header gets an autofilter over every written row when `autoFilter` is on.
/// - Excel's limit of 1,048,576 rows holds: past it, `append` throws.
public final class XLSXStream {
    public static let sharedStringLimit = 100_000
    public static let sharedStringByteLimit = 8 * 1024 * 1024

    private let zip: ZipStream
    private let sheet: XLSXSheet
    private let columns: [XLSXColumnStyle]
    private let autoFilter: Bool
    /// The sheet XML not yet handed to the zip, as UTF-8 bytes.
    private var buffer: [UInt8] = []
    private var rowNumber = 0
    private var maxColumn = 0
    private var strings = SharedStrings()
    private var sharedBytes = 0
    /// "A", "B", … made once, not for every cell.
    private var columnNames: [[UInt8]] = []
    private let sheetName: String
    private static let flushAt = 256 * 1024

    /// `sheet.rows` is ignored: rows come through `append`. `columns` gives each column's style (missing columns
    /// are inline text, General numbers).
    public init(
        sheet: XLSXSheet, columns: [XLSXColumnStyle] = [], autoFilter: Bool = false, sink: @escaping ZipStream.Sink
    ) {
        self.sheet = sheet
        self.columns = columns
        self.autoFilter = autoFilter
        self.sheetName = sheet.name.nfc
        // The sheet of a big export is hundreds of megabytes of repetitive XML: the fastest deflate level makes it
        // a little bigger and the export several times faster than the default level.
        self.zip = ZipStream(level: ZipStream.fastest, sink: sink)
    }

    /// How many rows have been appended (the header included).
    public var rowsWritten: Int { rowNumber }

    public func start() async throws {
        _ = try XLSXWriter.validatedNames([sheet.name])
        try await zip.add("[Content_Types].xml", XLSXWriter.contentTypes(sheetCount: 1))
        try await zip.add("_rels/.rels", XLSXWriter.rootRelationships)
        try await zip.begin("xl/worksheets/sheet1.xml")
        buffer.reserveCapacity(Self.flushAt + 64 * 1024)
        buffer.append(contentsOf: (XLSXWriter.sheetHead(sheet, selected: true, dimension: nil) + "<sheetData>").utf8)
    }

    public func append(_ row: [XLSXCell]) async throws {
        try appendRow(row)
        if buffer.count >= Self.flushAt { try await flush() }
    }

    /// Several rows at once: one suspension point per chunk instead of one per row.
    public func append(rows: [[XLSXCell]]) async throws {
        for row in rows {
            try appendRow(row)
            if buffer.count >= Self.flushAt { try await flush() }
        }
    }

    /// The row's XML, written as bytes into the buffer (a fifth of an export's time went to building Strings).
    private func appendRow(_ row: [XLSXCell]) throws {
        rowNumber += 1
        guard rowNumber <= XLSXWriter.maxRows else {
            throw OOXMLError(
                "Trang tính “\(sheet.name)” có quá \(XLSXWriter.maxRows) dòng (giới hạn của Excel).")
        }
        guard row.count <= XLSXWriter.maxColumns else {
            throw OOXMLError("Trang tính “\(sheet.name)”, dòng \(rowNumber): có quá \(XLSXWriter.maxColumns) cột.")
        }
        let header = sheet.boldFirstRow && rowNumber == 1
        let r = Array(String(rowNumber).utf8)
        let rowStart = buffer.count
        buffer.append(contentsOf: #"<row r=""#.utf8)
        buffer.append(contentsOf: r)
        buffer.append(contentsOf: #"">"#.utf8)
        let cellsStart = buffer.count
        for (c, cell) in row.enumerated() {
            while columnNames.count <= c { columnNames.append(Array(XLSXWriter.columnName(columnNames.count).utf8)) }
            let style = c < columns.count ? columns[c] : XLSXColumnStyle()
            if try appendCell(cell, column: c, row: r, header: header, style: style), c + 1 > maxColumn {
                maxColumn = c + 1
            }
        }
        if buffer.count == cellsStart {
            buffer.removeSubrange(rowStart...)
        } else {
            buffer.append(contentsOf: "</row>".utf8)
        }
    }

    /// `<c r="B7" …>` up to and without the closing `>`.
    private func openCell(column: Int, row: [UInt8], style: String) {
        buffer.append(contentsOf: #"<c r=""#.utf8)
        buffer.append(contentsOf: columnNames[column])
        buffer.append(contentsOf: row)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: style.utf8)
    }

    /// Appends the cell; false when it writes nothing (an empty cell).
    private func appendCell(_ cell: XLSXCell, column: Int, row: [UInt8], header: Bool, style: XLSXColumnStyle)
        throws -> Bool
    {
        let s = header ? #" s="1""# : ""
        switch cell {
        case .text(let raw):
            let text = raw.nfc
            // UTF-16 is never longer than UTF-8: count it only when the bytes could be over the limit.
            guard text.utf8.count <= XLSXWriter.maxTextLength || text.utf16.count <= XLSXWriter.maxTextLength else {
                let ref = String(decoding: columnNames[column] + row, as: UTF8.self)
                throw OOXMLError(
                    "Ô \(ref) của trang tính “\(sheetName)”: nội dung dài quá \(XLSXWriter.maxTextLength) ký tự.")
            }
            let safe = FormulaGuard.neutralized(text)
            if header || style.sharedText, safe == text, let index = sharedIndex(text) {
                openCell(column: column, row: row, style: s)
                buffer.append(contentsOf: #" t="s"><v>"#.utf8)
                buffer.append(contentsOf: String(index).utf8)
                buffer.append(contentsOf: "</v></c>".utf8)
                return true
            }
            openCell(column: column, row: row, style: s)
            buffer.append(contentsOf: #" t="inlineStr"><is><t xml:space="preserve">"#.utf8)
            buffer.append(contentsOf: XMLText.escape(SpreadsheetEscape.encode(safe)).utf8)
            buffer.append(contentsOf: "</t></is></c>".utf8)
            return true
        case .integer(let i):
            openCell(column: column, row: row, style: header ? s : numberStyle(style))
            buffer.append(contentsOf: "><v>".utf8)
            buffer.append(contentsOf: String(i).utf8)
            buffer.append(contentsOf: "</v></c>".utf8)
            return true
        case .number(let d):
            guard d.isFinite else {
                let ref = String(decoding: columnNames[column] + row, as: UTF8.self)
                throw OOXMLError("Ô \(ref) của trang tính “\(sheetName)”: giá trị số không hợp lệ.")
            }
            openCell(column: column, row: row, style: header ? s : numberStyle(style))
            buffer.append(contentsOf: "><v>".utf8)
            buffer.append(contentsOf: XLSXWriter.numberText(d).utf8)
            buffer.append(contentsOf: "</v></c>".utf8)
            return true
        default:
            let ref = String(decoding: columnNames[column] + row, as: UTF8.self)
            guard
                let xml = try XLSXWriter.cellXML(
                    cell, ref: ref, bold: header, sheet: sheetName, inline: true, shared: { _ in 0 })
            else { return false }
            buffer.append(contentsOf: xml.utf8)
            return true
        }
    }

    private func numberStyle(_ style: XLSXColumnStyle) -> String {
        switch style.numberFormat {
        case .general: ""
        case .thousands: " s=\"4\""
        case .decimal: " s=\"5\""
        }
    }

    /// The string's index in the shared table, or nil when the table is full and the string is not in it.
    private func sharedIndex(_ text: String) -> Int? {
        if strings.existing(text) != nil { return strings.index(of: text) }
        guard strings.uniqueCount < Self.sharedStringLimit, sharedBytes + text.utf8.count <= Self.sharedStringByteLimit
        else { return nil }
        sharedBytes += text.utf8.count
        return strings.index(of: text)
    }

    public func finish() async throws {
        buffer.append(contentsOf: "</sheetData>".utf8)
        if autoFilter, maxColumn > 0 {
            buffer.append(
                contentsOf: "<autoFilter ref=\"A1:\(XLSXWriter.columnName(maxColumn - 1))\(max(rowNumber, 1))\"/>".utf8)
        }
        buffer.append(contentsOf: XLSXWriter.sheetTail.utf8)
        try await flush()
        try await zip.end()
        // The parts that depend on what was written come after the sheet: the filter's defined name, the table.
        let names = [sheetName]
        try await zip.add("docProps/app.xml", XLSXWriter.appProperties(names))
        try await zip.add("docProps/core.xml", XLSXWriter.coreProperties())
        try await zip.add("xl/workbook.xml", workbook())
        try await zip.add("xl/_rels/workbook.xml.rels", XLSXWriter.workbookRelationships(sheetCount: 1))
        try await zip.add("xl/styles.xml", Self.styles)
        try await zip.begin("xl/sharedStrings.xml")
        for piece in strings.xmlPieces(size: Self.flushAt) { try await zip.write(Data(piece.utf8)) }
        try await zip.end()
        try await zip.finish()
    }

    private func workbook() -> String {
        var xml = XMLText.declaration
        xml += "<workbook xmlns=\"\(XLSXWriter.mainNS)\" xmlns:r=\"\(XLSXWriter.relNS)\">"
        xml += "<workbookPr/>"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        xml += "<sheet name=\"\(XMLText.attribute(sheetName))\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
        if autoFilter, maxColumn > 0 {
            let quoted = "'" + sheetName.replacingOccurrences(of: "'", with: "''") + "'"
            let range = "\(quoted)!$A$1:$\(XLSXWriter.columnName(maxColumn - 1))$\(max(rowNumber, 1))"
            xml += "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">"
            xml += XMLText.escape(range) + "</definedName></definedNames>"
        }
        xml += "</workbook>"
        return xml
    }

    private func flush() async throws {
        guard !buffer.isEmpty else { return }
        let data = Data(buffer)
        buffer.removeAll(keepingCapacity: true)
        try await zip.write(data)
    }

    /// Styles 0–3 as `XLSXWriter` (normal, bold, date, bold date); the bold header also has a light fill and a
    /// bottom border; 4 = "#,##0", 5 = "#,##0.00".
    static let styles =
        XMLText.declaration
        + "<styleSheet xmlns=\"\(XLSXWriter.mainNS)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
        + "<fonts count=\"2\">"
        + "<font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>"
        + "<font><b/><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>"
        + "</fonts>"
        + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7EEF7\"/><bgColor indexed=\"64\"/></patternFill></fill>"
        + "</fills>"
        + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        + "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"6\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "<dxfs count=\"0\"/><tableStyles count=\"0\"/>"
        + "</styleSheet>"
}
