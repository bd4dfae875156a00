import Domain
import Fluent
import SQLKit
import Vapor

/// Levels of the conferring authority, for awards entered by hand or imported.
enum AwardLevel: String, CaseIterable, Sendable {
    case coSo = "co-so", xa, huyen, tinh, bo
    case toanQuoc = "toan-quoc"
    var label: String {
        switch self {
        case .coSo: return "Cơ quan, đơn vị"
        case .xa: return "Cấp xã"
        case .huyen: return "Cấp huyện"
        case .tinh: return "Cấp tỉnh"
        case .bo: return "Bộ, ngành, đoàn thể trung ương"
        case .toanQuoc: return "Nhà nước"
        }
    }
}

/// An award to record (by hand, by import, or by a decision).
struct AwardInput: Content, Sendable {
    var formCode: String
    /// Needed when the form is not in the rule files (e.g. "Huân chương Lao động hạng Ba").
    var formName: String?
    var level: String
    var year: Int
    var period: String?
    var decisionNumber: String
    /// dd/mm/yyyy or yyyy-mm-dd
    var decisionDate: String
    var authority: String
    /// `AwardKind` code or label ("thuong-xuyen", "Đột xuất"…); empty = regular.
    var kind: String? = nil
    /// The subject's initiatives or research topics the award rests on (each usable once).
    var initiativeIDs: [Int]? = nil
}

struct AwardDTO: Content, Sendable {
    let id: Int
    let subjectID: Int
    let subjectName: String?
    let formCode: String
    let formName: String
    let level: String
    let levelLabel: String
    let year: Int
    let period: String
    let decisionNumber: String
    let decisionDate: String
    let authority: String
    let dossierID: Int?
    let source: String
    /// "valid" | "withdrawn" (`AwardStatus`), with the note naming the withdrawing decision.
    let status: String
    let statusNote: String
    let decisionID: Int?
    /// Reward money in đồng, the coefficient ("0.3") and the base salary it came from; nil when not computed.
    let rewardAmount: Int64?
    let rewardCoefficient: String?
    let baseSalary: Int64?
    /// false: some part of the amount is unconfirmed ("cần xác minh").
    let rewardVerified: Bool?
    /// `AwardKind` code ("thuong-xuyen", "dot-xuat"…) and its label.
    let kind: String
    let kindLabel: String
    init(_ a: AwardModel, subjectName: String? = nil) {
        id = a.id ?? 0
        subjectID = a.$subject.id
        self.subjectName = subjectName
        formCode = a.formCode
        formName = a.formName
        level = a.level
        levelLabel = AwardLevel(rawValue: a.level)?.label ?? a.level
        year = a.year
        period = a.period
        decisionNumber = a.decisionNumber
        decisionDate = a.decisionDate.isoToVietnamese
        authority = a.authority
        dossierID = a.dossierID
        source = a.source
        status = a.status.rawValue
        statusNote = a.statusNote
        decisionID = a.decisionID
        rewardAmount = a.rewardAmount
        rewardCoefficient = a.rewardCoefficient
        baseSalary = a.baseSalary
        rewardVerified = a.rewardVerified
        kind = a.kind.rawValue
        kindLabel = a.kind.label
    }
}

struct InitiativeInput: Content, Sendable {
    var year: Int
    /// "sang-kien" | "de-tai"
    var kind: String
    var title: String
    /// "co-so" | "tinh" | "toan-quoc"
    var scope: String
    var recognition: String?
}

struct InitiativeDTO: Content, Sendable {
    let id: Int
    let year: Int
    let kind: String
    let kindLabel: String
    let title: String
    let scope: String
    let scopeLabel: String
    let recognition: String
    init(_ i: InitiativeModel) {
        id = i.id ?? 0
        year = i.year
        kind = i.kind
        kindLabel = i.kind == "de-tai" ? "Đề tài nghiên cứu" : "Sáng kiến"
        title = i.title
        scope = i.scope
        scopeLabel = InitiativeScope(rawValue: i.scope)?.label ?? i.scope
        recognition = i.recognition
    }
}

