import Domain
import Fluent
import Vapor

/// One year of a subject, written whole (what is left out is cleared).
struct AnnualRecordInput: Content, Sendable {
    var year: Int
    var taskRating: String?
    /// Titles held that year (e.g. "Gia đình văn hóa").
    var titles: [String]?
    var note: String?
    /// `DisciplineLevel` code ("khien-trach", "canh-cao"…); empty or nil = none.
    var discipline: String?
    var disciplinePending: Bool?
    var maternityLeave: Bool?
    var treatmentLeave: Bool?
    /// Households: exclusions found; nil = not checked, [] = checked, none.
    var familyExclusions: [String]?
    var memberCount: Int?
    var membersCompleting: Int?
    var membersLDTT: Int?
    var membersCSTD: Int?
    var membersDisciplined: Int?
}

struct AnnualRecordDTO: Content, Sendable {
    let year: Int
    let taskRating: String?
    let taskRatingLabel: String?
    let titles: [String]
    /// Sensitive facts (`DataField`): absent unless the reader may see them (`withheld` names them); when shown,
    /// null means none (no discipline) or not checked (household exclusions).
    let note: String?
    let discipline: String?
    let disciplineLabel: String?
    let disciplinePending: Bool?
    let maternityLeave: Bool?
    let treatmentLeave: Bool?
    let familyExclusions: [String]?
    let memberCount: Int?
    let membersCompleting: Int?
    let membersLDTT: Int?
    let membersCSTD: Int?
    let membersDisciplined: Int?
    /// Keys left out of this object because the reader may not see them.
    let withheld: [String]

    init(_ a: AnnualRecordModel, access: FieldAccess) {
        year = a.year
        taskRating = a.taskRating
        taskRatingLabel = a.taskRating.flatMap(TaskRating.init(rawValue:))?.label
        titles = a.titleSet.sorted()
        note = access.value(.annualNote, a.note)
        discipline = access.value(.annualDiscipline, a.discipline) ?? nil
        disciplineLabel = access.value(.annualDiscipline, a.discipline.map(DisciplineLevel.label)) ?? nil
        disciplinePending = access.value(.annualDisciplinePending, a.disciplinePending)
        maternityLeave = access.value(.annualMaternityLeave, a.maternityLeave)
        treatmentLeave = access.value(.annualTreatmentLeave, a.treatmentLeave)
        familyExclusions =
            access.value(.annualFamilyExclusions, a.familyExclusions.map { $0.split(separator: "|").map(String.init) })
            ?? nil
        memberCount = a.memberCount
        membersCompleting = a.membersCompleting
        membersLDTT = a.membersLDTT
        membersCSTD = a.membersCSTD
        membersDisciplined = a.membersDisciplined
        withheld = access.withheld(SubjectFields.annualKeys)
    }

    private enum CodingKeys: String, CodingKey {
        case year, taskRating, taskRatingLabel, titles, note, discipline, disciplineLabel, disciplinePending
        case maternityLeave, treatmentLeave, familyExclusions, memberCount, membersCompleting, membersLDTT
        case membersCSTD, membersDisciplined, withheld
    }

    /// A withheld key is absent; a shown one is always present, null when there is nothing to show.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let hidden = Set(withheld)
        func put<T: Encodable>(_ v: T?, _ k: CodingKeys) throws {
            guard !hidden.contains(k.stringValue) else { return }
            if let v { try c.encode(v, forKey: k) } else { try c.encodeNil(forKey: k) }
        }
        try c.encode(year, forKey: .year)
        try put(taskRating, .taskRating)
        try put(taskRatingLabel, .taskRatingLabel)
        try c.encode(titles, forKey: .titles)
        try put(note, .note)
        try put(discipline, .discipline)
        try put(disciplineLabel, .disciplineLabel)
        try put(disciplinePending, .disciplinePending)
        try put(maternityLeave, .maternityLeave)
        try put(treatmentLeave, .treatmentLeave)
        try put(familyExclusions, .familyExclusions)
        try put(memberCount, .memberCount)
        try put(membersCompleting, .membersCompleting)
        try put(membersLDTT, .membersLDTT)
        try put(membersCSTD, .membersCSTD)
        try put(membersDisciplined, .membersDisciplined)
        try c.encode(withheld, forKey: .withheld)
    }
}

/// One subject across the years: registrations, evaluations, annual records.
struct SubjectTimelineDTO: Content, Sendable {
    struct Entry: Content, Sendable {
        let year: Int
        let registrationID: Int
        let title: String
        let unitName: String
        let status: String
        let statusLabel: String
        let evaluations: [EvaluationDTO]
    }
    let subject: SubjectDTO
    let annualRecords: [AnnualRecordDTO]
    let years: [Entry]
}

enum SubjectService {
    static func readable(_ id: Int, actor: Actor?, on db: any Database) async throws -> SubjectModel {
        guard let s = try await SubjectModel.query(on: db).filter(\.$id == id).with(\.$unit).first() else {
            throw AppError.notFound("Không tìm thấy đối tượng.")
        }
        // Readable when its unit is readable, or one of its registrations is.
        if Policy.decide(actor, .read, .unitRecord(s.unit.unitPath, movementIDs: [])).isAllowed { return s }
        let regs = try await RegistrationModel.query(on: db).filter(\.$subject.$id == id).with(\.$unit).with(
            \.$movements
        ).all()
        if regs.contains(where: { Policy.decide(actor, .read, RegistrationQueries.resource($0)).isAllowed }) {
            return s
        }
        throw AppError.notFound("Không tìm thấy đối tượng.")
    }

