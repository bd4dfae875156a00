import Foundation
import Testing

@testable import Domain

@Suite("Vietnamese text")
struct TextTests {
    @Test(
        "Folding removes diacritics and maps đ to d",
        arguments: [
            ("Đăk Ruồng", "dak ruong"), ("Thị trấn Đăk Rve", "thi tran dak rve"), ("ĐĂK TƠ LUNG", "dak to lung"),
            ("Nguyễn Thị Hằng", "nguyen thi hang"), ("  Kon   Rẫy ", "kon ray"),
        ])
    func fold(input: String, expected: String) { #expect(VietnameseText.fold(input) == expected) }

    @Test(
        "A bounded count is the number up to its bound, then “hơn” the bound grouped with dots",
        arguments: [
            (5, 10, "5"), (10, 10, "10"), (10_000, 10_000, "10.000"), (1_234, 10_000, "1.234"),
            (1_001, 1_000, "hơn 1.000"), (10_001, 10_000, "hơn 10.000"),
            (1_000_001, 1_000_000, "hơn 1.000.000"), (101, 100, "hơn 100"),
        ])
    func boundedCount(counted: Int, bound: Int, expected: String) {
        #expect(VietnameseText.boundedCount(counted, bound: bound) == expected)
    }

    @Test("NFD input folds and cleans to the same as NFC")
    func nfd() {
        let nfd = "Đăk Ruồng".decomposedStringWithCanonicalMapping
        #expect(Array(VietnameseText.clean(nfd).utf8) == Array("Đăk Ruồng".precomposedStringWithCanonicalMapping.utf8))
        #expect(VietnameseText.fold(nfd) == "dak ruong")
    }

    @Test("Person names sort by given name first, Vietnamese collation (D before Đ, Anh before Ánh)")
    func personOrder() {
        let names = [
            "Trần Văn Đức", "Nguyễn Thị Ánh", "Lê Văn Dũng", "Phạm Thị Anh", "A Thuận", "Y Nhung", "Nguyễn Văn Anh",
        ]
        let sorted = names.sorted(by: VietnameseText.personNameLess)
        #expect(
            sorted == [
                "Nguyễn Văn Anh", "Phạm Thị Anh", "Nguyễn Thị Ánh", "Lê Văn Dũng", "Trần Văn Đức", "Y Nhung", "A Thuận",
            ])
        #expect(VietnameseText.givenName("  Nguyễn  Thị Hằng ") == "Hằng")
    }