enum InitiativeScope: String, CaseIterable {
    case coSo = "co-so", tinh
    case toanQuoc = "toan-quoc"
    var label: String { self == .coSo ? "Cấp cơ sở" : self == .tinh ? "Cấp tỉnh" : "Toàn quốc" }
}

/// Unit-owned commendation records (dossiers, awards) an actor may list, over a query with UnitModel joined; read
/// from the actor's units when they are few (`QueryBuilder.within(_:keptFor:)`). The award lookup applies the same
/// reach itself (`AwardService.filtered`): a small scope's search tests its subjects' names.
enum RecordScope {
    static func apply<M: Model>(_ q: QueryBuilder<M>, actor: Actor, keptFor req: Request?) async throws
        -> QueryBuilder<M>
    {
        try await q.within(Policy.recordScope(actor), keptFor: req)
    }
}

/// Every form of the rule files (first period's wording), optionally only for one rule subject.
extension Array where Element == RuleSet {
    func distinctForms(subject: String? = nil) -> [RuleForm] {
        var out: [RuleForm] = []
        for set in self {
            for f in set.forms
            where (subject == nil || f.subject == subject) && !out.contains(where: { $0.code == f.code }) {
                out.append(f)
            }
        }
        return out
    }
}

/// Dates typed as dd/mm/yyyy (forms) or yyyy-mm-dd (API).
enum DayInput {
    static func iso(_ text: String) -> String? {
        let t = VietnameseText.clean(text)
        if t.contains("/") { return VietnameseDate.displayToISO(t) }
        return VietnameseDate.displayToISO(t.isoToVietnamese) == t ? t : nil
    }
}

enum AwardService {
    /// The form's name from the rule files, or the name given for a form they do not list.
    static func validate(_ i: AwardInput, sets: [RuleSet]) -> (FieldErrors, code: String, name: String, day: String?) {
        var e = FieldErrors()
        let code = VietnameseText.clean(i.formCode)
        let known = sets.lazy.compactMap { $0.form(code) }.first
        let name = known?.name ?? VietnameseText.clean(i.formName ?? "")
        if code.isEmpty && name.isEmpty {
            e.add("formCode", "Vui lòng chọn hình thức khen thưởng hoặc ghi tên hình thức.")
        } else if known == nil && name.isEmpty {
            e.add("formName", "Hình thức này không có trong danh mục; vui lòng ghi tên hình thức.")
        }
        if name.count > 200 { e.add("formName", "Tên hình thức tối đa 200 ký tự.") }
        if AwardLevel(rawValue: i.level) == nil { e.add("level", "Vui lòng chọn cấp khen thưởng.") }
        Check.year(i.year, "year", "Năm thành tích", into: &e)
        Check.optional(VietnameseText.clean(i.period ?? ""), "period", "Thời gian thành tích", max: 100, into: &e)
        Check.required(VietnameseText.clean(i.decisionNumber), "decisionNumber", "Số quyết định", max: 60, into: &e)
        let day = DayInput.iso(i.decisionDate)
        if day == nil {
            e.add("decisionDate", "Ngày quyết định phải có dạng dd/mm/yyyy.")
        } else if let day, day < "\(i.year)-01-01" {
            e.add("decisionDate", "Ngày quyết định không thể trước năm thành tích \(i.year).")
        }
        Check.required(
            VietnameseText.clean(i.authority), "authority", "Cơ quan, người ký quyết định", max: 200, into: &e)
        let finalCode =
            known != nil
            ? code
            : (code.isEmpty || code == "khac"
                ? "khac-" + VietnameseText.fold(name).replacingOccurrences(of: " ", with: "-") : code)
        return (e, finalCode, name, day)
    }

