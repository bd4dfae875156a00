import Foundation
import Testing

@testable import Domain

/// Issue 15, item 8: gender, ethnicity, citizen ID and phone are typed the same way everywhere.
@Suite("Subject fields: gender, ethnic groups, CCCD, phone")
struct SubjectFieldTests {
    static let groups: EthnicGroups = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Catalogues/ethnic-groups.json")
        return (try? EthnicGroups.decode(Data(contentsOf: url))) ?? .empty
    }()

    @Test("The shipped list has the 54 groups, codes 01–54 once each, with its legal basis")
    func list() {
        let g = Self.groups
        #expect(g.groups.count == 54)
        #expect(g.groups.map(\.code) == (1...54).map { String(format: "%02d", $0) })
        #expect(Set(g.groups.map(\.name)).count == 54)
        #expect(g.file.legalBasis.contains("121-TCTK/PPCĐ"))
        #expect(g.group(code: "01")?.name == "Kinh")
    }

    @Test(
        "Names are found with or without diacritics, hyphens, spaces or case; codes too",
        arguments: [
            ("Xơ-đăng", "14"), ("Xơ Đăng", "14"), ("xo dang", "14"), ("XODANG", "14"), ("Ba Na", "13"),
            ("ba-na", "13"), ("Kinh", "01"), ("kinh", "01"), ("Việt", "01"), ("14", "14"), ("7", "07"),
            ("Ê Đê", "12"), ("e de", "12"), ("Bru - Vân Kiều", "23"), ("Gié Triêng", "27"), ("Giẻ-Triêng", "27"),
            ("H'Mông", "08"), ("Mông", "08"), ("Khmer", "05"),
        ])
    func lookup(typed: String, code: String) {
        #expect(Self.groups.lookup(typed)?.code == code, "\(typed)")
    }

    @Test("Values not on the list are not guessed", arguments: ["Sedang", "Kinh Việt", "99", "0", "", "Xơ"])
    func notOnList(typed: String) { #expect(Self.groups.lookup(typed) == nil) }

    @Test("NFD input finds the same group")
    func nfd() { #expect(Self.groups.lookup("Xơ Đăng".decomposedStringWithCanonicalMapping)?.code == "14") }

    @Test("A stored code shows its name; legacy text shows as stored")
    func names() {
        #expect(Self.groups.name(ofCode: "13") == "Ba-na")
        #expect(Self.groups.name(ofCode: "Người Thượng") == "Người Thượng")
    }

    @Test(
        "Gender: Nam and Nữ however typed",
        arguments: [
            ("Nam", Gender.male), ("nam", .male), ("NAM", .male), ("Nữ", .female), ("nữ", .female), ("nu", .female),
            ("NU", .female), ("male", .male), ("female", .female),
        ])
    func gender(typed: String, expected: Gender) { #expect(Gender.parse(typed) == expected) }

    @Test("Gender: anything else is refused with a message naming the field")
    func genderRefused() {
        #expect(Gender.parse("Khác") == nil)
        var e = FieldErrors()
        Check.gender("Khác", "gender", into: &e)
        #expect(e["gender"]?.hasPrefix("Giới tính") == true)
        var ok = FieldErrors()
        Check.gender("female", "gender", into: &ok)
        Check.gender("", "gender", into: &ok)
        #expect(ok.isEmpty)
    }

    @Test(
        "CCCD: exactly 12 digits once spaces are removed; the province code is not checked",
        arguments: [
            ("062080001234", "062080001234"), ("062 080 001 234", "062080001234"), ("000123456789", "000123456789"),
            ("062.080.001.234", "062080001234"),
        ])
    func citizenID(typed: String, expected: String) { #expect(ContactNumbers.citizenID(typed) == expected) }

    @Test(
        "CCCD: 9-digit CMND, 11 or 13 digits, letters and full-width digits are refused",
        arguments: ["123456789", "06208000123", "0620800012345", "12ab", "06208000123a", "０６２０８０００１２３４"])
    func citizenIDRefused(typed: String) {
        #expect(ContactNumbers.citizenID(typed) == nil)
        var e = FieldErrors()
        Check.citizenID(typed, "idNumber", "Số CCCD", into: &e)
        #expect(e["idNumber"] == "Số CCCD gồm đúng 12 chữ số, ví dụ 062080001234.")
    }

    @Test(
        "Phone: 10-digit mobiles, 11-digit landlines starting 02, +84 becomes 0",
        arguments: [
            ("0905123456", "0905123456"), ("090 512 3456", "0905123456"), ("0905.123.456", "0905123456"),
            ("+84905123456", "0905123456"), ("+84 905 123 456", "0905123456"), ("84905123456", "0905123456"),
            ("0387654321", "0387654321"), ("02603861234", "02603861234"), ("(0260) 386 1234", "02603861234"),
            ("+842603861234", "02603861234"),
        ])
    func phone(typed: String, expected: String) { #expect(ContactNumbers.phone(typed) == expected) }

    @Test(
        "Phone: wrong lengths, old 11-digit mobiles, prefixes 01/04/06 and letters are refused",
        arguments: ["090512345", "09051234567", "01661234567", "0412345678", "0612345678", "0905abc456", "113"])
    func phoneRefused(typed: String) {
        #expect(ContactNumbers.phone(typed) == nil)
        var e = FieldErrors()
        Check.phone(typed, "phone", "Số điện thoại", into: &e)
        #expect(e["phone"]?.hasPrefix("Số điện thoại phải là") == true)
    }
}
