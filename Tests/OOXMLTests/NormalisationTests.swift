import Foundation
import Testing

@testable import OOXML

@Suite("NFC and escaping fast paths")
struct NormalisationTests {
    /// Scalars from the ranges the quick check trusts and from those it must not: combining marks, the U+2000
    /// singletons that decompose, Hangul, Greek with tonos, CJK compatibility ideographs.
    static let pool: [UInt32] =
        Array(0x20...0x7E) + Array(0xC0...0x1B0) + Array(0x300...0x36F) + Array(0x1E00...0x1EFF)
        + Array(0x2000...0x202F) + [0x0385, 0x0386, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xF900, 0x2126, 0x212B, 0x0344]

    @Test("The quick check's answer is Foundation's NFC for random text over those ranges")
    func quickCheckAgreesWithFoundation() {
        var rng = SplitMix(seed: 20_261_201)
        for _ in 0..<20_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 8) + 1 {
                let v = Self.pool[Int(rng.next() % UInt64(Self.pool.count))]
                if let scalar = Unicode.Scalar(v) { s.append(scalar) }
            }
            let text = String(s)
            let expected = text.precomposedStringWithCanonicalMapping
            #expect(Array(text.nfc.unicodeScalars) == Array(expected.unicodeScalars), "\(text.debugDescription)")
            if text.isNFCByQuickCheck {
                #expect(Array(text.unicodeScalars) == Array(expected.unicodeScalars), "\(text.debugDescription)")
            }
        }
    }

    @Test("Vietnamese typed precomposed passes the quick check; typed decomposed is composed")
    func vietnamese() {
        let composed = "Nguyễn Thị Ánh – xã Đăk Ruồng, “Dân vận khéo”…"
        #expect(composed.isNFCByQuickCheck)
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(!decomposed.isNFCByQuickCheck)
        #expect(Array(decomposed.nfc.unicodeScalars) == Array(composed.unicodeScalars))
    }

    @Test("Escaping returns the text itself when nothing needs escaping, and escapes as before otherwise")
    func escaping() {
        #expect(XMLText.escape("Đăk Ruồng 2025") == "Đăk Ruồng 2025")
        #expect(XMLText.escape("a & b < c > d\r") == "a &amp; b &lt; c &gt; d&#13;")
        #expect(XMLText.escape("tab\tand\nline") == "tab\tand\nline")
        #expect(XMLText.attribute("say \"hi\"\n") == "say &quot;hi&quot;&#10;")
        #expect(XMLText.escape("bad\u{1}\u{FFFE}char\u{F8FF}") == "badchar\u{F8FF}")
        #expect(SpreadsheetEscape.encode("Đăk Ruồng") == "Đăk Ruồng")
        #expect(SpreadsheetEscape.encode("a_x0041_b") == "a_x005F_x0041_b")
        #expect(SpreadsheetEscape.encode("bell\u{7}") == "bell_x0007_")
    }
}

/// A small deterministic generator (SplitMix64), so a failure can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
