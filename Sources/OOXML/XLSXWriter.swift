import Foundation

/// One cell of a sheet to write.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    /// A calendar date, written as a real Excel date shown as dd/mm/yyyy.
    case date(year: Int, month: Int, day: Int)
    case empty
}

/// A sheet to write: rows of cells, optional column widths (in Excel's character units),
/// and whether the first (header) row is bold.
public struct XLSXSheet: Sendable {
    public var name: String
    public var rows: [[XLSXCell]]
    /// Widths of the first columns, in characters of the default font (Excel's unit); nil for Excel's default.
    /// A non-positive or non-finite width leaves that column at the default.
    public var columnWidths: [Double]?
    public var boldFirstRow: Bool
    /// Freeze the first row so that it stays visible while scrolling. On by default.
    public var freezeFirstRow: Bool = true
    /// How many top rows stay frozen when `freezeFirstRow` is on (a form's header block and column heads).
    public var frozenRows: Int = 1

    public init(name: String, rows: [[XLSXCell]], columnWidths: [Double]? = nil, boldFirstRow: Bool = true) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.boldFirstRow = boldFirstRow
    }
}

public enum XLSXWriter {
    /// A valid .xlsx (opens in Excel, LibreOffice; readable by openpyxl) with one or more sheets.
    /// Text goes into the shared-string table (normalised to NFC); dates are real dates with the
    /// dd/mm/yyyy number format; the first row is bold when asked and frozen unless turned off.
    ///
    /// Throws `OOXMLError` for no sheets, a sheet name Excel refuses (empty, longer than 31 characters,
    /// one of `: \ / ? * [ ]`, a duplicate), an impossible date, a NaN or infinite number,
    /// text longer than Excel's 32,767 characters, or more rows or columns than Excel has.
    public static func data(sheets: [XLSXSheet]) throws -> Data {
        guard !sheets.isEmpty else { throw OOXMLError("Tệp Excel phải có ít nhất một trang tính.") }
        let names = try validatedNames(sheets.map(\.name))

        var strings = SharedStrings()
        var sheetXML: [String] = []
        for (index, sheet) in sheets.enumerated() {
            sheetXML.append(try worksheet(sheet, name: names[index], selected: index == 0, strings: &strings))
        }

        var package = PackageWriter()
        package.add("[Content_Types].xml", contentTypes(sheetCount: sheets.count))
        package.add("_rels/.rels", rootRelationships)
        package.add("docProps/app.xml", appProperties(names))
        package.add("docProps/core.xml", coreProperties())
        package.add("xl/workbook.xml", workbook(names))
        package.add("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count))
        package.add("xl/styles.xml", styles)
        package.add("xl/sharedStrings.xml", strings.xml)
        for (index, xml) in sheetXML.enumerated() {
            package.add("xl/worksheets/sheet\(index + 1).xml", xml)
        }
        return try package.data()
    }

    // MARK: Names

    static func validatedNames(_ raw: [String]) throws -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for name in raw.map(\.nfc) {
            let shown = "“\(name)”"
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw OOXMLError("Tên trang tính không được để trống.")
            }
            if name.utf16.count > 31 {
                throw OOXMLError("Tên trang tính \(shown) dài quá 31 ký tự.")
            }
            if let bad = name.first(where: { ":\\/?*[]".contains($0) }) {
                throw OOXMLError("Tên trang tính \(shown) chứa ký tự không được phép “\(bad)”.")
            }
            if name.hasPrefix("'") || name.hasSuffix("'") {
                throw OOXMLError("Tên trang tính \(shown) không được bắt đầu hoặc kết thúc bằng dấu nháy đơn.")
            }
            if name.unicodeScalars.contains(where: { !XMLText.isXMLChar($0) || $0.value < 0x20 }) {
                throw OOXMLError("Tên trang tính \(shown) chứa ký tự điều khiển.")
            }
            let key = name.lowercased()
            if !seen.insert(key).inserted {
                throw OOXMLError("Tên trang tính \(shown) bị trùng.")
            }
            result.append(name)
        }
        return result
    }

    // MARK: Cells

    /// Style indexes in styles.xml's cellXfs.
    enum Style: Int {
        case normal = 0, bold = 1, date = 2, boldDate = 3
    }

    public static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxTextLength = 32_767

    static func worksheet(_ sheet: XLSXSheet, name: String, selected: Bool, strings: inout SharedStrings) throws
        -> String
    {
        guard sheet.rows.count <= maxRows else {
            throw OOXMLError("Trang tính “\(name)” có quá \(maxRows) dòng.")
        }
        var maxColumn = 0
        var body = ""
        body.reserveCapacity(sheet.rows.count * 64)
        for (r, row) in sheet.rows.enumerated() {
            guard row.count <= maxColumns else {
                throw OOXMLError("Trang tính “\(name)”, dòng \(r + 1): có quá \(maxColumns) cột.")
            }
            let rowNumber = r + 1
            let bold = sheet.boldFirstRow && r == 0
            var cells = ""
            for (c, cell) in row.enumerated() {
                let ref = columnName(c) + String(rowNumber)
                guard
                    let xml = try cellXML(cell, ref: ref, bold: bold, sheet: name, shared: { strings.index(of: $0) })
                else { continue }
                cells += xml
                maxColumn = max(maxColumn, c + 1)
            }
            if cells.isEmpty { continue }
            body += "<row r=\"\(rowNumber)\">" + cells + "</row>"
        }

        let lastRow = max(1, sheet.rows.count)
        var xml = sheetHead(
            sheet, selected: selected,
            dimension: maxColumn == 0 ? "A1" : "A1:\(columnName(maxColumn - 1))\(lastRow)")
        xml += body.isEmpty ? "<sheetData/>" : "<sheetData>" + body + "</sheetData>"
        xml += sheetTail
        return xml
    }

    static let sheetTail =
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        + "</worksheet>"

    /// The worksheet up to `<sheetData>`: views (first row frozen), column widths, the dimension when known.
    static func sheetHead(_ sheet: XLSXSheet, selected: Bool, dimension: String?) -> String {
        var xml = XMLText.declaration
        xml += "<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
        if let dimension { xml += "<dimension ref=\"\(dimension)\"/>" }
        xml += "<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>"
        if sheet.freezeFirstRow && (dimension == nil || !sheet.rows.isEmpty) {
            let split = max(1, sheet.frozenRows)
            xml += "<pane ySplit=\"\(split)\" topLeftCell=\"A\(split + 1)\""
            xml += " activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A\(split + 1)\" sqref=\"A\(split + 1)\"/>"
        }
        xml += "</sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if let widths = sheet.columnWidths {
            var cols = ""
            for (i, w) in widths.prefix(maxColumns).enumerated() where w.isFinite && w > 0 {
                let width = min(w, 255)
                cols += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(numberText(width))\" customWidth=\"1\"/>"
            }
            if !cols.isEmpty { xml += "<cols>" + cols + "</cols>" }
        }
        return xml
    }

    /// One cell's XML; nil for an empty cell. Text goes to the shared-string table through `shared`, or inline
    /// when `inline` (a streamed sheet has no table).
    static func cellXML(
        _ cell: XLSXCell, ref: String, bold: Bool, sheet name: String, inline: Bool = false,
        shared: (String) -> Int
    ) throws -> String? {
        let xml: String
        switch cell {
        case .empty:
            return nil
        case .text(let s):
            let text = s.nfc
            guard text.utf16.count <= maxTextLength else {
                throw OOXMLError("Ô \(ref) của trang tính “\(name)”: nội dung dài quá \(maxTextLength) ký tự.")
            }
            let safe = FormulaGuard.neutralized(text)
            if !inline, safe == text {
                xml = "<c r=\"\(ref)\"\(styleAttribute(bold ? .bold : .normal)) t=\"s\"><v>\(shared(text))</v></c>"
            } else {
                // Inline: a streamed sheet has no table, and text that reads as a formula keeps its `'`.
                xml =
                    "<c r=\"\(ref)\"\(styleAttribute(bold ? .bold : .normal)) t=\"inlineStr\">"
                    + "<is><t xml:space=\"preserve\">\(XMLText.escape(SpreadsheetEscape.encode(safe)))</t></is></c>"
            }
        case .number(let d):
            guard d.isFinite else {
                throw OOXMLError("Ô \(ref) của trang tính “\(name)”: giá trị số không hợp lệ.")
            }
            xml = "<c r=\"\(ref)\"\(styleAttribute(bold ? .bold : .normal))><v>\(numberText(d))</v></c>"
        case .integer(let i):
            xml = "<c r=\"\(ref)\"\(styleAttribute(bold ? .bold : .normal))><v>\(i)</v></c>"
        case .bool(let b):
            xml = "<c r=\"\(ref)\"\(styleAttribute(bold ? .bold : .normal)) t=\"b\"><v>\(b ? 1 : 0)</v></c>"
        case .date(let year, let month, let day):
            guard SpreadsheetDate.isValid(year: year, month: month, day: day), year <= 9999 else {
                throw OOXMLError(
                    "Ô \(ref) của trang tính “\(name)”: ngày \(day)/\(month)/\(year) không hợp lệ.")
            }
            if let serial = SpreadsheetDate.serial(year: year, month: month, day: day) {
                xml = "<c r=\"\(ref)\"\(styleAttribute(bold ? .boldDate : .date))><v>\(serial)</v></c>"
            } else {
                // Excel has no dates before 1900: keep the date as text, shown the same way.
                return try cellXML(
                    .text(SpreadsheetDate.text(day: day, month: month, year: year)), ref: ref, bold: bold,
                    sheet: name, inline: inline, shared: shared)
            }
        }
        return xml
    }

    static func styleAttribute(_ style: Style) -> String {
        style == .normal ? "" : " s=\"\(style.rawValue)\""
    }

    /// The shortest text that reads back as the same Double ("1.5", "0.1", "1e-07").
    static func numberText(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// 0 → "A", 25 → "Z", 26 → "AA".
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            let rem = (n - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + rem)))
            n = (n - 1) / 26
        }
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars.reversed())
        return s
    }

    // MARK: Parts

    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkgRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func contentTypes(sheetCount: Int) -> String {
        var xml = XMLText.declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml +=
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for i in 1...sheetCount {
            xml +=
                "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml +=
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml +=
            "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        xml +=
            "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        xml +=
            "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        xml += "</Types>"
        return xml
    }

    static let rootRelationships =
        XMLText.declaration
        + "<Relationships xmlns=\"\(pkgRelNS)\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static func appProperties(_ names: [String]) -> String {
        XMLText.declaration
            + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
            + "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
            + "<Application>Điển Hình</Application>"
            + "</Properties>"
    }

    static func coreProperties() -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        return XMLText.declaration
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(now)</dcterms:created>"
            + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(now)</dcterms:modified>"
            + "</cp:coreProperties>"
    }

    static func workbook(_ names: [String]) -> String {
        var xml = XMLText.declaration
        xml += "<workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
        xml += "<workbookPr/>"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (i, name) in names.enumerated() {
            xml += "<sheet name=\"\(XMLText.attribute(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        xml += "</sheets></workbook>"
        return xml
    }

    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = XMLText.declaration
        xml += "<Relationships xmlns=\"\(pkgRelNS)\">"
        for i in 1...sheetCount {
            xml +=
                "<Relationship Id=\"rId\(i)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        xml +=
            "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        xml +=
            "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        xml += "</Relationships>"
        return xml
    }

    static let styles =
        XMLText.declaration
        + "<styleSheet xmlns=\"\(mainNS)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
        + "<fonts count=\"2\">"
        + "<font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>"
        + "<font><b/><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>"
        + "</fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"4\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "<dxfs count=\"0\"/><tableStyles count=\"0\"/>"
        + "</styleSheet>"
}

