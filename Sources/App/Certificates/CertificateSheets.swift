import Domain
import Fluent
import Foundation
import OOXML
import Vapor

/// One certificate: the text of each printed field.
struct CertificateSheet: Encodable, Sendable {
    struct Field: Encodable, Sendable {
        /// The field's code ("name"); its CSS class is "cf-" + key.
        let key: String
        let text: String
    }
    let label: String
    let fields: [Field]
}

/// What a certificate prints, drawn from an award and its decision, and the two ways it is printed: an HTML page
/// with a stylesheet placing each field in mm (CSS `@page`), and a DOCX with each field in a page-anchored frame.
enum CertificateSheets {
    static func upper(_ s: String) -> String { s.uppercased(with: Locale(identifier: "vi_VN")) }

    /// "Chuyên viên, Phòng Nội vụ": a person's position and unit (the unit left out when the position names it);
    /// a collective's or household's unit unless it is the collective itself.
    static func titleLine(_ s: SubjectModel) -> String {
        let unit = s.$unit.value?.name ?? ""
        if s.kind == SubjectKind.individual.rawValue {
            let position = s.position
            if position.isEmpty { return unit }
            if unit.isEmpty || VietnameseText.fold(position).contains(VietnameseText.fold(unit)) { return position }
            return position + ", " + unit
        }
        return VietnameseText.fold(unit) == VietnameseText.fold(s.name) ? "" : unit
    }

    static func values(
        name: String, title: String, period: String, formName: String, decisionNumber: String, decisionDay: String,
        place: String, signer: String, layout: CertificateLayout
    ) -> [CertificateField: String] {
        let date = CertificateText.longDate(decisionDay)
        return [
            .name: name, .title: title, .achievement: CertificateText.achievement(layout.achievement, period: period),
            .form: upper(formName), .decisionNumber: decisionNumber, .decisionDate: date,
            .placeDate: place.isEmpty ? date.prefix(1).uppercased() + date.dropFirst() : "\(place), \(date)",
            .signer: signer,
        ]
    }

    static func sheet(_ label: String, _ v: [CertificateField: String], layout: CertificateLayout) -> CertificateSheet {
        CertificateSheet(
            label: label,
            fields: CertificateField.allCases.filter { layout.fields[$0].printed }.map {
                .init(key: $0.rawValue, text: v[$0] ?? "")
            })
    }

    /// The sheets of a decision's valid awards the layout is for, in the decision's order. Withdrawn awards are
    /// not printed.
    static func sheets(decision m: DecisionModel, layout: CertificateLayout, on db: any Database) async throws
        -> [CertificateSheet]
    {
        let awards = try await AwardModel.query(on: db).filter(\.$decisionID == m.id).filter(\.$status == .valid)
            .with(\.$subject) { $0.with(\.$unit) }.sort(\.$id).all()
        return awards.filter { layout.applies(toForm: $0.formCode) }.map { a in
            sheet(
                "\(a.subject.name) — \(a.formName)",
                values(
                    name: a.subject.name, title: titleLine(a.subject), period: a.period, formName: a.formName,
                    decisionNumber: a.decisionNumber, decisionDay: a.decisionDate, place: m.place,
                    signer: m.signerName, layout: layout),
                layout: layout)
        }
    }

    /// A sample sheet for the preview, with the authority's place and signer.
    static func sample(layout: CertificateLayout, place: String, signer: String) -> CertificateSheet {
        sheet(
            "Bản xem trước",
            values(
                name: "Nguyễn Thị Minh Khai", title: "Chuyên viên, Phòng Nội vụ huyện", period: "Năm 2024",
                formName: "Giấy khen", decisionNumber: "120/QĐ-UBND", decisionDay: "2024-12-20", place: place,
                signer: signer.isEmpty ? "Trần Văn Minh" : signer, layout: layout),
            layout: layout)
    }

    // MARK: The stylesheet

    static func mm(_ v: Double) -> String { String(format: "%.2fmm", v) }

    /// The width a preview shows the sheet at, in mm of the screen.
    static let previewWidth: Double = 150
    static let phonePreviewWidth: Double = 80

