import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// Consents to publication in the read and write matrices (issue 10 §2). Policy .consent, by the subject's unit: its
// officers and the standing office write; the lead agency and the editor read in their own subtree, the council
// reads everywhere (and may not write: 403); others 404.

extension MatrixFixture {
    /// A fresh consent (with a scanned form) for the scope's marked subject.
    func consent(_ scope: MatrixScope) async throws -> Int {
        let subject = try await markedRegistration(scope).subjectID
        let c = try await ConsentService.record(
            subjectID: subject,
            ConsentInput(
                givenBy: "Người ký \(next())", givenOn: "02/01/2025", method: ConsentMethod.writtenForm.rawValue,
                scopeNote: "Tên, ảnh, thành tích"),
            scan: ConsentScan(filename: "phieu.jpg", bytes: jpegBytes), requireScanForWrittenForm: true,
            actor: system, app: app, on: app.db)
        return try c.requireID()
    }

    func consentFields() -> [(String, String)] {
        [
            ("givenBy", "Người đồng ý \(next())"), ("givenOn", "03/02/2025"),
            ("method", ConsentMethod.recordedMinutes.rawValue), ("scopeNote", "Tên và thành tích"),
        ]
    }
}

extension WriteMatrix {
    static let consentWrite = Expect(own: "A A F F A F", other: "A A F N N N")

    static let consentWrites: [WriteRow] = [
        WriteRow(.POST, "/app/subjects/:id/consents", consentWrite) { fx, s in
            .form("/app/subjects/\(try await fx.markedRegistration(s).subjectID)/consents", fx.consentFields())
        },
        WriteRow(.POST, "/app/consents/:id/withdraw", consentWrite) { fx, s in
            .form("/app/consents/\(try await fx.consent(s))/withdraw", [("reason", "Gia đình đề nghị")])
        },
        WriteRow(.POST, "/api/v1/subjects/:id/consents", consentWrite) { fx, s in
            .json("/api/v1/subjects/\(try await fx.markedRegistration(s).subjectID)/consents", form: fx.consentFields())
        },
        WriteRow(.POST, "/api/v1/consents/:id/withdraw", consentWrite) { fx, s in
            .json("/api/v1/consents/\(try await fx.consent(s))/withdraw", ["reason": "Gia đình đề nghị"])
        },
    ]
}

extension ReadMatrix {
    static let consentRead = Expect(own: "A A A A A A", other: "A A A N N N")

    static let consentReads: [ReadRow] = [
        ReadRow("/app/consents/:id/file", consentRead) { fx, s in .page("/app/consents/\(try await fx.consent(s))/file")
        },
        ReadRow("/api/v1/subjects/:id/consents", consentRead) { fx, s in
            .page("/api/v1/subjects/\(try await fx.markedRegistration(s).subjectID)/consents")
        },
    ]
}
