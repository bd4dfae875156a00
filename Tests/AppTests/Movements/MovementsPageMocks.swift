import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension MovementsPage {
    static let mock = MovementsPage(
        layout: .mock("Phong trào"), q: "", year: "2024",
        movements: [
            Row(
                code: "PT-DTHT", name: "Dạy tốt - Học tốt", kindLabel: "Phong trào thi đua", period: "2023–2025",
                leads: "Phòng Giáo dục và Đào tạo", href: "/app/movements/4")
        ],
        pager: .mock, canCreate: true)
}

extension MovementPage {
    static let mock = MovementPage(
        layout: .mock("Dạy tốt - Học tốt"),
        movement: MovementDTO(
            {
                let m = MovementModel()
                m.id = 4
                m.code = "PT-DTHT"
                m.name = "Dạy tốt - Học tốt"
                m.kind = "phong-trao"
                m.level = "trung-uong"
                m.fromYear = 2023
                m.toYear = 2025
                m.description = ""
                m.legalBasis = "Kế hoạch, mục IV.3"
                return m
            }(), agencies: []),
        leads: [UnitPage.Crumb(label: "Phòng Giáo dục và Đào tạo", href: "/app/units/8")], coordinating: [],
        canEdit: true, editHref: "/app/movements/4/edit")
}

extension MovementFormPage {
    static let mock = MovementFormPage(
        layout: .mock("Thêm phong trào"), heading: "Thêm phong trào", action: MovementsPath.list.href, form: .empty,
        errors: ["name": "Tên phong trào không được để trống."],
        kinds: [SelectOption(value: "phong-trao", label: "Phong trào thi đua", selected: true)],
        levels: [SelectOption(value: "huyen", label: "Huyện", selected: true)],
        agencyFields: [
            {
                var lead = UnitsField(
                    name: "leadAgencyIDs", textName: "leadAgencyIDsText", label: "Đơn vị chủ trì", isChecklist: true,
                    choices: [.init(id: 2, label: "Phòng Nội vụ", checked: true)], text: "", matches: [],
                    message: nil, error: nil)
                lead.required = true
                lead.locked = true
                lead.lockedNote = "chỉ Thường trực thay đổi được"
                return lead
            }(),
            UnitsField(
                name: "coordinatingAgencyIDs", textName: "coordinatingAgencyIDsText", label: "Đơn vị phối hợp",
                isChecklist: false, choices: [], text: "phong",
                matches: [.init(id: 3, label: "Phòng Tư pháp", checked: false)],
                message: "Các đơn vị khớp “phong”: đánh dấu đơn vị cần thêm.", error: "Có đơn vị không tồn tại."),
        ],
        cancelHref: MovementsPath.list.href)
}
