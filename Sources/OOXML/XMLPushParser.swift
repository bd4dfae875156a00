import Foundation

/// Receives what `XMLPushParser` reads, element by element.
protocol XMLPushHandler: AnyObject {
    /// Whether the text inside the element just opened or closed is wanted; other text is skipped unread.
    var wantsText: Bool { get }
    /// `name` is the local name (no prefix); attributes are by qualified name, and by local name too.
    func start(_ name: String, _ attributes: [String: String]) throws
    func end(_ name: String) throws
    /// Text with entities decoded; one call per run of text between two tags (or per CDATA section).
    func text(_ s: String) throws
}

/// A small, non-validating XML reader fed in chunks, for the big parts of a spreadsheet (sheets and shared
/// strings): memory stays bounded by the largest tag and text run, whatever the size of the part.
/// Foundation's XMLParser needs the whole part in memory, and libxml2 under it refuses a part over 10 MB.
/// It refuses a DOCTYPE (OOXML never has one, and entity expansion is an attack), mismatched or unclosed
/// tags, unknown entities and text that is not UTF-8.
struct XMLPushParser {
    private enum State { case text, tagStart, tag, bang, comment, cdata, pi }

    /// A tag or a text run longer than this is refused: Excel's own cells hold at most 32,767 characters.
    static let maxTagBytes = 1 << 20
    static let maxTextBytes = 8 << 20
    static let maxDepth = 256

    let part: String
    private let handler: any XMLPushHandler
    private var state = State.text
    private var buffer: [UInt8] = [] // the tag, or the text run being read
    private var wantsText = false
    private var isEndTag = false
    private var quote: UInt8 = 0
    private var run = 0 // '-' seen before '>' in a comment, ']' in CDATA, '?' in a processing instruction
    private var stack: [String] = []
    private var sawRoot = false
    private var atStart = true

    init(part: String, handler: any XMLPushHandler) {
        self.part = part
        self.handler = handler
    }

    private var corrupt: OOXMLError { .corruptPart(part) }

