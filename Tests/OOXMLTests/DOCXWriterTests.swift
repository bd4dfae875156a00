import Foundation
import Testing

@testable import OOXML

@Suite("DOCX writing")
struct DOCXWriterTests {
    static let blocks: [DOCXBlock] = [
        .table(
            .nationalMottoHeader(
                left: [
                    DOCXParagraph("Ủy ban nhân dân huyện Kon Rẫy", size: 13, uppercase: true),
                    DOCXParagraph("Ủy ban nhân dân xã Đăk Ruồng", bold: true, size: 13, uppercase: true),
                ],
                right: [DOCXParagraph("Đăk Ruồng, ngày 05 tháng 3 năm 2025", italic: true)])),
        .paragraph(DOCXParagraph("Thông báo", bold: true, uppercase: true, alignment: .center, spacingBefore: 12)),
        .paragraph(
            DOCXParagraph(
                runs: [
                    DOCXRun("Căn cứ "), DOCXRun("Luật Thi đua, khen thưởng", italic: true),
                    DOCXRun(" năm 2022 & <khác>."),
                ],
                alignment: .justify, firstLineIndent: 1.27, spacingAfter: 6, lineSpacing: 1.15)),
        .table(
            .list(
                header: ["STT", "Họ và tên"], rows: [["1", "Nguyễn Thị Ánh"], ["2", "Trần Văn Đức\nthôn Kon Skôi"]],
                columnWidths: [1.5, 8])),
        .table(.list(header: ["Ghi chú"], rows: [])),
    ]

    func documentXML(_ blocks: [DOCXBlock] = Self.blocks) throws -> String {
        let data = try DOCXWriter.data(blocks: blocks)
        return try #require(try Zip.text(of: "word/document.xml", in: data))
    }

    @Test("The .docx is a ZIP whose word/document.xml holds the texts, escaped, in NFC and capitals where asked")
    func texts() throws {
        let data = try DOCXWriter.data(blocks: Self.blocks)
        let paths = Set(try Zip.paths(in: data))
        for part in [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
            "word/styles.xml", "word/settings.xml",
        ] {
            #expect(paths.contains(part), "missing \(part)")
        }
        let xml = try documentXML()
        for text in [
            "ỦY BAN NHÂN DÂN HUYỆN KON RẪY", "ỦY BAN NHÂN DÂN XÃ ĐĂK RUỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "Đăk Ruồng, ngày 05 tháng 3 năm 2025", "THÔNG BÁO", "Căn cứ ",
            "Luật Thi đua, khen thưởng", " năm 2022 &amp; &lt;khác&gt;.", "Nguyễn Thị Ánh",
            "Trần Văn Đức</w:t><w:br/><w:t xml:space=\"preserve\">thôn Kon Skôi",
        ] {
            #expect(xml.contains(text), "missing \(text)")
        }
        // NFC byte for byte (String comparison alone would not tell NFD apart).
        #expect(Array(xml.utf8) == Array(xml.precomposedStringWithCanonicalMapping.utf8))
    }

    @Test("A4 portrait with margins 20/20/30/15 mm, Times New Roman 14 pt, Vietnamese language")
    func page() throws {
        let xml = try documentXML()
        #expect(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(xml.contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""))
        let styles = try #require(try Zip.text(of: "word/styles.xml", in: DOCXWriter.data(blocks: Self.blocks)))
        #expect(styles.contains("w:ascii=\"Times New Roman\""))
        #expect(styles.contains("<w:sz w:val=\"28\"/>"))
        #expect(styles.contains("w:val=\"vi-VN\""))
    }

    @Test("Paragraph formatting: alignment, first-line indent, spacing, bold, italic and size")
    func formatting() throws {
        let xml = try documentXML()
        #expect(
            xml.contains(
                "<w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"720\"/><w:jc w:val=\"both\"/>"
            ))
        #expect(xml.contains("<w:spacing w:before=\"240\"/><w:jc w:val=\"center\"/>"))
        #expect(
            xml.contains(
                "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Luật Thi đua, khen thưởng</w:t></w:r>"))
        #expect(
            xml.contains(
                "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr><w:t xml:space=\"preserve\">ỦY BAN NHÂN DÂN XÃ ĐĂK RUỒNG"
            ))
    }

    @Test("The motto header is a borderless two-column table; lists have borders and a repeated header row")
    func tables() throws {
        let xml = try documentXML()
        let tables = xml.components(separatedBy: "<w:tbl>").dropFirst()
        #expect(tables.count == 3)
        let header = try #require(tables.first)
        #expect(header.contains("<w:top w:val=\"nil\"/>") && header.contains("<w:insideV w:val=\"nil\"/>"))
        #expect(header.components(separatedBy: "<w:gridCol ").count - 1 == 2)
        let list = tables[tables.startIndex + 1]
        #expect(list.contains("<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"))
        #expect(list.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"))
        #expect(list.contains("<w:gridCol w:w=\"850\"/><w:gridCol w:w=\"4535\"/>"))
        // Two tables in a row are kept apart by a paragraph, and the body ends with a paragraph.
        #expect(xml.contains("</w:tbl><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"120\""))
        #expect(xml.contains("</w:tbl><w:p/><w:sectPr>"))
    }

    @Test("Tables: short rows are filled, spans add widths, wrong widths and empty tables are refused")
    func tableShapes() throws {
        let table = DOCXTable(
            rows: [[DOCXTableCell("Tổng cộng", bold: true, columnSpan: 2)], [DOCXTableCell("a")]],
            columnWidths: [2, 3])
        let xml = try documentXML([.table(table)])
        #expect(xml.contains("<w:tcW w:w=\"2835\" w:type=\"dxa\"/><w:gridSpan w:val=\"2\"/>"))
        #expect(xml.contains("<w:tc><w:tcPr><w:tcW w:w=\"1701\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>"))
        #expect(throws: OOXMLError("Bảng có 2 cột nhưng 3 độ rộng cột.")) {
            try DOCXWriter.data(blocks: [.table(DOCXTable(rows: [[.init("a"), .init("b")]], columnWidths: [1, 2, 3]))])
        }
        #expect(throws: OOXMLError("Bảng phải có ít nhất một dòng.")) {
            try DOCXWriter.data(blocks: [.table(DOCXTable(rows: []))])
        }
    }

    @Test("Paragraphs only, page breaks and an empty document are all valid packages")
    func simpleDocuments() throws {
        let xml = try documentXML([
            .paragraph(DOCXParagraph("Trang 1")), .pageBreak, .paragraph(DOCXParagraph("Trang 2\tcột")),
        ])
        #expect(xml.contains("<w:br w:type=\"page\"/>"))
        #expect(xml.contains("Trang 2</w:t><w:tab/>"))
        #expect(try documentXML([]).contains("<w:body><w:p/><w:sectPr>"))
        let fromParagraphs = try DOCXWriter.data(paragraphs: [DOCXParagraph("Kính gửi: Ủy ban nhân dân xã")])
        #expect(
            try Zip.text(of: "word/document.xml", in: fromParagraphs)?.contains("Kính gửi: Ủy ban nhân dân xã") == true)
    }
}
