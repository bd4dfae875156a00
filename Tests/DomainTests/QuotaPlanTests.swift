import Foundation
import Testing

@testable import Domain

@Suite("Quotas of the plan (seed §IV.3) as data")
struct QuotaPlanTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules/quotas-2023-2025.json")

    func shipped() throws -> QuotaPlan { try JSONDecoder().decode(QuotaPlan.self, from: Data(contentsOf: Self.file)) }

    @Test("§IV.3: a commune needs 2, a district agency 1; a school under a district office is not bound")
    func shippedRules() throws {
        let plan = try shipped()
        #expect(plan.problems().isEmpty)
        #expect(plan.rule(kind: .xa, parentKind: .huyen)?.minimum == 2)
        #expect(plan.rule(kind: .thiTran, parentKind: .huyen)?.minimum == 2)
        #expect(plan.rule(kind: .phong, parentKind: .huyen)?.minimum == 1)
        #expect(plan.rule(kind: .truong, parentKind: .phong) == nil)
        #expect(plan.rule(kind: .doanThe, parentKind: .doanThe) == nil, "a union's branch is not a district agency")
        #expect(plan.rule(kind: .thon, parentKind: .xa) == nil)
        #expect(plan.covers(2023) && plan.covers(2025) && !plan.covers(2026))
    }

    @Test("The plan in force is the one whose period covers the year")
    func inForce() throws {
        let plan = try shipped()
        #expect(QuotaPlan.inForce(2024, among: [plan])?.version == plan.version)
        #expect(QuotaPlan.inForce(2026, among: [plan]) == nil)
    }

    @Test("A standing is met at the minimum and says how many are missing")
    func standing() throws {
        let rule = try #require(try shipped().rule(kind: .xa, parentKind: .huyen))
        #expect(!QuotaStanding(unitID: 1, rule: rule, count: 1).isMet)
        #expect(QuotaStanding(unitID: 1, rule: rule, count: 1).missing == 1)
        #expect(QuotaStanding(unitID: 1, rule: rule, count: 2).isMet)
        #expect(QuotaStanding(unitID: 1, rule: rule, count: 5).missing == 0)
    }

    @Test("A file with a wrong kind does not decode; a file with bad numbers names its problems")
    func badFiles() throws {
        var text = try String(contentsOf: Self.file, encoding: .utf8)
        let wrong = text.replacingOccurrences(of: "\"thi-tran\"", with: "\"thi-tran-x\"")
        #expect(throws: (any Error).self) { try JSONDecoder().decode(QuotaPlan.self, from: Data(wrong.utf8)) }
        text = text.replacingOccurrences(of: "\"minimum\": 2", with: "\"minimum\": 0")
            .replacingOccurrences(of: "\"toYear\": 2025", with: "\"toYear\": 2020")
        let bad = try JSONDecoder().decode(QuotaPlan.self, from: Data(text.utf8))
        #expect(bad.problems().count == 2, "\(bad.problems())")
    }
}
