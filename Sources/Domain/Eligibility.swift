import Foundation

// Eligibility for emulation titles and commendation forms, judged against rule files that are data
// (Resources/Rules/rules-*.json, one per legal period). The engine holds no legal text of its own:
// every condition, article and "verified" flag comes from the rule file.

// MARK: - Rule files

/// One legal period's rules: which forms exist, who confers them and on what conditions.
public struct RuleSet: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var legalBasis: String
    /// "yyyy-MM-dd", inclusive.
    public var effectiveFrom: String
    /// "yyyy-MM-dd", inclusive; nil = still in force.
    public var effectiveTo: String?
    public var jurisdiction: String
    public var forms: [RuleForm]
    /// Dossier documents, council quorum and thresholds, appraisal deadline for this period.
    public var procedure: ProcedureRule?
    /// Which kind of authority confers which forms for staff of which kind of unit (Luật 2022 art. 80);
    /// `ConferrerResolver` names the concrete authority from the org tree. Absent: only `conferredBy` text.
    public var conferrers: [ConferrerRule]? = nil
    /// Award kinds whose results count toward higher regular forms (NĐ 98/152 art. 4(3)); nil = regular only.
    public var countsTowardHigher: [AwardKind]? = nil

    public func form(_ code: String) -> RuleForm? { forms.first { $0.code == code } }

    /// True when the day "yyyy-MM-dd" falls inside this period.
    public func covers(day: String) -> Bool {
        day >= effectiveFrom && (effectiveTo.map { day <= $0 } ?? true)
    }
}

/// A title ("danh hiệu") or a commendation form ("hình thức khen thưởng").
public struct RuleForm: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    /// "title" | "award"
    public var kind: String
    /// "individual" | "collective" | "household" | "village"
    public var subject: String
    /// Higher = higher form; `EligibilityEngine.highest` picks by it.
    public var rank: Int
    /// Who confers it during this period (Vietnamese).
    public var conferredBy: String
    /// The authority levels that confer it during this period (data for routing; `conferredBy` is the text).
    public var conferredAt: [AuthorityLevel]?
    /// Percent of ALL council members who must vote for it; nil = no threshold in the rules.
    public var voteThreshold: Int?
    public var conditions: [RuleCondition]
    /// Procedure deadlines of this form (posting the list, the decision); absent for most forms.
    public var deadlines: [FormDeadline]? = nil
    /// The reward money (coefficient × base salary) with its legal basis; absent: no amount known.
    public var reward: RewardRule? = nil
}

public struct RuleCondition: Codable, Sendable, Equatable {
    public var code: String
    public var text: String
    public var article: String
    /// false = inferred; the UI shows "cần xác minh".
    public var verified: Bool
    /// Where the condition was read in the legal text (document, article, page or address); nil = not recorded.
    public var source: String? = nil
    public var check: RuleCheck
}

