import Domain
import Fluent
import Vapor

struct SubjectPage: Encodable, Sendable {
    struct Year: Encodable, Sendable {
        let year: Int
        let title: String
        let unitName: String
        let statusLabel: String
        let href: String
        let evaluations: [Eval]
    }
    struct Eval: Encodable, Sendable {
        let date: String
        let period: String
        let conclusionLabel: String
        let met: Int
        let unmet: Int
        let missing: Int
    }
    struct Record: Encodable, Sendable {
        let year: Int
        let ratingLabel: String
        let titles: String
        let discipline: String
        let leave: String
        let members: String
        let eligibilityHref: String
    }
    struct Initiative: Encodable, Sendable {
        let year: Int
        let kindLabel: String
        let title: String
        let scopeLabel: String
        let recognition: String
        /// For the award form's "rests on" choice (each initiative serves one award only).
        var id: Int = 0
    }
    struct Award: Encodable, Sendable {
        let id: Int
        let year: Int
        let formName: String
        let levelLabel: String
        let decision: String
        let deletable: Bool
        let dossierHref: String?
        /// Thường xuyên, đột xuất, chuyên đề…
        var kindLabel: String = ""
    }
    let layout: LayoutContext
    let subject: SubjectDTO
    let years: [Year]
    let records: [Record]
    let initiatives: [Initiative]
    let awards: [Award]
    let canEdit: Bool
    /// Discipline and leave (sensitive facts) are shown only to their readers.
    let showSensitive: Bool
    let isCollective: Bool
    let isHousehold: Bool
    let ratings: [SelectOption]
    let disciplines: [SelectOption]
    let scopes: [SelectOption]
    let levels: [SelectOption]
    let awardForms: [SelectOption]
    let recordAction: String
    let nextYearHref: String
    let eligibilityHref: String
    let form: [String: String]
    let errors: [String: String]
    /// The "Tuyên truyền" section: the subject's coverage in the media log and its count (issue 10 §3).
    var media: MediaSection? = nil
    /// The "Đồng ý công khai" section of an individual or a household (issue 10 §2).
    var consents: ConsentSection? = nil
}

struct AnnualRecordForm: Content {
    var year: String
    var taskRating: String?
    var titles: String?
    var note: String?
    var discipline: String?
    var disciplinePending: String?
    var maternityLeave: String?
    var treatmentLeave: String?
    var familyChecked: String?
    var familyExclusions: String?
    var memberCount: String?
    var membersCompleting: String?
    var membersLDTT: String?
    var membersCSTD: String?
    var membersDisciplined: String?

    static func lines(_ s: String?) -> [String] {
        (s ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }).map(String.init)
    }
    static func count(_ s: String?, _ key: String, _ e: inout FieldErrors) -> Int? {
        let t = (s ?? "").trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        guard let n = Int(t) else {
            e.add(key, "Vui lòng nhập số nguyên.")
            return nil
        }
        return n
    }
    /// The typed input, or the field errors of numbers that are not numbers.
    func input() -> (AnnualRecordInput, FieldErrors) {
        var e = FieldErrors()
        let i = AnnualRecordInput(
            year: Int(year) ?? 0, taskRating: taskRating, titles: Self.lines(titles), note: note,
            discipline: discipline,
            disciplinePending: disciplinePending == "yes", maternityLeave: maternityLeave == "yes",
            treatmentLeave: treatmentLeave == "yes",
            familyExclusions: familyChecked == "yes" ? Self.lines(familyExclusions) : nil,
            memberCount: Self.count(memberCount, "memberCount", &e),
            membersCompleting: Self.count(membersCompleting, "membersCompleting", &e),
            membersLDTT: Self.count(membersLDTT, "membersLDTT", &e),
            membersCSTD: Self.count(membersCSTD, "membersCSTD", &e),
            membersDisciplined: Self.count(membersDisciplined, "membersDisciplined", &e))
        return (i, e)
    }
    var flat: [String: String] {
        [
            "year": year, "taskRating": taskRating ?? "", "titles": titles ?? "", "note": note ?? "",
            "discipline": discipline ?? "", "disciplinePending": disciplinePending ?? "",
            "maternityLeave": maternityLeave ?? "", "treatmentLeave": treatmentLeave ?? "",
            "familyChecked": familyChecked ?? "", "familyExclusions": familyExclusions ?? "",
            "memberCount": memberCount ?? "", "membersCompleting": membersCompleting ?? "",
            "membersLDTT": membersLDTT ?? "", "membersCSTD": membersCSTD ?? "",
            "membersDisciplined": membersDisciplined ?? "",
        ]
    }
}

