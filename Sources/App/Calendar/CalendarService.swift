import Domain
import Fluent
import Vapor

/// What a form or an API client sends for one day; strings so a rejected form comes back as typed.
struct CalendarDayInput: Content, Sendable {
    var day: String
    var kind: String
    var name: String
    var basis: String
    var verified: String?

    static let empty = CalendarDayInput(day: "", kind: CalendarDayKind.dayOff.rawValue, name: "", basis: "")
}

/// The holiday calendar: loads the shipped file, answers "which days are off" and keeps the administrator's edits.
enum CalendarService {
    // MARK: Shipped file

    static func files(in workingDirectory: String) throws -> [(name: String, data: Data)] {
        let dir = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Calendar")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return try names.filter { $0.hasPrefix("holidays-") && $0.hasSuffix(".json") }.sorted().map {
            ($0, try Data(contentsOf: dir.appendingPathComponent($0)))
        }
    }

    /// Loads every file version not loaded yet: adds its days that the table lacks, never overwrites a row (an
    /// administrator's edit stays) and never re-adds a day deleted after its version was loaded. Idempotent.
    @discardableResult
    static func loadShipped(workingDirectory: String, on db: any Database) async throws -> Int {
        var added = 0
        for (name, data) in try files(in: workingDirectory) {
            let file: HolidayFile
            do { file = try HolidayFile.decode(data) } catch {
                throw AppError.badRequest("Tệp lịch ngày nghỉ \(name) không đọc được: \(error)")
            }
            let problems = file.problems()
            guard problems.isEmpty else {
                throw AppError.badRequest("Tệp lịch ngày nghỉ \(name) có lỗi: " + problems.joined(separator: " "))
            }
            if try await CalendarFileModel.query(on: db).filter(\.$version == file.version).count() > 0 { continue }
            added += try await db.transaction { tx in
                let existing = Set(try await CalendarDayModel.query(on: tx).all(\.$day))
                var n = 0
                for d in file.days where !existing.contains(d.day) {
                    let m = CalendarDayModel()
                    apply(d, to: m)
                    m.source = .file
                    m.fileVersion = file.version
                    try await m.create(on: tx)
                    n += 1
                }
                let f = CalendarFileModel()
                f.version = file.version
                f.title = file.title
                f.legalBasis = file.legalBasis
                f.method = file.method
                f.notes = (file.notes ?? []).joined(separator: "\n")
                try await f.create(on: tx)
                try await AuditLog.record(
                    on: tx, actor: nil, action: "create", entity: "calendar-file", entityID: f.id, unitID: nil,
                    summary: "Nạp lịch ngày nghỉ phiên bản \(file.version): thêm \(n) ngày",
                    before: Optional<String>.none, after: file.version)
                return n
            }
        }
        return added
    }

    private static func apply(_ d: CalendarDay, to m: CalendarDayModel) {
        m.day = d.day
        m.year = Int(d.day.prefix(4)) ?? 0
        m.kind = d.kind
        m.name = d.name
        m.basis = d.basis
        m.verified = d.verified
    }

    // MARK: Reads

    /// The days of `years`, read now (no process cache: an edit on one instance counts on every other at once).
    static func calendar(years: [Int], on db: any Database) async throws -> HolidayCalendar {
        let rows = try await CalendarDayModel.query(on: db).filter(\.$year ~~ years).all()
        return HolidayCalendar(rows.map(\.domain))
    }

    /// The calendar a deadline counted from `day` needs: its year and the next.
    static func calendar(around day: String, on db: any Database) async throws -> HolidayCalendar {
        try await calendar(years: WorkingDays.years(from: day), on: db)
    }

    static func days(year: Int, on db: any Database) async throws -> [CalendarDayModel] {
        try await CalendarDayModel.query(on: db).filter(\.$year == year).sort(\.$day).all()
    }

    static func find(_ id: Int, on db: any Database) async throws -> CalendarDayModel {
        guard let m = try await CalendarDayModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy ngày này trong lịch.")
        }
        return m
    }

    static func files(on db: any Database) async throws -> [CalendarFileModel] {
        try await CalendarFileModel.query(on: db).sort(\.$version).all()
    }

    // MARK: Writes

    static func validate(_ input: CalendarDayInput, excluding id: Int?, on db: any Database) async throws
        -> CalendarDay
    {
        var e = FieldErrors()
        let typed = input.day.trimmingCharacters(in: .whitespaces)
        let iso = WorkingDays.isoDay(fromInput: typed)
        if typed.isEmpty {
            e.add("day", "Vui lòng nhập ngày theo dạng dd/mm/yyyy, ví dụ 02/09/2026.")
        } else if iso == nil {
            e.add("day", "“\(typed)” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 02/09/2026.")
        }
        let kind = CalendarDayKind(rawValue: input.kind)
        if kind == nil { e.add("kind", "Vui lòng chọn loại ngày: ngày lễ, ngày nghỉ hoặc ngày làm bù.") }
        let name = VietnameseText.clean(input.name)
        let basis = VietnameseText.clean(input.basis)
        Check.required(name, "name", "Tên ngày", into: &e)
        Check.required(basis, "basis", "Căn cứ", max: 1000, into: &e)
        let day = CalendarDay(
            day: iso ?? "", kind: kind ?? .dayOff, name: name, basis: basis, verified: input.verified == "true")
        if let iso, kind == .makeUpWorkday, WorkingDays.isWorkingDay(iso, calendar: .weekendsOnly) == true {
            e.add("kind", "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; \(iso.isoToVietnamese) vốn là ngày làm việc.")
        }
        if let iso {
            var q = CalendarDayModel.query(on: db).filter(\.$day == iso)
            if let id { q = q.filter(\.$id != id) }
            if try await q.count() > 0 {
                e.add("day", "Ngày \(iso.isoToVietnamese) đã có trong lịch; hãy sửa dòng của ngày đó.")
            }
        }
        guard e.isEmpty else { throw AppError.invalid(e) }
        return day
    }

    static func create(_ input: CalendarDayInput, actor: Actor?, on db: any Database) async throws
        -> CalendarDayModel
    {
        try Access.check(actor, .create, .calendar)
        let day = try await validate(input, excluding: nil, on: db)
        let m = CalendarDayModel()
        apply(day, to: m)
        m.source = .manual
        try await db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "calendar-day", entityID: m.id, unitID: nil,
                summary: "Thêm vào lịch: \(day.day.isoToVietnamese) — \(day.name)", before: Optional<CalendarDay>.none,
                after: day)
        }
        return m
    }

    static func update(_ id: Int, _ input: CalendarDayInput, actor: Actor?, on db: any Database) async throws
        -> CalendarDayModel
    {
        try Access.check(actor, .update, .calendar)
        let m = try await find(id, on: db)
        let day = try await validate(input, excluding: id, on: db)
        let before = m.domain
        apply(day, to: m)
        m.source = .manual
        try await db.transaction { tx in
            try await m.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "calendar-day", entityID: id, unitID: nil,
                summary: "Sửa lịch: \(day.day.isoToVietnamese) — \(day.name)", before: before, after: day)
        }
        return m
    }

    static func delete(_ id: Int, actor: Actor?, on db: any Database) async throws -> CalendarDay {
        try Access.check(actor, .delete, .calendar)
        let m = try await find(id, on: db)
        let before = m.domain
        try await db.transaction { tx in
            try await m.delete(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "delete", entity: "calendar-day", entityID: id, unitID: nil,
                summary: "Xóa khỏi lịch: \(before.day.isoToVietnamese) — \(before.name)", before: before,
                after: Optional<CalendarDay>.none)
        }
        return before
    }
}
