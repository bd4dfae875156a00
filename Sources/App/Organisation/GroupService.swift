import Domain
import Fluent
import Vapor

/// What a form or an API client sends to create or change a cluster or block.
struct GroupInput: Content, Sendable {
    var code: String
    var name: String
    var kind: String
    /// API only: the member units, replacing the current ones (absent: members unchanged).
    var memberIDs: [Int]? = nil

    func cleaned() -> GroupInput {
        GroupInput(
            code: VietnameseText.clean(code).uppercased(), name: VietnameseText.clean(name),
            kind: VietnameseText.clean(kind), memberIDs: memberIDs)
    }
}

/// A cluster or block as the API answers it, and as the audit log keeps it.
struct GroupDetailDTO: Content, Sendable, Equatable {
    let id: Int
    let code: String
    let name: String
    let kind: String
    let kindLabel: String
    let memberIDs: [Int]
}

/// Writes of clusters and blocks (cụm, khối thi đua): validate → authorize (Policy) → transaction → audit.
enum GroupService {
    /// The checks of one group's own fields, shared with the spreadsheet import.
    static func check(_ input: GroupInput) -> FieldErrors {
        var e = FieldErrors()
        Check.code(input.code, "code", into: &e)
        Check.required(input.name, "name", "Tên cụm, khối", max: 200, into: &e)
        if UnitGroupKind(rawValue: input.kind) == nil { e.add("kind", "Vui lòng chọn Cụm thi đua hoặc Khối thi đua.") }
        return e
    }

    static func validate(_ input: GroupInput, existingID: Int?, on db: any Database) async throws -> FieldErrors {
        var e = check(input)
        if e["code"] == nil {
            var dup = UnitGroupModel.query(on: db).filter(\.$code == input.code)
            if let existingID { dup = dup.filter(\.$id != existingID) }
            if try await dup.count() > 0 { e.add("code", "Mã “\(input.code)” đã được dùng cho cụm, khối khác.") }
        }
        if let ids = input.memberIDs, !ids.isEmpty {
            let found = try await UnitModel.query(on: db).filter(\.$id ~~ Set(ids)).count()
            if found != Set(ids).count { e.add("memberIDs", "Có đơn vị thành viên không tồn tại.") }
        }
        return e
    }

    static func detail(_ g: UnitGroupModel, on db: any Database) async throws -> GroupDetailDTO {
        let id = try g.requireID()
        let members = try await UnitGroupMemberModel.query(on: db).filter(\.$group.$id == id).sort(\.$unit.$id).all()
        return GroupDetailDTO(
            id: id, code: g.code, name: g.name, kind: g.kind,
            kindLabel: UnitGroupKind(rawValue: g.kind)?.label ?? g.kind, memberIDs: members.map(\.$unit.id))
    }

    static func find(_ id: Int, actor: Actor?, on db: any Database) async throws -> UnitGroupModel {
        try Access.check(actor, .read, .unitGroups)
        guard let g = try await UnitGroupModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy cụm, khối thi đua.")
        }
        return g
    }

    static func create(_ raw: GroupInput, actor: Actor?, on db: any Database) async throws -> UnitGroupModel {
        try Access.check(actor, .create, .unitGroups)
        let input = raw.cleaned()
        let errors = try await validate(input, existingID: nil, on: db)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        return try await db.transaction { tx in
            let g = UnitGroupModel(code: input.code, name: input.name, kind: UnitGroupKind(rawValue: input.kind)!)
            try await g.create(on: tx)
            for unitID in Set(input.memberIDs ?? []).sorted() { try await addLink(try g.requireID(), unitID, on: tx) }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "unit-group", entityID: g.id, unitID: nil,
                summary:
                    "Thêm \(UnitGroupKind(rawValue: g.kind)?.label.lowercased() ?? "cụm, khối") \(g.code) — \(g.name)",
                before: Optional<GroupDetailDTO>.none, after: try await detail(g, on: tx))
            return g
        }
    }

    static func update(_ id: Int, _ raw: GroupInput, actor: Actor?, on db: any Database) async throws
        -> UnitGroupModel
    {
        let g = try await find(id, actor: actor, on: db)
        try Access.check(actor, .update, .unitGroups)
        let input = raw.cleaned()
        let errors = try await validate(input, existingID: id, on: db)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let before = try await detail(g, on: db)
        return try await db.transaction { tx in
            g.code = input.code
            g.name = input.name
            g.kind = input.kind
            try await g.save(on: tx)
            if let ids = input.memberIDs {
                try await UnitGroupMemberModel.query(on: tx).filter(\.$group.$id == id).delete()
                for unitID in Set(ids).sorted() { try await addLink(id, unitID, on: tx) }
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "unit-group", entityID: id, unitID: nil,
                summary: "Sửa cụm, khối \(g.code) — \(g.name)", before: before, after: try await detail(g, on: tx))
            return g
        }
    }

    static func addMember(_ id: Int, unitID: Int?, actor: Actor?, on db: any Database) async throws {
        let g = try await find(id, actor: actor, on: db)
        try Access.check(actor, .update, .unitGroups)
        var e = FieldErrors()
        guard let unitID, let unit = try await UnitModel.find(unitID, on: db) else {
            e.add("unitID", "Vui lòng chọn một đơn vị để thêm vào cụm, khối.")
            throw AppError.invalid(e)
        }
        if try await UnitGroupMemberModel.query(on: db).filter(\.$group.$id == id).filter(\.$unit.$id == unitID)
            .count() > 0
        {
            e.add("unitID", "“\(unit.name)” đã là thành viên của \(g.name).")
            throw AppError.invalid(e)
        }
        let before = try await detail(g, on: db)
        try await db.transaction { tx in
            try await addLink(id, unitID, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "unit-group", entityID: id, unitID: unitID,
                summary: "Thêm \(unit.code) — \(unit.name) vào \(g.code)", before: before,
                after: try await detail(g, on: tx))
        }
    }

    static func removeMember(_ id: Int, unitID: Int, actor: Actor?, on db: any Database) async throws {
        let g = try await find(id, actor: actor, on: db)
        try Access.check(actor, .update, .unitGroups)
        guard
            let link = try await UnitGroupMemberModel.query(on: db).filter(\.$group.$id == id)
                .filter(\.$unit.$id == unitID).first()
        else { throw AppError.notFound("Đơn vị này không thuộc cụm, khối.") }
        let before = try await detail(g, on: db)
        let unit = try await UnitModel.find(unitID, on: db)
        try await db.transaction { tx in
            try await link.delete(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "unit-group", entityID: id, unitID: unitID,
                summary: "Bỏ \(unit?.code ?? "\(unitID)") khỏi \(g.code)", before: before,
                after: try await detail(g, on: tx))
        }
    }

    private static func addLink(_ groupID: Int, _ unitID: Int, on db: any Database) async throws {
        let m = UnitGroupMemberModel()
        m.$group.id = groupID
        m.$unit.id = unitID
        try await m.create(on: db)
    }
}
