import Foundation

public enum XLSXReader {
    /// Rows of the first worksheet (or the one named `sheet`) as displayed text, in NFC:
    /// shared and inline strings, numbers (integers without ".0"), booleans ("TRUE"/"FALSE"),
    /// error values ("#DIV/0!"), cached formula results, and dates ("dd/mm/yyyy" for cells with a date
    /// number format; " HH:mm" or " HH:mm:ss" is added when the format shows a time, and a time-only
    /// format gives "HH:mm" or "HH:mm:ss").
    ///
    /// Cells are placed by their `r="C5"` references, skipped cells read as "", and every row is padded
    /// with "" to the width of the widest row so that columns line up. Trailing empty rows are dropped;
    /// an empty sheet gives `[]`.
    public static func rows(data: Data, sheet: String? = nil) throws -> [[String]] {
        let workbook = try Workbook(data: data)
        let target = try workbook.sheet(named: sheet)
        let strings = try workbook.sharedStrings()
        let styles = try workbook.styles()
        let handler = SheetHandler(sharedStrings: strings, styles: styles, date1904: workbook.date1904)
        try workbook.reader.parse(target.path, handler: handler, missing: .corruptPart(target.path))
        return try handler.table()
    }

    /// Names of all sheets, in the workbook's order (NFC).
    public static func sheetNames(data: Data) throws -> [String] {
        try Workbook(data: data).sheets.map(\.name)
    }
}

// MARK: - Workbook structure

struct Workbook {
    struct Sheet {
        let name: String
        let path: String
        let isWorksheet: Bool
    }

    let reader: PackageReader
    let path: String
    let sheets: [Sheet]
    let date1904: Bool
    private let relationships: [Relationship]

    init(data: Data) throws {
        reader = try PackageReader(data: data, notAPackage: .notXLSX)
        let rootRels = (try? readRelationships(reader, for: "")) ?? []
        let office = rootRels.first { !$0.external && $0.type.hasSuffix("/officeDocument") }
        let candidate = office?.target ?? "xl/workbook.xml"
        guard reader.contains(candidate) else {
            if reader.contains("word/document.xml") {
                throw OOXMLError.wordDocument
            }
            throw OOXMLError.notXLSX
        }
        path = candidate
        guard let xml = try reader.read(path) else { throw OOXMLError.notXLSX }
        let root = try parseTree(xml, part: path)
        guard root.name == "workbook" else {
            if root.name == "document" { throw OOXMLError.wordDocument }
            throw OOXMLError.notXLSX
        }
        relationships = try readRelationships(reader, for: path)
        let byID = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        let flag = root.child("workbookPr")?["date1904"]?.lowercased()
        date1904 = flag == "1" || flag == "true"

        var sheets: [Sheet] = []
        for element in root.child("sheets")?.children("sheet") ?? [] {
            guard let name = element["name"] else { continue }
            // r:id is stored under its local name "id" too; prefer the namespaced one.
            let rid = element.attributes.first { $0.key.hasSuffix(":id") }?.value ?? element["id"]
            guard let rid, let rel = byID[rid], !rel.external else { continue }
            sheets.append(Sheet(name: name.nfc, path: rel.target, isWorksheet: rel.type.hasSuffix("/worksheet")))
        }
        guard !sheets.isEmpty else { throw OOXMLError("Tệp Excel không có trang tính nào.") }
        self.sheets = sheets
    }

    func sheet(named name: String?) throws -> Sheet {
        guard let name else {
            guard let first = sheets.first(where: \.isWorksheet) else {
                throw OOXMLError("Tệp Excel không có trang tính chứa dữ liệu dạng bảng.")
            }
            return first
        }
        let wanted = name.nfc
        let found =
            sheets.first { $0.name == wanted }
            ?? sheets.first { $0.name.lowercased() == wanted.lowercased() }
        guard let found else {
            let list = sheets.map { "“\($0.name)”" }.joined(separator: ", ")
            throw OOXMLError("Không tìm thấy trang tính “\(wanted)”. Các trang tính có trong tệp: \(list).")
        }
        guard found.isWorksheet else {
            throw OOXMLError("Trang tính “\(found.name)” không chứa dữ liệu dạng bảng.")
        }
        return found
    }

