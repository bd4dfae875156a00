import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension EvaluationFormPage {
    static let mock = EvaluationFormPage(
        layout: .mock("Đánh giá"), heading: "Đánh giá định kỳ: Hộ ông A Blơi",
        action: "/app/registrations/1/evaluations",
        form: ["period": "Quý III/2024"], errors: ["date": "Ngày đánh giá phải có dạng dd/mm/yyyy."],
        conclusions: [SelectOption(value: "achieved", label: "Đạt tiêu chuẩn điển hình", selected: false)],
        criteria: [
            CriterionField(
                code: "MH-12-TC05", text: "Trên 70% cán bộ, đảng viên…", sourceLabel: "Tiêu chuẩn của loại",
                kindLabel: "Tỷ lệ đạt ngưỡng",
                isBoolean: false, isShare: true, hasSub: true, isCount: false, isTrend: false, isRank: false,
                isFromRecords: false,
                population: "cán bộ, đảng viên", subGroup: "cán bộ lãnh đạo, quản lý", measure: "",
                hint: "Ngưỡng trên 70%", values: ["numerator": "18"], error: nil)
        ],
        cancelHref: "/app/registrations/1")
}

extension RegistrationRow {
    static let mock = RegistrationRow(
        id: 1, href: "/app/registrations/1", year: 2024, subjectName: "Hộ ông A Blơi",
        subjectKindLabel: "Hộ gia đình", title: "Mô hình trồng sâm dây", unitName: "Xã Đăk Ruồng",
        typeName: "Mô hình vì người nghèo", statusLabel: "Đạt điển hình", status: "achieved")
}

extension UnitPicker {
    /// The text field with two matches offered.
    static let mock: UnitPicker = {
        var p = UnitPicker(options: [], text: "dak", unitID: "", message: "Có 2 đơn vị khớp “dak”; chọn một:")
        p.matches = [
            SelectOption(value: "/app/registrations?unitID=9", label: "Xã Đăk Ruồng (KR-DAKRUONG)", selected: false),
            SelectOption(value: "/app/registrations?unitID=12", label: "Xã Đăk Tờ Re (KR-DAKTORE)", selected: false),
        ]
        return p
    }()

    /// A select (the actor's units are few), as a list filter named `unit`.
    static let mockSelect: UnitPicker = {
        var p = UnitPicker(
            options: [
                SelectOption(value: "", label: "Tất cả đơn vị", selected: false),
                SelectOption(value: "1", label: "Ủy ban nhân dân huyện Kon Rẫy", selected: true),
            ], text: "", unitID: "", message: "")
        p.idName = "unit"
        p.label = "Đơn vị tổ chức"
        return p
    }()
}

extension RegistrationsPage {
    static let mock = RegistrationsPage(
        layout: .mock("Đăng ký điển hình"), q: "", unit: .mock,
        yearsHTML: "<option value=\"\">Tất cả năm</option><option value=\"2024\" selected>2024</option>",
        groupsHTML: "<option value=\"\">Tất cả cụm, khối</option>", fieldsHTML: "", typesHTML: "",
        movementsHTML: "", kindsHTML: "", statusesHTML: "<option value=\"approved\" selected>Đã duyệt</option>",
        rows: .mock([RegistrationRow.mock]),
        pager: Pager(
            totalLabel: "hơn 10.000", page: nil, firstHref: "/app/registrations",
            previousHref: "/app/registrations?before=MQpr", nextHref: "/app/registrations?after=Mgpr"),
        orderNote: "Kết quả tìm kiếm xếp đăng ký mới nhất trước.", canCreate: true,
        csvHref: "/app/registrations/export?format=csv", xlsxHref: "/app/registrations/export?format=xlsx")
}

extension RegistrationFormPage {
    static let mock = RegistrationFormPage(
        layout: .mock("Đăng ký điển hình"), heading: "Đăng ký điển hình", action: RegistrationsPath.list.href,
        creating: true,
        form: .empty(year: 2024, unitID: 9), errors: ["subjectName": "Tên đối tượng không được để trống."],
        unitField: UnitField(
            name: "unitID", textName: "unit", label: "Đơn vị", required: true,
            picker: UnitPicker(
                options: [SelectOption(value: "9", label: "Xã Đăk Ruồng", selected: true)], text: "", unitID: "",
                message: ""),
            error: nil),
        kinds: [SelectOption(value: "household", label: "Hộ gia đình", selected: true)],
        types: [SelectOption(value: "MH-15", label: "MH-15 Mô hình vì người nghèo", selected: false)],
        fields: [SelectOption(value: "", label: "— Theo loại mô hình —", selected: true)],
        movements: [SelectOption(value: "7", label: "Cả nước chung tay vì người nghèo", selected: false)],
        genders: SubjectCatalogues.genderOptions(selected: "female"),
        ethnicities: SubjectCatalogues.ethnicityOptions(selected: "14"), showPersonal: true, showSensitive: true,
        existingSubjectName: nil, cancelHref: RegistrationsPath.list.href)
}

