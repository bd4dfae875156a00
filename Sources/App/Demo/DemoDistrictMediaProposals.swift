import Domain
import Fluent
import Foundation

/// The demo district's media log and citizens' proposals (issue 10 §3, §6): a few coverages of its strong exemplars
/// (radio, the provincial paper, the commune loudspeakers), written through `MediaService` like any user's, and three
/// proposals waiting in the queues of Đăk Ruồng, Tân Lập and the district's agriculture office.
extension DemoDistrictRun {
    func mediaAndProposals() async throws {
        let outlets: [(kind: String, name: String, link: String, note: String)] = [
            (
                "radio", "Đài Phát thanh - Truyền hình tỉnh Kon Tum", "",
                "Chuyên mục “Người tốt việc tốt”, bản tin 18 giờ"
            ),
            ("print", "Báo Kon Tum", "https://baokontum.com.vn/", ""),
            ("loudspeaker", "Đài truyền thanh xã", "", "Phát trên hệ thống loa truyền thanh cơ sở, 2 buổi sáng, chiều"),
            ("online", "Trang thông tin điện tử huyện Kon Rẫy", "https://konray.kontum.gov.vn/", ""),
        ]
        let strong = members.filter { $0.strong && $0.subjectID != nil }.prefix(8)
        for (i, m) in strong.enumerated() {
            guard let subjectID = m.subjectID, let year = m.registrations.keys.sorted().last else { continue }
            for k in 0..<(1 + i % 3) {
                let o = outlets[(i + k) % outlets.count]
                let month = 3 + (i * 2 + k * 3) % 9
                let iso = String(format: "%04d-%02d-%02d", year, month, 5 + k * 7)
                guard iso <= today else { continue }
                let input = MediaInput(
                    subjectID: subjectID, outletKind: o.kind, outletName: o.name,
                    date: iso.isoToVietnamese, link: o.link.isEmpty ? nil : o.link + "tin-\(subjectID)-\(k)",
                    note: o.note, title: "\(m.title): cách làm hay được nhân rộng")
                _ = try await MediaService.create(input, actor: actor, on: db)
            }
        }
        let units = try await UnitModel.query(on: db).filter(\.$code ~~ ["KR-DAKRUONG", "KR-TANLAP", "KR-NNPTNT"]).all()
        let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
        let proposals: [(String, String, SubjectKind, String, String)] = [
            (
                "KR-DAKRUONG", "Hộ ông A Nhong (thôn 12)", .household,
                "Trồng sâm dây dưới tán rừng, hướng dẫn 6 hộ trong thôn cùng làm; thu nhập tăng gấp đôi.", "Y Lan"
            ),
            (
                "KR-TANLAP", "Chi hội Phụ nữ thôn 3", .collective,
                "Duy trì quỹ tiết kiệm xoay vòng, giúp 10 hội viên vay vốn chăn nuôi không lãi.", "Nguyễn Văn Hải"
            ),
            (
                "KR-NNPTNT", "Anh A Vinh, khuyến nông viên", .individual,
                "Tận tình hướng dẫn bà con ghép cải tạo cà phê, đi đến tận rẫy.", "A Đam"
            ),
        ]
        for (n, (code, name, kind, why, who)) in proposals.enumerated() {
            guard let unit = byCode[code] ?? byCode["KR-DAKRUONG"], let unitID = unit.id else { continue }
            let p = ProposalModel(newFor: unitID, unitPath: unit.path)
            p.subjectName = name
            p.subjectKind = kind.rawValue
            p.achievements = why
            p.proposerName = who
            // Numbers of the 0900 000 1xx demo range: fictitious, never published (contact is internal only).
            p.proposerPhone = "090000010\(n)"
            p.proposerEmail = ""
            p.consentContact = true
            p.decisionReason = ""
            p.submittedAt = Date()
            try await p.create(on: db)
        }
    }
}
