/// Messages per form field, in the order they were found. Vietnamese, shown next to the field.
public struct FieldErrors: Sendable, Equatable, Codable {
    public private(set) var items: [Item] = []
    public struct Item: Sendable, Equatable, Codable {
        public let field: String
        public let message: String
    }
    public init() {}
    public var isEmpty: Bool { items.isEmpty }
    public mutating func add(_ field: String, _ message: String) {
        guard self[field] == nil else { return }
        items.append(Item(field: field, message: message))
    }
    public subscript(field: String) -> String? { items.first { $0.field == field }?.message }
    public var dictionary: [String: String] {
        Dictionary(items.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Reusable checks that produce Vietnamese messages.
public enum Check {
    public static func required(
        _ value: String, _ field: String, _ label: String, max: Int = 255, into errors: inout FieldErrors
    ) {
        if value.isEmpty {
            errors.add(field, "\(label) không được để trống.")
        } else if value.count > max {
            errors.add(field, "\(label) dài tối đa \(max) ký tự.")
        }
    }

    public static func optional(
        _ value: String, _ field: String, _ label: String, max: Int, into errors: inout FieldErrors
    ) {
        if value.count > max { errors.add(field, "\(label) dài tối đa \(max) ký tự.") }
    }

    /// Stable codes: upper-case letters, digits and dashes (e.g. KR-DAKRUONG).
    public static func code(_ value: String, _ field: String, into errors: inout FieldErrors) {
        if value.isEmpty {
            errors.add(field, "Mã không được để trống.")
            return
        }
        let ok =
            value.count <= 64
            && value.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
        if !ok { errors.add(field, "Mã chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch ngang, tối đa 64 ký tự.") }
    }

    public static func username(_ value: String, _ field: String, into errors: inout FieldErrors) {
        if value.isEmpty {
            errors.add(field, "Tên đăng nhập không được để trống.")
            return
        }
        let ok =
            (3...64).contains(value.count)
            && value.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
            }
        if !ok {
            errors.add(
                field, "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.")
        }
    }

    public static let minimumPasswordLength = 10

    public static func password(_ value: String, _ field: String, into errors: inout FieldErrors) {
        if value.count < minimumPasswordLength {
            errors.add(field, "Mật khẩu phải có ít nhất \(minimumPasswordLength) ký tự.")
        } else if value.count > 128 {
            errors.add(field, "Mật khẩu dài tối đa 128 ký tự.")
        }
    }

    public static func year(_ value: Int?, _ field: String, _ label: String, into errors: inout FieldErrors) {
        guard let value else {
            errors.add(field, "\(label) không được để trống.")
            return
        }
        if !(1945...2100).contains(value) { errors.add(field, "\(label) phải là năm từ 1945 đến 2100.") }
    }
}
