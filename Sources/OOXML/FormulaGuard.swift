import Foundation

/// CSV / formula injection (OWASP): a spreadsheet program reads a cell that starts with `=`, `+`, `-` or `@`
/// (also after a leading tab or CR, which some programs drop) as a formula, such as `=HYPERLINK(…)`.
/// Every text cell the exports write goes through `neutralized`; the imports report `risk` as a warning.
public enum FormulaGuard {
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@"]

    /// The character that makes `text` read as a formula, or nil. A plain number ("-3", "+4.5") is not one.
    public static func risk(_ text: String) -> Unicode.Scalar? {
        var scalars = text.unicodeScalars[...]
        // Leading tabs and CRs (and spaces between them) are dropped by some readers.
        while let first = scalars.first, first == "\t" || first == "\r" || first == " " { scalars.removeFirst() }
        guard let first = scalars.first else { return nil }
        // "-" or "=" alone (a common "none") is no formula.
        guard triggers.contains(first), scalars.count > 1, !isPlainNumber(String(String.UnicodeScalarView(scalars)))
        else { return nil }
        return first
    }

    /// The text a spreadsheet program shows as text: a leading `'` is added when `risk` finds a trigger,
    /// or when the text starts with a tab or CR (OWASP).
    public static func neutralized(_ text: String) -> String {
        let first = text.unicodeScalars.first
        return risk(text) != nil || first == "\t" || first == "\r" ? "'" + text : text
    }

    /// "-3", "+4.5", "-0,5" → true; "-3+4", "-", "--1" → false.
    static func isPlainNumber(_ s: String) -> Bool {
        var digits = 0
        var separators = 0
        for (i, c) in s.unicodeScalars.enumerated() {
            switch c {
            case "+", "-": if i != 0 { return false }
            case "0"..."9": digits += 1
            case ".", ",": separators += 1
            default: return false
            }
        }
        return digits > 0 && separators <= 1
    }
}
