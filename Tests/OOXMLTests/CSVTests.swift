import Foundation
import Testing

@testable import OOXML

@Suite("CSV")
struct CSVTests {
    @Test(
        "Fields are quoted only when needed, quotes doubled, lines end with CRLF",
        arguments: [
            (["Nguyễn Thị Ánh", "Đăk Ruồng", "12"], ",", "Nguyễn Thị Ánh,Đăk Ruồng,12\r\n"),
            (["Kon Rẫy, Kon Tum", "x"], ",", "\"Kon Rẫy, Kon Tum\",x\r\n"),
            (["Kon Rẫy, Kon Tum", "x"], ";", "Kon Rẫy, Kon Tum;x\r\n"),
            (["a;b", "c"], ";", "\"a;b\";c\r\n"),
            (["Thôn \"Đăk Tiêng\""], ",", "\"Thôn \"\"Đăk Tiêng\"\"\"\r\n"),
            (["Dòng 1\nDòng 2", "Dòng 1\r\nDòng 2"], ",", "\"Dòng 1\nDòng 2\",\"Dòng 1\r\nDòng 2\"\r\n"),
            (["", "", ""], ",", ",,\r\n"),
            ([" cách đầu", "cuối "], ",", "\" cách đầu\",\"cuối \"\r\n"),
            ([",\u{301}"], ",", "\",\u{301}\"\r\n"), // a comma carrying a combining accent is still a comma
            ([], ",", "\r\n"),
        ] as [([String], Character, String)])
    func line(fields: [String], separator: Character, expected: String) {
        #expect(CSV.line(fields, separator: separator) == expected)
    }

    @Test("The BOM constant is U+FEFF, EF BB BF in UTF-8")
    func bom() {
        #expect(Array(CSV.utf8BOM.utf8) == [0xEF, 0xBB, 0xBF])
        #expect(CSV.document([["a"]]).hasPrefix(CSV.utf8BOM))
        #expect(!CSV.document([["a"]], bom: false).hasPrefix(CSV.utf8BOM))
    }

