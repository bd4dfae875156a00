import Domain
import Fluent
import SQLKit
import Vapor

/// A new subject typed with a registration (or through the import).
struct SubjectInput: Content, Sendable {
    var kind: String
    var name: String
    var gender: String?
    var ethnicity: String?
    var position: String?
    /// dd/mm/yyyy
    var birthDate: String?
    var idNumber: String?
    var phone: String?
    var address: String?
    var headsUnitID: Int?
    var representsUnitID: Int?
}

struct RegistrationInput: Content, Sendable {
    var year: Int
    var unitID: Int
    /// An existing subject, or `subject` to create one.
    var subjectID: Int?
    var subject: SubjectInput?
    /// Code of a model type (collectives, households) or individual type in the catalogue.
    var typeCode: String?
    var fieldCode: String?
    var movementIDs: [Int]?
    var title: String
    var description: String?
    var goals: String?
    var contact: String?
}

struct TransitionInput: Content, Sendable {
    var to: String
    var reason: String?
}

extension TransitionInput {
    /// A move the app itself asks for (a dossier's submission, a decision).
    init(_ to: RegistrationStatus, reason: String) { self.init(to: to.rawValue, reason: reason) }
}

struct SubjectDTO: Content, Sendable {
    let id: Int
    let kind: String
    let kindLabel: String
    let name: String
    let unitID: Int
    let position: String
    let headsUnitID: Int?
    let representsUnitID: Int?
    /// Personal and sensitive facts (`DataField`): absent unless the reader may see them (`withheld` names them).
    /// Gender code (`Gender`: male, female) and its label.
    let gender: String?
    let genderLabel: String?
    /// Ethnic-group code of the General Statistics Office (Resources/Catalogues/ethnic-groups.json) and its name.
    let ethnicity: String?
    let ethnicityName: String?
    let birthDate: String?
    let idNumber: String?
    let phone: String?
    let address: String?
    /// Keys left out of this object because the reader may not see them.
    let withheld: [String]

    init(_ s: SubjectModel, access: FieldAccess) { self.init(SubjectFacts(s), access: access) }

    init(_ s: SubjectFacts, access: FieldAccess) {
        id = s.id
        kind = s.kind
        kindLabel = s.subjectKind.label
        name = s.name
        unitID = s.unitID
        position = s.position
        headsUnitID = s.headsUnitID
        representsUnitID = s.representsUnitID
        gender = access.value(.subjectGender, s.gender)
        ethnicity = access.value(.subjectEthnicity, s.ethnicity)
        genderLabel = access.value(.subjectGender, SubjectCatalogues.genderLabel(s.gender))
        ethnicityName = access.value(.subjectEthnicity, SubjectCatalogues.ethnicityName(s.ethnicity))
        birthDate = access.value(.subjectBirthDate, VietnameseDate.isoToDisplay(s.birthDate))
        idNumber = access.value(.subjectIDNumber, s.idNumber)
        phone = access.value(.subjectPhone, s.phone)
        address = access.value(.subjectAddress, s.address)
        withheld = access.withheld(SubjectFields.subjectKeys)
    }
}

struct RegistrationDTO: Content, Sendable {
    let id: Int
    let year: Int
    let status: String
    let statusLabel: String
    let subject: SubjectDTO
    let unitID: Int
    let unitName: String
    let subjectKind: String
    let typeCode: String?
    let typeName: String?
    let catalogueVersion: String
    let fieldCode: String
    let movementIDs: [Int]
    let title: String
    let description: String
    let goals: String
    let contact: String

    /// `access`: what the reader sees of the subject, for the unit the registration belongs to.
    init(_ r: RegistrationModel, access: FieldAccess) { self.init(RegistrationSummary(r), access: access) }

    init(_ r: RegistrationSummary, access: FieldAccess) {
        id = r.id
        year = r.year
        status = r.status.rawValue
        statusLabel = r.status.label
        subject = SubjectDTO(r.subject, access: access)
        unitID = r.unitID
        unitName = r.unitName
        subjectKind = r.subjectKind
        typeCode = r.typeCode
        typeName = r.typeName
        catalogueVersion = r.catalogueVersion
        fieldCode = r.fieldCode
        movementIDs = r.movementIDs
        title = r.title
        description = r.description
        goals = r.goals
        contact = r.contact
    }
}

