import Domain
import Fluent
import Vapor

extension Application {
    private struct RulesKey: StorageKey { typealias Value = [RuleSet] }
    /// The commendation rule sets shipped in Resources/Rules, loaded once at start.
    var ruleSets: [RuleSet] {
        get { storage[RulesKey.self] ?? [] }
        set { storage[RulesKey.self] = newValue }
    }
}

extension Request {
    var ruleSets: [RuleSet] { application.ruleSets }
    var jurisdiction: String { application.config?.jurisdiction ?? "VN" }
}

/// One subject's eligibility for one year: every form with every condition, and the highest form.
struct EligibilityDTO: Content, Sendable {
    struct Condition: Content, Sendable {
        let code: String
        let text: String
        let article: String
        let verified: Bool
        let verification: String?
        let outcome: String
        let outcomeLabel: String
        let reason: String
        /// An "or" condition's routes, each with its own state (empty otherwise).
        var routes: [Route] = []
    }
    struct Route: Content, Sendable {
        let outcome: String
        let outcomeLabel: String
        let reason: String
    }
    struct Form: Content, Sendable {
        let code: String
        let name: String
        let rank: Int
        /// true, false, or nil when data is missing.
        let eligible: Bool?
        let statusLabel: String
        let conferredBy: String
        let voteThreshold: Int?
        let alreadyRewarded: String?
        let conditions: [Condition]
        /// The concrete authority for this subject (Luật TĐKT 2022 art. 80), from the org tree.
        var conferrer: String? = nil
        /// Its article, or why it could not be named ("cần xác minh").
        var conferrerBasis: String? = nil
    }
    let subjectID: Int
    let year: Int
    let judgedOn: String
    let ruleSetID: String
    let ruleSetTitle: String
    let legalBasis: String
    let jurisdiction: String
    let highest: String?
    let forms: [Form]
    /// The judgement questions of the year for this subject, answered or open.
    var judgements: [JudgementDTO] = []
}

enum EligibilityService {
    static func loadRules(workingDirectory: String) throws -> [RuleSet] {
        let dir = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Rules")
        do { return try RuleLibrary.load(directory: dir) } catch {
            throw ConfigError(
                variable: "DIENHINH_RESOURCES",
                message: "không đọc được quy tắc khen thưởng trong \(dir.path): \(error)")
        }
    }

    /// The rule set for a year's achievement judged on `day` (default: 31/12 of that year).
    static func ruleSet(year: Int, day: String? = nil, sets: [RuleSet], jurisdiction: String) throws -> RuleSet {
        let d = day ?? RuleLibrary.judgingDay(forYear: year)
        guard let s = RuleLibrary.ruleSet(forDay: d, jurisdiction: jurisdiction, in: sets) else {
            var e = FieldErrors()
            e.add("year", "Chưa có bộ quy tắc khen thưởng áp dụng cho ngày \(d.isoToVietnamese).")
            throw AppError.invalid(e)
        }
        return s
    }

    /// The subject's records, initiatives and awards as the engine's facts, by year.
    static func history(subjectID: Int, sets: [RuleSet], on db: any Database) async throws -> [Int: AnnualRecordFacts] {
        let records = try await AnnualRecordModel.query(on: db).filter(\.$subject.$id == subjectID).all()
        let initiatives = try await InitiativeModel.query(on: db).filter(\.$subject.$id == subjectID).all()
        let awards = try await AwardModel.query(on: db).filter(\.$subject.$id == subjectID)
            .filter(\.$status == .valid).all()
        var out: [Int: AnnualRecordFacts] = [:]
        for r in records {
            let titles = Set(r.titleSet.map { RuleLibrary.formCode(forTitle: $0, in: sets) ?? $0 })
            out[r.year] = AnnualRecordFacts(
                year: r.year, taskRating: r.taskRating.flatMap(TaskRating.init(rawValue:)), titles: titles,
                discipline: r.discipline, disciplinePending: r.disciplinePending,
                onMaternityLeave: r.maternityLeave, treatmentLeave: r.treatmentLeave,
                familyExclusions: r.familyExclusions.map { $0.split(separator: "|").map(String.init) })
        }
        // An initiative that an award already rests on serves no second title (CV 5007/BNV-TĐKT).
        let used = try await AchievementService.usedByAwards(subjectID: subjectID, on: db)
        for i in initiatives where !used.contains(i.id ?? 0) {
            var f = out[i.year] ?? AnnualRecordFacts(year: i.year)
            let item = AnnualRecordFacts.Scoped(scope: i.scope, year: i.year)
            if i.kind == "de-tai" { f.researchTopics.append(item) } else { f.initiatives.append(item) }
            out[i.year] = f
        }
        // A title conferred by decision is held that year, whether or not the record lists it.
        // Only the kinds the rule file lists count toward higher forms (ad-hoc, thematic do not: NĐ 98/152 art. 4(3)).
        for a in awards where AchievementService.countsTowardHigher(a, sets: sets) {
            var f = out[a.year] ?? AnnualRecordFacts(year: a.year)
            f.titles.insert(a.formCode)
            out[a.year] = f
        }
        // Answers to judgement conditions (issue 9): a year with answers and no record still carries them.
        for (year, answers) in try await JudgementService.facts(subjectID: subjectID, on: db) {
            var f = out[year] ?? AnnualRecordFacts(year: year)
            f.judgements = answers
            out[year] = f
        }
        return out
    }

