import Foundation

/// The allow-list sanitiser for a story's body (issue 10 §1): the server keeps only the elements and attributes
/// listed here, and writes them back well-formed and escaped. No script can get through: script-like elements go with
/// their content, other unknown elements are unwrapped (their text kept, escaped), every attribute not listed is
/// dropped, and a link or image address is checked after its entities, whitespace and case are undone.
///
/// The output is a fixed point: `sanitize(sanitize(x)) == sanitize(x)`.
public enum HTMLSanitizer {
    /// The elements a body may contain, as the form says to the editor.
    public static let allowedElements: [String] = [
        "p", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "b", "i", "blockquote", "br", "figure",
        "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td",
    ]
    static let allowed = Set(allowedElements)
    /// Dropped together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "svg", "math", "template", "noscript", "noembed", "noframes",
        "textarea", "title", "xmp", "select", "frameset", "head", "applet", "audio", "video", "canvas",
    ]
    /// Elements whose content is raw text up to their end tag (no tags inside).
    static let rawText: Set<String> = [
        "script", "style", "iframe", "noscript", "noembed", "noframes", "textarea", "title", "xmp", "plaintext",
    ]
    static let void: Set<String> = ["br", "img"]
    /// Blocks that end an open paragraph or heading.
    static let blocks: Set<String> = ["p", "h2", "h3", "h4", "ul", "ol", "blockquote", "figure", "table"]
    /// Elements that may only stand inside one of these parents.
    static let parents: [String: Set<String>] = [
        "li": ["ul", "ol"], "thead": ["table"], "tbody": ["table"], "tr": ["table", "thead", "tbody"],
        "td": ["tr"], "th": ["tr"], "figcaption": ["figure"],
    ]

    public static func sanitize(_ html: String) -> String {
        var s = Sanitizer(Array(html.unicodeScalars))
        s.run()
        return s.out
    }

    /// A link address the body may carry: http, https or mailto, or a site-relative path ("/…") or a fragment.
    /// Returns the cleaned address (controls and whitespace removed), or nil.
    public static func safeHref(_ raw: String) -> String? {
        let cleaned = cleanURL(raw)
        guard !cleaned.isEmpty else { return nil }
        if cleaned.hasPrefix("#") { return cleaned }
        if cleaned.hasPrefix("/") {
            // "//host" and "/\host" leave the site.
            let second = cleaned.dropFirst().first
            return second == "/" || second == "\\" ? nil : cleaned
        }
        let lower = cleaned.lowercased()
        for scheme in ["http://", "https://", "mailto:"] where lower.hasPrefix(scheme) {
            if scheme != "mailto:" && lower.count <= scheme.count { return nil }
            return cleaned
        }
        return nil
    }

    /// An image address the body may carry: a story photo, internal (`/app/stories/{id}/photos/{pid}`) or public
    /// (`/anh/{pid}`).
    public static func safeImageSrc(_ raw: String) -> String? {
        let cleaned = cleanURL(raw)
        let parts = cleaned.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func isNumber(_ s: String) -> Bool { !s.isEmpty && s.count <= 12 && s.allSatisfy { $0.isASCII && $0.isNumber } }
        if parts.count == 3, parts[0] == "", parts[1] == "anh", isNumber(parts[2]) { return cleaned }
        if parts.count == 6, parts[0] == "", parts[1] == "app", parts[2] == "stories", isNumber(parts[3]),
            parts[4] == "photos", isNumber(parts[5])
        {
            return cleaned
        }
        return nil
    }

    /// Browsers ignore ASCII controls and whitespace inside a URL's scheme ("jav&#x09;ascript:"): they go, and a
    /// space inside a path is written %20.
    static func cleanURL(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        for u in raw.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F || u == "\u{00A0}" || (u.properties.isWhitespace && u != " ") {
                continue
            }
            out.append(u)
        }
        return String(out).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "%20")
    }

    static func escapeText(_ s: String, into out: inout String) {
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\u{0}": continue
            default: out.unicodeScalars.append(c)
            }
        }
    }
}

/// One pass over the input: a small tokenizer feeding a stack of open allowed elements.
private struct Sanitizer {
    let input: [Unicode.Scalar]
    var i = 0
    var out = ""
    var stack: [String] = []

    init(_ input: [Unicode.Scalar]) { self.input = input }

    mutating func run() {
        var text = String.UnicodeScalarView()
        func flush(_ s: inout Sanitizer) {
            guard !text.isEmpty else { return }
            HTMLSanitizer.escapeText(decodeEntities(String(text), inAttribute: false), into: &s.out)
            text = String.UnicodeScalarView()
        }
        while i < input.count {
            let c = input[i]
            guard c == "<", i + 1 < input.count else {
                text.append(c)
                i += 1
                continue
            }
            let n = input[i + 1]
            if isLetter(n) {
                flush(&self)
                startTag()
            } else if n == "/" && i + 2 < input.count && isLetter(input[i + 2]) {
                flush(&self)
                endTag()
            } else if n == "!" || n == "?" || (n == "/" && i + 2 < input.count) {
                // Comments, CDATA, doctypes, processing instructions, "</ >": dropped.
                flush(&self)
                skipMarkup()
            } else {
                text.append(c)
                i += 1
            }
        }
        flush(&self)
        while let top = stack.popLast() { out += "</\(top)>" }
    }

