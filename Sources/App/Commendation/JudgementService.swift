import Domain
import Fluent
import Vapor

/// An answer as posted: "co" or "khong" (or true/false in JSON), an optional note, meeting and evidence file.
struct JudgementAnswerInput: Content, Sendable {
    var key: String
    var year: Int
    /// "co" | "khong" (the web form); JSON may send true/false as `answer`.
    var answer: String?
    var note: String?
    /// The council meeting at which the council answered (ours), or a free label ("phiên họp số 3").
    var meetingID: Int?
    var meetingLabel: String?
    var evidenceFileID: Int?

    enum CodingKeys: String, CodingKey { case key, year, answer, note, meetingID, meetingLabel, evidenceFileID }

    init(
        key: String, year: Int, answer: String?, note: String? = nil, meetingID: Int? = nil,
        meetingLabel: String? = nil, evidenceFileID: Int? = nil
    ) {
        self.key = key
        self.year = year
        self.answer = answer
        self.note = note
        self.meetingID = meetingID
        self.meetingLabel = meetingLabel
        self.evidenceFileID = evidenceFileID
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        year = try c.decode(Int.self, forKey: .year)
        if let b = try? c.decodeIfPresent(Bool.self, forKey: .answer) {
            answer = b ? "co" : "khong"
        } else {
            answer = try c.decodeIfPresent(String.self, forKey: .answer)
        }
        note = try c.decodeIfPresent(String.self, forKey: .note)
        meetingID = try c.decodeIfPresent(Int.self, forKey: .meetingID)
        meetingLabel = try c.decodeIfPresent(String.self, forKey: .meetingLabel)
        evidenceFileID = try c.decodeIfPresent(Int.self, forKey: .evidenceFileID)
    }
}

/// One judgement question of a subject's year, with its answer if any.
struct JudgementDTO: Content, Sendable {
    let key: String
    let question: String
    let articles: [String]
    let forms: [String]
    /// Who the rule file lets answer ("unitHead", "council").
    let answeredBy: [String]
    let answeredByLabel: String
    /// "yes" | "no" | "open"
    let state: String
    let stateLabel: String
    let answer: Bool?
    let capacity: String?
    let answerer: String?
    let answeredOn: String?
    let note: String?
    let meetingID: Int?
    let evidenceFileID: Int?
    /// Whether the asking actor may answer it.
    let canAnswer: Bool
}

enum JudgementService {
    /// The rule set of the year and its judgement questions for this subject's kind.
    static func questions(
        subject s: SubjectModel, year: Int, sets: [RuleSet], jurisdiction: String, on db: any Database
    )
        async throws -> (RuleSet, [JudgementQuestion])
    {
        let set = try EligibilityService.ruleSet(year: year, sets: sets, jurisdiction: jurisdiction)
        let subject = try await EligibilityService.ruleSubject(s, on: db)
        return (set, set.judgementQuestions(subject: subject))
    }

    static func answers(subjectID: Int, year: Int? = nil, on db: any Database) async throws
        -> [JudgementAnswerModel]
    {
        var q = JudgementAnswerModel.query(on: db).filter(\.$subject.$id == subjectID)
        if let year { q = q.filter(\.$year == year) }
        return try await q.sort(\.$year).sort(\.$key).all()
    }

    /// The engine's view of the answers, by year and key.
    static func facts(subjectID: Int, on db: any Database) async throws -> [Int: [String: JudgementAnswer]] {
        var out: [Int: [String: JudgementAnswer]] = [:]
        for a in try await answers(subjectID: subjectID, on: db) {
            out[a.year, default: [:]][a.key] = JudgementAnswer(answer: a.answer, answeredBy: a.answererLabel)
        }
        return out
    }

    /// Who may answer `q` for this subject: the councils at and above its unit, at the levels of the forms that ask
    /// it, in office on the judging day of the year or today.
    static func scope(_ q: JudgementQuestion, subject s: SubjectModel, year: Int, actor: Actor?, on db: any Database)
        async throws -> JudgementScope
    {
        let path = s.unit.unitPath
        var councils: [AuthorityModel] = []
        for day in [RuleLibrary.judgingDay(forYear: year), Today.iso] {
            for a in try await AuthorityService.chain(for: path, on: day, db: db)
            where !councils.contains(where: { $0.id == a.id }) && (q.levels.isEmpty || q.levels.contains(a.level)) {
                councils.append(a)
            }
        }
        var scopes: [CouncilScope] = []
        for a in councils { scopes.append(try await AuthorityService.scope(a, actor: actor, on: db)) }
        return JudgementScope(answeredBy: q.answeredBy, subjectUnit: path, councils: scopes)
    }