struct InitiativeForm: Content {
    var year: String
    var kind: String
    var title: String
    var scope: String
    var recognition: String?
}
struct AwardForm: Content {
    var formCode: String
    var formName: String?
    var level: String
    var year: String
    var period: String?
    var decisionNumber: String
    var decisionDate: String
    var authority: String
    var kind: String?
    var initiativeIDs: [String]?
}

struct CriteriaPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let unitName: String
        let year: Int
        let code: String
        let text: String
        let kindLabel: String
        let appliesTo: String
    }
    let layout: LayoutContext
    let rows: [Row]
    let canCreate: Bool
    let form: [String: String]
    let errors: [String: String]
    /// The new criterion's unit (nil when the reader may not add one).
    let unitField: UnitField?
    let kinds: [SelectOption]
    let subjectKinds: [SelectOption]
}

struct UnitCriterionForm: Content {
    var unitID: String
    /// The unit as typed, where the actor's units are too many for a select (`UnitField`).
    var unit: String? = nil
    var year: String
    var code: String
    var text: String
    var kind: String
    var subjectKinds: [String]?
    var threshold: String?
    var strict: String?
    var subThreshold: String?
    var population: String?
    var subGroup: String?
    var measure: String?
    var direction: String?
    var title: String?
    var rank: String?
    var spanYears: String?

    var input: UnitCriterionInput {
        UnitCriterionInput(
            unitID: Int(unitID) ?? 0, year: Int(year) ?? 0, code: code, text: text, kind: kind,
            subjectKinds: subjectKinds,
            threshold: EvaluationForm.number(threshold), strict: strict.map { $0 != "no" },
            subThreshold: EvaluationForm.number(subThreshold),
            population: population, subGroup: subGroup, measure: measure, direction: direction, title: title,
            rank: rank.flatMap { Int($0) },
            rating: nil, spanYears: spanYears.flatMap { Int($0) })
    }
    var flat: [String: String] {
        [
            "unitID": unitID, "unit": unit ?? "", "year": year, "code": code, "text": text, "kind": kind,
            "threshold": threshold ?? "",
            "subThreshold": subThreshold ?? "",
            "population": population ?? "", "subGroup": subGroup ?? "", "measure": measure ?? "",
            "direction": direction ?? "", "title": title ?? "", "rank": rank ?? "",
            "spanYears": spanYears ?? "", "subjectKinds": (subjectKinds ?? []).joined(separator: ","),
        ]
    }
}

