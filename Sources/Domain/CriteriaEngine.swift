import Foundation

// MARK: - Task rating

/// The annual rating of how well a person or collective completed its duties.
public enum TaskRating: String, Codable, CaseIterable, Sendable {
    case excellent = "htxs" // Hoàn thành xuất sắc nhiệm vụ
    case good = "htt" // Hoàn thành tốt nhiệm vụ
    case completed = "ht" // Hoàn thành nhiệm vụ
    case notCompleted = "khong-ht" // Không hoàn thành nhiệm vụ

    public var label: String {
        switch self {
        case .excellent: return "Hoàn thành xuất sắc nhiệm vụ"
        case .good: return "Hoàn thành tốt nhiệm vụ"
        case .completed: return "Hoàn thành nhiệm vụ"
        case .notCompleted: return "Không hoàn thành nhiệm vụ"
        }
    }

    /// 3, 2, 1, 0 — higher is better.
    public var level: Int {
        switch self {
        case .excellent: return 3
        case .good: return 2
        case .completed: return 1
        case .notCompleted: return 0
        }
    }

    /// Parses the catalogue's wording ("hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ được giao"…)
    /// or a code ("htxs", "HTT"…). Case, diacritics and the NFC/NFD form do not matter.
    public init?(text: String) {
        let folded = VietnameseText.fold(text)
        if let byCode = TaskRating(rawValue: folded) {
            self = byCode
            return
        }
        // Most specific wording first: "không hoàn thành" contains "hoàn thành".
        let prefixes: [(String, TaskRating)] = [
            ("khong hoan thanh", .notCompleted),
            ("hoan thanh xuat sac", .excellent),
            ("hoan thanh tot", .good),
            ("hoan thanh", .completed),
        ]
        for (prefix, rating) in prefixes where folded == prefix || folded.hasPrefix(prefix + " ") {
            // "hoàn thành" must then be followed by "nhiệm vụ…" or nothing, not by another grade word.
            if rating == .completed {
                let rest = folded.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
                guard rest.isEmpty || rest.hasPrefix("nhiem vu") else { return nil }
            }
            self = rating
            return
        }
        return nil
    }

    /// True when this rating is at least as good as `required`.
    public func reaches(_ required: TaskRating) -> Bool { level >= required.level }
}

// MARK: - Inputs and context

/// What an evaluator typed for one criterion. Every field is optional; which ones matter depends on the kind.
public struct CriterionInput: Codable, Sendable, Equatable {
    /// boolean: the evaluator's judgement.
    public var met: Bool?
    /// share: how many of the population meet the requirement, out of how many.
    public var numerator: Double?
    public var denominator: Double?
    /// share with a sub-group (e.g. leaders): the same, for the sub-group.
    public var subNumerator: Double?
    public var subDenominator: Double?
    /// zeroCount: how many cases (late dossiers, re-poor households…).
    public var count: Int?
    /// trend, rankInLocality: this year's value; trend: last year's value.
    public var value: Double?
    public var previousValue: Double?
    /// Free text: where the evidence is (document number, file, link).
    public var evidence: String?

    public init(
        met: Bool? = nil, numerator: Double? = nil, denominator: Double? = nil,
        subNumerator: Double? = nil, subDenominator: Double? = nil, count: Int? = nil,
        value: Double? = nil, previousValue: Double? = nil, evidence: String? = nil
    ) {
        self.met = met
        self.numerator = numerator
        self.denominator = denominator
        self.subNumerator = subNumerator
        self.subDenominator = subDenominator
        self.count = count
        self.value = value
        self.previousValue = previousValue
        self.evidence = evidence
    }
}

/// The collective a person heads (the leader rule of §III.3b).
public struct HeadedCollective: Sendable, Equatable {
    public var name: String
    /// The collective is itself an exemplar (its registration is in an exemplar status).
    public var isExemplar: Bool
    /// The collective's task rating in the evaluated year; nil = not recorded.
    public var rating: TaskRating?

    public init(name: String, isExemplar: Bool, rating: TaskRating? = nil) {
        self.name = name
        self.isExemplar = isExemplar
        self.rating = rating
    }
}

