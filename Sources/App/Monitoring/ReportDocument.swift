import Domain
import Fluent
import Foundation
import OOXML
import SQLKit

/// What a periodic report's document is drawn from. Every registration figure is `MonitoringStats.load` for the
/// authority's unit and the report's years (the dashboard's own query); the quota table is `QuotaService`'s; the
/// awards are the valid awards whose decision falls in the period.
struct PeriodicReportData: Sendable {
    struct QuotaRowData: Sendable, Equatable {
        let unit: String
        let rule: String
        let count: Int
        let minimum: Int
        let met: Bool
    }
    struct AwardRowData: Sendable, Equatable {
        let form: String
        let collective: Int
        let individual: Int
        let household: Int
        var total: Int { collective + individual + household }
    }

    let report: PeriodicReportModel
    let issuer: String
    let parent: String?
    let abbreviation: String
    let stats: MonitoringStats
    /// The plan and the year of the quota table; nil when no plan covers the report's last year.
    let quotaPlan: String?
    let quotaYear: Int
    let quotas: [QuotaRowData]
    let awards: [AwardRowData]

    /// The report's years (registrations are yearly: an interim report counts its year's registrations).
    static func years(_ r: PeriodicReportModel) -> ClosedRange<Int> {
        let from = Int(r.periodFrom.prefix(4)) ?? Today.year
        let to = Int(r.periodTo.prefix(4)) ?? from
        return min(from, to)...max(from, to)
    }

    /// The per-year series: the plan's period when a plan covers the report, with the report's years.
    static func series(_ years: ClosedRange<Int>, plan: QuotaPlan?) -> ClosedRange<Int> {
        guard let plan else { return years }
        return min(plan.fromYear, years.lowerBound)...max(plan.toYear, years.upperBound)
    }

    static func load(_ r: PeriodicReportModel, actor: Actor, plans: [QuotaPlan], on db: any Database) async throws
        -> PeriodicReportData
    {
        let a = r.authority
        let unit = try await a.$unit.get(on: db)
        let unitID = try unit.requireID()
        let years = years(r)
        let plan = QuotaPlan.inForce(years.upperBound, among: plans)
        let stats = try await MonitoringStats.load(
            scope: .unit(unitID), years: years, period: series(years, plan: plan), actor: actor, on: db)
        var quotas: [QuotaRowData] = []
        if let plan {
            var after: String?
            repeat {
                let page = try await QuotaService.standings(
                    plan: plan, year: years.upperBound, actor: actor, after: after, limit: 500, on: db)
                quotas += page.rows.filter { unit.unitPath.contains($0.unit.unitPath) }.map {
                    QuotaRowData(
                        unit: $0.unit.name, rule: $0.standing.rule.label, count: $0.standing.count,
                        minimum: $0.standing.rule.minimum, met: $0.standing.isMet)
                }
                after = page.next
            } while after != nil
        }
        var parent: String?
        if !a.name.hasPrefix("Ủy ban nhân dân"), let pid = unit.$parent.id {
            parent = try await UnitModel.find(pid, on: db)?.name
        }
        return PeriodicReportData(
            report: r, issuer: a.name, parent: parent, abbreviation: unit.abbreviation, stats: stats,
            quotaPlan: plan?.plan, quotaYear: years.upperBound, quotas: quotas,
            awards: try await awards(under: unit.unitPath, from: r.periodFrom, to: r.periodTo, on: db))
    }