/// The closed vocabulary of checks a rule file may use. Decoded from {"type": "...", ...}.
public indirect enum RuleCheck: Codable, Sendable, Equatable {
    /// This year's rating reaches `rating`. Maternity leave always counts; treatment leave counts when `treatmentCounts`.
    case taskRatingAtLeast(rating: TaskRating, treatmentCounts: Bool)
    /// `years` consecutive years ending with the evaluated one, each rated at least `rating`.
    case consecutiveRating(rating: TaskRating, years: Int)
    /// The subject holds `title` this year.
    case hasTitle(title: String)
    /// The subject holds `title` this year, or meets that form's conditions under the same rule set.
    case qualifiesFor(form: String)
    /// The subject held `title` in each of `years` consecutive years ending with the evaluated one.
    case consecutiveTitle(title: String, years: Int)
    /// At least `count` initiatives recognised at `scope` within the last `withinYears` years.
    case initiativeAtScope(scope: String, count: Int, withinYears: Int)
    /// At least `count` accepted research topics at `scope` within the last `withinYears` years.
    case researchAtScope(scope: String, count: Int, withinYears: Int)
    case anyOf([RuleCheck])
    case allOf([RuleCheck])
    /// Collective: share of members holding `title`, ≥ atLeast (or > when strict).
    case shareOfMembersWithTitle(title: String, atLeast: Double, strict: Bool)
    case allMembersComplete
    /// Collective: no member disciplined at `level` or above (only "canh-cao" is recorded).
    case noMemberDisciplinedAtLeast(level: String)
    /// Collective: at least one member holds `title`.
    case memberHasTitle(title: String)
    /// The subject was not disciplined this year at `level` or above.
    case noDisciplineAtLeast(level: String)
    case noPendingDiscipline
    /// Household: none of the exclusion cases (prosecution, military service, tax, listed fines…).
    case familyNotExcluded
    /// A human yes/no, looked up in `AnnualRecordFacts.manual[key ?? condition code]`.
    case manual(key: String?, text: String)
    /// A judgement answered yes/no per subject and year by whom `answeredBy` names ("unitHead", "council"); read
    /// from `AnnualRecordFacts.judgements[key]` (then `manual[key]`, `manual[condition code]`).
    case judgement(key: String, question: String, answeredBy: [String])

    private enum Keys: String, CodingKey {
        case type, rating, treatmentCounts, years, title, form, scope, count, withinYears, of, atLeast, strict, level,
            key, text, question, answeredBy
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "taskRatingAtLeast":
            self = .taskRatingAtLeast(
                rating: try c.decode(TaskRating.self, forKey: .rating),
                treatmentCounts: try c.decodeIfPresent(Bool.self, forKey: .treatmentCounts) ?? false)
        case "consecutiveRating":
            self = .consecutiveRating(
                rating: try c.decode(TaskRating.self, forKey: .rating), years: try c.decode(Int.self, forKey: .years))
        case "hasTitle": self = .hasTitle(title: try c.decode(String.self, forKey: .title))
        case "qualifiesFor": self = .qualifiesFor(form: try c.decode(String.self, forKey: .form))
        case "consecutiveTitle":
            self = .consecutiveTitle(
                title: try c.decode(String.self, forKey: .title), years: try c.decode(Int.self, forKey: .years))
        case "initiativeAtScope", "researchAtScope":
            let scope = try c.decode(String.self, forKey: .scope)
            let count = try c.decodeIfPresent(Int.self, forKey: .count) ?? 1
            let within = try c.decodeIfPresent(Int.self, forKey: .withinYears) ?? 1
            self =
                type == "initiativeAtScope"
                ? .initiativeAtScope(scope: scope, count: count, withinYears: within)
                : .researchAtScope(scope: scope, count: count, withinYears: within)
        case "anyOf": self = .anyOf(try c.decode([RuleCheck].self, forKey: .of))
        case "allOf": self = .allOf(try c.decode([RuleCheck].self, forKey: .of))
        case "shareOfMembersWithTitle":
            self = .shareOfMembersWithTitle(
                title: try c.decode(String.self, forKey: .title), atLeast: try c.decode(Double.self, forKey: .atLeast),
                strict: try c.decodeIfPresent(Bool.self, forKey: .strict) ?? false)
        case "allMembersComplete": self = .allMembersComplete
        case "noMemberDisciplinedAtLeast":
            self = .noMemberDisciplinedAtLeast(level: try c.decode(String.self, forKey: .level))
        case "memberHasTitle": self = .memberHasTitle(title: try c.decode(String.self, forKey: .title))
        case "noDisciplineAtLeast": self = .noDisciplineAtLeast(level: try c.decode(String.self, forKey: .level))
        case "noPendingDiscipline": self = .noPendingDiscipline
        case "familyNotExcluded": self = .familyNotExcluded
        case "manual":
            self = .manual(
                key: try c.decodeIfPresent(String.self, forKey: .key), text: try c.decode(String.self, forKey: .text))
        case "judgement":
            self = .judgement(
                key: try c.decode(String.self, forKey: .key), question: try c.decode(String.self, forKey: .question),
                answeredBy: try c.decode([String].self, forKey: .answeredBy))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "Unknown check type \(type)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .taskRatingAtLeast(let r, let t):
            try c.encode("taskRatingAtLeast", forKey: .type)
            try c.encode(r, forKey: .rating)
            if t { try c.encode(t, forKey: .treatmentCounts) }
        case .consecutiveRating(let r, let y):
            try c.encode("consecutiveRating", forKey: .type)
            try c.encode(r, forKey: .rating)
            try c.encode(y, forKey: .years)
        case .hasTitle(let t):
            try c.encode("hasTitle", forKey: .type)
            try c.encode(t, forKey: .title)
        case .qualifiesFor(let f):
            try c.encode("qualifiesFor", forKey: .type)
            try c.encode(f, forKey: .form)
        case .consecutiveTitle(let t, let y):
            try c.encode("consecutiveTitle", forKey: .type)
            try c.encode(t, forKey: .title)
            try c.encode(y, forKey: .years)
        case .initiativeAtScope(let s, let n, let w), .researchAtScope(let s, let n, let w):
            if case .initiativeAtScope = self {
                try c.encode("initiativeAtScope", forKey: .type)
            } else {
                try c.encode("researchAtScope", forKey: .type)
            }
            try c.encode(s, forKey: .scope)
            try c.encode(n, forKey: .count)
            try c.encode(w, forKey: .withinYears)
        case .anyOf(let of):
            try c.encode("anyOf", forKey: .type)
            try c.encode(of, forKey: .of)
        case .allOf(let of):
            try c.encode("allOf", forKey: .type)
            try c.encode(of, forKey: .of)
        case .shareOfMembersWithTitle(let t, let a, let s):
            try c.encode("shareOfMembersWithTitle", forKey: .type)
            try c.encode(t, forKey: .title)
            try c.encode(a, forKey: .atLeast)
            try c.encode(s, forKey: .strict)
        case .allMembersComplete: try c.encode("allMembersComplete", forKey: .type)
        case .noMemberDisciplinedAtLeast(let l):
            try c.encode("noMemberDisciplinedAtLeast", forKey: .type)
            try c.encode(l, forKey: .level)
        case .memberHasTitle(let t):
            try c.encode("memberHasTitle", forKey: .type)
            try c.encode(t, forKey: .title)
        case .noDisciplineAtLeast(let l):
            try c.encode("noDisciplineAtLeast", forKey: .type)
            try c.encode(l, forKey: .level)
        case .noPendingDiscipline: try c.encode("noPendingDiscipline", forKey: .type)
        case .familyNotExcluded: try c.encode("familyNotExcluded", forKey: .type)
        case .manual(let k, let t):
            try c.encode("manual", forKey: .type)
            try c.encodeIfPresent(k, forKey: .key)
            try c.encode(t, forKey: .text)
        case .judgement(let k, let q, let by):
            try c.encode("judgement", forKey: .type)
            try c.encode(k, forKey: .key)
            try c.encode(q, forKey: .question)
            try c.encode(by, forKey: .answeredBy)
        }
    }
}

