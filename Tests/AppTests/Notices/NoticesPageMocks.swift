import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension NoticeRow {
    static let mockUnread = NoticeRow(
        id: 7, kindLabel: NoticeKind.dossierReceived.label,
        title:
            "Hồ sơ “Đề nghị khen thưởng thành tích năm 2025” đã được gửi đến Hội đồng Thi đua - Khen thưởng xã Đăk Ruồng",
        body: "Xã Đăk Ruồng gửi hồ sơ số 12 (2 trường hợp) ngày 02/12/2025; hạn thẩm định 30/12/2025.",
        href: DossiersPath.dossier(.id(12)).href, date: "02/12/2025 08:30", read: false)
    static let mockRead = NoticeRow(
        id: 6, kindLabel: NoticeKind.meetingCalled.label, title: "Triệu tập họp Hội đồng: Họp xét khen thưởng 2025",
        body: "Ngày 10/12/2025, tại Hội trường xã; chủ trì: Chủ tịch UBND xã.", href: CouncilPath.meeting(.id(3)).href,
        date: "01/12/2025 15:00", read: true)
}

extension NoticesPage {
    static let mock = NoticesPage(
        layout: .mock("Thông báo"), unreadOnly: false, unread: "1", items: [.mockUnread, .mockRead],
        allHref: NoticesPath.inbox.href, unreadHref: NoticesPath.inbox.href([("unread", "1")]),
        nextHref: NoticesPath.inbox.href([("before", "6")]), firstHref: nil, readAllAction: NoticesPath.readAll.href,
        back: NoticesPath.inbox.href)
}

extension HomePage {
    /// The dashboard with its inbox box.
    static let mockWithNotices: HomePage = {
        var page = HomePage.mock
        page.notices = NoticeDigest(
            unread: "1", hasUnread: true, items: [.mockUnread], inboxHref: NoticesPath.inbox.href,
            readAllAction: NoticesPath.readAll.href)
        return page
    }()
}
