import Fluent
import Vapor
import Domain

struct SubjectPage: Encodable, Sendable {
    struct Year: Encodable, Sendable { let year: Int; let title: String; let unitName: String; let statusLabel: String; let href: String; let evaluations: [Eval] }
    struct Eval: Encodable, Sendable { let date: String; let period: String; let conclusionLabel: String; let met: Int; let unmet: Int; let missing: Int }
    struct Record: Encodable, Sendable { let year: Int; let ratingLabel: String; let titles: String }
    let layout: LayoutContext
    let subject: SubjectDTO
    let years: [Year]
    let records: [Record]
    let canEdit: Bool
    let ratings: [SelectOption]
    let recordAction: String
    let nextYearHref: String
    let errors: [String: String]
    static let mock = SubjectPage(layout: .mock("Hộ ông A Blơi"), subject: SubjectDTO({ let s = SubjectModel(); s.id = 1; s.kind = "household"; s.name = "Hộ ông A Blơi"; s.$unit.id = 9; s.gender = ""; s.ethnicity = "Xơ Đăng"; s.position = ""; s.birthDate = ""; s.idNumber = "062080000123"; s.phone = ""; s.address = "Thôn 1"; return s }(), showPersonal: true),
                                  years: [Year(year: 2024, title: "Trồng sâm dây", unitName: "Xã Đăk Ruồng", statusLabel: "Đạt điển hình", href: "/app/registrations/1",
                                               evaluations: [Eval(date: "15/09/2024", period: "Quý III/2024", conclusionLabel: "Đạt", met: 8, unmet: 0, missing: 0)])],
                                  records: [Record(year: 2023, ratingLabel: "—", titles: "Gia đình văn hóa")], canEdit: true,
                                  ratings: [SelectOption(value: "", label: "— Không xếp loại —", selected: true)], recordAction: "/app/subjects/1/annual-records",
                                  nextYearHref: "/app/registrations/new?subjectID=1&year=2025", errors: [:])
}

struct AnnualRecordForm: Content { var year: String; var taskRating: String?; var titles: String?; var note: String? }

struct CriteriaPage: Encodable, Sendable {
    struct Row: Encodable, Sendable { let unitName: String; let year: Int; let code: String; let text: String; let kindLabel: String; let appliesTo: String }
    let layout: LayoutContext
    let rows: [Row]
    let canCreate: Bool
    let form: [String: String]
    let errors: [String: String]
    let units: [SelectOption]
    let kinds: [SelectOption]
    let subjectKinds: [SelectOption]
    static let mock = CriteriaPage(layout: .mock("Tiêu chí cụ thể"), rows: [Row(unitName: "Xã Đăk Ruồng", year: 2024, code: "DR-01", text: "Không có hộ tái nghèo", kindLabel: "Không có trường hợp nào", appliesTo: "Hộ gia đình")],
                                   canCreate: true, form: ["year": "2024"], errors: ["text": "Nội dung tiêu chí không được để trống."], units: [], kinds: [], subjectKinds: [])
}

struct UnitCriterionForm: Content {
    var unitID: String; var year: String; var code: String; var text: String; var kind: String; var subjectKinds: [String]?
    var threshold: String?; var strict: String?; var subThreshold: String?; var population: String?; var subGroup: String?
    var measure: String?; var direction: String?; var title: String?; var rank: String?; var spanYears: String?

    var input: UnitCriterionInput {
        UnitCriterionInput(unitID: Int(unitID) ?? 0, year: Int(year) ?? 0, code: code, text: text, kind: kind, subjectKinds: subjectKinds,
                           threshold: EvaluationForm.number(threshold), strict: strict.map { $0 != "no" }, subThreshold: EvaluationForm.number(subThreshold),
                           population: population, subGroup: subGroup, measure: measure, direction: direction, title: title, rank: rank.flatMap { Int($0) },
                           rating: nil, spanYears: spanYears.flatMap { Int($0) })
    }
    var flat: [String: String] {
        ["unitID": unitID, "year": year, "code": code, "text": text, "kind": kind, "threshold": threshold ?? "", "subThreshold": subThreshold ?? "",
         "population": population ?? "", "subGroup": subGroup ?? "", "measure": measure ?? "", "direction": direction ?? "", "title": title ?? "", "rank": rank ?? "",
         "spanYears": spanYears ?? "", "subjectKinds": (subjectKinds ?? []).joined(separator: ",")]
    }
}

struct SubjectsCriteriaWebController {
    func register(_ r: any RoutesBuilder) {
        r.get("subjects", ":id", use: subject)
        r.post("subjects", ":id", "annual-records", use: saveRecord)
        r.get("criteria", use: criteria)
        r.post("criteria", use: createCriterion)
    }

