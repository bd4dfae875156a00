import Foundation

/// A run of text with one formatting.
public struct DOCXRun: Sendable, Equatable {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    /// Font size in points; nil for the document's size.
    public var size: Double?
    /// Written in capitals (the text itself is upper-cased, so it reads back in capitals too).
    public var uppercase: Bool

    public init(
        _ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false,
        size: Double? = nil, uppercase: Bool = false
    ) {
        self.text = text
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.size = size
        self.uppercase = uppercase
    }
}

/// A text frame anchored to the page (`w:framePr`): its top left corner and width in millimetres from the page's
/// top left corner; the height grows with the text.
public struct DOCXFrame: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double

    public init(x: Double, y: Double, width: Double) {
        self.x = x
        self.y = y
        self.width = width
    }
}

/// A paragraph: runs of text, alignment, first-line indent and spacing.
/// A "\n" in a run's text is a line break within the paragraph, a "\t" a tab.
public struct DOCXParagraph: Sendable, Equatable {
    public enum Align: Sendable, Equatable { case left, center, right, justify }

    public var runs: [DOCXRun]
    public var alignment: Align
    /// First-line indent in centimetres.
    public var firstLineIndent: Double
    /// Space before and after the paragraph, in points.
    public var spacingBefore: Double
    public var spacingAfter: Double
    /// Line spacing as a multiple of single spacing (1, 1.15, 1.5…); nil for single.
    public var lineSpacing: Double?
    /// Keep on the same page as the next paragraph (for headings, signature blocks).
    public var keepWithNext: Bool
    public var pageBreakBefore: Bool
    /// A frame placed at a fixed spot of the page (a field printed on a pre-printed blank); nil: in the flow.
    public var frame: DOCXFrame? = nil

    public init(
        runs: [DOCXRun], alignment: Align = .left, firstLineIndent: Double = 0,
        spacingBefore: Double = 0, spacingAfter: Double = 0, lineSpacing: Double? = nil,
        keepWithNext: Bool = false, pageBreakBefore: Bool = false
    ) {
        self.runs = runs
        self.alignment = alignment
        self.firstLineIndent = firstLineIndent
        self.spacingBefore = spacingBefore
        self.spacingAfter = spacingAfter
        self.lineSpacing = lineSpacing
        self.keepWithNext = keepWithNext
        self.pageBreakBefore = pageBreakBefore
    }

    /// A paragraph of one run.
    public init(
        _ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false,
        size: Double? = nil, uppercase: Bool = false, alignment: Align = .left,
        firstLineIndent: Double = 0, spacingBefore: Double = 0, spacingAfter: Double = 0,
        lineSpacing: Double? = nil
    ) {
        self.init(
            runs: [DOCXRun(text, bold: bold, italic: italic, underline: underline, size: size, uppercase: uppercase)],
            alignment: alignment, firstLineIndent: firstLineIndent, spacingBefore: spacingBefore,
            spacingAfter: spacingAfter, lineSpacing: lineSpacing)
    }

    /// The paragraph's text as written (capitals applied).
    public var text: String {
        runs.map { $0.uppercase ? $0.text.uppercased() : $0.text }.joined()
    }
}

public struct DOCXTableCell: Sendable, Equatable {
    public enum VerticalAlign: Sendable, Equatable { case top, center, bottom }

    /// At least one paragraph is written, an empty one if this is empty.
    public var paragraphs: [DOCXParagraph]
    /// How many grid columns the cell covers.
    public var columnSpan: Int
    public var verticalAlignment: VerticalAlign

    public init(paragraphs: [DOCXParagraph], columnSpan: Int = 1, verticalAlignment: VerticalAlign = .top) {
        self.paragraphs = paragraphs
        self.columnSpan = columnSpan
        self.verticalAlignment = verticalAlignment
    }