/// What the engine needs to know beyond the evaluator's input: history and the locality.
public struct CriterionContext: Sendable {
    /// The evaluated year.
    public var year: Int
    /// Titles the subject held, by year (e.g. "Gia đình văn hóa"). A year present with an empty set means
    /// "reviewed, held none"; a year absent means "no data".
    public var titlesByYear: [Int: Set<String>]
    /// The subject's annual task rating, by year.
    public var ratingsByYear: [Int: TaskRating]
    /// The same measure for the OTHER subjects of the locality that year.
    public var peerValues: [Double]
    /// Leader rule: the collective the person heads; nil = not recorded.
    public var headedCollective: HeadedCollective?

    public init(
        year: Int, titlesByYear: [Int: Set<String>] = [:], ratingsByYear: [Int: TaskRating] = [:],
        peerValues: [Double] = [], headedCollective: HeadedCollective? = nil
    ) {
        self.year = year
        self.titlesByYear = titlesByYear
        self.ratingsByYear = ratingsByYear
        self.peerValues = peerValues
        self.headedCollective = headedCollective
    }
}

// MARK: - Outcome

/// The engine's verdict on one criterion, with a Vietnamese reason that cites the numbers.
public enum CriterionOutcome: Equatable, Sendable {
    case met(String)
    case unmet(String)
    case missingData(String)

    /// Stable code for storage: "met" | "unmet" | "missing".
    public var code: String {
        switch self {
        case .met: return "met"
        case .unmet: return "unmet"
        case .missingData: return "missing"
        }
    }

    public var reason: String {
        switch self {
        case .met(let r), .unmet(let r), .missingData(let r): return r
        }
    }

    public var label: String {
        switch self {
        case .met: return "Đạt"
        case .unmet: return "Chưa đạt"
        case .missingData: return "Thiếu dữ liệu"
        }
    }

    /// Rebuilds a stored outcome from its code and reason; nil for an unknown code.
    public init?(code: String, reason: String) {
        switch code {
        case "met": self = .met(reason)
        case "unmet": self = .unmet(reason)
        case "missing": self = .missingData(reason)
        default: return nil
        }
    }
}

// MARK: - Numbers, the Vietnamese way

