@testable import App

// The quota monitor in the read matrix: every signed-in role may open it; what it lists is the policy's quota scope
// (QuotaTests checks that a commune officer sees its own commune only).
extension ReadMatrix {
    static let monitoringReads: [ReadRow] = [
        ReadRow("/app/quotas", any: everyone) { _, _ in .page("/app/quotas?year=2025") }
    ]
}
