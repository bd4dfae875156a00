import Fluent
import Testing
import Vapor

@testable import App

/// Who may not write is told so first: a refused write answers 403 or 404 whatever its body holds, never a 422
/// that lists which fields are wrong (the write matrix sends valid bodies; these send bad ones).
@Suite("Access before input")
struct AccessBeforeInputTests {
    @Test("A dossier, a subject's year-end results, a document, an import: refused before the body is checked")
    func refusedBeforeValidation() async throws {
        try await withTestApp { app in
            let dakruong = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first())
            let dossier = try #require(
                try await DossierModel.query(on: app.db).filter(\.$unit.$id == dakruong.requireID()).first())
            let subject = try #require(
                try await SubjectModel.query(on: app.db).filter(\.$unit.$id == dakruong.requireID()).first())
            let did = try dossier.requireID()
            let sid = try subject.requireID()

            let member = Browser(app)
            try await member.login("hoidong")
            // An empty title would be 422 for whoever may propose; a council member may not propose at all.
            let created = try await member.post(
                "/app/dossiers", [("unitID", String(dakruong.id!)), ("year", "x"), ("title", "")])
            #expect(created.status == .forbidden)
            #expect(
                try await member.post("/app/dossiers/\(did)/documents/generate", [("kind", "khong-co")]).status
                    == .forbidden)
            #expect(
                try await member.post(
                    "/app/subjects/\(sid)/annual-records", [("year", "2024"), ("memberCount", "abc")]
                ).status == .forbidden)
            let api = try await APIClient.login(app, "hoidong")
            #expect(
                try await api.send(.POST, "/api/v1/dossiers", json: ["unitID": dakruong.id!, "year": 0, "title": ""])
                    .status == .forbidden)
            let csv = Array("Năm,Mã đơn vị\n2024,KR-DAKRUONG\n".utf8)
            let before = try await ImportJobModel.query(on: app.db).count()
            #expect(
                try await api.upload("/api/v1/imports", filename: "a.csv", type: "text/csv", bytes: csv).status
                    == .forbidden)
            #expect(
                try await api.upload("/api/v1/imports/annual-records", filename: "a.csv", type: "text/csv", bytes: csv)
                    .status == .forbidden)
            #expect(
                try await ImportJobModel.query(on: app.db).count() == before, "a refused import leaves no job behind")

            // The editor sees no dossier and no subject of a unit: 404 whatever the body.
            let editor = Browser(app)
            try await editor.login("bientap")
            #expect(
                try await editor.post("/app/dossiers/\(did)/documents/generate", [("kind", "khong-co")]).status
                    == .notFound)
            #expect(
                try await editor.post("/app/subjects/\(sid)/annual-records", [("memberCount", "abc")]).status
                    == .notFound)

            // Who may write still gets the field messages.
            let unit = Browser(app)
            try await unit.login("dakruong")
            #expect(
                try await unit.post(
                    "/app/dossiers", [("unitID", String(dakruong.id!)), ("year", "2024"), ("title", "")]
                ).status == .unprocessableEntity)
            #expect(
                try await unit.post("/app/subjects/\(sid)/annual-records", [("year", "2024"), ("memberCount", "abc")])
                    .status == .unprocessableEntity)
        }
    }
}
