import Foundation
import Testing

@testable import OOXML

@Suite("XLSX reading")
struct XLSXReaderTests {
    /// What Fixtures/make_fixtures.py put in the first sheet, as Excel shows it.
    static let expectedFirstSheet: [[String]] = [
        ["STT", "Họ và tên", "Ngày sinh", "Điểm", "Đạt", "Ghi chú"],
        ["1", "Nguyễn Thị Ánh", "05/03/1990", "8.5", "TRUE", "  có khoảng trắng  "],
        ["2", "Trần Văn Đức", "31/12/2001", "7", "FALSE", "Dòng 1\nDòng 2"],
        ["", "", "", "", "", ""],
        ["3", "", "29/02/2024 14:30", "", "1234567", "Đăk Ruồng"],
        ["0.3", "0.0000001", "-42", "12345678901", "", ""],
    ]

    @Test(
        "A workbook written by openpyxl (inline strings) and the same saved by LibreOffice (shared strings)",
        arguments: ["openpyxl.xlsx", "libreoffice.xlsx"])
    func fixtures(file: String) throws {
        let data = try Fixture.data(file)
        #expect(try XLSXReader.sheetNames(data: data) == ["Danh sách", "Xã, phường"])
        #expect(try XLSXReader.rows(data: data) == Self.expectedFirstSheet)
        #expect(try XLSXReader.rows(data: data, sheet: "Danh sách") == Self.expectedFirstSheet)
        #expect(
            try XLSXReader.rows(data: data, sheet: "Xã, phường") == [
                ["Mã", "Tên"], ["23284", "Xã Đăk Ruồng"], ["23287", "Thị trấn Đăk Rve"],
            ])
    }

    @Test("Input that is not an .xlsx gives OOXMLError in Vietnamese")
    func notXLSX() throws {
        let notXLSX = OOXMLError("Tệp không phải là tệp Excel (.xlsx) hợp lệ.")
        #expect(throws: notXLSX) { try XLSXReader.rows(data: Data("Họ và tên,Ngày sinh\n".utf8)) }
        #expect(throws: notXLSX) { try XLSXReader.rows(data: Data()) }
        #expect(throws: notXLSX) { try XLSXReader.sheetNames(data: Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0])) }
        #expect(throws: notXLSX) { try XLSXReader.rows(data: Zip.make([("readme.txt", "xin chào")])) }
        // An old binary .xls (or a password-protected .xlsx) is an OLE2 compound file.
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 504)
        #expect(throws: OOXMLError.legacyXLS) { try XLSXReader.rows(data: ole) }
        // A Word document is a ZIP package too.
        let docx = try DOCXWriter.data(paragraphs: [DOCXParagraph("Thông báo")])
        #expect(throws: OOXMLError("Tệp là tài liệu Word, không phải tệp Excel (.xlsx).")) {
            try XLSXReader.rows(data: docx)
        }
        // A workbook whose sheet XML is broken.
        let broken = try HandMadeXLSX.make(sheets: [("Hỏng", "<worksheet><sheetData><row>")])
        #expect(throws: OOXMLError("Tệp Excel bị hỏng: không đọc được phần xl/worksheets/sheet1.xml.")) {
            try XLSXReader.rows(data: broken)
        }
    }

    @Test("An unknown sheet name lists the sheets there are")
    func unknownSheet() throws {
        let data = try Fixture.data("openpyxl.xlsx")
        #expect(
            throws: OOXMLError(
                "Không tìm thấy trang tính “Thôn”. Các trang tính có trong tệp: “Danh sách”, “Xã, phường”.")
        ) {
            try XLSXReader.rows(data: data, sheet: "Thôn")
        }
    }

    @Test("Cells are placed by reference: skipped cells and rows read as \"\", cells without r follow on")
    func references() throws {
        let xml = HandMadeXLSX.sheet(
            """
            <row r="2"><c r="B2" t="inlineStr"><is><t>Đăk Ruồng</t></is></c><c r="D2"><v>4</v></c></row>\
            <row r="3"><c r="A3"><v>1</v></c><c><v>2</v></c><c r="$E$3"><v>5</v></c><c><v>6</v></c></row>\
            <row><c r="C4" t="str"><v>công thức</v></c></row>\
            <row r="6"><c r="A6" s="0"/><c r="B6" t="s"/></row>\
            <row r="9"><c r="C9" t="inlineStr"><is><t></t></is></c></row>
            """)
        let rows = try XLSXReader.rows(data: HandMadeXLSX.make(sheets: [("Thôn", xml)]))
        #expect(
            rows == [
                ["", "", "", "", "", ""],
                ["", "Đăk Ruồng", "", "4", "", ""],
                ["1", "2", "", "", "5", "6"],
                ["", "", "công thức", "", "", ""],
            ])
    }

    @Test("Inline rich text, phonetic runs, formulas' cached values, errors, ISO dates and prefixed XML")
    func cellKinds() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="\(HandMadeXLSX.main)"><x:sheetData>\
            <x:row r="1">\
            <x:c r="A1" t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t>Nguyễn </x:t></x:r><x:r><x:t>Thị Ánh</x:t></x:r>\
            <x:rPh sb="0" eb="1"><x:t>ふりがな</x:t></x:rPh></x:is></x:c>\
            <x:c r="B1"><x:f>SUM(1,2)</x:f><x:v>3</x:v></x:c>\
            <x:c r="C1" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c>\
            <x:c r="D1" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>\
            <x:c r="E1" t="d"><x:v>2025-03-05T00:00:00</x:v></x:c>\
            <x:c r="F1" t="d"><x:v>2025-03-05T08:15:00</x:v></x:c>\
            <x:c r="G1" t="b"><x:v>true</x:v></x:c>\
            <x:c r="H1" t="inlineStr"><x:is><x:t>_x005F_x0041_ và _x0007_</x:t></x:is></x:c>\
            </x:row></x:sheetData></x:worksheet>
            """
        let rows = try XLSXReader.rows(data: HandMadeXLSX.make(sheets: [("A", xml)]))
        #expect(
            rows == [
                ["Nguyễn Thị Ánh", "3", "ab", "#DIV/0!", "05/03/2025", "05/03/2025 08:15", "TRUE", "_x0041_ và \u{7}"]
            ])
    }

    @Test("Shared strings in NFD are read as NFC; rich runs are joined and phonetic runs left out")
    func sharedStrings() throws {
        let nfd = "Đăk Ruồng".decomposedStringWithCanonicalMapping
        let sst = """
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(HandMadeXLSX.main)" count="2" uniqueCount="2">\
            <si><t>\(nfd)</t></si><si><r><t>Kon </t></r><r><rPr><i/></rPr><t>Rẫy</t></r><rPh><t>x</t></rPh></si></sst>
            """
        let xml = HandMadeXLSX.sheet(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>")
        let rows = try XLSXReader.rows(data: HandMadeXLSX.make(sheets: [("A", xml)], sharedStrings: sst))
        #expect(rows == [["Đăk Ruồng", "Kon Rẫy"]])
        #expect(Array(rows[0][0].utf8) == Array("Đăk Ruồng".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test("Dates follow the cell's number format, built-in or custom, in the 1900 or 1904 date system")
    func dateFormats() throws {
        let styles = """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(HandMadeXLSX.main)"><numFmts count="4">\
            <numFmt numFmtId="164" formatCode="[$-42A]d mmmm yyyy"/><numFmt numFmtId="165" formatCode="#,##0 &quot;đ&quot;"/>\
            <numFmt numFmtId="166" formatCode="[h]:mm:ss"/><numFmt numFmtId="167" formatCode="h:mm AM/PM"/></numFmts>\
            <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>\
            <xf numFmtId="167"/><xf numFmtId="22"/></cellXfs></styleSheet>
            """
        let xml = HandMadeXLSX.sheet(
            """
            <row r="1"><c r="A1"><v>45721</v></c><c r="B1" s="1"><v>45721</v></c><c r="C1" s="2"><v>45721</v></c>\
            <c r="D1" s="3"><v>1500000</v></c><c r="E1" s="4"><v>1.5</v></c><c r="F1" s="5"><v>0.75</v></c>\
            <c r="G1" s="6"><v>45721.5</v></c><c r="H1" s="1"><v>60</v></c><c r="I1" s="1"><v>1</v></c></row>
            """)
        let data1900 = try HandMadeXLSX.make(sheets: [("A", xml)], styles: styles)
        #expect(
            try XLSXReader.rows(data: data1900) == [
                [
                    "45721", "05/03/2025", "05/03/2025", "1500000", "1.5", "18:00", "05/03/2025 12:00", "29/02/1900",
                    "01/01/1900",
                ]
            ])
        let data1904 = try HandMadeXLSX.make(
            sheets: [("A", xml)], styles: styles, workbookPr: "<workbookPr date1904=\"1\"/>")
        #expect(try XLSXReader.rows(data: data1904)[0][1] == "06/03/2029")
        #expect(try XLSXReader.rows(data: data1904)[0][8] == "02/01/1904")
    }

    @Test(
        "Number format codes are told apart",
        arguments: [
            ("dd/mm/yyyy", true, false), ("yyyy\\-mm\\-dd", true, false), ("mmm-yy", true, false),
            ("dd/mm/yyyy\\ hh:mm", true, true), ("h:mm:ss", false, true), ("mm:ss", false, true),
            ("General", false, false), ("#,##0", false, false), ("0.00%", false, false),
            ("#,##0 [$₫-42A]", false, false),
            ("\"ngày\" 0", false, false), ("[h]:mm", false, false), ("[Red]dd/mm/yyyy;@", true, false),
            ("@", false, false),
        ])
    func formatCodes(code: String, date: Bool, time: Bool) {
        let f = CellFormat(code: code)
        #expect(f.date == date)
        #expect(f.time == time)
    }

    @Test(
        "Stored numbers are shown without \".0\" and without exponents",
        arguments: [
            ("1", "1"), ("1.0", "1"), ("-0", "0"), ("8.5", "8.5"), ("0.30000000000000004", "0.30000000000000004"),
            ("3.1400000000000001", "3.14"), ("1E-007", "0.0000001"), ("1.5e+20", "150000000000000000000"),
            ("12345678901", "12345678901"), ("  42 ", "42"), ("abc", "abc"),
        ])
    func numbers(raw: String, shown: String) {
        #expect(NumberText.display(raw) == shown)
    }

    @Test("Far-apart cells that would make a huge table, and references beyond Excel's grid, are refused")
    func limits() throws {
        let far = HandMadeXLSX.sheet(
            "<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>")
        #expect(throws: OOXMLError.self) { try XLSXReader.rows(data: HandMadeXLSX.make(sheets: [("A", far)])) }
        let beyond = HandMadeXLSX.sheet("<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>")
        #expect(throws: OOXMLError("Tệp Excel bị hỏng: có ô nằm ngoài phạm vi của Excel.")) {
            try XLSXReader.rows(data: HandMadeXLSX.make(sheets: [("A", beyond)]))
        }
        let doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>"
        #expect(throws: OOXMLError.self) { try XLSXReader.rows(data: HandMadeXLSX.make(sheets: [("A", doctype)])) }
    }
}
