import Foundation

/// Vietnamese text rules used everywhere: NFC on input, folding for search (đ → d),
/// ordering person names by given name, dd/mm/yyyy dates.
public enum VietnameseText {
    /// Normalises to NFC and trims surrounding white space; inner runs of white space (line breaks included)
    /// become one space. Invisible characters are dropped first (see `isInvisible`).
    public static func clean(_ s: String) -> String {
        let visible = visibleOnly(s, keepLineBreaks: false)
        return plainClean(visible) ?? slowClean(visible)
    }

    /// `clean` through Foundation's NFC and grapheme-by-grapheme white space: the definition, for any text.
    static func slowClean(_ visible: String) -> String {
        visible.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `clean` of a plain text (see `isPlain`), nil for any other. A plain text is already NFC and its white space is
    /// U+0020 or U+00A0, so runs of them become one space scalar by scalar; a text that is already clean is returned
    /// as it is. An import cleans every cell: NFC through Foundation took a tenth of it (issue 11).
    static func plainClean(_ s: String) -> String? {
        var changed = false
        var space = false
        var started = false
        for c in s.unicodeScalars {
            guard isPlain(c.value) else { return nil }
            if c.value == 0x20 || c.value == 0xA0 {
                if space || !started || c.value == 0xA0 { changed = true }
                space = true
            } else {
                space = false
                started = true
            }
        }
        if space { changed = true }
        guard changed else { return s }
        var out = String.UnicodeScalarView()
        space = false
        for c in s.unicodeScalars {
            if c.value == 0x20 || c.value == 0xA0 {
                space = true
                continue
            }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        return String(out)
    }

    /// A scalar of plain text: printable ASCII, Latin-1 to the spacing modifier letters (U+00A0–U+02FF), Latin
    /// Extended Additional (U+1E00–U+1EFF: every Vietnamese vowel with its tone, precomposed), or the dashes and
    /// quotes of U+2010–U+2027 (“ ” – …). Each is NFC on its own and with any other, is a character by itself, and
    /// only U+0020 and U+00A0 among them are white space (`TextTests.plainScalars` checks all of it against the
    /// standard library and Foundation). The exports' `isNFCByQuickCheck` (OOXML) trusts the same ranges.
    @inline(__always)
    static func isPlain(_ v: UInt32) -> Bool {
        (0x20..<0x7F).contains(v) || (0xA0..<0x300).contains(v) || (0x1E00...0x1EFF).contains(v)
            || (0x2010...0x2027).contains(v)
    }

    /// The place of a plain scalar in the tables below, nil for any other scalar.
    @inline(__always)
    static func plainIndex(_ v: UInt32) -> Int? {
        if v < 0x300 { return v >= 0x20 && (v < 0x7F || v >= 0xA0) ? Int(v) : nil }
        if (0x1E00...0x1EFF).contains(v) { return 0x300 + Int(v - 0x1E00) }
        return (0x2010...0x2027).contains(v) ? 0x400 + Int(v - 0x2010) : nil
    }

    /// Every plain scalar, in the order of `plainIndex` (the holes are nil).
    static let plainScalars: [Unicode.Scalar?] = (0..<0x418).map { i in
        let v = i < 0x300 ? UInt32(i) : i < 0x400 ? UInt32(0x1E00 + i - 0x300) : UInt32(0x2010 + i - 0x400)
        return Unicode.Scalar(v).flatMap { isPlain($0.value) ? $0 : nil }
    }

    /// For multi-line notes: like `clean`, but line breaks are kept (CR LF and CR become LF) and the
    /// spaces inside a line are left as typed; surrounding white space is trimmed.
    public static func cleanMultiline(_ s: String) -> String {
        visibleOnly(s, keepLineBreaks: true).precomposedStringWithCanonicalMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Characters that show nothing yet change how text reads or compares: C0/C1 controls and DEL
    /// (NUL included), bidirectional overrides, embeddings and isolates (U+202E …), zero-width
    /// spaces and joiners, word joiners and the BOM. A name that looks like "An" must be "An".
    public static func isInvisible(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true // bidi marks
        case 0x180E, 0x200B...0x200D, 0x2060...0x2064, 0xFEFF: return true // zero-width
        default: return false
        }
    }

    /// Drops invisible characters; white-space controls (tab, line breaks, NEL) become a space, or a line
    /// break when `keepLineBreaks` (then CR LF and a lone CR become LF).
    static func visibleOnly(_ s: String, keepLineBreaks: Bool) -> String {
        let scalars = s.unicodeScalars
        guard scalars.contains(where: isInvisible) else { return s }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for c in scalars {
            defer { previousCR = c == "\r" }
            switch c {
            case "\n" where keepLineBreaks:
                if !previousCR { out.append("\n") }
            case "\r" where keepLineBreaks:
                out.append("\n")
            case "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}":
                out.append(" ")
            default:
                if !isInvisible(c) { out.append(c) }
            }
        }
        return String(out)
    }

    /// Folds for search: lower case, no diacritics, đ/Đ → d. "Đăk Ruồng" → "dak ruong".
    public static func fold(_ s: String) -> String {
        let cleaned = clean(s)
        var out: [UInt8] = []
        out.reserveCapacity(cleaned.utf8.count)
        for scalar in cleaned.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(UInt8(v) | (v >= 0x41 && v <= 0x5A ? 0x20 : 0)) // A–Z to a–z
            } else if let i = plainIndex(v), let folded = foldTable[i] {
                out.append(contentsOf: folded)
            } else {
                return slowFold(cleaned.lowercased())
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `fold` of a lower-cased text through Foundation's NFD: the definition, for any text.
    static func slowFold(_ lowered: String) -> String {
        var out = ""
        out.reserveCapacity(lowered.unicodeScalars.count)
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue // combining marks
            case 0x0111, 0x0110: out.unicodeScalars.append("d")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Each plain scalar lower-cased and folded on its own by `slowFold`, as UTF-8. Lower-casing and decomposition
    /// work scalar by scalar, and the marks decomposition could reorder are dropped, so a plain text folds to the
    /// concatenation; a scalar whose folding keeps a mark that could be reordered is nil and sends its text to
    /// `slowFold`.
    private static let foldTable: [[UInt8]?] = plainScalars.map { scalar in
        guard let scalar else { return nil }
        let folded = slowFold(String(scalar).lowercased())
        guard folded.unicodeScalars.allSatisfy({ $0.properties.canonicalCombiningClass == .notReordered }) else {
            return nil
        }
        return Array(folded.utf8)
    }

    private static let locale = Locale(identifier: "vi_VN")

    /// A count that stops at `bound`: the number itself up to the bound, “hơn 10.000” past it (issue 11: a total is
    /// exact when cheap, otherwise bounded).
    public static func boundedCount(_ counted: Int, bound: Int) -> String {
        // Grouped without Foundation's number format, whose set-up was 0.4 % of a search page's CPU.
        counted > bound ? "hơn " + grouped(Int64(bound)) : grouped(Int64(counted))
    }

    /// A number as Vietnamese writes it: "1.170.000" (dots between thousands, a minus sign in front of a negative).
    public static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Vietnamese collation of two strings (D before Đ, "Anh" before "Ánh").
    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        a.compare(b, options: [.caseInsensitive], range: nil, locale: locale)
    }

    /// Orders person names the Vietnamese way: by given name (the last word), then the full name.
    public static func personNameLess(_ a: String, _ b: String) -> Bool {
        let ga = givenName(a)
        let gb = givenName(b)
        switch compare(ga, gb) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return compare(a, b) == .orderedAscending
        }
    }

    public static func givenName(_ fullName: String) -> String {
        clean(fullName).split(separator: " ").last.map(String.init) ?? ""
    }

    /// A sort key for a person, usable by any database: digits only, so byte order and every collation
    /// agree. Given name first, then the full name; letters in the Vietnamese alphabet order
    /// (a ă â b c d đ e ê …), tones as a second level (Anh < Ánh), so "Dũng" sorts before "Đức".
    public static func personSortKey(_ fullName: String) -> String {
        let full = clean(fullName)
        let given = full.split(separator: " ").last.map(String.init) ?? ""
        let g = collationParts(given)
        let f = collationParts(full)
        // Given name fully (letters, then tones) before the full name (letters, then tones).
        return g.primary + "00" + g.tones + f.primary + "00" + f.tones
    }

    /// The same kind of key for any text (names of collectives, places).
    public static func sortKey(_ text: String) -> String {
        let p = collationParts(clean(text))
        return p.primary + "00" + p.tones
    }

    private static let alphabet: [String] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]
    private static let letterCode: [String: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0 + 20) })
    /// Tone marks in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
    private static let toneCode: [UInt32: Character] = [
        0x0300: "1", 0x0309: "2", 0x0303: "3", 0x0301: "4", 0x0323: "5",
    ]

    /// Each plain scalar's collation code and tone, computed once by `slowParts` itself (a plain scalar is a character
    /// of its own). Decomposing each character through Foundation took a third of an import's time at national scale
    /// (issue 11: `perf` of a 50,000-row import).
    private static let plainParts: [(primary: String, tones: String)?] = plainScalars.map { scalar in
        scalar.map { slowParts(Character($0)) }
    }

    private static func collationParts(_ text: String) -> (primary: String, tones: String) {
        let lowered = text.lowercased()
        var primary = ""
        var tones = ""
        primary.reserveCapacity(lowered.utf8.count * 2)
        for scalar in lowered.unicodeScalars {
            guard let i = plainIndex(scalar.value), let known = plainParts[i] else {
                return slowCollationParts(lowered)
            }
            primary += known.primary
            tones += known.tones
        }
        return (primary, tones)
    }

    /// The collation parts of any lower-cased text, character by character.
    private static func slowCollationParts(_ lowered: String) -> (primary: String, tones: String) {
        var primary = ""
        var tones = ""
        for ch in lowered {
            let p = slowParts(ch)
            primary += p.primary
            tones += p.tones
        }
        return (primary, tones)
    }

    /// One character's collation code (two digits) and its tone (none for a space, a digit or another sign): the
    /// definition `plainParts` caches for plain scalars.
    static func slowParts(_ ch: Character) -> (primary: String, tones: String) {
        var base = ""
        var tone: Character = "0"
        for scalar in String(ch).decomposedStringWithCanonicalMapping.unicodeScalars {
            if let t = toneCode[scalar.value] { tone = t } else { base.unicodeScalars.append(scalar) }
        }
        let letter = base.precomposedStringWithCanonicalMapping
        if let code = letterCode[letter] {
            return (String(code), String(tone))
        } else if letter == " " {
            return ("10", "")
        } else if let d = letter.first, d.isNumber, let v = d.wholeNumberValue {
            return ("1" + String(v), "")
        } else {
            return ("99", "")
        }
    }
}

