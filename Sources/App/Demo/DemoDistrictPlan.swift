import Domain
import Foundation

/// `Resources/Demo/district-plan.json`: which model types each unit registers, the wording of models and nurturing
/// actions, the units' own criteria, and the quota shortfalls left on purpose.
struct DemoDistrictPlan: Decodable, Sendable {
    struct Criterion: Decodable, Sendable {
        let code: String
        let text: String
        let kind: String
        let measure: String?
        let threshold: Double?
        let subjectKinds: [String]
    }
    struct Shortfall: Decodable, Sendable {
        let note: String
        let communesWithOne: [String]
        let agenciesWithNone: [String]
    }
    let version: String
    let years: [Int]
    let collectiveTypesByUnit: [String: [String]]
    let collectiveTypesByKind: [String: [String]]
    /// Model type → movement code, where the catalogue names none; keys starting with "_" are notes.
    let movementsByType: [String: String]
    let modelTitles: [String: String]
    let individualTitles: [String: [String]]
    let householdTitles: [String: [String]]
    let positions: [String: String?]
    let actions: [String]
    let initiatives: [String]
    /// Who evaluates, by the registering unit's role; {unit} and {commune} are replaced.
    let evaluators: [String: String]
    let unitCriteria: [String: [Criterion]]
    let shortfall2025: Shortfall

    private enum CodingKeys: String, CodingKey {
        case version, years, collectiveTypesByUnit, collectiveTypesByKind, movementsByType, modelTitles,
            individualTitles
        case householdTitles, positions, actions, initiatives, evaluators, unitCriteria, shortfall2025
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        years = try c.decode([Int].self, forKey: .years)
        collectiveTypesByUnit = try c.decode([String: [String]].self, forKey: .collectiveTypesByUnit)
        collectiveTypesByKind = try c.decode([String: [String]].self, forKey: .collectiveTypesByKind)
        movementsByType = try c.decode([String: String].self, forKey: .movementsByType)
        modelTitles = try c.decode([String: String].self, forKey: .modelTitles)
        individualTitles = try c.decode([String: [String]].self, forKey: .individualTitles)
        householdTitles = try c.decode([String: [String]].self, forKey: .householdTitles)
        actions = try c.decode([String].self, forKey: .actions)
        initiatives = try c.decode([String].self, forKey: .initiatives)
        evaluators = try c.decode([String: String].self, forKey: .evaluators)
        unitCriteria = try c.decode([String: [Criterion]].self, forKey: .unitCriteria)
        shortfall2025 = try c.decode(Shortfall.self, forKey: .shortfall2025)
        // Positions mix single strings and lists; keep lists joined by "|" and split them on use.
        let raw = try c.nestedContainer(keyedBy: AnyKey.self, forKey: .positions)
        var out: [String: String?] = [:]
        for k in raw.allKeys {
            if let list = try? raw.decode([String].self, forKey: k) {
                out[k.stringValue] = list.joined(separator: "|")
            } else {
                out[k.stringValue] = try raw.decode(String.self, forKey: k)
            }
        }
        positions = out
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func positionList(_ key: String) -> [String] {
        ((positions[key] ?? nil) ?? "").split(separator: "|").map(String.init)
    }

    func position(_ key: String, unit: String) -> String {
        ((positions[key] ?? nil) ?? "").replacingOccurrences(of: "{unit}", with: unit)
    }

    func modelTitle(_ type: String, unit: String) -> String {
        (modelTitles[type] ?? "Mô hình điển hình tiên tiến").replacingOccurrences(of: "{unit}", with: unit)
    }

    static func load(workingDirectory: String) throws -> DemoDistrictPlan {
        let url = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Demo/district-plan.json")
        return try JSONDecoder().decode(DemoDistrictPlan.self, from: Data(contentsOf: url))
    }
}
