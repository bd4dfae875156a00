import Foundation
import ZIPFoundation

/// Test helpers: fixtures next to this file (found through #filePath, not Bundle) and ZIP packages
/// built or opened by hand.
enum Fixture {
    static func url(_ name: String, file: StaticString = #filePath) -> URL {
        URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }
}

enum Zip {
    /// A ZIP archive of the given files (path → content).
    static func make(_ files: [(String, String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in files {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count),
                compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    /// The text of one entry of a ZIP archive, or nil when it has none of that name.
    static func text(of path: String, in data: Data) throws -> String? {
        let archive = try Archive(data: data, accessMode: .read)
        guard let entry = archive[path] else { return nil }
        var result = Data()
        _ = try archive.extract(entry) { result.append($0) }
        return String(decoding: result, as: UTF8.self)
    }

    static func paths(in data: Data) throws -> [String] {
        try Archive(data: data, accessMode: .read).map(\.path)
    }
}

/// A hand-made .xlsx with one or more worksheets, for reading cases no writer at hand produces.
enum HandMadeXLSX {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    static func make(
        sheets: [(name: String, xml: String)], sharedStrings: String? = nil, styles: String? = nil,
        workbookPr: String = ""
    ) throws -> Data {
        var files: [(String, String)] = []
        files.append(
            (
                "[Content_Types].xml",
                """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/></Types>
                """
            ))
        files.append(
            (
                "_rels/.rels",
                """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/>\
                </Relationships>
                """
            ))
        var sheetList = ""
        var rels = ""
        for (i, sheet) in sheets.enumerated() {
            sheetList += "<sheet name=\"\(sheet.name)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels +=
                "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            files.append(("xl/worksheets/sheet\(i + 1).xml", sheet.xml))
        }
        if let sharedStrings {
            rels +=
                "<Relationship Id=\"rS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            files.append(("xl/sharedStrings.xml", sharedStrings))
        }
        if let styles {
            rels +=
                "<Relationship Id=\"rY\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            files.append(("xl/styles.xml", styles))
        }
        files.append(
            (
                "xl/workbook.xml",
                """
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\(workbookPr)<sheets>\(sheetList)</sheets></workbook>
                """
            ))
        files.append(
            (
                "xl/_rels/workbook.xml.rels",
                """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)</Relationships>
                """
            ))
        return try Zip.make(files)
    }

    static func sheet(_ sheetData: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\"><sheetData>\(sheetData)</sheetData></worksheet>"
    }
}
