import DHZlib
import Foundation

/// A zip archive written front to back into a sink, one entry at a time, in bounded memory: each entry is
/// deflated as its bytes arrive and closed by a data descriptor (general-purpose flag bit 3), so neither its size
/// nor its CRC is needed in advance. The central directory is written at the end.
///
/// Entries and the archive stay below 4 GiB (no ZIP64); past that `ZipStream` throws rather than write a
/// damaged file. Not thread-safe: one task writes one archive.
public final class ZipStream {
    public typealias Sink = (Data) async throws -> Void

    struct Entry {
        var name: [UInt8]
        var crc: UInt32
        var compressed: UInt64
        var size: UInt64
        var offset: UInt64
    }

    private let sink: Sink
    private var offset: UInt64 = 0
    private var entries: [Entry] = []
    private var open: (entry: Entry, deflater: Deflater)?
    private let dosTime: UInt16
    private let dosDate: UInt16
    private let level: Int32

    /// zlib's fastest level (Z_BEST_SPEED), for big generated parts.
    public static let fastest: Int32 = 1
    /// zlib's default level (Z_DEFAULT_COMPRESSION, which zlib takes as 6).
    public static let standard: Int32 = -1

    public init(date: Date = Date(), level: Int32 = ZipStream.standard, sink: @escaping Sink) {
        self.sink = sink
        self.level = level
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        dosTime = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        dosDate = UInt16(max(0, (c.year ?? 1980) - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
    }

    /// A whole small entry.
    public func add(_ name: String, _ text: String) async throws {
        try await begin(name)
        try await write(Data(text.utf8))
        try await end()
    }

    public func begin(_ name: String) async throws {
        guard open == nil else { throw OOXMLError("Mục “\(name)” bắt đầu khi mục trước chưa đóng.") }
        let nameBytes = Array(name.utf8)
        var h = Data()
        h.le32(0x0403_4b50)
        h.le16(20) // version needed
        h.le16(0x0808) // data descriptor follows; UTF-8 names
        h.le16(8) // deflate
        h.le16(dosTime)
        h.le16(dosDate)
        h.le32(0)
        h.le32(0)
        h.le32(0)
        h.le16(UInt16(nameBytes.count))
        h.le16(0)
        h.append(contentsOf: nameBytes)
        let entry = Entry(name: nameBytes, crc: 0, compressed: 0, size: 0, offset: offset)
        try await emit(h)
        open = (entry, try Deflater(level: level))
    }

    public func write(_ data: Data) async throws {
        guard var current = open else { throw OOXMLError("Ghi vào tệp nén khi chưa mở mục nào.") }
        current.entry.crc = data.withUnsafeBytes { raw in
            UInt32(crc32(UInt(current.entry.crc), raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
        }
        current.entry.size += UInt64(data.count)
        let out = try current.deflater.deflate(data, finish: false)
        current.entry.compressed += UInt64(out.count)
        open = current
        if !out.isEmpty { try await emit(out) }
    }

    public func end() async throws {
        guard var current = open else { throw OOXMLError("Đóng mục khi chưa mở mục nào.") }
        let out = try current.deflater.deflate(Data(), finish: true)
        current.entry.compressed += UInt64(out.count)
        if !out.isEmpty { try await emit(out) }
        guard current.entry.size < 0xFFFF_FFFF, current.entry.compressed < 0xFFFF_FFFF else {
            throw OOXMLError("Tệp xuất vượt quá 4 GB.")
        }
        var d = Data()
        d.le32(0x0807_4b50)
        d.le32(current.entry.crc)
        d.le32(UInt32(current.entry.compressed))
        d.le32(UInt32(current.entry.size))
        try await emit(d)
        entries.append(current.entry)
        open = nil
    }

    /// Writes the central directory. The archive is complete after this.
    public func finish() async throws {
        if open != nil { try await end() }
        let start = offset
        var cd = Data()
        for e in entries {
            cd.le32(0x0201_4b50)
            cd.le16(20) // made by
            cd.le16(20) // needed
            cd.le16(0x0808)
            cd.le16(8)
            cd.le16(dosTime)
            cd.le16(dosDate)
            cd.le32(e.crc)
            cd.le32(UInt32(e.compressed))
            cd.le32(UInt32(e.size))
            cd.le16(UInt16(e.name.count))
            cd.le16(0)
            cd.le16(0)
            cd.le16(0)
            cd.le16(0)
            cd.le32(0)
            cd.le32(UInt32(e.offset))
            cd.append(contentsOf: e.name)
        }
        guard start + UInt64(cd.count) < 0xFFFF_FFFF, entries.count < 0xFFFF else {
            throw OOXMLError("Tệp xuất vượt quá 4 GB.")
        }
        let size = UInt32(cd.count)
        cd.le32(0x0605_4b50)
        cd.le16(0)
        cd.le16(0)
        cd.le16(UInt16(entries.count))
        cd.le16(UInt16(entries.count))
        cd.le32(size)
        cd.le32(UInt32(start))
        cd.le16(0)
        try await emit(cd)
    }

    private func emit(_ data: Data) async throws {
        guard offset + UInt64(data.count) < 0xFFFF_FFFF else { throw OOXMLError("Tệp xuất vượt quá 4 GB.") }
        offset += UInt64(data.count)
        try await sink(data)
    }
}

/// Raw deflate (no zlib header), fed in pieces.
final class Deflater {
    private var stream = z_stream()

    init(level: Int32) throws {
        let rc = deflateInit2_(
            &stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw OOXMLError("Không khởi tạo được bộ nén (zlib \(rc)).") }
    }

    deinit { deflateEnd(&stream) }

    func deflate(_ input: Data, finish: Bool) throws -> Data {
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        try input.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            stream.next_in = raw.bindMemory(to: Bytef.self).baseAddress
            stream.avail_in = uInt(raw.count)
            repeat {
                let produced: Int = try buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    let rc = DHZlib.deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
                        throw OOXMLError("Lỗi nén dữ liệu (zlib \(rc)).")
                    }
                    return out.count - Int(stream.avail_out)
                }
                output.append(contentsOf: buffer[0..<produced])
            } while stream.avail_out == 0 || (finish && stream.avail_in > 0)
        }
        stream.next_in = nil
        return output
    }
}

extension Data {
    fileprivate mutating func le16(_ v: UInt16) {
        append(UInt8(v & 0xff))
        append(UInt8(v >> 8))
    }
    fileprivate mutating func le32(_ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(shift)) & 0xff)) }
    }
}