extension SubjectDTO: JSONDirectEncodable {
    func writeJSON(to writer: JSONStreamWriter) {
        writer.object { o in
            o.field("id", id)
            o.field("kind", kind)
            o.field("kindLabel", kindLabel)
            o.field("name", name)
            o.field("unitID", unitID)
            o.field("position", position)
            o.field("headsUnitID", headsUnitID)
            o.field("representsUnitID", representsUnitID)
            o.field("gender", gender)
            o.field("genderLabel", genderLabel)
            o.field("ethnicity", ethnicity)
            o.field("ethnicityName", ethnicityName)
            o.field("birthDate", birthDate)
            o.field("idNumber", idNumber)
            o.field("phone", phone)
            o.field("address", address)
            o.field("withheld", withheld)
        }
    }
}

extension RegistrationDTO: JSONDirectEncodable {
    func writeJSON(to writer: JSONStreamWriter) {
        writer.object { o in
            o.field("id", id)
            o.field("year", year)
            o.field("status", status)
            o.field("statusLabel", statusLabel)
            o.field("subject", subject)
            o.field("unitID", unitID)
            o.field("unitName", unitName)
            o.field("subjectKind", subjectKind)
            o.field("typeCode", typeCode)
            o.field("typeName", typeName)
            o.field("catalogueVersion", catalogueVersion)
            o.field("fieldCode", fieldCode)
            o.field("movementIDs", movementIDs)
            o.field("title", title)
            o.field("description", description)
            o.field("goals", goals)
            o.field("contact", contact)
        }
    }
}

extension VietnameseDate {
    /// "2024-03-05" → "05/03/2024"; anything else unchanged.
    static func isoToDisplay(_ iso: String) -> String { iso.isEmpty ? "" : iso.isoToVietnamese }
    /// "05/03/2024" → "2024-03-05", nil when not a real date.
    static func displayToISO(_ text: String) -> String? {
        guard let d = parse(text) else { return nil }
        let p = format(d).split(separator: "/")
        return "\(p[2])-\(p[1])-\(p[0])"
    }
}

enum RegistrationQueries {
    /// A registration with everything its pages need, if the actor may read it (else 404).
    static func readable(_ id: Int, actor: Actor?, on db: any Database) async throws -> RegistrationModel {
        // One joined read for the registration, its subject, unit and type, and one for its movements: every
        // workflow step, evaluation and page starts here (five eager-load queries before).
        guard
            let r = try await RegistrationModel.query(on: db).filter(\.$id == id)
                .join(SubjectModel.self, on: \RegistrationModel.$subject.$id == \SubjectModel.$id)
                .join(UnitModel.self, on: \RegistrationModel.$unit.$id == \UnitModel.$id)
                .join(
                    SubjectTypeModel.self, on: \RegistrationModel.$subjectType.$id == \SubjectTypeModel.$id,
                    method: .left
                )
                .first()
        else {
            throw AppError.notFound("Không tìm thấy đăng ký.")
        }
        r.$subject.value = try r.joined(SubjectModel.self)
        r.$unit.value = try r.joined(UnitModel.self)
        r.$subjectType.value = .some(r.$subjectType.id == nil ? nil : try r.joined(SubjectTypeModel.self))
        r.$movements.value = try await r.$movements.query(on: db).all()
        try Access.check(actor, .read, resource(r))
        return r
    }

    static func resource(_ r: RegistrationModel) -> Resource {
        .unitRecord(r.unit.unitPath, movementIDs: Set(r.movements.compactMap(\.id)))
    }

