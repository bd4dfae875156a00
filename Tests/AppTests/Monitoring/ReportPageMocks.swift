import Domain
import Foundation

@testable import App

// The page mocks of the periodic reports: each view's render test draws one (SurfaceTests.everyViewRenders).

extension ReportListPage {
    static let mock = ReportListPage(
        layout: .mock("Báo cáo sơ kết, tổng kết"),
        rows: [
            Row(
                kind: "Báo cáo tổng kết", summary: "Tổng kết công tác xây dựng, nhân rộng điển hình tiên tiến năm 2025",
                period: "01/01/2025 – 31/12/2025", issuer: "Ủy ban nhân dân huyện Kon Rẫy", number: "45/BC-UBND",
                day: "10/12/2025", href: "/app/reports/1", docxHref: "/app/reports/1/docx")
        ],
        issuers: [.init(value: "1", label: "Ủy ban nhân dân huyện Kon Rẫy", selected: true)],
        kinds: ReportWebController.kindOptions("annual"), year: 2025, newAction: "/app/reports/new")
}

extension ReportFormPage {
    static let mock = ReportFormPage(
        layout: .mock("Báo cáo tổng kết"),
        heading: "Tổng kết công tác xây dựng, nhân rộng điển hình tiên tiến năm 2025",
        isNew: false, canEdit: true, action: "/app/reports/1",
        form: [
            "summary": "Tổng kết công tác xây dựng, nhân rộng điển hình tiên tiến năm 2025", "number": "BC-sai",
            "day": "", "place": "Kon Rẫy", "signingMode": "kt", "chiefTitle": "Chủ tịch", "signerTitle": "Phó Chủ tịch",
            "signerName": "Trần Văn Minh", "recipients": "Sở Nội vụ tỉnh Kon Tum (b/c)\nLưu: VT, NV",
            "period": "01/01/2025 – 31/12/2025", "issuer": "Ủy ban nhân dân huyện Kon Rẫy", "kind": "Báo cáo tổng kết",
            "updated": "10/12/2025 08:30",
        ],
        errors: ["form": "Dữ liệu chưa hợp lệ.", "number": "Số báo cáo bắt đầu bằng chữ số, ví dụ 45/BC-UBND."],
        issuers: [], kinds: [],
        signingModes: SigningMode.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == .kt) },
        sections: PeriodicReportSection.all.map {
            .init(key: $0.key, heading: $0.heading, hint: $0.hint, value: "Nội dung \($0.key).", error: nil)
        }, docxHref: "/app/reports/1/docx", listHref: "/app/reports")

    static let mockNew = ReportFormPage(
        layout: .mock("Tạo báo cáo sơ kết, tổng kết"), heading: "Tạo báo cáo sơ kết, tổng kết", isNew: true,
        canEdit: true, action: "/app/reports",
        form: ["kind": "interim", "periodFrom": "01/01/2025", "periodTo": "30/06/2025", "authorityID": "1"],
        errors: ["periodTo": "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu (01/07/2025)."],
        issuers: [.init(value: "1", label: "Ủy ban nhân dân huyện Kon Rẫy", selected: true)],
        kinds: ReportWebController.kindOptions("interim"), signingModes: [], sections: [], docxHref: nil,
        listHref: "/app/reports")
}
