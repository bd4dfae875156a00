import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension QuotaPage {
    static let mock = QuotaPage(
        layout: .mock("Chỉ tiêu điển hình năm 2025"), year: 2025,
        years: [.init(value: 2024, selected: false), .init(value: 2025, selected: true)],
        plan: "Kế hoạch 2023–2025", legalBasis: "Kế hoạch, mục IV.3", note: "Tính cả điển hình đang xây dựng.",
        onlyShort: false,
        rows: [
            Row(
                unitName: "Ủy ban nhân dân xã Đăk Ruồng", unitHref: "/app/units/14",
                rule: "Mỗi xã, thị trấn: ít nhất 02 điển hình", source: "Kế hoạch, mục IV.3", count: 1, minimum: 2,
                met: false, missing: 1, registrationsHref: "/app/registrations?unitID=14&year=2025"),
            Row(
                unitName: "Phòng Nội vụ huyện Kon Rẫy", unitHref: "/app/units/2",
                rule: "Mỗi cơ quan, đơn vị thuộc huyện: ít nhất 01 điển hình", source: "Kế hoạch, mục IV.3", count: 3,
                minimum: 1, met: true, missing: 0, registrationsHref: "/app/registrations?unitID=2&year=2025"),
        ],
        nextHref: "/app/quotas?year=2025&after=/1/3/", allHref: "/app/quotas?year=2025",
        shortHref: "/app/quotas?year=2025&only=short")
}

extension HomePage {
    static var mockWithQuotas: HomePage {
        var page = HomePage.mock
        page.quotas = QuotaDigest(
            year: 2025, bound: 22, shortCount: 1, short: [QuotaPage.mock.rows[0]],
            href: "/app/quotas?year=2025&only=short")
        return page
    }
}