    /// The registration as plain values, for a reader who may see it (else 403), or 404: its page, which changes
    /// nothing, reads it in one statement (with its movements' ids) where `readable` loads four models in two.
    static func readableSummary(_ id: Int, actor: Actor?, on db: any Database) async throws -> RegistrationSummary {
        guard let r = try await RegistrationSummary.read([id], on: db).first else {
            throw AppError.notFound("Không tìm thấy đăng ký.")
        }
        try Access.check(actor, .read, resource(r))
        return r
    }

    static func resource(_ r: RegistrationSummary) -> Resource {
        .unitRecord(r.unitPath, movementIDs: Set(r.movementIDs))
    }
}

enum RegistrationService {
    static func cleanSubject(_ s: SubjectInput) -> SubjectInput {
        // nil stays nil: on an update an absent field is left unchanged.
        let clean = { (v: String?) in v.map { VietnameseText.clean($0) } }
        return SubjectInput(
            kind: s.kind, name: VietnameseText.clean(s.name), gender: clean(s.gender).map(SubjectCatalogues.genderCode),
            ethnicity: clean(s.ethnicity).map(SubjectCatalogues.ethnicityCode), position: clean(s.position),
            birthDate: clean(s.birthDate), idNumber: clean(s.idNumber).map { ContactNumbers.citizenID($0) ?? $0 },
            phone: clean(s.phone).map { ContactNumbers.phone($0) ?? $0 }, address: clean(s.address),
            headsUnitID: s.headsUnitID,
            representsUnitID: s.representsUnitID)
    }

    static func cleaned(_ i: RegistrationInput) -> RegistrationInput {
        RegistrationInput(
            year: i.year, unitID: i.unitID, subjectID: i.subjectID, subject: i.subject.map(cleanSubject),
            typeCode: VietnameseText.clean(i.typeCode ?? "").uppercased(),
            fieldCode: VietnameseText.clean(i.fieldCode ?? "").uppercased(),
            movementIDs: Array(Set(i.movementIDs ?? [])).sorted(), title: VietnameseText.clean(i.title),
            description: VietnameseText.cleanMultiline(i.description ?? ""),
            goals: VietnameseText.cleanMultiline(i.goals ?? ""),
            contact: VietnameseText.clean(i.contact ?? ""))
    }

    static func validateSubject(_ s: SubjectInput, prefix: String, into e: inout FieldErrors) {
        if SubjectKind(rawValue: s.kind) == nil {
            e.add(prefix + "kind", "Vui lòng chọn loại đối tượng (tập thể, cá nhân, hộ gia đình).")
        }
        Check.required(s.name, prefix + "name", "Tên đối tượng", max: 200, into: &e)
        if let b = s.birthDate, !b.isEmpty, VietnameseDate.parse(b) == nil {
            e.add(prefix + "birthDate", "Ngày sinh phải có dạng dd/mm/yyyy, ví dụ 05/03/1980.")
        }
        Check.gender(s.gender ?? "", prefix + "gender", into: &e)
        Check.ethnicity(s.ethnicity ?? "", prefix + "ethnicity", groups: SubjectCatalogues.ethnicGroups, into: &e)
        Check.citizenID(s.idNumber ?? "", prefix + "idNumber", "Số CCCD", into: &e)
        Check.phone(s.phone ?? "", prefix + "phone", "Số điện thoại", into: &e)
        Check.optional(s.address ?? "", prefix + "address", "Địa chỉ", max: 300, into: &e)
        Check.optional(s.position ?? "", prefix + "position", "Chức vụ", max: 200, into: &e)
    }

    /// The catalogue version in force and the subject type, field and movements named by the input.
    struct Resolved {
        var version: CatalogueVersionModel
        var type: SubjectTypeModel?
        var fieldCode: String
    }