    /// Every question with its answer, for the eligibility page and the API.
    static func list(
        subject s: SubjectModel, year: Int, actor: Actor?, sets: [RuleSet], jurisdiction: String,
        on db: any Database
    ) async throws -> [JudgementDTO] {
        let (_, qs) = try await questions(subject: s, year: year, sets: sets, jurisdiction: jurisdiction, on: db)
        let given = Dictionary(
            try await answers(subjectID: try s.requireID(), year: year, on: db).map { ($0.key, $0) },
            uniquingKeysWith: { a, _ in a })
        var out: [JudgementDTO] = []
        for q in qs {
            let scope = try await scope(q, subject: s, year: year, actor: actor, on: db)
            let a = given[q.key]
            out.append(
                JudgementDTO(
                    key: q.key, question: q.question, articles: q.articles, forms: q.formCodes,
                    answeredBy: q.answeredBy.map(\.rawValue),
                    answeredByLabel: q.answeredBy.map(\.label).joined(separator: " hoặc "),
                    state: a.map { $0.answer ? "yes" : "no" } ?? "open",
                    stateLabel: a.map { $0.answer ? "Đạt" : "Không đạt" } ?? "Cần đánh giá",
                    answer: a?.answer, capacity: a?.capacity, answerer: a?.answererLabel,
                    answeredOn: a?.answeredDay.isoToVietnamese, note: a.map(\.note).flatMap { $0.isEmpty ? nil : $0 },
                    meetingID: a?.meetingID, evidenceFileID: a?.evidenceFileID,
                    canAnswer: Policy.decide(actor, .update, .judgement(scope)).isAllowed))
        }
        return out
    }

