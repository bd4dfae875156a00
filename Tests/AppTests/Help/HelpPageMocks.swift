import Domain
import Foundation

@testable import App

// The page mocks of the help pages, the support contact and the own account: each view's render test draws one
// (SurfaceTests.everyViewRenders).

extension SupportCard {
    static let mock = SupportCard(
        SupportContact(
            name: "Bộ phận Thi đua - Khen thưởng, Phòng Nội vụ", phone: "0260 3820 123",
            email: "thiduakhenthuong@konray.gov.vn", hours: "Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00",
            note: "Ngoài giờ hành chính, gửi e-mail."))
}

extension HelpIndexPage {
    static let mock = HelpIndexPage(
        layout: .mock("Hướng dẫn"),
        screens: [HelpLink(title: "Đăng ký điển hình", href: HelpPath.topic(.text("dang-ky")).href, mine: false)],
        roles: [
            HelpLink(
                title: "Thường trực Hội đồng (Phòng Nội vụ)", href: HelpPath.topic(.text("vai-tro-thuong-truc")).href,
                mine: true)
        ],
        support: .mock, supportHref: SupportPath.support.href, source: "Hướng dẫn sử dụng Điển Hình.")
}

extension HelpTopicPage {
    static let mock = HelpTopicPage(
        layout: .mock("Hướng dẫn: Đăng ký điển hình"), title: "Đăng ký điển hình",
        blocks: HelpDocument.parse("# x\n## Đăng ký mới\n1. Bấm “Đăng ký mới”.\n- Tập thể\n\nGõ <b>dak ruong</b>.")
            .blocks,
        indexHref: HelpPath.index.href, supportHref: SupportPath.support.href)
}

extension SupportPage {
    static let mock = SupportPage(
        layout: .mock("Liên hệ hỗ trợ"), support: .mock, editHref: SupportPath.edit.href, helpHref: HelpPath.index.href)
}

extension SupportFormPage {
    static let mock = SupportFormPage(
        layout: .mock("Sửa thông tin liên hệ hỗ trợ"),
        form: SupportContact(name: "Phòng Nội vụ", phone: "12", email: "", hours: "", note: ""),
        errors: ["phone": "Số điện thoại \(Check.phoneRule)"],
        action: SupportPath.support.href, cancelHref: SupportPath.support.href)
}

extension AccountPage {
    static let mock = AccountPage(
        layout: .mock("Tài khoản của tôi"), fullName: "Nguyễn Thị Hằng", username: "noivu",
        roleLabel: Role.standingOffice.label, unitName: "Phòng Nội vụ", email: "hang@konray.gov.vn",
        passwordChanged: "02/12/2025 08:30", passwordHref: AccountPath.password.href,
        sessions: [
            SessionRow(
                kindLabel: "Trình duyệt", device: "Chrome trên Windows", ip: "10.0.0.5", created: "02/12/2025 08:30",
                lastSeen: "02/12/2025 09:15", expires: "02/12/2025 16:30", current: true,
                endAction: AccountPath.endSession(.id(4)).href),
            SessionRow(
                kindLabel: "Mã truy cập API", device: "curl", ip: "10.0.0.9", created: "01/12/2025 14:00",
                lastSeen: "01/12/2025 14:02", expires: "31/12/2025 14:00", current: false,
                endAction: AccountPath.endSession(.id(3)).href),
        ],
        otherCount: 31, hiddenCount: 30, endOthersAction: AccountPath.endOthers.href)
}

extension PasswordChangePage {
    static let mock = PasswordChangePage(
        layout: .mock("Đổi mật khẩu"), forced: true, action: AccountPath.password.href,
        errors: [
            "form": "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.",
            "confirmPassword": "Hai lần nhập mật khẩu mới không khớp nhau; vui lòng nhập lại.",
        ], minPassword: Check.minimumPasswordLength, accountHref: AccountPath.account.href)
}

extension PasswordResetPage {
    static let mock = PasswordResetPage(
        layout: .mock("Mật khẩu dùng một lần"), username: "tanlap", fullName: "Nguyễn Thị Lan",
        password: "abcd-EFGH-2345-wxyz", usersHref: UsersPath.list.href)
}
