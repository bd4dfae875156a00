import Domain
import Fluent
import Foundation
import Imaging
import Testing
import Vapor

@testable import App

@Suite("Stories: editorial workflow, sanitised bodies, photos resized, minority summaries")
struct StoriesTests {
    /// A collective exemplar of Đăk Ruồng (in the district the editor's culture centre covers).
    static func subject(_ app: Application, unit code: String = "KR-DAKRUONG") async throws -> SubjectModel {
        let unit = try await unitID(app, code)
        return try #require(try await SubjectModel.query(on: app.db).filter(\.$unit.$id == unit).sort(\.$id).first())
    }

    static func fields(subject: Int, title: String, body: String = "<p>Nội dung.</p>") -> [(String, String)] {
        [
            ("columnCode", "nguoi-tot-viec-tot"), ("title", title), ("lead", "Một gương sáng ở Đăk Ruồng."),
            ("body", body), ("subjectIDs[]", String(subject)), ("minoritySummary", "Đei pơ-lei Đăk Ruồng."),
            ("minorityLang", "bdq"), ("minorityTranslator", "A Thuận"),
        ]
    }

    /// The id of the story a redirect after a save points at.
    static func storyID(_ sent: Sent) throws -> Int {
        let loc = try #require(sent.location, "no redirect: \(sent.status) \(sent.text.prefix(600))")
        return try #require(Int(loc.split(separator: "/").last.map(String.init) ?? ""), "\(loc)")
    }

