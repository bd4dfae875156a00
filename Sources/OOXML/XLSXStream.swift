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
    private var buffer = ""
    private var rowNumber = 0
    private var maxColumn = 0
    private var strings = SharedStrings()
    private var sharedBytes = 0
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
        self.zip = ZipStream(sink: sink)
    }

    /// How many rows have been appended (the header included).
    public var rowsWritten: Int { rowNumber }

    public func start() async throws {
        _ = try XLSXWriter.validatedNames([sheet.name])
        try await zip.add("[Content_Types].xml", XLSXWriter.contentTypes(sheetCount: 1))
        try await zip.add("_rels/.rels", XLSXWriter.rootRelationships)
        try await zip.begin("xl/worksheets/sheet1.xml")
        buffer = XLSXWriter.sheetHead(sheet, selected: true, dimension: nil) + "<sheetData>"
    }

    public func append(_ row: [XLSXCell]) async throws {
        rowNumber += 1
        guard rowNumber <= XLSXWriter.maxRows else {
            throw OOXMLError(
                "Trang tính “\(sheet.name)” có quá \(XLSXWriter.maxRows) dòng (giới hạn của Excel).")
        }
        guard row.count <= XLSXWriter.maxColumns else {
            throw OOXMLError("Trang tính “\(sheet.name)”, dòng \(rowNumber): có quá \(XLSXWriter.maxColumns) cột.")
        }
        let header = sheet.boldFirstRow && rowNumber == 1
        let r = String(rowNumber)
        var cells = ""
        for (c, cell) in row.enumerated() {
            let ref = XLSXWriter.columnName(c) + r
            let style = c < columns.count ? columns[c] : XLSXColumnStyle()
            if let xml = try cellXML(cell, ref: ref, header: header, style: style) {
                cells += xml
                if c + 1 > maxColumn { maxColumn = c + 1 }
            }
        }
        if !cells.isEmpty { buffer += "<row r=\"" + r + "\">" + cells + "</row>" }
        if buffer.utf8.count >= Self.flushAt { try await flush() }
    }

    private func cellXML(_ cell: XLSXCell, ref: String, header: Bool, style: XLSXColumnStyle) throws -> String? {
        let s = header ? " s=\"1\"" : ""
        switch cell {
        case .text(let raw):
            let text = raw.nfc
            guard text.utf16.count <= XLSXWriter.maxTextLength else {
                throw OOXMLError(
                    "Ô \(ref) của trang tính “\(sheetName)”: nội dung dài quá \(XLSXWriter.maxTextLength) ký tự.")
            }
            let safe = FormulaGuard.neutralized(text)
            if header || style.sharedText, safe == text, let index = sharedIndex(text) {
                return "<c r=\"\(ref)\"\(s) t=\"s\"><v>\(index)</v></c>"
            }
            return "<c r=\"\(ref)\"\(s) t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                + XMLText.escape(SpreadsheetEscape.encode(safe)) + "</t></is></c>"
        case .integer(let i):
            return "<c r=\"\(ref)\"\(header ? s : numberStyle(style))><v>\(i)</v></c>"
        case .number(let d):
            guard d.isFinite else {
                throw OOXMLError("Ô \(ref) của trang tính “\(sheetName)”: giá trị số không hợp lệ.")
            }
            return "<c r=\"\(ref)\"\(header ? s : numberStyle(style))><v>\(XLSXWriter.numberText(d))</v></c>"
        default:
            return try XLSXWriter.cellXML(
                cell, ref: ref, bold: header, sheet: sheetName, inline: true, shared: { _ in 0 })
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
        buffer += "</sheetData>"
        if autoFilter, maxColumn > 0 {
            buffer += "<autoFilter ref=\"A1:\(XLSXWriter.columnName(maxColumn - 1))\(max(rowNumber, 1))\"/>"
        }
        buffer += XLSXWriter.sheetTail
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
        let data = Data(buffer.utf8)
        buffer = ""
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