/// Disciplinary levels, mildest first (Luật Cán bộ, công chức; Luật Viên chức; Bộ luật Lao động).
public enum DisciplineLevel {
    public static let order = ["khien-trach", "canh-cao", "ha-bac-luong", "giang-chuc", "cach-chuc", "buoc-thoi-viec"]
    public static let labels = [
        "khien-trach": "khiển trách", "canh-cao": "cảnh cáo", "ha-bac-luong": "hạ bậc lương",
        "giang-chuc": "giáng chức", "cach-chuc": "cách chức", "buoc-thoi-viec": "buộc thôi việc",
    ]
    /// Position in `order`; unknown codes count as the most severe.
    public static func severity(_ code: String) -> Int { order.firstIndex(of: code) ?? order.count }
    public static func label(_ code: String) -> String { labels[code] ?? code }
}

public enum RuleLibrary {
    /// Decodes every `rules-*.json` in `directory`, sorted by effectiveFrom.
    public static func load(directory: URL) throws -> [RuleSet] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("rules-") && $0.pathExtension == "json" }
        let decoder = JSONDecoder()
        return try files.map { try decoder.decode(RuleSet.self, from: Data(contentsOf: $0)) }
            .sorted { $0.effectiveFrom < $1.effectiveFrom }
    }

    /// The calendar day of `date` in Vietnam (UTC+7), as "yyyy-MM-dd".
    public static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    public static func ruleSet(for date: Date, in sets: [RuleSet]) -> RuleSet? {
        ruleSet(forDay: day(of: date), in: sets)
    }

    public static func ruleSet(forDay day: String, in sets: [RuleSet]) -> RuleSet? {
        sets.first { $0.covers(day: day) }
    }
}

// MARK: - Facts

/// One subject's (person, collective, household or village) record for one year.
public struct AnnualRecordFacts: Sendable, Equatable {
    public var year: Int
    public var taskRating: TaskRating?
    /// Title codes held that year ("lao-dong-tien-tien", "cstd-co-so"…).
    public var titles: Set<String>
    public var initiatives: [Scoped]
    public var researchTopics: [Scoped]
    /// Discipline level code imposed that year ("khien-trach", "canh-cao"…); nil = none.
    public var discipline: String?
    public var disciplinePending: Bool
    public var onMaternityLeave: Bool
    /// Treatment after injury in combat or rescue (TT 01/2024).
    public var treatmentLeave: Bool
    /// Household exclusions found (nil = not checked yet; empty = none).
    public var familyExclusions: [String]?
    /// Human yes/no answers, by condition code or manual key.
    public var manual: [String: Bool]
    /// Recorded answers to judgement conditions, by judgement key.
    public var judgements: [String: JudgementAnswer] = [:]

    public struct Scoped: Sendable, Equatable {
        public var scope: String
        public var year: Int
        public init(scope: String, year: Int) {
            self.scope = scope
            self.year = year
        }
    }

