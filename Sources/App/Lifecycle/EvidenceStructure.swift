import Foundation

/// Structure checks of uploaded images and PDFs, beyond their first bytes: a truncated file, or a polyglot
/// (a ZIP, HTML or script hidden after the image's end or before it) is refused with a message that says why.
enum EvidenceStructure {
    /// Bytes after the end marker that are tolerated (some encoders pad); padding (NUL, 0xFF, white space)
    /// is not counted.
    static let maxTrailing = 256

    /// What is wrong with the file, in Vietnamese, or nil when its structure holds.
    static func problem(_ kind: EvidenceService.Kind, _ bytes: [UInt8]) -> String? {
        let polyglot =
            "Tệp \(kind.label) có chứa một tệp khác (HTML, mã lệnh hoặc tệp nén) ghép vào nên không được nhận. "
            + "Hãy mở tệp bằng phần mềm xem ảnh hoặc PDF rồi lưu lại thành tệp mới."
        let found: String?
        switch kind {
        case .png, .jpeg, .pdf:
            if hasMarkup(bytes) { return polyglot }
            found = kind == .png ? png(bytes) : kind == .jpeg ? jpeg(bytes) : pdf(bytes)
        case .heic, .docx, .xlsx: return nil
        }
        if let found { return found }
        return hasZipDirectory(bytes) ? polyglot : nil
    }

    static func truncated(_ label: String, _ what: String) -> String {
        "Tệp \(label) bị cắt cụt hoặc hỏng (\(what)). Hãy xuất lại tệp từ máy ảnh hoặc phần mềm gốc rồi tải lên."
    }

    static func trailing(_ label: String) -> String {
        "Tệp \(label) có dữ liệu lạ nối sau phần kết thúc (có thể là tệp ghép chứa mã độc) nên không được nhận. "
            + "Hãy mở tệp bằng phần mềm xem ảnh hoặc PDF rồi lưu lại thành tệp mới."
    }

    /// Non-padding bytes from `start` to the end, counted up to just past the tolerance.
    static func trailingCount(_ bytes: [UInt8], from start: Int) -> Int {
        var n = 0
        var i = start
        while i < bytes.count, n <= maxTrailing {
            let b = bytes[i]
            if !(b == 0 || b == 0xFF || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) { n += 1 }
            i += 1
        }
        return n
    }

    // MARK: PNG: signature, IHDR first with a good CRC, chunks that fit, IEND, nothing after it.

    static func png(_ b: [UInt8]) -> String? {
        let label = "ảnh PNG"
        var i = 8
        var first = true
        while true {
            guard i + 12 <= b.count else { return truncated(label, "không có phần kết thúc IEND") }
            let length = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            let type = Array(b[(i + 4)..<(i + 8)])
            guard length <= 0x7FFF_FFFF, i + 12 + length <= b.count else {
                return truncated(label, "một khối dữ liệu vượt quá cuối tệp")
            }
            let end = i + 8 + length
            if first {
                guard type == Array("IHDR".utf8), length == 13 else { return truncated(label, "thiếu khối IHDR") }
                let stored =
                    UInt32(b[end]) << 24 | UInt32(b[end + 1]) << 16 | UInt32(b[end + 2]) << 8
                    | UInt32(b[end + 3])
                guard crc32(b[(i + 4)..<end]) == stored else { return truncated(label, "khối IHDR sai mã kiểm tra") }
                first = false
            }
            i = end + 4
            if type == Array("IEND".utf8) { break }
        }
        return trailingCount(b, from: i) > maxTrailing ? trailing(label) : nil
    }

    // MARK: JPEG: SOI, segments that fit, a frame (SOF) before the scan, EOI, nothing after it.