struct SubjectsCriteriaWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(SubjectsPath.subject(.key), use: subject)
        r.post(SubjectsPath.annualRecords(.key), use: saveRecord)
        r.post(SubjectsPath.initiatives(.key), use: addInitiative)
        r.post(SubjectsPath.awards(.key), use: addAward)
        r.post(SubjectsPath.deleteAward(.key), use: deleteAward)
        r.get(SubjectsPath.criteria, use: criteria)
        r.post(SubjectsPath.criteria, use: createCriterion)
    }

    static func subjectPage(req: Request, id: Int, form: [String: String] = [:], errors: [String: String]) async throws
        -> SubjectPage
    {
        let t = try await SubjectService.timeline(id, actor: req.actor, on: req.database)
        let s = try await SubjectService.readable(id, actor: req.actor, on: req.database)
        let thisYear = Today.year
        let nextYear = (t.years.map(\.year).max() ?? thisYear - 1) + 1
        let initiatives = try await AwardService.initiatives(id, on: req.database)
        let awards = try await AwardService.forSubject(id, actor: req.actor, on: req.database)
        let canEdit = req.can(.update, .unitRecord(s.unit.unitPath, movementIDs: []))
        let ruleSubject = try await EligibilityService.ruleSubject(s, on: req.database)
        let formOptions = req.ruleSets.distinctForms(subject: ruleSubject).map { ($0.code, $0.name) }
        func pick(_ key: String, _ value: String) -> Bool { (form[key] ?? "") == value }
        let media = try await MediaSection.of(subject: s, actor: req.actor, on: req.database)
        var page = SubjectPage(
            layout: req.layout(t.subject.name, active: RegistrationsPath.list.href), subject: t.subject,
            years: t.years.map { y in
                .init(
                    year: y.year, title: y.title, unitName: y.unitName, statusLabel: y.statusLabel,
                    href: RegistrationsPath.registration(.id(y.registrationID)).href,
                    evaluations: y.evaluations.map {
                        .init(
                            date: $0.date, period: $0.period, conclusionLabel: $0.conclusionLabel, met: $0.met,
                            unmet: $0.unmet, missing: $0.missing)
                    })
            },
            records: t.annualRecords.map { r in
                var leave: [String] = []
                if r.maternityLeave == true { leave.append("Nghỉ thai sản") }
                if r.treatmentLeave == true { leave.append("Điều trị do bị thương khi làm nhiệm vụ") }
                var members = ""
                if let m = r.memberCount {
                    members =
                        "\(m) thành viên; \(r.membersCompleting.map(String.init) ?? "?") hoàn thành; \(r.membersLDTT.map(String.init) ?? "?") LĐTT; \(r.membersCSTD.map(String.init) ?? "?") CSTĐ; \(r.membersDisciplined.map(String.init) ?? "0") bị kỷ luật từ cảnh cáo"
                }
                return .init(
                    year: r.year, ratingLabel: r.taskRatingLabel ?? "—",
                    titles: r.titles.isEmpty ? "—" : r.titles.joined(separator: ", "),
                    discipline: r.withheld.contains("discipline")
                        ? ""
                        : (r.disciplineLabel.map { "Kỷ luật \($0)" } ?? "Không")
                            + (r.disciplinePending == true ? "; đang xem xét kỷ luật" : ""),
                    leave: leave.joined(separator: "; "), members: members,
                    eligibilityHref: AwardsPath.eligibility(.id(id)).href([("year", String(r.year))]))
            },
            initiatives: initiatives.map {
                let d = InitiativeDTO($0)
                return .init(
                    year: d.year, kindLabel: d.kindLabel, title: d.title, scopeLabel: d.scopeLabel,
                    recognition: d.recognition, id: d.id)
            },
            awards: awards.map { a in
                .init(
                    id: a.id ?? 0, year: a.year, formName: a.formName,
                    levelLabel: AwardLevel(rawValue: a.level)?.label ?? a.level,
                    decision: "Số \(a.decisionNumber) ngày \(a.decisionDate.isoToVietnamese) của \(a.authority)",
                    deletable: canEdit && a.dossierID == nil,
                    dossierHref: a.dossierID.map { DossiersPath.dossier(.id($0)).href }, kindLabel: a.kind.label)
            },
            canEdit: canEdit, showSensitive: req.fieldAccess(s.unit.unitPath).sensitive,
            isCollective: s.subjectKind == .collective, isHousehold: s.subjectKind == .household,
            ratings: [SelectOption(value: "", label: "— Không xếp loại —", selected: pick("taskRating", ""))]
                + TaskRating.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: pick("taskRating", $0.rawValue))
                },
            disciplines: [SelectOption(value: "", label: "Không bị kỷ luật", selected: pick("discipline", ""))]
                + DisciplineLevel.order.map {
                    SelectOption(
                        value: $0, label: DisciplineLevel.label($0).capitalizedFirst, selected: pick("discipline", $0))
                },
            scopes: InitiativeScope.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: pick("scope", $0.rawValue))
            },
            levels: AwardLevel.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: pick("level", $0.rawValue))
            },
            awardForms: [SelectOption(value: "", label: "— Hình thức khác (ghi tên) —", selected: pick("formCode", ""))]
                + formOptions.map { SelectOption(value: $0.0, label: $0.1, selected: pick("formCode", $0.0)) },
            recordAction: SubjectsPath.annualRecords(.id(id)).href,
            nextYearHref: RegistrationsPath.new.href([("subjectID", String(id)), ("year", String(nextYear))]),
            eligibilityHref: AwardsPath.eligibility(.id(id)).href([("year", String(thisYear - 1))]), form: form,
            errors: errors)
        page.media = media
        page.consents = try await ConsentSection.of(subject: s, req: req)
        return page
    }

    @Sendable func subject(req: Request) async throws -> Response {
        try await req.render(
            "lifecycle/subject",
            try await Self.subjectPage(req: req, id: try req.parameters.require("id", as: Int.self), errors: [:]))
    }

    @Sendable func saveRecord(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        // Who may not write learns that first.
        _ = try await SubjectService.writable(id, actor: req.actor, on: req.database)
        let f = try req.form(AnnualRecordForm.self)
        return try await req.submit(parsed: f.input()) { input in
            try await SubjectService.saveAnnualRecord(subjectID: id, input, actor: req.actor, on: req.database)
        } redirect: { r in
            (SubjectsPath.subject(.id(id)).href, "Đã lưu kết quả năm \(r.year).")
        } orRender: { e in
            try await req.render(
                "lifecycle/subject",
                try await Self.subjectPage(req: req, id: id, form: f.flat, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func addInitiative(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(InitiativeForm.self)
        let input = InitiativeInput(
            year: Int(f.year) ?? 0, kind: f.kind, title: f.title, scope: f.scope, recognition: f.recognition)
        return try await req.submit {
            try await AwardService.addInitiative(subjectID: id, input, actor: req.actor, on: req.database)
        } redirect: { i in
            (SubjectsPath.subject(.id(id)).href + "#sang-kien", "Đã thêm “\(i.title)”.")
        } orRender: { e in
            let typed = [
                "iniYear": f.year, "kind": f.kind, "iniTitle": f.title, "scope": f.scope,
                "recognition": f.recognition ?? "",
            ]
            return try await req.render(
                "lifecycle/subject",
                try await Self.subjectPage(
                    req: req, id: id, form: typed,
                    errors: e.formErrorsSpelledOut.mapKeys { $0 == "form" ? "form" : "ini" + $0.capitalizedFirst }),
                status: e.status)
        }
    }

    @Sendable func addAward(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(AwardForm.self)
        let input = AwardInput(
            formCode: f.formCode, formName: f.formName, level: f.level, year: Int(f.year) ?? 0, period: f.period,
            decisionNumber: f.decisionNumber, decisionDate: f.decisionDate, authority: f.authority, kind: f.kind,
            initiativeIDs: (f.initiativeIDs ?? []).compactMap { Int($0) })
        return try await req.submit {
            try await AwardService.create(
                subjectID: id, input, source: "nhap-tay", actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { a in
            (SubjectsPath.subject(.id(id)).href + "#khen-thuong", "Đã ghi \(a.formName) năm \(a.year).")
        } orRender: { e in
            let typed = [
                "formCode": f.formCode, "formName": f.formName ?? "", "level": f.level, "awardYear": f.year,
                "period": f.period ?? "",
                "decisionNumber": f.decisionNumber, "decisionDate": f.decisionDate, "authority": f.authority,
                "awardKind": f.kind ?? "",
            ]
            return try await req.render(
                "lifecycle/subject",
                try await Self.subjectPage(
                    req: req, id: id, form: typed,
                    errors: e.formErrorsSpelledOut.mapKeys { $0 == "form" ? "form" : "award" + $0.capitalizedFirst }),
                status: e.status)
        }
    }

    @Sendable func deleteAward(req: Request) async throws -> Response {
        let aid = try req.parameters.require("aid", as: Int.self)
        guard let a = try await AwardModel.find(aid, on: req.database) else {
            throw AppError.notFound("Không tìm thấy khen thưởng.")
        }
        let sid = a.$subject.id
        return try await req.submit {
            try await AwardService.delete(aid, actor: req.actor, on: req.database)
        } redirect: { _ in
            (SubjectsPath.subject(.id(sid)).href + "#khen-thuong", "Đã xóa khen thưởng.")
        } orRender: { e in
            Flash.redirect(req, to: SubjectsPath.subject(.id(sid)).href + "#khen-thuong", e.message)
        }
    }

    static func criteriaPage(req: Request, form: [String: String], errors: [String: String]) async throws
        -> CriteriaPage
    {
        let actor = try req.requireActor()
        let rows = try await UnitCriteriaService.list(unitID: nil, year: nil, actor: actor, on: req.database)
        let selectedKinds = Set((form["subjectKinds"] ?? "").split(separator: ",").map(String.init))
        return CriteriaPage(
            layout: req.layout("Tiêu chí cụ thể của đơn vị", active: SubjectsPath.criteria.href),
            rows: rows.map {
                .init(
                    unitName: $0.unit.shortName, year: $0.year, code: $0.code, text: $0.text,
                    kindLabel: CriterionKind(rawValue: $0.kind)?.label ?? $0.kind,
                    appliesTo: $0.subjectKinds.isEmpty
                        ? "Mọi đối tượng"
                        : $0.subjectKinds.split(separator: ",").compactMap { SubjectKind(rawValue: String($0))?.label }
                            .joined(separator: ", "))
            },
            canCreate: req.can(.createUnitRecords), form: form, errors: errors,
            unitField: req.can(.createUnitRecords)
                ? try await UnitField.make(
                    Self.criterionUnitSpec(actor), selectedID: form["unitID"], text: form["unit"],
                    error: errors["unitID"], on: req.database) : nil,
            kinds: CriterionKind.allCases.filter { $0 != .leaderRule }.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (form["kind"] ?? "boolean"))
            },
            subjectKinds: SubjectKind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: selectedKinds.contains($0.rawValue))
            })
    }

    @Sendable func criteria(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let form = [
            "year": String(Today.year), "unitID": Policy.defaultUnit(actor).map(String.init) ?? "", "kind": "boolean",
        ]
        return try await req.render(
            "lifecycle/criteria", try await Self.criteriaPage(req: req, form: form, errors: [:]))
    }

    /// A criterion's unit: one the actor may create records in, not abolished.
    static func criterionUnitSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(required: true, scope: Policy.createScope(actor))
    }

    @Sendable func createCriterion(req: Request) async throws -> Response {
        let f = try req.form(UnitCriterionForm.self)
        return try await req.submit { () async throws -> UnitCriterionModel in
            var input = f.input
            input.unitID =
                Int(
                    try await UnitField.resolve(
                        Self.criterionUnitSpec(req.actor), selectedID: f.unitID, text: f.unit, on: req.database) ?? "")
                ?? 0
            return try await UnitCriteriaService.create(input, actor: req.actor, on: req.database)
        } redirect: { c in
            (SubjectsPath.criteria.href, "Đã thêm tiêu chí \(c.code).")
        } orRender: { e in
            try await req.render(
                "lifecycle/criteria",
                try await Self.criteriaPage(req: req, form: f.flat, errors: e.formErrorsSpelledOut), status: e.status)
        }
    }
}
