import Domain
import Foundation

@testable import App

// The page mocks of events (issue 10 §4): each view's render test draws one (SurfaceTests.everyViewRenders).

extension EventListPage {
    static let mock = EventListPage(
        layout: .mock("Sự kiện"), newHref: "/app/events/new",
        yearOptions: [SelectOption(value: "2025", label: "2025", selected: true)],
        kindOptions: EventKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
        unit: .mockSelect,
        rows: [
            Row(
                href: "/app/events/3", title: "Hội nghị sơ kết năm 2025", kind: "Hội nghị sơ kết", date: "18/07/2025",
                place: "Hội trường UBND huyện", unit: "Ủy ban nhân dân huyện Kon Rẫy", status: "Đã tổ chức",
                statusCode: "held")
        ], nextHref: "/app/events?after=2025-07-18_3", firstHref: nil)
}

extension EventFormPage {
    static let mock = EventFormPage(
        layout: .mock("Ghi sự kiện mới"), heading: "Ghi sự kiện mới", action: "/app/events", cancelHref: "/app/events",
        form: ["title": "Tham quan mô hình", "date": "31/02/2025", "place": "Thôn 10"],
        errors: ["date": "Ngày “31/02/2025” không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 15/05/2025."],
        kindOptions: EventKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
        unitField: UnitField(
            name: "unitID", textName: "unit", label: "Đơn vị tổ chức", required: true,
            picker: UnitPicker(
                options: [SelectOption(value: "14", label: "Ủy ban nhân dân xã Đăk Ruồng", selected: true)],
                text: "", unitID: "", message: ""),
            error: nil),
        unitsField: UnitsField(
            name: "unitIDs", textName: "unitIDsText", label: "Đơn vị tham dự", isChecklist: false,
            choices: [.init(id: 15, label: "Ủy ban nhân dân xã Tân Lập", checked: true)], text: "dak",
            matches: [.init(id: 14, label: "Ủy ban nhân dân xã Đăk Ruồng", checked: false)],
            message: "Các đơn vị khớp “dak”: đánh dấu đơn vị cần thêm.", error: nil),
        candidates: [Candidate(id: 7, label: "Hộ ông A Thút — Hộ sản xuất giỏi (xã Đăk Ruồng)", host: true, honour: "")]
    )
}

extension EventPage {
    static let mock = EventPage(
        layout: .mock("Tham quan mô hình"), title: "Tham quan mô hình cà phê", kind: "Tham quan học tập",
        date: "15/10/2024", time: "07 giờ 30", place: "Thôn 10, xã Đăk Ruồng", unit: "Ủy ban nhân dân huyện Kon Rẫy",
        status: "Dự kiến", statusCode: "planned", hosts: ["Hộ ông A Thút (xã Đăk Ruồng)"],
        honoured: [Honour(name: "Hộ ông A Thút", honour: "Giấy khen")], units: ["Ủy ban nhân dân xã Tân Lập"],
        people: ["Nguyễn Văn A; Phó Trưởng ban; Ban Tuyên giáo"], outcomes: ["Bốn xã đăng ký học tập mô hình."],
        files: [File(name: "chuong-trinh.pdf", href: "/app/event-files/1", size: "12 KB")],
        invitationNumber: "45/GM-UBND",
        reportNumber: "", editHref: "/app/events/1/edit",
        moves: [Move(code: "held", label: "Đã tổ chức"), Move(code: "cancelled", label: "Đã hủy")],
        statusAction: "/app/events/1/status", filesAction: "/app/events/1/files",
        invitationHref: "/app/events/1/invitation.docx", reportHref: "/app/events/1/report.docx",
        listHref: "/app/events", errors: [:])
}
