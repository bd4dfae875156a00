import Foundation

/// The plan's publicity columns (§II.6, §IV.5–6) and the minority languages a story's summary may be in (§IV.7),
/// read from the versioned data file `Resources/Catalogue/columns.json`.
public struct StoryColumns: Sendable, Equatable {
    public struct Column: Sendable, Equatable, Codable {
        public let code: String
        public let name: String
        public let source: String?
        /// The URL word of the column: its code, which the data file keeps ASCII and hyphenated.
        public var slug: String { code }
    }
    public struct Language: Sendable, Equatable, Codable {
        /// The BCP 47 tag written into the `lang` attribute.
        public let code: String
        public let name: String
        /// Whether the code has been checked against the registry (else the form marks it "cần xác minh").
        public let verified: Bool
        public let source: String?
        /// The name as a select shows it.
        public var label: String { verified ? "\(name) (\(code))" : "\(name) (\(code), mã cần xác minh)" }
    }

    public let version: String
    public let legalBasis: String
    public let columns: [Column]
    public let languages: [Language]

    private struct File: Decodable {
        let version: String
        let legalBasis: String
        let columns: [Column]
        let languages: [Language]
    }

    public init(version: String, legalBasis: String, columns: [Column], languages: [Language]) {
        self.version = version
        self.legalBasis = legalBasis
        self.columns = columns
        self.languages = languages
    }

    /// Reads and checks the data file: codes unique, ASCII slugs, names present.
    public static func load(_ data: Data) throws -> StoryColumns {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw StoryColumnsError("tệp chuyên mục không đúng cấu trúc: \(error)")
        }
        guard !file.columns.isEmpty else { throw StoryColumnsError("chưa có chuyên mục nào.") }
        var seen = Set<String>()
        for c in file.columns {
            guard !c.name.isEmpty, !c.code.isEmpty,
                c.code.unicodeScalars.allSatisfy({ ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" })
            else { throw StoryColumnsError("mã chuyên mục “\(c.code)” phải gồm chữ thường không dấu, số và “-”.") }
            guard seen.insert(c.code).inserted else { throw StoryColumnsError("mã chuyên mục “\(c.code)” bị trùng.") }
        }
        var langs = Set<String>()
        for l in file.languages {
            guard !l.name.isEmpty, (2...8).contains(l.code.count), l.code.allSatisfy({ $0.isASCII && $0.isLetter }),
                langs.insert(l.code).inserted
            else { throw StoryColumnsError("mã ngôn ngữ “\(l.code)” không hợp lệ hoặc bị trùng.") }
        }
        return StoryColumns(
            version: file.version, legalBasis: file.legalBasis, columns: file.columns, languages: file.languages)
    }

    public func column(_ code: String) -> Column? { columns.first { $0.code == code } }
    public func language(_ code: String) -> Language? { languages.first { $0.code == code } }
    /// A column's name, or its code when the catalogue no longer has it.
    public func name(of code: String) -> String { column(code)?.name ?? code }
}

public struct StoryColumnsError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