    /// Records an award; refuses a second award of the same form for the same year's achievement, and any form for
    /// an achievement that already holds or is proposed for one (art. 5(2)(c)), except the nominee being decided.
    static func create(
        subjectID: Int, _ i: AwardInput, source: String, dossierID: Int? = nil, nomineeID: Int? = nil,
        actor: Actor?, sets: [RuleSet], on db: any Database
    ) async throws -> AwardModel {
        if db.inTransaction {
            return try await createInside(
                subjectID: subjectID, i, source: source, dossierID: dossierID, nomineeID: nomineeID, actor: actor,
                sets: sets, on: db)
        }
        return try await db.transaction { tx in
            try await createInside(
                subjectID: subjectID, i, source: source, dossierID: dossierID, nomineeID: nomineeID, actor: actor,
                sets: sets, on: tx)
        }
    }

    private static func createInside(
        subjectID: Int, _ i: AwardInput, source: String, dossierID: Int?, nomineeID: Int?, actor: Actor?,
        sets: [RuleSet], on db: any Database
    ) async throws -> AwardModel {
        let s = try await SubjectService.writable(subjectID, actor: actor, on: db)
        var (e, code, name, day) = validate(i, sets: sets)
        let kind = AchievementService.kind(i.kind, into: &e)
        let achievement = AchievementService.achievement(
            subjectID: subjectID, year: i.year, formCode: code, kind: kind, sets: sets)
        if e.isEmpty,
            try await AwardModel.query(on: db).filter(\.$subject.$id == subjectID).filter(\.$formCode == code).filter(
                \.$year == i.year
            ).filter(\.$status == .valid).filter(\.$kind == kind).count() > 0
        {
            e.add(
                "formCode",
                EligibilityEngine.alreadyRewardedReason(formCode: code, year: i.year, awards: [(code, i.year)])
                    ?? "Đã có.")
        }
        // A decision recorded through its dossier (ours, or the State's) is what that pending nominee waits for.
        if e.isEmpty, source != "quyet-dinh", source != StateDecisionService.awardSource,
            let pending = try await DossierNomineeModel.query(on: db).join(
                DossierModel.self, on: \DossierNomineeModel.$dossier.$id == \DossierModel.$id
            )
            .filter(\.$subject.$id == subjectID).filter(\.$formCode == code).filter(
                DossierModel.self, \.$year == i.year
            )
            .filter(DossierModel.self, \.$status != DossierStatus.decided).filter(\.$kind == kind)
            .filter(\.$withdrawn == false).first()
        {
            e.add(
                "formCode",
                "Thành tích này đang được đề nghị trong hồ sơ số \(pending.$dossier.id); khen thưởng sẽ được ghi khi có quyết định."
            )
        }
        var ignoring: Set<Int> = []
        if let nomineeID, let n = try await DossierNomineeModel.find(nomineeID, on: db) {
            ignoring = try await AchievementService.chain(n, on: db)
        }
        if e.isEmpty,
            let refusal = try await AchievementService.refusal(achievement, formName: name, ignoring: ignoring, on: db)
        {
            e.add("formCode", refusal)
        }
        if e.isEmpty {
            try await AchievementService.checkInitiatives(
                i.initiativeIDs ?? [], subjectID: subjectID, ignoring: ignoring, into: &e, on: db)
        }
        guard e.isEmpty, let day else { throw AppError.invalid(e) }
        let a = AwardModel(subjectID: subjectID)
        a.formCode = code
        a.formName = name
        a.level = i.level
        a.year = i.year
        a.period = VietnameseText.clean(i.period ?? "").isEmpty ? "Năm \(i.year)" : VietnameseText.clean(i.period ?? "")
        a.decisionNumber = VietnameseText.clean(i.decisionNumber)
        a.decisionDate = day
        a.authority = VietnameseText.clean(i.authority)
        a.dossierID = dossierID
        a.source = source
        a.kind = kind
        a.achievementKey = achievement.key
        try await a.create(on: db)
        let aid = try a.requireID()
        try await AchievementService.link(i.initiativeIDs ?? [], nomineeID: nil, awardID: aid, on: db)
        if !ignoring.isEmpty { try await AchievementService.carry(nomineeIDs: Array(ignoring), toAward: aid, on: db) }
        try await AuditLog.record(
            on: db, actor: actor, action: "create", entity: "award", entityID: a.id, unitID: s.$unit.id,
            summary: "Khen thưởng \(name) năm \(i.year) cho \(s.name) (QĐ \(a.decisionNumber))",
            before: Optional<String>.none, after: AwardDTO(a))
        return a
    }