    /// A cell of one paragraph of text.
    public init(
        _ text: String, bold: Bool = false, italic: Bool = false, size: Double? = nil,
        alignment: DOCXParagraph.Align = .left, columnSpan: Int = 1,
        verticalAlignment: VerticalAlign = .top
    ) {
        self.init(
            paragraphs: [DOCXParagraph(text, bold: bold, italic: italic, size: size, alignment: alignment)],
            columnSpan: columnSpan, verticalAlignment: verticalAlignment)
    }
}

public struct DOCXTable: Sendable, Equatable {
    public var rows: [[DOCXTableCell]]
    /// Column widths in centimetres; empty to share the text width equally.
    public var columnWidths: [Double]
    /// Single black lines around and between all cells; false for an invisible layout table.
    public var borders: Bool
    /// How many first rows are headers, repeated at the top of each page.
    public var headerRows: Int

    public init(rows: [[DOCXTableCell]], columnWidths: [Double] = [], borders: Bool = true, headerRows: Int = 0) {
        self.rows = rows
        self.columnWidths = columnWidths
        self.borders = borders
        self.headerRows = headerRows
    }

    /// A bordered list: a bold, centred header row (repeated on each page) and rows of text.
    public static func list(header: [String], rows: [[String]], columnWidths: [Double] = [], size: Double? = nil)
        -> DOCXTable
    {
        let head = header.map {
            DOCXTableCell($0, bold: true, size: size, alignment: .center, verticalAlignment: .center)
        }
        let body = rows.map { $0.map { DOCXTableCell($0, size: size) } }
        return DOCXTable(rows: [head] + body, columnWidths: columnWidths, borders: true, headerRows: 1)
    }

    /// The borderless two-column header of an administrative document (Nghị định 30/2020/NĐ-CP):
    /// the issuing agency on the left, the national motto on the right, both centred.
    /// `left` holds the agency lines, e.g. `[.init("UBND TỈNH KON TUM", size: 13),
    /// .init("SỞ NỘI VỤ", bold: true, size: 13)]`, and may go on with the document number.
    /// `right` is added under the motto (e.g. place and date, in italics).
    public static func nationalMottoHeader(
        left: [DOCXParagraph], right: [DOCXParagraph] = [],
        columnWidths: [Double] = [6.0, 10.5]
    ) -> DOCXTable {
        let motto = [
            DOCXParagraph(
                "Cộng hòa xã hội chủ nghĩa Việt Nam", bold: true, size: 13, uppercase: true,
                alignment: .center),
            DOCXParagraph("Độc lập - Tự do - Hạnh phúc", bold: true, size: 14, alignment: .center),
        ]
        func centred(_ p: DOCXParagraph) -> DOCXParagraph {
            var p = p
            p.alignment = .center
            return p
        }
        return DOCXTable(
            rows: [
                [
                    DOCXTableCell(paragraphs: left.map(centred)),
                    DOCXTableCell(paragraphs: motto + right.map(centred)),
                ]
            ],
            columnWidths: columnWidths, borders: false)
    }
}

public enum DOCXBlock: Sendable, Equatable {
    case paragraph(DOCXParagraph)
    case table(DOCXTable)
    case pageBreak
}

/// Page size and margins, in millimetres. The default is A4 portrait with the margins of
/// Nghị định 30/2020/NĐ-CP: top 20, bottom 20, left 30, right 15.
public struct DOCXPage: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var marginTop: Double
    public var marginBottom: Double
    public var marginLeft: Double
    public var marginRight: Double

    public init(
        width: Double = 210, height: Double = 297, marginTop: Double = 20, marginBottom: Double = 20,
        marginLeft: Double = 30, marginRight: Double = 15
    ) {
        self.width = width
        self.height = height
        self.marginTop = marginTop
        self.marginBottom = marginBottom
        self.marginLeft = marginLeft
        self.marginRight = marginRight
    }

    public static let a4 = DOCXPage()

    var textWidthTwips: Int { DOCXWriter.twips(mm: width - marginLeft - marginRight) }
}

