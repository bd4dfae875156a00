import Domain
import Fluent
import Vapor

/// A periodic report as created or edited (web form or API). Empty optional fields keep the authority's data.
struct PeriodicReportInput: Content, Sendable {
    /// Only when creating: the authority that issues the report.
    var authorityID: Int?
    /// "interim" | "annual"; only when creating.
    var kind: String?
    /// dd/mm/yyyy or yyyy-mm-dd; only when creating.
    var periodFrom: String?
    var periodTo: String?
    var summary: String?
    /// Entered by hand once signed ("45/BC-UBND"); empty for a draft.
    var number: String?
    /// dd/mm/yyyy or yyyy-mm-dd; empty for a draft.
    var day: String?
    var place: String?
    var signingMode: String?
    var chiefTitle: String?
    var signerTitle: String?
    var signerName: String?
    var recipients: String?
    var situation: String?
    var results: String?
    var shortcomings: String?
    var directions: String?
    var proposals: String?
}

enum PeriodicReportService {
    static let maxText = 20_000

    /// A report with its authority, if the actor may `action` it (else 404 or 403).
    static func find(_ id: Int, actor: Actor?, _ action: Action = .read, on db: any Database) async throws
        -> PeriodicReportModel
    {
        guard
            let r = try await PeriodicReportModel.query(on: db).filter(\.$id == id).with(
                \.$authority, { $0.with(\.$unit) }
            )
            .first()
        else { throw AppError.notFound("Không tìm thấy báo cáo.") }
        try Access.check(
            actor, action, .periodicReport(try await AuthorityService.scope(r.authority, actor: actor, on: db)))
        return r
    }

    /// The reports of the councils the actor runs or sits on, newest period first.
    static func list(actor: Actor?, on db: any Database) async throws -> [PeriodicReportModel] {
        try Access.check(actor, .list, .periodicReport(nil))
        let ids = try await AuthorityService.councils(of: actor, on: db).compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        return try await PeriodicReportModel.query(on: db).filter(\.$authority.$id ~~ ids).with(\.$authority)
            .sort(\.$periodTo, .descending).sort(\.$id, .descending).limit(500).all()
    }

    /// The authorities whose reports the actor may write (their standing office), highest first.
    static func issuers(actor: Actor?, on db: any Database) async throws -> [AuthorityModel] {
        let ids = try await AuthorityService.running(by: actor, on: db)
        guard !ids.isEmpty else { return [] }
        return try await AuthorityModel.query(on: db).filter(\.$id ~~ ids).with(\.$unit).with(\.$standingUnit).all()
            .sorted { ($0.unit.unitPath.depth, $0.id ?? 0) < ($1.unit.unitPath.depth, $1.id ?? 0) }
    }

