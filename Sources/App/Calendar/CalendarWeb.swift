import Domain
import Fluent
import Vapor

struct CalendarPage: Encodable, Sendable {
    let layout: LayoutContext
    let year: Int
    let previousHref: String
    let nextHref: String
    let months: [Month]
    let canEdit: Bool
    let form: CalendarDayInput
    let kinds: [SelectOption]
    let errors: [String: String]
    let action: String
    let sources: [String]
    struct Month: Encodable, Sendable {
        let label: String
        let days: [Row]
    }
    struct Row: Encodable, Sendable {
        let date: String
        let weekday: String
        let kind: String
        let kindLabel: String
        let name: String
        let basis: String
        let verified: Bool
        let manual: Bool
        let editHref: String
        let deleteHref: String
    }
}

struct CalendarDayFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let form: CalendarDayInput
    let kinds: [SelectOption]
    let errors: [String: String]
    let cancelHref: String
}

struct CalendarWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(CalendarPath.calendar, use: show)
        r.post(CalendarPath.calendar, use: create)
        r.get(CalendarPath.edit(.key), use: editForm)
        r.post(CalendarPath.day(.key), use: update)
        r.post(CalendarPath.delete(.key), use: delete)
    }

    /// `?year=`: this year when absent, a 400 with a Vietnamese message when not a year.
    static func year(_ req: Request) throws -> Int {
        guard let text = req.queryText("year")?.trimmingCharacters(in: .whitespaces), !text.isEmpty
        else { return Today.year }
        guard let y = Int(text), (1900...2200).contains(y) else {
            throw AppError.badRequest("Năm “\(text)” không hợp lệ; nhập năm từ 1900 đến 2200, ví dụ 2026.")
        }
        return y
    }

    static func kindOptions(_ selected: String) -> [SelectOption] {
        CalendarDayKind.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected)
        }
    }

    static let weekdays = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]

    static func weekday(_ iso: String) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, let d = c.date(from: DateComponents(year: p[0], month: p[1], day: p[2])) else { return "" }
        return weekdays[c.component(.weekday, from: d) - 1]
    }

    func page(req: Request, year: Int, form: CalendarDayInput, errors: [String: String]) async throws -> CalendarPage {
        try req.authorize(.list, .calendar)
        let canEdit = req.can(.update, .calendar)
        let rows = try await CalendarService.days(year: year, on: req.database)
        let byMonth = Dictionary(grouping: rows) { Int($0.day.dropFirst(5).prefix(2)) ?? 0 }
        let months = byMonth.keys.sorted().map { m in
            CalendarPage.Month(
                label: "Tháng \(m)/\(year)",
                days: (byMonth[m] ?? []).map { d in
                    CalendarPage.Row(
                        date: d.day.isoToVietnamese, weekday: Self.weekday(d.day), kind: d.kind.rawValue,
                        kindLabel: d.kind.label, name: d.name, basis: d.basis, verified: d.verified,
                        manual: d.source == .manual, editHref: CalendarPath.edit(.id(d.id ?? 0)).href,
                        deleteHref: CalendarPath.delete(.id(d.id ?? 0)).href)
                })
        }
        let files = try await CalendarService.files(on: req.database)
        return CalendarPage(
            layout: req.layout("Lịch ngày nghỉ, ngày làm bù năm \(year)", active: CalendarPath.calendar.href),
            year: year, previousHref: CalendarPath.calendar.href([("year", String(year - 1))]),
            nextHref: CalendarPath.calendar.href([("year", String(year + 1))]), months: months, canEdit: canEdit,
            form: form, kinds: Self.kindOptions(form.kind), errors: errors,
            action: CalendarPath.calendar.href([("year", String(year))]),
            sources: files.map { "Phiên bản \($0.version): \($0.legalBasis). \($0.method)" })
    }

    @Sendable func show(req: Request) async throws -> Response {
        let year = try Self.year(req)
        return try await req.render(
            "calendar/calendar", try await page(req: req, year: year, form: .empty, errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.create, .calendar)
        let form = try req.form(CalendarDayInput.self)
        let year = (try? Self.year(req)) ?? Today.year
        return try await req.submit {
            try await CalendarService.create(form, actor: req.actor, on: req.database)
        } redirect: { m in
            (CalendarPath.calendar.href([("year", String(m.year))]), "Đã thêm ngày \(m.day.isoToVietnamese) vào lịch.")
        } orRender: { e in
            try await req.render(
                "calendar/calendar", try await page(req: req, year: year, form: form, errors: e.formErrors),
                status: e.status)
        }
    }

    private func formPage(req: Request, id: Int, form: CalendarDayInput, errors: [String: String])
        -> CalendarDayFormPage
    {
        CalendarDayFormPage(
            layout: req.layout("Sửa ngày trong lịch", active: CalendarPath.calendar.href),
            heading: "Sửa ngày trong lịch",
            action: CalendarPath.day(.id(id)).href, form: form, kinds: Self.kindOptions(form.kind), errors: errors,
            cancelHref: CalendarPath.calendar.href)
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.update, .calendar)
        let m = try await CalendarService.find(id, on: req.database)
        let form = CalendarDayInput(
            day: m.day.isoToVietnamese, kind: m.kind.rawValue, name: m.name, basis: m.basis,
            verified: m.verified ? "true" : nil)
        return try await req.render("calendar/day-form", formPage(req: req, id: id, form: form, errors: [:]))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.update, .calendar)
        let form = try req.form(CalendarDayInput.self)
        return try await req.submit {
            try await CalendarService.update(id, form, actor: req.actor, on: req.database)
        } redirect: { m in
            (CalendarPath.calendar.href([("year", String(m.year))]), "Đã sửa ngày \(m.day.isoToVietnamese).")
        } orRender: { e in
            try await req.render(
                "calendar/day-form", formPage(req: req, id: id, form: form, errors: e.formErrors), status: e.status)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        try req.authorize(.delete, .calendar)
        let removed = try await CalendarService.delete(id, actor: req.actor, on: req.database)
        return Flash.redirect(
            req, to: CalendarPath.calendar.href([("year", String(removed.day.prefix(4)))]),
            "Đã xóa ngày \(removed.day.isoToVietnamese) khỏi lịch.")
    }
}
