import Domain
import Fluent
import Foundation
import Vapor

extension Application {
    private struct GroupScoringKey: StorageKey { typealias Value = [GroupScoringRule] }
    /// The scoring rules shipped in Resources/Rules/group-scoring-*.json, read at their first use.
    var groupScoringRules: [GroupScoringRule] {
        get throws {
            if let rules = storage[GroupScoringKey.self] { return rules }
            let rules = try GroupWorkService.loadRules(
                workingDirectory: config?.workingDirectory ?? directory.workingDirectory)
            storage[GroupScoringKey.self] = rules
            return rules
        }
    }
}

/// A cluster or block's year as the services see it: the group, its members in order, and the year's record.
struct GroupYearContext: Sendable {
    let group: UnitGroupModel
    let members: [UnitModel]
    let record: GroupYearModel?
    let year: Int

    var groupID: Int { group.id ?? 0 }
    var memberIDs: [Int] { members.compactMap(\.id) }
    var headUnitID: Int? { record?.headUnitID }

    func scope(unitID: Int? = nil) -> Resource {
        .groupWork(GroupWorkScope(memberUnitIDs: Set(memberIDs), headUnitID: headUnitID, unitID: unitID))
    }
    func member(_ id: Int) -> UnitModel? { members.first { $0.id == id } }
}

/// One member's row on the board.
struct GroupMemberStanding: Sendable {
    let unit: UnitModel
    let standing: GroupStanding
    let submission: GroupSubmissionModel?
    let pledge: GroupPledgeModel?
}

/// What a member sends: its plan file and the registrations it lists as exemplars.
struct GroupSubmissionInput: Sendable {
    var filename: String
    var bytes: [UInt8]
    var exemplarIDs: [Int]
}

/// What a pledge records: the day, who signed, an optional scan.
struct GroupPledgeInput: Sendable {
    var signedOn: String
    var signer: String
    var filename: String?
    var bytes: [UInt8]
}

