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
        // ASCII is always NFC; skip the Foundation call for the common case.
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return precomposedStringWithCanonicalMapping
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