    /// A collective that stands for a unit (a commune itself) carries the history of the collectives that stood for
    /// the units its unit took over: "n years running" reads 2023–2024 of the old commune and 2025 of the new one.
    /// For a year the subject holds itself, its own record counts; otherwise the nearest predecessor's.
    static func lineageHistory(subject s: SubjectModel, sets: [RuleSet], on db: any Database) async throws
        -> [Int: AnnualRecordFacts]
    {
        var out = try await history(subjectID: try s.requireID(), sets: sets, on: db)
        guard s.subjectKind == .collective, let unitID = s.representsUnitID else { return out }
        let predecessors = try await ReorganisationQueries.predecessorIDs(of: unitID, on: db)
        guard !predecessors.isEmpty else { return out }
        let olds = try await SubjectModel.query(on: db).filter(\.$representsUnitID ~~ predecessors)
            .filter(\.$kind == SubjectKind.collective.rawValue).all()
        let byUnit = Dictionary(grouping: olds) { $0.representsUnitID ?? 0 }
        for unit in predecessors {
            for old in byUnit[unit] ?? [] {
                for (year, facts) in try await history(subjectID: try old.requireID(), sets: sets, on: db)
                where out[year] == nil {
                    out[year] = facts
                }
            }
        }
        return out
    }

    static func collective(subjectID: Int, year: Int, on db: any Database) async throws -> CollectiveFacts? {
        guard
            let r = try await AnnualRecordModel.query(on: db).filter(\.$subject.$id == subjectID).filter(
                \.$year == year
            ).first(),
            let total = r.memberCount
        else { return nil }
        var withTitle: [String: Int] = [:]
        if let n = r.membersLDTT { withTitle["lao-dong-tien-tien"] = n }
        if let n = r.membersCSTD { withTitle["cstd-co-so"] = n }
        return CollectiveFacts(
            memberCount: total, membersCompleting: r.membersCompleting ?? 0, membersWithTitle: withTitle,
            membersDisciplinedAtLeastWarning: r.membersDisciplined ?? 0)
    }

    static func ruleSubject(_ s: SubjectModel, on db: any Database) async throws -> String {
        var village = false
        if s.subjectKind == .collective, let uid = s.representsUnitID, let u = try await UnitModel.find(uid, on: db) {
            village = u.kind == UnitKind.thon.rawValue
        }
        return RuleLibrary.ruleSubject(kind: s.subjectKind, isVillage: village)
    }

    /// Every form for the subject's kind under the rules for `year`, highest first.
    static func evaluate(
        subject s: SubjectModel, year: Int, day: String? = nil, sets: [RuleSet], jurisdiction: String,
        on db: any Database
    ) async throws -> (RuleSet, [FormEligibility], [AwardModel]) {
        let ruleSet = try ruleSet(year: year, day: day, sets: sets, jurisdiction: jurisdiction)
        let id = try s.requireID()
        let history = try await lineageHistory(subject: s, sets: sets, on: db)
        let collective = s.subjectKind == .collective ? try await collective(subjectID: id, year: year, on: db) : nil
        let subject = try await ruleSubject(s, on: db)
        let forms = EligibilityEngine.all(
            subject: subject, history: history, collective: collective, year: year, ruleSet: ruleSet)
        let awards = try await AwardModel.query(on: db).filter(\.$subject.$id == id).filter(\.$status == .valid)
            .all()
        return (ruleSet, forms, awards)
    }

