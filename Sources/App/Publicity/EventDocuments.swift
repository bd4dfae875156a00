import Domain
import Foundation
import OOXML

/// The invitation (Giấy mời) and the report (Báo cáo kết quả …) of an event, as DOCX in the Nghị định
/// 30/2020/NĐ-CP layout, built with the same blocks as the commendation documents (`CommendationDocuments`).
/// Numbers are entered by hand on the event; without one the number is left blank for the clerk ("      /GM-…").
enum EventDocuments {
    typealias C = CommendationDocuments

    static func number(_ n: String, type: String, unit: UnitModel) -> String {
        C.number(n, type: type, abbreviation: unit.abbreviation.isEmpty ? "UBND" : unit.abbreviation)
    }

    static func hostLine(_ s: SubjectModel) -> String {
        let place = C.subjectLine(s)
        return place.isEmpty ? s.name : "\(s.name) (\(place))"
    }

    static func signature(_ d: EventDetail, recipients first: [String]) -> DOCXBlock {
        var capacity = C.lines(d.event.signerCapacity)
        if capacity.isEmpty { capacity = ["Thủ trưởng đơn vị"] }
        var recipients = first + C.lines(d.event.recipients)
        if !recipients.contains(where: { $0.hasPrefix("Lưu") }) { recipients.append("Lưu: VT") }
        return C.signature(recipients: recipients, capacity: capacity, name: d.event.signerName)
    }

    static func whenLine(_ e: EventModel) -> String {
        (e.timeText.isEmpty ? "" : e.timeText + ", ") + "ngày " + e.displayDate
    }

    static func invitation(_ d: EventDetail, date: Date = Date()) throws -> Data {
        let e = d.event
        var blocks: [DOCXBlock] = [
            C.header(
                parent: d.parent?.name, issuer: d.unit.name,
                number: number(e.invitationNumber, type: "GM", unit: d.unit),
                place: d.unit.place.isEmpty ? d.unit.name : d.unit.place, date: date)
        ]
        blocks += C.title("Giấy mời", "\(e.kind.label): \(e.title)")
        blocks.append(C.body("\(d.unit.name) trân trọng kính mời:"))
        for u in d.units { blocks.append(C.body("- Đại diện lãnh đạo \(u.name);")) }
        for p in d.people { blocks.append(C.body("- " + p.line + ";")) }
        if d.units.isEmpty && d.people.isEmpty {
            blocks.append(C.body("- Các cơ quan, đơn vị và cá nhân có tên tại Nơi nhận;"))
        }
        blocks.append(C.body("Tới \(e.kind.invitationPhrase) “\(e.title)”."))
        blocks.append(C.body("Thời gian: \(whenLine(e))."))
        blocks.append(C.body("Địa điểm: \(e.place)."))
        if !d.hosts.isEmpty {
            let who = e.kind == .studyVisit ? "Mô hình, điển hình được tham quan" : "Điển hình báo cáo kinh nghiệm"
            blocks.append(C.body("\(who): " + d.hosts.map(hostLine).joined(separator: "; ") + "."))
        }
        blocks.append(
            C.body(
                "Rất mong các đồng chí, quý đại biểu quan tâm, bố trí thời gian tham dự đúng thành phần, thời gian./."))
        blocks.append(signature(d, recipients: ["Như trên"]))
        return try DOCXWriter.data(blocks: blocks)
    }

    static func report(_ d: EventDetail, date: Date = Date()) throws -> Data {
        let e = d.event
        var blocks: [DOCXBlock] = [
            C.header(
                parent: d.parent?.name, issuer: d.unit.name, number: number(e.reportNumber, type: "BC", unit: d.unit),
                place: d.unit.place.isEmpty ? d.unit.name : d.unit.place, date: date)
        ]
        blocks += C.title(
            "Báo cáo", "Kết quả tổ chức \(e.kind.label.lowercased(with: Locale(identifier: "vi_VN"))) “\(e.title)”")
        blocks.append(C.heading("I. THÔNG TIN CHUNG"))
        blocks.append(
            C.body(
                "Thực hiện Kế hoạch xây dựng, phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến (\(e.kind.basis)), \(d.unit.name) đã tổ chức \(e.kind.label.lowercased(with: Locale(identifier: "vi_VN"))) “\(e.title)”."
            ))
        blocks.append(C.body("- Thời gian: \(whenLine(e))."))
        blocks.append(C.body("- Địa điểm: \(e.place)."))
        blocks.append(C.body("- Tình trạng: \(e.status.label)."))
        if !d.hosts.isEmpty {
            blocks.append(
                C.body("- Điển hình chủ trì, báo cáo: " + d.hosts.map(hostLine).joined(separator: "; ") + "."))
        }
        if !d.units.isEmpty {
            blocks.append(
                C.body("- Đơn vị tham dự (\(d.units.count)): " + d.units.map(\.name).joined(separator: "; ") + "."))
        }
        if !d.people.isEmpty {
            blocks.append(C.body("- Thành phần tham dự khác (\(d.people.count) người):"))
            for p in d.people { blocks.append(C.body("+ " + p.line + ";")) }
        }
        blocks.append(C.heading("II. KẾT QUẢ"))
        let outcomes = C.lines(e.outcomes)
        if outcomes.isEmpty {
            blocks.append(C.body("(Chưa ghi kết quả.)"))
        } else {
            for line in outcomes { blocks.append(C.body(line + ".")) }
        }
        blocks.append(C.heading("III. BIỂU DƯƠNG, KHEN THƯỞNG TẠI SỰ KIỆN"))
        if d.honoured.isEmpty {
            blocks.append(C.body("Không có."))
        } else {
            let rows = d.honoured.enumerated().map { (i, h) in
                [String(i + 1), h.subject.name, C.subjectLine(h.subject), h.honour.isEmpty ? "Biểu dương" : h.honour]
            }
            blocks.append(
                .table(
                    DOCXTable.list(
                        header: ["STT", "Tập thể, cá nhân, hộ gia đình", "Chức vụ, đơn vị", "Hình thức"], rows: rows,
                        columnWidths: [1.2, 5.5, 5.5, 4.3], size: 12)))
        }
        blocks.append(
            C.body(
                "Trên đây là báo cáo kết quả tổ chức \(e.kind.label.lowercased(with: Locale(identifier: "vi_VN"))) của \(d.unit.name)./."
            ))
        blocks.append(signature(d, recipients: []))
        return try DOCXWriter.data(blocks: blocks)
    }
}
