import Foundation
import Testing

@testable import OOXML

@Suite("XLSX writing and reading back")
struct XLSXWriterTests {
    static let people = XLSXSheet(
        name: "Danh sách",
        rows: [
            [.text("STT"), .text("Họ và tên"), .text("Ngày sinh"), .text("Điểm"), .text("Đạt"), .text("Thôn")],
            [
                .integer(1), .text("Nguyễn Thị Ánh"), .date(year: 1990, month: 3, day: 5), .number(8.5), .bool(true),
                .text("Đăk Ruồng"),
            ],
            [.integer(2), .empty, .date(year: 2024, month: 2, day: 29), .number(0.1), .empty, .text("Kon Skôi")],
            [],
            [.integer(-3), .text("Trần Văn Đức"), .empty, .number(-1234.5), .bool(false), .empty],
            [.integer(12_345_678_901), .empty, .empty, .number(1e-7), .empty, .empty],
        ],
        columnWidths: [6, 30, 14], boldFirstRow: true)

    @Test("Vietnamese text, numbers, integers, booleans, dates and empty cells come back as displayed text")
    func roundTrip() throws {
        let data = try XLSXWriter.data(sheets: [Self.people])
        let rows = try XLSXReader.rows(data: data)
        #expect(
            rows == [
                ["STT", "Họ và tên", "Ngày sinh", "Điểm", "Đạt", "Thôn"],
                ["1", "Nguyễn Thị Ánh", "05/03/1990", "8.5", "TRUE", "Đăk Ruồng"],
                ["2", "", "29/02/2024", "0.1", "", "Kon Skôi"],
                ["", "", "", "", "", ""],
                ["-3", "Trần Văn Đức", "", "-1234.5", "FALSE", ""],
                ["12345678901", "", "", "0.0000001", "", ""],
            ])
        // The text is NFC, byte for byte.
        #expect(Array(rows[1][1].utf8) == Array("Nguyễn Thị Ánh".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test("Several sheets keep their names and order; a sheet is read by name")
    func severalSheets() throws {
        let communes = XLSXSheet(
            name: "Xã, phường", rows: [[.text("Mã"), .text("Tên")], [.text("23284"), .text("Xã Đăk Ruồng")]])
        let empty = XLSXSheet(name: "Trống", rows: [])
        let data = try XLSXWriter.data(sheets: [Self.people, communes, empty])
        #expect(try XLSXReader.sheetNames(data: data) == ["Danh sách", "Xã, phường", "Trống"])
        #expect(try XLSXReader.rows(data: data, sheet: "Xã, phường") == [["Mã", "Tên"], ["23284", "Xã Đăk Ruồng"]])
        #expect(try XLSXReader.rows(data: data, sheet: "xã, PHƯỜNG") == [["Mã", "Tên"], ["23284", "Xã Đăk Ruồng"]])
        #expect(try XLSXReader.rows(data: data, sheet: "Trống") == [])
        #expect(try XLSXReader.rows(data: data).first?.first == "STT")
    }

    @Test("Text in NFD is written in NFC, sheet names too")
    func nfdIsNormalised() throws {
        let nfd = "Nguyễn Thị Ánh".decomposedStringWithCanonicalMapping
        let sheetName = "Đăk Ruồng".decomposedStringWithCanonicalMapping
        let data = try XLSXWriter.data(sheets: [XLSXSheet(name: sheetName, rows: [[.text(nfd)]])])
        let text = try #require(try Zip.text(of: "xl/sharedStrings.xml", in: data))
        #expect(text.utf8.count == text.precomposedStringWithCanonicalMapping.utf8.count)
        let cell = try XLSXReader.rows(data: data)[0][0]
        #expect(Array(cell.utf8) == Array("Nguyễn Thị Ánh".precomposedStringWithCanonicalMapping.utf8))
        let name = try XLSXReader.sheetNames(data: data)[0]
        #expect(Array(name.utf8) == Array("Đăk Ruồng".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test(
        "Awkward text survives: markup characters, spaces at the ends, line breaks, tabs, control characters, _x0041_")
    func awkwardText() throws {
        let texts = [
            "<b>Bùi & “Lê”</b> 'x' \"y\"", "  có khoảng trắng  ", "Dòng 1\nDòng 2", "Dòng 1\r\nDòng 2", "Cột\tTab",
            "chuông\u{7}và\u{1}điều khiển", "_x0041_ không phải là chữ A", "😀 Ǹ ư", "",
        ]
        let data = try XLSXWriter.data(sheets: [
            XLSXSheet(name: "Văn bản", rows: texts.map { [.text($0), .integer(1)] })
        ])
        let rows = try XLSXReader.rows(data: data)
        #expect(rows.map { $0[0] } == texts)
    }

