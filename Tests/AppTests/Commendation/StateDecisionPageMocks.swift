import Domain

@testable import App

extension DossierPage {
    /// A province's dossier with State-level nominees: one waiting for the tờ trình, one waiting for the decision.
    static var stateMock: DossierPage {
        var page = mock
        page.state = StateSection(
            rows: [
                .init(
                    id: 1, name: "A Hùng", formName: "Bằng khen của Thủ tướng Chính phủ",
                    stage: StateNomineeStage.awaitingProposal.rawValue,
                    stageLabel: StateNomineeStage.awaitingProposal.label,
                    note: ""),
                .init(
                    id: 2, name: "Y Blưk", formName: "Chiến sĩ thi đua toàn quốc",
                    stage: StateNomineeStage.proposed.rawValue, stageLabel: StateNomineeStage.proposed.label,
                    note: "Tờ trình số 45/TTr-UBND ngày 10/11/2025 gửi Thủ tướng Chính phủ (qua Bộ Nội vụ)"),
            ],
            proposable: ["A Hùng — Bằng khen của Thủ tướng Chính phủ"], proposeHref: "/app/dossiers/1/state-proposal",
            awaiting: [SelectOption(value: "2", label: "Y Blưk — Chiến sĩ thi đua toàn quốc", selected: true)],
            decideHref: "/app/dossiers/1/state-decision",
            issuers: StateIssuer.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
            outcomes: StateOutcome.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
            proposalForm: ["addressee": "Thủ tướng Chính phủ (qua Bộ Nội vụ)"], decisionForm: ["date": "20/12/2025"])
        return page
    }
}