/// The shared-string table being built.
struct SharedStrings {
    private var indexes: [String: Int] = [:]
    private var ordered: [String] = []
    private(set) var references = 0

    var uniqueCount: Int { ordered.count }

    func existing(_ s: String) -> Int? { indexes[s] }

    /// The table's XML in pieces of about `size` bytes (a streamed workbook writes it without one big string).
    func xmlPieces(size: Int) -> [String] {
        var pieces: [String] = []
        var xml = XMLText.declaration
        xml += "<sst xmlns=\"\(XLSXWriter.mainNS)\" count=\"\(references)\" uniqueCount=\"\(ordered.count)\">"
        for s in ordered {
            xml += Self.item(s)
            if xml.utf8.count >= size {
                pieces.append(xml)
                xml = ""
            }
        }
        xml += "</sst>"
        pieces.append(xml)
        return pieces
    }

    static func item(_ s: String) -> String {
        let escaped = XMLText.escape(SpreadsheetEscape.encode(s))
        let preserve =
            s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true
            || s.contains("\n") || s.contains("\t")
        return preserve ? "<si><t xml:space=\"preserve\">\(escaped)</t></si>" : "<si><t>\(escaped)</t></si>"
    }

    mutating func index(of s: String) -> Int {
        references += 1
        // Callers pass NFC text, so canonical equivalence (how Swift compares strings) loses nothing.
        if let i = indexes[s] { return i }
        let i = ordered.count
        indexes[s] = i
        ordered.append(s)
        return i
    }