    @Test("Sort keys from the cached alphabet equal the character-by-character definition, for every letter and tone")
    func sortKeyTable() {
        // The definition: each character of the cleaned, lower-cased text decomposed on its own (`slowParts`).
        func reference(_ text: String) -> String {
            var primary = ""
            var tones = ""
            for ch in VietnameseText.slowClean(VietnameseText.visibleOnly(text, keepLineBreaks: false)).lowercased() {
                let p = VietnameseText.slowParts(ch)
                primary += p.primary
                tones += p.tones
            }
            return primary + "00" + tones
        }
        let letters = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
        let marks = ["", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"]
        var samples = [
            "Đăk Ruồng", "NGUYỄN THỊ HẰNG", "Trường THCS số 2 – Đăk Tờ Re (Kon Rẫy)", "Hộ ông A Thút 😀",
            "Thôn 19", "Ñoño Ünal", "Đức", "Dũng", "", "  ", "x\u{0301}\u{0323}",
        ]
        for l in letters {
            for m in marks {
                samples.append(String(l) + m) // NFD as typed; `clean` composes it
                samples.append((String(l) + m).uppercased())
            }
        }
        for text in samples {
            #expect(VietnameseText.sortKey(text) == reference(text), "\(text)")
        }
        #expect(VietnameseText.sortKey("Dũng") < VietnameseText.sortKey("Đức"))
        #expect(VietnameseText.sortKey("Anh") < VietnameseText.sortKey("Ánh"))
        #expect(VietnameseText.sortKey("ắ") == VietnameseText.sortKey("a\u{0306}\u{0301}"))
    }

    @Test("Every plain scalar is NFC alone and beside others, a character of its own, and white space only if a space")
    func plainScalars() {
        let all = VietnameseText.plainScalars.compactMap { $0 }
        #expect(all.count == 0x5F + 0x260 + 0x100 + 0x18)
        for (i, scalar) in VietnameseText.plainScalars.enumerated() {
            if let scalar { #expect(VietnameseText.plainIndex(scalar.value) == i) }
        }
        for scalar in all {
            let one = String(scalar)
            #expect(one.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(one.unicodeScalars))
            #expect((one + "a").count == 2 && ("a" + one).count == 2 && (one + one).count == 2, "U+\(scalar.value)")
            #expect(scalar.properties.isWhitespace == (scalar == " " || scalar == "\u{A0}"), "U+\(scalar.value)")
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(scalar.value)")
        }
        for text in [String(String.UnicodeScalarView(all)), String(String.UnicodeScalarView(all.reversed()))] {
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
            #expect(text.count == all.count)
        }
    }

    @Test("Clean, fold and sort keys of plain text equal Foundation's definitions, on random texts of every kind")
    func plainFastPaths() {
        // A fixed generator: the same texts every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let plain = VietnameseText.plainScalars.compactMap { $0 }
        let vietnamese = Array(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ".unicodeScalars)
        let other: [Unicode.Scalar] = [
            " ", " ", "\u{A0}", "\u{2013}", "\u{201C}", "\u{201D}", "\u{2026}", "\u{2028}", "\u{2029}", "\u{200F}",
            "\t", "\n", "\r", "\u{0301}", "\u{0323}", "\u{0306}", "\u{031B}", "\u{200B}",
            "\u{FEFF}",
            "\u{1F600}", "\u{130}", "\u{212B}", "\u{1F71}", "\u{0344}", "\u{AC00}", "\u{1100}", "\u{1161}", "\u{2003}",
        ]
        var texts = ["", " ", "\u{A0}", "Đăk  Ruồng ", " Hộ ông A Blơi", "İstanbul", "ﬁ", "Å", "e\u{0301}"]
        for round in 0..<4_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<next(24) {
                switch next(10) {
                case 0..<4: scalars.append(vietnamese[next(vietnamese.count)])
                case 4..<7: scalars.append(plain[next(plain.count)])
                case 7: scalars.append(" ")
                default: if round % 2 == 0 { scalars.append(other[next(other.count)]) }
                }
            }
            texts.append(String(scalars))
        }
        for text in texts {
            let visible = VietnameseText.visibleOnly(text, keepLineBreaks: false)
            let cleaned = VietnameseText.slowClean(visible)
            #expect(Array(VietnameseText.clean(text).utf8) == Array(cleaned.utf8), "\(Array(text.unicodeScalars))")
            let folded = VietnameseText.slowFold(cleaned.lowercased())
            #expect(Array(VietnameseText.fold(text).utf8) == Array(folded.utf8), "\(Array(text.unicodeScalars))")
            var primary = ""
            var tones = ""
            for ch in cleaned.lowercased() {
                let p = VietnameseText.slowParts(ch)
                primary += p.primary
                tones += p.tones
            }
            #expect(VietnameseText.sortKey(text) == primary + "00" + tones, "\(Array(text.unicodeScalars))")
        }
    }

    @Test("Dates are dd/mm/yyyy; impossible dates are refused; the place-and-date line pads day and months 1–2")
    func dates() throws {
        let d = try #require(VietnameseDate.parse("05/03/2025"))
        #expect(VietnameseDate.format(d) == "05/03/2025")
        #expect(VietnameseDate.parse("31/02/2024") == nil)
        #expect(VietnameseDate.parse("2024-02-01") == nil)
        #expect(VietnameseDate.placeAndDateLine(place: "Kon Rẫy", date: d) == "Kon Rẫy, ngày 05 tháng 3 năm 2025")
        let feb = try #require(VietnameseDate.parse("9/2/2024"))
        #expect(VietnameseDate.placeAndDateLine(place: "Kon Rẫy", date: feb) == "Kon Rẫy, ngày 09 tháng 02 năm 2024")
    }
}

@Suite("Access policy")
struct PolicyTests {
    let district = UnitPath(ids: [1, 3])
    let pgd = UnitPath(ids: [1, 3, 8])
    let school = UnitPath(ids: [1, 3, 8, 40])
    let dakRuong = UnitPath(ids: [1, 3, 20])
    let village = UnitPath(ids: [1, 3, 20, 33])

    func actor(_ role: Role, _ path: UnitPath?, movements: Set<Int> = []) -> Actor {
        Actor(userID: 9, username: "x", role: role, unitID: path?.ids.last, unitPath: path, leadMovementIDs: movements)
    }

    @Test("Paths: subtree containment")
    func paths() {
        #expect(dakRuong.contains(village))
        #expect(!dakRuong.contains(pgd))
        #expect(dakRuong.strictlyContains(village) && !dakRuong.strictlyContains(dakRuong))
        #expect(!UnitPath(ids: [1, 3, 2]).contains(UnitPath(ids: [1, 3, 20])))
        #expect(dakRuong.child(5).raw == "/1/3/20/5/")
    }

    @Test("A unit officer sees and maintains only its subtree")
    func unitOfficer() {
        let a = actor(.unitOfficer, dakRuong)
        #expect(Policy.decide(a, .read, .unit(pgd)) == .notFound)
        #expect(Policy.decide(a, .update, .unit(pgd)) == .notFound)
        #expect(Policy.decide(a, .delete, .unit(school)) == .notFound)
        #expect(Policy.decide(a, .read, .unit(dakRuong)) == .allow)
        #expect(!Policy.decide(a, .update, .unit(dakRuong)).isAllowed)
        #expect(Policy.decide(a, .update, .unit(village)) == .allow)
        #expect(Policy.decide(a, .create, .newUnit(parent: dakRuong)) == .allow)
        #expect(!Policy.decide(a, .create, .newUnit(parent: pgd)).isAllowed)
        #expect(Policy.decide(a, .read, .unitRecord(pgd, movementIDs: [])) == .notFound)
        #expect(Policy.decide(a, .update, .unitRecord(village, movementIDs: [])) == .allow)
        #expect(Policy.decide(a, .read, .user(unitPath: pgd, role: .leadAgency)) == .notFound)
        #expect(!Policy.decide(a, .create, .user(unitPath: dakRuong, role: .unitOfficer)).isAllowed)
        #expect(Policy.decide(a, .list, .auditLog) == .notFound)
        #expect(Policy.unitScope(a) == .subtree(dakRuong))
        // A scope's subtrees as SQL sees them (`UnitQueries.condition`): none for `.all`, an empty list for `.none`.
        #expect(Policy.unitScope(a).roots == [dakRuong] && UnitScope.all.roots == nil && UnitScope.none.roots == [])
        #expect(UnitScope.subtrees([dakRuong, pgd]).roots == [dakRuong, pgd])
    }

    @Test("The standing office reads and writes everything but admin accounts")
    func standingOffice() {
        let a = actor(.standingOffice, UnitPath(ids: [1, 3, 4]))
        #expect(Policy.decide(a, .read, .unit(pgd)) == .allow)
        #expect(Policy.decide(a, .update, .unitRecord(village, movementIDs: [])) == .allow)
        #expect(Policy.decide(a, .create, .user(unitPath: dakRuong, role: .unitOfficer)) == .allow)
        #expect(!Policy.decide(a, .create, .user(unitPath: nil, role: .admin)).isAllowed)
        #expect(Policy.decide(a, .list, .auditLog) == .allow)
        #expect(Policy.unitScope(a) == .all)
    }

    @Test("A lead agency follows its movements across units, and edits only its own movements")
    func leadAgency() {
        let a = actor(.leadAgency, pgd, movements: [4])
        #expect(Policy.decide(a, .read, .unitRecord(village, movementIDs: [4])) == .allow)
        #expect(Policy.decide(a, .update, .unitRecord(village, movementIDs: [4, 7])) == .allow)
        #expect(!Policy.decide(a, .delete, .unitRecord(village, movementIDs: [4])).isAllowed)
        #expect(Policy.decide(a, .read, .unitRecord(village, movementIDs: [7])) == .notFound)
        #expect(Policy.decide(a, .update, .movement(id: 4)) == .allow)
        #expect(!Policy.decide(a, .update, .movement(id: 7)).isAllowed)
        #expect(!Policy.decide(a, .create, .movement(id: nil)).isAllowed)
    }

    @Test("Council members and editors read but do not write; visitors get nothing")
    func readOnlyRoles() {
        for role in [Role.councilMember, .editor] {
            let a = actor(role, UnitPath(ids: [1, 3, 9]))
            #expect(Policy.decide(a, .read, .unit(pgd)) == .allow)
            #expect(!Policy.decide(a, .update, .unit(pgd)).isAllowed)
            #expect(!Policy.decide(a, .create, .movement(id: nil)).isAllowed)
            #expect(!Policy.decide(a, .update, .catalogue).isAllowed)
        }
        #expect(Policy.decide(actor(.councilMember, nil), .read, .unitRecord(village, movementIDs: [])) == .allow)
        #expect(
            Policy.decide(actor(.editor, UnitPath(ids: [1, 3, 9])), .read, .unitRecord(village, movementIDs: []))
                == .notFound)
        #expect(Policy.decide(nil, .read, .unit(pgd)) == .forbidden(Policy.mustSignIn))
        #expect(Policy.decide(nil, .read, .catalogue) == .forbidden(Policy.mustSignIn))
        #expect(Policy.unitScope(nil) == .none)
    }

    @Test("The admin may do anything")
    func admin() {
        let a = actor(.admin, nil)
        for action in Action.allCases {
            #expect(Policy.decide(a, action, .unit(pgd)) == .allow)
            #expect(Policy.decide(a, action, .user(unitPath: nil, role: .admin)) == .allow)
        }
    }
}

@Suite("Validation and data files")
struct ValidationTests {
    @Test("Codes, usernames and passwords get Vietnamese messages")
    func checks() {
        var e = FieldErrors()
        Check.code("kr-dak", "code", into: &e)
        Check.username("Nguyễn", "username", into: &e)
        Check.password("ngan", "password", into: &e)
        Check.required("", "name", "Tên đơn vị", into: &e)
        Check.year(1800, "year", "Năm", into: &e)
        #expect(e["code"]?.contains("chữ in hoa") == true)
        #expect(e["username"]?.contains("chữ thường không dấu") == true)
        #expect(e["password"] == "Mật khẩu phải có ít nhất 10 ký tự.")
        #expect(e["name"] == "Tên đơn vị không được để trống.")
        #expect(e["year"]?.contains("1945") == true)
        var ok = FieldErrors()
        Check.code("KR-DAKRUONG-T01", "code", into: &ok)
        Check.username("dakruong.2", "username", into: &ok)
        #expect(ok.isEmpty)
    }

    @Test("An org tree file with a child before its parent, or a dangling group member, is refused")
    func orgTreeProblems() throws {
        let json = """
            {"title":"t","units":[{"code":"B","name":"b","kind":"xa","parent":"A"},{"code":"A","name":"a","kind":"huyen","parent":null}],
             "groups":[{"code":"G","name":"g","kind":"cum","members":["A","Z"]}]}
            """
        let file = try OrgTreeFile.decode(Data(json.utf8))
        let problems = file.problems()
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("B") && $0.contains("A") })
        #expect(problems.contains { $0.contains("Z") })
    }
}