    /// Valid awards of subjects in the unit's subtree whose decision is dated in the period, per form and kind of
    /// subject: one grouped query.
    static func awards(under path: UnitPath, from: String, to: String, on db: any Database) async throws
        -> [AwardRowData]
    {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable {
            let form: String
            let kind: String
            let n: Int
        }
        let rows = try await sql.raw(
            """
            SELECT a.form_name AS form, s.kind AS kind, COUNT(a.id) AS n
            FROM awards a JOIN subjects s ON s.id = a.subject_id JOIN units u ON u.id = s.unit_id
            WHERE u.path LIKE \(bind: path.raw + "%") AND a.status = \(bind: AwardStatus.valid.rawValue)
              AND a.decision_date BETWEEN \(bind: from) AND \(bind: to)
            GROUP BY a.form_name, s.kind
            """
        ).all(decoding: Row.self)
        var byForm: [String: AwardRowData] = [:]
        for row in rows {
            let old = byForm[row.form] ?? AwardRowData(form: row.form, collective: 0, individual: 0, household: 0)
            let kind = SubjectKind(rawValue: row.kind) ?? .individual
            byForm[row.form] = AwardRowData(
                form: row.form, collective: old.collective + (kind == .collective ? row.n : 0),
                individual: old.individual + (kind == .individual ? row.n : 0),
                household: old.household + (kind == .household ? row.n : 0))
        }
        let vi = Locale(identifier: "vi_VN")
        return byForm.values.sorted {
            $0.total != $1.total
                ? $0.total > $1.total
                : $0.form.compare($1.form, options: [], range: nil, locale: vi) == .orderedAscending
        }
    }
}

/// The report as a DOCX in the Nghị định 30/2020/NĐ-CP layout: header block, "BÁO CÁO" and its summary, the
/// narrative sections, signature and "Nơi nhận", then the appendices (statistics, quotas, exemplars by field,
/// commendations, replication and publicity).
enum PeriodicReportDocument {
    typealias D = CommendationDocuments
    static let notYet = "chưa có dữ liệu"

    /// Appendix tables: a caption, a header and rows of (label, numbers…). The first header cell names the table.
    struct Table: Sendable, Equatable {
        let caption: String
        let header: [String]
        let rows: [[String]]
        let widths: [Double]
    }

    static func number(_ d: PeriodicReportData) -> String {
        d.report.number.isEmpty ? "      /BC-\(d.abbreviation)" : d.report.number
    }

    static func placeDate(_ r: PeriodicReportModel) -> String {
        guard let day = r.day, let date = VietnameseDate.parse(day.isoToVietnamese) else {
            return "\(r.place), ngày      tháng      năm \(String(r.periodTo.prefix(4)))"
        }
        return VietnameseDate.placeAndDateLine(place: r.place, date: date)
    }

    static func counts(_ caption: String, _ head: String, _ rows: [MonitoringStats.Count], total: Int? = nil) -> Table {
        var body = rows.enumerated().map { [String($0.offset + 1), $0.element.label, String($0.element.count)] }
        if let total { body.append(["", "Tổng cộng", String(total)]) }
        return Table(caption: caption, header: ["STT", head, "Số lượng"], rows: body, widths: [1.2, 11.3, 3.0])
    }

