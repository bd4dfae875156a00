import Testing

@testable import Domain

@Suite("Replication workflow and spread")
struct ReplicationDomainTests {
    @Test("Adopting → running → assessed, stop at any step, take up again")
    func workflow() {
        #expect(ReplicationWorkflow.targets(from: .adopting) == [.running, .stopped])
        #expect(ReplicationWorkflow.allowed(from: .running, to: .assessed))
        #expect(!ReplicationWorkflow.allowed(from: .adopting, to: .assessed))
        #expect(ReplicationWorkflow.allowed(from: .stopped, to: .adopting))
        #expect(ReplicationWorkflow.canAssess(.running) && ReplicationWorkflow.canAssess(.assessed))
        #expect(!ReplicationWorkflow.canAssess(.adopting) && !ReplicationWorkflow.canAssess(.stopped))
        #expect(ReplicationWorkflow.illegalMessage(from: .adopting, to: .assessed).contains("“Đang thực hiện”"))
    }

    @Test("The spread by commune counts a village's adoption for its commune and lists communes without any")
    func spread() {
        let a = UnitPath(ids: [1, 2])
        let b = UnitPath(ids: [1, 3])
        let (rows, outside) = ReplicationSpread.byUnit(
            units: [(2, "Xã A", a), (3, "Xã B", b)],
            adoptingPaths: [a.child(20), a, UnitPath(ids: [1]), UnitPath(ids: [9])])
        #expect(rows == [SpreadRow(unitID: 2, name: "Xã A", count: 2), SpreadRow(unitID: 3, name: "Xã B", count: 0)])
        #expect(outside == 2)
    }
}
