import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

extension Application {
    private struct QuotaPlansKey: StorageKey { typealias Value = [QuotaPlan] }
    /// The plans' quotas shipped in Resources/Rules/quotas-*.json, loaded once at start.
    var quotaPlans: [QuotaPlan] {
        get { storage[QuotaPlansKey.self] ?? [] }
        set { storage[QuotaPlansKey.self] = newValue }
    }
}

/// One unit's standing, with what a page shows of it.
struct QuotaRow: Sendable {
    let unit: UnitModel
    let standing: QuotaStanding
}

enum QuotaService {
    /// Reads every `Resources/Rules/quotas-*.json`; a file that does not decode or has problems stops the start.
    static func loadPlans(workingDirectory: String) throws -> [QuotaPlan] {
        let dir = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix("quotas-") && $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let plan: QuotaPlan
            do {
                plan = try JSONDecoder().decode(
                    QuotaPlan.self, from: Data(contentsOf: dir.appendingPathComponent(name)))
            } catch {
                throw ConfigError(variable: "DIENHINH_RESOURCES", message: "tệp chỉ tiêu \(name) sai: \(error)")
            }
            let problems = plan.problems()
            guard problems.isEmpty else {
                throw ConfigError(
                    variable: "DIENHINH_RESOURCES", message: "tệp chỉ tiêu \(name): " + problems.joined(separator: "; ")
                )
            }
            return plan
        }
    }

    /// The year a dashboard shows: this year when a plan covers it, else the last planned year before it.
    static func defaultYear(plans: [QuotaPlan], today: Int) -> Int? {
        if plans.contains(where: { $0.covers(today) }) { return today }
        return plans.map(\.toYear).filter { $0 <= today }.max()
    }

    /// The standings of the units a plan's quotas bind, within what the actor may see of unit records, in the
    /// order of the tree, a page at a time by key (the unit path after `after`).
    static func standings(
        plan: QuotaPlan, year: Int, actor: Actor?, after: String?, limit: Int, on db: any Database
    ) async throws -> (rows: [QuotaRow], next: String?) {
        var q = UnitModel.query(on: db).within(Policy.quotaScope(actor), .range)
            .filter(\.$kind ~~ plan.boundKinds.map(\.rawValue)).filter(\.$active == true)
        if let after, !after.isEmpty { q = q.filter(\.$path > after) }
        let units = try await q.sort(\.$path).limit(limit + 1).all()
        let page = Array(units.prefix(limit))
        let next = units.count > limit ? page.last?.path : nil
        let parentIDs = Set(page.compactMap { $0.$parent.id })
        let parents = parentIDs.isEmpty ? [] : try await UnitModel.query(on: db).filter(\.$id ~~ parentIDs).all()
        let parentKind = Dictionary(uniqueKeysWithValues: parents.compactMap { p in p.id.map { ($0, p.kind) } })
        var ruleOf: [Int: QuotaPlan.Rule] = [:]
        for u in page {
            guard let id = u.id, let kind = UnitKind(rawValue: u.kind) else { continue }
            let pk = u.$parent.id.flatMap { parentKind[$0] }.flatMap(UnitKind.init(rawValue:))
            ruleOf[id] = plan.rule(kind: kind, parentKind: pk)
        }
        var counts: [Int: Int] = [:]
        for rule in plan.rules {
            let members = page.filter { u in u.id.flatMap { ruleOf[$0] }?.code == rule.code }
            counts.merge(try await count(units: members, rule: rule, year: year, on: db)) { $1 }
        }
        let rows = page.compactMap { u -> QuotaRow? in
            guard let id = u.id, let rule = ruleOf[id] else { return nil }
            return QuotaRow(unit: u, standing: QuotaStanding(unitID: id, rule: rule, count: counts[id] ?? 0))
        }
        return (rows, next)
    }

    /// The dashboard's figures of a year: how many units the quotas bind in the actor's scope, how many fall short,
    /// and the first `limit` of those in the order of the tree — a few SQL statements a rule, each unit's count read
    /// from the counts kept on write. (Walking every bound unit a page at a time took 1.4 s at national scale.)
    static func shortfalls(plan: QuotaPlan, year: Int, actor: Actor?, limit: Int, on db: any Database) async throws
        -> (short: [QuotaRow], shortCount: Int, bound: Int)
    {
        let sql = try db.sql()
        let unitScope = Policy.quotaScope(actor)
        guard unitScope != .none else { return ([], 0, 0) }
        let scope =
            UnitQueries.condition(unitScope, units: "u", .range, postgres: db.isPostgres) ?? "1 = 1"
        func binds(_ rule: QuotaPlan.Rule) -> SQLQueryString {
            let kind: SQLQueryString = "u.kind IN (\(binds: rule.unitKinds.map(\.rawValue)))"
            guard let parents = rule.parentKinds else { return kind }
            // COALESCE: a unit without a parent is not bound, and NOT of it stays true.
            return "(\(kind) AND COALESCE(p.kind, '') IN (\(binds: parents.map(\.rawValue))))"
        }
        var bound = 0
        var shortCount = 0
        var first: [(path: String, id: Int, rule: QuotaPlan.Rule, count: Int)] = []
        for (i, rule) in plan.rules.enumerated() {
            // The first rule that binds a unit is its rule (`QuotaPlan.rule(kind:parentKind:)`).
            var condition: SQLQueryString = "u.active = \(bind: true) AND \(scope) AND \(binds(rule))"
            for earlier in plan.rules[..<i] { condition = condition + " AND NOT \(binds(earlier))" }
            let items = rule.subjectKinds.flatMap { k in rule.statuses.map { "\(k.rawValue)/\($0.rawValue)" } }
            let counted = RegistrationTallies.count(of: "u.id", year: year, dim: "ks", items: items)
            let from: SQLQueryString = "FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE \(condition)"
            struct Totals: Decodable {
                let bound: Int
                let short: Int?
            }
            let totals = try await sql.raw(
                """
                SELECT COUNT(*) AS bound, SUM(CASE WHEN c < \(bind: rule.minimum) THEN 1 ELSE 0 END) AS short
                FROM (SELECT \(counted) AS c \(from)) x
                """
            ).first(decoding: Totals.self)
            bound += totals?.bound ?? 0
            shortCount += totals?.short ?? 0
            struct Short: Decodable {
                let id: Int
                let path: String
                let c: Int
            }
            // In the order of the tree (units_path index), stopping at the `limit`-th unit short of its quota.
            let rows = try await sql.raw(
                """
                SELECT u.id AS id, u.path AS path, \(counted) AS c \(from) AND \(counted) < \(bind: rule.minimum)
                ORDER BY u.path LIMIT \(unsafeRaw: String(limit))
                """
            ).all(decoding: Short.self)
            first += rows.map { ($0.path, $0.id, rule, $0.c) }
        }
        first = Array(first.sorted { $0.path < $1.path }.prefix(limit))
        let units = try await UnitModel.query(on: db).filter(\.$id ~~ first.map(\.id)).all()
        let byID = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u) } })
        let short = first.compactMap { f in
            byID[f.id].map { QuotaRow(unit: $0, standing: QuotaStanding(unitID: f.id, rule: f.rule, count: f.count)) }
        }
        return (short, shortCount, bound)
    }

    /// Registrations of the year that count toward the rule, in each unit's subtree, read from the counts kept on
    /// write (`RegistrationTallies`, dimension `ks`): a few rows a unit, whatever the size of the subtree. (Counting
    /// the registrations of each subtree took 40 ms a page of 500 communes at national scale, and the standing
    /// office's home page walks every page: 1.4 s.)
    private static func count(units: [UnitModel], rule: QuotaPlan.Rule, year: Int, on db: any Database) async throws
        -> [Int: Int]
    {
        let ids = units.compactMap(\.id)
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let items = Set(rule.subjectKinds.flatMap { k in rule.statuses.map { "\(k.rawValue)/\($0.rawValue)" } })
        let tallies = try await RegistrationTallies.read(scopes: ids, years: year...year, dims: ["ks"], on: sql)
        return tallies.mapValues { years in
            (years[year]?["ks"] ?? [:]).filter { items.contains($0.key) }.values.reduce(0, +)
        }
    }
}