    static func validate(_ i: RegistrationInput, existingID: Int?, subjectKind: SubjectKind?, on db: any Database)
        async throws -> (FieldErrors, Resolved?)
    {
        var e = FieldErrors()
        Check.year(i.year, "year", "Năm đăng ký", into: &e)
        Check.required(i.title, "title", "Tên mô hình / nội dung đăng ký", max: 300, into: &e)
        Check.optional(i.description ?? "", "description", "Mô tả", max: 10000, into: &e)
        Check.optional(i.goals ?? "", "goals", "Mục tiêu", max: 5000, into: &e)
        Check.optional(i.contact ?? "", "contact", "Liên hệ", max: 200, into: &e)
        if try await UnitModel.find(i.unitID, on: db) == nil { e.add("unitID", "Đơn vị không tồn tại.") }
        if i.subjectID == nil && i.subject == nil {
            e.add("subject.name", "Chọn đối tượng đã có hoặc nhập đối tượng mới.")
        }
        if let s = i.subject, i.subjectID == nil { validateSubject(s, prefix: "subject.", into: &e) }
        // The year picks the catalogue: the version whose validity covers it.
        guard let version = try await CatalogueService.inForce(year: i.year, on: db) else {
            if e["year"] == nil { e.add("year", "Chưa có danh mục tiêu chuẩn có hiệu lực cho năm \(i.year).") }
            return (e, nil)
        }
        var type: SubjectTypeModel?
        if let code = i.typeCode, !code.isEmpty {
            type = try await SubjectTypeModel.query(on: db).filter(\.$version.$id == version.requireID()).filter(
                \.$code == code
            ).first()
            if type == nil {
                e.add("typeCode", "Loại mô hình/điển hình “\(code)” không có trong danh mục \(version.version).")
            } else if let kind = subjectKind, let type,
                !type.subjectKinds.split(separator: ",").contains(Substring(kind.rawValue))
            {
                e.add("typeCode", "“\(type.name)” không áp dụng cho đối tượng là \(kind.label.lowercased()).")
            }
        } else {
            e.add("typeCode", "Vui lòng chọn loại mô hình hoặc loại điển hình cá nhân.")
        }
        var field = i.fieldCode ?? ""
        if field.isEmpty { field = type?.fieldCode ?? "" }
        if !field.isEmpty,
            try await CatalogueFieldModel.query(on: db).filter(\.$version.$id == version.requireID()).filter(
                \.$code == field
            ).count() == 0
        {
            e.add("fieldCode", "Lĩnh vực “\(field)” không có trong danh mục.")
        }
        let movements = i.movementIDs ?? []
        if !movements.isEmpty,
            try await MovementModel.query(on: db).filter(\.$id ~~ movements).count() != movements.count
        {
            e.add("movementIDs", "Có phong trào không tồn tại.")
        }
        if let sid = i.subjectID, i.year >= 1945 {
            var dup = RegistrationModel.query(on: db).filter(\.$subject.$id == sid).filter(\.$year == i.year)
            if let existingID { dup = dup.filter(\.$id != existingID) }
            if try await dup.count() > 0 { e.add("year", "Đối tượng này đã được đăng ký năm \(i.year).") }
        }
        return (e, Resolved(version: version, type: type, fieldCode: field))
    }

    static func makeSubject(_ s: SubjectInput, unitID: Int) -> SubjectModel {
        let row = SubjectRow(s, unitID: unitID)
        let m = SubjectModel()
        m.kind = row.kind
        m.name = row.name
        m.$unit.id = unitID
        m.gender = row.gender
        m.ethnicity = row.ethnicity
        m.position = row.position
        m.birthDate = row.birthDate
        m.idNumber = row.idNumber
        m.phone = row.phone
        m.address = row.address
        m.headsUnitID = row.headsUnitID
        m.representsUnitID = row.representsUnitID
        m.searchText = row.searchText
        m.sortKey = row.sortKey
        return m
    }

    static func searchText(subject: String, title: String, unitName: String) -> String {
        VietnameseText.fold("\(subject) \(title) \(unitName)")
    }

