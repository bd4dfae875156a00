import Foundation
import Testing

@testable import Domain

@Suite("Text cleaning: invisible characters")
struct TextCleaningTests {
    @Test(
        "Controls, bidi overrides and zero-width characters are dropped from one-line text",
        arguments: [
            ("Nguyễn\u{0}Văn An", "NguyễnVăn An"),
            ("A\u{202E}nA", "AnA"), // right-to-left override
            ("Lê\u{200B}Văn\u{200D}Dũng\u{FEFF}", "LêVănDũng"),
            ("\u{2066}Hà\u{2069} \u{200F}Nội\u{200E}", "Hà Nội"),
            ("Trần\u{7}\u{1B}[31m Đức", "Trần[31m Đức"), // BEL, ESC
            ("Phạm\u{85}Thị\u{9F}Anh\u{80}", "Phạm ThịAnh"), // C1: NEL is a line break, others vanish
            ("\tMai\r\nLan\u{0B}", "Mai Lan"),
            ("Đăk Ruồng", "Đăk Ruồng"),
        ])
    func oneLine(input: String, expected: String) {
        let cleaned = VietnameseText.clean(input)
        #expect(cleaned == expected)
        #expect(!cleaned.unicodeScalars.contains(where: VietnameseText.isInvisible))
    }

    @Test("A zero-width character between a letter and its tone mark does not leave the text in NFD")
    func nfcAfterStripping() {
        let tricky = "A\u{200B}\u{0301}nh" // A, zero-width space, combining acute
        #expect(Array(VietnameseText.clean(tricky).unicodeScalars) == Array("Ánh".unicodeScalars))
    }

    @Test("Multi-line notes keep their line breaks (CR LF and CR become LF) and lose the rest")
    func multiline() {
        let note = "  Dòng 1\r\nDòng\u{202E} 2\rDòng\u{0}\u{200B} 3\n\tthụt lề  \n"
        #expect(VietnameseText.cleanMultiline(note) == "Dòng 1\nDòng 2\nDòng 3\n thụt lề")
        #expect(VietnameseText.cleanMultiline("Mô tả\n\nđoạn hai") == "Mô tả\n\nđoạn hai")
    }
}