    static func subjectPage(req: Request, id: Int, errors: [String: String]) async throws -> SubjectPage {
        let t = try await SubjectService.timeline(id, actor: req.actor, on: req.db)
        let s = try await SubjectService.readable(id, actor: req.actor, on: req.db)
        let nextYear = (t.years.map(\.year).max() ?? Calendar(identifier: .gregorian).component(.year, from: Date()) - 1) + 1
        return SubjectPage(layout: req.layout(t.subject.name, active: WebPath.registrations), subject: t.subject,
                           years: t.years.map { y in .init(year: y.year, title: y.title, unitName: y.unitName, statusLabel: y.statusLabel, href: WebPath.registration(y.registrationID),
                                                          evaluations: y.evaluations.map { .init(date: $0.date, period: $0.period, conclusionLabel: $0.conclusionLabel, met: $0.met, unmet: $0.unmet, missing: $0.missing) }) },
                           records: t.annualRecords.map { .init(year: $0.year, ratingLabel: $0.taskRatingLabel ?? "—", titles: $0.titles.isEmpty ? "—" : $0.titles.joined(separator: ", ")) },
                           canEdit: req.can(.update, .unitRecord(s.unit.unitPath, movementIDs: [])),
                           ratings: [SelectOption(value: "", label: "— Không xếp loại —", selected: true)] + TaskRating.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
                           recordAction: "/app/subjects/\(id)/annual-records", nextYearHref: WebPath.newRegistration + "?subjectID=\(id)&year=\(nextYear)", errors: errors)
    }

    @Sendable func subject(req: Request) async throws -> Response {
        try await req.render("subject", try await Self.subjectPage(req: req, id: try req.parameters.require("id", as: Int.self), errors: [:]))
    }

    @Sendable func saveRecord(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(AnnualRecordForm.self)
        let titles = (f.titles ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }).map(String.init)
        let input = AnnualRecordInput(year: Int(f.year) ?? 0, taskRating: f.taskRating, titles: titles, note: f.note)
        switch try await attempt({ try await SubjectService.saveAnnualRecord(subjectID: id, input, actor: req.actor, on: req.db) }) {
        case .success(let r): return Flash.redirect(req, to: WebPath.subject(id), "Đã lưu kết quả năm \(r.year).")
        case .failure(let e): return try await req.render("subject", try await Self.subjectPage(req: req, id: id, errors: e.formErrors), status: e.status)
        }
    }

    static func criteriaPage(req: Request, form: [String: String], errors: [String: String]) async throws -> CriteriaPage {
        let actor = try req.requireActor()
        let rows = try await UnitCriteriaService.list(unitID: nil, year: nil, actor: actor, on: req.db)
        let selectedKinds = Set((form["subjectKinds"] ?? "").split(separator: ",").map(String.init))
        return CriteriaPage(layout: req.layout("Tiêu chí cụ thể của đơn vị", active: WebPath.criteria),
                            rows: rows.map { .init(unitName: $0.unit.shortName, year: $0.year, code: $0.code, text: $0.text, kindLabel: CriterionKind(rawValue: $0.kind)?.label ?? $0.kind,
                                                   appliesTo: $0.subjectKinds.isEmpty ? "Mọi đối tượng" : $0.subjectKinds.split(separator: ",").compactMap { SubjectKind(rawValue: String($0))?.label }.joined(separator: ", ")) },
                            canCreate: actor.role != .councilMember && actor.role != .editor, form: form, errors: errors,
                            units: try await RegistrationOptions.units(actor, selected: form["unitID"] ?? "", on: req.db, forCreate: true),
                            kinds: CriterionKind.allCases.filter { $0 != .leaderRule }.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (form["kind"] ?? "boolean")) },
                            subjectKinds: SubjectKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: selectedKinds.contains($0.rawValue)) })
    }

    @Sendable func criteria(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let form = ["year": String(Calendar(identifier: .gregorian).component(.year, from: Date())), "unitID": actor.role == .unitOfficer ? actor.unitID.map(String.init) ?? "" : "", "kind": "boolean"]
        return try await req.render("criteria", try await Self.criteriaPage(req: req, form: form, errors: [:]))
    }

    @Sendable func createCriterion(req: Request) async throws -> Response {
        let f = try req.form(UnitCriterionForm.self)
        switch try await attempt({ try await UnitCriteriaService.create(f.input, actor: req.actor, on: req.db) }) {
        case .success(let c): return Flash.redirect(req, to: WebPath.criteria, "Đã thêm tiêu chí \(c.code).")
        case .failure(let e): return try await req.render("criteria", try await Self.criteriaPage(req: req, form: f.flat, errors: e.formErrors), status: e.status)
        }
    }
}
