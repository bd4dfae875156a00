import Domain
import Fluent
import Vapor

/// A criterion that applies to a registration, with where it comes from.
struct ResolvedCriterion: Sendable {
    enum Source: String, Sendable {
        case general, type, unit
        var label: String {
            self == .general ? "Tiêu chí chung" : self == .type ? "Tiêu chuẩn của loại" : "Tiêu chí cụ thể của đơn vị"
        }
    }
    let source: Source
    let spec: CriterionSpec
}

enum CriteriaService {
    /// General criteria and the type's standard (from the registration's catalogue version), then the
    /// specific criteria of its unit and the units above it for that year.
    static func criteria(for r: RegistrationModel, on db: any Database) async throws -> [ResolvedCriterion] {
        try await criteria(for: CriteriaScope(r), on: db)
    }

    static func criteria(for r: CriteriaScope, on db: any Database) async throws -> [ResolvedCriterion] {
        var out: [ResolvedCriterion] = []
        if let version = try await CatalogueVersionModel.query(on: db).filter(\.$version == r.catalogueVersion).first()
        {
            let vid = try version.requireID()
            let general = try await CatalogueCriterionModel.query(on: db).filter(\.$version.$id == vid).filter(
                \.$subjectType.$id == nil
            ).sort(\.$position).all()
            out += try general.map { ResolvedCriterion(source: .general, spec: try $0.criterionSpec()) }
            if let typeID = r.subjectTypeID {
                let own = try await CatalogueCriterionModel.query(on: db).filter(\.$subjectType.$id == typeID).sort(
                    \.$position
                ).all()
                out += try own.map { ResolvedCriterion(source: .type, spec: try $0.criterionSpec()) }
            }
        }
        let unitIDs = r.unitPath.ids
        let unitCriteria = try await UnitCriterionModel.query(on: db).filter(\.$unit.$id ~~ unitIDs).filter(
            \.$year == r.year
        ).sort(\.$code).all()
        for c in unitCriteria
        where c.subjectKinds.isEmpty || c.subjectKinds.split(separator: ",").contains(Substring(r.subjectKind)) {
            out.append(ResolvedCriterion(source: .unit, spec: try c.criterionSpec()))
        }
        return out
    }

    /// What the database knows that a criterion needs: titles and ratings by year, the locality's values,
    /// and for a leader the collective they head.
    static func context(for r: RegistrationModel, on db: any Database) async throws -> CriterionContext {
        let records = try await AnnualRecordModel.query(on: db).filter(\.$subject.$id == r.$subject.id).all()
        var titles: [Int: Set<String>] = [:]
        var ratings: [Int: TaskRating] = [:]
        for rec in records {
            titles[rec.year] = rec.titleSet
            if let t = rec.taskRating, let rating = TaskRating(rawValue: t) { ratings[rec.year] = rating }
        }
        var headed: HeadedCollective?
        if let unitID = r.subject.headsUnitID,
            let collective = try await SubjectModel.query(on: db).filter(\.$representsUnitID == unitID).filter(
                \.$kind == SubjectKind.collective.rawValue
            ).first()
        {
            let reg = try await RegistrationModel.query(on: db).filter(\.$subject.$id == collective.requireID()).filter(
                \.$year == r.year
            ).first()
            let rating = try await AnnualRecordModel.query(on: db).filter(\.$subject.$id == collective.requireID())
                .filter(\.$year == r.year).first()?.taskRating
            headed = HeadedCollective(
                name: collective.name, isExemplar: reg?.status.isExemplar ?? false,
                rating: rating.flatMap(TaskRating.init(rawValue:)))
        }
        return CriterionContext(
            year: r.year, titlesByYear: titles, ratingsByYear: ratings, peerValues: [], headedCollective: headed)
    }

    /// The values of the same criterion for the other registrations of the same unit and year (latest evaluation each).
    static func peerValues(code: String, for r: RegistrationModel, on db: any Database) async throws -> [Double] {
        let peers = try await RegistrationModel.query(on: db).filter(\.$unit.$id == r.$unit.id).filter(
            \.$year == r.year
        )
        .filter(\.$id != r.requireID()).all().compactMap(\.id)
        guard !peers.isEmpty else { return [] }
        let evals = try await EvaluationModel.query(on: db).filter(\.$registration.$id ~~ peers).sort(\.$id).all()
        var latest: [Int: Int] = [:]
        for e in evals { latest[e.$registration.id] = e.id }
        let ids = latest.values.map { $0 }
        guard !ids.isEmpty else { return [] }
        return try await EvaluationResultModel.query(on: db).filter(\.$evaluation.$id ~~ ids).filter(
            \.$criterionCode == code
        ).all().compactMap(\.value)
    }