    /// The appendices, in order.
    static func tables(_ d: PeriodicReportData) -> [Table] {
        let s = d.stats
        let yearsText = s.fromYear == s.toYear ? "năm \(s.fromYear)" : "\(s.fromYear)–\(s.toYear)"
        var out = [
            counts("Phụ lục 1. Số mô hình, điển hình đăng ký theo năm", "Năm", s.byYear),
            counts(
                "Phụ lục 2. Điển hình theo đối tượng (\(yearsText))", "Đối tượng", s.bySubjectKind, total: s.total),
            counts("Phụ lục 3. Điển hình theo lĩnh vực (\(yearsText))", "Lĩnh vực", s.byField, total: s.total),
            counts("Phụ lục 4. Mô hình tập thể theo loại mô hình (\(yearsText))", "Loại mô hình", s.byModelType),
            counts("Phụ lục 5. Điển hình cá nhân theo loại (\(yearsText))", "Loại cá nhân", s.byIndividualType),
            counts("Phụ lục 6. Điển hình theo đơn vị (\(yearsText))", "Đơn vị", s.byUnit, total: s.total),
            counts("Phụ lục 7. Điển hình theo phong trào thi đua (\(yearsText))", "Phong trào", s.byMovement),
            counts("Phụ lục 8. Điển hình theo trạng thái (\(yearsText))", "Trạng thái", s.byStatus, total: s.total),
        ]
        let quotaCaption =
            "Phụ lục 9. Kết quả thực hiện chỉ tiêu năm \(d.quotaYear)" + (d.quotaPlan.map { " (\($0))" } ?? "")
        out.append(
            Table(
                caption: quotaCaption,
                header: ["STT", "Đơn vị chịu chỉ tiêu", "Chỉ tiêu", "Đã có", "Tối thiểu", "Kết quả"],
                rows: d.quotas.isEmpty
                    ? [
                        [
                            "", d.quotaPlan == nil ? "Không có kế hoạch giao chỉ tiêu cho năm này" : "Không có đơn vị",
                            "", "", "", "",
                        ]
                    ]
                    : d.quotas.enumerated().map { i, q in
                        [
                            String(i + 1), q.unit, q.rule, String(q.count), String(q.minimum),
                            q.met ? "Đạt" : "Thiếu \(q.minimum - q.count)",
                        ]
                    },
                widths: [1.0, 4.5, 5.0, 1.6, 1.7, 1.7]))
        var awardRows = d.awards.enumerated().map { i, a in
            [String(i + 1), a.form, String(a.collective), String(a.individual), String(a.household), String(a.total)]
        }
        if d.awards.isEmpty {
            awardRows = [["", "Không có khen thưởng trong kỳ", "0", "0", "0", "0"]]
        } else {
            awardRows.append([
                "", "Tổng cộng", String(d.awards.map(\.collective).reduce(0, +)),
                String(d.awards.map(\.individual).reduce(0, +)), String(d.awards.map(\.household).reduce(0, +)),
                String(d.awards.map(\.total).reduce(0, +)),
            ])
        }
        out.append(
            Table(
                caption: "Phụ lục 10. Khen thưởng trong kỳ theo hình thức "
                    + "(quyết định ký từ \(d.report.periodFrom.isoToVietnamese) đến \(d.report.periodTo.isoToVietnamese))",
                header: ["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Hộ gia đình", "Tổng"],
                rows: awardRows, widths: [1.0, 6.5, 1.9, 1.9, 2.2, 2.0]))
        out.append(
            Table(
                caption: "Phụ lục 11. Nhân rộng, tuyên truyền điển hình (\(yearsText))",
                header: ["STT", "Nội dung", "Số lượng"],
                rows: [
                    ["1", "Mô hình, điển hình được nhân rộng", String(s.replicated)],
                    ["2", "Tin, bài tuyên truyền về điển hình", notYet],
                    ["3", "Buổi tham quan, học tập, báo cáo kinh nghiệm", notYet],
                    [
                        "4", "Lượt đơn vị áp dụng mô hình được nhân rộng (\(s.replicatedModels) mô hình)",
                        String(s.replications),
                    ],
                ], widths: [1.2, 11.3, 3.0]))
        return out
    }

    /// The lead of section II: the period's figures in one sentence, from the same numbers as the appendices.
    static func summaryLine(_ d: PeriodicReportData) -> String {
        let s = d.stats
        func kind(_ k: SubjectKind) -> Int { s.bySubjectKind.first { $0.key == k.rawValue }?.count ?? 0 }
        let short = d.quotas.filter { !$0.met }.count
        var text =
            "Số liệu \(s.fromYear == s.toYear ? "năm \(s.fromYear)" : "các năm \(s.fromYear)–\(s.toYear)"): "
            + "\(s.total) mô hình, điển hình đăng ký (\(kind(.collective)) tập thể, \(kind(.individual)) cá nhân, "
            + "\(kind(.household)) hộ gia đình); \(s.replicated) mô hình được nhân rộng"
        if d.quotaPlan != nil {
            text += "; \(d.quotas.count - short)/\(d.quotas.count) đơn vị đạt chỉ tiêu năm \(d.quotaYear)"
        }
        text += "; \(d.awards.map(\.total).reduce(0, +)) lượt khen thưởng trong kỳ (chi tiết tại các phụ lục kèm theo)."
        return text
    }

