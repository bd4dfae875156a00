import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension CertificateLayoutsPage {
    static let mock = CertificateLayoutsPage(
        layout: .mock("Mẫu in giấy khen, bằng khen"), authorityName: "Chủ tịch Ủy ban nhân dân huyện Kon Rẫy",
        authorityHref: "/app/authorities/1",
        rows: [
            Row(
                href: "/app/certificate-layouts/3", name: "Giấy khen mẫu 2024", paper: "A4 khổ ngang (297 × 210 mm)",
                forms: "Giấy khen", isDefault: true)
        ], canEdit: true, newHref: "/app/authorities/1/certificate-layouts/new")
}

extension CertificateLayoutPage {
    static var mock: CertificateLayoutPage {
        let l = CertificateLayout.standard(name: "Giấy khen mẫu 2024")
        var form = l.formValues
        form["name_x"] = "310"
        return CertificateLayoutPage(
            layout: .mock("Mẫu in: Giấy khen mẫu 2024"), title: "Mẫu in: Giấy khen mẫu 2024",
            authorityName: "Chủ tịch Ủy ban nhân dân huyện Kon Rẫy", authorityHref: "/app/authorities/1",
            listHref: "/app/authorities/1/certificate-layouts", action: "/app/certificate-layouts/3", canEdit: true,
            form: form,
            errors: ["name_x": "“Họ tên (tên tập thể)”: lề trái (x) phải từ 0 đến dưới 297 mm (chiều ngang khổ giấy)."],
            papers: [SelectOption(value: "a4", label: "A4", selected: true)],
            orientations: [SelectOption(value: "landscape", label: "Khổ ngang", selected: true)],
            forms: [.init(code: "giay-khen", name: "Giấy khen", checked: true)],
            fields: [
                .init(
                    key: "name", label: "Họ tên (tên tập thể)", x: "310", y: "85", width: "257", size: "24",
                    aligns: [SelectOption(value: "center", label: "Giữa", selected: true)], bold: true, printed: true,
                    xError: "“Họ tên (tên tập thể)”: lề trái (x) phải từ 0 đến dưới 297 mm (chiều ngang khổ giấy).",
                    yError: nil, widthError: nil, sizeError: nil, alignError: nil)
            ], isDefault: true, stylesheet: CertificateSheets.stylesheetHref(l),
            preview: CertificateSheets.sample(layout: l, place: "Kon Rẫy", signer: "Trần Văn Minh"),
            previewNote: "Bản xem trước vẫn theo mẫu đang lưu.")
    }
}

extension CertificatePrintPage {
    static var mock: CertificatePrintPage {
        let l = CertificateLayout.standard(name: "Giấy khen mẫu 2024")
        return CertificatePrintPage(
            title: "Giấy khen, bằng khen — Quyết định số 120/QĐ-UBND ngày 20/12/2024",
            stylesheet: CertificateSheets.stylesheetHref(l), decisionHref: "/app/decisions/1",
            docxHref: "/app/decisions/1/certificates.docx?layout=3", layoutName: "Giấy khen mẫu 2024",
            paper: "A4 khổ ngang (297 × 210 mm)",
            sheets: [CertificateSheets.sample(layout: l, place: "Kon Rẫy", signer: "Trần Văn Minh")])
    }
}