    static func timeline(_ id: Int, actor: Actor?, on db: any Database) async throws -> SubjectTimelineDTO {
        let s = try await readable(id, actor: actor, on: db)
        let regs = try await RegistrationModel.query(on: db).filter(\.$subject.$id == id).with(\.$unit).with(
            \.$movements
        ).sort(\.$year).all()
            .filter { Policy.decide(actor, .read, RegistrationQueries.resource($0)).isAllowed }
        let evals = try await EvaluationModel.query(on: db).filter(\.$registration.$id ~~ regs.compactMap(\.id)).with(
            \.$results
        ).sort(\.$date).all()
        let byReg = Dictionary(grouping: evals, by: { $0.$registration.id })
        let records = try await AnnualRecordModel.query(on: db).filter(\.$subject.$id == id).sort(\.$year).all()
        let access = FieldAccess(actor, subjectUnit: s.unit.unitPath)
        return try SubjectTimelineDTO(
            subject: SubjectDTO(s, access: access), annualRecords: records.map { AnnualRecordDTO($0, access: access) },
            years: regs.map { r in
                try .init(
                    year: r.year, registrationID: r.id ?? 0, title: r.title, unitName: r.unit.name,
                    status: r.status.rawValue,
                    statusLabel: r.status.label, evaluations: (byReg[r.id ?? -1] ?? []).map(EvaluationDTO.init))
            })
    }

    /// A subject whose facts (year-end results, initiatives, awards) the actor may change. Who reads the subject
    /// (through a registration of a movement it leads, say) but may not change it gets 403, not 404.
    static func writable(_ id: Int, _ action: Action = .update, actor: Actor?, on db: any Database) async throws
        -> SubjectModel
    {
        let s = try await readable(id, actor: actor, on: db)
        switch Policy.decide(actor, action, .unitRecord(s.unit.unitPath, movementIDs: [])) {
        case .allow: return s
        case .forbidden(let message): throw AppError.forbidden(message)
        case .notFound: throw AppError.forbidden(Policy.outsideUnit)
        }
    }

    static func saveAnnualRecord(subjectID: Int, _ i: AnnualRecordInput, actor: Actor?, on db: any Database)
        async throws -> AnnualRecordModel
    {
        let s = try await writable(subjectID, actor: actor, on: db)
        var e = FieldErrors()
        Check.year(i.year, "year", "Năm", into: &e)
        if let t = i.taskRating, !t.isEmpty, TaskRating(rawValue: t) == nil {
            e.add("taskRating", "Xếp loại không hợp lệ.")
        }
        let titles = (i.titles ?? []).map { VietnameseText.clean($0) }.filter { !$0.isEmpty }
        if titles.contains(where: { $0.contains("|") || $0.count > 200 }) {
            e.add("titles", "Tên danh hiệu không hợp lệ.")
        }
        let discipline = i.discipline.map { VietnameseText.clean($0) }.flatMap { $0.isEmpty ? nil : $0 }
        if let d = discipline, !DisciplineLevel.order.contains(d) {
            e.add("discipline", "Hình thức kỷ luật không hợp lệ.")
        }
        let exclusions = i.familyExclusions.map { $0.map { VietnameseText.clean($0) }.filter { !$0.isEmpty } }
        if exclusions?.contains(where: { $0.contains("|") || $0.count > 300 }) == true {
            e.add("familyExclusions", "Nội dung trường hợp loại trừ không hợp lệ.")
        }
        let counts: [(String, String, Int?)] = [
            ("memberCount", "Tổng số thành viên", i.memberCount),
            ("membersCompleting", "Số hoàn thành nhiệm vụ", i.membersCompleting),
            ("membersLDTT", "Số đạt Lao động tiên tiến", i.membersLDTT),
            ("membersCSTD", "Số đạt Chiến sĩ thi đua", i.membersCSTD),
            ("membersDisciplined", "Số bị kỷ luật từ cảnh cáo", i.membersDisciplined),
        ]
        for (key, label, v) in counts {
            if let v, v < 0 || v > 100_000 { e.add(key, "\(label) phải từ 0 đến 100.000.") }
            if let v, let total = i.memberCount, key != "memberCount", v > total {
                e.add(key, "\(label) không được lớn hơn tổng số thành viên (\(total)).")
            }
        }
        if i.memberCount == nil, counts.dropFirst().contains(where: { $0.2 != nil }) {
            e.add("memberCount", "Nhập tổng số thành viên trước khi nhập các số liệu khác.")
        }
        guard e.isEmpty else { throw AppError.invalid(e) }
        let existing = try await AnnualRecordModel.query(on: db).filter(\.$subject.$id == subjectID).filter(
            \.$year == i.year
        ).first()
        let m = existing ?? AnnualRecordModel()
        let before = existing.map { AnnualRecordDTO($0, access: .everything) }
        m.$subject.id = subjectID
        m.year = i.year
        m.taskRating = (i.taskRating ?? "").isEmpty ? nil : i.taskRating
        m.titles = titles.joined(separator: "|")
        m.note = VietnameseText.clean(i.note ?? "")
        m.discipline = discipline
        m.disciplinePending = i.disciplinePending ?? false
        m.maternityLeave = i.maternityLeave ?? false
        m.treatmentLeave = i.treatmentLeave ?? false
        m.familyExclusions = exclusions?.joined(separator: "|")
        m.memberCount = i.memberCount
        m.membersCompleting = i.membersCompleting
        m.membersLDTT = i.membersLDTT
        m.membersCSTD = i.membersCSTD
        m.membersDisciplined = i.membersDisciplined
        try await db.transaction { tx in
            try await m.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: existing == nil ? "create" : "update", entity: "annual-record",
                entityID: m.id,
                unitID: s.$unit.id, summary: "Kết quả năm \(i.year) của \(s.name)", before: before,
                after: AnnualRecordDTO(m, access: .everything))
        }
        return m
    }
}