    public init(
        year: Int, taskRating: TaskRating? = nil, titles: Set<String> = [],
        initiatives: [(scope: String, year: Int)] = [],
        researchTopics: [(scope: String, year: Int)] = [], discipline: String? = nil, disciplinePending: Bool = false,
        onMaternityLeave: Bool = false, treatmentLeave: Bool = false, familyExclusions: [String]? = nil,
        manual: [String: Bool] = [:]
    ) {
        self.year = year
        self.taskRating = taskRating
        self.titles = titles
        self.initiatives = initiatives.map { Scoped(scope: $0.scope, year: $0.year) }
        self.researchTopics = researchTopics.map { Scoped(scope: $0.scope, year: $0.year) }
        self.discipline = discipline
        self.disciplinePending = disciplinePending
        self.onMaternityLeave = onMaternityLeave
        self.treatmentLeave = treatmentLeave
        self.familyExclusions = familyExclusions
        self.manual = manual
    }
}

/// A collective's members, for the collective titles.
public struct CollectiveFacts: Sendable, Equatable {
    public var memberCount: Int
    public var membersCompleting: Int
    public var membersWithTitle: [String: Int]
    public var membersDisciplinedAtLeastWarning: Int
    public var hasMemberWithTitle: Set<String>

    public init(
        memberCount: Int, membersCompleting: Int, membersWithTitle: [String: Int] = [:],
        membersDisciplinedAtLeastWarning: Int = 0, hasMemberWithTitle: Set<String> = []
    ) {
        self.memberCount = memberCount
        self.membersCompleting = membersCompleting
        self.membersWithTitle = membersWithTitle
        self.membersDisciplinedAtLeastWarning = membersDisciplinedAtLeastWarning
        self.hasMemberWithTitle = hasMemberWithTitle
    }
}

// MARK: - Results

public enum ConditionStatus: String, Sendable, Equatable, Codable {
    case met, unmet, missing

    public var label: String {
        switch self {
        case .met: return "Đạt"
        case .unmet: return "Chưa đạt"
        case .missing: return "Thiếu dữ liệu"
        }
    }
}

public struct ConditionResult: Sendable, Equatable {
    public var code: String
    public var text: String
    public var article: String
    public var verified: Bool
    public var outcome: ConditionStatus
    public var reason: String
    /// "cần xác minh" for inferred conditions, nil otherwise.
    public var verificationNote: String? { verified ? nil : "cần xác minh" }
    /// An "or" condition's routes, each with its own state and reason (empty for other conditions).
    public var routes: [RouteResult] = []
}

/// One route of an "or" condition.
public struct RouteResult: Sendable, Equatable {
    public var outcome: ConditionStatus
    public var reason: String
}

public struct FormEligibility: Sendable, Equatable {
    public var formCode: String
    public var name: String
    public var rank: Int
    /// true = every condition met; false = one is unmet; nil = none unmet but data is missing.
    public var eligible: Bool?
    public var conditions: [ConditionResult]
    public var conferredBy: String
    public var voteThreshold: Int?
}

// MARK: - Engine

public enum EligibilityEngine {
    public static func evaluate(
        form: RuleForm, history: [Int: AnnualRecordFacts], collective: CollectiveFacts?,
        year: Int, ruleSet: RuleSet
    ) -> FormEligibility {
        evaluate(form: form, history: history, collective: collective, year: year, ruleSet: ruleSet, visiting: [])
    }

    /// Every form of the rule set (optionally only those for `subject`), highest rank first.
    public static func all(
        subject: String? = nil, history: [Int: AnnualRecordFacts], collective: CollectiveFacts?,
        year: Int, ruleSet: RuleSet
    ) -> [FormEligibility] {
        ruleSet.forms.filter { subject == nil || $0.subject == subject }
            .sorted { $0.rank > $1.rank }
            .map { evaluate(form: $0, history: history, collective: collective, year: year, ruleSet: ruleSet) }
    }

    /// The highest-ranked form the subject is eligible for ("đủ tiêu chuẩn hình thức nào thì đề nghị hình thức đó";
    /// a higher form does not require the lower first — NĐ 98/152 art. 4(1)).
    public static func highest(
        subject: String, history: [Int: AnnualRecordFacts], collective: CollectiveFacts?,
        year: Int, ruleSet: RuleSet
    ) -> FormEligibility? {
        all(subject: subject, history: history, collective: collective, year: year, ruleSet: ruleSet).first {
            $0.eligible == true
        }
    }

    /// "Không khen thưởng nhiều hình thức cho một thành tích" (Luật 2022 art. 5(2)(c)): true when the same form
    /// was already given for the same year's achievement.
    public static func alreadyRewarded(formCode: String, year: Int, awards: [(formCode: String, year: Int)]) -> Bool {
        awards.contains { $0.formCode == formCode && $0.year == year }
    }

