import Foundation

// Fields people type the same way (issue 15, item 8): gender as a choice, ethnicity from the official list of
// Vietnam's 54 ethnic groups (Resources/Catalogues/ethnic-groups.json, Quyết định 121-TCTK/PPCĐ), citizen ID and
// phone numbers checked in one place. Stored as codes, shown as names.

/// A subject's gender, stored as its code.
public enum Gender: String, CaseIterable, Codable, Sendable {
    case male
    case female

    public var label: String {
        switch self {
        case .male: "Nam"
        case .female: "Nữ"
        }
    }

    /// "Nam", "nam", "NỮ", "nu", "male", "f"… → a gender; nil when the text names neither.
    public static func parse(_ text: String) -> Gender? {
        switch VietnameseText.fold(text) {
        case "nam", "male", "m", "trai": .male
        case "nu", "female", "f", "gai": .female
        default: nil
        }
    }

    /// The label of a stored code; an unknown code is shown as stored.
    public static func label(ofCode code: String) -> String { Gender(rawValue: code)?.label ?? code }
}

/// The official list of ethnic groups, loaded from the data file the app ships.
public struct EthnicGroups: Sendable, Equatable {
    public struct Group: Codable, Sendable, Equatable {
        /// Two-digit code of the General Statistics Office ("01" Kinh … "54" Rơ-măm).
        public let code: String
        public let name: String
        /// Other spellings accepted when typing or importing; never shown as the name.
        public let otherNames: [String]?
        /// "cần xác minh" when the code was not confirmed against the source.
        public let verification: String?
    }

    public struct File: Codable, Sendable, Equatable {
        public let version: String
        public let title: String
        public let legalBasis: String
        public let source: String?
        public let groups: [Group]
    }

    public let file: File
    private let byKey: [String: Group]
    private let byCode: [String: Group]

    public init(_ file: File) {
        self.file = file
        var keys: [String: Group] = [:]
        for g in file.groups {
            for n in [g.name] + (g.otherNames ?? []) { keys[Self.key(n)] = keys[Self.key(n)] ?? g }
        }
        byKey = keys
        byCode = Dictionary(file.groups.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public static func decode(_ data: Data) throws -> EthnicGroups {
        EthnicGroups(try JSONDecoder().decode(File.self, from: data))
    }

    public static let empty = EthnicGroups(File(version: "", title: "", legalBasis: "", source: nil, groups: []))

    public var groups: [Group] { file.groups }

    /// Folded, with spaces, hyphens and apostrophes dropped: "Xơ Đăng", "xơ-đăng" and "XO DANG" are one key.
    static func key(_ s: String) -> String {
        String(
            VietnameseText.fold(s).unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init)
        )
    }

    /// The group a typed value names: its code ("14", "7" → "07"), its official name or one of its other
    /// spellings, with or without diacritics, hyphens or spaces. Nil when the value is not on the list.
    public func lookup(_ text: String) -> Group? {
        let t = VietnameseText.clean(text)
        guard !t.isEmpty else { return nil }
        if t.allSatisfy(\.isASCII), let n = Int(t), let g = byCode[String(format: "%02d", n)] { return g }
        return byKey[Self.key(t)]
    }

    public func group(code: String) -> Group? { byCode[code] }

    /// The name of a stored code; a value that is not a code (legacy text) is shown as stored.
    public func name(ofCode code: String) -> String { byCode[code]?.name ?? code }
}

/// Citizen ID and phone numbers as the office types them.
public enum ContactNumbers {
    /// A 12-digit citizen ID (CCCD) with spaces, dots and dashes removed; nil when it is not 12 digits. The
    /// province prefix is not checked: demo and test data use fictitious numbers starting with "000".
    public static func citizenID(_ text: String) -> String? {
        let digits = text.filter { !($0.isWhitespace || $0 == "." || $0 == "-") }
        guard digits.count == 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return digits
    }

    /// A Vietnamese phone number in its national form, or nil. The numbering plan since 2018 (Bộ Thông tin và
    /// Truyền thông, Thông tư 22/2014/TT-BTTTT as amended, and the 2017–2018 conversion of area and mobile codes):
    /// mobile numbers have 10 digits starting 03, 05, 07, 08 or 09; fixed lines have 11 digits starting 02
    /// (area code 02xx plus the subscriber number). "+84" or "84" in front becomes "0". Spaces, dots, dashes
    /// and brackets are ignored.
    public static func phone(_ text: String) -> String? {
        var s = text.filter { !($0.isWhitespace || $0 == "." || $0 == "-" || $0 == "(" || $0 == ")") }
        if s.hasPrefix("+84") {
            s = "0" + s.dropFirst(3)
        } else if s.hasPrefix("84"), s.count == 11 || s.count == 12 {
            s = "0" + s.dropFirst(2)
        }
        guard s.allSatisfy({ $0.isASCII && $0.isNumber }), s.hasPrefix("0") else { return nil }
        let second = s.dropFirst().first
        if s.count == 10, let c = second, "35789".contains(c) { return s }
        if s.count == 11, second == "2" { return s }
        return nil
    }
}

extension Check {
    public static let citizenIDRule = "gồm đúng 12 chữ số, ví dụ 062080001234."
    public static let phoneRule =
        "phải là số di động 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09 hoặc số cố định 11 chữ số bắt đầu bằng 02; "
        + "có thể viết +84 ở đầu."

    /// Checks an optional citizen ID; returns the normalised number (digits only) or the input when invalid.
    @discardableResult
    public static func citizenID(_ value: String, _ field: String, _ label: String, into errors: inout FieldErrors)
        -> String
    {
        guard !value.isEmpty else { return value }
        guard let n = ContactNumbers.citizenID(value) else {
            errors.add(field, "\(label) \(citizenIDRule)")
            return value
        }
        return n
    }

    @discardableResult
    public static func phone(_ value: String, _ field: String, _ label: String, into errors: inout FieldErrors)
        -> String
    {
        guard !value.isEmpty else { return value }
        guard let n = ContactNumbers.phone(value) else {
            errors.add(field, "\(label) \(phoneRule)")
            return value
        }
        return n
    }

    public static func gender(_ value: String, _ field: String, into errors: inout FieldErrors) {
        if !value.isEmpty, Gender(rawValue: value) == nil {
            errors.add(field, "Giới tính: chọn Nam hoặc Nữ (đã nhập “\(value)”).")
        }
    }

    public static func ethnicity(
        _ value: String, _ field: String, groups: EthnicGroups, into errors: inout FieldErrors
    ) {
        if !value.isEmpty, groups.group(code: value) == nil {
            errors.add(
                field,
                "Dân tộc: “\(value)” không có trong danh mục 54 dân tộc Việt Nam; chọn trong danh sách "
                    + "hoặc ghi đúng tên, ví dụ Kinh, Xơ-đăng, Ba-na.")
        }
    }
}
