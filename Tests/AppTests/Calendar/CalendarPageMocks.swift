import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension CalendarPage {
    static let mock = CalendarPage(
        layout: .mock("Lịch ngày nghỉ"), year: 2026, previousHref: "/app/calendar?year=2025",
        nextHref: "/app/calendar?year=2027",
        months: [
            Month(
                label: "Tháng 9/2026",
                days: [
                    Row(
                        date: "01/09/2026", weekday: "Thứ Ba", kind: "holiday", kindLabel: "Ngày lễ, Tết",
                        name: "Quốc khánh (ngày liền kề)", basis: "Bộ luật Lao động 2019, Điều 112", verified: false,
                        manual: false, editHref: "/app/calendar/days/1/edit", deleteHref: "/app/calendar/days/1/delete")
                ])
        ],
        canEdit: true,
        form: CalendarDayInput(day: "31/02/2026", kind: "day-off", name: "Nghỉ", basis: "Thông báo"),
        kinds: CalendarWebController.kindOptions("day-off"),
        errors: ["day": "“31/02/2026” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 02/09/2026."],
        action: "/app/calendar?year=2026", sources: ["Phiên bản 2026.1: Bộ luật Lao động 2019."])
}

extension CalendarDayFormPage {
    static let mock = CalendarDayFormPage(
        layout: .mock("Sửa ngày trong lịch"), heading: "Sửa ngày trong lịch", action: "/app/calendar/days/1",
        form: CalendarDayInput(day: "03/09/2026", kind: "make-up-workday", name: "Làm bù", basis: "Thông báo"),
        kinds: CalendarWebController.kindOptions("make-up-workday"),
        errors: ["kind": "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; 03/09/2026 vốn là ngày làm việc."],
        cancelHref: "/app/calendar")
}
