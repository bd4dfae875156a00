import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension LoginPage {
    static let mock = LoginPage(
        layout: .mock("Đăng nhập"), username: "noivu", next: "/app", error: "Tên đăng nhập hoặc mật khẩu không đúng.")
}

extension ErrorPageContext {
    static let mock = ErrorPageContext(
        layout: .mock("Không tìm thấy"), status: 404, heading: "Không tìm thấy",
        message: "Không tìm thấy trang hoặc dữ liệu yêu cầu.")
}

extension LayoutContext {
    static func mock(_ title: String = "Trang mẫu") -> LayoutContext {
        LayoutContext(
            title: title,
            user: UserBadge(
                fullName: "Nguyễn Thị Hằng", username: "noivu", roleLabel: Role.standingOffice.label,
                unitName: "Phòng Nội vụ"),
            nav: [
                NavItem(label: "Tổng quan", href: HomePath.home.href, active: true),
                NavItem(label: "Đơn vị", href: UnitsPath.list.href, active: false),
            ],
            csrf: "mock-csrf", flash: "Đã lưu.")
    }
}

extension Pager {
    static let mock = Pager(
        Page<Int>(items: [1], page: 1, perPage: 50, total: 120, next: ListCursor([.int(1)])), base: HomePath.publicHome,
        query: [])
}

extension AuditPage {
    static let mock = AuditPage(
        layout: .mock("Nhật ký"),
        entries: [
            Row(
                at: "27/11/2026 08:00", username: "noivu", action: "Sửa", entity: "unit", summary: "Sửa đơn vị",
                before: "{}", after: "{}"),
            Row(
                at: "27/11/2026 07:00", username: "noivu", action: "Thêm", entity: "import",
                summary: "Nhập 5.000 đăng ký",
                before: nil, after: nil, full: .init(href: "/app/audit/7", length: "30.086")),
        ], pager: .mock)
}

extension AuditEntryPage {
    static let mock = AuditEntryPage(
        layout: .mock("Mục nhật ký số 7"), id: 7, at: "27/11/2026 08:00", username: "noivu", action: "Thêm",
        entity: "import", entityID: nil, summary: "Nhập 3 đăng ký từ tệp dang-ky.csv", before: nil,
        after: #"{"file":"dang-ky.csv","registrationIDRanges":[[1,3]]}"#, listHref: "/app/audit")
}