public enum DOCXWriter {
    /// A .docx of the blocks, in `fontName` at `fontSize` points unless a run says otherwise.
    public static func data(
        blocks: [DOCXBlock], page: DOCXPage = .a4, fontName: String = "Times New Roman",
        fontSize: Double = 14
    ) throws -> Data {
        guard page.width > page.marginLeft + page.marginRight + 10,
            page.height > page.marginTop + page.marginBottom + 10
        else { throw OOXMLError("Khổ giấy và lề trang không hợp lệ.") }

        var body = ""
        var previousWasTable = false
        for block in blocks {
            switch block {
            case .paragraph(let p):
                body += paragraph(p)
                previousWasTable = false
            case .table(let t):
                // Two tables in a row would be merged into one by Word: keep a small paragraph between.
                if previousWasTable { body += spacerParagraph }
                body += try table(t, page: page)
                previousWasTable = true
            case .pageBreak:
                body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
                previousWasTable = false
            }
        }
        // The body must end with a paragraph for Word.
        if previousWasTable || blocks.isEmpty { body += "<w:p/>" }

        var document = XMLText.declaration
        document += "<w:document xmlns:w=\"\(wNS)\" xmlns:r=\"\(XLSXWriter.relNS)\"><w:body>"
        document += body
        document += "<w:sectPr>"
        document += "<w:pgSz w:w=\"\(twips(mm: page.width))\" w:h=\"\(twips(mm: page.height))\"/>"
        document += "<w:pgMar w:top=\"\(twips(mm: page.marginTop))\" w:right=\"\(twips(mm: page.marginRight))\" "
        document += "w:bottom=\"\(twips(mm: page.marginBottom))\" w:left=\"\(twips(mm: page.marginLeft))\" "
        document += "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
        document += "<w:cols w:space=\"720\"/>"
        document += "</w:sectPr></w:body></w:document>"

        var package = PackageWriter()
        package.add("[Content_Types].xml", contentTypes)
        package.add("_rels/.rels", rootRelationships)
        package.add("docProps/app.xml", appProperties)
        package.add("docProps/core.xml", XLSXWriter.coreProperties())
        package.add("word/document.xml", document)
        package.add("word/_rels/document.xml.rels", documentRelationships)
        package.add("word/styles.xml", styles(fontName: fontName, fontSize: fontSize))
        package.add("word/settings.xml", settings)
        return try package.data()
    }

    /// A .docx of paragraphs only.
    public static func data(
        paragraphs: [DOCXParagraph], page: DOCXPage = .a4,
        fontName: String = "Times New Roman", fontSize: Double = 14
    ) throws -> Data {
        try data(blocks: paragraphs.map { .paragraph($0) }, page: page, fontName: fontName, fontSize: fontSize)
    }

    // MARK: Units

    static func twips(mm: Double) -> Int { Int((mm * 1440 / 25.4).rounded()) }
    static func twips(cm: Double) -> Int { twips(mm: cm * 10) }
    static func twips(pt: Double) -> Int { Int((pt * 20).rounded()) }
    /// Font sizes are in half-points, from 1 to 1638 points.
    static func halfPoints(_ pt: Double) -> Int { min(3276, max(2, Int((pt * 2).rounded()))) }

    // MARK: Body

    static let wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static let spacerParagraph =
        "<w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p>"