/// The yearly work of clusters and blocks: validate → authorize (Policy) → transaction → audit.
enum GroupWorkService {
    static func loadRules(workingDirectory: String) throws -> [GroupScoringRule] {
        let dir = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix("group-scoring-") && $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let rule: GroupScoringRule
            do {
                rule = try JSONDecoder().decode(
                    GroupScoringRule.self, from: Data(contentsOf: dir.appendingPathComponent(name)))
            } catch {
                throw ConfigError(variable: "DIENHINH_RESOURCES", message: "tệp chấm điểm \(name) sai: \(error)")
            }
            let problems = rule.problems()
            guard problems.isEmpty else {
                throw ConfigError(
                    variable: "DIENHINH_RESOURCES",
                    message: "tệp chấm điểm \(name): " + problems.joined(separator: "; "))
            }
            return rule
        }
    }

    /// The moment a submission, an acceptance or a return is recorded: the clock, or — inside the demo's fixed day
    /// (`Today.fixed`) — 09:00 Vietnam time of that day, so the demo's on-time and late submissions are reproducible.
    static func now() -> Date {
        guard let fixed = Today.fixed, let day = VietnameseDate.parse(VietnameseDate.isoToDisplay(fixed)) else {
            return Date()
        }
        return day.addingTimeInterval(9 * 3600)
    }

    static func checkYear(_ year: Int) throws {
        guard (2000...2100).contains(year) else { throw AppError.notFound("Năm \(year) không hợp lệ.") }
    }

    /// The group's year, after the actor may `action` it (`unitID`: a member's own record).
    static func context(
        _ groupID: Int, year: Int, actor: Actor?, _ action: Action, unitID: Int? = nil, on db: any Database
    ) async throws -> GroupYearContext {
        let ctx = try await load(groupID, year: year, on: db)
        try Access.check(actor, action, ctx.scope(unitID: unitID))
        if let unitID, ctx.member(unitID) == nil {
            throw AppError.notFound("Đơn vị không là thành viên của \(ctx.group.name).")
        }
        return ctx
    }

    /// The group's year without an access check: callers ask the Policy themselves.
    static func load(_ groupID: Int, year: Int, on db: any Database) async throws -> GroupYearContext {
        guard let ctx = try await loadAll(year: year, groupIDs: [groupID], on: db).first else {
            throw AppError.notFound("Không tìm thấy cụm, khối thi đua.")
        }
        return ctx
    }

    /// The year of every group (or of `groupIDs`), in code order: four queries whatever the number of groups.
    static func loadAll(year: Int, groupIDs: [Int]? = nil, on db: any Database) async throws -> [GroupYearContext] {
        try checkYear(year)
        var groupQuery = UnitGroupModel.query(on: db).sort(\.$code)
        if let groupIDs { groupQuery = groupQuery.filter(\.$id ~~ groupIDs) }
        let groups = try await groupQuery.all()
        let ids = groups.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let links = try await UnitGroupMemberModel.query(on: db).filter(\.$group.$id ~~ ids).all()
        let units = try await UnitModel.query(on: db).filter(\.$id ~~ Set(links.map(\.$unit.id))).sort(\.$path).all()
        let records = try await GroupYearModel.query(on: db).filter(\.$group.$id ~~ ids).filter(\.$year == year).all()
        return groups.map { g in
            let memberIDs = Set(links.filter { $0.$group.id == g.id }.map(\.$unit.id))
            return GroupYearContext(
                group: g, members: units.filter { $0.id.map(memberIDs.contains) ?? false },
                record: records.first { $0.$group.id == g.id }, year: year)
        }
    }

    static func submissions(_ ctx: GroupYearContext, on db: any Database) async throws -> [GroupSubmissionModel] {
        try await GroupSubmissionModel.query(on: db).filter(\.$group.$id == ctx.groupID).filter(\.$year == ctx.year)
            .all()
    }

    /// Every member with its standing against the deadline (the head sees its group, the office every group).
    static func board(_ ctx: GroupYearContext, on db: any Database) async throws -> [GroupMemberStanding] {
        let subs = Dictionary(
            try await submissions(ctx, on: db).map { ($0.$unit.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pledges = Dictionary(
            try await GroupPledgeModel.query(on: db).filter(\.$group.$id == ctx.groupID).filter(\.$year == ctx.year)
                .all().map { ($0.$unit.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ctx.members.map { u in
            let s = subs[u.id ?? 0]
            return GroupMemberStanding(
                unit: u,
                standing: GroupStanding.of(
                    status: s?.status, submittedAt: s?.submittedAt, deadlineDayStart: ctx.record?.deadline),
                submission: s, pledge: pledges[u.id ?? 0])
        }
    }

    /// The unit heading the group in each of `years` (nil where none is set); empty without years.
    static func heads(_ groupID: Int, years: ClosedRange<Int>?, on db: any Database) async throws -> [Int?] {
        try await heads(of: [groupID], years: years, on: db)[groupID] ?? []
    }

    /// The heads of several groups at once, in one query: each group's list as `heads(_:years:)` gives it.
    static func heads(of groupIDs: [Int], years: ClosedRange<Int>?, on db: any Database) async throws
        -> [Int: [Int?]]
    {
        guard let years, !groupIDs.isEmpty else { return Dictionary(uniqueKeysWithValues: groupIDs.map { ($0, []) }) }
        let records = try await GroupYearModel.query(on: db).filter(\.$group.$id ~~ groupIDs)
            .filter(\.$year >= years.lowerBound).filter(\.$year <= years.upperBound).all()
        let byGroup = Dictionary(grouping: records, by: { $0.$group.id })
        return Dictionary(
            uniqueKeysWithValues: groupIDs.map { id in
                (id, years.map { y in byGroup[id]?.first { $0.year == y }?.headUnitID })
            })
    }

    /// The head suggested for the year: the member after last year's head.
    static func suggestedHead(_ ctx: GroupYearContext, on db: any Database) async throws -> Int? {
        let previous = try await GroupYearModel.query(on: db).filter(\.$group.$id == ctx.groupID)
            .filter(\.$year < ctx.year).filter(\.$headUnitID != nil).sort(\.$year, .descending).first()
        return GroupRotation.suggestedHead(members: ctx.memberIDs, previousHead: previous?.headUnitID)
    }

    // MARK: The office's settings of the year

    static func yearRecord(_ ctx: GroupYearContext, on db: any Database) async throws -> GroupYearModel {
        if let r = try await GroupYearModel.query(on: db).filter(\.$group.$id == ctx.groupID)
            .filter(\.$year == ctx.year).first()
        {
            return r
        }
        let r = GroupYearModel(groupID: ctx.groupID, year: ctx.year)
        try await r.create(on: db)
        return r
    }

    static func setDeadline(_ groupID: Int, year: Int, text raw: String, actor: Actor?, on db: any Database)
        async throws -> GroupYearModel
    {
        let ctx = try await context(groupID, year: year, actor: actor, .update, on: db)
        let text = VietnameseText.clean(raw)
        var e = FieldErrors()
        let day = VietnameseDate.parse(text)
        if text.isEmpty {
            e.add("deadline", "Vui lòng nhập hạn nộp theo dạng ngày/tháng/năm, ví dụ 31/03/\(year).")
        } else if day == nil {
            e.add(
                "deadline",
                "Hạn nộp “\(text)” không phải ngày hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 31/03/\(year).")
        }
        guard e.isEmpty, let day else { throw AppError.invalid(e) }
        return try await db.transaction { tx in
            let r = try await yearRecord(ctx, on: tx)
            let before = r.deadline.map(VietnameseDate.format)
            r.deadline = day
            try await r.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "group-year", entityID: r.id, unitID: nil,
                summary: "Đặt hạn nộp \(VietnameseDate.format(day)) cho \(ctx.group.name) năm \(year)",
                before: before, after: VietnameseDate.format(day))
            return r
        }
    }

    static func setHead(_ groupID: Int, year: Int, unitID: Int?, actor: Actor?, on db: any Database)
        async throws -> GroupYearModel
    {
        let ctx = try await context(groupID, year: year, actor: actor, .update, on: db)
        guard let unitID, let unit = ctx.member(unitID) else {
            var e = FieldErrors()
            e.add("headUnitID", "Vui lòng chọn một đơn vị thành viên của \(ctx.group.name) làm cụm (khối) trưởng.")
            throw AppError.invalid(e)
        }
        return try await db.transaction { tx in
            let r = try await yearRecord(ctx, on: tx)
            let before = r.headUnitID
            r.headUnitID = unitID
            try await r.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "group-year", entityID: r.id, unitID: unitID,
                summary: "Chọn \(unit.name) làm trưởng \(ctx.group.name) năm \(year)", before: before, after: unitID)
            return r
        }
    }

    // MARK: Submissions

    static func storeFile(
        _ ctx: GroupYearContext, unitID: Int, filename: String, bytes: [UInt8], actor: Actor?, app: Application,
        on db: any Database, then commit: @escaping @Sendable (GroupFileModel, any Database) async throws -> Void
    ) async throws {
        let kind = EvidenceService.detect(bytes) ?? .pdf
        let f = GroupFileModel()
        f.$group.id = ctx.groupID
        f.year = ctx.year
        f.unitID = unitID
        f.originalName = EvidenceService.safeName(filename, kind: kind)
        f.contentType = kind.contentType
        f.size = bytes.count
        f.sha256 = FileStore.sha256(bytes)
        f.uploadedBy = actor?.userID
        try await FileStore.put(bytes, app: app, db: db) { stored in
            f.storage = stored.storage
            f.storageKey = stored.key
            f.data = stored.data
            try await db.transaction { tx in
                try await f.create(on: tx)
                try await commit(f, tx)
            }
        }
    }

    /// A member submits (or, while not yet acted on or once returned, submits again) its plan and its exemplars.
    static func submit(
        _ groupID: Int, year: Int, unitID: Int, _ input: GroupSubmissionInput, actor: Actor?, app: Application,
        on db: any Database
    ) async throws -> GroupSubmissionModel {
        let ctx = try await context(groupID, year: year, actor: actor, .create, unitID: unitID, on: db)
        var e = FieldErrors()
        _ = EvidenceService.check(
            input.bytes, missing: "Vui lòng chọn tệp kế hoạch (PDF, Word hoặc ảnh chụp).", into: &e)
        let ids = Set(input.exemplarIDs)
        if ids.isEmpty {
            e.add("exemplarIDs", "Vui lòng chọn ít nhất một điển hình trong các đăng ký năm \(year) của đơn vị.")
        } else {
            let found = try await RegistrationModel.query(on: db).filter(\.$id ~~ ids).filter(\.$unit.$id == unitID)
                .filter(\.$year == year).count()
            if found != ids.count {
                e.add("exemplarIDs", "Chỉ chọn các đăng ký năm \(year) của chính đơn vị.")
            }
        }
        guard e.isEmpty else { throw AppError.invalid(e) }
        let existing = try await GroupSubmissionModel.query(on: db).filter(\.$group.$id == groupID)
            .filter(\.$year == year).filter(\.$unit.$id == unitID).first()
        if let existing { try existing.move(to: .submitted) } // refuses early when the table does not allow it
        let sub = existing ?? GroupSubmissionModel(groupID: groupID, year: year, unitID: unitID)
        let unitName = ctx.member(unitID)?.name ?? ""
        let exemplars = String(decoding: try JSONEncoder().encode(ids.sorted()), as: UTF8.self)
        let at = now() // read here: the transaction below runs in a task that does not see `Today.fixed`
        try await storeFile(
            ctx, unitID: unitID, filename: input.filename, bytes: input.bytes, actor: actor, app: app, on: db
        ) { file, tx in
            sub.planFileID = try file.requireID()
            sub.exemplarIDs = exemplars
            sub.submittedAt = at
            sub.submittedBy = actor?.userID
            sub.acceptedAt = nil
            sub.acceptedBy = nil
            try await sub.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: existing == nil ? "create" : "update", entity: "group-submission",
                entityID: sub.id, unitID: unitID,
                summary:
                    "\(unitName) nộp kế hoạch và danh sách \(ids.count) điển hình cho \(ctx.group.name) năm \(year)",
                before: Optional<String>.none, after: exemplars)
        }
        return sub
    }

    static func returnSubmission(
        _ groupID: Int, year: Int, unitID: Int, reason raw: String, actor: Actor?, on db: any Database
    ) async throws -> GroupSubmissionModel {
        let ctx = try await context(groupID, year: year, actor: actor, .read, unitID: unitID, on: db)
        try Access.check(actor, .update, ctx.scope())
        let reason = VietnameseText.cleanMultiline(raw)
        var e = FieldErrors()
        Check.required(reason, "reason", "Lý do trả lại", max: 1000, into: &e)
        guard e.isEmpty else { throw AppError.invalid(e) }
        guard
            let sub = try await GroupSubmissionModel.query(on: db).filter(\.$group.$id == groupID)
                .filter(\.$year == year).filter(\.$unit.$id == unitID).first()
        else { throw AppError.conflict("Đơn vị chưa nộp hồ sơ năm \(year), không có gì để trả lại.") }
        let before = sub.status
        try sub.move(to: .returned)
        sub.returnReason = reason
        sub.returnedAt = now()
        sub.acceptedAt = nil
        sub.acceptedBy = nil
        try await db.transaction { tx in
            try await sub.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "return", entity: "group-submission", entityID: sub.id, unitID: unitID,
                summary:
                    "Trả lại hồ sơ của \(ctx.member(unitID)?.name ?? "") (\(ctx.group.name) năm \(year)): \(reason)",
                before: before.rawValue, after: GroupSubmissionStatus.returned.rawValue)
        }
        return sub
    }

    /// The standing office accepts (tiếp nhận) a submitted plan and list: a move of the workflow table, audited.
    static func accept(_ groupID: Int, year: Int, unitID: Int, actor: Actor?, on db: any Database) async throws
        -> GroupSubmissionModel
    {
        let ctx = try await context(groupID, year: year, actor: actor, .read, unitID: unitID, on: db)
        try Access.check(actor, .update, ctx.scope())
        guard
            let sub = try await GroupSubmissionModel.query(on: db).filter(\.$group.$id == groupID)
                .filter(\.$year == year).filter(\.$unit.$id == unitID).first()
        else { throw AppError.conflict("Đơn vị chưa nộp hồ sơ năm \(year), không có gì để tiếp nhận.") }
        let before = sub.status
        try sub.move(to: .accepted)
        sub.acceptedAt = now()
        sub.acceptedBy = actor?.userID
        try await db.transaction { tx in
            try await sub.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "accept", entity: "group-submission", entityID: sub.id, unitID: unitID,
                summary: "Tiếp nhận hồ sơ của \(ctx.member(unitID)?.name ?? "") (\(ctx.group.name) năm \(year))",
                before: before.rawValue, after: GroupSubmissionStatus.accepted.rawValue)
        }
        return sub
    }

    /// The overview counts of a board (submitted, accepted, returned, on time, late, missing).
    static func counts(_ rows: [GroupMemberStanding]) -> GroupCounts {
        GroupCounts.of(rows.map { ($0.submission?.status, $0.standing) })
    }

    // MARK: Pledges

    static func pledge(
        _ groupID: Int, year: Int, unitID: Int, _ input: GroupPledgeInput, actor: Actor?, app: Application,
        on db: any Database
    ) async throws -> GroupPledgeModel {
        let ctx = try await context(groupID, year: year, actor: actor, .create, unitID: unitID, on: db)
        let signer = VietnameseText.clean(input.signer)
        let dayText = VietnameseText.clean(input.signedOn)
        var e = FieldErrors()
        let day = VietnameseDate.parse(dayText)
        if day == nil {
            e.add("signedOn", "Vui lòng nhập ngày ký theo dạng ngày/tháng/năm, ví dụ 15/01/\(year).")
        }
        Check.required(signer, "signer", "Người ký", max: 200, into: &e)
        if !input.bytes.isEmpty {
            _ = EvidenceService.check(input.bytes, missing: "", into: &e)
        }
        guard e.isEmpty, let day else { throw AppError.invalid(e) }
        let existing = try await GroupPledgeModel.query(on: db).filter(\.$group.$id == groupID)
            .filter(\.$year == year).filter(\.$unit.$id == unitID).first()
        let p = existing ?? GroupPledgeModel()
        p.$group.id = groupID
        p.year = year
        p.$unit.id = unitID
        p.signedOn = day
        p.signer = signer
        let summary =
            "\(ctx.member(unitID)?.name ?? "") ký giao ước thi đua \(ctx.group.name) năm \(year) "
            + "ngày \(VietnameseDate.format(day)), người ký \(signer)"
        let write: @Sendable (GroupFileModel?, any Database) async throws -> Void = { file, tx in
            if let file { p.fileID = try file.requireID() }
            try await p.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: existing == nil ? "create" : "update", entity: "group-pledge",
                entityID: p.id, unitID: unitID, summary: summary, before: Optional<String>.none, after: signer)
        }
        if input.bytes.isEmpty {
            try await db.transaction { tx in try await write(nil, tx) }
        } else {
            try await storeFile(
                ctx, unitID: unitID, filename: input.filename ?? "giao-uoc", bytes: input.bytes, actor: actor,
                app: app, on: db
            ) { file, tx in try await write(file, tx) }
        }
        return p
    }

    // MARK: Scores and ranking

    static func rule(year: Int, app: Application) throws -> GroupScoringRule {
        guard let r = GroupScoringRule.inForce(year, among: try app.groupScoringRules) else {
            throw AppError.notFound("Chưa có quy định chấm điểm cụm, khối áp dụng cho năm \(year).")
        }
        return r
    }

    static func scores(_ ctx: GroupYearContext, on db: any Database) async throws -> [Int: [String: Double]] {
        var out: [Int: [String: Double]] = [:]
        for s in try await GroupScoreModel.query(on: db).filter(\.$group.$id == ctx.groupID)
            .filter(\.$year == ctx.year).all()
        {
            out[s.$unit.id, default: [:]][s.criterion] = s.points
        }
        return out
    }

    /// Field name of one score in a form: "s-<unitID>-<criterion>".
    static func field(unit: Int, criterion: String) -> String { "s-\(unit)-\(criterion)" }

    /// Saves the entered points (text as typed; empty clears a score). Every cell is checked before anything is
    /// written.
    static func saveScores(
        _ groupID: Int, year: Int, entries: [String: String], actor: Actor?, app: Application, on db: any Database
    ) async throws {
        let ctx = try await context(groupID, year: year, actor: actor, .update, on: db)
        let rule = try rule(year: year, app: app)
        var e = FieldErrors()
        var values: [(unit: Int, criterion: String, points: Double?)] = []
        for u in ctx.members {
            let id = u.id ?? 0
            for c in rule.criteria {
                let key = field(unit: id, criterion: c.code)
                guard let raw = entries[key] else { continue }
                let text = VietnameseText.clean(raw)
                if text.isEmpty {
                    values.append((id, c.code, nil))
                } else if let v = GroupScoring.parse(text), rule.problem(points: v, criterion: c.code) == nil {
                    values.append((id, c.code, v))
                } else {
                    e.add(key, "\(u.name): điểm “\(c.label)” là số từ 0 đến \(GroupScoring.format(c.maxPoints)).")
                }
            }
        }
        guard e.isEmpty else { throw AppError.invalid(e) }
        let entered = values
        try await db.transaction { tx in
            let existing = try await GroupScoreModel.query(on: tx).filter(\.$group.$id == groupID)
                .filter(\.$year == year).all()
            for v in entered {
                let row = existing.first { $0.$unit.id == v.unit && $0.criterion == v.criterion }
                if let points = v.points {
                    let s = row ?? GroupScoreModel()
                    s.$group.id = groupID
                    s.year = year
                    s.$unit.id = v.unit
                    s.criterion = v.criterion
                    s.points = points
                    try await s.save(on: tx)
                } else if let row {
                    try await row.delete(on: tx)
                }
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "group-scores", entityID: groupID, unitID: nil,
                summary: "Chấm điểm \(ctx.group.name) năm \(year) (\(entered.count) ô)", before: Optional<String>.none,
                after: entered.map { "\($0.unit)/\($0.criterion)=\($0.points.map(GroupScoring.format) ?? "")" })
        }
    }

    static func ranking(_ ctx: GroupYearContext, rule: GroupScoringRule, on db: any Database) async throws
        -> [GroupRank]
    {
        GroupScoring.rank(members: ctx.memberIDs, scores: try await scores(ctx, on: db), rule: rule)
    }

    // MARK: Files

    static func download(_ id: Int, actor: Actor?, req: Request) async throws -> Response {
        guard let f = try await GroupFileModel.find(id, on: req.database) else {
            throw AppError.notFound("Không tìm thấy tệp.")
        }
        _ = try await context(f.$group.id, year: f.year, actor: actor, .read, unitID: f.unitID, on: req.database)
        let data = try await FileStore.get(storage: f.storage, key: f.storageKey, data: f.data, app: req.application)
        try await AuditLog.record(
            on: req.database, actor: actor, action: "download", entity: "group-file", entityID: f.id, unitID: f.unitID,
            summary: "Tải tệp \(f.originalName) (\(data.count) byte)", before: Optional<String>.none, after: f.sha256)
        return FileStore.attachment(data, name: f.originalName, contentType: f.contentType)
    }

    /// The member's registrations of the year, to choose its exemplars from.
    static func registrations(unitID: Int, year: Int, on db: any Database) async throws -> [RegistrationModel] {
        try await RegistrationModel.query(on: db).filter(\.$unit.$id == unitID).filter(\.$year == year)
            .with(\.$subject).sort(\.$sortKey).all()
    }
}
