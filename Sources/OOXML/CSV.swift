import Foundation

public enum CSV {
    /// The byte-order mark to put first in a UTF-8 CSV file so that Excel reads it as UTF-8.
    public static let utf8BOM: String = "\u{FEFF}"

    /// One record, RFC 4180 quoted: a field is quoted when it holds the separator, a quote, CR or LF
    /// (or starts or ends with a space, which some readers would trim); quotes are doubled.
    /// Ends with "\r\n". A field that would read as a formula gets a leading `'` (`FormulaGuard`).
    public static func line(_ fields: [String], separator: Character = ",") -> String {
        let sep = separator.unicodeScalars.first ?? ","
        var out = ""
        for (i, field) in fields.enumerated() {
            if i > 0 { out.unicodeScalars.append(sep) }
            out += quoted(FormulaGuard.neutralized(field), separator: sep)
        }
        out += "\r\n"
        return out
    }

    /// A whole file: the BOM (unless turned off) and one `line` per record.
    public static func document(_ records: [[String]], separator: Character = ",", bom: Bool = true) -> String {
        var out = bom ? utf8BOM : ""
        for record in records { out += line(record, separator: separator) }
        return out
    }

    static func quoted(_ field: String, separator: Unicode.Scalar) -> String {
        // Work on scalars: "\r\n" and a quote followed by a combining mark are single Characters.
        let scalars = field.unicodeScalars
        let needs =
            scalars.contains { $0 == separator || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || scalars.first == " " || scalars.last == " "
        guard needs else { return field }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for s in scalars {
            if s == "\"" { out.append("\"") }
            out.append(s)
        }
        out.append("\"")
        return String(out)
    }

    /// Parses RFC 4180 text: quoted fields may hold separators, doubled quotes and line breaks.
    /// A leading BOM is stripped; lines may end in "\n", "\r\n" or "\r"; the separator is ';' when the
    /// first record has more ';' than ',' outside quotes, else ','. Blank lines are skipped.
    /// Fields are returned in NFC. A quote that is never closed throws
    /// "Dòng N: dấu ngoặc kép không được đóng.", N being the line where the quoted field starts.
    public static func parse(_ text: String) throws -> [[String]] {
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let separator = detectSeparator(scalars)

        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var fieldWasQuoted = false
        var line = 1

        func endField() {
            let s = String(field)
            record.append(s.nfc)
            field = String.UnicodeScalarView()
        }
        func endRecord() {
            endField()
            // A blank line is a record of one empty, unquoted field: skip it.
            if !(record.count == 1 && record[0].isEmpty && !fieldWasQuoted) { records.append(record) }
            record = []
            fieldWasQuoted = false
        }

        var i = scalars.startIndex
        let end = scalars.endIndex
        var atFieldStart = true
        while i < end {
            let c = scalars[i]
            if atFieldStart && c == "\"" {
                // A quoted field: read to the closing quote.
                let startLine = line
                fieldWasQuoted = true
                i = scalars.index(after: i)
                var closed = false
                while i < end {
                    let q = scalars[i]
                    if q == "\"" {
                        let next = scalars.index(after: i)
                        if next < end && scalars[next] == "\"" {
                            field.append("\"")
                            i = scalars.index(after: next)
                            continue
                        }
                        i = next
                        closed = true
                        break
                    }
                    if q == "\n" {
                        line += 1
                    } else if q == "\r" {
                        let next = scalars.index(after: i)
                        if next == end || scalars[next] != "\n" { line += 1 }
                    }
                    field.append(q)
                    i = scalars.index(after: i)
                }
                if !closed { throw OOXMLError("Dòng \(startLine): dấu ngoặc kép không được đóng.") }
                atFieldStart = false
                continue // text after the closing quote, if any, is kept as it is
            }
            atFieldStart = false
            if c == separator {
                endField()
                fieldWasQuoted = false
                atFieldStart = true
            } else if c == "\n" || c == "\r" {
                let next = scalars.index(after: i)
                if c == "\r", next < end, scalars[next] == "\n" { i = next }
                endRecord()
                line += 1
                atFieldStart = true
            } else {
                field.append(c)
            }
            i = scalars.index(after: i)
        }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    /// Parses the bytes of a CSV file: UTF-8 (with or without BOM) or UTF-16 with a BOM.
    /// Text in another encoding (such as Windows-1258, which Excel's plain "CSV" uses) is refused with
    /// a message telling the user to save as "CSV UTF-8".
    public static func parse(data: Data) throws -> [[String]] {
        let text: String?
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            text = String(data: data, encoding: .utf16)
        } else {
            text = String(data: data, encoding: .utf8)
        }
        guard let text else {
            throw OOXMLError(
                "Tệp CSV không dùng bảng mã UTF-8. Trong Excel, hãy lưu lại bằng “CSV UTF-8 (Comma delimited)”.")
        }
        return try parse(text)
    }

    /// ';' when the first record has more semicolons than commas outside quotes.
    static func detectSeparator(_ scalars: Substring.UnicodeScalarView) -> Unicode.Scalar {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        for c in scalars {
            if c == "\"" {
                inQuotes.toggle() // a doubled quote toggles twice
            } else if !inQuotes {
                if c == "\n" || c == "\r" { break }
                if c == "," { commas += 1 } else if c == ";" { semicolons += 1 }
            }
        }
        return semicolons > commas ? ";" : ","
    }
}
