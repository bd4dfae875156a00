@testable import App

extension DecisionRow {
    static let mock = DecisionRow(
        href: "/app/decisions/1", number: "12/QĐ-UBND", day: "20/12/2025", kindLabel: "Quyết định",
        summary: "Khen thưởng thành tích năm 2025 (2 hồ sơ)", status: "issued", statusLabel: "Đã ban hành",
        signer: "Phó Chủ tịch A Sáu")
}

extension DecisionsPage {
    static let mock = DecisionsPage(
        layout: .mock("Sổ quyết định khen thưởng"),
        authorities: [SelectOption(value: "4", label: "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng", selected: true)],
        authorityName: "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng", year: "2025", rows: [.mock], total: 51,
        nextHref: "/app/decisions?authority=4&year=2025&before=2", firstHref: nil)
}

extension DecisionNewPage {
    static let mock = DecisionNewPage(
        layout: .mock("Ra quyết định khen thưởng"), authorityName: "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng",
        nextNumber: "13/QĐ-UBND", signer: "Phó Chủ tịch A Sáu",
        candidates: [
            .init(id: 3, title: "Đề nghị khen thưởng năm 2025", unitName: "Xã Đăk Ruồng", passed: 2, checked: true)
        ],
        form: ["date": "20/12/2025", "number": "1/QĐ-UBND"],
        errors: [
            "number": "Số 1/QĐ-UBND đã được dùng cho quyết định ngày 10/12/2025 trong sổ đăng ký của cơ quan.",
            "form": "Dữ liệu chưa hợp lệ.",
        ])
}

extension DecisionPage {
    static let mock = DecisionPage(
        layout: .mock("Quyết định số 12/QĐ-UBND ngày 20/12/2025"), decision: .mock,
        issuer: "Ủy ban nhân dân xã Đăk Ruồng", authorityName: "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng",
        registerHref: "/app/decisions?authority=4&year=2025", reason: "", corrects: nil, correctedBy: nil,
        dossiers: [
            .init(
                href: "/app/dossiers/3", title: "Đề nghị khen thưởng năm 2025", unitName: "Xã Đăk Ruồng",
                docxHref: "/app/dossiers/3/docx/quyet-dinh")
        ],
        awards: [
            .init(
                subjectName: "Y Mai", formName: "Chiến sĩ thi đua cơ sở", status: "withdrawn",
                statusLabel: "Đã thu hồi",
                note: "Đã thu hồi theo Quyết định số 13/QĐ-UBND ngày 22/12/2025: nhầm năm thành tích")
        ], canChange: true, withdrawHref: "/app/decisions/1/withdraw", correctHref: "/app/decisions/1/correct",
        form: ["date": "22/12/2025", "which": "withdraw"], errors: ["withdrawReason": "Vui lòng nhập Lý do thu hồi."])
}