    private func related(_ suffix: String, fallback: String) -> String {
        relationships.first { !$0.external && $0.type.hasSuffix(suffix) }?.target ?? fallback
    }

    func sharedStrings() throws -> [String] {
        let path = related("/sharedStrings", fallback: "xl/sharedStrings.xml")
        guard reader.contains(path) else { return [] }
        let handler = SharedStringsHandler()
        try reader.parse(path, handler: handler, missing: .corruptPart(path))
        return handler.strings
    }

    func styles() throws -> [CellFormat] {
        let path = related("/styles", fallback: "xl/styles.xml")
        guard let xml = try reader.read(path) else { return [] }
        let root = try parseTree(xml, part: path)
        var custom: [Int: String] = [:]
        for f in root.child("numFmts")?.children("numFmt") ?? [] {
            if let id = f["numFmtId"].flatMap({ Int($0) }), let code = f["formatCode"] { custom[id] = code }
        }
        return (root.child("cellXfs")?.children("xf") ?? []).map { xf in
            let id = xf["numFmtId"].flatMap { Int($0) } ?? 0
            if let code = custom[id] { return CellFormat(code: code) }
            return CellFormat(builtin: id)
        }
    }
}

// MARK: - Number formats

/// What a cell's number format says about how its number is shown.
struct CellFormat: Equatable {
    var date = false
    var time = false
    var seconds = false

    static let general = CellFormat()

    init() {}

    init(builtin id: Int) {
        switch id {
        case 14...17, 27...31, 36, 50...58: date = true
        case 22: (date, time) = (true, true)
        case 18, 20, 32, 33: time = true
        case 19, 21, 34, 35: (time, seconds) = (true, true)
        default: break
        }
    }

    /// Classifies a format code such as `dd/mm/yyyy`, `[$-42A]d mmmm yyyy`, `h:mm AM/PM` or `#,##0 "đ"`.
    init(code: String) {
        let s = Array(code.unicodeScalars)
        var letters = Set<Character>()
        var i = 0
        scan: while i < s.count {
            let c = s[i]
            switch c {
            case ";":
                break scan // only the first section (positive numbers) matters
            case "\"":
                i += 1
                while i < s.count, s[i] != "\"" { i += 1 }
            case "\\", "_", "*":
                i += 1 // the next character is a literal, a space width or a fill
            case "[":
                var j = i + 1
                var inside = ""
                while j < s.count, s[j] != "]" {
                    inside.unicodeScalars.append(s[j])
                    j += 1
                }
                // [h]:mm:ss and the like are durations, not times of day: show them as numbers.
                let lower = inside.lowercased()
                if !lower.isEmpty, lower.allSatisfy({ "hms".contains($0) }) { return }
                i = j
            case "a", "A":
                let rest = String(String.UnicodeScalarView(s[i..<min(s.count, i + 5)])).lowercased()
                if rest.hasPrefix("am/pm") {
                    i += 4
                } else if rest.hasPrefix("a/p") {
                    i += 2
                }
            default:
                let ch = Character(c).lowercased()
                if ["y", "d", "m", "h", "s"].contains(ch) { letters.insert(Character(ch)) }
            }
            i += 1
        }
        let hasTime = letters.contains("h") || letters.contains("s")
        date = letters.contains("y") || letters.contains("d") || (letters.contains("m") && !hasTime)
        time = hasTime
        seconds = letters.contains("s")
    }

    func display(_ serial: Double, date1904: Bool) -> String? {
        guard date || time, let c = SpreadsheetDate.components(serial: serial, date1904: date1904) else {
            return nil
        }
        var parts: [String] = []
        if date { parts.append(SpreadsheetDate.text(day: c.day, month: c.month, year: c.year)) }
        if time {
            var t = SpreadsheetDate.pad2(c.hour) + ":" + SpreadsheetDate.pad2(c.minute)
            if seconds { t += ":" + SpreadsheetDate.pad2(c.second) }
            parts.append(t)
        }
        return parts.joined(separator: " ")
    }
}

