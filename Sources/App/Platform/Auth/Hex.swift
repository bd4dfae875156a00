/// Bytes as lowercase hexadecimal, two digits a byte: digests (session tokens' hashes, the audit chain, stored
/// files, backups, asset versions). `String(format: "%02x")` a byte went through Foundation's formatter: 1.4 % of a
/// signed-in page's server samples under load, for the session token's hash alone (session 37).
enum Hex {
    /// The sixteen digits, as bytes.
    static let digits = Array("0123456789abcdef".utf8)

    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