    /// The refusal reason when `alreadyRewarded` is true, nil otherwise.
    public static func alreadyRewardedReason(formCode: String, year: Int, awards: [(formCode: String, year: Int)])
        -> String?
    {
        guard alreadyRewarded(formCode: formCode, year: year, awards: awards) else { return nil }
        return
            "Thành tích năm \(year) đã được khen thưởng bằng hình thức này; một thành tích không được khen thưởng hai lần (Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2 điểm c)."
    }

    /// The note a counted leave adds to a rating's reason: the leave keeps the time, the rating still decides.
    /// Whether the rating must still be reached is our reading of NĐ 98/152 art. 4, "cần xác minh".
    public static func leaveNote(_ rec: AnnualRecordFacts, treatmentCounts: Bool) -> String? {
        if rec.onMaternityLeave {
            return "Thời gian nghỉ thai sản năm \(rec.year) được tính vào thời gian xét khen thưởng "
                + "(Nghị định 98/2023, 152/2025, Điều 4) nhưng không thay cho xếp loại nhiệm vụ (cần xác minh)."
        }
        if treatmentCounts && rec.treatmentLeave {
            return "Thời gian điều trị do bị thương khi làm nhiệm vụ năm \(rec.year) được tính vào thời gian xét "
                + "danh hiệu (Thông tư 01/2024/TT-BNV) nhưng không thay cho xếp loại nhiệm vụ (cần xác minh)."
        }
        return nil
    }

    // MARK: Internals

    private static func evaluate(
        form: RuleForm, history: [Int: AnnualRecordFacts], collective: CollectiveFacts?,
        year: Int, ruleSet: RuleSet, visiting: Set<String>
    ) -> FormEligibility {
        let ctx = Context(
            history: history, collective: collective, year: year, ruleSet: ruleSet,
            visiting: visiting.union([form.code]))
        let results = form.conditions.map { cond -> ConditionResult in
            let (status, reason) = ctx.check(cond.check, code: cond.code)
            var routes: [RouteResult] = []
            if case .anyOf(let checks) = cond.check {
                routes = checks.map {
                    let (o, r) = ctx.check($0, code: cond.code)
                    return RouteResult(outcome: o, reason: r)
                }
            }
            return ConditionResult(
                code: cond.code, text: cond.text, article: cond.article, verified: cond.verified,
                outcome: status, reason: reason, routes: routes)
        }
        let eligible: Bool? =
            results.contains { $0.outcome == .unmet }
            ? false
            : results.contains { $0.outcome == .missing } ? nil : true
        return FormEligibility(
            formCode: form.code, name: form.name, rank: form.rank, eligible: eligible, conditions: results,
            conferredBy: form.conferredBy, voteThreshold: form.voteThreshold)
    }

    private struct Context {
        let history: [Int: AnnualRecordFacts]
        let collective: CollectiveFacts?
        let year: Int
        let ruleSet: RuleSet
        let visiting: Set<String>

        var current: AnnualRecordFacts? { history[year] }

        func titleName(_ code: String) -> String { ruleSet.form(code)?.name ?? code }