    static func jpeg(_ b: [UInt8]) -> String? {
        let label = "ảnh JPEG"
        var i = 2
        var sawFrame = false
        while true {
            guard i + 1 < b.count else { return truncated(label, "không có phần kết thúc EOI") }
            guard b[i] == 0xFF else { return truncated(label, "cấu trúc các phân đoạn bị sai") }
            var marker = b[i + 1]
            i += 2
            while marker == 0xFF, i < b.count { // fill bytes
                marker = b[i]
                i += 1
            }
            switch marker {
            case 0xD9:
                guard sawFrame else { return truncated(label, "không có phần khung ảnh SOF") }
                return trailingCount(b, from: i) > maxTrailing ? trailing(label) : nil
            case 0x01, 0xD0...0xD7:
                continue // no length
            default:
                guard i + 2 <= b.count else { return truncated(label, "không có phần kết thúc EOI") }
                let length = Int(b[i]) << 8 | Int(b[i + 1])
                guard length >= 2, i + length <= b.count else {
                    return truncated(label, "một phân đoạn vượt quá cuối tệp")
                }
                if [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF].contains(marker) {
                    sawFrame = true
                }
                i += length
                if marker == 0xDA { // start of scan: entropy-coded data up to the next real marker
                    guard sawFrame else { return truncated(label, "không có phần khung ảnh SOF") }
                    while i + 1 < b.count,
                        !(b[i] == 0xFF && b[i + 1] != 0x00 && !(0xD0...0xD7).contains(b[i + 1]) && b[i + 1] != 0xFF)
                    {
                        i += 1
                    }
                }
            }
        }
    }

    // MARK: PDF: header, "startxref" pointing inside the file, "%%EOF" in the last KB.

    static func pdf(_ b: [UInt8]) -> String? {
        let label = "PDF"
        let tail = Array(b.suffix(1024))
        guard let eof = lastRange(of: Array("%%EOF".utf8), in: tail) else {
            return truncated(label, "không có dấu kết thúc %%EOF")
        }
        let searchFrom = max(0, b.count - 4096)
        guard let sx = lastRange(of: Array("startxref".utf8), in: Array(b[searchFrom...])) else {
            return truncated(label, "không có bảng tham chiếu startxref")
        }
        // The offset after "startxref" must point inside the file, at "xref" or an object ("12 0 obj").
        var j = searchFrom + sx + 9
        while j < b.count, [0x20, 0x0A, 0x0D, 0x09].contains(b[j]) { j += 1 }
        var offset = 0
        var digits = 0
        while j < b.count, (0x30...0x39).contains(b[j]), digits < 12 {
            offset = offset * 10 + Int(b[j] - 0x30)
            digits += 1
            j += 1
        }
        guard digits > 0, offset < b.count else { return truncated(label, "bảng tham chiếu startxref sai") }
        let at = b[offset..<min(b.count, offset + 32)]
        let isXref = at.starts(with: Array("xref".utf8))
        let isObject = (at.first.map { (0x30...0x39).contains($0) } ?? false) && at.contains(Array(" obj".utf8))
        guard isXref || isObject else { return truncated(label, "bảng tham chiếu startxref sai") }
        return trailingCount(tail, from: eof + 5) > maxTrailing ? trailing(label) : nil
    }

    // MARK: Polyglot signs anywhere a reader would look

    /// HTML or script in the first KB: browsers and some viewers sniff there.
    static func hasMarkup(_ b: [UInt8]) -> Bool {
        let head = String(decoding: b.prefix(1024), as: UTF8.self).lowercased()
        return ["<script", "<html", "<!doctype html", "<body", "<svg", "<iframe"].contains { head.contains($0) }
    }

    /// A ZIP's end-of-central-directory record near the end: the file also opens as a ZIP (or JAR, DOCX, …).
    static func hasZipDirectory(_ b: [UInt8]) -> Bool {
        let from = max(0, b.count - (65_535 + 22))
        return lastRange(of: [0x50, 0x4B, 0x05, 0x06], in: Array(b[from...])) != nil
    }

    static func lastRange(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = hay.count - needle.count
        while i >= 0 {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return i }
            i -= 1
        }
        return nil
    }

    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}
