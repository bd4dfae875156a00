import Vapor

enum Secrets {
    /// A random URL-safe secret (256 bits).
    static func token() -> String {
        base64URL([UInt8].random(count: 32))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func bytes(base64URL s: String) -> [UInt8]? {
        var b64 = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        b64 += String(repeating: "=", count: (4 - b64.count % 4) % 4)
        return Data(base64Encoded: b64).map { [UInt8]($0) }
    }

    /// A CSRF token as a page carries it: a fresh random pad, then the token XOR the pad. No two pages hold the
    /// same bytes, so a compressed page that also reflects what a visitor typed tells nothing about the token
    /// (BREACH). `unmaskedCSRF` gives the token back.
    static func maskedCSRF(_ token: String) -> String {
        guard let t = bytes(base64URL: token) else { return token }
        let pad = [UInt8].random(count: t.count)
        return base64URL(pad + zip(pad, t).map { $0 ^ $1 })
    }

    /// The token inside a masked value; a value of the token's own length is taken as the token itself.
    static func unmaskedCSRF(_ sent: String) -> String {
        guard sent.count > 43, let b = bytes(base64URL: sent), b.count % 2 == 0 else { return sent }
        let half = b.count / 2
        return base64URL(zip(b[..<half], b[half...]).map { $0 ^ $1 })
    }

    /// A password a person can type from a printout: 4 groups of 4 from an unambiguous alphabet.
    static func password() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789")
        let groups = (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement()! }) }
        return groups.joined(separator: "-")
    }

    static func sha256(_ s: String) -> String {
        SHA256.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Comparison whose time does not depend on where the strings differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
