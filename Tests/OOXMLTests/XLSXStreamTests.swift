import Foundation
import Testing
import ZIPFoundation

@testable import OOXML

/// Collects what a stream writes, and how large each piece was.
actor Collected {
    var data = Data()
    var largestPiece = 0
    func add(_ d: Data) {
        data.append(d)
        largestPiece = max(largestPiece, d.count)
    }
}

@Suite("Streamed XLSX and zip")
struct XLSXStreamTests {
    @Test("A streamed sheet reads back like a written one: same cells, Vietnamese text, dates, formula guard")
    func sameAsWriter() async throws {
        let out = Collected()
        let stream = XLSXStream(sheet: XLSXWriterTests.people) { await out.add($0) }
        try await stream.start()
        for row in XLSXWriterTests.people.rows { try await stream.append(row) }
        try await stream.append([.text("=1+2"), .date(year: 1890, month: 1, day: 2)])
        try await stream.finish()
        let rows = try XLSXReader.rows(data: await out.data)
        let expected = try XLSXReader.rows(data: try XLSXWriter.data(sheets: [XLSXWriterTests.people]))
        #expect(Array(rows.prefix(expected.count)) == expected)
        #expect(rows.last?.prefix(2) == ["'=1+2", "02/01/1890"])
    }

    @Test("Fifty thousand rows stream in pieces far smaller than the file, and every entry's CRC checks")
    func bounded() async throws {
        let out = Collected()
        let sheet = XLSXSheet(name: "Đăng ký", rows: [], columnWidths: [6, 30], boldFirstRow: true)
        let stream = XLSXStream(sheet: sheet) { await out.add($0) }
        try await stream.start()
        try await stream.append([.text("STT"), .text("Họ và tên"), .text("Năm")])
        for i in 1...50_000 {
            try await stream.append([.integer(i), .text("Nguyễn Văn Đức \(i)"), .integer(2024)])
        }
        try await stream.finish()
        let data = await out.data
        // The sheet is several MB uncompressed; no piece handed to the sink comes near it.
        #expect(await out.largestPiece < 300_000)
        let archive = try Archive(data: data, accessMode: .read)
        var sheetBytes = 0
        for entry in archive {
            // extract verifies the CRC32 recorded in the data descriptor / central directory.
            _ = try archive.extract(entry, skipCRC32: false) {
                sheetBytes += entry.path.hasSuffix("sheet1.xml") ? $0.count : 0
            }
        }
        #expect(sheetBytes > 3_000_000)
        let rows = try XLSXReader.rows(data: data)
        #expect(rows.count == 50_001)
        #expect(rows[50_000] == ["50000", "Nguyễn Văn Đức 50000", "2024"])
    }

    @Test("Excel's row limit is enforced while streaming")
    func rowLimit() async throws {
        let stream = XLSXStream(sheet: XLSXSheet(name: "A", rows: [])) { _ in }
        try await stream.start()
        await #expect(throws: OOXMLError.self) {
            for _ in 0...XLSXWriter.maxRows { try await stream.append([.empty]) }
        }
    }
}
