@testable import App

extension FundPage {
    static let mock = FundPage(
        layout: .mock("Quỹ thi đua, khen thưởng: Ủy ban nhân dân huyện Kon Rẫy"),
        authorityName: "Chủ tịch Ủy ban nhân dân huyện Kon Rẫy", authorityHref: "/app/authorities/1",
        balance: "-1.170.000 đ", negative: true,
        rows: [
            .init(
                day: "20/12/2025", kind: "chi-quyet-dinh", kindLabel: "Chi thưởng theo quyết định",
                amount: "-1.170.000 đ", incoming: false, description: "Chi thưởng 2 trường hợp",
                reference: "Quyết định số 120/QĐ-UBND ngày 20/12/2025", decisionHref: "/app/decisions/3"),
            .init(
                day: "15/01/2025", kind: "ngan-sach", kindLabel: "Ngân sách cấp", amount: "+50.000.000 đ",
                incoming: true, description: "Dự toán 2025", reference: "", decisionHref: nil),
        ], total: 2, nextHref: nil, firstHref: nil, years: [.init(year: 2025, href: "/app/authorities/1/fund/2025")],
        canWrite: true, postHref: "/app/authorities/1/fund",
        kinds: [SelectOption(value: "ngan-sach", label: "Ngân sách cấp", selected: true)],
        form: ["amount": "năm triệu", "date": "15/01/2025", "description": "Dự toán bổ sung"],
        errors: [
            "amount": "Số tiền ghi bằng số đồng, lớn hơn 0, ví dụ 50.000.000.",
            "form": "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.",
        ])
}

extension FundYearPage {
    static let mock = FundYearPage(
        layout: .mock("Báo cáo quỹ thi đua, khen thưởng năm 2025"),
        authorityName: "Chủ tịch Ủy ban nhân dân huyện Kon Rẫy", fundHref: "/app/authorities/1/fund", year: 2025,
        opening: "8.000.000 đ", income: [.init(label: "Ngân sách cấp", href: nil, amount: "50.000.000 đ")],
        incomeTotal: "50.000.000 đ",
        spending: [
            .init(
                label: "Quyết định số 120/QĐ-UBND ngày 20/12/2025", href: "/app/decisions/3", amount: "1.170.000 đ")
        ], spendingTotal: "1.170.000 đ", closing: "56.830.000 đ", xlsxHref: "/app/authorities/1/fund/2025/xlsx",
        previousHref: "/app/authorities/1/fund/2024", nextHref: "/app/authorities/1/fund/2026")
}

extension DecisionPage {
    /// A decision whose awards carry their reward money, one amount unconfirmed.
    static let mockWithAmounts: DecisionPage = {
        let m = DecisionPage.mock
        return DecisionPage(
            layout: m.layout, decision: m.decision, issuer: m.issuer, authorityName: m.authorityName,
            registerHref: m.registerHref, reason: m.reason, corrects: m.corrects, correctedBy: m.correctedBy,
            dossiers: m.dossiers,
            awards: [
                .init(
                    subjectName: "Y Mai", formName: "Lao động tiên tiến", status: "valid", statusLabel: "Còn hiệu lực",
                    note: "", amount: "710.000 đ", basis: "0,3 × 2.340.000 đ (cần xác minh)"),
                .init(
                    subjectName: "A Dũng", formName: "Giấy khen", status: "valid", statusLabel: "Còn hiệu lực",
                    note: "", amount: "460.000 đ", basis: "0,3 × 1.490.000 đ (cần xác minh)"),
            ], canChange: false, withdrawHref: m.withdrawHref, correctHref: m.correctHref, form: m.form,
            errors: [:], rewardTotal: "1.170.000 đ", fundHref: "/app/authorities/4/fund")
    }()
}