    static func delete(_ id: Int, actor: Actor?, on db: any Database) async throws {
        guard let a = try await AwardModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy khen thưởng.")
        }
        let s = try await SubjectService.writable(a.$subject.id, .delete, actor: actor, on: db)
        if a.dossierID != nil {
            throw AppError.conflict("Khen thưởng này ghi từ một quyết định trong hệ thống; không xóa được.")
        }
        try await db.transaction { tx in
            try await a.delete(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "delete", entity: "award", entityID: id, unitID: s.$unit.id,
                summary: "Xóa khen thưởng \(a.formName) năm \(a.year) của \(s.name)", before: AwardDTO(a),
                after: Optional<String>.none)
        }
    }

    static func forSubject(_ subjectID: Int, actor: Actor?, on db: any Database) async throws -> [AwardModel] {
        _ = try await SubjectService.readable(subjectID, actor: actor, on: db)
        return try await AwardModel.query(on: db).filter(\.$subject.$id == subjectID).sort(\.$year, .descending).sort(
            \.$decisionDate, .descending
        ).all()
    }

    /// The lookup's filter and scope (the page, the API and the export share it); subjects and units joined. A
    /// search `q` matches the start of words of the folded name, each word (`FoldedTextSearch.words`), through
    /// the subjects' full-text index (migration 50): SQLite `subjects_fts`, PostgreSQL its trigram index. A small
    /// scope's (`UnitQueries.isSmall`) awards are read from its units, and on SQLite a search tests their subjects'
    /// own names: the index's matches for “nguyen” are 40 % of the country's people, which the lookup read whole
    /// before testing a commune's units (30 ms a page).
    static func filtered(
        q: String, year: Int?, formCode: String, actor: Actor, on db: any Database, keptFor req: Request? = nil
    ) async throws -> QueryBuilder<AwardModel> {
        var query = AwardModel.query(on: db).join(SubjectModel.self, on: \AwardModel.$subject.$id == \SubjectModel.$id)
            .join(UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id)
        // `RecordScope.apply`'s reach, kept for the search's choice.
        let scope = Policy.recordScope(actor)
        let reach = try await UnitQueries.reach(scope, on: db, keptFor: req)
        query = query.within(scope, reach)
        let words = FoldedTextSearch.words(q)
        for condition in FoldedTextSearch(table: SubjectModel.schema).matching(words, walk: reach.fromUnits, on: db) {
            query = query.filter(.sql(condition))
        }
        if let year { query = query.filter(.sql(common(SQLColumn("year", table: "awards"), SQLBind(year), on: db))) }
        if !formCode.isEmpty {
            query = query.filter(.sql(common(SQLColumn("form_code", table: "awards"), SQLBind(formCode), on: db)))
        }
        return query
    }

    /// `column = value`, told to SQLite as a common match (`likelihood(…, 0.9)`). SQLite has no statistics of its
    /// own and takes an equality as selective: for a year or a form it scanned all 3,000,000 awards through a
    /// covering index and sorted the matches (1.5 s and 1.0 s a page nationally), where walking the subjects in
    /// name order finds a page in a few milliseconds — a year or a form is a third or a tenth of the awards.
    /// PostgreSQL plans from its statistics.
    static func common(_ column: SQLColumn, _ value: SQLBind, on db: any Database) -> any SQLExpression {
        let equal = SQLBinaryExpression(column, .equal, value)
        return db.isPostgres ? equal : SQLFunction("likelihood", args: equal, SQLLiteral.numeric("0.9"))
    }

    /// The lookup's order (its pages and its export): people and collectives in name order (given name first),
    /// each one's awards the newest year first; indexes `subjects_order_idx` and `awards_subject_year_idx`.
    static let order: [KeysetColumn<AwardModel>] = [
        .text("subjects", "sort_key") { try $0.joined(SubjectModel.self).sortKey },
        .int("subjects", "id") { try $0.joined(SubjectModel.self).requireID() },
        .int("awards", "year", descending: true) { $0.year }, .int("awards", "id") { try $0.requireID() },
    ]

    /// A search's order: the people and collectives recorded last first, each one's awards the newest year first.
    /// The matching subjects' ids come from the full-text index (SQLite: the `subjects_fts` postings, as a sorted
    /// set the query walks backwards; PostgreSQL: the primary key walked backwards, or the trigram index for a
    /// rare name) and the page stops after a page, where name order had to read and sort every match first — a
    /// common name is much of the country.
    static let searchOrder: [KeysetColumn<AwardModel>] = [
        .int("subjects", "id", descending: true) { try $0.joined(SubjectModel.self).requireID() },
        .int("awards", "year", descending: true) { $0.year }, .int("awards", "id") { try $0.requireID() },
    ]

    /// The order of the lookup for `q`: name order, or `searchOrder` for a search.
    static func order(q: String) -> [KeysetColumn<AwardModel>] {
        FoldedTextSearch.words(q).isEmpty ? order : searchOrder
    }

    /// Award history lookup: by name (diacritics ignored), year, form; within the actor's record scope. A search's
    /// total on PostgreSQL is bounded by the rows seen (`PageTotal.seen`): counting “nguyen” up to 10,001 awards
    /// read a bitmap of every match of the trigram index, 70–90 ms nationally, for a page that takes 1–2 ms.
    static func search(
        q: String, year: Int?, formCode: String, actor: Actor, _ list: ListQuery, on db: any Database,
        keptFor req: Request? = nil
    ) async throws -> Page<(AwardModel, SubjectModel, UnitModel)> {
        let searching = !FoldedTextSearch.words(q).isEmpty
        return try await filtered(q: q, year: year, formCode: formCode, actor: actor, on: db, keptFor: req).keysetPage(
            list, order: order(q: q), total: searching && db.isPostgres ? .seen : .counted()
        )
        .map { ($0, try $0.joined(SubjectModel.self), try $0.joined(UnitModel.self)) }
    }

    // MARK: Initiatives

    static func addInitiative(subjectID: Int, _ i: InitiativeInput, actor: Actor?, on db: any Database) async throws
        -> InitiativeModel
    {
        let s = try await SubjectService.writable(subjectID, actor: actor, on: db)
        var e = FieldErrors()
        Check.year(i.year, "year", "Năm công nhận", into: &e)
        if i.kind != "sang-kien" && i.kind != "de-tai" { e.add("kind", "Vui lòng chọn sáng kiến hoặc đề tài.") }
        Check.required(VietnameseText.clean(i.title), "title", "Tên sáng kiến, đề tài", max: 300, into: &e)
        if InitiativeScope(rawValue: i.scope) == nil { e.add("scope", "Vui lòng chọn phạm vi công nhận.") }
        Check.optional(
            VietnameseText.clean(i.recognition ?? ""), "recognition", "Văn bản công nhận", max: 200, into: &e)
        guard e.isEmpty else { throw AppError.invalid(e) }
        let m = InitiativeModel()
        m.$subject.id = subjectID
        m.year = i.year
        m.kind = i.kind
        m.title = VietnameseText.clean(i.title)
        m.scope = i.scope
        m.recognition = VietnameseText.clean(i.recognition ?? "")
        try await db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "initiative", entityID: m.id, unitID: s.$unit.id,
                summary: "Thêm \(InitiativeDTO(m).kindLabel.lowercased()) “\(m.title)” của \(s.name)",
                before: Optional<String>.none, after: InitiativeDTO(m))
        }
        return m
    }

    static func initiatives(_ subjectID: Int, on db: any Database) async throws -> [InitiativeModel] {
        try await InitiativeModel.query(on: db).filter(\.$subject.$id == subjectID).sort(\.$year, .descending).all()
    }
}
