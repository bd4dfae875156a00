import Domain
import Fluent
import Foundation

/// The demo district's stories (issue 10 §1), written by the culture centre's editor and approved by the standing
/// office through `StoriesService` (audited like any user's write): two published stories about collectives, one
/// published about an individual who gave a recorded consent, one draft, one awaiting approval and one withdrawn.
extension DemoDistrictRun {
    func stories() async throws {
        guard let columns = app.storyColumns,
            let centre = try await UnitModel.query(on: db).filter(\.$code == "KR-TTVH").first()
        else { return }
        func account(_ username: String) async throws -> Actor? {
            guard let u = try await UserModel.query(on: db).filter(\.$username == username).with(\.$unit).first(),
                let id = u.id, let role = Role(rawValue: u.role)
            else { return nil }
            return Actor(userID: id, username: username, role: role, unitID: u.unit?.id, unitPath: u.unit?.unitPath)
        }
        let editor = try await account("bientap") ?? actor
        var approver = try await account("noivu") ?? actor
        if approver.userID == editor.userID { approver = actor }
        let collectives = members.filter { $0.kind == .collective && $0.strong }.compactMap(\.subjectID)
        let individuals = members.filter { $0.kind == .individual && $0.strong }.compactMap(\.subjectID)
        guard collectives.count >= 3, individuals.count >= 2 else { return }

        func write(
            _ title: String, column: String, about: [Int], lead: String, body: String, summary: String = "",
            lang: String = "", translator: String = ""
        ) async throws -> Int {
            var i = StoryInput()
            i.unitID = centre.id
            i.columnCode = column
            i.title = title
            i.lead = lead
            i.body = body
            i.subjectIDs = about
            i.minoritySummary = summary
            i.minorityLang = lang
            i.minorityTranslator = translator
            return try await StoriesService.create(i, actor: editor, columns: columns, on: db).requireID()
        }
        func publish(_ id: Int) async throws {
            _ = try await StoriesService.move(id, .submit, reason: "", actor: editor, on: db)
            _ = try await StoriesService.move(id, .approve, reason: "", actor: approver, on: db)
        }

        let village = try await write(
            "Thôn Kon Rế đoàn kết xây dựng nông thôn mới", column: "song-dep", about: [collectives[0]],
            lead: "Bà con thôn Kon Rế góp công, hiến đất mở đường bê tông, giữ gìn nhà rông truyền thống.",
            body: "<p>Từ năm 2023, thôn đã vận động <strong>42 hộ</strong> hiến đất mở rộng đường liên thôn.</p>"
                + "<h2>Giữ nhà rông, giữ bản sắc</h2><ul><li>Duy trì đội cồng chiêng</li>"
                + "<li>Tổ chức lễ mừng lúa mới</li></ul>",
            summary: "Kon Rế: kon pơlei pơtho pơjing trong, pơm jơlang pơlei jơnap.", lang: "bdq",
            translator: "Y Blin (Hội Nông dân xã)")
        try await publish(village)
        let school = try await write(
            "Tập thể nhà trường “Dạy tốt - Học tốt” giữa đại ngàn", column: "hoc-tap-va-lam-theo-bac",
            about: [collectives[1]], lead: "Thầy cô bám bản, vận động học sinh ra lớp, giữ sĩ số 100%.",
            body: "<p>Nhà trường tổ chức lớp học tiếng Việt cho trẻ mầm non người Xơ Đăng.</p>",
            summary: "Hnam trường pơtho hdrưng, dêi hok ơi tơ-drong.", lang: "sed", translator: "A Khoa (giáo viên)")
        try await publish(school)

        // An individual is published only once a consent is recorded (issue 10 §2).
        _ = try await ConsentService.record(
            subjectID: individuals[0],
            ConsentInput(
                givenBy: "Người được viết bài", givenOn: "10/03/2025", method: ConsentMethod.recordedMinutes.rawValue,
                scopeNote: "Đồng ý nêu tên, ảnh và thành tích; không nêu địa chỉ, số điện thoại."),
            scan: nil, requireScanForWrittenForm: true, actor: approver, app: app, on: db)
        let person = try await write(
            "Người nông dân giỏi chia sẻ giống cà phê cho bà con", column: "nguoi-tot-viec-tot",
            about: [individuals[0]],
            lead: "Anh giúp 15 hộ nghèo trong thôn có giống và kỹ thuật trồng cà phê xen cây ăn quả.",
            body: "<p>Mỗi năm anh ươm hàng nghìn cây giống, tặng các hộ khó khăn.</p>")
        try await publish(person)

        _ = try await write(
            "Chuyện người gác rừng ở Đăk Pne", column: "chuyen-thuong-ngay", about: [individuals[1]],
            lead: "Bản nháp: chờ bổ sung ảnh và phiếu đồng ý của người được viết.",
            body: "<p>Bản nháp đang hoàn thiện.</p>")
        let waiting = try await write(
            "Hợp tác xã nông nghiệp và câu chuyện liên kết sản xuất", column: "cuoc-song-muon-mau",
            about: [collectives[2]], lead: "Hợp tác xã liên kết 60 hộ trồng sâm dây, bao tiêu đầu ra.",
            body: "<p>Mô hình được nhiều xã học tập.</p>")
        _ = try await StoriesService.move(waiting, .submit, reason: "", actor: editor, on: db)
        let withdrawn = try await write(
            "Tập thể tiêu biểu trong phong trào “Toàn dân đoàn kết”", column: "song-dep", about: [collectives[0]],
            lead: "Bài đã đăng rồi gỡ để sửa số liệu.", body: "<p>Số liệu cần kiểm tra lại.</p>")
        try await publish(withdrawn)
        _ = try await StoriesService.move(
            withdrawn, .withdraw, reason: "Số liệu hộ tham gia chưa khớp báo cáo của xã; sửa rồi đăng lại.",
            actor: approver, on: db)
    }
}