enum NumberText {
    /// A cell's stored number as text: integers without ".0", others in their shortest exact form,
    /// never in exponent notation.
    static func display(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let d = Double(trimmed), d.isFinite else { return trimmed }
        if d == d.rounded(.towardZero), abs(d) < 1e18 { return String(Int64(d)) }
        let shortest = "\(d)"
        if shortest.contains("e"), let decimal = Decimal(string: shortest) {
            return "\(decimal)"
        }
        return shortest
    }
}

// MARK: - Streaming handlers

final class SharedStringsHandler: XMLPushHandler {
    /// Shared strings kept at most: their count, and their total length in UTF-8 bytes.
    static let maxCount = 2_000_000
    static let maxBytes = 64 * 1024 * 1024

    var strings: [String] = []
    private var bytes = 0
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    var wantsText: Bool { inText }

    func start(_ name: String, _ attributes: [String: String]) throws {
        switch name {
        case "si": (inItem, current) = (true, "")
        case "t": inText = inItem && phoneticDepth == 0
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    func end(_ name: String) throws {
        switch name {
        case "si":
            strings.append(SpreadsheetEscape.decode(current).nfc)
            bytes += current.utf8.count
            inItem = false
            if strings.count > Self.maxCount || bytes > Self.maxBytes {
                throw OOXMLError("Tệp Excel quá lớn: bảng chuỗi dùng chung vượt quá giới hạn cho phép.")
            }
        case "t": inText = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }

    func text(_ s: String) throws {
        if inText { current += s }
    }
}

final class SheetHandler: XMLPushHandler {
    private let sharedStrings: [String]
    private let styles: [CellFormat]
    private let date1904: Bool
    /// Cells with text kept at most (50,000 rows of 40 columns), and their text in UTF-8 bytes: what a sheet
    /// may cost in memory, whatever its archive claims.
    static let maxCells = 2_000_000
    static let maxTextBytes = 64 * 1024 * 1024
    private var cellCount = 0
    private var textBytes = 0

    /// Row number (1-based) → column (0-based) → text.
    private var cells: [Int: [Int: String]] = [:]
    private var rowNumber = 0
    private var column = -1

    // The cell being read.
    private var inCell = false
    private var cellType = "n"
    private var cellStyle = 0
    private var value = ""
    private var inline = ""
    private var readingValue = false
    private var readingInline = false
    private var inInline = false
    private var phoneticDepth = 0
    private var sawValue = false

    init(sharedStrings: [String], styles: [CellFormat], date1904: Bool) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
    }

    var wantsText: Bool { readingValue || readingInline }

    func start(_ name: String, _ attributes: [String: String]) throws {
        switch name {
        case "row":
            if let r = attributes["r"], let n = Int(r) { rowNumber = n } else { rowNumber += 1 }
            column = -1
            if rowNumber < 1 || rowNumber > XLSXWriter.maxRows { throw Self.outOfGrid }
        case "c":
            if let ref = attributes["r"], let col = Self.column(of: ref) { column = col } else { column += 1 }
            if column >= XLSXWriter.maxColumns { throw Self.outOfGrid }
            if rowNumber == 0 { rowNumber = 1 } // a cell outside any row element
            inCell = true
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
            (value, inline, sawValue) = ("", "", false)
        case "v":
            readingValue = inCell
            sawValue = sawValue || inCell
        case "is":
            inInline = inCell
        case "t":
            readingInline = inInline && phoneticDepth == 0
        case "rPh":
            phoneticDepth += 1
        default:
            break
        }
    }

    func end(_ name: String) throws {
        switch name {
        case "c":
            let text = cellText()
            if !text.isEmpty {
                if cells[rowNumber, default: [:]].updateValue(text, forKey: column) == nil { cellCount += 1 }
                textBytes += text.utf8.count
                if cellCount > Self.maxCells || textBytes > Self.maxTextBytes {
                    throw OOXMLError(
                        "Trang tính quá lớn: tối đa \(Self.maxCells) ô có dữ liệu và \(Self.maxTextBytes / 1_048_576) MB chữ."
                    )
                }
            }
            inCell = false
        case "v": readingValue = false
        case "is": inInline = false
        case "t": readingInline = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }

    func text(_ string: String) throws {
        if readingValue {
            value += string
        } else if readingInline {
            inline += string
        }
    }

    static let outOfGrid = OOXMLError("Tệp Excel bị hỏng: có ô nằm ngoài phạm vi của Excel.")

    private func cellText() -> String {
        switch cellType {
        case "s":
            guard let i = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(i) else {
                return ""
            }
            return sharedStrings[i]
        case "inlineStr":
            return SpreadsheetEscape.decode(sawValue && inline.isEmpty ? value : inline).nfc
        case "str", "e":
            return SpreadsheetEscape.decode(value).nfc
        case "b":
            let v = value.trimmingCharacters(in: .whitespaces).lowercased()
            if v.isEmpty { return "" }
            return v == "1" || v == "true" ? "TRUE" : "FALSE"
        case "d":
            return Self.isoDateText(value.trimmingCharacters(in: .whitespaces))
        default:
            let raw = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if raw.isEmpty { return "" }
            if styles.indices.contains(cellStyle), let number = Double(raw),
                let text = styles[cellStyle].display(number, date1904: date1904)
            {
                return text
            }
            return NumberText.display(raw)
        }
    }

    /// "2025-03-05" or "2025-03-05T14:30:00" → "05/03/2025" (with " 14:30" when a time is given).
    static func isoDateText(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= scalars.count else { return nil }
            return Int(String(String.UnicodeScalarView(scalars[range])))
        }
        guard scalars.count >= 10, scalars[4] == "-", scalars[7] == "-",
            let y = number(0..<4), let m = number(5..<7), let d = number(8..<10)
        else { return s }
        var text = SpreadsheetDate.text(day: d, month: m, year: y)
        if scalars.count >= 16, scalars[10] == "T", let h = number(11..<13), let mi = number(14..<16) {
            let sec = number(17..<19) ?? 0
            if h != 0 || mi != 0 || sec != 0 {
                text += " " + SpreadsheetDate.pad2(h) + ":" + SpreadsheetDate.pad2(mi)
                if sec != 0 { text += ":" + SpreadsheetDate.pad2(sec) }
            }
        }
        return text
    }

    /// "C5" → 2; "$AA$10" → 26.
    static func column(of ref: String) -> Int? {
        var n = 0
        var letters = 0
        for u in ref.utf8 {
            switch u {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): n = n * 26 + Int(u - 64)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): n = n * 26 + Int(u - 96)
            default:
                return letters > 0 ? n - 1 : nil
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 ? n - 1 : nil
    }

    /// The rectangle of cells, empty ones included (each costs an empty string).
    static let maxTableCells = 5_000_000

    /// The cells as a rectangle: rows up to the last one with text, all as wide as the widest.
    func table() throws -> [[String]] {
        guard let lastRow = cells.keys.max() else { return [] }
        let width = (cells.values.compactMap { $0.keys.max() }.max() ?? -1) + 1
        // A few far-apart cells must not make a table of billions of empty strings.
        guard lastRow * width <= Self.maxTableCells else {
            throw OOXMLError("Trang tính quá lớn: vượt quá \(Self.maxTableCells) ô.")
        }
        var result: [[String]] = []
        result.reserveCapacity(lastRow)
        for r in 1...lastRow {
            var row = [String](repeating: "", count: width)
            if let values = cells[r] {
                for (c, text) in values { row[c] = text }
            }
            result.append(row)
        }
        return result
    }
}