        func check(_ check: RuleCheck, code: String) -> (ConditionStatus, String) {
            switch check {
            case .taskRatingAtLeast(let rating, let treatmentCounts):
                guard let rec = current else { return (.missing, "Chưa có dữ liệu năm \(year).") }
                return ratingOutcome(rec, rating: rating, treatmentCounts: treatmentCounts)

            case .consecutiveRating(let rating, let years):
                var reasons: [String] = []
                var missing = false
                for y in (year - years + 1)...year {
                    guard let rec = history[y] else {
                        missing = true
                        reasons.append("Chưa có dữ liệu năm \(y).")
                        continue
                    }
                    let (s, r) = ratingOutcome(rec, rating: rating, treatmentCounts: false)
                    if s == .unmet {
                        return (.unmet, "Không đủ \(years) năm liên tục \(rating.label.lowercased()): \(r)")
                    }
                    if s == .missing { missing = true }
                    reasons.append(r)
                }
                if missing { return (.missing, reasons.joined(separator: " ")) }
                return (
                    .met,
                    "Đủ \(years) năm liên tục (\(year - years + 1)–\(year)) \(rating.label.lowercased()). "
                        + reasons.joined(separator: " ")
                )

            case .hasTitle(let title):
                guard let rec = current else { return (.missing, "Chưa có dữ liệu năm \(year).") }
                return rec.titles.contains(title)
                    ? (.met, "Năm \(year) đạt danh hiệu “\(titleName(title))”.")
                    : (.unmet, "Năm \(year) không đạt danh hiệu “\(titleName(title))”.")

            case .qualifiesFor(let formCode):
                guard let rec = current else { return (.missing, "Chưa có dữ liệu năm \(year).") }
                if rec.titles.contains(formCode) {
                    return (.met, "Năm \(year) đạt danh hiệu “\(titleName(formCode))”.")
                }
                guard let form = ruleSet.form(formCode), !visiting.contains(formCode) else {
                    return (.missing, "Không tìm thấy tiêu chuẩn “\(formCode)” trong bộ quy tắc \(ruleSet.id).")
                }
                let sub = EligibilityEngine.evaluate(
                    form: form, history: history, collective: collective, year: year,
                    ruleSet: ruleSet, visiting: visiting)
                switch sub.eligible {
                case true?: return (.met, "Đạt tiêu chuẩn “\(form.name)” năm \(year).")
                case false?:
                    let failed = sub.conditions.filter { $0.outcome == .unmet }.map(\.reason).joined(separator: " ")
                    return (.unmet, "Không đạt tiêu chuẩn “\(form.name)” năm \(year): \(failed)")
                case nil:
                    let gaps = sub.conditions.filter { $0.outcome == .missing }.map(\.reason).joined(separator: " ")
                    return (.missing, "Chưa đủ dữ liệu để xét tiêu chuẩn “\(form.name)”: \(gaps)")
                }

            case .consecutiveTitle(let title, let years):
                var missingYears: [Int] = []
                for y in (year - years + 1)...year {
                    guard let rec = history[y] else {
                        missingYears.append(y)
                        continue
                    }
                    if !rec.titles.contains(title) {
                        return (
                            .unmet, "Năm \(y) không đạt danh hiệu “\(titleName(title))”; cần \(years) lần liên tục."
                        )
                    }
                }
                if !missingYears.isEmpty {
                    return (.missing, "Chưa có dữ liệu năm \(missingYears.map(String.init).joined(separator: ", ")).")
                }
                return (
                    .met, "Đạt danh hiệu “\(titleName(title))” \(years) năm liên tục (\(year - years + 1)–\(year))."
                )

            case .initiativeAtScope(let scope, let count, let within):
                return scopedCount(\.initiatives, noun: "sáng kiến", scope: scope, count: count, within: within)

            case .researchAtScope(let scope, let count, let within):
                return scopedCount(
                    \.researchTopics, noun: "đề tài nghiên cứu khoa học", scope: scope, count: count, within: within)

            case .anyOf(let checks):
                // Every route keeps its own state and reason: an unmet route stays visible next to the missing ones.
                let parts = checks.map { self.check($0, code: code) }
                if let hit = parts.first(where: { $0.0 == .met }) { return (.met, hit.1) }
                if parts.allSatisfy({ $0.0 == .unmet }) {
                    return (.unmet, "Không đáp ứng điều kiện nào: " + parts.map(\.1).joined(separator: " "))
                }
                let unmet = parts.filter { $0.0 == .unmet }.map(\.1)
                let missing = parts.filter { $0.0 == .missing }.map(\.1)
                return (
                    .missing,
                    "Chưa đủ dữ liệu: " + missing.joined(separator: " ")
                        + (unmet.isEmpty ? "" : " Chưa đạt: " + unmet.joined(separator: " "))
                )

            case .allOf(let checks):
                let parts = checks.map { self.check($0, code: code) }
                if let miss = parts.first(where: { $0.0 == .unmet }) { return (.unmet, miss.1) }
                if parts.contains(where: { $0.0 == .missing }) {
                    return (.missing, parts.filter { $0.0 == .missing }.map(\.1).joined(separator: " "))
                }
                return (.met, parts.map(\.1).joined(separator: " "))

            case .shareOfMembersWithTitle(let title, let atLeast, let strict):
                guard let c = collective, c.memberCount > 0 else {
                    return (.missing, "Chưa có số liệu thành viên của tập thể.")
                }
                guard let n = c.membersWithTitle[title] else {
                    return (.missing, "Chưa có số thành viên đạt danh hiệu “\(titleName(title))”.")
                }
                let pct = Double(n) * 100 / Double(c.memberCount)
                let ok = strict ? pct > atLeast : pct >= atLeast
                let need =
                    (strict ? "trên " : "từ ") + VietnameseNumber.format(atLeast) + "%" + (strict ? "" : " trở lên")
                let have =
                    "\(n)/\(c.memberCount) thành viên (\(VietnameseNumber.format(pct, maxFractionDigits: 1))%) đạt danh hiệu “\(titleName(title))”"
                return ok ? (.met, "\(have); yêu cầu \(need).") : (.unmet, "Chỉ \(have); yêu cầu \(need).")

            case .allMembersComplete:
                guard let c = collective, c.memberCount > 0 else {
                    return (.missing, "Chưa có số liệu thành viên của tập thể.")
                }
                return c.membersCompleting >= c.memberCount
                    ? (.met, "100% thành viên (\(c.memberCount)/\(c.memberCount)) hoàn thành nhiệm vụ.")
                    : (
                        .unmet,
                        "Chỉ \(c.membersCompleting)/\(c.memberCount) thành viên hoàn thành nhiệm vụ; yêu cầu 100%."
                    )

            case .noMemberDisciplinedAtLeast(let level):
                guard let c = collective else { return (.missing, "Chưa có số liệu thành viên của tập thể.") }
                guard level == "canh-cao" else { return (.missing, "Chỉ ghi nhận kỷ luật từ mức cảnh cáo trở lên.") }
                return c.membersDisciplinedAtLeastWarning == 0
                    ? (.met, "Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên.")
                    : (
                        .unmet,
                        "Có \(c.membersDisciplinedAtLeastWarning) cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên."
                    )

            case .memberHasTitle(let title):
                guard let c = collective else { return (.missing, "Chưa có số liệu thành viên của tập thể.") }
                let n = c.membersWithTitle[title] ?? 0
                return c.hasMemberWithTitle.contains(title) || n > 0
                    ? (.met, "Tập thể có cá nhân đạt danh hiệu “\(titleName(title))”.")
                    : (.unmet, "Tập thể không có cá nhân đạt danh hiệu “\(titleName(title))”.")

            case .noDisciplineAtLeast(let level):
                guard let rec = current else { return (.missing, "Chưa có dữ liệu năm \(year).") }
                guard let d = rec.discipline else { return (.met, "Năm \(year) không bị kỷ luật.") }
                return DisciplineLevel.severity(d) >= DisciplineLevel.severity(level)
                    ? (
                        .unmet,
                        "Năm \(year) bị kỷ luật hình thức \(DisciplineLevel.label(d)); thành tích chỉ được tính từ khi hết thời hạn kỷ luật."
                    )
                    : (
                        .met,
                        "Năm \(year) bị kỷ luật hình thức \(DisciplineLevel.label(d)), dưới mức \(DisciplineLevel.label(level))."
                    )

            case .noPendingDiscipline:
                guard let rec = current else { return (.missing, "Chưa có dữ liệu năm \(year).") }
                return rec.disciplinePending
                    ? (.unmet, "Đang bị xem xét kỷ luật, thanh tra hoặc khiếu nại; chưa đề nghị khen thưởng.")
                    : (.met, "Không đang bị xem xét kỷ luật, thanh tra hoặc khiếu nại.")

            case .familyNotExcluded:
                guard let rec = current, let exclusions = rec.familyExclusions else {
                    return (.missing, "Chưa kiểm tra các trường hợp không được xét tặng danh hiệu.")
                }
                return exclusions.isEmpty
                    ? (.met, "Không thuộc trường hợp không được xét tặng.")
                    : (.unmet, "Thuộc trường hợp không được xét tặng: \(exclusions.joined(separator: "; ")).")

            case .manual(let key, let text):
                guard let answer = current?.manual[key ?? code] else { return (.missing, "Cần đánh giá: \(text)") }
                return answer ? (.met, "Được xác nhận: \(text)") : (.unmet, "Không đạt: \(text)")

            case .judgement(let key, let question, let answeredBy):
                if let a = current?.judgements[key] {
                    return a.answer
                        ? (.met, "Được đánh giá đạt: \(question) (\(a.answeredBy)).")
                        : (.unmet, "Không đạt: \(question) — theo đánh giá của \(a.answeredBy).")
                }
                if let answer = current?.manual[key] ?? current?.manual[code] {
                    return answer ? (.met, "Được xác nhận: \(question)") : (.unmet, "Không đạt: \(question)")
                }
                let who = answeredBy.map(JudgementRole.label).joined(separator: " hoặc ")
                return (.missing, "Cần đánh giá: \(question) (\(who) trả lời).")
            }
        }

