import Domain
import Fluent
import Foundation
import OOXML

/// One printable document, drawn once and written both as the print view (HTML) and as DOCX, in the layout of
/// Nghị định 30/2020/NĐ-CP, Phụ lục I: the issuing body and the national motto side by side, number, place and
/// date, the type and its summary, the body, the signature block and "Nơi nhận" (issue 15, item 6).
struct PrintDocument: Encodable, Sendable {
    struct Table: Encodable, Sendable {
        let header: [String]
        let rows: [[String]]
        /// Column widths in centimetres for the DOCX (the page shares them out itself).
        let widths: [Double]
    }
    struct Section: Encodable, Sendable {
        let heading: String
        let paragraphs: [String]
        let table: Table?
        /// Paragraphs after the table.
        let after: [String]
    }
    struct Signer: Encodable, Sendable {
        let capacity: [String]
        let name: String
    }
    /// The parent authority over the issuing body ("" when the body has none).
    let parent: String
    let issuer: String
    /// "Số: …" ("" for a form that takes no number).
    let number: String
    let placeDate: String
    let type: String
    let summary: String
    /// "Kính gửi: …" ("" for none).
    let addressee: String
    let intro: [String]
    let sections: [Section]
    let closing: [String]
    /// One signer: "Nơi nhận" on the left beside it; two: side by side, "Nơi nhận" below.
    let signers: [Signer]
    let recipients: [String]

    var recipientsBeside: Bool { signers.count == 1 }

    enum CodingKeys: String, CodingKey {
        case parent, issuer, number, placeDate, type, summary, addressee, intro, sections, closing, signers
        case recipients, recipientsBeside, recipientLines
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parent, forKey: .parent)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(number, forKey: .number)
        try c.encode(placeDate, forKey: .placeDate)
        try c.encode(type, forKey: .type)
        try c.encode(summary, forKey: .summary)
        try c.encode(addressee, forKey: .addressee)
        try c.encode(intro, forKey: .intro)
        try c.encode(sections, forKey: .sections)
        try c.encode(closing, forKey: .closing)
        try c.encode(signers, forKey: .signers)
        try c.encode(recipients, forKey: .recipients)
        try c.encode(recipientsBeside, forKey: .recipientsBeside)
        try c.encode(recipientLines, forKey: .recipientLines)
    }

    /// "- X;" each, the last "- Lưu: …." (Nghị định 30/2020, Phụ lục I).
    var recipientLines: [String] {
        recipients.enumerated().map { "- " + $1 + ($0 == recipients.count - 1 ? "." : ";") }
    }

    // MARK: DOCX

    func docx() throws -> Data {
        typealias D = CommendationDocuments
        var left: [DOCXParagraph] = []
        if !parent.isEmpty { left.append(DOCXParagraph(D.upper(parent), size: 13)) }
        left.append(DOCXParagraph(D.upper(issuer), bold: true, size: 13))
        if !number.isEmpty { left.append(DOCXParagraph("Số: " + number, size: 13, spacingBefore: 6)) }
        var blocks: [DOCXBlock] = [
            .table(
                DOCXTable.nationalMottoHeader(
                    left: left, right: [DOCXParagraph(placeDate, italic: true, size: 14, spacingBefore: 6)]))
        ]
        blocks += D.title(type, summary)
        if !addressee.isEmpty {
            blocks.append(.paragraph(DOCXParagraph(addressee, size: 14, alignment: .center, spacingAfter: 12)))
        }
        blocks += intro.map(D.body)
        for s in sections {
            blocks.append(D.heading(s.heading))
            blocks += s.paragraphs.map(D.body)
            if let t = s.table {
                blocks.append(.table(DOCXTable.list(header: t.header, rows: t.rows, columnWidths: t.widths, size: 12)))
            }
            blocks += s.after.map(D.body)
        }
        blocks += closing.map(D.body)
        if signers.count == 1, let s = signers.first {
            blocks.append(D.signature(recipients: recipients, capacity: s.capacity, name: s.name))
        } else {
            let cells = signers.map { s in
                var ps = s.capacity.map {
                    DOCXParagraph($0, bold: true, size: 14, uppercase: true, alignment: .center, spacingBefore: 12)
                }
                ps.append(DOCXParagraph(" ", size: 14, spacingBefore: 48))
                ps.append(DOCXParagraph(s.name.isEmpty ? " " : s.name, bold: true, size: 14, alignment: .center))
                return DOCXTableCell(paragraphs: ps)
            }
            blocks.append(.table(DOCXTable(rows: [cells], columnWidths: [8.0, 8.5], borders: false)))
            if !recipients.isEmpty {
                blocks.append(
                    .paragraph(
                        DOCXParagraph(
                            runs: [DOCXRun("Nơi nhận:", bold: true, italic: true, size: 12)], spacingBefore: 12)))
                blocks += recipientLines.map { .paragraph(DOCXParagraph($0, size: 11)) }
            }
        }
        return try DOCXWriter.data(blocks: blocks)
    }
}