    /// The value recorded for a criterion in the subject's previous year (for trends).
    static func previousValue(code: String, for r: RegistrationModel, on db: any Database) async throws -> Double? {
        guard
            let prev = try await RegistrationModel.query(on: db).filter(\.$subject.$id == r.$subject.id).filter(
                \.$year == r.year - 1
            ).first(),
            let eval = try await EvaluationModel.query(on: db).filter(\.$registration.$id == prev.requireID()).sort(
                \.$id, .descending
            ).first()
        else { return nil }
        return try await EvaluationResultModel.query(on: db).filter(\.$evaluation.$id == eval.requireID()).filter(
            \.$criterionCode == code
        ).first()?.value
    }
}

struct EvaluationInput: Content, Sendable {
    /// dd/mm/yyyy
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
    /// Per criterion code, what was found.
    var inputs: [String: CriterionInput]?
}

struct EvaluationDTO: Content, Sendable {
    struct Result: Content, Sendable {
        let source: String
        let code: String
        let text: String
        let kind: String
        let outcome: String
        let outcomeLabel: String
        let reason: String
        let input: CriterionInput?
    }
    let id: Int
    let registrationID: Int
    let date: String
    let period: String
    let evaluator: String
    let effect: String
    let effectiveness: String
    let growthPotential: String
    let influence: String
    let difficulties: String
    let helpGiven: String
    let conclusion: String
    let conclusionLabel: String
    let summary: String
    let met: Int
    let unmet: Int
    let missing: Int
    let results: [Result]

    init(_ e: EvaluationModel) throws {
        id = e.id ?? 0
        registrationID = e.$registration.id
        date = e.date.isoToVietnamese
        period = e.period
        evaluator = e.evaluator
        effect = e.effect
        effectiveness = e.effectiveness
        growthPotential = e.growthPotential
        influence = e.influence
        difficulties = e.difficulties
        helpGiven = e.helpGiven
        conclusion = e.conclusion.rawValue
        conclusionLabel = e.conclusion.label
        summary = e.summary
        met = e.metCount
        unmet = e.unmetCount
        missing = e.missingCount
        results = try (e.$results.value ?? []).map {
            Result(
                source: $0.source, code: $0.criterionCode, text: $0.criterionText, kind: $0.kind, outcome: $0.outcome,
                outcomeLabel: $0.outcome == "met" ? "Đạt" : $0.outcome == "unmet" ? "Chưa đạt" : "Thiếu dữ liệu",
                reason: $0.reason,
                input: try $0.criterionInput())
        }
    }
}