    mutating func feed(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            try feed(UnsafeBufferPointer(start: base, count: raw.count))
        }
    }

    private mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var i = 0
        let n = bytes.count
        if atStart, n > 0 {
            atStart = false
            if n >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
                throw corrupt // UTF-16: never written by Excel or LibreOffice
            }
            if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        }
        while i < n {
            switch state {
            case .text:
                let start = i
                while i < n, bytes[i] != UInt8(ascii: "<") { i += 1 }
                if wantsText, i > start {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    if buffer.count > Self.maxTextBytes { throw corrupt }
                }
                if i < n {
                    try flushText()
                    state = .tagStart
                    i += 1
                }
            case .tagStart:
                let b = bytes[i]
                i += 1
                switch b {
                case UInt8(ascii: "/"): (state, isEndTag) = (.tag, true)
                case UInt8(ascii: "?"): (state, run) = (.pi, 0)
                case UInt8(ascii: "!"): state = .bang
                default:
                    (state, isEndTag) = (.tag, false)
                    buffer.append(b)
                }
            case .tag:
                let b = bytes[i]
                i += 1
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == UInt8(ascii: ">") {
                    try finishTag()
                    buffer.removeAll(keepingCapacity: true)
                    state = .text
                    continue
                }
                buffer.append(b)
                if buffer.count > Self.maxTagBytes { throw corrupt }
            case .bang:
                buffer.append(bytes[i])
                i += 1
                if buffer == Array("--".utf8) {
                    (state, run) = (.comment, 0)
                    buffer.removeAll(keepingCapacity: true)
                } else if buffer == Array("[CDATA[".utf8) {
                    (state, run) = (.cdata, 0)
                    buffer.removeAll(keepingCapacity: true)
                } else if !"--".utf8.starts(with: buffer) && !"[CDATA[".utf8.starts(with: buffer) {
                    throw corrupt // a DOCTYPE, an ENTITY or worse
                }
            case .comment:
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: ">"), run >= 2 {
                    state = .text
                } else {
                    run = b == UInt8(ascii: "-") ? run + 1 : 0
                }
            case .pi:
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: ">"), run >= 1 { state = .text } else { run = b == UInt8(ascii: "?") ? 1 : 0 }
            case .cdata:
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: ">"), run >= 2 {
                    if wantsText {
                        buffer.removeLast(2) // the "]]"
                        guard let s = String(validating: buffer, as: UTF8.self) else { throw corrupt }
                        try handler.text(s)
                    }
                    buffer.removeAll(keepingCapacity: true)
                    state = .text
                    continue
                }
                run = b == UInt8(ascii: "]") ? run + 1 : 0
                if wantsText {
                    buffer.append(b)
                    if buffer.count > Self.maxTextBytes { throw corrupt }
                }
            }
        }
    }

    /// Ends the document: everything opened must have been closed.
    mutating func finish() throws {
        guard state == .text, stack.isEmpty, sawRoot else { throw corrupt }
    }

    private mutating func flushText() throws {
        guard wantsText, !buffer.isEmpty else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        let s = try decode(buffer[...], attribute: false)
        buffer.removeAll(keepingCapacity: true)
        try handler.text(s)
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    private mutating func finishTag() throws {
        var end = buffer.count
        while end > 0, Self.isSpace(buffer[end - 1]) { end -= 1 }
        if isEndTag {
            let name = String(decoding: buffer[0..<end], as: UTF8.self)
            guard let open = stack.popLast(), open == name else { throw corrupt }
            try handler.end(XMLNames.local(name))
            wantsText = handler.wantsText
            return
        }
        let selfClosing = end > 0 && buffer[end - 1] == UInt8(ascii: "/")
        if selfClosing { end -= 1 }
        var i = 0
        while i < end, !Self.isSpace(buffer[i]) { i += 1 }
        guard i > 0 else { throw corrupt }
        let name = String(decoding: buffer[0..<i], as: UTF8.self)
        var attributes: [String: String] = [:]
        while i < end {
            while i < end, Self.isSpace(buffer[i]) { i += 1 }
            if i == end { break }
            let nameStart = i
            while i < end, buffer[i] != UInt8(ascii: "="), !Self.isSpace(buffer[i]) { i += 1 }
            let key = String(decoding: buffer[nameStart..<i], as: UTF8.self)
            while i < end, Self.isSpace(buffer[i]) { i += 1 }
            guard !key.isEmpty, i < end, buffer[i] == UInt8(ascii: "=") else { throw corrupt }
            i += 1
            while i < end, Self.isSpace(buffer[i]) { i += 1 }
            guard i < end, buffer[i] == UInt8(ascii: "\"") || buffer[i] == UInt8(ascii: "'") else { throw corrupt }
            let q = buffer[i]
            i += 1
            let valueStart = i
            while i < end, buffer[i] != q { i += 1 }
            guard i < end else { throw corrupt }
            attributes[key] = try decode(buffer[valueStart..<i], attribute: true)
            i += 1
        }
        for (k, v) in attributes where k.contains(":") {
            let l = XMLNames.local(k)
            if attributes[l] == nil { attributes[l] = v }
        }
        guard stack.isEmpty ? !sawRoot : true, stack.count < Self.maxDepth else { throw corrupt }
        sawRoot = true
        stack.append(name)
        let local = XMLNames.local(name)
        try handler.start(local, attributes)
        if selfClosing {
            stack.removeLast()
            try handler.end(local)
        }
        wantsText = handler.wantsText
    }

    /// UTF-8 bytes → text: line ends normalised (CR LF and CR → LF; in attributes, white space → space),
    /// then the five named entities and character references decoded.
    private func decode(_ bytes: ArraySlice<UInt8>, attribute: Bool) throws -> String {
        guard let raw = String(validating: bytes, as: UTF8.self) else { throw corrupt }
        let needsWork = bytes.contains {
            $0 == UInt8(ascii: "&") || $0 == 0x0D || (attribute && ($0 == 0x09 || $0 == 0x0A))
        }
        guard needsWork else { return raw }
        var out = String.UnicodeScalarView()
        let scalars = Array(raw.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            switch c {
            case "\r":
                if i < scalars.count, scalars[i] == "\n" { i += 1 }
                out.append(attribute ? " " : "\n")
            case "\n", "\t":
                out.append(attribute ? " " : c)
            case "&":
                var j = i
                while j < scalars.count, scalars[j] != ";", j - i < 12 { j += 1 }
                guard j < scalars.count, scalars[j] == ";" else { throw corrupt }
                let entity = String(String.UnicodeScalarView(scalars[i..<j]))
                i = j + 1
                switch entity {
                case "amp": out.append("&")
                case "lt": out.append("<")
                case "gt": out.append(">")
                case "quot": out.append("\"")
                case "apos": out.append("'")
                default:
                    var number: UInt32?
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                        number = UInt32(entity.dropFirst(2), radix: 16)
                    } else if entity.hasPrefix("#") {
                        number = UInt32(entity.dropFirst(), radix: 10)
                    }
                    guard let number, let scalar = Unicode.Scalar(number), XMLText.isXMLChar(scalar) else {
                        throw corrupt
                    }
                    out.append(scalar)
                }
            default:
                out.append(c)
            }
        }
        return String(out)
    }
}