    func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
    func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }

    mutating func skipMarkup() {
        if match("<!--") {
            i += 4
            while i < input.count && !match("-->") && !match("--!>") { i += 1 }
            i = min(input.count, i + (match("--!>") ? 4 : 3))
            return
        }
        while i < input.count && input[i] != ">" { i += 1 }
        i += 1
    }

    func match(_ s: String) -> Bool {
        var j = i
        for u in s.unicodeScalars {
            guard j < input.count, input[j] == u else { return false }
            j += 1
        }
        return true
    }

    /// Reads `<name attrs…>`; i stands after it.
    mutating func readTag(from start: Int) -> (name: String, attrs: [(String, String)]) {
        i = start
        var name = String.UnicodeScalarView()
        while i < input.count, !isSpace(input[i]), input[i] != "/", input[i] != ">" {
            name.append(input[i])
            i += 1
        }
        var attrs: [(String, String)] = []
        while i < input.count {
            while i < input.count, isSpace(input[i]) || input[i] == "/" { i += 1 }
            guard i < input.count, input[i] != ">" else { break }
            var key = String.UnicodeScalarView()
            key.append(input[i])
            i += 1
            while i < input.count, !isSpace(input[i]), input[i] != "/", input[i] != ">", input[i] != "=" {
                key.append(input[i])
                i += 1
            }
            while i < input.count, isSpace(input[i]) { i += 1 }
            var value = String.UnicodeScalarView()
            if i < input.count, input[i] == "=" {
                i += 1
                while i < input.count, isSpace(input[i]) { i += 1 }
                if i < input.count, input[i] == "\"" || input[i] == "'" {
                    let q = input[i]
                    i += 1
                    while i < input.count, input[i] != q {
                        value.append(input[i])
                        i += 1
                    }
                    i += 1
                } else {
                    while i < input.count, !isSpace(input[i]), input[i] != ">" {
                        value.append(input[i])
                        i += 1
                    }
                }
            }
            attrs.append((String(key).lowercased(), decodeEntities(String(value), inAttribute: true)))
        }
        i = min(input.count, i + 1)
        return (String(name).lowercased(), attrs)
    }

    mutating func startTag() {
        let (name, attrs) = readTag(from: i + 1)
        if HTMLSanitizer.droppedWithContent.contains(name) || name == "plaintext" {
            skipContent(of: name)
            return
        }
        guard HTMLSanitizer.allowed.contains(name) else { return } // unknown: unwrapped
        if let required = HTMLSanitizer.parents[name] {
            // A list item, row or cell stands only in its parent; it ends whatever is open inside that parent
            // (the previous item, row or cell).
            guard let at = stack.lastIndex(where: { required.contains($0) }) else { return } // out of place: unwrapped
            close(downTo: at + 1)
        } else if HTMLSanitizer.blocks.contains(name) {
            if let at = stack.lastIndex(where: { ["p", "h2", "h3", "h4"].contains($0) }),
                !stack[at...].contains(where: { ["li", "blockquote", "td", "th", "figure"].contains($0) })
            {
                close(downTo: at)
            }
        } else if name == "a", let at = stack.lastIndex(of: "a") {
            close(downTo: at)
        }
        // Inside a table only its rows and cells stand directly.
        if let top = stack.last, ["table", "thead", "tbody", "tr", "ul", "ol"].contains(top),
            HTMLSanitizer.parents[name] == nil
        {
            return
        }
        switch name {
        case "a":
            guard let href = attrs.first(where: { $0.0 == "href" }).flatMap({ HTMLSanitizer.safeHref($0.1) }) else {
                return
            }
            out += "<a href=\""
            HTMLSanitizer.escapeText(href, into: &out)
            out += "\" rel=\"noopener nofollow\">"
        case "img":
            let alt = attrs.first(where: { $0.0 == "alt" })?.1.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !alt.isEmpty,
                let src = attrs.first(where: { $0.0 == "src" }).flatMap({ HTMLSanitizer.safeImageSrc($0.1) })
            else { return }
            out += "<img src=\""
            HTMLSanitizer.escapeText(src, into: &out)
            out += "\" alt=\""
            HTMLSanitizer.escapeText(alt, into: &out)
            out += "\">"
            return
        case "br":
            out += "<br>"
            return
        case "td", "th":
            out += "<\(name)"
            for key in ["colspan", "rowspan"] {
                if let v = attrs.first(where: { $0.0 == key })?.1, let n = Int(v), (1...99).contains(n) {
                    out += " \(key)=\"\(n)\""
                }
            }
            if name == "th", let v = attrs.first(where: { $0.0 == "scope" })?.1.lowercased(), v == "row" || v == "col" {
                out += " scope=\"\(v)\""
            }
            out += ">"
        default:
            out += "<\(name)>"
        }
        stack.append(name)
    }

    mutating func close(downTo index: Int) {
        while stack.count > index, let top = stack.popLast() { out += "</\(top)>" }
    }

    mutating func endTag() {
        let (name, _) = readTag(from: i + 2)
        if let at = stack.lastIndex(of: name) {
            close(downTo: at)
        }
    }

    /// Skips a dropped element and everything inside it (nested ones of the same name counted).
    mutating func skipContent(of name: String) {
        if name == "plaintext" {
            i = input.count
            return
        }
        let closing = Array("</\(name)".unicodeScalars)
        func atClosing(_ s: Sanitizer) -> Bool {
            guard s.i + closing.count <= s.input.count else { return false }
            for (k, u) in closing.enumerated() where lower(s.input[s.i + k]) != u { return false }
            let after = s.i + closing.count
            return after == s.input.count || !isLetterOrDigit(s.input[after])
        }
        if HTMLSanitizer.rawText.contains(name) {
            while i < input.count, !atClosing(self) { i += 1 }
            if i < input.count { _ = readTag(from: i + 2) }
            return
        }
        var depth = 1
        let opening = Array("<\(name)".unicodeScalars)
        while i < input.count {
            if atClosing(self) {
                depth -= 1
                _ = readTag(from: i + 2)
                if depth == 0 { return }
                continue
            }
            var isOpen = i + opening.count <= input.count
            if isOpen {
                for (k, u) in opening.enumerated() where lower(input[i + k]) != u { isOpen = false }
                if isOpen, i + opening.count < input.count, isLetterOrDigit(input[i + opening.count]) { isOpen = false }
            }
            if isOpen {
                depth += 1
                _ = readTag(from: i + 1)
                continue
            }
            i += 1
        }
    }

    func lower(_ u: Unicode.Scalar) -> Unicode.Scalar {
        (u >= "A" && u <= "Z") ? Unicode.Scalar(u.value + 32)! : u
    }
    func isLetterOrDigit(_ u: Unicode.Scalar) -> Bool { isLetter(u) || (u >= "0" && u <= "9") }
}

