import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension UsersPage {
    static let mock = UsersPage(
        layout: .mock("Tài khoản"), q: "", roles: [SelectOption(value: "", label: "Tất cả vai trò", selected: true)],
        users: [
            Row(
                username: "dakruong", fullName: "A Thuận", roleLabel: Role.unitOfficer.label, unitName: "Xã Đăk Ruồng",
                active: true, editHref: "/app/users/5/edit")
        ],
        pager: .mock, canCreate: true)
}

extension UserFormPage {
    static let mock = UserFormPage(
        layout: .mock("Tạo tài khoản"), heading: "Tạo tài khoản", action: UsersPath.list.href, creating: true,
        form: UserForm(
            username: "dakruong2", fullName: "Y Hoa", role: "unit-officer", unitID: "9", password: nil, active: "on"),
        errors: ["password": "Mật khẩu phải có ít nhất 10 ký tự."],
        roles: [SelectOption(value: "unit-officer", label: Role.unitOfficer.label, selected: true)],
        unitField: .mockSelect, minPassword: Check.minimumPasswordLength)
}

extension UnitField {
    /// A few units: a select.
    static let mockSelect = UnitField(
        name: "unitID", textName: "unit", label: "Đơn vị", required: false,
        picker: UnitPicker(
            options: [
                SelectOption(value: "", label: "— Không thuộc đơn vị —", selected: false),
                SelectOption(value: "9", label: "Xã Đăk Ruồng", selected: true),
            ], text: "", unitID: "", message: ""),
        error: nil)

    /// Many units: the text as typed, two matches offered, the field in error.
    static let mockMatches: UnitField = {
        var p = UnitPicker(options: [], text: "dak", unitID: "", message: "Có 2 đơn vị khớp “dak”; chọn một:")
        p.matches = [
            SelectOption(value: "9", label: "Xã Đăk Ruồng (KR-DAKRUONG)", selected: false),
            SelectOption(value: "10", label: "Xã Đăk Tờ Re (KR-DAKTORE)", selected: false),
        ]
        return UnitField(
            name: "parentID", textName: "parent", label: "Đơn vị cấp trên", required: false, picker: p,
            error: "Chưa xác định được đơn vị từ “dak”: chọn một đơn vị trong danh sách khớp, hoặc gõ mã đơn vị.")
    }()
}

extension UnitRow {
    static let mock = UnitRow(
        UnitModel(
            code: "KR-DAKRUONG", name: "Ủy ban nhân dân xã Đăk Ruồng", shortName: "Xã Đăk Ruồng", kind: .xa,
            parentID: nil, place: "Đăk Ruồng", abbreviation: "UBND"))
}

extension UnitsPage {
    static let mock = UnitsPage(
        layout: .mock("Đơn vị"), q: "dak ruong", kinds: [SelectOption(value: "xa", label: "Xã", selected: true)],
        units: .mock([UnitRow.mock]), pager: .mock, canCreate: true)
}

extension UnitPage {
    static let mock = UnitPage(
        layout: .mock("Xã Đăk Ruồng"),
        unit: UnitDTO(
            UnitModel(
                code: "KR-DAKRUONG", name: "Ủy ban nhân dân xã Đăk Ruồng", shortName: "Xã Đăk Ruồng", kind: .xa,
                parentID: 3, place: "Đăk Ruồng", abbreviation: "UBND")),
        breadcrumb: [Crumb(label: "Huyện Kon Rẫy", href: "/app/units/3")], children: [.mock],
        groups: [Crumb(label: "Cụm thi đua các xã, thị trấn", href: "/app/groups/1")],
        users: [Crumb(label: "dakruong — A Thuận", href: nil)],
        movements: [Crumb(label: "Dạy tốt - Học tốt", href: "/app/movements/1")],
        canEdit: true, canDelete: true, canAddChild: true, editHref: "/app/units/9/edit",
        deleteHref: "/app/units/9/delete", newChildHref: "/app/units/new?parentID=9",
        history: ["Sáp nhập vào Ủy ban nhân dân xã Kon Braih từ 01/07/2025 (Nghị quyết 1677/NQ-UBTVQH15)"],
        reorganiseHref: "/app/units/reorganise")
}

extension ReorganisationPage {
    static let mock = ReorganisationPage(
        layout: .mock("Sắp xếp đơn vị"), previewHref: "/app/units/reorganise", applyHref: "/app/units/reorganise/apply",
        text: "{\"changes\": []}", title: "Sắp xếp xã năm 2025", source: "Nghị quyết 1677/NQ-UBTVQH15, Điều 1",
        newUnits: ["KR-XAMOI — Ủy ban nhân dân xã Mới (xa; cấp trên: KONTUM)"],
        changes: [
            ReorganisationRowDTO(
                kind: "merge", kindLabel: "Sáp nhập", from: ["KR-DAKRUONG", "KR-TANLAP"], to: ["KR-XAMOI"],
                effective: "01/07/2025", basis: "Nghị quyết 1677/NQ-UBTVQH15")
        ],
        problems: ["Thay đổi, dòng 2: Mã đơn vị “KR-XYZ” không có trong cây tổ chức."], canApply: false,
        error: "Phương án sắp xếp có 1 lỗi; chưa áp dụng thay đổi nào.")
}

extension UnitFormPage {
    static let mock = UnitFormPage(
        layout: .mock("Thêm đơn vị"), heading: "Thêm đơn vị", action: UnitsPath.list.href,
        form: UnitForm(
            code: "KR-X", name: "Thôn Đăk Lâm", shortName: "", kind: "thon", parentID: "9", place: "", abbreviation: ""),
        errors: ["code": "Mã không được để trống."],
        kinds: [SelectOption(value: "thon", label: "Thôn", selected: true)],
        unitField: .mockMatches, cancelHref: UnitsPath.list.href)
}

extension GroupsPage {
    static let mock = GroupsPage(
        layout: .mock("Cụm, khối thi đua"),
        groups: [
            Group(
                id: 1, code: "CUM-XA", name: "Cụm thi đua các xã, thị trấn", kindLabel: "Cụm thi đua", members: [.mock],
                hiddenCount: 0)
        ])
}
