public import struct NIOCore.ByteBuffer

extension String {
    /// Escapes HTML entities in a `String`.
    ///
    /// Điển Hình patch: a string with nothing to escape (nearly all) is returned as it is, and one with something to
    /// escape is built from its UTF-8 bytes (the five escaped characters are ASCII, and no byte of a multi-byte
    /// character is below 0x80), instead of appending it scalar by scalar.
    public func htmlEscaped() -> String {
        guard self.utf8.contains(where: { $0.needsHTMLEscape }) else {
            return self
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(self.utf8.count + 16)
        for byte in self.utf8 {
            if let entity = byte.htmlEntity {
                entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension UInt8 {
    var needsHTMLEscape: Bool {
        switch self {
        case UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"): true
        default: false
        }
    }

    var htmlEntity: StaticString? {
        switch self {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        default: nil
        }
    }
}

extension ByteBuffer {
    /// Điển Hình patch: writes `string` HTML-escaped, as `string.htmlEscaped()` then UTF-8 would, without making the
    /// escaped copy: runs with nothing to escape are written as they are. Public for the app's row views, which must
    /// escape exactly as `#(…)` does.
    public mutating func writeHTMLEscaped(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                guard let entity = bytes[index].htmlEntity else { continue }
                if start < index {
                    self.writeBytes(bytes[start..<index])
                }
                self.writeStaticString(entity)
                start = index + 1
            }
            if start < bytes.count {
                self.writeBytes(bytes[start...])
            }
        }
    }
}