    static func docx(_ d: PeriodicReportData) throws -> Data {
        let r = d.report
        var left: [DOCXParagraph] = []
        if let p = d.parent, !p.isEmpty { left.append(DOCXParagraph(D.upper(p), size: 13)) }
        left.append(DOCXParagraph(D.upper(d.issuer), bold: true, size: 13))
        left.append(DOCXParagraph("Số: " + number(d), size: 13, spacingBefore: 6))
        var blocks: [DOCXBlock] = [
            .table(
                DOCXTable.nationalMottoHeader(
                    left: left, right: [DOCXParagraph(placeDate(r), italic: true, size: 14, spacingBefore: 6)]))
        ]
        blocks += D.title("Báo cáo", r.summary)
        for s in PeriodicReportSection.all {
            blocks.append(D.heading(s.heading))
            if s.key == "results" { blocks.append(D.body(summaryLine(d))) }
            // One paragraph a line, as typed (its own punctuation kept).
            let paragraphs = r[section: s.key].split(whereSeparator: \.isNewline).map {
                VietnameseText.clean(String($0))
            }.filter { !$0.isEmpty }
            if paragraphs.isEmpty && s.key != "results" {
                blocks.append(D.body("……………………………………………………………………"))
            }
            blocks += paragraphs.map(D.body)
        }
        blocks.append(D.body("Trên đây là báo cáo \(r.summary.reportPhrase) của \(d.issuer)./."))
        let capacity = D.capacity(
            mode: r.signingMode, chiefTitle: r.chiefTitle, signerTitle: r.signerTitle, body: d.issuer)
        blocks.append(
            D.signature(
                recipients: PeriodicReportRules.recipients(r.recipients), capacity: capacity, name: r.signerName))
        blocks.append(.pageBreak)
        blocks.append(
            .paragraph(DOCXParagraph("Phụ lục số liệu", bold: true, size: 14, uppercase: true, alignment: .center)))
        let ref = r.number.isEmpty ? "" : " số \(r.number)" + (r.day.map { " ngày \($0.isoToVietnamese)" } ?? "")
        blocks.append(
            .paragraph(
                DOCXParagraph(
                    "(Kèm theo Báo cáo\(ref) của \(d.issuer))", italic: true, size: 13, alignment: .center,
                    spacingAfter: 6)))
        blocks.append(
            .paragraph(
                DOCXParagraph(
                    "Số liệu đăng ký tính theo năm đăng ký, lấy cùng truy vấn với trang Tổng quan; khen thưởng tính theo "
                        + "ngày ký quyết định.", italic: true, size: 12, alignment: .justify, spacingAfter: 6)))
        for t in tables(d) {
            var caption = DOCXParagraph(t.caption, bold: true, size: 13, spacingBefore: 10, spacingAfter: 4)
            caption.keepWithNext = true
            blocks.append(.paragraph(caption))
            blocks.append(.table(DOCXTable.list(header: t.header, rows: t.rows, columnWidths: t.widths, size: 12)))
        }
        return try DOCXWriter.data(blocks: blocks)
    }

    /// "bao-cao-tong-ket-2025.docx".
    static func fileName(_ r: PeriodicReportModel) -> String {
        "bao-cao-\(r.kind == .interim ? "so-ket" : "tong-ket")-\(r.periodFrom)-\(r.periodTo).docx"
    }
}

extension String {
    /// "Sơ kết công tác…" → "sơ kết công tác…" (for a phrase inside a sentence).
    fileprivate var reportPhrase: String {
        guard let f = first else { return self }
        return String(f).lowercased() + dropFirst()
    }
}
