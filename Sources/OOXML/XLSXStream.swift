import Foundation

/// A one-sheet workbook written row by row into a sink (see `ZipStream`): memory stays bounded by one buffer
/// however many rows there are. Text is written inline (no shared-string table to hold), with the same cell rules
/// as `XLSXWriter` (NFC, formula guard, dates as dd/mm/yyyy). Excel's limit of 1,048,576 rows holds: past it,
/// `append` throws.
public final class XLSXStream {
    private let zip: ZipStream
    private let sheet: XLSXSheet
    private var buffer = ""
    private var rowNumber = 0
    private static let flushAt = 256 * 1024

    /// `sheet.rows` is ignored: rows come through `append`.
    public init(sheet: XLSXSheet, sink: @escaping ZipStream.Sink) {
        self.sheet = sheet
        self.zip = ZipStream(sink: sink)
    }

    public func start() async throws {
        let names = try XLSXWriter.validatedNames([sheet.name])
        try await zip.add("[Content_Types].xml", XLSXWriter.contentTypes(sheetCount: 1))
        try await zip.add("_rels/.rels", XLSXWriter.rootRelationships)
        try await zip.add("docProps/app.xml", XLSXWriter.appProperties(names))
        try await zip.add("docProps/core.xml", XLSXWriter.coreProperties())
        try await zip.add("xl/workbook.xml", XLSXWriter.workbook(names))
        try await zip.add("xl/_rels/workbook.xml.rels", XLSXWriter.workbookRelationships(sheetCount: 1))
        try await zip.add("xl/styles.xml", XLSXWriter.styles)
        try await zip.add("xl/sharedStrings.xml", SharedStrings().xml)
        try await zip.begin("xl/worksheets/sheet1.xml")
        buffer = XLSXWriter.sheetHead(sheet, selected: true, dimension: nil) + "<sheetData>"
    }

    public func append(_ row: [XLSXCell]) async throws {
        rowNumber += 1
        guard rowNumber <= XLSXWriter.maxRows else {
            throw OOXMLError("Trang tính “\(sheet.name)” có quá \(XLSXWriter.maxRows) dòng.")
        }
        guard row.count <= XLSXWriter.maxColumns else {
            throw OOXMLError("Trang tính “\(sheet.name)”, dòng \(rowNumber): có quá \(XLSXWriter.maxColumns) cột.")
        }
        let bold = sheet.boldFirstRow && rowNumber == 1
        var cells = ""
        for (c, cell) in row.enumerated() {
            let ref = XLSXWriter.columnName(c) + String(rowNumber)
            if let xml = try XLSXWriter.cellXML(
                cell, ref: ref, bold: bold, sheet: sheet.name, inline: true, shared: { _ in 0 })
            {
                cells += xml
            }
        }
        if !cells.isEmpty { buffer += "<row r=\"\(rowNumber)\">" + cells + "</row>" }
        if buffer.utf8.count >= Self.flushAt { try await flush() }
    }

    public func finish() async throws {
        buffer += "</sheetData>" + XLSXWriter.sheetTail
        try await flush()
        try await zip.end()
        try await zip.finish()
    }

    private func flush() async throws {
        guard !buffer.isEmpty else { return }
        let data = Data(buffer.utf8)
        buffer = ""
        try await zip.write(data)
    }
}