    @Test("Quoted fields hold commas, doubled quotes and line breaks")
    func quotedFields() throws {
        let text =
            "Họ và tên,Địa chỉ,Ghi chú\r\n"
            + "\"Nguyễn Thị Ánh\",\"Thôn 1, xã Đăk Ruồng\",\"Nói \"\"xin chào\"\"\"\r\n"
            + "\"Trần Văn Đức\",\"Dòng 1\r\nDòng 2\nDòng 3\",\r\n"
            + "\"\",,\"\"\"\"\r\n"
        #expect(
            try CSV.parse(text) == [
                ["Họ và tên", "Địa chỉ", "Ghi chú"],
                ["Nguyễn Thị Ánh", "Thôn 1, xã Đăk Ruồng", "Nói \"xin chào\""],
                ["Trần Văn Đức", "Dòng 1\r\nDòng 2\nDòng 3", ""],
                ["", "", "\""],
            ])
    }

    @Test("A leading BOM is stripped; LF, CRLF and CR all end lines; blank lines and a missing final newline are fine")
    func lineEnds() throws {
        let expected = [["Mã", "Tên"], ["23284", "Xã Đăk Ruồng"], ["23287", "Thị trấn Đăk Rve"]]
        for newline in ["\n", "\r\n", "\r"] {
            let body = ["Mã,Tên", "23284,Xã Đăk Ruồng", "", "23287,Thị trấn Đăk Rve"].joined(separator: newline)
            #expect(try CSV.parse(CSV.utf8BOM + body) == expected)
            #expect(try CSV.parse(body + newline) == expected)
            #expect(try CSV.parse(body + newline + newline) == expected)
        }
        #expect(try CSV.parse("") == [])
        #expect(try CSV.parse(CSV.utf8BOM) == [])
        #expect(try CSV.parse("\"\"") == [[""]])
        #expect(try CSV.parse("a,\n") == [["a", ""]])
    }

    @Test("';' is the separator when the header has more ';' than ','")
    func semicolons() throws {
        let text =
            "\u{FEFF}Họ và tên;Số tiền;Ghi chú\r\nNguyễn Thị Ánh;1.500.000,50;\"a;b\"\r\nTrần Văn Đức;2,5;x, y\r\n"
        #expect(
            try CSV.parse(text) == [
                ["Họ và tên", "Số tiền", "Ghi chú"],
                ["Nguyễn Thị Ánh", "1.500.000,50", "a;b"],
                ["Trần Văn Đức", "2,5", "x, y"],
            ])
        // Semicolons inside a quoted header field do not count; a tie keeps ','.
        #expect(try CSV.parse("\"a;b;c\",d\n1,2\n") == [["a;b;c", "d"], ["1", "2"]])
        #expect(try CSV.parse("a;b,c\n") == [["a;b", "c"]])
    }

    @Test("An unterminated quote is an error naming the line where the field starts")
    func unterminatedQuote() {
        // Line 4 is the second line of a quoted field; the open quote is on line 6.
        #expect(throws: OOXMLError("Dòng 6: dấu ngoặc kép không được đóng.")) {
            try CSV.parse("STT,Tên\n1,An\n2,\"Bình\nnhiều dòng\"\n3,Chi\n4,\"Dũng\n5,Em\n")
        }
        #expect(throws: OOXMLError("Dòng 1: dấu ngoặc kép không được đóng.")) { try CSV.parse("\"abc") }
        #expect(throws: OOXMLError("Dòng 3: dấu ngoặc kép không được đóng.")) { try CSV.parse("a\r\nb\r\n\"c\r\n") }
    }

    @Test("Quotes inside unquoted fields and text after a closing quote are kept as they are")
    func lenient() throws {
        #expect(try CSV.parse("Thôn 5\"A\",x\n") == [["Thôn 5\"A\"", "x"]])
        #expect(try CSV.parse("\"Đăk\" Ruồng,x\n") == [["Đăk Ruồng", "x"]])
    }

    @Test("Fields come back in NFC")
    func nfc() throws {
        let nfd = "Nguyễn Thị Ánh,\"Đăk Ruồng\"\n".decomposedStringWithCanonicalMapping
        let rows = try CSV.parse(nfd)
        #expect(
            rows.flatMap { $0 }.map { Array($0.utf8) }
                == ["Nguyễn Thị Ánh", "Đăk Ruồng"].map {
                    Array($0.precomposedStringWithCanonicalMapping.utf8)
                })
    }

    @Test("What line/document write, parse reads back unchanged")
    func roundTrip() throws {
        let records = [
            ["STT", "Họ và tên", "Địa chỉ", "Ghi chú"],
            ["1", "Nguyễn Thị Ánh", "Thôn 1, xã Đăk Ruồng", "Nói \"xin chào\"\nrồi đi"],
            ["2", "", " Kon Rẫy ", "a;b"],
            ["", "", "", ""],
        ]
        for separator: Character in [",", ";"] {
            #expect(try CSV.parse(CSV.document(records, separator: separator)) == records)
        }
    }

    @Test("Bytes: UTF-8 with or without BOM and UTF-16 with BOM are read; Windows-1258 is refused with advice")
    func bytes() throws {
        #expect(try CSV.parse(data: Data((CSV.utf8BOM + "Tên\nĐăk Ruồng\n").utf8)) == [["Tên"], ["Đăk Ruồng"]])
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("Tên,Mã\r\nĐăk Ruồng,1\r\n".data(using: .utf16LittleEndian)!)
        #expect(try CSV.parse(data: utf16) == [["Tên", "Mã"], ["Đăk Ruồng", "1"]])
        // "Đăk" in Windows-1258: D0 E3 6B.
        #expect(
            throws: OOXMLError(
                "Tệp CSV không dùng bảng mã UTF-8. Trong Excel, hãy lưu lại bằng “CSV UTF-8 (Comma delimited)”.")
        ) {
            try CSV.parse(data: Data([0x54, 0x65, 0x6E, 0x0A, 0xD0, 0xE3, 0x6B, 0x0A]))
        }
    }
}
