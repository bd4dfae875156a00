import Foundation
import Testing
import Vapor

@testable import App

/// `Base64URL`: unpadded URL-safe base64, byte for byte what Foundation's base64 gives with `+`, `/` swapped and the
/// padding dropped; decoding refuses anything outside that alphabet.
@Suite("URL-safe base64: Foundation's bytes with the alphabet swapped; strict decoding")
struct Base64URLTests {
    static func reference(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    @Test("2,000 random byte strings: encoded as the reference, decoded back to themselves")
    func roundTrip() {
        var rng = SplitMix64(seed: 64)
        for _ in 0..<2_000 {
            let bytes = (0..<rng.int(65)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let token = Base64URL.encode(bytes)
            #expect(token == Self.reference(bytes))
            #expect(Base64URL.decode(token).map { [UInt8]($0) } == bytes)
            #expect(Secrets.bytes(base64URL: Secrets.base64URL(bytes)) == bytes)
        }
    }

    @Test("Not the URL-safe alphabet, padded, or too long: nil")
    func refuses() {
        let good = Base64URL.encode(Array("ab?>".utf8))
        #expect(Base64URL.decode(good) != nil)
        for bad in ["ab+c", "ab/c", "YWI=", "ab c", "aé", "a\u{0}b", "%41"] {
            #expect(Base64URL.decode(bad) == nil, "\(bad)")
        }
        #expect(Base64URL.decode(String(repeating: "A", count: 2_004)) == nil)
        #expect(Base64URL.decode(String(repeating: "A", count: 2_004), limit: 3_000) != nil)
        // A length no base64 text has (one character over a group of four).
        #expect(Base64URL.decode("AAAAA") == nil)
    }
}

/// `Hex`: lowercase hexadecimal, as `String(format: "%02x")` a byte wrote it (digests stored before it keep matching).
@Suite("Hexadecimal digests: what String(format:) wrote")
struct HexTests {
    @Test("2,000 random byte strings and every byte value, against String(format: \"%02x\")")
    func sameAsFormat() {
        func reference(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        let every = (0...255).map { UInt8($0) }
        #expect(Hex.lowercase(every) == reference(every))
        var rng = SplitMix64(seed: 16)
        for _ in 0..<2_000 {
            let bytes = (0..<rng.int(40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(Hex.lowercase(bytes) == reference(bytes))
        }
        #expect(Hex.lowercase([UInt8]()) == "")
    }

    /// A token's hash, as stored and looked up: FIPS 180-2's vectors, an empty text, and a text that is not ASCII
    /// hashed over its UTF-8 bytes.
    @Test
    func sha256OfTheTextsBytes() {
        #expect(Secrets.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Secrets.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let text = "Đăk Ruồng"
        #expect(Secrets.sha256(text) == Hex.lowercase(SHA256.hash(data: Array(text.utf8))))
    }

    /// The system's random bytes (one `getrandom` call on Linux): every length asked for, and no two draws alike;
    /// over 64 KiB every byte value turns up, and none far more often than the others (an all-zero or repeating
    /// buffer, a short read taken as whole, would fail).
    @Test
    func randomBytesAreTheLengthAskedAndVary() {
        for count in [0, 1, 7, 8, 9, 32, 33, 256] { #expect(Secrets.randomBytes(count).count == count) }
        let draws = (0..<64).map { _ in Secrets.randomBytes(32) }
        #expect(Set(draws).count == 64)
        var seen = [Int](repeating: 0, count: 256)
        for _ in 0..<256 { for b in Secrets.randomBytes(256) { seen[Int(b)] += 1 } }
        #expect(seen.allSatisfy { $0 > 128 && $0 < 400 })
        let mask = Secrets.maskedCSRF(Secrets.token())
        #expect(Secrets.maskedCSRF(Secrets.unmaskedCSRF(mask)) != mask)
    }
}