    static func dto(subjectID: Int, year: Int, day: String?, actor: Actor?, req: Request) async throws -> EligibilityDTO
    {
        let s = try await SubjectService.readable(subjectID, actor: actor, on: req.database)
        var e = FieldErrors()
        Check.year(year, "year", "Năm", into: &e)
        if let day, VietnameseDate.displayToISO(day.isoToVietnamese) != day {
            e.add("date", "Ngày xét không hợp lệ (yyyy-mm-dd).")
        }
        guard e.isEmpty else { throw AppError.invalid(e) }
        let (set, forms, awards) = try await evaluate(
            subject: s, year: year, day: day, sets: req.ruleSets, jurisdiction: req.jurisdiction, on: req.database)
        let given = awards.map { (formCode: $0.formCode, year: $0.year) }
        // Reasons that can reveal discipline, leave or household exclusions are shown only to readers of
        // sensitive facts; the outcome of every condition stays (the council votes on it).
        let sensitive = FieldAccess(actor, subjectUnit: s.unit.unitPath).sensitive
        func reason(_ form: String, _ c: ConditionResult) -> String {
            guard !sensitive else { return c.reason }
            let check = set.form(form)?.conditions.first { $0.code == c.code }?.check
            return check.map { Policy.revealsSensitive($0, in: set) } == false ? c.reason : withheldReason
        }
        let judgedOn = day ?? RuleLibrary.judgingDay(forYear: year)
        let conferrers = try await ConferrerLookup.named(
            forms: forms.map(\.formCode), subject: s, ruleSet: set, day: judgedOn, on: req.database)
        let judgements = try await JudgementService.list(
            subject: s, year: year, actor: actor, sets: req.ruleSets, jurisdiction: req.jurisdiction, on: req.database)
        let best = forms.first {
            $0.eligible == true && !EligibilityEngine.alreadyRewarded(formCode: $0.formCode, year: year, awards: given)
        }
        return EligibilityDTO(
            subjectID: subjectID, year: year, judgedOn: day ?? RuleLibrary.judgingDay(forYear: year), ruleSetID: set.id,
            ruleSetTitle: set.title, legalBasis: set.legalBasis, jurisdiction: set.jurisdiction,
            highest: best?.formCode,
            forms: forms.map { f in
                .init(
                    code: f.formCode, name: f.name, rank: f.rank, eligible: f.eligible,
                    statusLabel: statusLabel(f.eligible),
                    conferredBy: f.conferredBy, voteThreshold: f.voteThreshold,
                    alreadyRewarded: EligibilityEngine.alreadyRewardedReason(
                        formCode: f.formCode, year: year, awards: given),
                    conditions: f.conditions.map { c in
                        .init(
                            code: c.code, text: c.text, article: c.article, verified: c.verified,
                            verification: c.verificationNote,
                            outcome: c.outcome.rawValue, outcomeLabel: c.outcome.label, reason: reason(f.formCode, c),
                            routes: c.routes.map {
                                .init(
                                    outcome: $0.outcome.rawValue, outcomeLabel: $0.outcome.label,
                                    reason: reason(f.formCode, c) == withheldReason ? withheldReason : $0.reason)
                            })
                    },
                    conferrer: ConferrerLookup.display(conferrers[f.formCode], general: f.conferredBy).name,
                    conferrerBasis: ConferrerLookup.display(conferrers[f.formCode], general: f.conferredBy).basis)
            }, judgements: judgements)
    }

    static let withheldReason =
        "Chi tiết dựa trên dữ liệu cá nhân nhạy cảm; chỉ đơn vị quản lý đối tượng và Thường trực Hội đồng xem được."

    static func statusLabel(_ eligible: Bool?) -> String {
        switch eligible {
        case true?: return "Đủ điều kiện"
        case false?: return "Chưa đủ điều kiện"
        case nil: return "Thiếu dữ liệu để kết luận"
        }
    }
}