        private func ratingOutcome(_ rec: AnnualRecordFacts, rating: TaskRating, treatmentCounts: Bool) -> (
            ConditionStatus, String
        ) {
            // Counted leave keeps the time toward the title's period; it does not stand in for the task rating.
            let leave = EligibilityEngine.leaveNote(rec, treatmentCounts: treatmentCounts)
            guard let r = rec.taskRating else {
                return (.missing, "Chưa có xếp loại nhiệm vụ năm \(rec.year)." + (leave.map { " " + $0 } ?? ""))
            }
            return r.reaches(rating)
                ? (.met, "Năm \(rec.year) xếp loại \(r.label.lowercased())." + (leave.map { " " + $0 } ?? ""))
                : (
                    .unmet,
                    "Năm \(rec.year) xếp loại \(r.label.lowercased()); yêu cầu \(rating.label.lowercased()) trở lên."
                        + (leave.map { " " + $0 } ?? "")
                )
        }

        private func scopedCount(
            _ path: KeyPath<AnnualRecordFacts, [AnnualRecordFacts.Scoped]>, noun: String,
            scope: String, count: Int, within: Int
        ) -> (ConditionStatus, String) {
            let span = (year - within + 1)...year
            guard span.contains(where: { history[$0] != nil }) else {
                return (.missing, "Chưa có dữ liệu năm \(year).")
            }
            let scopeLabel = scope == "tinh" ? "cấp tỉnh" : scope == "co-so" ? "cấp cơ sở" : scope
            // A provincial-scope item also satisfies a base-level requirement.
            let accepted: Set<String> =
                scope == "co-so" ? ["co-so", "tinh", "toan-quoc"] : scope == "tinh" ? ["tinh", "toan-quoc"] : [scope]
            var seen: [AnnualRecordFacts.Scoped] = []
            for y in span {
                for item in history[y]?[keyPath: path] ?? [] where span.contains(item.year) && !seen.contains(item) {
                    seen.append(item)
                }
            }
            let n = seen.filter { accepted.contains($0.scope) }.count
            let when = within == 1 ? "năm \(year)" : "giai đoạn \(span.lowerBound)–\(year)"
            return n >= count
                ? (.met, "Có \(n) \(noun) được công nhận phạm vi \(scopeLabel) trong \(when).")
                : (.unmet, "Có \(n) \(noun) được công nhận phạm vi \(scopeLabel) trong \(when); yêu cầu \(count).")
        }
    }
}