enum EvaluationService {
    static func create(registrationID: Int, _ input: EvaluationInput, actor: Actor?, on db: any Database) async throws
        -> EvaluationModel
    {
        let r = try await RegistrationQueries.readable(registrationID, actor: actor, on: db)
        try Access.check(actor, .update, RegistrationQueries.resource(r))
        var e = FieldErrors()
        let iso = VietnameseDate.displayToISO(VietnameseText.clean(input.date))
        if iso == nil { e.add("date", "Ngày đánh giá phải có dạng dd/mm/yyyy.") }
        Check.required(VietnameseText.clean(input.period), "period", "Kỳ đánh giá", max: 100, into: &e)
        Check.required(VietnameseText.clean(input.evaluator), "evaluator", "Người/đoàn đánh giá", max: 200, into: &e)
        let conclusion = EvaluationConclusion(rawValue: input.conclusion)
        if conclusion == nil { e.add("conclusion", "Vui lòng chọn kết luận.") }
        let criteria = try await CriteriaService.criteria(for: r, on: db)
        var context = try await CriteriaService.context(for: r, on: db)
        var rows: [(ResolvedCriterion, CriterionInput, CriterionOutcome)] = []
        for c in criteria {
            var given = input.inputs?[c.spec.code] ?? CriterionInput()
            if c.spec.kind == .share, let n = given.numerator, let d = given.denominator, n > d {
                e.add(
                    "inputs.\(c.spec.code)",
                    "\(c.spec.code): số đạt (\(VietnameseNumber.format(n, maxFractionDigits: 1))) lớn hơn tổng số (\(VietnameseNumber.format(d, maxFractionDigits: 1)))."
                )
            }
            if c.spec.kind == .trend, given.previousValue == nil {
                given.previousValue = try await CriteriaService.previousValue(code: c.spec.code, for: r, on: db)
            }
            if c.spec.kind == .rankInLocality {
                context.peerValues = try await CriteriaService.peerValues(code: c.spec.code, for: r, on: db)
            }
            rows.append((c, given, CriteriaEngine.evaluate(c.spec, given, context)))
        }
        guard e.isEmpty, let iso, let conclusion else { throw AppError.invalid(e) }
        let summary = CriteriaEngine.summary(rows.map(\.2))
        if conclusion == .achieved && summary.unmet > 0 {
            throw AppError.invalid(
                {
                    var f = FieldErrors()
                    f.add(
                        "conclusion",
                        "Còn \(summary.unmet) tiêu chí chưa đạt: chưa thể kết luận đạt tiêu chuẩn điển hình.")
                    return f
                }())
        }
        @Sendable func clean(_ s: String?) -> String {
            VietnameseText.cleanMultiline(s ?? "")
        }
        let results = rows
        return try await db.transaction { tx in
            let ev = EvaluationModel()
            ev.$registration.id = registrationID
            ev.date = iso
            ev.period = VietnameseText.clean(input.period)
            ev.evaluator = VietnameseText.clean(input.evaluator)
            ev.effect = clean(input.effect)
            ev.effectiveness = clean(input.effectiveness)
            ev.growthPotential = clean(input.growthPotential)
            ev.influence = clean(input.influence)
            ev.difficulties = clean(input.difficulties)
            ev.helpGiven = clean(input.helpGiven)
            ev.conclusion = conclusion
            ev.summary = clean(input.summary)
            ev.metCount = summary.met
            ev.unmetCount = summary.unmet
            ev.missingCount = summary.missing
            ev.createdBy = actor?.userID
            ev.mediaCount = try await MediaQuery.countForEvaluation(registration: r, date: iso, on: tx)
            try await ev.create(on: tx)
            let eid = try ev.requireID()
            // One INSERT for all the results (one per criterion before).
            var models: [EvaluationResultModel] = []
            for (c, given, outcome) in results {
                let res = EvaluationResultModel()
                res.$evaluation.id = eid
                res.source = c.source.rawValue
                res.criterionCode = c.spec.code
                res.criterionText = c.spec.text
                res.kind = c.spec.kind.rawValue
                res.input = try JSONColumn.encode(given)
                res.outcome = outcome.code
                res.reason = outcome.reason
                res.value = given.value
                models.append(res)
            }
            if !models.isEmpty { try await models.create(on: tx) }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "evaluation", entityID: eid, unitID: r.$unit.id,
                summary:
                    "Đánh giá \(r.subject.name) kỳ \(ev.period): \(ev.conclusion.label) (\(summary.met) đạt, \(summary.unmet) chưa đạt, \(summary.missing) thiếu dữ liệu)",
                before: Optional<String>.none, after: input)
            return ev
        }
    }
}

extension Request {
    /// `CriteriaService.criteria(for:)` through the reference copies (`ReferenceCache`) on a page or an API read: the
    /// catalogue's criteria of the registration's version and type, and its units' own criteria of its year, change
    /// only by audited writes. Keyed by everything the list depends on.
    func criteria(for r: RegistrationModel) async throws -> [ResolvedCriterion] {
        try await criteria(for: CriteriaScope(r))
    }

    func criteria(for r: CriteriaScope) async throws -> [ResolvedCriterion] {
        let key =
            "criteria \(r.catalogueVersion) \(r.subjectTypeID.map(String.init) ?? "-") \(r.unitPath.raw) "
            + "\(r.year) \(r.subjectKind)"
        return try await reference(key) { try await CriteriaService.criteria(for: r, on: db) }
    }
}

/// What a registration's criteria depend on: its catalogue version and type, its unit (and those above it), its year
/// and its subject's kind. From a loaded registration or from a registration read as plain values (its page).
struct CriteriaScope: Sendable {
    let catalogueVersion: String
    let subjectTypeID: Int?
    let unitPath: UnitPath
    let year: Int
    let subjectKind: String

    init(_ r: RegistrationModel) {
        catalogueVersion = r.catalogueVersion
        subjectTypeID = r.$subjectType.id
        unitPath = r.unit.unitPath
        year = r.year
        subjectKind = r.subjectKind
    }

    init(_ r: RegistrationSummary) {
        catalogueVersion = r.catalogueVersion
        subjectTypeID = r.subjectTypeID
        unitPath = r.unitPath
        year = r.year
        subjectKind = r.subjectKind
    }
}