/// The registration form (phiếu đăng ký) and the evaluation record (biên bản kiểm tra, đánh giá định kỳ).
enum PrintForms {
    /// A number left blank for the office's register: "      /BB-UBND".
    static func blankNumber(type: String, abbreviation: String) -> String {
        "      /" + type + (abbreviation.isEmpty ? "" : "-" + abbreviation)
    }

    /// Paragraphs of a multi-line text, empty lines dropped.
    static func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The registration form of one registration. Personal facts follow the reader's field access, as on the
    /// registration's page.
    static func registration(
        _ r: RegistrationModel, access: FieldAccess, on db: any Database, today: Date = Date()
    ) async throws -> PrintDocument {
        let s = r.subject
        let parent = try await r.unit.$parent.get(on: db)
        let field = try await CatalogueFieldModel.query(on: db).filter(\.$code == r.fieldCode).first()?.name
        var facts = [
            "Tên mô hình, điển hình: \(r.title).",
            "Đối tượng đăng ký: \(s.name) (\(s.subjectKind.label.lowercased())).",
            "Đơn vị: \(r.unit.name).",
            "Loại mô hình, điển hình: " + (r.subjectType.map { "\($0.code) \($0.name)" } ?? "chưa chọn") + ".",
        ]
        if let field { facts.append("Lĩnh vực: \(field).") }
        if !r.movements.isEmpty {
            facts.append("Phong trào thi đua: " + r.movements.map(\.name).joined(separator: "; ") + ".")
        }
        if !s.position.isEmpty { facts.append("Chức vụ: \(s.position).") }
        if let e = access.value(.subjectEthnicity, s.ethnicity), !e.isEmpty { facts.append("Dân tộc: \(e).") }
        for (f, value) in [
            (DataField.subjectGender, s.gender), (.subjectBirthDate, VietnameseDate.isoToDisplay(s.birthDate)),
            (.subjectIDNumber, s.idNumber), (.subjectPhone, s.phone), (.subjectAddress, s.address),
        ] where access.shows(f) && !value.isEmpty {
            facts.append("\(f.label): \(value).")
        }
        if !r.contact.isEmpty { facts.append("Người liên hệ: \(r.contact).") }
        let criteria = try await CriteriaService.criteria(for: r, on: db)
        var sections = [
            PrintDocument.Section(heading: "I. THÔNG TIN ĐĂNG KÝ", paragraphs: facts, table: nil, after: []),
            PrintDocument.Section(
                heading: "II. TIÊU CHÍ ĐĂNG KÝ THỰC HIỆN",
                paragraphs: criteria.isEmpty ? ["Chưa có tiêu chí áp dụng cho loại mô hình, điển hình này."] : [],
                table: criteria.isEmpty
                    ? nil
                    : .init(
                        header: ["STT", "Mã", "Nội dung tiêu chí", "Nguồn"],
                        rows: criteria.enumerated().map {
                            [String($0 + 1), $1.spec.code, $1.spec.text, $1.source.label]
                        },
                        widths: [1.2, 2.4, 9.9, 3.0]),
                after: []),
        ]
        let plan = paragraphs(r.description) + paragraphs(r.goals).map { "Mục tiêu: " + $0 }
        if !plan.isEmpty {
            sections.append(.init(heading: "III. NỘI DUNG, MỤC TIÊU PHẤN ĐẤU", paragraphs: plan, table: nil, after: []))
        }
        let individual = s.subjectKind != .collective
        let signers: [PrintDocument.Signer] =
            individual
            ? [
                .init(capacity: ["Xác nhận của thủ trưởng đơn vị"], name: ""),
                .init(
                    capacity: [s.subjectKind == .household ? "Đại diện hộ gia đình" : "Người đăng ký"], name: s.name),
            ]
            : [.init(capacity: ["Thủ trưởng đơn vị"], name: "")]
        return PrintDocument(
            parent: parent?.name ?? "", issuer: r.unit.name, number: "",
            placeDate: VietnameseDate.placeAndDateLine(
                place: r.unit.place.isEmpty ? "……" : r.unit.place, date: r.createdAt ?? today),
            type: "Phiếu đăng ký", summary: "Xây dựng mô hình, điển hình tiên tiến năm \(r.year)",
            addressee: "Kính gửi: " + (parent?.name ?? "Hội đồng Thi đua - Khen thưởng"),
            intro: [], sections: sections,
            closing: [
                "Đối tượng đăng ký cam kết thực hiện đầy đủ các tiêu chí trên và chịu sự kiểm tra, đánh giá định kỳ "
                    + "theo kế hoạch./."
            ],
            signers: signers, recipients: ["Như trên", "Lưu: VT"])
    }

