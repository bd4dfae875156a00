import Fluent
import Vapor
import Domain

struct AnnualRecordInput: Content, Sendable {
    var year: Int
    var taskRating: String?
    /// Titles held that year (e.g. "Gia đình văn hóa").
    var titles: [String]?
    var note: String?
}

struct AnnualRecordDTO: Content, Sendable {
    let year: Int; let taskRating: String?; let taskRatingLabel: String?; let titles: [String]; let note: String
    init(_ a: AnnualRecordModel) {
        year = a.year; taskRating = a.taskRating; taskRatingLabel = a.taskRating.flatMap(TaskRating.init(rawValue:))?.label
        titles = a.titleSet.sorted(); note = a.note
    }
}

/// One subject across the years: registrations, evaluations, annual records.
struct SubjectTimelineDTO: Content, Sendable {
    struct Entry: Content, Sendable {
        let year: Int; let registrationID: Int; let title: String; let unitName: String; let status: String; let statusLabel: String
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
        let regs = try await RegistrationModel.query(on: db).filter(\.$subject.$id == id).with(\.$unit).with(\.$movements).all()
        if regs.contains(where: { Policy.decide(actor, .read, RegistrationQueries.resource($0)).isAllowed }) { return s }
        throw AppError.notFound("Không tìm thấy đối tượng.")
    }

    static func timeline(_ id: Int, actor: Actor?, on db: any Database) async throws -> SubjectTimelineDTO {
        let s = try await readable(id, actor: actor, on: db)
        let regs = try await RegistrationModel.query(on: db).filter(\.$subject.$id == id).with(\.$unit).with(\.$movements).sort(\.$year).all()
            .filter { Policy.decide(actor, .read, RegistrationQueries.resource($0)).isAllowed }
        let evals = try await EvaluationModel.query(on: db).filter(\.$registration.$id ~~ regs.compactMap(\.id)).with(\.$results).sort(\.$date).all()
        let byReg = Dictionary(grouping: evals, by: { $0.$registration.id })
        let records = try await AnnualRecordModel.query(on: db).filter(\.$subject.$id == id).sort(\.$year).all()
        let personal = Policy.decide(actor, .read, .personalData(s.unit.unitPath)).isAllowed
        return SubjectTimelineDTO(subject: SubjectDTO(s, showPersonal: personal), annualRecords: records.map(AnnualRecordDTO.init),
                                  years: regs.map { r in
                                      .init(year: r.year, registrationID: r.id ?? 0, title: r.title, unitName: r.unit.name, status: r.status,
                                            statusLabel: r.registrationStatus.label, evaluations: (byReg[r.id ?? -1] ?? []).map(EvaluationDTO.init))
                                  })
    }

    static func saveAnnualRecord(subjectID: Int, _ i: AnnualRecordInput, actor: Actor?, on db: any Database) async throws -> AnnualRecordModel {
        let s = try await readable(subjectID, actor: actor, on: db)
        try Access.check(actor, .update, .unitRecord(s.unit.unitPath, movementIDs: []))
        var e = FieldErrors()
        Check.year(i.year, "year", "Năm", into: &e)
        if let t = i.taskRating, !t.isEmpty, TaskRating(rawValue: t) == nil { e.add("taskRating", "Xếp loại không hợp lệ.") }
        let titles = (i.titles ?? []).map { VietnameseText.clean($0) }.filter { !$0.isEmpty }
        if titles.contains(where: { $0.contains("|") || $0.count > 200 }) { e.add("titles", "Tên danh hiệu không hợp lệ.") }
        guard e.isEmpty else { throw AppError.invalid(e) }
        let existing = try await AnnualRecordModel.query(on: db).filter(\.$subject.$id == subjectID).filter(\.$year == i.year).first()
        let m = existing ?? AnnualRecordModel()
        let before = existing.map(AnnualRecordDTO.init)
        m.$subject.id = subjectID; m.year = i.year
        m.taskRating = (i.taskRating ?? "").isEmpty ? nil : i.taskRating
        m.titles = titles.joined(separator: "|"); m.note = VietnameseText.clean(i.note ?? "")
        try await db.transaction { tx in
            try await m.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: existing == nil ? "create" : "update", entity: "annual-record", entityID: m.id,
                                      unitID: s.$unit.id, summary: "Kết quả năm \(i.year) của \(s.name)", before: before, after: AnnualRecordDTO(m))
        }
        return m
    }
}