    /// Places each field at its mm offsets on a sheet of the layout's paper; `.cert-preview` shows a sheet scaled
    /// down on a page of the app.
    static func css(_ l: CertificateLayout) -> String {
        let scale = previewWidth / l.width
        // A phone shows it narrower, inside its screen.
        let small = phonePreviewWidth / l.width
        var out = """
            @page { size: \(mm(l.width)) \(mm(l.height)); margin: 0; }
            .cert-print { margin: 0; padding: 0; background: #fff; }
            .cert-sheet { position: relative; box-sizing: border-box; width: \(mm(l.width)); height: \(mm(l.height)); \
            overflow: hidden; margin: 0; padding: 0; background: #fff; color: #000; \
            font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", "Noto Serif", serif; \
            page-break-after: always; break-after: page; }
            .cert-sheet:last-of-type { page-break-after: auto; break-after: auto; }
            .cert-field { position: absolute; margin: 0; padding: 0; line-height: 1.15; overflow-wrap: break-word; }
            .cert-preview { width: \(mm(l.width * scale)); height: \(mm(l.height * scale)); overflow: hidden; \
            border: 1px solid #888; background: #fff; }
            .cert-preview .cert-sheet { transform: scale(\(String(format: "%.4f", scale))); transform-origin: 0 0; \
            outline: 1px dashed #bbb; }
            .cert-preview .cert-field { outline: 1px dotted #c33; }
            @media (max-width: 40rem) { .cert-preview { width: \(mm(l.width * small)); height: \(mm(l.height * small)); } \
            .cert-preview .cert-sheet { transform: scale(\(String(format: "%.4f", small))); } }
            .cert-toolbar { font-family: sans-serif; padding: 8px 16px; background: #f3f3f3; border-bottom: 1px solid #ccc; }
            @media print { .cert-toolbar { display: none; } }
            .cert-fields input[type=text] { width: 4.5rem; min-height: 44px; box-sizing: border-box; }
            .cert-fields td.invalid input { border-color: #b00020; border-width: 2px; }
            @media screen { .cert-print { background: #ddd; } .cert-print .cert-sheet { margin: 10mm auto; \
            box-shadow: 0 0 4px #888; } }

            """
        for f in CertificateField.allCases {
            let p = l.fields[f]
            out +=
                ".cf-\(f.rawValue) { left: \(mm(p.x)); top: \(mm(p.y)); width: \(mm(p.width)); "
                + "font-size: \(String(format: "%.1f", p.fontSize))pt; text-align: \(p.align.rawValue); "
                + "font-weight: \(p.bold ? "bold" : "normal"); }\n"
        }
        return out
    }

    /// The stylesheet's link for a layout: every value in the query, so a preview of typed values needs no save.
    static func stylesheetHref(_ l: CertificateLayout, version: String = "") -> String {
        let values = l.formValues.filter { $0.key != "name" && $0.key != "achievement" }.sorted { $0.key < $1.key }
        return CertificatesPath.stylesheet.href(values.map { ($0.key, $0.value) } + [("v", version)])
    }

    // MARK: DOCX

    /// One page per sheet, each field a frame anchored to the page at its mm offsets; margins nil.
    static func docx(_ sheets: [CertificateSheet], layout l: CertificateLayout) throws -> Data {
        var blocks: [DOCXBlock] = []
        for (i, s) in sheets.enumerated() {
            if i > 0 { blocks.append(.pageBreak) }
            for f in s.fields {
                guard let field = CertificateField(rawValue: f.key) else { continue }
                let p = l.fields[field]
                var para = DOCXParagraph(
                    runs: [DOCXRun(f.text, bold: p.bold, size: p.fontSize)],
                    alignment: p.align == .left ? .left : p.align == .center ? .center : .right)
                para.frame = DOCXFrame(x: p.x, y: p.y, width: p.width)
                blocks.append(.paragraph(para))
            }
        }
        if sheets.isEmpty {
            blocks.append(.paragraph(DOCXParagraph("Quyết định không có khen thưởng nào theo mẫu in này.")))
        }
        return try DOCXWriter.data(
            blocks: blocks,
            page: DOCXPage(
                width: l.width, height: l.height, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0))
    }
}