    /// The record of one periodic evaluation: what each criterion came to, the evaluator's assessment, the
    /// conclusion.
    static func evaluation(_ ev: EvaluationModel, registration r: RegistrationModel, on db: any Database)
        async throws -> PrintDocument
    {
        let s = r.subject
        let parent = try await r.unit.$parent.get(on: db)
        let results = try await EvaluationResultModel.query(on: db).filter(\.$evaluation.$id == ev.requireID())
            .sort(\.$id).all()
        let date = VietnameseDate.parse(ev.date.isoToVietnamese) ?? Date()
        func outcome(_ o: String) -> String { o == "met" ? "Đạt" : o == "unmet" ? "Chưa đạt" : "Thiếu dữ liệu" }
        let period = ev.period.isEmpty ? "" : " " + ev.period
        var assessment: [String] = []
        for (label, value) in [
            ("Tác dụng", ev.effect), ("Tính hiệu quả", ev.effectiveness), ("Khả năng phát triển", ev.growthPotential),
            ("Sức ảnh hưởng, lan tỏa", ev.influence), ("Khó khăn, thiếu sót phát hiện", ev.difficulties),
            ("Biện pháp giúp đỡ đã thực hiện", ev.helpGiven),
        ] where !value.isEmpty {
            assessment.append("\(label): \(value)")
        }
        if let n = ev.mediaCount { assessment.append(MediaLogRules.influenceLine(count: n)) }
        var sections = [
            PrintDocument.Section(
                heading: "I. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ",
                paragraphs: results.isEmpty ? ["Lần đánh giá này không ghi kết quả theo tiêu chí."] : [],
                table: results.isEmpty
                    ? nil
                    : .init(
                        header: ["STT", "Tiêu chí", "Kết quả", "Ghi chú"],
                        rows: results.enumerated().map {
                            [String($0 + 1), "\($1.criterionCode) \($1.criterionText)", outcome($1.outcome), $1.reason]
                        },
                        widths: [1.2, 8.8, 2.4, 4.1]),
                after: [
                    "Tổng hợp: \(ev.metCount) tiêu chí đạt, \(ev.unmetCount) tiêu chí chưa đạt, "
                        + "\(ev.missingCount) tiêu chí thiếu dữ liệu."
                ])
        ]
        if !assessment.isEmpty {
            sections.append(.init(heading: "II. ĐÁNH GIÁ CHUNG", paragraphs: assessment, table: nil, after: []))
        }
        sections.append(
            .init(
                heading: assessment.isEmpty ? "II. KẾT LUẬN" : "III. KẾT LUẬN",
                paragraphs: ["Kết luận: \(ev.conclusion.label)."] + paragraphs(ev.summary), table: nil, after: []))
        return PrintDocument(
            parent: parent?.name ?? "", issuer: r.unit.name,
            number: blankNumber(type: "BB", abbreviation: r.unit.abbreviation),
            placeDate: VietnameseDate.placeAndDateLine(place: r.unit.place.isEmpty ? "……" : r.unit.place, date: date),
            type: "Biên bản", summary: "Kiểm tra, đánh giá định kỳ\(period) mô hình, điển hình năm \(r.year)",
            addressee: "",
            intro: [
                "Hôm nay, ngày \(ev.date.isoToVietnamese), tại \(r.unit.name), \(ev.evaluator) tiến hành kiểm tra, "
                    + "đánh giá định kỳ việc thực hiện đăng ký xây dựng mô hình, điển hình “\(r.title)” của "
                    + "\(s.name) (\(s.subjectKind.label.lowercased()))."
            ],
            sections: sections,
            closing: ["Biên bản đã được đọc lại cho những người dự cùng nghe và thống nhất ký tên./."],
            signers: [
                .init(capacity: ["Đại diện đơn vị"], name: ""),
                .init(capacity: ["Người kiểm tra, đánh giá"], name: ev.evaluator),
            ],
            recipients: [r.unit.name, "Lưu: hồ sơ đăng ký"])
    }
}
