import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension ImportsPage {
    static let mock = ImportsPage(
        layout: .mock("Nhập từ tệp"),
        jobs: [
            Job(
                href: "/app/imports/1", filename: "dang-ky-2024.xlsx", statusLabel: "Đã nhập xong", created: 120,
                errorCount: 0, at: "27/11/2026 08:00")
        ],
        error: "Tệp không có dòng dữ liệu nào.", maxRows: ImportService.maxRows,
        annualErrors: [
            ImportErrorItem(row: 3, column: "Kỷ luật", message: "Hình thức kỷ luật “phạt tiền” không hợp lệ.")
        ])
}

extension ImportJobPage {
    static let mock = ImportJobPage(
        layout: .mock("Nhập từ tệp"),
        job: try! ImportJobDTO(
            {
                let j = ImportJobModel(userID: 1, filename: "dang-ky.xlsx", total: 10000)
                j.id = 1
                try! j.move(to: .failed)
                j.processed = 10000
                j.errorCount = 1
                j.errors =
                    #"[{"row":5001,"column":"Mã đơn vị","message":"Không có đơn vị mã “KR-XYZ”."},"#
                    + #"{"row":7,"column":"Tên đối tượng","message":"Ô D7 bắt đầu bằng dấu “=”: “=1+2”.","warning":true}]"#
                return j
            }()),
        percent: 100, refresh: false)
}