    static func paragraph(_ p: DOCXParagraph) -> String {
        var pPr = ""
        if p.keepWithNext { pPr += "<w:keepNext/>" }
        if p.pageBreakBefore { pPr += "<w:pageBreakBefore/>" }
        if let f = p.frame {
            pPr +=
                "<w:framePr w:w=\"\(twips(mm: f.width))\" w:hSpace=\"0\" w:wrap=\"around\" w:vAnchor=\"page\" "
                + "w:hAnchor=\"page\" w:x=\"\(twips(mm: f.x))\" w:y=\"\(twips(mm: f.y))\"/>"
        }
        var spacing = ""
        if p.spacingBefore > 0 { spacing += " w:before=\"\(twips(pt: p.spacingBefore))\"" }
        if p.spacingAfter > 0 { spacing += " w:after=\"\(twips(pt: p.spacingAfter))\"" }
        if let line = p.lineSpacing, line.isFinite, line > 0 {
            spacing += " w:line=\"\(Int((line * 240).rounded()))\" w:lineRule=\"auto\""
        }
        if !spacing.isEmpty { pPr += "<w:spacing\(spacing)/>" }
        if p.firstLineIndent > 0 {
            pPr += "<w:ind w:firstLine=\"\(twips(cm: p.firstLineIndent))\"/>"
        }
        switch p.alignment {
        case .left: break
        case .center: pPr += "<w:jc w:val=\"center\"/>"
        case .right: pPr += "<w:jc w:val=\"right\"/>"
        case .justify: pPr += "<w:jc w:val=\"both\"/>"
        }
        // The paragraph mark takes the size of the first run, so that empty lines keep their height.
        if let size = p.runs.first?.size {
            pPr += "<w:rPr><w:sz w:val=\"\(halfPoints(size))\"/><w:szCs w:val=\"\(halfPoints(size))\"/></w:rPr>"
        }
        var xml = "<w:p>"
        if !pPr.isEmpty { xml += "<w:pPr>" + pPr + "</w:pPr>" }
        for r in p.runs { xml += run(r) }
        xml += "</w:p>"
        return xml
    }

