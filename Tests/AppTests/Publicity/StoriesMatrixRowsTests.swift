import Domain
import Fluent
import Foundation
import Imaging
import Testing
import Vapor

@testable import App

// Stories in the read and write matrices (issue 10 §1; Policy .story): the editor writes its unit subtree's stories,
// the standing office reads, approves and may correct them, the unit's officers (and a lead agency, in its own
// subtree) read their unit's, the council does not see them (404). The fixture story has no author, so the
// administrator's and the standing office's approvals are not their own.

extension MatrixFixture {
    /// An exemplar of the area a story of `unitID` covers (the district for a district office, else the commune).
    func storySubject(unitID: Int) async throws -> Int {
        let unit = try #require(try await UnitModel.find(unitID, on: app.db))
        let area = try await StoriesService.area(of: unit, on: app.db)
        let s = try await SubjectModel.query(on: app.db).join(
            UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id
        )
        .within(.subtree(area.unitPath)).sort(\.$id).first()
        return try #require(s?.id, "no exemplar in \(area.name)")
    }

    /// A fresh draft of the scope's unit; its title holds the marker.
    func story(_ scope: MatrixScope) async throws -> (id: Int, marker: String) {
        let unitID = try await unit(scope)
        let m = "Bài ma trận \(marker())"
        let s = StoryModel(draftOf: unitID)
        s.columnCode = "song-dep"
        s.title = m
        s.slug = StoriesService.slug(m)
        s.lead = "Sa-pô."
        s.bodyHTML = "<p>Nội dung.</p>"
        s.minoritySummary = ""
        s.minorityLang = ""
        s.minorityTranslator = ""
        s.searchText = VietnameseText.fold(m)
        s.createdAt = Date()
        s.updatedAt = s.createdAt
        try await s.create(on: app.db)
        let id = try s.requireID()
        let link = StorySubjectModel()
        link.storyID = id
        link.subjectID = try await storySubject(unitID: unitID)
        try await link.create(on: app.db)
        return (id, m)
    }

    /// A story with one photo.
    func storyPhoto(_ scope: MatrixScope) async throws -> (id: Int, photo: Int) {
        let (id, _) = try await story(scope)
        let p = try await StoriesService.addPhoto(
            id, bytes: Fields.storyJPEG, alt: "Ảnh", caption: "", actor: system, app: app, on: app.db)
        return (id, try p.requireID())
    }

    /// The fields of a story for the scope's unit.
    func storyFields(_ scope: MatrixScope) async throws -> [(String, String)] {
        let unitID = try await unit(scope)
        return [
            ("unitID", String(unitID)), ("columnCode", "song-dep"), ("title", "Bài ghi \(next())"),
            ("lead", "Sa-pô."), ("body", "<p>Nội dung.</p>"),
            ("subjectIDs[]", String(try await storySubject(unitID: unitID))),
        ]
    }

    func storyJSON(_ scope: MatrixScope) async throws -> [String: Any] {
        let unitID = try await unit(scope)
        return [
            "unitID": unitID, "columnCode": "song-dep", "title": "Bài ghi \(next())", "lead": "Sa-pô.",
            "bodyHTML": "<p>Nội dung.</p>", "subjectIDs": [try await storySubject(unitID: unitID)],
        ]
    }
}

extension Fields {
    /// A small JPEG for story photo uploads.
    static let storyJPEG: [UInt8] =
        (try? Imaging.encode(
            Bitmap(width: 8, height: 6, channels: 3, pixels: [UInt8](repeating: 128, count: 144)), as: .jpeg))
        ?? []
}

extension WriteMatrix {
    // Roles, left to right: admin noivu hoidong giaoduc dakruong bientap
    static let storyWrite = Expect(own: "A A N F F A", other: "A A N N N N")

    static let storyWrites: [WriteRow] = [
        WriteRow(.POST, "/app/stories", storyWrite) { fx, s in .form("/app/stories", try await fx.storyFields(s)) },
        WriteRow(.POST, "/app/stories/:id", storyWrite) { fx, s in
            .form("/app/stories/\(try await fx.story(s).id)", try await fx.storyFields(s))
        },
        WriteRow(.POST, "/app/stories/:id/move", storyWrite) { fx, s in
            .form("/app/stories/\(try await fx.story(s).id)/move", [("step", "submit")])
        },
        WriteRow(.POST, "/app/stories/:id/photos", storyWrite) { fx, s in
            MatrixCall(
                path: "/app/stories/\(try await fx.story(s).id)/photos",
                body: .upload(
                    fields: [("alt", "Ảnh"), ("caption", "")], filename: "a.jpg", type: "image/jpeg",
                    bytes: Fields.storyJPEG))
        },
        WriteRow(.POST, "/api/v1/stories", storyWrite) { fx, s in .json("/api/v1/stories", try await fx.storyJSON(s)) },
        WriteRow(.PUT, "/api/v1/stories/:id", storyWrite) { fx, s in
            .json("/api/v1/stories/\(try await fx.story(s).id)", try await fx.storyJSON(s))
        },
        WriteRow(.POST, "/api/v1/stories/:id/move", storyWrite) { fx, s in
            .json("/api/v1/stories/\(try await fx.story(s).id)/move", ["step": "submit"])
        },
    ]
}

extension ReadMatrix {
    static let storyRead = Expect(own: "A A N A A A", other: "A A N N N N")
    static let storyList = Expect(own: "A A H A A A", other: "A A H H H H")

    static let storyReads: [ReadRow] = [
        ReadRow("/app/stories", storyList) { fx, s in
            let st = try await fx.story(s)
            return .list("/app/stories", st.marker)
        },
        ReadRow("/app/stories/new", any: "A A F F F A") { _, _ in .page("/app/stories/new") },
        ReadRow("/app/stories/:id", storyRead) { fx, s in .page("/app/stories/\(try await fx.story(s).id)") },
        ReadRow("/app/stories/:id/edit", WriteMatrix.storyWrite) { fx, s in
            .page("/app/stories/\(try await fx.story(s).id)/edit")
        },
        ReadRow("/app/stories/:id/photos/:pid", storyRead) { fx, s in
            let p = try await fx.storyPhoto(s)
            return .page("/app/stories/\(p.id)/photos/\(p.photo)")
        },
        ReadRow("/api/v1/stories", storyList) { fx, s in
            let st = try await fx.story(s)
            return .list("/api/v1/stories", st.marker)
        },
        ReadRow("/api/v1/stories/:id", storyRead) { fx, s in .page("/api/v1/stories/\(try await fx.story(s).id)") },
    ]
}
