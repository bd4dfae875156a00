import Domain
import Fluent
import Vapor

/// One criterion on the evaluation form, with what the evaluator typed.
struct CriterionField: Encodable, Sendable {
    let code: String
    let text: String
    let sourceLabel: String
    let kindLabel: String
    let isBoolean: Bool
    let isShare: Bool
    let hasSub: Bool
    let isCount: Bool
    let isTrend: Bool
    let isRank: Bool
    let isFromRecords: Bool
    let population: String
    let subGroup: String
    let measure: String
    let hint: String
    let values: [String: String]
    let error: String?
}

struct EvaluationFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let form: [String: String]
    let errors: [String: String]
    let conclusions: [SelectOption]
    let criteria: [CriterionField]
    let cancelHref: String
    /// "Số lần được tuyên truyền trong kỳ: N (đài, báo, loa…)" from the media log (issue 10 §3).
    var mediaLine: String? = nil
}

/// The evaluation form as posted: fixed fields plus `inputs[CODE][field]`.
struct EvaluationForm: Content, Sendable {
    var date: String
    var period: String
    var evaluator: String
    var effect: String?
    var effectiveness: String?
    var growthPotential: String?
    var influence: String?
    var difficulties: String?
    var helpGiven: String?
    var conclusion: String
    var summary: String?
    var inputs: [String: [String: String]]?