    static func create(_ raw: RegistrationInput, actor: Actor?, on db: any Database) async throws -> RegistrationModel {
        let input = cleaned(raw)
        guard let unit = try await UnitModel.find(input.unitID, on: db) else {
            throw AppError.invalid(
                {
                    var e = FieldErrors()
                    e.add("unitID", "Vui lòng chọn đơn vị.")
                    return e
                }())
        }
        try Access.check(actor, .create, .unitRecord(unit.unitPath, movementIDs: Set(input.movementIDs ?? [])))
        try await ReorganisationQueries.requireOpen(unit, on: db)
        if input.subjectID == nil, let s = input.subject {
            try SubjectFields.checkNew(s, path: unit.unitPath, actor: actor)
        }
        var existing: SubjectModel?
        if let sid = input.subjectID {
            guard let s = try await SubjectModel.query(on: db).filter(\.$id == sid).with(\.$unit).first() else {
                throw AppError.invalid(
                    {
                        var e = FieldErrors()
                        e.add("subjectID", "Đối tượng không tồn tại.")
                        return e
                    }())
            }
            try Access.check(actor, .read, .unitRecord(s.unit.unitPath, movementIDs: []))
            existing = s
        }
        let kind = existing?.subjectKind ?? input.subject.flatMap { SubjectKind(rawValue: $0.kind) }
        let (errors, resolved) = try await validate(input, existingID: nil, subjectKind: kind, on: db)
        guard errors.isEmpty, let resolved else { throw AppError.invalid(errors) }
        let existingSubject = existing
        return try await db.transaction { tx in
            let subject = existingSubject ?? makeSubject(input.subject!, unitID: input.unitID)
            if existingSubject == nil { try await subject.create(on: tx) }
            let r = RegistrationModel(subjectID: try subject.requireID(), unitID: input.unitID, year: input.year)
            r.subjectKind = subject.kind
            r.$subjectType.id = resolved.type?.id
            r.catalogueVersion = resolved.version.version
            r.fieldCode = resolved.fieldCode
            r.title = input.title
            r.description = input.description ?? ""
            r.goals = input.goals ?? ""
            r.contact = input.contact ?? ""
            r.searchText = searchText(subject: subject.name, title: input.title, unitName: unit.shortName)
            r.sortKey = subject.sortKey
            try await r.create(on: tx)
            let rid = try r.requireID()
            for m in input.movementIDs ?? [] {
                let link = RegistrationMovementModel()
                link.$registration.id = rid
                link.$movement.id = m
                try await link.create(on: tx)
            }
            try await recordTransition(
                rid, from: nil, to: .registered, reason: "Đăng ký năm \(input.year)", actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "registration", entityID: rid, unitID: input.unitID,
                summary: "Đăng ký \(subject.name) — \(input.title) (\(input.year))",
                before: Optional<RegistrationInput>.none, after: input)
            return r
        }
    }

    static func update(_ id: Int, _ raw: RegistrationInput, actor: Actor?, on db: any Database) async throws
        -> RegistrationModel
    {
        let input = cleaned(raw)
        let r = try await RegistrationQueries.readable(id, actor: actor, on: db)
        try Access.check(actor, .update, RegistrationQueries.resource(r))
        guard let unit = try await UnitModel.find(input.unitID, on: db) else {
            throw AppError.notFound("Không tìm thấy đơn vị.")
        }
        if unit.id != r.$unit.id { try Access.check(actor, .create, .unitRecord(unit.unitPath, movementIDs: [])) }
        if let s = input.subject {
            // Writing a subject's fact needs the permission to read it (Policy.decideField); absent = unchanged.
            try SubjectFields.apply(s, to: r.subject, path: r.unit.unitPath, actor: actor)
        }
        var forValidation = input
        forValidation.subjectID = r.$subject.id
        forValidation.subject = nil
        var (errors, resolved) = try await validate(
            forValidation, existingID: id, subjectKind: r.subject.subjectKind, on: db)
        if let s = input.subject {
            var typed = s
            typed.kind = r.subject.kind
            if typed.name.isEmpty { typed.name = r.subject.name }
            validateSubject(typed, prefix: "subject.", into: &errors)
        }
        guard errors.isEmpty, let resolved else { throw AppError.invalid(errors) }
        let before = RegistrationDTO(r, access: FieldAccess(classes: [.public, .internal]))
        try await db.transaction { tx in
            r.$unit.id = input.unitID
            r.year = input.year
            r.$subjectType.id = resolved.type?.id
            r.fieldCode = resolved.fieldCode
            r.title = input.title
            r.description = input.description ?? ""
            r.goals = input.goals ?? ""
            r.contact = input.contact ?? ""
            r.searchText = searchText(subject: r.subject.name, title: input.title, unitName: unit.shortName)
            if input.subject != nil {
                // Correcting the subject's own details (identity stays the same record); checked above.
                let subject = r.subject
                try await subject.save(on: tx)
                r.sortKey = subject.sortKey
                r.searchText = searchText(subject: subject.name, title: input.title, unitName: unit.shortName)
            }
            try await r.save(on: tx)
            try await RegistrationMovementModel.query(on: tx).filter(\.$registration.$id == id).delete()
            for m in input.movementIDs ?? [] {
                let link = RegistrationMovementModel()
                link.$registration.id = id
                link.$movement.id = m
                try await link.create(on: tx)
            }
            // The links went by a query (no model middleware): the counts follow the new set.
            try await RegistrationTallies.sync(ids: [id], on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "registration", entityID: id, unitID: input.unitID,
                summary: "Sửa đăng ký \(r.subject.name) — \(input.title) (\(input.year))", before: before, after: input)
        }
        return try await RegistrationQueries.readable(id, actor: actor, on: db)
    }

