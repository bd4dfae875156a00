import Foundation

/// Vietnamese text rules used everywhere: NFC on input, folding for search (đ → d),
/// ordering person names by given name, dd/mm/yyyy dates.
public enum VietnameseText {
    /// Normalises to NFC and trims surrounding white space; inner runs of white space (line breaks included)
    /// become one space. Invisible characters are dropped first (see `isInvisible`).
    public static func clean(_ s: String) -> String {
        let nfc = visibleOnly(s, keepLineBreaks: false).precomposedStringWithCanonicalMapping
        return nfc.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
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
        let lowered = clean(s).lowercased()
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

    private static let locale = Locale(identifier: "vi_VN")

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
        let given = givenName(fullName)
        let full = clean(fullName)
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

    /// The letters of the Vietnamese alphabet in lower case, with each of the five tone marks and none, as their
    /// collation code and tone, computed once by `slowParts` itself. Decomposing each character through Foundation
    /// took a third of an import's time at national scale (issue 11: `perf` of a 50,000-row import).
    private static let letterParts: [Character: (code: String, tone: Character)] = {
        var table: [Character: (code: String, tone: Character)] = [:]
        for letter in alphabet {
            for mark in ["", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"] {
                let composed = (letter + mark).precomposedStringWithCanonicalMapping
                guard composed.count == 1, let ch = composed.first else { continue }
                let p = slowParts(ch)
                if let tone = p.tones.first { table[ch] = (p.primary, tone) }
            }
        }
        return table
    }()

    private static func collationParts(_ text: String) -> (primary: String, tones: String) {
        var primary = ""
        var tones = ""
        primary.reserveCapacity(text.utf8.count * 2)
        for ch in text.lowercased() {
            if let known = letterParts[ch] {
                primary += known.code
                tones.append(known.tone)
            } else {
                let p = slowParts(ch)
                primary += p.primary
                tones += p.tones
            }
        }
        return (primary, tones)
    }

    /// One character's collation code (two digits) and its tone (none for a space, a digit or another sign): the
    /// definition `letterParts` caches for the alphabet.
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
