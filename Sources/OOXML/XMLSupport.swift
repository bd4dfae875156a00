import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

// MARK: - Writing

enum XMLText {
    /// Text content escaped for use between tags. Characters XML 1.0 cannot hold are dropped;
    /// CR is written as a character reference so that parsers do not turn it into LF.
    static func escape(_ s: String) -> String { escaped(s, attribute: false) }

    /// Text escaped for use inside a double-quoted attribute value.
    static func attribute(_ s: String) -> String { escaped(s, attribute: true) }

    /// Element text keeps quotes, tabs and newlines; attribute values escape them too.
    private static func escaped(_ s: String, attribute: Bool) -> String {
        if !needsWork(s, attribute: attribute) { return s }
        var out = String()
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default:
                if isXMLChar(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Whether a byte of the text asks for the scalar loop: markup characters, control characters, and a 0xEF lead
    /// byte (U+F000–U+FFFF, where U+FFFE and U+FFFF, which XML cannot hold, live). Most cells need none of it.
    private static func needsWork(_ s: String, attribute: Bool) -> Bool {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\r"), 0xEF: return true
            case UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\t"): if attribute { return true }
            case 0..<0x20: return true
            default: continue
            }
        }
        return false
    }

    /// Whether XML 1.0 allows the character at all.
    static func isXMLChar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF: return true
        case 0xE000...0xFFFD: return true
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
}

extension String {
    /// The text in Unicode NFC, as the rest of the application stores Vietnamese text.
    var nfc: String {
        // Text made only of characters that are NFC whatever follows them is already NFC: skip the Foundation call
        // (a fifth of an export's time when it was made for every cell).
        if isNFCByQuickCheck { return self }
        return precomposedStringWithCanonicalMapping
    }

    /// True when every scalar is below U+0300 (ASCII, Latin-1, Latin Extended-A/B: đ, ơ, ư), in Latin Extended
    /// Additional (U+1E00–U+1EFF: the precomposed Vietnamese letters ạ, ế, ữ…), or common punctuation
    /// (U+2010–U+2027: dashes, “quotes”, …). None of these is a combining mark or decomposes canonically, and none
    /// composes with a previous letter, so such text is NFC. Anything else (a combining mark from a decomposed
    /// keyboard, other scripts) goes through the full normalisation.
    var isNFCByQuickCheck: Bool {
        for b in utf8 where b >= 0x80 {
            return unicodeScalars.allSatisfy {
                $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) || (0x2010...0x2027).contains($0.value)
            }
        }
        return true
    }
}

// MARK: - Reading

/// A small element tree, for the short parts of a package (relationships, workbook, styles).
final class XMLTreeElement {
    let name: String // local name, without a namespace prefix
    var attributes: [String: String] // by local name (and by qualified name when it has a prefix)
    var children: [XMLTreeElement] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func child(_ name: String) -> XMLTreeElement? { children.first { $0.name == name } }
    func children(_ name: String) -> [XMLTreeElement] { children.filter { $0.name == name } }
    subscript(attribute: String) -> String? { attributes[attribute] }

    /// All descendants with the given local name, in document order.
    func descendants(_ name: String) -> [XMLTreeElement] {
        var result: [XMLTreeElement] = []
        func walk(_ e: XMLTreeElement) {
            for c in e.children {
                if c.name == name { result.append(c) }
                walk(c)
            }
        }
        walk(self)
        return result
    }
}

enum XMLNames {
    /// "x:row" → "row"
    static func local(_ qualified: String) -> String {
        if let i = qualified.lastIndex(of: ":") { return String(qualified[qualified.index(after: i)...]) }
        return qualified
    }

    static func localAttributes(_ attributes: [String: String]) -> [String: String] {
        var result = attributes
        for (k, v) in attributes where k.contains(":") {
            let l = local(k)
            // Prefer an unprefixed attribute of the same local name if both exist.
            if result[l] == nil || attributes[l] == nil { result[l] = v }
        }
        return result
    }
}

/// Runs XMLParser over `data`, refusing documents with a DOCTYPE (OOXML never has one;
/// refusing it rules out entity expansion attacks).
func parseXML(_ data: Data, part: String, delegate: XMLParserDelegate & ParseFailureReporting) throws {
    guard data.contains(UInt8(ascii: "<")), data.range(of: Data("<!DOCTYPE".utf8)) == nil else {
        throw OOXMLError.corruptPart(part)
    }
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = false
    parser.shouldReportNamespacePrefixes = false
    parser.shouldResolveExternalEntities = false
    parser.delegate = delegate
    let ok = parser.parse()
    if let error = delegate.failure { throw error }
    // On Linux, parse() returns true for a truncated document but still sets parserError.
    if !ok || parser.parserError != nil { throw OOXMLError.corruptPart(part) }
}

protocol ParseFailureReporting: AnyObject {
    var failure: OOXMLError? { get }
}

final class TreeBuilder: NSObject, XMLParserDelegate, ParseFailureReporting {
    var root: XMLTreeElement?
    private var stack: [XMLTreeElement] = []
    var failure: OOXMLError?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        let e = XMLTreeElement(name: XMLNames.local(elementName), attributes: XMLNames.localAttributes(attributeDict))
        if let parent = stack.last { parent.children.append(e) } else { root = e }
        stack.append(e)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        stack.last?.text += String(decoding: block, as: UTF8.self)
    }
}

func parseTree(_ data: Data, part: String) throws -> XMLTreeElement {
    let builder = TreeBuilder()
    try parseXML(data, part: part, delegate: builder)
    guard let root = builder.root else { throw OOXMLError.corruptPart(part) }
    return root
}
