import Domain
import Fluent

/// The concrete conferring authority of each form for one subject (Luật TĐKT 2022 art. 80): the subject's unit and
/// its parents from the org tree, with the head titles of the authorities declared there, handed to the pure
/// `ConferrerResolver` with the rule set's `conferrers` table.
enum ConferrerLookup {
    /// The subject's unit first, then each parent up to the root; a declared authority in office on `day` lends its
    /// head's title.
    static func chain(unit: UnitModel, day: String, on db: any Database) async throws -> [ConferrerUnit] {
        let ids = unit.unitPath.ids
        guard !ids.isEmpty else { return [] }
        let units = try await UnitModel.query(on: db).filter(\.$id ~~ ids).all()
        let authorities = try await AuthorityModel.query(on: db).filter(\.$unit.$id ~~ ids).all()
        var heads: [Int: String] = [:]
        for a in authorities
        where (a.validFrom.map { $0 <= day } ?? true) && (a.validTo.map { day <= $0 } ?? true) {
            heads[a.$unit.id] = a.headTitle
        }
        let byID = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u) } })
        return ids.reversed().compactMap { id in
            guard let u = byID[id], let kind = UnitKind(rawValue: u.kind) else { return nil }
            return ConferrerUnit(id: id, name: u.name, kind: kind, abolishedOn: u.abolishedOn, headTitle: heads[id])
        }
    }

    /// The named authority per form code; forms without a row are absent.
    static func named(forms: [String], subject: SubjectModel, ruleSet: RuleSet, day: String, on db: any Database)
        async throws -> [String: NamedConferrer]
    {
        guard let rules = ruleSet.conferrers, !rules.isEmpty else { return [:] }
        let unit = try await subject.$unit.get(on: db)
        let chain = try await chain(unit: unit, day: day, on: db)
        var out: [String: NamedConferrer] = [:]
        for f in forms {
            if let n = ConferrerResolver.resolve(form: f, chain: chain, day: day, rules: rules) { out[f] = n }
        }
        return out
    }

    /// What the page and the API show: the named authority with its article, or the rule file's general text
    /// marked "cần xác minh" when the tree does not decide it.
    static func display(_ n: NamedConferrer?, general: String) -> (name: String, basis: String) {
        guard let n else {
            return (general, "Chưa xác định được người có thẩm quyền từ cơ cấu tổ chức — cần xác minh")
        }
        return (n.title, n.verified ? n.article : n.article + " — cần xác minh")
    }
}