/// Numbers as the office writes them: "." groups thousands, "," marks decimals ("1.234.567,5").
public enum VietnameseNumber {
    /// At most `maxFractionDigits` decimals, trailing zeros dropped; no "-0".
    public static func format(_ x: Double, maxFractionDigits: Int = 2) -> String {
        guard x.isFinite else { return "—" }
        let digits = max(0, maxFractionDigits)
        let fixed = String(format: "%.\(digits)f", abs(x))
        let pieces = fixed.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(pieces[0])
        var fraction = pieces.count > 1 ? String(pieces[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        var grouped = ""
        for (i, ch) in intPart.enumerated() {
            if i > 0, (intPart.count - i) % 3 == 0 { grouped.append(".") }
            grouped.append(ch)
        }
        let isZero = intPart.allSatisfy { $0 == "0" } && fraction.isEmpty
        let sign = (x < 0 && !isZero) ? "-" : ""
        return sign + grouped + (fraction.isEmpty ? "" : "," + fraction)
    }

    /// A percentage with at most one decimal: 68.46 → "68,5%".
    public static func percent(_ x: Double) -> String { format(x, maxFractionDigits: 1) + "%" }

    /// A percentage compared with a threshold: one decimal, unless rounding would make a different value
    /// read as the threshold itself (70.04 against 70), then as many decimals as needed (up to 6).
    public static func percent(_ x: Double, against threshold: Double) -> String {
        distinct(x, from: threshold, startingAt: 1) + "%"
    }

    /// Formats `x` with `startingAt` decimals, more (up to 6) while it would read the same as a different `other`.
    public static func distinct(_ x: Double, from other: Double, startingAt digits: Int = 2) -> String {
        var d = digits
        while x != other, d < 6, format(x, maxFractionDigits: d) == format(other, maxFractionDigits: d) { d += 1 }
        return format(x, maxFractionDigits: d)
    }
}

// MARK: - Engine

/// Judges one criterion of the catalogue (or of a unit) against what the evaluator typed and the subject's history.
/// Pure: no storage, no clock. Each kind has one small function below.
public enum CriteriaEngine {
    public static func evaluate(_ spec: CriterionSpec, _ input: CriterionInput, _ context: CriterionContext)
        -> CriterionOutcome
    {
        switch spec.kind {
        case .boolean: return boolean(input)
        case .share: return share(spec, input)
        case .zeroCount: return zeroCount(spec, input)
        case .trend: return trend(spec, input, year: context.year)
        case .titleEveryYear: return titleEveryYear(spec, context)
        case .taskRatingEveryYear: return taskRatingEveryYear(spec, context)
        case .rankInLocality: return rankInLocality(spec, input, context)
        case .leaderRule: return leaderRule(spec, context)
        }
    }

    public static func summary(_ outcomes: [CriterionOutcome]) -> (met: Int, unmet: Int, missing: Int) {
        outcomes.reduce(into: (met: 0, unmet: 0, missing: 0)) { acc, o in
            switch o {
            case .met: acc.met += 1
            case .unmet: acc.unmet += 1
            case .missingData: acc.missing += 1
            }
        }
    }

    /// All met, none missing. An empty list is NOT "all met": a conclusion needs at least one criterion.
    public static func allMet(_ outcomes: [CriterionOutcome]) -> Bool {
        !outcomes.isEmpty && outcomes.allSatisfy { if case .met = $0 { return true } else { return false } }
    }

    /// The default required rating when a criterion does not say.
    public static let defaultRequiredRating = TaskRating.excellent
    /// The default span of the "every year" kinds.
    public static let defaultSpanYears = 2

    // MARK: boolean

    static func boolean(_ input: CriterionInput) -> CriterionOutcome {
        guard let met = input.met else { return .missingData("Chưa đánh giá tiêu chí này.") }
        guard met else { return .unmet("Được đánh giá là chưa đạt.") }
        let evidence = input.evidence.map(VietnameseText.clean) ?? ""
        return .met(evidence.isEmpty ? "Được đánh giá là đạt." : "Được đánh giá là đạt. Minh chứng: \(evidence).")
    }

    // MARK: share

    static func share(_ spec: CriterionSpec, _ input: CriterionInput) -> CriterionOutcome {
        guard let threshold = spec.threshold else { return .missingData("Tiêu chí chưa khai báo ngưỡng tỷ lệ.") }
        let population = nonEmpty(spec.population) ?? "đối tượng"
        let strict = spec.strict ?? true // the seed's wording is "trên 70%"
        var parts = [
            sharePart(input.numerator, input.denominator, group: population, threshold: threshold, strict: strict)
        ]
        if spec.subGroup != nil || spec.subThreshold != nil {
            let subGroup = nonEmpty(spec.subGroup) ?? "nhóm bắt buộc"
            parts.append(
                sharePart(
                    input.subNumerator, input.subDenominator, group: subGroup,
                    threshold: spec.subThreshold ?? 100, strict: false))
        }
        return combine(parts)
    }

    /// One ratio against its threshold. Invalid figures (negative, part above whole) are reported as missing
    /// data: the figures must be corrected before the criterion can be judged.
    private static func sharePart(_ part: Double?, _ whole: Double?, group: String, threshold: Double, strict: Bool)
        -> Part
    {
        let need: [String] = [part == nil ? "số \(group) đạt yêu cầu" : nil, whole == nil ? "tổng số \(group)" : nil]
            .compactMap { $0 }
        guard let part, let whole else { return .missing("chưa nhập \(need.joined(separator: " và "))") }
        guard part.isFinite, whole.isFinite, part >= 0, whole >= 0 else {
            return .missing("số liệu không hợp lệ: số \(group) không được âm")
        }
        guard whole > 0 else { return .missing("tổng số \(group) phải lớn hơn 0") }
        guard part <= whole else {
            return .missing(
                "số liệu không hợp lệ: số \(group) đạt yêu cầu (\(num(part))) lớn hơn tổng số (\(num(whole)))")
        }
        let pct = part / whole * 100
        let ok = strict ? pct > threshold : pct >= threshold
        let verb = strict ? (ok ? "vượt ngưỡng" : "chưa vượt ngưỡng") : (ok ? "đạt ngưỡng" : "chưa đạt ngưỡng")
        let text =
            "tỷ lệ \(group) \(VietnameseNumber.percent(pct, against: threshold)) (\(num(part))/\(num(whole))) \(verb) \(VietnameseNumber.percent(threshold))"
        return ok ? .met(text) : .unmet(text)
    }

    // MARK: zeroCount

    static func zeroCount(_ spec: CriterionSpec, _ input: CriterionInput) -> CriterionOutcome {
        let measure = nonEmpty(spec.measure) ?? "trường hợp vi phạm"
        guard let count = input.count else { return .missingData("Chưa nhập số \(measure).") }
        guard count >= 0 else { return .missingData("Số liệu không hợp lệ: số \(measure) không được âm.") }
        return count == 0 ? .met("Không có \(measure).") : .unmet("Có \(count) \(measure).")
    }

    // MARK: trend

    enum Direction { case decrease, increase }

    static func direction(_ text: String?) -> Direction? {
        guard let text = nonEmpty(text) else { return .decrease }
        switch VietnameseText.fold(text) {
        case "decrease", "giam": return .decrease
        case "increase", "tang": return .increase
        default: return nil
        }
    }

    static func trend(_ spec: CriterionSpec, _ input: CriterionInput, year: Int) -> CriterionOutcome {
        guard let direction = direction(spec.direction) else {
            return .missingData("Tiêu chí khai báo hướng so sánh không hợp lệ: “\(spec.direction ?? "")”.")
        }
        let measure = nonEmpty(spec.measure) ?? "chỉ tiêu"
        let lacking = [input.previousValue == nil ? year - 1 : nil, input.value == nil ? year : nil].compactMap { $0 }
        guard let value = input.value, let previous = input.previousValue else {
            return .missingData("Chưa có số liệu \(measure) \(lacking.map { "năm \($0)" }.joined(separator: " và ")).")
        }
        guard value.isFinite, previous.isFinite else { return .missingData("Số liệu \(measure) không hợp lệ.") }
        let now = "\(capitalised(measure)) năm \(year) (\(VietnameseNumber.distinct(value, from: previous)))"
        let before = "năm \(year - 1) (\(VietnameseNumber.distinct(previous, from: value)))"
        let wanted = direction == .decrease ? "giảm" : "tăng"
        if value == previous { return .unmet("\(now) bằng \(before), chưa \(wanted).") }
        let went = value < previous ? "giảm" : "tăng"
        let text = "\(now) \(went) so với \(before)"
        return went == wanted ? .met(text + ".") : .unmet(text + ", chưa \(wanted).")
    }

    // MARK: titleEveryYear

    static func titleEveryYear(_ spec: CriterionSpec, _ context: CriterionContext) -> CriterionOutcome {
        guard let title = nonEmpty(spec.title) else { return .missingData("Tiêu chí chưa khai báo danh hiệu cần đạt.") }
        let wanted = VietnameseText.fold(title)
        var held: [Int] = []
        var lacking: [Int] = []
        var unknown: [Int] = []
        for year in span(spec, context) {
            guard let titles = context.titlesByYear[year] else {
                unknown.append(year)
                continue
            }
            if titles.contains(where: { VietnameseText.fold($0) == wanted }) {
                held.append(year)
            } else {
                lacking.append(year)
            }
        }
        let quoted = "danh hiệu “\(title)”"
        let missingText = unknown.isEmpty ? nil : "chưa có kết quả bình xét \(quoted) \(yearsText(unknown))"
        if !lacking.isEmpty {
            return .unmet(sentence(["Không đạt \(quoted) \(yearsText(lacking))", missingText]))
        }
        if let missingText { return .missingData(sentence([missingText])) }
        return .met("Đạt \(quoted) \(yearsText(held)).")
    }

    // MARK: taskRatingEveryYear

    static func taskRatingEveryYear(_ spec: CriterionSpec, _ context: CriterionContext) -> CriterionOutcome {
        guard let required = requiredRating(spec) else {
            return .missingData("Tiêu chí khai báo mức xếp loại không hợp lệ: “\(spec.rating ?? "")”.")
        }
        var reached: [Int] = []
        var below: [String] = []
        var unknown: [Int] = []
        for year in span(spec, context) {
            guard let rating = context.ratingsByYear[year] else {
                unknown.append(year)
                continue
            }
            if rating.reaches(required) {
                reached.append(year)
            } else {
                below.append("năm \(year) xếp loại “\(rating.label)”")
            }
        }
        let requirement = required == .excellent ? "“\(required.label)”" : "từ “\(required.label)” trở lên"
        let missingText = unknown.isEmpty ? nil : "chưa có kết quả xếp loại \(yearsText(unknown))"
        if !below.isEmpty {
            return .unmet(sentence([below.joined(separator: ", ") + ", chưa đạt \(requirement)", missingText]))
        }
        if let missingText { return .missingData(sentence([missingText])) }
        return .met("Đạt \(requirement) \(yearsText(reached)).")
    }

    // MARK: rankInLocality

    static func rankInLocality(_ spec: CriterionSpec, _ input: CriterionInput, _ context: CriterionContext)
        -> CriterionOutcome
    {
        let measure = nonEmpty(spec.measure) ?? "chỉ tiêu"
        let locality = nonEmpty(spec.locality) ?? "địa phương"
        guard let value = input.value else { return .missingData("Chưa nhập \(measure) năm \(context.year).") }
        guard value.isFinite else { return .missingData("Số liệu \(measure) không hợp lệ.") }
        let peers = context.peerValues.filter(\.isFinite)
        guard !peers.isEmpty else {
            return .missingData("Chưa có số liệu của các hộ khác trong \(locality) để so sánh.")
        }
        let required = max(1, spec.rank ?? 1)
        let rank = 1 + peers.filter { $0 > value }.count
        let tied = peers.contains(value) ? " (đồng hạng)" : ""
        let position =
            "\(capitalised(measure)) \(num(value)) xếp thứ \(rank)/\(peers.count + 1)\(tied) trong \(locality)"
        let requirement = required == 1 ? "cao nhất" : "trong \(required) vị trí dẫn đầu"
        if rank <= required { return .met("\(position), đạt yêu cầu \(requirement).") }
        let best = peers.max() ?? value
        return .unmet("\(position), chưa đạt yêu cầu \(requirement) (cao nhất: \(num(best))).")
    }

    // MARK: leaderRule

    static func leaderRule(_ spec: CriterionSpec, _ context: CriterionContext) -> CriterionOutcome {
        guard let collective = context.headedCollective else {
            return .missingData("Chưa ghi nhận tập thể do người này đứng đầu.")
        }
        let name = "Tập thể “\(collective.name)” do người này đứng đầu"
        guard collective.isExemplar else { return .unmet("\(name) chưa là tập thể điển hình.") }
        guard let ratingText = nonEmpty(spec.rating) else { return .met("\(name) là tập thể điển hình.") }
        guard let required = TaskRating(text: ratingText) else {
            return .missingData("Tiêu chí khai báo mức xếp loại không hợp lệ: “\(ratingText)”.")
        }
        guard let rating = collective.rating else {
            return .missingData("Chưa có kết quả xếp loại năm \(context.year) của tập thể “\(collective.name)”.")
        }
        let text = "\(name) là tập thể điển hình, năm \(context.year) xếp loại “\(rating.label)”"
        return rating.reaches(required) ? .met(text + ".") : .unmet(text + ", chưa đạt “\(required.label)”.")
    }

    // MARK: helpers

    /// The outcome of one part of a compound criterion (the main share and the sub-group share).
    enum Part {
        case met(String), unmet(String), missing(String)
        var text: String {
            switch self {
            case .met(let t), .unmet(let t), .missing(let t): return t
            }
        }
    }

    /// Unmet wins over missing: one part that fails decides, whatever the others lack.
    static func combine(_ parts: [Part]) -> CriterionOutcome {
        if parts.contains(where: { if case .unmet = $0 { return true } else { return false } }) {
            return .unmet(sentence(parts.map(\.text)))
        }
        let missing = parts.filter { if case .missing = $0 { return true } else { return false } }
        if !missing.isEmpty { return .missingData(sentence(missing.map(\.text))) }
        return .met(sentence(parts.map(\.text)))
    }

    /// The years of an "every year" criterion, oldest first, ending with the evaluated year.
    static func span(_ spec: CriterionSpec, _ context: CriterionContext) -> ClosedRange<Int> {
        let years = max(1, spec.spanYears ?? defaultSpanYears)
        return (context.year - years + 1)...context.year
    }

    static func requiredRating(_ spec: CriterionSpec) -> TaskRating? {
        guard let text = nonEmpty(spec.rating) else { return defaultRequiredRating }
        return TaskRating(text: text)
    }

    /// "năm 2024" or "các năm 2023, 2024".
    static func yearsText(_ years: [Int]) -> String {
        years.count == 1 ? "năm \(years[0])" : "các năm " + years.map(String.init).joined(separator: ", ")
    }

    /// Joins clauses with "; ", capitalises the first letter and ends with a full stop.
    static func sentence(_ clauses: [String?]) -> String {
        capitalised(clauses.compactMap { $0 }.joined(separator: "; ")) + "."
    }

    static func capitalised(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s else { return nil }
        let cleaned = VietnameseText.clean(s)
        return cleaned.isEmpty ? nil : cleaned
    }

    static func num(_ x: Double) -> String { VietnameseNumber.format(x, maxFractionDigits: 2) }
}
