import Domain
import Fluent
import Vapor

enum ActionStatus: String, CaseIterable, Codable, Sendable {
    case planned, inProgress = "in-progress", done, cancelled
    var label: String {
        switch self {
        case .planned: return "Chưa thực hiện"
        case .inProgress: return "Đang thực hiện"
        case .done: return "Đã hoàn thành"
        case .cancelled: return "Hủy"
        }
    }
    var isOpen: Bool { self == .planned || self == .inProgress }
}

struct ActionInput: Content, Sendable {
    var title: String
    var responsible: String
    var responsibleUnitID: Int?
    /// dd/mm/yyyy
    var dueDate: String
    var status: String?
    var note: String?
}

struct ActionDTO: Content, Sendable {
    let id: Int
    let registrationID: Int
    let title: String
    let responsible: String
    let responsibleUnitID: Int?
    let dueDate: String
    let status: String
    let statusLabel: String
    let overdue: Bool
    let note: String
    init(_ a: NurturingActionModel, today: String) {
        id = a.id ?? 0
        registrationID = a.$registration.id
        title = a.title
        responsible = a.responsible
        responsibleUnitID = a.responsibleUnitID
        dueDate = a.dueDate.isoToVietnamese
        status = a.status.rawValue
        statusLabel = a.status.label
        overdue = a.status.isOverdue(due: a.dueDate, today: today)
        note = a.note
    }
}

extension ActionStatus {
    /// An action still open past its due date (ISO dates, compared as text).
    func isOverdue(due: String, today: String) -> Bool { isOpen && due < today }
}

enum NurturingService {
    static func validate(_ i: ActionInput) -> (FieldErrors, String?) {
        var e = FieldErrors()
        Check.required(VietnameseText.clean(i.title), "title", "Nội dung bồi dưỡng", max: 300, into: &e)
        Check.required(VietnameseText.clean(i.responsible), "responsible", "Người/đơn vị phụ trách", max: 200, into: &e)
        let iso = VietnameseDate.displayToISO(VietnameseText.clean(i.dueDate))
        if iso == nil { e.add("dueDate", "Hạn hoàn thành phải có dạng dd/mm/yyyy.") }
        if let s = i.status, !s.isEmpty, ActionStatus(rawValue: s) == nil {
            e.add("status", "Trạng thái không hợp lệ.")
        }
        Check.optional(i.note ?? "", "note", "Ghi chú", max: 2000, into: &e)
        return (e, iso)
    }

    static func create(registrationID: Int, _ i: ActionInput, actor: Actor?, on db: any Database) async throws
        -> NurturingActionModel
    {
        let r = try await RegistrationQueries.readable(registrationID, actor: actor, on: db)
        try Access.check(actor, .update, RegistrationQueries.resource(r))
        let (e, iso) = validate(i)
        guard e.isEmpty, let iso else { throw AppError.invalid(e) }
        let a = NurturingActionModel(
            registrationID: registrationID, status: i.status.flatMap(ActionStatus.init(rawValue:)) ?? .planned)
        a.title = VietnameseText.clean(i.title)
        a.responsible = VietnameseText.clean(i.responsible)
        a.responsibleUnitID = i.responsibleUnitID
        a.dueDate = iso
        a.note = VietnameseText.clean(i.note ?? "")
        try await db.transaction { tx in
            try await a.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "nurturing-action", entityID: a.id, unitID: r.$unit.id,
                summary: "Thêm việc bồi dưỡng cho \(r.subject.name): \(a.title), hạn \(a.dueDate.isoToVietnamese)",
                before: Optional<ActionInput>.none, after: i)
        }
        return a
    }

    static func update(_ id: Int, _ i: ActionInput, actor: Actor?, on db: any Database) async throws
        -> NurturingActionModel
    {
        guard let a = try await NurturingActionModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy việc bồi dưỡng.")
        }
        let r = try await RegistrationQueries.readable(a.$registration.id, actor: actor, on: db)
        try Access.check(actor, .update, RegistrationQueries.resource(r))
        let (e, iso) = validate(i)
        guard e.isEmpty, let iso else { throw AppError.invalid(e) }
        let before = ActionDTO(a, today: Today.iso)
        a.title = VietnameseText.clean(i.title)
        a.responsible = VietnameseText.clean(i.responsible)
        a.responsibleUnitID = i.responsibleUnitID
        a.dueDate = iso
        a.note = VietnameseText.clean(i.note ?? "")
        if let s = i.status.flatMap(ActionStatus.init(rawValue:)) { a.move(to: s) }
        try await db.transaction { tx in
            try await a.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "nurturing-action", entityID: id, unitID: r.$unit.id,
                summary: "Cập nhật việc bồi dưỡng của \(r.subject.name): \(a.title) — \(a.status.label)",
                before: before, after: ActionDTO(a, today: Today.iso))
        }
        return a
    }

    /// Open actions past their due date, for the registrations the actor follows: its unit subtree and,
    /// for a lead agency, the registrations of its movements.
    static func overdue(for actor: Actor, limit: Int = 50, on db: any Database) async throws -> [(
        NurturingActionModel, RegistrationModel
    )] {
        guard let regScope = try await RegistrationListing.scopeIDs(actor, on: db) else { return [] }
        var q = NurturingActionModel.query(on: db)
            .filter(\.$status ~~ [ActionStatus.planned, .inProgress])
            .filter(\.$dueDate < Today.iso)
            .join(RegistrationModel.self, on: \NurturingActionModel.$registration.$id == \RegistrationModel.$id)
            .join(UnitModel.self, on: \RegistrationModel.$unit.$id == \UnitModel.$id)
        q = regScope.apply(q)
        let rows = try await q.sort(\.$dueDate).limit(limit).all()
        let regs = try await RegistrationModel.query(on: db).filter(\.$id ~~ rows.map { $0.$registration.id }).with(
            \.$subject
        ).with(\.$unit).all()
        let byID = Dictionary(uniqueKeysWithValues: regs.compactMap { r in r.id.map { ($0, r) } })
        return rows.compactMap { a in byID[a.$registration.id].map { (a, $0) } }
    }
}
