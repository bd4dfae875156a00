import Domain
import Fluent
import Vapor

/// A unit's own criterion for a year, as a form or API client sends it.
struct UnitCriterionInput: Content, Sendable {
    var unitID: Int
    var year: Int
    var code: String
    var text: String
    var kind: String
    var subjectKinds: [String]?
    var threshold: Double?
    var strict: Bool?
    var subThreshold: Double?
    var population: String?
    var subGroup: String?
    var measure: String?
    var direction: String?
    var title: String?
    var rank: Int?
    var rating: String?
    var spanYears: Int?
}

struct UnitCriterionDTO: Content, Sendable {
    let id: Int
    let unitID: Int
    let year: Int
    let code: String
    let text: String
    let kind: String
    let kindLabel: String
    let subjectKinds: [String]
    let spec: CriterionSpec
    init(_ c: UnitCriterionModel) throws {
        id = c.id ?? 0
        unitID = c.$unit.id
        year = c.year
        code = c.code
        text = c.text
        kind = c.kind
        kindLabel = CriterionKind(rawValue: c.kind)?.label ?? c.kind
        subjectKinds = c.subjectKinds.split(separator: ",").map(String.init)
        spec = try c.criterionSpec()
    }
}

enum UnitCriteriaService {
    static func create(_ i: UnitCriterionInput, actor: Actor?, on db: any Database) async throws -> UnitCriterionModel {
        guard let unit = try await UnitModel.find(i.unitID, on: db) else {
            throw AppError.notFound("Không tìm thấy đơn vị.")
        }
        try Access.check(actor, .create, .unitRecord(unit.unitPath, movementIDs: []))
        var e = FieldErrors()
        let code = VietnameseText.clean(i.code).uppercased()
        let text = VietnameseText.clean(i.text)
        Check.code(code, "code", into: &e)
        Check.required(text, "text", "Nội dung tiêu chí", max: 1000, into: &e)
        Check.year(i.year, "year", "Năm áp dụng", into: &e)
        let kind = CriterionKind(rawValue: i.kind)
        if kind == nil { e.add("kind", "Vui lòng chọn cách đánh giá tiêu chí.") }
        let kinds = (i.subjectKinds ?? []).filter { !$0.isEmpty }
        if kinds.contains(where: { SubjectKind(rawValue: $0) == nil }) {
            e.add("subjectKinds", "Loại đối tượng không hợp lệ.")
        }
        switch kind {
        case .share:
            if i.threshold == nil || !(0...100).contains(i.threshold!) {
                e.add("threshold", "Ngưỡng tỷ lệ là số từ 0 đến 100.")
            }
            if let s = i.subThreshold, !(0...100).contains(s) {
                e.add("subThreshold", "Ngưỡng nhóm con là số từ 0 đến 100.")
            }
        case .titleEveryYear:
            if VietnameseText.clean(i.title ?? "").isEmpty { e.add("title", "Nhập tên danh hiệu phải đạt hằng năm.") }
        case .trend:
            if let d = i.direction, !["increase", "decrease"].contains(d) {
                e.add("direction", "Chọn tăng hoặc giảm.")
            }
        case .rankInLocality:
            if let r = i.rank, r < 1 { e.add("rank", "Thứ hạng phải từ 1 trở lên.") }
        default: break
        }
        if e["code"] == nil,
            try await UnitCriterionModel.query(on: db).filter(\.$unit.$id == i.unitID).filter(\.$year == i.year).filter(
                \.$code == code
            ).count() > 0
        {
            e.add("code", "Đơn vị đã có tiêu chí mã “\(code)” cho năm \(i.year).")
        }
        guard e.isEmpty, let kind else { throw AppError.invalid(e) }
        func opt(_ s: String?) -> String? {
            let c = VietnameseText.clean(s ?? "")
            return c.isEmpty ? nil : c
        }
        let spec = CriterionSpec(
            code: code, text: text, kind: kind, threshold: kind == .share ? i.threshold : nil,
            strict: kind == .share ? (i.strict ?? true) : nil,
            population: opt(i.population), subGroup: opt(i.subGroup),
            subThreshold: kind == .share ? i.subThreshold : nil,
            measure: opt(i.measure), direction: kind == .trend ? (i.direction ?? "decrease") : nil, title: opt(i.title),
            rank: kind == .rankInLocality ? (i.rank ?? 1) : nil, rating: opt(i.rating), spanYears: i.spanYears)
        let m = UnitCriterionModel()
        m.$unit.id = i.unitID
        m.year = i.year
        m.code = code
        m.text = text
        m.kind = kind.rawValue
        m.spec = try JSONColumn.encode(spec)
        m.subjectKinds = kinds.joined(separator: ",")
        try await db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "unit-criterion", entityID: m.id, unitID: i.unitID,
                summary: "Thêm tiêu chí cụ thể \(code) năm \(i.year) của \(unit.shortName): \(text)",
                before: Optional<String>.none, after: spec)
        }
        return m
    }

    static func list(unitID: Int?, year: Int?, actor: Actor, on db: any Database) async throws -> [UnitCriterionModel] {
        var q = UnitCriterionModel.query(on: db).join(
            UnitModel.self, on: \UnitCriterionModel.$unit.$id == \UnitModel.$id
        ).with(\.$unit)
        let scope = Policy.unitScope(actor)
        if scope == .none { return [] }
        q = q.within(scope)
        if let unitID { q = q.filter(\.$unit.$id == unitID) }
        if let year { q = q.filter(\.$year == year) }
        return try await q.sort(\.$year, .descending).sort(\.$code).all()
    }
}
