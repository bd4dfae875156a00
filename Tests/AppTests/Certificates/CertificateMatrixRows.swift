import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// Certificate layouts in the read and write matrices: read by the signed-in; kept by the standing office of the
// authority (the district's: noivu) and the administrator; a decision's certificates print for who reads it.

extension MatrixFixture {
    /// The authority that signed the demo's decision (Kon Rẫy's 120/QĐ-UBND).
    func demoDecisionAuthority() async throws -> Int {
        try #require(try await DecisionModel.find(try await demoDecision(), on: app.db)?.$authority.id)
    }

    /// A fresh layout of the demo decision's authority.
    func certificateLayout() async throws -> Int {
        let m = try await CertificateService.create(
            authorityID: try await demoDecisionAuthority(), .standard(name: "Mẫu thử \(next())"), isDefault: false,
            actor: system, sets: app.ruleSets, on: app.db)
        return try m.requireID()
    }
}

extension WriteMatrix {
    static let layoutKeepers = "A A F F F F"

    static func layoutFields(_ name: String) -> [(String, String)] {
        CertificateLayout.standard(name: name).formValues.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static let certificates: [WriteRow] = [
        WriteRow(.POST, "/app/authorities/:id/certificate-layouts", any: layoutKeepers) { fx, _ in
            .form(
                "/app/authorities/\(try await fx.demoDecisionAuthority())/certificate-layouts",
                layoutFields("Mẫu web \(fx.next())"))
        },
        WriteRow(.POST, "/app/certificate-layouts/:id", any: layoutKeepers) { fx, _ in
            .form("/app/certificate-layouts/\(try await fx.certificateLayout())", layoutFields("Mẫu sửa \(fx.next())"))
        },
        WriteRow(.POST, "/api/v1/authorities/:id/certificate-layouts", any: layoutKeepers) { fx, _ in
            .json(
                "/api/v1/authorities/\(try await fx.demoDecisionAuthority())/certificate-layouts",
                ["name": "Mẫu API \(fx.next())", "paper": "a4", "orientation": "landscape"])
        },
        WriteRow(.PUT, "/api/v1/certificate-layouts/:id", any: layoutKeepers) { fx, _ in
            .json("/api/v1/certificate-layouts/\(try await fx.certificateLayout())", ["name": "Mẫu API \(fx.next())"])
        },
    ]
}

extension ReadMatrix {
    static let certificateReads: [ReadRow] = [
        ReadRow("/app/authorities/:id/certificate-layouts", any: everyone) { fx, _ in
            .page("/app/authorities/\(try await fx.demoDecisionAuthority())/certificate-layouts")
        },
        ReadRow("/app/authorities/:id/certificate-layouts/new", any: WriteMatrix.layoutKeepers) { fx, _ in
            .page("/app/authorities/\(try await fx.demoDecisionAuthority())/certificate-layouts/new")
        },
        ReadRow("/app/certificate-layouts/:id", any: everyone) { fx, _ in
            .page("/app/certificate-layouts/\(try await fx.certificateLayout())")
        },
        // Who reads the decision prints its certificates: the council's standing office and its seats.
        ReadRow("/app/decisions/:id/certificates", any: councilRead) { fx, _ in
            .page(
                "/app/decisions/\(try await fx.demoDecision())/certificates?layout=\(try await fx.certificateLayout())")
        },
        ReadRow("/app/decisions/:id/certificates.docx", any: councilRead) { fx, _ in
            .page(
                "/app/decisions/\(try await fx.demoDecision())/certificates.docx?layout=\(try await fx.certificateLayout())"
            )
        },
        ReadRow("/app/certificates/layout.css", any: everyone) { _, _ in
            .page(CertificateSheets.stylesheetHref(.standard()))
        },
        ReadRow("/api/v1/authorities/:id/certificate-layouts", any: everyone) { fx, _ in
            .page("/api/v1/authorities/\(try await fx.demoDecisionAuthority())/certificate-layouts")
        },
        ReadRow("/api/v1/certificate-layouts/:id", any: everyone) { fx, _ in
            .page("/api/v1/certificate-layouts/\(try await fx.certificateLayout())")
        },
    ]
}
