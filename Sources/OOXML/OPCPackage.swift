import Foundation
import ZIPFoundation

/// Builds an OPC package (a ZIP file of XML parts) in memory.
struct PackageWriter {
    private var parts: [(path: String, data: Data)] = []

    mutating func add(_ path: String, _ xml: String) {
        parts.append((path, Data(xml.utf8)))
    }

    func data() throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            let date = Date()
            for part in parts {
                let bytes = part.data
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                    modificationDate: date, compressionMethod: .deflate
                ) { position, size in
                    let start = bytes.startIndex + Int(position)
                    return bytes.subdata(in: start..<start + size)
                }
            }
            guard let data = archive.data else { throw OOXMLError("Không tạo được tệp nén.") }
            return data
        } catch let error as OOXMLError {
            throw error
        } catch {
            throw OOXMLError("Không tạo được tệp nén: \(error).")
        }
    }
}

/// Reads parts out of an OPC package held in memory. Parts are inflated chunk by chunk, and a part that
/// inflates beyond `maxPartSize`, or beyond `maxRatio` times its compressed size (a "zip bomb"), is refused
/// as soon as the limit is passed, as is a package whose parts inflate beyond `maxTotalSize` together.
struct PackageReader {
    /// Largest uncompressed part accepted (a 50,000-row sheet with inline strings is about 60 MB).
    static let maxPartSize = 160 * 1024 * 1024
    /// Largest part read whole into memory (workbook, relationships, styles); sheets and shared strings stream.
    static let maxWholePartSize = 16 * 1024 * 1024
    /// Largest expansion of one part, once it is past `ratioFloor` bytes: real sheets deflate 5 to 30 times.
    static let maxRatio = 100
    static let ratioFloor = 4 * 1024 * 1024
    static let maxTotalSize = 256 * 1024 * 1024

    private let archive: Archive
    /// Part names in the archive, keyed case-insensitively (OPC part names are case-insensitive).
    private let entries: [String: Entry]
    /// Bytes inflated so far, over all parts.
    private let inflated = Counter()

    private final class Counter: @unchecked Sendable { var value = 0 }

    init(data: Data, notAPackage: OOXMLError) throws {
        // An OLE2 compound file: Excel 97–2003, or an encrypted (password-protected) .xlsx.
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw notAPackage == .notXLSX ? OOXMLError.legacyXLS : notAPackage
        }
        guard data.starts(with: [0x50, 0x4B]) else { throw notAPackage }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw notAPackage
        }
        var map: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            var path = entry.path
            if path.hasPrefix("/") { path.removeFirst() }
            map[path.lowercased()] = entry
        }
        entries = map
    }

    func contains(_ path: String) -> Bool { entries[path.lowercased()] != nil }

    /// A part read whole (small parts only).
    func read(_ path: String) throws -> Data? {
        var result = Data()
        let found = try stream(path, limit: Self.maxWholePartSize) { result.append($0) }
        return found ? result : nil
    }

    /// Reads a big part (a sheet, the shared strings) through `XMLPushParser`, chunk by chunk.
    func parse(_ path: String, handler: any XMLPushHandler, missing: OOXMLError) throws {
        var parser = XMLPushParser(part: path, handler: handler)
        guard try stream(path, { try parser.feed($0) }) else { throw missing }
        try parser.finish()
    }

    /// Hands the part over in inflated chunks; false when there is no such part.
    func stream(_ path: String, limit: Int = maxPartSize, _ consume: (Data) throws -> Void) throws -> Bool {
        guard let entry = entries[path.lowercased()] else { return false }
        let compressed = max(Int(clamping: entry.compressedSize), 1)
        func check(_ size: Int) throws {
            if size > Self.ratioFloor, size / compressed > Self.maxRatio { throw OOXMLError.bomb(path) }
            if size > limit { throw OOXMLError.tooLarge(path, limit: limit) }
            if inflated.value > Self.maxTotalSize { throw OOXMLError.tooLarge(path, limit: Self.maxTotalSize) }
        }
        // What the archive says, before anything is inflated; then what inflating actually gives.
        try check(Int(clamping: entry.uncompressedSize))
        var size = 0
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                size += chunk.count
                inflated.value += chunk.count
                try check(size)
                try consume(chunk)
            }
        } catch let error as OOXMLError {
            throw error
        } catch {
            throw OOXMLError.corruptPart(path)
        }
        return true
    }
}

/// Resolves a relationship target against the folder of the part that holds the relationship.
func resolvePartPath(_ target: String, relativeTo sourcePart: String) -> String {
    if target.hasPrefix("/") { return String(target.dropFirst()) }
    var components = sourcePart.split(separator: "/").map(String.init)
    if !components.isEmpty { components.removeLast() } // drop the file name
    for piece in target.split(separator: "/") {
        switch piece {
        case ".": continue
        case "..": if !components.isEmpty { components.removeLast() }
        default: components.append(String(piece))
        }
    }
    return components.joined(separator: "/")
}

/// The relationships part (`_rels/X.rels`) of a part.
func relationshipsPath(for part: String) -> String {
    var components = part.split(separator: "/").map(String.init)
    let file = components.popLast() ?? ""
    components.append("_rels")
    components.append(file + ".rels")
    return components.joined(separator: "/")
}

struct Relationship {
    let id: String
    let type: String
    let target: String // resolved to a part path
    let external: Bool
}

func readRelationships(_ reader: PackageReader, for part: String) throws -> [Relationship] {
    let path = relationshipsPath(for: part)
    guard let data = try reader.read(path) else { return [] }
    let root = try parseTree(data, part: path)
    return root.children("Relationship").compactMap { r in
        guard let id = r["Id"], let target = r["Target"] else { return nil }
        let external = r["TargetMode"] == "External"
        let decoded = target.removingPercentEncoding ?? target
        return Relationship(
            id: id, type: r["Type"] ?? "",
            target: external ? target : resolvePartPath(decoded, relativeTo: part), external: external)
    }
}
