import Crypto
import Foundation

/// Personal values never reach the audit log: a redacted key's value becomes a keyed hash marker, so a change
/// still shows (the marker changes) but the value does not (NĐ 13/2023, personal data).
enum AuditRedaction {
    /// Keys whose values are personal data, compared without case, `_` or `-` (so `idNumber` = `id_number`).
    static let redactedKeys: Set<String> = [
        "idnumber", "cccd", "cmnd", "phone", "phonenumber", "contact", "address", "birthdate", "dateofbirth",
        "password", "passwordhash",
    ]
    static let prefix = "hmac-sha256:"

    static func isRedacted(_ key: String) -> Bool {
        redactedKeys.contains(key.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// The marker that stands for `value`: HMAC-SHA256 with the database's own audit key, first 16 hex digits.
    static func marker(_ value: String, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return prefix + Hex.lowercase(mac.prefix(8))
    }

    /// The JSON text with every redacted key's non-empty value replaced; text that is not JSON is kept as it is.
    static func redact(json text: String, key: String) -> String {
        // Most entries hold no personal field: keep their text byte for byte.
        let folded = text.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
        guard redactedKeys.contains(where: { folded.contains("\"\($0)\"") }),
            let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        else { return text }
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? enc.encode(value.redacted(key: key)), let out = String(data: data, encoding: .utf8)
        else { return text }
        return out
    }

    /// Any JSON value, so an entry's before/after can be walked whatever type produced it.
    indirect enum JSONValue: Codable, Equatable {
        case null, bool(Bool), int(Int64), double(Double), string(String), array([JSONValue])
        case object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int64.self) {
                self = .int(i)
            } else if let d = try? c.decode(Double.self) {
                self = .double(d)
            } else if let s = try? c.decode(String.self) {
                self = .string(s)
            } else if let a = try? c.decode([JSONValue].self) {
                self = .array(a)
            } else {
                self = .object(try c.decode([String: JSONValue].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .null: try c.encodeNil()
            case .bool(let b): try c.encode(b)
            case .int(let i): try c.encode(i)
            case .double(let d): try c.encode(d)
            case .string(let s): try c.encode(s)
            case .array(let a): try c.encode(a)
            case .object(let o): try c.encode(o)
            }
        }

        func redacted(key: String) -> JSONValue {
            switch self {
            case .array(let a): return .array(a.map { $0.redacted(key: key) })
            case .object(let o):
                var out: [String: JSONValue] = [:]
                for (k, v) in o {
                    out[k] = AuditRedaction.isRedacted(k) ? v.masked(key: key) : v.redacted(key: key)
                }
                return .object(out)
            default: return self
            }
        }

        /// A personal value as its marker; empty values stay empty (nothing to hide), nested values are masked whole.
        private func masked(key: String) -> JSONValue {
            switch self {
            case .null: return .null
            case .string(let s): return s.isEmpty || s.hasPrefix(AuditRedaction.prefix) ? self : .string(marker(s, key))
            case .int(let i): return .string(marker(String(i), key))
            case .double(let d): return .string(marker(String(d), key))
            case .bool: return self
            case .array, .object:
                let enc = JSONEncoder()
                enc.outputFormatting = [.sortedKeys]
                let data = (try? enc.encode(self)) ?? Data()
                return .string(marker(String(decoding: data, as: UTF8.self), key))
            }
        }

        private func marker(_ s: String, _ key: String) -> String { AuditRedaction.marker(s, key: key) }
    }
}
