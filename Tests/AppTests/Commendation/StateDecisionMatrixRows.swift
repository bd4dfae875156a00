import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// State-level forms in the read and write matrices: the tờ trình upward and the State's decision are written by the
// standing office of the council the dossier is at; whoever reads the dossier but is not that office gets 403.

extension MatrixFixture {
    /// A State decision recorded on a fresh reviewed dossier of the scope's unit (set directly: this fixture tests
    /// who reads it).
    func stateDecision(_ scope: MatrixScope) async throws -> Int {
        let d = try await dossier(scope, .reviewed)
        let dossier = try #require(try await DossierModel.find(d.id, on: app.db))
        let m = StateDecisionModel()
        m.$authority.id = try #require(dossier.$authority.id)
        m.dossierID = d.id
        m.outcome = .refused
        m.issuer = .primeMinister
        m.number = ""
        m.day = "2025-12-20"
        m.formCode = "bang-khen-thu-tuong"
        m.formName = "Bằng khen của Thủ tướng Chính phủ"
        m.fileReference = ""
        m.reason = "Chưa đủ tiêu chuẩn."
        try await m.create(on: app.db)
        return try m.requireID()
    }
}

extension WriteMatrix {
    /// The matrix's dossiers sit at the district council, where no State nominee waits: 409 proves access.
    static let stateOnDossier = Expect(own: "A A F F F N", other: "A A F N N N")
    static let stateProposalFields = [("number", "45/TTr-UBND"), ("date", "20/12/2025")]
    static let stateDecisionFields = [
        ("outcome", "granted"), ("issuer", "thu-tuong"), ("number", "1/QĐ-TTg"), ("date", "20/12/2025"),
    ]

    static let stateDecisions: [WriteRow] = [
        WriteRow(.POST, "/app/dossiers/:id/state-proposal", stateOnDossier) { fx, s in
            .form("/app/dossiers/\(try await fx.dossier(s, .reviewed).id)/state-proposal", stateProposalFields)
        }.also(409),
        WriteRow(.POST, "/app/dossiers/:id/state-decision", stateOnDossier) { fx, s in
            .form("/app/dossiers/\(try await fx.dossier(s, .reviewed).id)/state-decision", stateDecisionFields)
        }.also(409),
        WriteRow(.POST, "/api/v1/dossiers/:id/state-proposals", stateOnDossier) { fx, s in
            .json(
                "/api/v1/dossiers/\(try await fx.dossier(s, .reviewed).id)/state-proposals", form: stateProposalFields)
        }.also(409),
        WriteRow(.POST, "/api/v1/dossiers/:id/state-decisions", stateOnDossier) { fx, s in
            .json(
                "/api/v1/dossiers/\(try await fx.dossier(s, .reviewed).id)/state-decisions",
                [
                    "outcome": "granted", "issuer": "thu-tuong", "number": "1/QĐ-TTg", "date": "2025-12-20",
                    "nomineeIDs": [1],
                ])
        }.also(409),
    ]
}

extension ReadMatrix {
    static let stateDecisionReads: [ReadRow] = [
        // Whoever reads the dossier reads what the State decided on it.
        ReadRow("/api/v1/state-decisions/:id", recordReadNoLed) { fx, s in
            .page("/api/v1/state-decisions/\(try await fx.stateDecision(s))")
        }
    ]
}
