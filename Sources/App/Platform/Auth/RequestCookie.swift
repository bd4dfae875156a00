import Vapor

extension Request {
    /// The value of the request's cookie `name`, as `cookies[name]?.string` gives it, read from the Cookie headers'
    /// bytes (`RequestCookie`).
    func cookie(_ name: String) -> String? { RequestCookie.value(name, in: headers) }
}

/// One cookie of a request, found in the Cookie headers without parsing them all.
///
/// Every signed-in page reads two (the session's and the flash's): Vapor's `cookies` parses every header into
/// directives of `Character`s and a dictionary of every cookie, 1.1 % of the SQLite web list's samples for the session
/// alone, and the flash was first looked for by a search of the header (up to 3.8 %; session 48). A header of printable
/// ASCII without quotes or backslashes — what the app's own cookies and a browser send — is read here by the same
/// rules as Vapor's parser: pieces between `;` and `,`, a name of token characters right before `=`, the value
/// trimmed of spaces and tabs, and the last cookie of the name wins. Any other header goes to Vapor's parser, so the
/// answer is always Vapor's (`RequestCookieTests` compares the two on random headers).
enum RequestCookie {
    static func value(_ name: String, in headers: HTTPHeaders) -> String? {
        let lines = headers[.cookie]
        guard !lines.isEmpty else { return nil }
        var found: String?
        var name = name
        for var line in lines {
            let read: Read = line.withUTF8 { bytes in name.withUTF8 { wanted in Self.read(bytes, wanted) } }
            switch read {
            case .absent: break
            case .value(let v): found = v
            case .notPlain: return headers.cookie?[name]?.string
            }
        }
        return found
    }

    private enum Read {
        case absent
        case value(String)
        case notPlain
    }

    private static let semicolon = UInt8(ascii: ";")
    private static let comma = UInt8(ascii: ",")
    private static let equals = UInt8(ascii: "=")

    /// The last value of `wanted` in one header line; `.notPlain` when the line has a byte this reading leaves to
    /// Vapor's parser.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ wanted: UnsafeBufferPointer<UInt8>) -> Read {
        var result = Read.absent
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != semicolon, bytes[end] != comma {
                guard isPlain(bytes[end]) else { return .notPlain }
                end += 1
            }
            var nameStart = start
            while nameStart < end, isLinearWhitespace(bytes[nameStart]) { nameStart += 1 }
            var nameEnd = nameStart
            while nameEnd < end, isToken(bytes[nameEnd]) { nameEnd += 1 }
            if nameEnd < end, bytes[nameEnd] == equals, nameEnd - nameStart == wanted.count,
                bytes[nameStart..<nameEnd].elementsEqual(wanted)
            {
                var valueStart = nameEnd + 1
                var valueEnd = end
                while valueStart < valueEnd, isLinearWhitespace(bytes[valueStart]) { valueStart += 1 }
                while valueEnd > valueStart, isLinearWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
                result = .value(String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self))
            }
            start = end + 1
        }
        return result
    }

    /// Printable ASCII or a tab, but a quote or a backslash (Vapor unquotes and unescapes those).
    private static func isPlain(_ b: UInt8) -> Bool {
        (b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\")) || b == UInt8(ascii: "\t")
    }

    private static func isLinearWhitespace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }

    /// RFC 2616's token characters (Vapor's `isTokenCharacter`): printable ASCII but its separators.
    private static func isToken(_ b: UInt8) -> Bool {
        guard b > 0x20, b < 0x7F else { return false }
        switch b {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"),
            UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "\\"), UInt8(ascii: "\""),
            UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "?"), UInt8(ascii: "="),
            UInt8(ascii: "{"), UInt8(ascii: "}"):
            return false
        default: return true
        }
    }
}
