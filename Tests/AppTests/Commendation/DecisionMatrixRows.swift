import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// The register of decisions in the read and write matrices: the same access as recording a dossier's decision
// (the standing office of the dossier's council writes, its seats read, other councils' people see nothing).

extension MatrixFixture {
    /// A decision the district council issued for a fresh reviewed dossier of the scope's unit.
    func issuedDecision(_ scope: MatrixScope) async throws -> Int {
        let d = try await dossier(scope, .reviewed)
        let m = try await DecisionService.issue(
            IssueDecisionInput(dossierIDs: [d.id], date: "2025-12-20"), actor: system, sets: app.ruleSets, on: app.db)
        return try m.requireID()
    }

    /// The demo's decision (Kon Rẫy's 120/QĐ-UBND).
    func demoDecision() async throws -> Int {
        try #require(
            try await DecisionModel.query(on: app.db).filter(\.$kind == .decision).sort(\.$id).first()?.id)
    }
}

extension WriteMatrix {
    static let change = [("reason", "Nhầm đối tượng."), ("date", "21/12/2025")]

    static let decisions: [WriteRow] = [
        WriteRow(.POST, "/app/decisions", councilOnDossier) { fx, s in
            .form(
                "/app/decisions",
                [("dossierIDs[]", String(try await fx.dossier(s, .reviewed).id)), ("date", "20/12/2025")])
        },
        WriteRow(.POST, "/app/decisions/:id/withdraw", councilOnDossier) { fx, s in
            .form("/app/decisions/\(try await fx.issuedDecision(s))/withdraw", change)
        },
        WriteRow(.POST, "/app/decisions/:id/correct", councilOnDossier) { fx, s in
            .form("/app/decisions/\(try await fx.issuedDecision(s))/correct", change)
        },
        WriteRow(.POST, "/api/v1/decisions", councilOnDossier) { fx, s in
            .json("/api/v1/decisions", ["dossierIDs": [try await fx.dossier(s, .reviewed).id], "date": "2025-12-20"])
        },
        WriteRow(.POST, "/api/v1/decisions/:id/withdraw", councilOnDossier) { fx, s in
            .json("/api/v1/decisions/\(try await fx.issuedDecision(s))/withdraw", form: change)
        },
        WriteRow(.POST, "/api/v1/decisions/:id/correct", councilOnDossier) { fx, s in
            .json("/api/v1/decisions/\(try await fx.issuedDecision(s))/correct", form: change)
        },
    ]
}

extension ReadMatrix {
    static let decisionReads: [ReadRow] = [
        // Each council worker's register opens on its own council (the editor's on none).
        ReadRow("/app/decisions", any: everyone) { _, _ in .page("/app/decisions") },
        ReadRow("/app/decisions/new", any: "A A F N N N") { fx, _ in
            .page("/app/decisions/new?meeting=\(try await fx.closedMeeting())")
        },
        ReadRow("/app/decisions/:id", any: councilRead) { fx, _ in
            .page("/app/decisions/\(try await fx.demoDecision())")
        },
        ReadRow("/api/v1/decisions", any: everyone) { _, _ in .page("/api/v1/decisions") },
        ReadRow("/api/v1/decisions/:id", any: councilRead) { fx, _ in
            .page("/api/v1/decisions/\(try await fx.demoDecision())")
        },
    ]
}