    static func run(_ r: DOCXRun) -> String {
        var rPr = ""
        if r.bold { rPr += "<w:b/><w:bCs/>" }
        if r.italic { rPr += "<w:i/><w:iCs/>" }
        if let size = r.size { rPr += "<w:sz w:val=\"\(halfPoints(size))\"/><w:szCs w:val=\"\(halfPoints(size))\"/>" }
        if r.underline { rPr += "<w:u w:val=\"single\"/>" }
        let text = (r.uppercase ? r.text.uppercased() : r.text).nfc
        var content = ""
        var pending = ""
        func flush() {
            if !pending.isEmpty { content += "<w:t xml:space=\"preserve\">\(XMLText.escape(pending))</w:t>" }
            pending = ""
        }
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                if !previousWasCR {
                    flush()
                    content += "<w:br/>"
                }
            case "\r":
                flush()
                content += "<w:br/>"
            case "\t":
                flush()
                content += "<w:tab/>"
            default:
                if XMLText.isXMLChar(scalar), scalar.value >= 0x20 { pending.unicodeScalars.append(scalar) }
            }
            previousWasCR = scalar == "\r"
        }
        flush()
        return "<w:r>" + (rPr.isEmpty ? "" : "<w:rPr>" + rPr + "</w:rPr>") + content + "</w:r>"
    }

    static func table(_ t: DOCXTable, page: DOCXPage) throws -> String {
        guard !t.rows.isEmpty else { throw OOXMLError("Bảng phải có ít nhất một dòng.") }
        for row in t.rows {
            if row.contains(where: { $0.columnSpan < 1 }) {
                throw OOXMLError("Ô của bảng phải chiếm ít nhất một cột.")
            }
        }
        let columns = t.rows.map { $0.reduce(0) { $0 + $1.columnSpan } }.max() ?? 0
        guard columns > 0 else { throw OOXMLError("Bảng phải có ít nhất một cột.") }
        let widths: [Int]
        if t.columnWidths.isEmpty {
            let each = page.textWidthTwips / columns
            widths = Array(repeating: each, count: columns)
        } else {
            guard t.columnWidths.count == columns else {
                throw OOXMLError("Bảng có \(columns) cột nhưng \(t.columnWidths.count) độ rộng cột.")
            }
            guard t.columnWidths.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw OOXMLError("Độ rộng cột của bảng phải lớn hơn 0.")
            }
            widths = t.columnWidths.map { twips(cm: $0) }
        }
        let total = widths.reduce(0, +)
        let line = t.borders ? "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"" : "w:val=\"nil\""

        var xml = "<w:tbl><w:tblPr>"
        xml += "<w:tblW w:w=\"\(total)\" w:type=\"dxa\"/>"
        xml += "<w:jc w:val=\"center\"/>"
        xml += "<w:tblBorders>"
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] { xml += "<w:\(side) \(line)/>" }
        xml += "</w:tblBorders>"
        xml += "<w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>"
        xml +=
            "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
        xml += "</w:tblPr><w:tblGrid>"
        for w in widths { xml += "<w:gridCol w:w=\"\(w)\"/>" }
        xml += "</w:tblGrid>"

        for (r, row) in t.rows.enumerated() {
            xml += "<w:tr>"
            if r < t.headerRows { xml += "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" }
            var column = 0
            var cells = row
            let used = row.reduce(0) { $0 + $1.columnSpan }
            if used < columns { // fill short rows so that every row covers the grid
                cells += Array(repeating: DOCXTableCell(paragraphs: []), count: columns - used)
            }
            for cell in cells {
                let width = widths[column..<(column + cell.columnSpan)].reduce(0, +)
                column += cell.columnSpan
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                if cell.columnSpan > 1 { xml += "<w:gridSpan w:val=\"\(cell.columnSpan)\"/>" }
                switch cell.verticalAlignment {
                case .top: break
                case .center: xml += "<w:vAlign w:val=\"center\"/>"
                case .bottom: xml += "<w:vAlign w:val=\"bottom\"/>"
                }
                xml += "</w:tcPr>"
                if cell.paragraphs.isEmpty {
                    xml += "<w:p/>"
                } else {
                    for p in cell.paragraphs { xml += paragraph(p) }
                }
                xml += "</w:tc>"
            }
            xml += "</w:tr>"
        }
        xml += "</w:tbl>"
        return xml
    }

    // MARK: Parts

    static let contentTypes =
        XMLText.declaration
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
        + "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
        + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        + "</Types>"

    static let rootRelationships =
        XMLText.declaration
        + "<Relationships xmlns=\"\(XLSXWriter.pkgRelNS)\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static let documentRelationships =
        XMLText.declaration
        + "<Relationships xmlns=\"\(XLSXWriter.pkgRelNS)\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
        + "</Relationships>"

    static let appProperties =
        XMLText.declaration
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        + "<Application>Điển Hình</Application></Properties>"

    static let settings =
        XMLText.declaration
        + "<w:settings xmlns:w=\"\(wNS)\">"
        + "<w:zoom w:percent=\"100\"/>"
        + "<w:defaultTabStop w:val=\"720\"/>"
        + "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
        + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
        + "</w:settings>"

    static func styles(fontName: String, fontSize: Double) -> String {
        let font = XMLText.attribute(fontName)
        let size = halfPoints(fontSize)
        return XMLText.declaration
            + "<w:styles xmlns:w=\"\(wNS)\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr>"
            + "<w:rFonts w:ascii=\"\(font)\" w:eastAsia=\"\(font)\" w:hAnsi=\"\(font)\" w:cs=\"\(font)\"/>"
            + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>"
            + "<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/>"
            + "</w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
            + "</w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
            + "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
            + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>"
            + "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
            + "</w:styles>"
    }
}

/// Reads back the text of a .docx: paragraphs as lines, table cells as paragraphs. For checks and previews.
public enum DOCXReader {
    public static func text(data: Data) throws -> String {
        let reader = try PackageReader(data: data, notAPackage: OOXMLError("Tệp không phải tài liệu Word (.docx)."))
        guard let xml = try reader.read("word/document.xml") else {
            throw OOXMLError("Tệp Word thiếu phần nội dung (word/document.xml).")
        }
        var out = ""
        var tag = ""
        var inTag = false
        for ch in String(decoding: xml, as: UTF8.self) {
            if ch == "<" {
                inTag = true
                tag = ""
                continue
            }
            if ch == ">" {
                inTag = false
                if tag == "/w:p" {
                    out += "\n"
                } else if tag.hasPrefix("w:tab") || tag.hasPrefix("w:br") {
                    out += tag.hasPrefix("w:tab") ? "\t" : "\n"
                }
                continue
            }
            if inTag { tag.append(ch) } else { out.append(ch) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
