import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension AuthoritiesPage {
    static let mock = AuthoritiesPage(
        layout: .mock("Cấp khen thưởng và Hội đồng"),
        rows: [
            Row(
                href: "/app/authorities/2", name: "Ủy ban nhân dân xã Đăk Ruồng",
                headTitle: "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng", levelLabel: AuthorityLevel.xa.label,
                standing: "Xã Đăk Ruồng", period: "Đang hoạt động", councilHref: "/app/council?authority=2"),
            Row(
                href: "/app/authorities/1", name: "Ủy ban nhân dân huyện Kon Rẫy",
                headTitle: "Chủ tịch Ủy ban nhân dân huyện Kon Rẫy", levelLabel: AuthorityLevel.huyen.label,
                standing: "Phòng Nội vụ", period: "Đến hết 30/06/2025", councilHref: "/app/council?authority=1"),
        ], canCreate: true, newHref: "/app/authorities/new")
}

extension AuthorityPage {
    static let mock = AuthorityPage(
        layout: .mock("Chủ tịch Ủy ban nhân dân xã Đăk Ruồng"), id: 2, action: "/app/authorities/2",
        title: "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng", canEdit: true, councilHref: "/app/council?authority=2",
        unitFields: [],
        standingFields: [
            UnitField(
                name: "standingUnitID", textName: "standingUnit", label: "Cơ quan thường trực Hội đồng",
                required: false,
                picker: UnitPicker(
                    options: [SelectOption(value: "9", label: "Xã Đăk Ruồng", selected: true)], text: "", unitID: "",
                    message: ""),
                error: nil)
        ],
        levels: [], modes: [SelectOption(value: "kt", label: SigningMode.kt.label, selected: true)],
        form: [
            "name": "Ủy ban nhân dân xã Đăk Ruồng", "headTitle": "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng",
            "decisionFormat": "{n}/QĐ-UBND", "recipients": "Như Điều 3\nLưu: VT",
        ],
        errors: ["decisionFormat": "Mẫu số quyết định phải có chỗ cho số thứ tự “{n}”, ví dụ “{n}/QĐ-UBND”."],
        confers: ["Chiến sĩ thi đua cơ sở", "Giấy khen"])
}
