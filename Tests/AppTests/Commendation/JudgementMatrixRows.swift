import Domain
import Foundation
import Testing
import Vapor

@testable import App

// Judgement answers (issue 9) in the read and write matrices. Who may answer comes from the rule file's
// `answeredBy` ("unitHead", "council" for LĐTT's "tự lực, tự cường, đoàn kết…"): the unit's own officers and lead
// agency as its head, the standing office of the deciding council (Phòng Nội vụ for 2024), the administrator; a
// council member reads only (403); whoever does not see the subject gets 404.

extension WriteMatrix {
    static let judgementWrites: [WriteRow] = [
        WriteRow(.POST, "/app/subjects/:id/eligibility/answers", subjectWrite) { fx, s in
            .form(
                "/app/subjects/\(try await fx.subjectID(s))/eligibility/answers",
                [("key", "tu-luc-doan-ket"), ("year", "2024"), ("answer", "co")])
        },
        WriteRow(.POST, "/api/v1/subjects/:id/eligibility/answers", subjectWrite) { fx, s in
            .json(
                "/api/v1/subjects/\(try await fx.subjectID(s))/eligibility/answers",
                ["key": "tu-luc-doan-ket", "year": 2024, "answer": "co"])
        },
    ]
}

extension ReadMatrix {
    static let judgementReads: [ReadRow] = [
        ReadRow("/api/v1/subjects/:id/eligibility/answers", recordRead) { fx, s in
            .page("/api/v1/subjects/\(try await fx.markedRegistration(s).subjectID)/eligibility/answers?year=2025")
        }
    ]
}
