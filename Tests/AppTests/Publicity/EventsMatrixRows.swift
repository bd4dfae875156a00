import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// Events (issue 10 §4) in the read and write matrices. "own" is an event organised by the actor's own unit, "other"
// one organised by Tân Lập. Policy .event: the standing office and the organising unit's officers (its subtree)
// write; lead agencies, the council and the editor read every event (403 on writes); a unit officer of another unit
// does not see it (404).

extension MatrixFixture {
    /// A fresh planned event of the scope's unit, made by the system account; its id.
    func event(_ scope: MatrixScope, role: MatrixRole) async throws -> Int {
        let code = scope == .other ? MatrixRole.otherUnitCode : role.ownUnitCode
        var input = EventInput()
        input.unitID = try await unitID(code: code)
        input.kind = EventKind.studyVisit.rawValue
        input.title = "Sự kiện thử \(next())"
        input.date = "15/05/2025"
        input.place = "Hội trường"
        return try await EventsService.create(input, actor: system, on: app.db).requireID()
    }

    func eventFile(_ scope: MatrixScope, role: MatrixRole) async throws -> Int {
        try await EventsService.addFile(
            try await event(scope, role: role), filename: "tai-lieu.pdf", bytes: Fields.pdf, actor: system, app: app,
            on: app.db
        ).requireID()
    }

    func eventFields(_ scope: MatrixScope, role: MatrixRole) async throws -> [(String, String)] {
        let code = scope == .other ? MatrixRole.otherUnitCode : role.ownUnitCode
        return [
            ("unitID", String(try await unitID(code: code))), ("kind", "experience-talk"),
            ("title", "Báo cáo kinh nghiệm \(next())"), ("date", "20/05/2025"), ("place", "Hội trường xã"),
        ]
    }
}

extension WriteMatrix {
    static let eventWrite = Expect(own: "A A F A A F", other: "A A F F N F")

    static let eventWrites: [WriteRow] = [
        WriteRow(.POST, "/app/events", eventWrite) { fx, s in
            .form("/app/events", try await fx.eventFields(s, role: fx.role))
        },
        WriteRow(.POST, "/app/events/:id", eventWrite) { fx, s in
            .form("/app/events/\(try await fx.event(s, role: fx.role))", try await fx.eventFields(s, role: fx.role))
        },
        WriteRow(.POST, "/app/events/:id/status", eventWrite) { fx, s in
            .form("/app/events/\(try await fx.event(s, role: fx.role))/status", [("status", "held")])
        },
        WriteRow(.POST, "/app/events/:id/files", eventWrite) { fx, s in
            .pdf("/app/events/\(try await fx.event(s, role: fx.role))/files", [])
        },
        WriteRow(.POST, "/api/v1/events", eventWrite) { fx, s in
            .json("/api/v1/events", form: try await fx.eventFields(s, role: fx.role))
        },
        WriteRow(.PUT, "/api/v1/events/:id", eventWrite) { fx, s in
            .json(
                "/api/v1/events/\(try await fx.event(s, role: fx.role))",
                form: try await fx.eventFields(s, role: fx.role))
        },
        WriteRow(.POST, "/api/v1/events/:id/status", eventWrite) { fx, s in
            .json("/api/v1/events/\(try await fx.event(s, role: fx.role))/status", ["status": "held"])
        },
    ]
}

extension ReadMatrix {
    static let eventRead = Expect(own: everyone, other: "A A A A N A")

    static let eventReads: [ReadRow] = [
        ReadRow("/app/events", any: everyone) { _, _ in .page("/app/events?year=2025") },
        ReadRow("/app/events/new", any: createRecordsForm) { _, _ in .page("/app/events/new") },
        ReadRow("/app/events/:id", eventRead) { fx, s in .page("/app/events/\(try await fx.event(s, role: fx.role))") },
        ReadRow("/app/events/:id/edit", WriteMatrix.eventWrite) { fx, s in
            .page("/app/events/\(try await fx.event(s, role: fx.role))/edit")
        },
        ReadRow("/app/events/:id/invitation.docx", eventRead) { fx, s in
            .page("/app/events/\(try await fx.event(s, role: fx.role))/invitation.docx")
        },
        ReadRow("/app/events/:id/report.docx", eventRead) { fx, s in
            .page("/app/events/\(try await fx.event(s, role: fx.role))/report.docx")
        },
        ReadRow("/app/event-files/:id", eventRead) { fx, s in
            .page("/app/event-files/\(try await fx.eventFile(s, role: fx.role))")
        },
        ReadRow("/api/v1/events", any: everyone) { _, _ in .page("/api/v1/events?year=2025") },
        ReadRow("/api/v1/events/:id", eventRead) { fx, s in
            .page("/api/v1/events/\(try await fx.event(s, role: fx.role))")
        },
    ]
}