    static func recordTransition(
        _ id: Int, from: RegistrationStatus?, to: RegistrationStatus, reason: String, actor: Actor?, on db: any Database
    ) async throws {
        let t = RegistrationTransitionModel()
        t.$registration.id = id
        t.fromStatus = PriorStatus(from)
        t.toStatus = to
        t.at = Date()
        t.userID = actor?.userID
        t.username = actor?.username ?? "hệ thống"
        t.reason = reason
        try await t.create(on: db)
    }

    /// Moves a registration along the state machine in Domain; illegal moves come back with the reason.
    static func transition(
        _ id: Int, _ input: TransitionInput, actor: Actor?, byDecision: Bool = false, on db: any Database
    ) async throws -> RegistrationModel {
        let r = try await RegistrationQueries.readable(id, actor: actor, on: db)
        try Access.check(actor, .update, RegistrationQueries.resource(r))
        guard let to = RegistrationStatus(rawValue: input.to) else {
            throw AppError.invalid(
                {
                    var e = FieldErrors()
                    e.add("to", "Trạng thái “\(input.to)” không có.")
                    return e
                }())
        }
        let from = r.status
        let achieving =
            try await EvaluationModel.query(on: db).filter(\.$registration.$id == id).filter(\.$conclusion == .achieved)
            .count() > 0
        let reason = VietnameseText.clean(input.reason ?? "")
        switch RegistrationWorkflow.check(
            from: from, to: to, reason: reason,
            context: TransitionContext(hasAchievingEvaluation: achieving, byDecision: byDecision))
        {
        case .allowed: break
        case .refused(let message):
            throw AppError(
                status: .unprocessableEntity, code: .validationFailed, message: message,
                fields: {
                    var e = FieldErrors()
                    e.add("to", message)
                    return e
                }())
        }
        try await db.transaction { tx in
            try r.move(to: to)
            try await r.save(on: tx)
            try await recordTransition(id, from: from, to: to, reason: reason, actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "registration", entityID: id, unitID: r.$unit.id,
                summary: "\(r.subject.name): \(from.label) → \(to.label)" + (reason.isEmpty ? "" : " (\(reason))"),
                before: from, after: to)
        }
        return r
    }
}

/// The overall conclusion of an evaluation.
enum EvaluationConclusion: String, CaseIterable, Codable, Sendable {
    case achieved, inProgress = "in-progress", notAchieved = "not-achieved"
    var label: String {
        switch self {
        case .achieved: return "Đạt tiêu chuẩn điển hình"
        case .inProgress: return "Đang tiến bộ, tiếp tục bồi dưỡng"
        case .notAchieved: return "Chưa đạt"
        }
    }
}