    static func number(_ s: String?) -> Double? {
        guard let s = s?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        return Double(s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")) ?? Double(s)
    }

    /// Typed numbers use the Vietnamese comma; a number that does not parse is an error, not a silent blank.
    func input() -> (EvaluationInput, FieldErrors) {
        var e = FieldErrors()
        var parsed: [String: CriterionInput] = [:]
        for (code, fields) in inputs ?? [:] {
            var ci = CriterionInput()
            func num(_ key: String) -> Double? {
                guard let raw = fields[key], !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                guard let v = Self.number(raw) else {
                    e.add("inputs.\(code)", "\(code): “\(raw)” không phải là số.")
                    return nil
                }
                return v
            }
            switch fields["met"] {
            case "yes": ci.met = true
            case "no": ci.met = false
            default: break
            }
            ci.numerator = num("numerator")
            ci.denominator = num("denominator")
            ci.subNumerator = num("subNumerator")
            ci.subDenominator = num("subDenominator")
            ci.count = num("count").map { Int($0) }
            ci.value = num("value")
            ci.previousValue = num("previousValue")
            let ev = VietnameseText.clean(fields["evidence"] ?? "")
            ci.evidence = ev.isEmpty ? nil : ev
            parsed[code] = ci
        }
        return (
            EvaluationInput(
                date: date, period: period, evaluator: evaluator, effect: effect, effectiveness: effectiveness,
                growthPotential: growthPotential,
                influence: influence, difficulties: difficulties, helpGiven: helpGiven, conclusion: conclusion,
                summary: summary, inputs: parsed), e
        )
    }

    var flat: [String: String] {
        [
            "date": date, "period": period, "evaluator": evaluator, "effect": effect ?? "",
            "effectiveness": effectiveness ?? "", "growthPotential": growthPotential ?? "",
            "influence": influence ?? "", "difficulties": difficulties ?? "", "helpGiven": helpGiven ?? "",
            "summary": summary ?? "", "conclusion": conclusion,
        ]
    }
}

struct EvaluationWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(RegistrationsPath.newEvaluation(.key), use: newForm)
        r.post(RegistrationsPath.evaluations(.key), use: create)
    }

    static func page(
        req: Request, id: Int, form: [String: String], inputs: [String: [String: String]], errors: [String: String]
    ) async throws -> EvaluationFormPage {
        let r = try await RegistrationQueries.readable(id, actor: req.actor, on: req.database)
        try req.authorize(.update, RegistrationQueries.resource(r))
        let criteria = try await req.criteria(for: r)
        let fields = criteria.map { c -> CriterionField in
            let s = c.spec
            var hint = ""
            switch s.kind {
            case .share:
                hint =
                    "Ngưỡng \((s.strict ?? true) ? "trên" : "từ") \(VietnameseNumber.format(s.threshold ?? 0, maxFractionDigits: 1))%"
                    + (s.subThreshold.map {
                        "; nhóm \(s.subGroup ?? "con") từ \(VietnameseNumber.format($0, maxFractionDigits: 1))%"
                    } ?? "")
            case .trend:
                hint =
                    (s.direction ?? "decrease") == "decrease"
                    ? "Phải giảm so với năm trước (để trống số năm trước để lấy từ lần đánh giá năm trước)"
                    : "Phải tăng so với năm trước"
            case .rankInLocality: hint = "Hệ thống so với các đối tượng khác của cùng đơn vị trong năm"
            case .titleEveryYear:
                hint =
                    "Lấy từ kết quả hằng năm của đối tượng: danh hiệu “\(s.title ?? "")” trong \(s.spanYears ?? 2) năm"
            case .taskRatingEveryYear: hint = "Lấy từ xếp loại hằng năm của đối tượng"
            case .leaderRule: hint = "Lấy từ đăng ký năm nay của tập thể do người này đứng đầu"
            default: break
            }
            return CriterionField(
                code: s.code, text: s.text, sourceLabel: c.source.label, kindLabel: s.kind.label,
                isBoolean: s.kind == .boolean, isShare: s.kind == .share,
                hasSub: s.subThreshold != nil, isCount: s.kind == .zeroCount, isTrend: s.kind == .trend,
                isRank: s.kind == .rankInLocality,
                isFromRecords: [.titleEveryYear, .taskRatingEveryYear, .leaderRule].contains(s.kind),
                population: s.population ?? "", subGroup: s.subGroup ?? "", measure: s.measure ?? "", hint: hint,
                values: inputs[s.code] ?? [:], error: errors["inputs.\(s.code)"])
        }
        let mediaISO = VietnameseDate.displayToISO(VietnameseText.clean(form["date"] ?? "")) ?? Today.iso
        let mediaCount = try await MediaQuery.countForEvaluation(registration: r, date: mediaISO, on: req.database)
        var page = EvaluationFormPage(
            layout: req.layout("Đánh giá định kỳ", active: RegistrationsPath.list.href),
            heading: "Đánh giá định kỳ: \(r.subject.name) (\(r.year))",
            action: RegistrationsPath.evaluations(.id(id)).href, form: form, errors: errors,
            conclusions: [
                SelectOption(value: "", label: "— Chọn kết luận —", selected: (form["conclusion"] ?? "").isEmpty)
            ]
                + EvaluationConclusion.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["conclusion"])
                },
            criteria: fields, cancelHref: RegistrationsPath.registration(.id(id)).href)
        page.mediaLine = MediaLogRules.influenceLine(count: mediaCount)
        return page
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let form = ["date": VietnameseDate.format(Date()), "evaluator": req.auth?.user.fullName ?? ""]
        return try await req.render(
            "lifecycle/evaluation-form", try await Self.page(req: req, id: id, form: form, inputs: [:], errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.form(EvaluationForm.self)
        return try await req.submit(parsed: form.input()) { input in
            try await EvaluationService.create(registrationID: id, input, actor: req.actor, on: req.database)
        } redirect: { ev in
            (
                RegistrationsPath.registration(.id(id)).href + "#danh-gia",
                "Đã lưu đánh giá kỳ \(ev.period): \(ev.metCount) tiêu chí đạt, \(ev.unmetCount) chưa đạt, \(ev.missingCount) thiếu dữ liệu."
            )
        } orRender: { e in
            try await req.render(
                "lifecycle/evaluation-form",
                try await Self.page(
                    req: req, id: id, form: form.flat, inputs: form.inputs ?? [:], errors: e.formErrors),
                status: e.status)
        }
    }
}