/// Calendar dates as the office writes them: dd/mm/yyyy.
public enum VietnameseDate {
    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current
        return c
    }()

    public static func format(_ date: Date) -> String {
        let c = calendar.dateComponents([.day, .month, .year], from: date)
        return String(format: "%02d/%02d/%04d", c.day ?? 0, c.month ?? 0, c.year ?? 0)
    }

    public static func formatDateTime(_ date: Date) -> String {
        let c = calendar.dateComponents([.day, .month, .year, .hour, .minute], from: date)
        return String(
            format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// Parses dd/mm/yyyy (also d/m/yyyy) into a date at local midnight; nil when not a real date.
    public static func parse(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
            (1900...2200).contains(y), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        let comps = DateComponents(year: y, month: m, day: d)
        guard let date = calendar.date(from: comps) else { return nil }
        let back = calendar.dateComponents([.day, .month, .year], from: date)
        return (back.day == d && back.month == m && back.year == y) ? date : nil
    }

    /// "ngày 05 tháng 3 năm 2025": day below 10 and months 1–2 take a leading zero (Nghị định 30/2020).
    public static func placeAndDateLine(place: String, date: Date) -> String {
        let c = calendar.dateComponents([.day, .month, .year], from: date)
        let day = String(format: "%02d", c.day ?? 0)
        let month = (c.month ?? 0) <= 2 ? String(format: "%02d", c.month ?? 0) : String(c.month ?? 0)
        return "\(place), ngày \(day) tháng \(month) năm \(c.year ?? 0)"
    }
}