    @Test(
        "Editor writes, submits; the standing office publishes; a script and onerror are gone; the author cannot approve"
    )
    func workflow() async throws {
        try await withTestApp { app in
            let subject = try await Self.subject(app)
            let editor = Browser(app)
            try await editor.login("bientap")
            let form = try await editor.send(.GET, "/app/stories/new")
            #expect(form.status == .ok, "\(form.text.prefix(400))")
            #expect(form.text.contains("Người tốt việc tốt") && form.text.contains(subject.name))
            let body =
                "<p>Gương <strong>sáng</strong></p><script>alert(1)</script><img src=x onerror=alert(1)>"
                + "<p onclick=\"x()\">Hết</p>"
            let saved = try await editor.post(
                "/app/stories", Self.fields(subject: subject.id!, title: "Người giữ rừng"))
            let id = try Self.storyID(saved)
            let edited = try await editor.post(
                "/app/stories/\(id)", Self.fields(subject: subject.id!, title: "Người giữ rừng", body: body))
            #expect(edited.status == .seeOther, "\(edited.text.prefix(600))")
            let stored = try #require(try await StoryModel.find(id, on: app.db))
            #expect(stored.bodyHTML == "<p>Gương <strong>sáng</strong></p><p>Hết</p>")
            #expect(stored.slug == "nguoi-giu-rung" && stored.status == .draft)
            let page = try await editor.send(.GET, "/app/stories/\(id)")
            #expect(!page.text.contains("alert(1)") && !page.text.contains("onerror"))
            #expect(page.text.contains("lang=\"bdq\""))
            // The editor cannot approve: the button is not offered, and the post is refused.
            let submit = try await editor.post("/app/stories/\(id)/move", [("step", "submit")])
            #expect(submit.status == .seeOther)
            try await editor.send(.GET, "/app/stories/\(id)")
            let selfApprove = try await editor.post("/app/stories/\(id)/move", [("step", "approve")])
            #expect(selfApprove.status == .forbidden)
            let office = Browser(app)
            try await office.login("noivu")
            let list = try await office.send(.GET, "/app/stories?status=awaiting-approval")
            #expect(list.text.contains("Người giữ rừng"))
            try await office.send(.GET, "/app/stories/\(id)")
            let approve = try await office.post("/app/stories/\(id)/move", [("step", "approve")])
            #expect(approve.status == .seeOther, "\(approve.text.prefix(500))")
            let published = try #require(try await StoryModel.find(id, on: app.db))
            #expect(published.status == .published && published.publishedAt != nil)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "story")
                .filter(\.$entityID == String(id)).count()
            #expect(audit >= 4)
            // Withdraw needs a reason; then rework as draft.
            try await office.send(.GET, "/app/stories/\(id)")
            let noReason = try await office.post("/app/stories/\(id)/move", [("step", "withdraw"), ("reason", " ")])
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("Lý do gỡ bài"))
            let withdraw = try await office.post(
                "/app/stories/\(id)/move", [("step", "withdraw"), ("reason", "Sai tên")])
            #expect(withdraw.status == .seeOther)
            #expect(try await StoryModel.find(id, on: app.db)?.status == .withdrawn)

            // The standing office's own story: it cannot approve it.
            let api = try await APIClient.login(app, "noivu")
            let made = try await api.send(
                .POST, "/api/v1/stories",
                json: [
                    "unitID": try await unitID(app, "KR-PNV"), "columnCode": "song-dep", "title": "Bài của Nội vụ",
                    "lead": "Sa-pô.", "bodyHTML": "<p>x</p>", "subjectIDs": [subject.id!],
                ] as [String: Any])
            #expect(made.status == .created, "\(made.text)")
            let own = try #require(try made.jsonObject()["id"] as? Int)
            let sent = try await api.send(.POST, "/api/v1/stories/\(own)/move", json: ["step": "submit"])
            #expect(sent.status == .ok, "\(sent.text)")
            let ownApprove = try await api.send(.POST, "/api/v1/stories/\(own)/move", json: ["step": "approve"])
            #expect(ownApprove.status == .forbidden, "\(ownApprove.text)")
            let back = try await api.send(.POST, "/api/v1/stories/\(own)/move", json: ["step": "return"])
            #expect(back.status == .forbidden)
        }
    }

    @Test("Bad input re-renders the form with what was typed and a Vietnamese message")
    func badInput() async throws {
        try await withTestApp { app in
            let subject = try await Self.subject(app)
            let editor = Browser(app)
            try await editor.login("bientap")
            try await editor.send(.GET, "/app/stories/new")
            var fields = Self.fields(subject: subject.id!, title: "Bà mẹ Việt Nam anh hùng <b>Y Hoa</b>")
            fields.removeAll { $0.0 == "minorityTranslator" }
            let res = try await editor.post("/app/stories", fields)
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("vui lòng ghi người dịch"))
            #expect(res.text.contains("Bà mẹ Việt Nam anh hùng &lt;b&gt;Y Hoa&lt;/b&gt;"))
            #expect(res.text.contains("Đei pơ-lei Đăk Ruồng."))
            let empty = try await editor.post("/app/stories", [("columnCode", ""), ("title", "Chỉ có tiêu đề")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("Vui lòng chọn chuyên mục") && empty.text.contains("Chỉ có tiêu đề"))
            #expect(empty.text.contains("Vui lòng chọn ít nhất một điển hình"))
            // An exemplar of another district is refused, not stored.
            #expect(try await StoryModel.query(on: app.db).count() == 0)
        }
    }

    @Test("Photos: a 3000×2000 JPEG becomes 1600×1067, a PNG stays PNG, alt is required, another unit gets 404")
    func photos() async throws {
        try await withTestApp { app in
            let subject = try await Self.subject(app)
            let editor = Browser(app)
            try await editor.login("bientap")
            try await editor.send(.GET, "/app/stories/new")
            let id = try Self.storyID(
                try await editor.post("/app/stories", Self.fields(subject: subject.id!, title: "Ảnh")))
            try await editor.send(.GET, "/app/stories/\(id)")
            var px = [UInt8](repeating: 90, count: 3000 * 2000 * 3)
            for i in stride(from: 0, to: px.count, by: 7) { px[i] = 200 }
            let jpeg = try Imaging.encode(Bitmap(width: 3000, height: 2000, channels: 3, pixels: px), as: .jpeg)
            let missingAlt = try await editor.upload(
                "/app/stories/\(id)/photos", fields: [("alt", " "), ("caption", "Lễ tuyên dương")],
                file: ("file", "anh.jpg", "image/jpeg", jpeg))
            #expect(missingAlt.status == .unprocessableEntity)
            #expect(missingAlt.text.contains("Mô tả ảnh (cho người không xem được ảnh) không được để trống."))
            #expect(missingAlt.text.contains("value=\"Lễ tuyên dương\""))
            let ok = try await editor.upload(
                "/app/stories/\(id)/photos", fields: [("alt", "Già làng A Nhoi"), ("caption", "")],
                file: ("file", "anh.jpg", "image/jpeg", jpeg))
            #expect(ok.status == .seeOther, "\(ok.text.prefix(500))")
            let photo = try #require(try await StoryPhotoModel.query(on: app.db).filter(\.$storyID == id).first())
            #expect(photo.width == 1600 && photo.height == 1067 && photo.contentType == "image/jpeg")
            let png = try Imaging.encode(
                Bitmap(width: 40, height: 30, channels: 4, pixels: [UInt8](repeating: 120, count: 40 * 30 * 4)),
                as: .png)
            try await editor.send(.GET, "/app/stories/\(id)")
            let pngUp = try await editor.upload(
                "/app/stories/\(id)/photos", fields: [("alt", "Sơ đồ")], file: ("file", "a.png", "image/png", png))
            #expect(pngUp.status == .seeOther)
            let second = try #require(
                try await StoryPhotoModel.query(on: app.db).filter(\.$storyID == id).sort(\.$position, .descending)
                    .first())
            #expect(second.contentType == "image/png" && second.width == 40)
            // Not an image, whatever its name says.
            try await editor.send(.GET, "/app/stories/\(id)")
            let fake = try await editor.upload(
                "/app/stories/\(id)/photos", fields: [("alt", "x")],
                file: ("file", "a.jpg", "image/jpeg", Array("<svg onload=alert(1)>".utf8)))
            #expect(fake.status == .unprocessableEntity && fake.text.contains("Ảnh phải là tệp JPEG hoặc PNG."))
            let served = try await editor.send(.GET, "/app/stories/\(id)/photos/\(photo.id!)")
            #expect(served.status == .ok && served.headers.contentType?.description == "image/jpeg")
            #expect(try Imaging.dimensions(served.bytes).width == 1600)
            // A commune officer of another unit does not see the story nor its photo.
            let other = Browser(app)
            try await other.login("tanlap")
            #expect(try await other.send(.GET, "/app/stories/\(id)").status == .notFound)
            #expect(try await other.send(.GET, "/app/stories/\(id)/photos/\(photo.id!)").status == .notFound)
            let otherAPI = try await APIClient.login(app, "tanlap")
            #expect(try await otherAPI.send(.GET, "/api/v1/stories/\(id)").status == .notFound)
            let listed = try await otherAPI.send(.GET, "/api/v1/stories")
            #expect(listed.status == .ok && !listed.text.contains("\"id\":\(id),"))
        }
    }

    @Test("A decompression bomb is refused with a Vietnamese message before decoding")
    func bomb() async throws {
        try await withTestApp { app in
            let subject = try await Self.subject(app)
            let editor = Browser(app)
            try await editor.login("bientap")
            try await editor.send(.GET, "/app/stories/new")
            let id = try Self.storyID(
                try await editor.post("/app/stories", Self.fields(subject: subject.id!, title: "Bom")))
            try await editor.send(.GET, "/app/stories/\(id)")
            func be32(_ v: UInt32) -> [UInt8] {
                [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
            }
            let ihdr: [UInt8] = Array("IHDR".utf8) + be32(30000) + be32(30000) + [8, 6, 0, 0, 0]
            var crc: UInt32 = 0xFFFF_FFFF
            for b in ihdr {
                crc ^= UInt32(b)
                for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
            }
            let bomb: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + ihdr + be32(~crc)
            let res = try await editor.upload(
                "/app/stories/\(id)/photos", fields: [("alt", "Bom")], file: ("file", "b.png", "image/png", bomb))
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("Ảnh quá lớn (30000×30000 điểm ảnh"))
        }
    }
}