// MARK: - Judgements

/// Who may answer a judgement condition, as a rule file's `answeredBy` names it.
public enum JudgementRole: String, Sendable, Codable, CaseIterable {
    /// The head of the subject's own unit (its officers record the answer).
    case unitHead
    /// The deciding council, at its meeting (its standing office records the answer).
    case council

    public var label: String {
        switch self {
        case .unitHead: return "Thủ trưởng đơn vị"
        case .council: return "Hội đồng Thi đua - Khen thưởng"
        }
    }

    /// The label of a rule file's code; an unknown code is shown as it is.
    public static func label(_ code: String) -> String { JudgementRole(rawValue: code)?.label ?? code }
}

/// A recorded answer to a judgement condition: yes or no, and who answered (named in an unmet reason).
public struct JudgementAnswer: Sendable, Equatable {
    public var answer: Bool
    /// "Thủ trưởng đơn vị (nguyenvana), 15/12/2025".
    public var answeredBy: String
    public init(answer: Bool, answeredBy: String) {
        self.answer = answer
        self.answeredBy = answeredBy
    }
}

/// One judgement question of a rule set: its key, the question, who answers, and the forms that ask it.
public struct JudgementQuestion: Sendable, Equatable {
    public var key: String
    public var question: String
    public var answeredBy: [JudgementRole]
    public var formCodes: [String]
    public var articles: [String]
    /// The authority levels of the forms that ask it (whose councils may answer for the council).
    public var levels: [AuthorityLevel]
}

extension RuleCheck {
    /// The judgement checks inside this check, depth first.
    public var judgements: [(key: String, question: String, answeredBy: [String])] {
        switch self {
        case .judgement(let k, let q, let by): return [(k, q, by)]
        case .anyOf(let of), .allOf(let of): return of.flatMap(\.judgements)
        default: return []
        }
    }
}

extension RuleSet {
    /// Every judgement question of the forms for `subject` (all when nil), once per key, in file order.
    public func judgementQuestions(subject: String? = nil) -> [JudgementQuestion] {
        var out: [JudgementQuestion] = []
        for f in forms where subject == nil || f.subject == subject {
            for c in f.conditions {
                for j in c.check.judgements {
                    let roles = j.answeredBy.compactMap(JudgementRole.init(rawValue:))
                    if let i = out.firstIndex(where: { $0.key == j.key }) {
                        if !out[i].formCodes.contains(f.code) { out[i].formCodes.append(f.code) }
                        if !out[i].articles.contains(c.article) { out[i].articles.append(c.article) }
                        for l in f.conferredAt ?? [] where !out[i].levels.contains(l) { out[i].levels.append(l) }
                    } else {
                        out.append(
                            JudgementQuestion(
                                key: j.key, question: j.question, answeredBy: roles, formCodes: [f.code],
                                articles: [c.article], levels: f.conferredAt ?? []))
                    }
                }
            }
        }
        return out
    }
}
