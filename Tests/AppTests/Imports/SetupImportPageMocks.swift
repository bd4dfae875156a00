import Domain

@testable import App

extension SetupImportPage {
    static func section(_ kind: SetupImportKind, errors: [ImportErrorItem] = []) -> Section {
        Section(
            kind: kind.rawValue, label: kind.label, templateHref: "/app/setup/\(kind.rawValue)/template",
            action: "/app/setup/\(kind.rawValue)", columns: kind.columns.map(\.name), errors: errors, warnings: [],
            error: nil)
    }

    static let mock = SetupImportPage(
        layout: .mock("Thiết lập từ bảng tính"),
        sections: [
            section(
                .units,
                errors: [
                    ImportErrorItem(
                        row: 3, column: "Mã đơn vị cấp trên",
                        message: "Cấp trên lặp vòng: KR-A → KR-B → KR-A. Một đơn vị không thể nằm dưới chính nó.")
                ]),
            section(.groups), section(.users),
        ],
        accounts: [], maxRows: SetupImport.maxRows)

    static let accountsMock = SetupImportPage(
        layout: .mock("Thiết lập từ bảng tính"), sections: SetupImportKind.allCases.map { section($0) },
        accounts: [OneTimeAccount(username: "dakruong.vanhoa", fullName: "Y Thương", password: "k7Ph2mQx9ZtR4w")],
        maxRows: SetupImport.maxRows)
}

extension GroupFormPage {
    static let mock: GroupFormPage = {
        var p = GroupFormPage(
            layout: .mock("Sửa Cụm thi đua các xã"), heading: "Sửa Cụm thi đua các xã", action: "/app/groups/1",
            form: GroupForm(code: "CUM-XA", name: "Cụm thi đua các xã", kind: "cum"),
            errors: ["name": "Tên cụm, khối không được để trống."],
            kinds: GroupsEditWebController.kindOptions("cum"), cancelHref: "/app/groups/1")
        p.members = [
            .init(
                name: "Ủy ban nhân dân xã Đăk Ruồng", code: "KR-DAKRUONG", href: "/app/units/3",
                removeHref: "/app/groups/1/members/3/delete")
        ]
        p.unitField = UnitField(
            name: "unitID", textName: "unit", label: "Thêm đơn vị thành viên", required: false,
            picker: UnitPicker(
                options: [SelectOption(value: "", label: "— Chọn đơn vị —", selected: true)], text: "", unitID: "",
                message: ""),
            error: "Vui lòng chọn một đơn vị để thêm vào cụm, khối.")
        p.membersAction = "/app/groups/1/members"
        return p
    }()
}
