import Testing

@testable import Domain

@Suite("Certificate layouts: fields inside the sheet, font sizes, typed numbers")
struct CertificateLayoutTests {
    @Test("The standard layout fits its paper on every size and orientation")
    func standardFits() {
        for paper in PaperSize.allCases {
            for o in PaperOrientation.allCases {
                let l = CertificateLayout.standard(paper: paper, orientation: o)
                #expect(l.problems().isEmpty, "\(paper) \(o): \(l.problems().items)")
            }
        }
        let a4 = CertificateLayout.standard()
        #expect(a4.width == 297 && a4.height == 210)
        let a3 = CertificateLayout.standard(paper: .a3, orientation: .portrait)
        #expect(a3.width == 297 && a3.height == 420)
    }

    @Test("A field outside the page, a box past its right edge, a font out of 6–72 pt: each named in Vietnamese")
    func outside() {
        var l = CertificateLayout.standard()
        l.fields.name.x = 300
        l.fields.title.width = 290
        l.fields.signer.fontSize = 80
        l.fields.form.fontSize = 5
        l.fields.decisionDate.y = 208
        l.fields.placeDate.y = -1
        let e = l.problems()
        #expect(e["name_x"]?.contains("lề trái (x) phải từ 0 đến dưới 297 mm") == true)
        #expect(e["title_width"]?.contains("vượt quá mép phải khổ giấy (x + rộng = 310 mm") == true)
        #expect(e["signer_size"] == "“Người ký”: cỡ chữ từ 6 đến 72 pt (đang là 80 pt).")
        #expect(e["form_size"] != nil)
        #expect(e["decisionDate_y"]?.contains("vượt quá mép dưới khổ giấy") == true)
        #expect(e["placeDate_y"]?.contains("lề trên (y) phải từ 0") == true)
        #expect(e.items.count == 6)
        var ok = CertificateLayout.standard()
        ok.fields.name.fontSize = 72
        ok.fields.name.y = 20
        #expect(ok.problems().isEmpty)
    }

    @Test("A name is needed; forms must be known ones")
    func nameAndForms() {
        var l = CertificateLayout.standard(name: "")
        l.formCodes = ["giay-khen", "khong-co"]
        let e = l.problems(knownForms: ["giay-khen"])
        #expect(e["name"] == "Tên mẫu không được để trống.")
        #expect(e["forms"]?.contains("“khong-co”") == true)
        #expect(l.applies(toForm: "giay-khen") && !l.applies(toForm: "bang-khen"))
        #expect(CertificateLayout.standard().applies(toForm: "bat-ky"))
    }

    @Test("A typed form reads back: decimal commas, checkboxes; a word where a number goes is named, not defaulted")
    func parse() throws {
        var form = CertificateLayout.standard(name: "Giấy khen mẫu 2024").formValues
        form["name_x"] = "25,5"
        form["name_bold"] = nil
        let ok = CertificateLayout.parse(form, forms: ["giay-khen"], knownForms: ["giay-khen"])
        let l = try #require(ok.layout)
        #expect(l.fields.name.x == 25.5 && l.fields.name.bold == false && l.fields.name.printed)
        #expect(l.formCodes == ["giay-khen"])
        #expect(l.formValues["name_x"] == "25,5")
        form["name_x"] = "hai mươi"
        form["title_size"] = ""
        form["paper"] = "a5"
        let bad = CertificateLayout.parse(form, forms: [])
        #expect(bad.layout == nil)
        #expect(
            bad.errors["name_x"] == "Lề trái (x) của “Họ tên (tên tập thể)” phải là một số (mm), ví dụ 25 hoặc 25,5.")
        #expect(bad.errors["title_size"] == "Cỡ chữ của “Chức vụ, đơn vị” không được để trống.")
        #expect(bad.errors["paper"] == "Vui lòng chọn khổ giấy A4 hoặc A3.")
    }

    @Test("The words: a long date, the achievement line with its period")
    func words() {
        #expect(CertificateText.longDate("2024-12-20") == "ngày 20 tháng 12 năm 2024")
        #expect(CertificateText.longDate("2025-02-05") == "ngày 05 tháng 02 năm 2025")
        #expect(CertificateText.longDate("x") == "")
        #expect(
            CertificateText.achievement(CertificateLayout.defaultAchievement, period: "Năm 2024")
                == "Đã có thành tích xuất sắc trong phong trào thi đua năm 2024.")
    }

    @Test("Huge or absurd numbers are refused, and printing one never traps")
    func hugeNumbers() {
        #expect(CertificateLayout.parseNumber("1e19") == nil)
        #expect(CertificateLayout.parseNumber("-20000") == nil)
        #expect(CertificateLayout.parseNumber("25,5") == 25.5)
        #expect(CertificateLayout.number(1e19) == "?")
        var l = CertificateLayout.standard(name: "Mẫu")
        l.fields.name.fontSize = 1e19
        l.fields.name.x = -1e300
        #expect(!l.problems().isEmpty)
    }
}