    /// A new draft for an authority, kind and period; its signing block and recipients start from the authority's.
    static func create(_ i: PeriodicReportInput, actor: Actor?, on db: any Database) async throws
        -> PeriodicReportModel
    {
        var e = FieldErrors()
        guard let aid = i.authorityID else {
            e.add("authorityID", "Vui lòng chọn cấp ban hành báo cáo.")
            throw AppError.invalid(e)
        }
        guard
            let a = try await AuthorityModel.query(on: db).filter(\.$id == aid).with(\.$unit).with(\.$standingUnit)
                .first()
        else {
            e.add("authorityID", "Không tìm thấy cấp ban hành đã chọn; vui lòng chọn lại.")
            throw AppError.invalid(e)
        }
        try Access.check(actor, .create, .periodicReport(try await AuthorityService.scope(a, actor: actor, on: db)))
        let kind = PeriodicReportKind(rawValue: i.kind ?? "")
        if kind == nil { e.add("kind", "Vui lòng chọn loại báo cáo: sơ kết hoặc tổng kết.") }
        let from = day(i.periodFrom, "periodFrom", "Ngày bắt đầu kỳ báo cáo", required: true, into: &e)
        let to = day(i.periodTo, "periodTo", "Ngày kết thúc kỳ báo cáo", required: true, into: &e)
        let r = PeriodicReportModel()
        r.$authority.id = aid
        r.kind = kind ?? .interim
        r.periodFrom = from ?? ""
        r.periodTo = to ?? ""
        r.number = ""
        r.place = a.place
        r.signingMode = a.signingMode
        r.chiefTitle = a.chiefTitle
        r.signerTitle = a.signerTitle
        r.signerName = a.signerName
        r.recipients = try await defaultRecipients(a, on: db)
        for s in PeriodicReportSection.all { r[section: s.key] = "" }
        r.summary = ""
        r.createdBy = actor?.userID
        try await apply(i, to: r, errors: e, on: db)
        if r.summary.isEmpty {
            r.summary = PeriodicReportRules.defaultSummary(r.kind, from: r.periodFrom, to: r.periodTo)
        }
        let same = try await PeriodicReportModel.query(on: db).filter(\.$authority.$id == aid).filter(\.$kind == r.kind)
            .filter(\.$periodFrom == r.periodFrom).filter(\.$periodTo == r.periodTo).first()
        if let same, let sid = same.id {
            throw AppError.conflict(
                "\(a.name) đã có \(r.kind.label.lowercased()) cho kỳ này (bản nháp số \(sid)); vui lòng mở bản đó "
                    + "tại \(ReportsPath.report(.id(sid)).href) để sửa tiếp.")
        }
        try await db.transaction { tx in
            try await r.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "periodic_report", entityID: r.id,
                unitID: a.$unit.id, summary: "Tạo \(r.kind.label.lowercased()): \(r.summary)",
                before: Optional<String>.none, after: snapshot(r))
        }
        return try await find(r.requireID(), actor: actor, on: db)
    }

    /// Saves the narrative, number, date, signing block and recipients of a report (its kind and period stay).
    static func update(_ id: Int, _ i: PeriodicReportInput, actor: Actor?, on db: any Database) async throws
        -> PeriodicReportModel
    {
        let r = try await find(id, actor: actor, .update, on: db)
        let before = snapshot(r)
        try await apply(i, to: r, errors: FieldErrors(), on: db)
        if r.summary.isEmpty {
            r.summary = PeriodicReportRules.defaultSummary(r.kind, from: r.periodFrom, to: r.periodTo)
        }
        try await db.transaction { tx in
            try await r.update(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "periodic_report", entityID: r.id,
                unitID: r.authority.$unit.id, summary: "Sửa \(r.kind.label.lowercased()): \(r.summary)",
                before: before, after: snapshot(r))
        }
        return try await find(id, actor: actor, on: db)
    }

    /// Checks and copies what was typed; throws every field's problem at once, nothing saved.
    private static func apply(
        _ i: PeriodicReportInput, to r: PeriodicReportModel, errors: FieldErrors, on db: any Database
    )
        async throws
    {
        var e = errors
        func text(_ raw: String?, _ field: String, _ label: String, max: Int = 500) -> String? {
            guard let raw else { return nil }
            let t = VietnameseText.clean(raw)
            if t.count > max { e.add(field, "\(label) dài tối đa \(max) ký tự.") }
            return t
        }
        func long(_ raw: String?, _ field: String, _ label: String) -> String? {
            guard let raw else { return nil }
            let t = VietnameseText.cleanMultiline(raw)
            if t.count > maxText { e.add(field, "\(label) dài tối đa \(maxText) ký tự; vui lòng rút gọn.") }
            return t
        }
        if let s = text(i.summary, "summary", "Trích yếu") { r.summary = s }
        if let p = text(i.place, "place", "Địa danh", max: 100), !p.isEmpty { r.place = p }
        if let raw = i.signingMode, !raw.isEmpty {
            if let m = SigningMode(rawValue: raw) {
                r.signingMode = m
            } else {
                e.add("signingMode", "Vui lòng chọn cách ký: người đứng đầu ký, ký thay (KT.) hoặc thay mặt (TM.).")
            }
        }
        if let s = text(i.chiefTitle, "chiefTitle", "Chức danh người đứng đầu", max: 100), !s.isEmpty {
            r.chiefTitle = s
        }
        if let s = text(i.signerTitle, "signerTitle", "Chức danh người ký", max: 100), !s.isEmpty { r.signerTitle = s }
        if let s = text(i.signerName, "signerName", "Họ tên người ký", max: 100) { r.signerName = s }
        if let s = long(i.recipients, "recipients", "Nơi nhận") {
            r.recipients = PeriodicReportRules.recipients(s).joined(separator: "\n")
        }
        for s in PeriodicReportSection.all {
            let raw: String?
            switch s.key {
            case "situation": raw = i.situation
            case "results": raw = i.results
            case "shortcomings": raw = i.shortcomings
            case "directions": raw = i.directions
            default: raw = i.proposals
            }
            if let t = long(raw, s.key, s.heading) { r[section: s.key] = t }
        }
        if let raw = i.day { r.day = day(raw, "day", "Ngày báo cáo", required: false, into: &e) }
        if let raw = i.number {
            let t = VietnameseText.clean(raw)
            if t.isEmpty {
                r.number = ""
            } else if let n = DecisionRegister.normalise(t), n.count <= 50 {
                r.number = n
            } else {
                e.add("number", "Số báo cáo bắt đầu bằng chữ số, ví dụ 45/BC-UBND.")
            }
        }
        if !r.number.isEmpty && r.day == nil && e["day"] == nil {
            e.add("day", "Báo cáo đã có số thì ghi cả ngày ký (dd/mm/yyyy).")
        }
        if !r.periodFrom.isEmpty && !r.periodTo.isEmpty {
            for (f, m) in PeriodicReportRules.problems(from: r.periodFrom, to: r.periodTo, day: r.day, today: Today.iso)
            {
                e.add(f, m)
            }
        }
        // The number is the issuing authority's: the same number twice in a year is refused.
        if !r.number.isEmpty, let d = r.day, e.isEmpty {
            let year = String(d.prefix(4))
            let others = try await PeriodicReportModel.query(on: db).filter(\.$authority.$id == r.$authority.id)
                .filter(\.$number == r.number).all()
            if let other = others.first(where: { $0.id != r.id && ($0.day ?? "").hasPrefix(year) }) {
                e.add(
                    "number",
                    "Số \(r.number) đã dùng cho \(other.kind.label.lowercased()) ngày "
                        + "\((other.day ?? "").isoToVietnamese); vui lòng dùng số khác.")
            }
        }
        if !e.isEmpty { throw AppError.invalid(e) }
    }

    private static func day(_ raw: String?, _ field: String, _ label: String, required: Bool, into e: inout FieldErrors)
        -> String?
    {
        let s = VietnameseText.clean(raw ?? "")
        guard !s.isEmpty else {
            if required { e.add(field, "\(label) không được để trống (dd/mm/yyyy).") }
            return nil
        }
        guard let d = DayInput.iso(s) else {
            e.add(field, "\(label) phải có dạng dd/mm/yyyy, ví dụ 30/06/2025.")
            return nil
        }
        return d
    }

    /// The level above (its authority's name, else the unit's) and the file copy.
    static func defaultRecipients(_ a: AuthorityModel, on db: any Database) async throws -> String {
        var upper = "Sở Nội vụ"
        if let parentID = a.unit.$parent.id, let parent = try await UnitModel.find(parentID, on: db) {
            if a.standingUnit.id == a.unit.id {
                // A commune or an agency reports to the standing office of the level above.
                let above = try await AuthorityModel.query(on: db).filter(\.$unit.$id == parentID).with(\.$standingUnit)
                    .first()
                upper = above?.standingUnit.name ?? parent.name
            } else {
                upper = "Sở Nội vụ " + parent.name.replacingOccurrences(of: "Tỉnh ", with: "tỉnh ")
            }
        }
        return PeriodicReportRules.defaultRecipients(
            upper: upper, issuer: a.councilName, standingUnit: a.standingUnit.abbreviation)
    }

    struct Snapshot: Encodable {
        let kind: String
        let periodFrom: String
        let periodTo: String
        let summary: String
        let number: String
        let day: String?
        let signerName: String
        let recipients: String
        let sections: [String: Int]
    }

    /// What the audit keeps: the fields, and the narrative's length (the text itself is in the report).
    static func snapshot(_ r: PeriodicReportModel) -> Snapshot {
        Snapshot(
            kind: r.kind.rawValue, periodFrom: r.periodFrom, periodTo: r.periodTo, summary: r.summary, number: r.number,
            day: r.day, signerName: r.signerName, recipients: r.recipients,
            sections: Dictionary(
                uniqueKeysWithValues: PeriodicReportSection.all.map { ($0.key, r[section: $0.key].count) }))
    }
}
