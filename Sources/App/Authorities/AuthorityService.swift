import Domain
import Fluent
import Vapor

/// An authority as created or edited: the signing block, recipients and formats are the office's own data.
struct AuthorityInput: Content, Sendable {
    var unitID: Int
    var level: String
    var name: String
    var headTitle: String
    var councilName: String
    var standingUnitID: Int
    /// dd/mm/yyyy or yyyy-mm-dd; empty = open-ended.
    var validFrom: String?
    var validTo: String?
    var signingMode: String
    var chiefTitle: String
    var signerTitle: String
    var signerName: String?
    var place: String
    var decisionFormat: String
    var minutesFormat: String
    var executors: String?
    var recipients: String?
}

enum AuthorityService {
    static func find(_ id: Int, on db: any Database) async throws -> AuthorityModel {
        guard
            let a = try await AuthorityModel.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$standingUnit)
                .first()
        else { throw AppError.notFound("Không tìm thấy cấp khen thưởng.") }
        return a
    }

    /// Every authority, highest in the tree first. A small table (one row per authority, not per record).
    static func all(on db: any Database) async throws -> [AuthorityModel] {
        try await AuthorityModel.query(on: db).with(\.$unit).with(\.$standingUnit).all()
            .sorted { ($0.unit.unitPath.depth, $0.id ?? 0) < ($1.unit.unitPath.depth, $1.id ?? 0) }
    }

    /// The authorities at and above `unit` in office on `day`, nearest first.
    static func chain(for unit: UnitPath, on day: String, db: any Database) async throws -> [AuthorityModel] {
        let all = try await all(on: db)
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id ?? 0, $0) })
        return AuthorityRouting.chain(for: unit, on: day, among: all.map(\.info)).compactMap { byID[$0.id] }
    }

    /// The access facts of one council for this actor.
    static func scope(_ a: AuthorityModel, actor: Actor?, on db: any Database) async throws -> CouncilScope {
        var seat = false
        if let actor {
            seat =
                try await CouncilMemberModel.query(on: db).filter(\.$authority.$id == a.id).filter(
                    \.$userID == actor.userID
                ).filter(\.$active == true).count() > 0
        }
        return CouncilScope(authorityID: a.id ?? 0, standingUnitID: a.$standingUnit.id, isSeat: seat)
    }

    static func scope(authorityID: Int?, actor: Actor?, on db: any Database) async throws -> CouncilScope {
        guard let authorityID else { throw AppError.conflict("Hồ sơ chưa được chuyển tới Hội đồng nào.") }
        return try await scope(try await find(authorityID, on: db), actor: actor, on: db)
    }

    /// The councils the actor works with: as their standing office or from a seat on their roster.
    static func councils(of actor: Actor?, on db: any Database) async throws -> [AuthorityModel] {
        guard let actor else { return [] }
        let seats = try await CouncilMemberModel.query(on: db).filter(\.$userID == actor.userID).filter(
            \.$active == true
        ).all().compactMap { $0.$authority.id }
        let ids = Set(seats + (try await running(by: actor, on: db)))
        guard !ids.isEmpty else { return [] }
        return try await AuthorityModel.query(on: db).filter(\.$id ~~ ids).with(\.$unit).with(\.$standingUnit).all()
            .sorted { ($0.unit.unitPath.depth, $0.id ?? 0) < ($1.unit.unitPath.depth, $1.id ?? 0) }
    }

    /// The ids of the councils whose standing office the actor is: one indexed-size query, no authority loaded.
    static func running(by actor: Actor?, on db: any Database) async throws -> [Int] {
        switch Policy.standingScope(actor) {
        case .none: return []
        case .all: return try await AuthorityModel.query(on: db).all(\.$id)
        case .unit(let unit):
            return try await AuthorityModel.query(on: db).filter(\.$standingUnit.$id == unit).all(\.$id)
        }
    }

    // MARK: Writes

    static func create(_ i: AuthorityInput, actor: Actor?, on db: any Database) async throws -> AuthorityModel {
        try Access.check(actor, .create, .authority(nil))
        let a = AuthorityModel()
        try await apply(i, to: a, creating: true, on: db)
        try await db.transaction { tx in
            try await a.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "authority", entityID: a.id, unitID: i.unitID,
                summary: "Khai báo cấp khen thưởng “\(a.headTitle)”", before: Optional<String>.none, after: a.name)
        }
        return try await find(a.requireID(), on: db)
    }

    static func update(_ id: Int, _ i: AuthorityInput, actor: Actor?, on db: any Database) async throws
        -> AuthorityModel
    {
        let a = try await find(id, on: db)
        try Access.check(actor, .update, .authority(try await scope(a, actor: actor, on: db)))
        let before = a.headTitle
        try await apply(i, to: a, creating: false, on: db)
        try await db.transaction { tx in
            try await a.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "authority", entityID: id, unitID: a.$unit.id,
                summary: "Cập nhật cấp khen thưởng “\(a.headTitle)”", before: before, after: a.headTitle)
        }
        return try await find(id, on: db)
    }

    /// Checks every field, naming each wrong one; the unit and level are fixed once created.
    private static func apply(_ i: AuthorityInput, to a: AuthorityModel, creating: Bool, on db: any Database)
        async throws
    {
        var e = FieldErrors()
        let name = VietnameseText.clean(i.name)
        let head = VietnameseText.clean(i.headTitle)
        let council = VietnameseText.clean(i.councilName)
        let chief = VietnameseText.clean(i.chiefTitle)
        let signerTitle = VietnameseText.clean(i.signerTitle)
        let signerName = VietnameseText.clean(i.signerName ?? "")
        let place = VietnameseText.clean(i.place)
        let decisionFormat = VietnameseText.clean(i.decisionFormat)
        let minutesFormat = VietnameseText.clean(i.minutesFormat)
        Check.required(name, "name", "Tên cơ quan ban hành", max: 200, into: &e)
        Check.required(head, "headTitle", "Chức danh người có thẩm quyền", max: 200, into: &e)
        Check.required(council, "councilName", "Tên Hội đồng", max: 200, into: &e)
        Check.required(chief, "chiefTitle", "Chức danh người đứng đầu", max: 120, into: &e)
        Check.required(signerTitle, "signerTitle", "Chức danh người ký", max: 120, into: &e)
        Check.optional(signerName, "signerName", "Họ tên người ký", max: 120, into: &e)
        Check.required(place, "place", "Địa danh", max: 120, into: &e)
        for (value, field, label) in [
            (decisionFormat, "decisionFormat", "Mẫu số quyết định"),
            (minutesFormat, "minutesFormat", "Mẫu số biên bản"),
        ] {
            Check.required(value, field, label, max: 60, into: &e)
            if !value.isEmpty && !value.contains("{n}") {
                e.add(field, "\(label) phải có chỗ cho số thứ tự “{n}”, ví dụ “{n}/QĐ-UBND”.")
            }
        }
        // The State is not an authority of ours: its forms go up from the province (`AuthorityRouting.proposer`).
        let level = AuthorityLevel(rawValue: i.level).flatMap { AuthorityLevel.allCases.contains($0) ? $0 : nil }
        if level == nil { e.add("level", "Vui lòng chọn cấp của cơ quan có thẩm quyền.") }
        let mode = SigningMode(rawValue: i.signingMode)
        if mode == nil { e.add("signingMode", "Vui lòng chọn cách ký.") }
        if creating {
            if try await UnitModel.find(i.unitID, on: db) == nil {
                e.add("unitID", "Đơn vị không tồn tại.")
            } else if try await AuthorityModel.query(on: db).filter(\.$unit.$id == i.unitID).count() > 0 {
                e.add("unitID", "Đơn vị này đã được khai báo là cấp khen thưởng.")
            }
        }
        if try await UnitModel.find(i.standingUnitID, on: db) == nil {
            e.add("standingUnitID", "Cơ quan thường trực không tồn tại.")
        }
        let from = day(i.validFrom, "validFrom", "Ngày bắt đầu", into: &e)
        let to = day(i.validTo, "validTo", "Ngày kết thúc", into: &e)
        if let from, let to, to < from { e.add("validTo", "Ngày kết thúc không được trước ngày bắt đầu.") }
        guard e.isEmpty, let level, let mode else { throw AppError.invalid(e) }
        if creating {
            a.$unit.id = i.unitID
            a.level = level
        }
        a.name = name
        a.headTitle = head
        a.councilName = council
        a.$standingUnit.id = i.standingUnitID
        a.validFrom = from
        a.validTo = to
        a.signingMode = mode
        a.chiefTitle = chief
        a.signerTitle = signerTitle
        a.signerName = signerName
        a.place = place
        a.decisionFormat = decisionFormat
        a.minutesFormat = minutesFormat
        a.executors = VietnameseText.cleanMultiline(i.executors ?? "")
        a.recipients = VietnameseText.cleanMultiline(i.recipients ?? "")
    }

    private static func day(_ raw: String?, _ field: String, _ label: String, into e: inout FieldErrors) -> String? {
        let s = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { return nil }
        guard let d = DayInput.iso(s) else {
            e.add(field, "\(label) phải có dạng dd/mm/yyyy.")
            return nil
        }
        return d
    }
}