    var xml: String {
        var xml = XMLText.declaration
        xml += "<sst xmlns=\"\(XLSXWriter.mainNS)\" count=\"\(references)\" uniqueCount=\"\(ordered.count)\">"
        for s in ordered {
            let escaped = XMLText.escape(SpreadsheetEscape.encode(s))
            let preserve =
                s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true
                || s.contains("\n") || s.contains("\t")
            xml += preserve ? "<si><t xml:space=\"preserve\">\(escaped)</t></si>" : "<si><t>\(escaped)</t></si>"
        }
        xml += "</sst>"
        return xml
    }
}

/// SpreadsheetML's `_xHHHH_` escaping (ST_Xstring): characters XML cannot hold are written as `_xHHHH_`,
/// and text that would be mistaken for such an escape has its underscore written as `_x005F_`.
enum SpreadsheetEscape {
    static func encode(_ s: String) -> String {
        // Nothing to escape without an underscore, a control character or a 0xEF lead byte (U+FFFE, U+FFFF).
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "_") || $0 < 0x20 || $0 == 0xEF }) else { return s }
        let scalars = Array(s.unicodeScalars)
        guard scalars.contains(where: { $0 == "_" || needsEscape($0) }) else { return s }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "_", isEscapeAt(scalars, i) {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else if needsEscape(c) {
                let hex = String(c.value, radix: 16, uppercase: true)
                out.append(
                    contentsOf: ("_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_").unicodeScalars
                )
            } else {
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }

    static func decode(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", isEscapeAt(scalars, i) {
                let hex = String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)]))
                if let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) {
                    out.append(scalar)
                    i += 7
                    continue
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    private static func needsEscape(_ c: Unicode.Scalar) -> Bool {
        !XMLText.isXMLChar(c) || (c.value < 0x20 && c != "\t" && c != "\n" && c != "\r")
    }

    /// `_xHHHH_` starts at `i`.
    private static func isEscapeAt(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i + 6 < s.count, s[i] == "_", s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)..<(i + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