    @Test("Dates are serial numbers with the dd/mm/yyyy format, Excel's 1900 rules included")
    func dateSerials() throws {
        #expect(SpreadsheetDate.serial(year: 1900, month: 1, day: 1) == 1)
        #expect(SpreadsheetDate.serial(year: 1900, month: 2, day: 28) == 59)
        #expect(SpreadsheetDate.serial(year: 1900, month: 3, day: 1) == 61)
        #expect(SpreadsheetDate.serial(year: 1990, month: 3, day: 5) == 32937)
        #expect(SpreadsheetDate.serial(year: 2025, month: 1, day: 1) == 45658)
        #expect(SpreadsheetDate.serial(year: 1899, month: 12, day: 31) == nil)

        let dates: [XLSXCell] = [
            .date(year: 1900, month: 1, day: 1), .date(year: 1900, month: 3, day: 1),
            .date(year: 1975, month: 4, day: 30),
            .date(year: 2000, month: 2, day: 29), .date(year: 9999, month: 12, day: 31),
            .date(year: 1880, month: 7, day: 14),
        ]
        let data = try XLSXWriter.data(sheets: [XLSXSheet(name: "Ngày", rows: [dates])])
        #expect(
            try XLSXReader.rows(data: data) == [
                ["01/01/1900", "01/03/1900", "30/04/1975", "29/02/2000", "31/12/9999", "14/07/1880"]
            ])
        let sheet = try #require(try Zip.text(of: "xl/worksheets/sheet1.xml", in: data))
        #expect(sheet.contains("<c r=\"C1\" s=\"3\"><v>27514</v></c>")) // bold (first row) date style
        let styles = try #require(try Zip.text(of: "xl/styles.xml", in: data))
        #expect(styles.contains("formatCode=\"dd/mm/yyyy\""))
    }

    @Test("The header row is bold and frozen, column widths are set, the package has the usual parts")
    func structure() throws {
        let data = try XLSXWriter.data(sheets: [Self.people])
        let paths = Set(try Zip.paths(in: data))
        for part in [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
        ] {
            #expect(paths.contains(part), "missing \(part)")
        }
        let sheet = try #require(try Zip.text(of: "xl/worksheets/sheet1.xml", in: data))
        #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\">")) // style 1 = bold font
        #expect(sheet.contains("<c r=\"A2\"><v>1</v></c>")) // body rows are not bold
        #expect(sheet.contains("state=\"frozen\""))
        #expect(sheet.contains("<col min=\"2\" max=\"2\" width=\"30\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<dimension ref=\"A1:F6\"/>"))

        var plain = Self.people
        plain.boldFirstRow = false
        plain.freezeFirstRow = false
        let plainSheet = try #require(
            try Zip.text(of: "xl/worksheets/sheet1.xml", in: XLSXWriter.data(sheets: [plain])))
        #expect(plainSheet.contains("<c r=\"A1\" t=\"s\">"))
        #expect(!plainSheet.contains("frozen"))
    }

    @Test(
        "Sheets Excel would refuse are refused with a Vietnamese message",
        arguments: [
            ("", "Tên trang tính không được để trống."),
            ("Báo cáo: quý 1", "Tên trang tính “Báo cáo: quý 1” chứa ký tự không được phép “:”."),
            ("Tổng hợp [2025]", "Tên trang tính “Tổng hợp [2025]” chứa ký tự không được phép “[”."),
            (
                "Danh sách hộ gia đình văn hóa tiêu biểu",
                "Tên trang tính “Danh sách hộ gia đình văn hóa tiêu biểu” dài quá 31 ký tự."
            ),
            ("'Trích'", "Tên trang tính “'Trích'” không được bắt đầu hoặc kết thúc bằng dấu nháy đơn."),
        ])
    func badSheetNames(name: String, message: String) {
        #expect(throws: OOXMLError(message)) {
            try XLSXWriter.data(sheets: [XLSXSheet(name: name, rows: [[.text("x")]])])
        }
    }

    @Test("No sheets, duplicate names, impossible dates and NaN are refused")
    func otherErrors() {
        #expect(throws: OOXMLError("Tệp Excel phải có ít nhất một trang tính.")) { try XLSXWriter.data(sheets: []) }
        #expect(throws: OOXMLError("Tên trang tính “thôn” bị trùng.")) {
            try XLSXWriter.data(sheets: [XLSXSheet(name: "Thôn", rows: []), XLSXSheet(name: "thôn", rows: [])])
        }
        #expect(throws: OOXMLError("Ô B1 của trang tính “Ngày”: ngày 29/2/2023 không hợp lệ.")) {
            try XLSXWriter.data(sheets: [
                XLSXSheet(name: "Ngày", rows: [[.empty, .date(year: 2023, month: 2, day: 29)]])
            ])
        }
        #expect(throws: OOXMLError("Ô A2 của trang tính “Số”: giá trị số không hợp lệ.")) {
            try XLSXWriter.data(sheets: [XLSXSheet(name: "Số", rows: [[.integer(1)], [.number(.nan)]])])
        }
        #expect(throws: OOXMLError.self) {
            try XLSXWriter.data(sheets: [XLSXSheet(name: "Dài", rows: [[.text(String(repeating: "ă", count: 32_768))]])]
            )
        }
    }

    @Test(
        "Column names",
        arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")])
    func columnNames(index: Int, name: String) {
        #expect(XLSXWriter.columnName(index) == name)
        #expect(SheetHandler.column(of: name + "7") == index)
    }
}