extension RegistrationPage {
    static let mock = RegistrationPage(
        layout: .mock("Đăng ký"), id: 1, heading: "Hộ ông A Blơi — Mô hình trồng sâm dây",
        statusLabel: "Đang bồi dưỡng", subjectHref: "/app/subjects/1",
        facts: [Item(label: "Năm", value: "2024")], personal: [Item(label: "Điện thoại", value: "0905 123 456")],
        movements: ["Cả nước chung tay vì người nghèo"],
        criteria: [
            CriterionStatusDTO(
                source: "type", sourceLabel: "Tiêu chuẩn của loại", code: "MH-15-TC03", text: "Thu nhập cao nhất",
                kind: "rankInLocality", kindLabel: "Xếp hạng", outcome: "met", outcomeLabel: "Đạt",
                reason: "Xếp thứ 1/12")
        ],
        targets: [SelectOption(value: "achieved", label: "Đạt điển hình", selected: false)],
        transitions: [
            Transition(at: "05/03/2024 08:00", username: "dakruong", toLabel: "Đăng ký", reason: "Đăng ký năm 2024")
        ],
        actions: [
            Action(
                id: 1, title: "Tập huấn kỹ thuật", responsible: "Hội Nông dân xã", dueDate: "30/06/2024",
                statusLabel: "Chưa thực hiện", overdue: true, open: true, note: "", updateAction: "/app/actions/1",
                statuses: [])
        ],
        evaluations: [
            Evaluation(
                date: "15/09/2024", period: "Quý III/2024", evaluator: "UBND xã", conclusionLabel: "Đạt", met: 8,
                unmet: 0, missing: 0, summary: "", difficulties: "Thiếu vốn", helpGiven: "Vay vốn ưu đãi")
        ],
        evidence: [
            Evidence(name: "anh-vuon-sam.jpg", href: "/app/evidence/1", size: "1,2 MB", description: "Vườn sâm")
        ],
        canEdit: true, editHref: "/app/registrations/1/edit", evaluateHref: "/app/registrations/1/evaluations/new",
        actionStatuses: [SelectOption(value: "planned", label: "Chưa thực hiện", selected: true)], errors: [:],
        actionForm: [:])
}

extension SubjectPage {
    static let mock = SubjectPage(
        layout: .mock("Hộ ông A Blơi"),
        subject: SubjectDTO(
            {
                let s = SubjectModel()
                s.id = 1
                s.kind = "household"
                s.name = "Hộ ông A Blơi"
                s.$unit.id = 9
                s.gender = ""
                s.ethnicity = "14"
                s.position = ""
                s.birthDate = ""
                s.idNumber = "062080000123"
                s.phone = ""
                s.address = "Thôn 1"
                return s
            }(), access: .everything),
        years: [
            Year(
                year: 2024, title: "Trồng sâm dây", unitName: "Xã Đăk Ruồng", statusLabel: "Đạt điển hình",
                href: "/app/registrations/1",
                evaluations: [
                    Eval(
                        date: "15/09/2024", period: "Quý III/2024", conclusionLabel: "Đạt", met: 8, unmet: 0, missing: 0
                    )
                ])
        ],
        records: [
            Record(
                year: 2023, ratingLabel: "—", titles: "Gia đình văn hóa", discipline: "Không", leave: "", members: "",
                eligibilityHref: "/app/subjects/1/eligibility?year=2023")
        ],
        initiatives: [
            Initiative(
                year: 2024, kindLabel: "Sáng kiến", title: "Ủ phân vi sinh", scopeLabel: "Cấp cơ sở",
                recognition: "QĐ 5/QĐ-UBND")
        ],
        awards: [
            Award(
                id: 1, year: 2023, formName: "Giấy khen", levelLabel: "Cấp xã",
                decision: "Số 12/QĐ-UBND ngày 20/12/2023 của UBND xã", deletable: true, dossierHref: nil)
        ],
        canEdit: true, showSensitive: true, isCollective: false, isHousehold: true,
        ratings: [SelectOption(value: "", label: "— Không xếp loại —", selected: true)], disciplines: [], scopes: [],
        levels: [], awardForms: [],
        recordAction: "/app/subjects/1/annual-records", nextYearHref: "/app/registrations/new?subjectID=1&year=2025",
        eligibilityHref: "/app/subjects/1/eligibility?year=2024", form: [:], errors: [:])
}

extension CriteriaPage {
    static let mock = CriteriaPage(
        layout: .mock("Tiêu chí cụ thể"),
        rows: [
            Row(
                unitName: "Xã Đăk Ruồng", year: 2024, code: "DR-01", text: "Không có hộ tái nghèo",
                kindLabel: "Không có trường hợp nào", appliesTo: "Hộ gia đình")
        ],
        canCreate: true, form: ["year": "2024"], errors: ["text": "Nội dung tiêu chí không được để trống."],
        unitField: .mockSelect,
        kinds: [], subjectKinds: [])
}
