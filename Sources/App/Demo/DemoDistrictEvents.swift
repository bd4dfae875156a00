import Domain
import Fluent
import Foundation

/// The demo district's events (issue 10 §4): a study visit to a commune's model in 2024, an experience talk by an
/// exemplar in 2025 and the district's 2025 interim review conference, each made through `EventsService` (audited
/// like any user's write). Events dated after the demo's today stay planned.
extension DemoDistrictRun {
    func events() async throws {
        let units = try await UnitModel.query(on: db).filter(
            \.$code ~~ [
                "KR", "KR-DAKRUONG", "KR-TANLAP", "KR-DAKKOI",
                "KR-DAKRVE", "KR-DAKTORE", "KR-DAKTOLUNG", "KR-DAKPNE", "KR-PNV",
            ]
        ).all()
        let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
        guard let district = byCode["KR"]?.id, let dakRuong = byCode["KR-DAKRUONG"]?.id else { return }
        let communes = [
            "KR-DAKRUONG", "KR-TANLAP", "KR-DAKKOI", "KR-DAKRVE", "KR-DAKTORE", "KR-DAKTOLUNG", "KR-DAKPNE",
        ]
        .compactMap { byCode[$0]?.id }
        func strong(_ year: Int, kind: SubjectKind? = nil, in unit: Int? = nil) -> [Int] {
            members.filter {
                $0.strong && $0.registrations[year] != nil && (kind == nil || $0.kind == kind)
                    && (unit == nil || $0.home.id == unit)
            }.compactMap(\.subjectID)
        }

        var visit = EventInput()
        visit.unitID = district
        visit.kind = EventKind.studyVisit.rawValue
        visit.title = "Tham quan mô hình phát triển kinh tế hộ gia đình tại xã Đăk Ruồng"
        visit.date = "15/10/2024"
        visit.time = "07 giờ 30"
        visit.place = "Thôn 10, xã Đăk Ruồng"
        visit.hostSubjectIDs = Array(
            (strong(2024, kind: .household, in: dakRuong) + strong(2024, kind: .household))
                .prefix(1))
        visit.unitIDs = communes
        visit.people =
            "Đại diện Ban Tuyên giáo Huyện ủy; Cán bộ; Ban Tuyên giáo Huyện ủy\n"
            + "Đại diện Hội Nông dân huyện; Cán bộ; Hội Nông dân huyện"
        visit.outcomes =
            "Các đại biểu tham quan vườn cà phê xen cây ăn quả và mô hình chăn nuôi của hộ\n"
            + "Bốn xã đăng ký học tập, áp dụng mô hình trong năm 2025"
        visit.invitationNumber = "45/GM-UBND"
        visit.reportNumber = "312/BC-UBND"
        visit.signerCapacity = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
        visit.recipients = "Ban Thường vụ Huyện ủy (b/c)\nPhòng Nội vụ"
        try await record(visit, heldBy: "2024-10-15")

        var talk = EventInput()
        talk.unitID = dakRuong
        talk.kind = EventKind.experienceTalk.rawValue
        talk.title = "Báo cáo kinh nghiệm giữ gìn bản sắc văn hóa và phát triển sản xuất ở thôn"
        talk.date = "22/04/2025"
        talk.time = "08 giờ 00"
        talk.place = "Hội trường Ủy ban nhân dân xã Đăk Ruồng"
        talk.hostSubjectIDs = Array(strong(2025, kind: .individual, in: dakRuong).prefix(1))
        talk.outcomes =
            "Điển hình trình bày cách vận động bà con chuyển đổi cây trồng\n"
            + "Các thôn thống nhất nhân rộng cách làm trong năm"
        talk.signerCapacity = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
        try await record(talk, heldBy: "2025-04-22")

        var review = EventInput()
        review.unitID = district
        review.kind = EventKind.interimReview.rawValue
        review.title = "Hội nghị sơ kết thực hiện Kế hoạch xây dựng, nhân rộng điển hình tiên tiến năm 2025"
        review.date = "18/07/2025"
        review.time = "08 giờ 00"
        review.place = "Hội trường Ủy ban nhân dân huyện Kon Rẫy"
        review.unitIDs = communes + [byCode["KR-PNV"]?.id].compactMap { $0 }
        let honoured = Array(strong(2025).prefix(3))
        review.hostSubjectIDs = Array(honoured.prefix(1))
        review.honours = honoured.map { ($0, "Giấy khen") }
        review.outcomes =
            "Đánh giá kết quả 6 tháng đầu năm 2025: các xã đều có điển hình đăng ký\n"
            + "Biểu dương các tập thể, cá nhân tiêu biểu"
        review.signerCapacity = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
        review.recipients = "Sở Nội vụ tỉnh Kon Tum (b/c)\nThường trực Huyện ủy (b/c)"
        try await record(review, heldBy: "2025-07-18")
    }

    /// Creates the event and, once its day is past the demo's today, marks it held.
    private func record(_ input: EventInput, heldBy day: String) async throws {
        let e = try await EventsService.create(input, actor: actor, on: db)
        if past(day), let id = e.id { _ = try await EventsService.move(id, to: "held", actor: actor, on: db) }
    }
}
