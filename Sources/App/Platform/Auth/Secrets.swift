import Vapor

enum Secrets {
    /// A random URL-safe secret (256 bits).
    static func token() -> String {
        base64URL(randomBytes(32))
    }

    /// `count` bytes from the system's secure generator: on Linux in one `getrandom` call (the generator Swift's
    /// `SystemRandomNumberGenerator` draws from, eight bytes a call: four system calls for a page's CSRF mask, 0.4 %
    /// of the SQLite web list's samples, session 50); elsewhere, or if that call fails, eight bytes at a draw
    /// (`[UInt8].random(count:)` draws once a byte).
    static func randomBytes(_ count: Int) -> [UInt8] {
        #if canImport(Glibc)
            if let getrandom {
                var out = [UInt8](repeating: 0, count: count)
                let filled = out.withUnsafeMutableBytes { getrandom($0.baseAddress, count, 0) }
                if filled == count { return out }
            }
        #endif
        var g = SystemRandomNumberGenerator()
        var out: [UInt8] = []
        out.reserveCapacity(count + 8)
        while out.count < count { withUnsafeBytes(of: g.next() as UInt64) { out.append(contentsOf: $0) } }
        return Array(out.prefix(count))
    }

    #if canImport(Glibc)
        // glibc's since 2.25; nil before, and then the generator above draws.
        private typealias GetRandom = @convention(c) (UnsafeMutableRawPointer?, Int, UInt32) -> Int
        private static let getrandom = CLibrary.function("getrandom", as: GetRandom.self)
    #endif

    static func base64URL(_ bytes: [UInt8]) -> String { Base64URL.encode(bytes) }

    /// The bytes of a URL-safe base64 text; nil when it is not one (`Base64URL.decode`).
    static func bytes(base64URL s: String) -> [UInt8]? { Base64URL.decode(s).map { [UInt8]($0) } }

    /// A CSRF token as a page carries it: a fresh random pad, then the token XOR the pad. No two pages hold the
    /// same bytes, so a compressed page that also reflects what a visitor typed tells nothing about the token
    /// (BREACH). `unmaskedCSRF` gives the token back.
    static func maskedCSRF(_ token: String) -> String {
        guard let t = bytes(base64URL: token) else { return token }
        let pad = randomBytes(t.count)
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

    /// Hashed from the string's own bytes: `Data(s.utf8)` made a copy through `Data`'s generic initialiser on every
    /// signed-in request (session 47).
    static func sha256(_ s: String) -> String {
        var s = s
        return s.withUTF8 { Hex.lowercase(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
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