/// Character references: numeric (with or without ";") and the named ones an editor or an attack is likely to use.
/// An unknown name is left as written (its "&" is then escaped).
func decodeEntities(_ s: String, inAttribute: Bool) -> String {
    guard s.contains("&") else { return s }
    let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "tab": "\t",
        "newline": "\n", "colon": ":", "lpar": "(", "rpar": ")", "sol": "/", "num": "#", "period": ".",
        "comma": ",", "semi": ";", "equals": "=", "excl": "!", "ndash": "–", "mdash": "—", "hellip": "…",
        "laquo": "«", "raquo": "»", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "copy": "©",
    ]
    let chars = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < chars.count {
        guard chars[i] == "&", i + 1 < chars.count else {
            out.append(chars[i])
            i += 1
            continue
        }
        var j = i + 1
        if chars[j] == "#" {
            j += 1
            var hex = false
            if j < chars.count, chars[j] == "x" || chars[j] == "X" {
                hex = true
                j += 1
            }
            var digits = ""
            while j < chars.count, digits.count < 10,
                hex ? chars[j].properties.isASCIIHexDigit : (chars[j] >= "0" && chars[j] <= "9")
            {
                digits.unicodeScalars.append(chars[j])
                j += 1
            }
            // Leading zeros ("&#0000106") are still one character.
            while j < chars.count, hex ? chars[j].properties.isASCIIHexDigit : (chars[j] >= "0" && chars[j] <= "9") {
                j += 1
            }
            if !digits.isEmpty, let v = UInt32(digits, radix: hex ? 16 : 10) {
                if j < chars.count, chars[j] == ";" { j += 1 }
                let scalar = (v == 0 || v > 0x10FFFF) ? Unicode.Scalar(0xFFFD)! : (Unicode.Scalar(v) ?? "\u{FFFD}")
                out.append(scalar)
                i = j
                continue
            }
            out.append(chars[i])
            i += 1
            continue
        }
        var name = ""
        while j < chars.count, name.count < 12, chars[j].properties.isAlphabetic, chars[j].isASCII {
            name.unicodeScalars.append(chars[j])
            j += 1
        }
        if let v = named[name.lowercased()] ?? named[name], j < chars.count, chars[j] == ";" {
            out.append(contentsOf: v.unicodeScalars)
            i = j + 1
            continue
        }
        if !inAttribute, ["amp", "lt", "gt", "quot", "nbsp"].contains(name), let v = named[name] {
            out.append(contentsOf: v.unicodeScalars)
            i = j
            continue
        }
        out.append(chars[i])
        i += 1
    }
    return String(out)
}