    /// Records (or changes) one answer: validate → authorize (Policy, from the rule's `answeredBy`) → write → audit.
    @discardableResult
    static func answer(
        subjectID: Int, _ i: JudgementAnswerInput, actor: Actor?, sets: [RuleSet], jurisdiction: String,
        note source: String? = nil, on db: any Database
    ) async throws -> JudgementAnswerModel {
        let s = try await SubjectService.readable(subjectID, actor: actor, on: db)
        var e = FieldErrors()
        Check.year(i.year, "year", "Năm", into: &e)
        guard e.isEmpty else { throw AppError.invalid(e) }
        let (set, qs) = try await questions(
            subject: s, year: i.year, sets: sets, jurisdiction: jurisdiction, on: db)
        guard let q = qs.first(where: { $0.key == i.key }) else {
            e.add("key", "Không có câu hỏi đánh giá “\(i.key)” trong \(set.title) cho đối tượng này.")
            throw AppError.invalid(e)
        }
        let scope = try await scope(q, subject: s, year: i.year, actor: actor, on: db)
        try Access.check(actor, .update, .judgement(scope))
        let value: Bool?
        switch VietnameseText.fold(i.answer ?? "") {
        case "co", "yes", "true", "dat": value = true
        case "khong", "no", "false", "khong dat": value = false
        default: value = nil
        }
        if value == nil { e.add("answer-\(q.key)", "Chọn “Có” hoặc “Không” cho câu hỏi này.") }
        let note = VietnameseText.clean(i.note ?? "")
        if note.count > 2000 { e.add("note-\(q.key)", "Ghi chú tối đa 2.000 ký tự.") }
        let label = VietnameseText.clean(i.meetingLabel ?? "")
        if label.count > 200 { e.add("meetingLabel", "Tên phiên họp tối đa 200 ký tự.") }
        var meeting: CouncilMeetingModel?
        if let mid = i.meetingID {
            meeting = try await CouncilMeetingModel.find(mid, on: db)
            if meeting == nil { e.add("meetingID", "Không có cuộc họp Hội đồng số \(mid).") }
        }
        if let fid = i.evidenceFileID, try await EvidenceFileModel.find(fid, on: db) == nil {
            e.add("evidenceFileID", "Không có tệp minh chứng số \(fid).")
        }
        guard e.isEmpty, let value, let actor else { throw AppError.invalid(e) }
        let capacity = Policy.judgementCapacity(actor, scope) ?? .unitHead
        let existing = try await JudgementAnswerModel.query(on: db).filter(\.$subject.$id == subjectID)
            .filter(\.$year == i.year).filter(\.$key == q.key).first()
        let m = existing ?? JudgementAnswerModel()
        let before = existing.map { $0.answer ? "Có" : "Không" }
        m.$subject.id = subjectID
        m.year = i.year
        m.key = q.key
        m.answer = value
        m.capacity = capacity.rawValue
        m.meetingID = capacity == .council ? meeting?.id : nil
        m.meetingLabel =
            capacity == .council
            ? (meeting.map { $0.title.isEmpty ? "cuộc họp số \($0.id ?? 0)" : $0.title } ?? label) : ""
        m.answeredBy = actor.userID
        m.answeredByName = actor.username
        m.answeredDay = Today.iso
        m.answeredAt = Date()
        m.note = [note, source ?? ""].filter { !$0.isEmpty }.joined(separator: " — ")
        m.evidenceFileID = i.evidenceFileID
        try await db.transaction { tx in
            try await m.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: existing == nil ? "create" : "update", entity: "judgement",
                entityID: m.id, unitID: s.$unit.id,
                summary: "Đánh giá “\(q.question)” của \(s.name) năm \(i.year): \(value ? "Có" : "Không") "
                    + "(\(capacity.label))",
                before: before, after: value ? "Có" : "Không")
        }
        return m
    }

    /// The judgement keys a check depends on, through the forms it refers to ("qualifiesFor").
    static func keys(_ check: RuleCheck, in set: RuleSet, depth: Int = 0) -> [String] {
        guard depth < 6 else { return [] }
        switch check {
        case .judgement(let key, _, _): return [key]
        case .anyOf(let of), .allOf(let of): return of.flatMap { keys($0, in: set, depth: depth + 1) }
        case .qualifiesFor(let form):
            return set.form(form)?.conditions.flatMap { keys($0.check, in: set, depth: depth + 1) } ?? []
        default: return []
        }
    }

    /// Submission problems: nominees whose form still waits on a judgement question (a condition with missing data
    /// that asks an unanswered one). Names the nominee and the question.
    static func openJudgements(
        _ d: DossierModel, set: RuleSet, sets: [RuleSet], jurisdiction: String,
        on db: any Database
    ) async throws -> [String] {
        var problems: [String] = []
        for n in d.nominees where !n.withdrawn {
            guard let form = set.form(n.formCode) else { continue }
            let s = n.subject
            let (_, forms, _) = try await EligibilityService.evaluate(
                subject: s, year: d.year, sets: sets, jurisdiction: jurisdiction, on: db)
            // Only an undecided form waits on its questions; one already unmet was proposed over its warning.
            guard let result = forms.first(where: { $0.formCode == n.formCode }), result.eligible == nil else {
                continue
            }
            let answered = Set(try await answers(subjectID: try s.requireID(), year: d.year, on: db).map(\.key))
            let questions = Dictionary(
                set.judgementQuestions().map { ($0.key, $0.question) }, uniquingKeysWith: { a, _ in a })
            var open: [String] = []
            for c in result.conditions where c.outcome == .missing {
                guard let rule = form.conditions.first(where: { $0.code == c.code }) else { continue }
                for k in keys(rule.check, in: set) where !answered.contains(k) && !open.contains(k) {
                    open.append(k)
                }
            }
            guard !open.isEmpty else { continue }
            problems.append(
                "\(s.name) (\(n.formName)) còn câu hỏi đánh giá chưa trả lời: "
                    + open.map { "“\(questions[$0] ?? $0)”" }.joined(separator: "; ") + ".")
        }
        return problems
    }
}

extension JudgementService {
    /// The demo's dossiers are proposed after their units judged their nominees: every judgement question of each
    /// nominee's form is answered "Có" by the demo's actor, so its dossiers can be submitted as in real life.
    static func answerForDemo(dossierID: Int, actor: Actor, sets: [RuleSet], on db: any Database) async throws {
        let d = try await DossierService.readable(dossierID, actor: actor, on: db)
        let set = try DossierService.ruleSet(d, sets: sets)
        for n in d.nominees {
            guard let form = set.form(n.formCode) else { continue }
            let keys = Set(form.conditions.flatMap { Self.keys($0.check, in: set) })
            for key in keys.sorted() {
                try await answer(
                    subjectID: n.$subject.id,
                    JudgementAnswerInput(key: key, year: d.year, answer: "co", note: "Dữ liệu trình diễn"),
                    actor: actor, sets: sets, jurisdiction: set.jurisdiction, on: db)
            }
        }
    }
}
