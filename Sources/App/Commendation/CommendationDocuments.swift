import Domain
import Fluent
import Foundation
import OOXML

/// The commendation documents, drafted as DOCX in the Nghị định 30/2020/NĐ-CP layout: national motto header,
/// place-and-date line, Times New Roman 14, A4 with the decree's margins, signature block and "Nơi nhận".
enum CommendationDocuments {
    enum Kind: String, CaseIterable {
        case toTrinh = "to-trinh", danhSach = "danh-sach", baoCao = "bao-cao-thanh-tich", quyetDinh = "quyet-dinh"
        case bienBan = "bien-ban", giayKhen = "danh-sach-in"
        var fileStem: String {
            switch self {
            case .toTrinh: return "to-trinh"
            case .danhSach: return "danh-sach-de-nghi"
            case .baoCao: return "bao-cao-thanh-tich"
            case .quyetDinh: return "quyet-dinh-khen-thuong"
            case .bienBan: return "bien-ban-hop-hoi-dong"
            case .giayKhen: return "danh-sach-in-giay-khen"
            }
        }
    }

    /// What the dossier documents are drawn from.
    struct DossierData {
        /// Gender, dates of birth and addresses appear only for readers `Policy` lets see personal data.
        var showPersonal = false
        /// Ethnicity (sensitive, NĐ 13/2023 Điều 2 khoản 4) only for readers of sensitive data.
        var showSensitive = false
        let dossier: DossierModel
        let unit: UnitModel
        let parent: UnitModel?
        /// The council the dossier was sent to: issuing body, signing block, recipients, number formats.
        let authority: AuthorityModel?
        /// The register entry that decided it, and the dossiers it covers (this one included).
        let decision: DecisionModel?
        let decisionDossiers: [DossierModel]
        /// The minutes' register entry of the meeting that considered it.
        let minutes: DecisionModel?
        let ruleSet: RuleSet
        let subjects: [Int: SubjectModel]
        let records: [Int: [AnnualRecordModel]]
        let initiatives: [Int: [InitiativeModel]]
        let awards: [Int: [AwardModel]]
        /// Evaluations of the nominee's registrations (by subject), oldest first.
        let evaluations: [Int: [EvaluationModel]]
        var nominees: [DossierNomineeModel] {
            dossier.nominees.sorted { ($0.formName, sortKey($0)) < ($1.formName, sortKey($1)) }
        }
        func sortKey(_ n: DossierNomineeModel) -> String { subjects[n.$subject.id]?.sortKey ?? "" }
    }

    static func load(_ d: DossierModel, sets: [RuleSet], on db: any Database) async throws -> DossierData {
        let parent = try await d.unit.$parent.get(on: db)
        let authority = try await d.$authority.id.asyncMap { try await AuthorityService.find($0, on: db) }
        let decision = try await d.decisionID.asyncMap { try await DecisionModel.find($0, on: db) } ?? nil
        var decisionDossiers = [d]
        if let did = d.decisionID {
            decisionDossiers = try await DossierModel.query(on: db).filter(\.$decisionID == did).with(\.$unit)
                .with(\.$nominees).sort(\.$id).all()
        }
        let minutes = try await d.meetingID.asyncMap { try await DecisionService.minutes(ofMeeting: $0, on: db) } ?? nil
        let ids = Array(
            Set(decisionDossiers.flatMap { $0.nominees.map { $0.$subject.id } } + d.nominees.map { $0.$subject.id }))
        let subjects = try await SubjectModel.query(on: db).filter(\.$id ~~ ids).with(\.$unit).all()
        let records = try await AnnualRecordModel.query(on: db).filter(\.$subject.$id ~~ ids).sort(\.$year).all()
        let initiatives = try await InitiativeModel.query(on: db).filter(\.$subject.$id ~~ ids).sort(\.$year).all()
        let awards = try await AwardModel.query(on: db).filter(\.$subject.$id ~~ ids).sort(\.$year).all()
        let evaluations = try await EvaluationModel.query(on: db).join(
            RegistrationModel.self, on: \EvaluationModel.$registration.$id == \RegistrationModel.$id
        ).filter(RegistrationModel.self, \.$subject.$id ~~ ids).sort(\.$date).all()
        return DossierData(
            dossier: d, unit: d.unit, parent: parent, authority: authority, decision: decision,
            decisionDossiers: decisionDossiers, minutes: minutes, ruleSet: try DossierService.ruleSet(d, sets: sets),
            subjects: Dictionary(uniqueKeysWithValues: subjects.compactMap { s in s.id.map { ($0, s) } }),
            records: Dictionary(grouping: records, by: { $0.$subject.id }),
            initiatives: Dictionary(grouping: initiatives, by: { $0.$subject.id }),
            awards: Dictionary(grouping: awards, by: { $0.$subject.id }),
            evaluations: Dictionary(
                grouping: try evaluations.map { ($0, try $0.joined(RegistrationModel.self).$subject.id) },
                by: { $0.1 }
            ).mapValues { $0.map(\.0) })
    }

    /// A number not yet given: the format with blanks for the sequence ("      /QĐ-UBND").
    static func blankNumber(_ format: String?, fallback: String) -> String {
        guard let format, format.contains(DecisionRegister.placeholder) else { return fallback }
        return format.replacingOccurrences(of: DecisionRegister.placeholder, with: "      ")
            .replacingOccurrences(of: "{year}", with: String(Today.year))
    }

    /// The signature block's capacity lines (Nghị định 30/2020/NĐ-CP, Phụ lục I): "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    /// "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", or the head's title alone.
    static func capacity(mode: SigningMode, chiefTitle: String, signerTitle: String, body: String) -> [String] {
        switch mode {
        case .direct: return [chiefTitle]
        case .kt: return ["KT. " + chiefTitle, signerTitle]
        case .tm:
            // The collective is the body without its place: "Ủy ban nhân dân xã Đăk Ruồng" → "Ủy ban nhân dân".
            let collective = ["Ủy ban nhân dân", "Hội đồng nhân dân"].first { body.hasPrefix($0) } ?? body
            return signerTitle == chiefTitle || signerTitle.isEmpty
                ? ["TM. " + collective, chiefTitle] : ["TM. " + collective, "KT. " + chiefTitle, signerTitle]
        }
    }

    /// One entry a line, empty lines dropped, end punctuation trimmed (the list adds its own).
    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map {
            VietnameseText.clean(String($0)).trimmingCharacters(in: CharacterSet(charactersIn: ".;,"))
        }.filter { !$0.isEmpty }
    }

    // MARK: Building blocks

    static func upper(_ s: String) -> String { s.uppercased(with: Locale(identifier: "vi_VN")) }

    static func header(parent: String?, issuer: String, number: String, place: String, date: Date) -> DOCXBlock {
        var left: [DOCXParagraph] = []
        if let parent, !parent.isEmpty { left.append(DOCXParagraph(upper(parent), size: 13)) }
        left.append(DOCXParagraph(upper(issuer), bold: true, size: 13))
        left.append(DOCXParagraph("Số: " + number, size: 13, spacingBefore: 6))
        let right = [
            DOCXParagraph(
                VietnameseDate.placeAndDateLine(place: place, date: date), italic: true, size: 14, spacingBefore: 6)
        ]
        return .table(DOCXTable.nationalMottoHeader(left: left, right: right))
    }

    static func title(_ type: String, _ summary: String) -> [DOCXBlock] {
        [
            .paragraph(
                DOCXParagraph(type, bold: true, size: 14, uppercase: true, alignment: .center, spacingBefore: 18)),
            .paragraph(DOCXParagraph(summary, bold: true, size: 14, alignment: .center, spacingAfter: 12)),
        ]
    }

    static func body(_ text: String) -> DOCXBlock {
        .paragraph(
            DOCXParagraph(
                text, size: 14, alignment: .justify, firstLineIndent: 1.27, spacingAfter: 6, lineSpacing: 1.15))
    }

    static func heading(_ text: String) -> DOCXBlock {
        .paragraph(DOCXParagraph(text, bold: true, size: 14, alignment: .left, spacingBefore: 6, spacingAfter: 6))
    }

    /// "Nơi nhận" on the left, the signature block on the right (Nghị định 30/2020, Phụ lục I).
    static func signature(recipients: [String], capacity: [String], name: String) -> DOCXBlock {
        var left = [DOCXParagraph(runs: [DOCXRun("Nơi nhận:", bold: true, italic: true, size: 12)])]
        for (i, r) in recipients.enumerated() {
            left.append(DOCXParagraph("- " + r + (i == recipients.count - 1 ? "." : ";"), size: 11))
        }
        var right = capacity.map { DOCXParagraph($0, bold: true, size: 14, uppercase: true, alignment: .center) }
        right.append(DOCXParagraph(" ", size: 14, spacingBefore: 48))
        right.append(DOCXParagraph(name.isEmpty ? " " : name, bold: true, size: 14, alignment: .center))
        return .table(
            DOCXTable(
                rows: [[DOCXTableCell(paragraphs: left), DOCXTableCell(paragraphs: right)]], columnWidths: [8.0, 8.5],
                borders: false))
    }

    static func subjectLine(_ s: SubjectModel?) -> String {
        guard let s else { return "" }
        return [s.position, s.unit.name].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    static func number(_ n: String, type: String, abbreviation: String) -> String {
        n.isEmpty ? "      /\(type)-\(abbreviation)" : n
    }

    // MARK: Dossier documents

    static func toTrinh(_ x: DossierData, date: Date = Date()) throws -> Data {
        let d = x.dossier
        let byForm = Dictionary(grouping: x.nominees, by: \.formCode)
        let confer = Set(byForm.keys.compactMap { x.ruleSet.form($0)?.conferredBy }).sorted().joined(separator: "; ")
        var blocks: [DOCXBlock] = [
            header(
                parent: x.parent?.name, issuer: x.unit.name,
                number: number(d.number, type: "TTr", abbreviation: x.unit.abbreviation),
                place: x.unit.place, date: date)
        ]
        blocks += title("Tờ trình", "Về việc đề nghị khen thưởng năm \(d.year)")
        blocks.append(
            .paragraph(
                DOCXParagraph(
                    "Kính gửi: \(x.authority?.councilName ?? "Hội đồng Thi đua - Khen thưởng")",
                    size: 14, alignment: .center, spacingAfter: 12)))
        blocks.append(body("Căn cứ \(x.ruleSet.legalBasis);"))
        blocks.append(body("Căn cứ kết quả bình xét thi đua năm \(d.year) của \(x.unit.name),"))
        blocks.append(
            body(
                "\(x.unit.name) kính trình xem xét, đề nghị cấp có thẩm quyền (\(confer)) khen thưởng cho \(x.nominees.count) tập thể, cá nhân, hộ gia đình có thành tích xuất sắc năm \(d.year), cụ thể:"
            ))
        for code in byForm.keys.sorted() {
            let list = byForm[code] ?? []
            blocks.append(
                body(
                    "- \(list.first?.formName ?? code): \(list.count) trường hợp ("
                        + list.map { x.subjects[$0.$subject.id]?.name ?? "" }.joined(separator: ", ") + ");"))
        }
        blocks.append(body("(Có danh sách và báo cáo thành tích kèm theo)."))
        blocks.append(body("Kính trình Hội đồng Thi đua - Khen thưởng xem xét, quyết định./."))
        blocks.append(signature(recipients: ["Như trên", "Lưu: VT"], capacity: ["Thủ trưởng đơn vị"], name: ""))
        return try DOCXWriter.data(blocks: blocks)
    }

    static func nomineeTable(_ x: DossierData, withVotes: Bool = false) -> DOCXTable {
        var header = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức", "Tóm tắt thành tích"]
        var widths = [1.2, 4.0, 4.0, 3.0, 4.3]
        if withVotes {
            header = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức", "Kết quả"]
            widths = [1.2, 4.2, 4.2, 3.2, 3.7]
        }
        let rows = x.nominees.enumerated().map { (i, n) -> [String] in
            let s = x.subjects[n.$subject.id]
            return [
                String(i + 1), s?.name ?? "", subjectLine(s), AchievementService.withKind(n.formName, n.kind),
                withVotes ? voteText(n) : (n.achievement.isEmpty ? "Xem báo cáo thành tích" : n.achievement),
            ]
        }
        return DOCXTable.list(header: header, rows: rows, columnWidths: widths, size: 12)
    }

    static func voteText(_ n: DossierNomineeModel) -> String {
        guard let yes = n.voteYes, let total = n.voteTotal, total > 0 else { return "" }
        let pct = VietnameseNumber.format(Double(yes) * 100 / Double(total), maxFractionDigits: 1)
        return "\(yes)/\(total) (\(pct)%) — " + (n.votePassed == true ? "Đạt" : "Không đạt")
    }

    static func danhSach(_ x: DossierData, date: Date = Date()) throws -> Data {
        let d = x.dossier
        var blocks: [DOCXBlock] = [
            header(
                parent: x.parent?.name, issuer: x.unit.name,
                number: number(d.number, type: "TTr", abbreviation: x.unit.abbreviation),
                place: x.unit.place, date: date)
        ]
        blocks += title("Danh sách", "Đề nghị khen thưởng năm \(d.year)")
        blocks.append(
            .paragraph(
                DOCXParagraph(
                    "(Kèm theo Tờ trình số \(number(d.number, type: "TTr", abbreviation: x.unit.abbreviation)) của \(x.unit.name))",
                    italic: true, size: 14, alignment: .center, spacingAfter: 12)))
        blocks.append(.table(nomineeTable(x)))
        blocks.append(.paragraph(DOCXParagraph("Tổng số: \(x.nominees.count) trường hợp.", size: 14, spacingBefore: 6)))
        blocks.append(signature(recipients: ["Lưu: VT"], capacity: ["Thủ trưởng đơn vị"], name: ""))
        return try DOCXWriter.data(blocks: blocks)
    }

    /// One report per nominee (NĐ 98/2023 Phụ lục I: Mẫu 02 for collectives, Mẫu 03 for individuals), one after another.
    static func baoCao(_ x: DossierData, date: Date = Date()) throws -> Data {
        var blocks: [DOCXBlock] = []
        for (i, n) in x.nominees.enumerated() {
            if i > 0 { blocks.append(.pageBreak) }
            blocks += report(n, x, date: date)
        }
        return try DOCXWriter.data(blocks: blocks)
    }

    static func report(_ n: DossierNomineeModel, _ x: DossierData, date: Date) -> [DOCXBlock] {
        let sid = n.$subject.id
        let s = x.subjects[sid]
        let individual = s?.subjectKind == .individual
        var blocks: [DOCXBlock] = [
            .table(
                DOCXTable.nationalMottoHeader(
                    left: [DOCXParagraph(upper(x.unit.name), bold: true, size: 13)],
                    right: [
                        DOCXParagraph(
                            VietnameseDate.placeAndDateLine(place: x.unit.place, date: date), italic: true, size: 14,
                            spacingBefore: 6)
                    ]))
        ]
        blocks += title("Báo cáo thành tích", "Đề nghị tặng \(n.formName)")
        blocks.append(
            .paragraph(
                DOCXParagraph(
                    templateCaption(individual: individual, ruleSet: x.ruleSet), italic: true,
                    size: 13, alignment: .center, spacingAfter: 12)))
        if individual {
            blocks.append(heading("I. SƠ LƯỢC LÝ LỊCH"))
            blocks.append(
                body(
                    "- Họ và tên: \(s?.name ?? "")"
                        + (!x.showPersonal || (s?.gender ?? "").isEmpty
                            ? "" : "; giới tính: \(SubjectCatalogues.genderLabel(s?.gender ?? ""))")
                        + "."))
            if x.showPersonal, let b = s?.birthDate, !b.isEmpty {
                blocks.append(body("- Ngày, tháng, năm sinh: \(VietnameseDate.isoToDisplay(b))."))
            }
            if x.showSensitive, let e = s?.ethnicity, !e.isEmpty {
                blocks.append(body("- Dân tộc: \(SubjectCatalogues.ethnicityName(e))."))
            }
            blocks.append(body("- Chức vụ, đơn vị công tác: \(subjectLine(s))."))
        } else {
            blocks.append(heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"))
            blocks.append(body("- Tên \(s?.subjectKind == .household ? "hộ gia đình" : "tập thể"): \(s?.name ?? "")."))
            if x.showPersonal, let a = s?.address, !a.isEmpty { blocks.append(body("- Địa chỉ: \(a).")) }
            if let r = x.records[sid]?.last(where: { $0.year == x.dossier.year }), let m = r.memberCount {
                blocks.append(body("- Tổng số thành viên: \(m)."))
            }
        }
        blocks.append(heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
        if !n.achievement.isEmpty { blocks.append(body(n.achievement)) }
        let facts = achievements(sid, x)
        blocks += facts.map(body)
        if n.achievement.isEmpty && facts.isEmpty {
            blocks.append(
                body(
                    "Hệ thống chưa có kết quả xếp loại, danh hiệu, sáng kiến hay đánh giá nào của trường hợp này; "
                        + "đơn vị ghi thành tích trước khi ký."))
        }
        blocks.append(heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
        let awards = x.awards[sid] ?? []
        if awards.isEmpty {
            blocks.append(body("Chưa có."))
        } else {
            blocks.append(
                .table(
                    DOCXTable.list(
                        header: ["Năm", "Hình thức khen thưởng", "Số, ngày quyết định; cơ quan ban hành"],
                        rows: awards.map {
                            [
                                String($0.year), AchievementService.withKind($0.formName, $0.kind),
                                "\($0.decisionNumber) ngày \($0.decisionDate.isoToVietnamese); \($0.authority)",
                            ]
                        },
                        columnWidths: [2.0, 6.0, 8.5], size: 12)))
        }
        let capacityLeft = individual ? "Thủ trưởng đơn vị xác nhận" : " "
        let capacityRight = individual ? "Người báo cáo thành tích" : "Thủ trưởng đơn vị"
        blocks.append(
            .table(
                DOCXTable(
                    rows: [
                        [
                            DOCXTableCell(paragraphs: [
                                DOCXParagraph(
                                    capacityLeft, bold: true, size: 14, uppercase: true, alignment: .center,
                                    spacingBefore: 12)
                            ]),
                            DOCXTableCell(paragraphs: [
                                DOCXParagraph(
                                    capacityRight, bold: true, size: 14, uppercase: true, alignment: .center,
                                    spacingBefore: 12),
                                DOCXParagraph(
                                    individual ? (s?.name ?? "") : " ", bold: true, size: 14, alignment: .center,
                                    spacingBefore: 60),
                            ]),
                        ]
                    ],
                    columnWidths: [8.0, 8.5], borders: false)))
        return blocks
    }

    /// The decision, from the authority's data (or, once issued, the register entry's snapshot of it): issuing
    /// body, number, place and date, "Căn cứ", Điều 1–3, "Nơi nhận" and the signature block; one decision may
    /// cover several dossiers, listed together.
    /// What the system knows the nominee achieved, up to the dossier's year: each year's rating and titles (the
    /// last five years), initiatives and research topics, and the evaluations of its registrations.
    static func achievements(_ sid: Int, _ x: DossierData) -> [String] {
        let year = x.dossier.year
        var out: [String] = []
        for r in (x.records[sid] ?? []).filter({ $0.year <= year && $0.year > year - 5 }).sorted(by: {
            $0.year < $1.year
        }) {
            var parts: [String] = []
            if let rating = r.taskRating.flatMap(TaskRating.init(rawValue:)) {
                parts.append("xếp loại \(rating.label)")
            }
            if !r.titleSet.isEmpty { parts.append("danh hiệu " + r.titleSet.sorted().joined(separator: ", ")) }
            if !parts.isEmpty { out.append("- Năm \(r.year): " + parts.joined(separator: "; ") + ".") }
        }
        for i in (x.initiatives[sid] ?? []).filter({ $0.year <= year }) {
            out.append(
                "- \(InitiativeDTO(i).kindLabel) “\(i.title)” (năm \(i.year), phạm vi \(InitiativeDTO(i).scopeLabel.lowercased()))"
                    + (i.recognition.isEmpty ? "." : ", \(i.recognition)."))
        }
        for e in x.evaluations[sid] ?? [] where Int(e.date.prefix(4)).map({ $0 <= year + 1 }) ?? true {
            out.append(
                "- Đánh giá \(e.period.isEmpty ? "" : e.period + " ")ngày \(e.date.isoToVietnamese): \(e.conclusion.label)"
                    + (e.summary.isEmpty ? "." : "; \(e.summary)")
                    + " (\(e.metCount) tiêu chí đạt, \(e.unmetCount) chưa đạt).")
        }
        return out
    }

    /// The report's template: Nghị định 98/2023/NĐ-CP Phụ lục I Mẫu 02 (collective) and 03 (individual); for the
    /// rules from 01/07/2025 the number of the template in Nghị định 152/2025/NĐ-CP's annex is not confirmed.
    static func templateCaption(individual: Bool, ruleSet: RuleSet) -> String {
        let kind = individual ? "cá nhân" : "tập thể"
        if ruleSet.legalBasis.contains("98/2023") {
            return "(Mẫu số \(individual ? "03" : "02") Phụ lục I Nghị định 98/2023/NĐ-CP — báo cáo thành tích \(kind))"
        }
        if ruleSet.legalBasis.contains("152/2025") {
            return "(Báo cáo thành tích \(kind) theo Phụ lục Nghị định 152/2025/NĐ-CP — số hiệu mẫu cần xác minh)"
        }
        return "(Mẫu báo cáo thành tích \(kind))"
    }

    static func quyetDinh(_ x: DossierData, date: Date = Date()) throws -> Data {
        let d = x.dossier
        let q = x.decision
        let a = x.authority
        let issuer = q?.issuer ?? a?.name ?? (d.decisionAuthority.isEmpty ? "Ủy ban nhân dân" : d.decisionAuthority)
        let qNumber =
            q?.number
            ?? (d.decisionNumber.isEmpty
                ? blankNumber(a?.decisionFormat, fallback: "      /QĐ-UBND") : d.decisionNumber)
        let day = q?.day ?? d.decisionDate
        let decidedOn = day.isEmpty ? date : (VietnameseDate.parse(day.isoToVietnamese) ?? date)
        let dossiers = x.decisionDossiers.isEmpty ? [d] : x.decisionDossiers
        let decided = d.status == .decided
        // Decided: those awarded. Draft: those the council passed after a passing appraisal, of this authority.
        let winners = dossiers.flatMap { dd in
            dd.nominees.filter {
                decided
                    ? $0.awardID != nil
                    : $0.isDecided(by: dd.$authority.id)
            }.map { (dd, $0) }
        }.sorted { ($0.1.formName, x.sortKey($0.1)) < ($1.1.formName, x.sortKey($1.1)) }
        let years = Set(dossiers.map(\.year)).sorted().map(String.init).joined(separator: ", ")
        var blocks: [DOCXBlock] = [
            header(
                parent: nil, issuer: issuer, number: qNumber, place: q?.place ?? a?.place ?? x.unit.place,
                date: decidedOn)
        ]
        blocks += title("Quyết định", "Về việc khen thưởng thành tích năm \(years)")
        blocks.append(
            .paragraph(
                DOCXParagraph(
                    upper(a?.headTitle ?? "Chủ tịch " + issuer), bold: true, size: 14, alignment: .center,
                    spacingAfter: 12)))
        if issuer.hasPrefix("Ủy ban nhân dân") {
            blocks.append(body("Căn cứ Luật Tổ chức chính quyền địa phương;"))
        }
        blocks.append(body("Căn cứ \(x.ruleSet.legalBasis);"))
        if let m = x.minutes {
            blocks.append(
                body(
                    "Căn cứ Biên bản số \(m.number) ngày \(m.day.isoToVietnamese) họp \(a?.councilName ?? "Hội đồng Thi đua - Khen thưởng");"
                ))
        }
        let proposals = dossiers.map {
            "\($0.unit.name) tại Tờ trình số \(number($0.number, type: "TTr", abbreviation: $0.unit.abbreviation))"
        }
        blocks.append(
            body(
                "Xét đề nghị của " + proposals.joined(separator: "; ")
                    + " và đề nghị của Thường trực \(a?.councilName ?? "Hội đồng Thi đua - Khen thưởng")."))
        blocks.append(
            .paragraph(
                DOCXParagraph(
                    "QUYẾT ĐỊNH:", bold: true, size: 14, alignment: .center, spacingBefore: 6, spacingAfter: 6)))
        let forms = Set(winners.map(\.1.formName)).sorted()
        blocks.append(
            body(
                "Điều 1. Tặng \(forms.joined(separator: ", ")) cho \(winners.count) tập thể, cá nhân, hộ gia đình đã có thành tích xuất sắc năm \(years) (có danh sách kèm theo)."
            ))
        blocks.append(body("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."))
        let executors = lines(q?.executors ?? a?.executors ?? "")
        let units = dossiers.map { "thủ trưởng \($0.unit.name)" }
        var who = executors
        for u in units where !who.contains(u) { who.append(u) }
        blocks.append(
            body(
                "Điều 3. " + (who.isEmpty ? "Thủ trưởng các cơ quan, đơn vị có liên quan" : who.joined(separator: ", "))
                    + " và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."))
        var recipients = lines(q?.recipients ?? a?.recipients ?? "")
        if !recipients.contains(where: { $0.hasPrefix("Như Điều 3") }) { recipients.insert("Như Điều 3", at: 0) }
        if !recipients.contains(where: { $0.hasPrefix("Lưu") }) { recipients.append("Lưu: VT") }
        blocks.append(
            signature(
                recipients: recipients,
                capacity: capacity(
                    mode: q?.signingMode ?? a?.signingMode ?? .kt,
                    chiefTitle: q?.chiefTitle ?? a?.chiefTitle ?? "Chủ tịch",
                    signerTitle: q?.signerTitle ?? a?.signerTitle ?? "Phó Chủ tịch", body: issuer),
                name: q?.signerName ?? (d.decisionSigner.isEmpty ? (a?.signerName ?? "") : d.decisionSigner)))
        blocks.append(.pageBreak)
        blocks += title("Danh sách", "Khen thưởng thành tích năm \(years)")
        blocks.append(
            .paragraph(
                DOCXParagraph(
                    "(Kèm theo Quyết định số \(qNumber) ngày \(VietnameseDate.format(decidedOn)) của \(a?.headTitle ?? issuer))",
                    italic: true, size: 14, alignment: .center, spacingAfter: 12)))
        var rows = winners.enumerated().map { (i, w) -> [String] in
            let s = x.subjects[w.1.$subject.id]
            return [String(i + 1), s?.name ?? "", subjectLine(s), AchievementService.withKind(w.1.formName, w.1.kind)]
        }
        // Issue 14: the reward money of each award, and the total, once the decision priced them.
        let amounts = winners.map { w in x.awards[w.1.$subject.id]?.first { $0.id == w.1.awardID }?.rewardAmount }
        if amounts.contains(where: { $0 != nil }) {
            rows = zip(rows, amounts).map { $0 + [$1.map(VietnameseText.grouped) ?? ""] }
            rows.append(["", "Tổng cộng", "", "", VietnameseText.grouped(amounts.compactMap { $0 }.reduce(0, +))])
            blocks.append(
                .table(
                    DOCXTable.list(
                        header: [
                            "STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng",
                            "Tiền thưởng (đồng)",
                        ], rows: rows, columnWidths: [1.2, 4.6, 5.0, 3.4, 2.6], size: 12)))
            return try DOCXWriter.data(blocks: blocks)
        }
        blocks.append(
            .table(
                DOCXTable.list(
                    header: ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng"], rows: rows,
                    columnWidths: [1.2, 5.5, 6.0, 3.8], size: 12)))
        return try DOCXWriter.data(blocks: blocks)
    }

    /// The list for printing certificates: who, which form, which decision.
    static func certificateList(_ x: DossierData) throws -> Data {
        let d = x.dossier
        var blocks: [DOCXBlock] = title(
            "Danh sách in giấy khen, giấy chứng nhận",
            "Theo Quyết định số \(d.decisionNumber) ngày \(d.decisionDate.isoToVietnamese) của \(d.decisionAuthority)")
        let rows = x.nominees.filter { $0.awardID != nil }.enumerated().map { (i, n) -> [String] in
            let s = x.subjects[n.$subject.id]
            return [String(i + 1), s?.name ?? "", subjectLine(s), n.formName, "Năm \(d.year)", d.decisionNumber]
        }
        blocks.append(
            .table(
                DOCXTable.list(
                    header: [
                        "STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức", "Thành tích", "Số quyết định",
                    ],
                    rows: rows, columnWidths: [1.2, 4.5, 4.6, 3.0, 1.8, 2.4], size: 12)))
        return try DOCXWriter.data(blocks: blocks, page: DOCXPage(width: 297, height: 210))
    }

    // MARK: Council minutes

    /// The minutes: the council of the meeting's authority, the number from its register.
    static func bienBan(_ v: MeetingView, minutes: DecisionModel?) throws -> Data {
        let m = v.meeting
        let date = VietnameseDate.parse(m.meetingDate.isoToVietnamese) ?? Date()
        var blocks: [DOCXBlock] = [
            header(
                parent: v.authority.name, issuer: v.authority.councilName,
                number: minutes?.number ?? blankNumber(v.authority.minutesFormat, fallback: "      /BB-HĐTĐKT"),
                place: v.authority.place, date: date)
        ]
        blocks += title("Biên bản", m.title)
        blocks.append(body("Thời gian: ngày \(m.meetingDate.isoToVietnamese). Địa điểm: \(m.location)."))
        blocks.append(body("Chủ trì: \(m.chair). Thư ký: \(m.secretary)."))
        let present = v.attendance.filter(\.present)
        let absent = v.attendance.filter { !$0.present }
        blocks.append(
            body(
                "Tổng số thành viên Hội đồng: \(v.total); có mặt: \(present.count); vắng mặt: \(absent.count)"
                    + (absent.isEmpty
                        ? "."
                        : " ("
                            + absent.map { $0.member.name + ($0.written ? ", có phiếu gửi bằng văn bản" : "") }.joined(
                                separator: "; ") + ").")))
        let rule = v.ruleSet.procedure?.council
        blocks.append(
            body(
                "Số thành viên có mặt " + (v.quorumMet ? "đủ" : "không đủ")
                    + " điều kiện tiến hành cuộc họp (cần ít nhất \(v.quorumNeeded)/\(v.total) thành viên; \(rule?.quorumArticle ?? ""))."
            ))
        blocks.append(heading("I. NỘI DUNG"))
        blocks.append(
            body(
                "Hội đồng xem xét \(v.dossiers.count) hồ sơ đề nghị khen thưởng đã được Thường trực Hội đồng thẩm định: "
                    + v.dossiers.map { "\($0.unit.name) (Tờ trình số \($0.number))" }.joined(separator: "; ") + "."))
        blocks.append(
            body(
                "Hội đồng biểu quyết bằng phiếu kín; tỷ lệ phiếu tính trên tổng số thành viên Hội đồng, thành viên vắng mặt cho ý kiến bằng phiếu gửi bằng văn bản (\(rule?.thresholdArticle ?? ""))."
            ))
        blocks.append(heading("II. KẾT QUẢ KIỂM PHIẾU"))
        let rows = v.nominees.enumerated().map { (i, n) -> [String] in
            let x = n.nominee
            let pct =
                x.voteTotal.map {
                    $0 > 0
                        ? VietnameseNumber.format(Double(x.voteYes ?? 0) * 100 / Double($0), maxFractionDigits: 1) + "%"
                        : ""
                } ?? ""
            let need = (n.threshold.strict ? "> " : "≥ ") + "\(n.threshold.percent)%"
            return [
                String(i + 1), x.subject.name, n.dossier.unit.shortName, x.formName, x.voteYes.map(String.init) ?? "",
                x.voteNo.map(String.init) ?? "", x.voteRecused.map(String.init) ?? "",
                x.voteWritten.map(String.init) ?? "", pct, need,
                x.votePassed.map { $0 ? "Đạt" : "Không đạt" } ?? "Chưa kiểm phiếu",
            ]
        }
        blocks.append(
            .table(
                DOCXTable.list(
                    header: [
                        "STT", "Họ tên / Tập thể", "Đơn vị đề nghị", "Hình thức", "Đồng ý", "Không đồng ý",
                        "Không biểu quyết",
                        "Phiếu gửi", "Tỷ lệ đồng ý / tổng số TV", "Yêu cầu", "Kết quả",
                    ],
                    rows: rows, columnWidths: [1.0, 4.2, 3.2, 3.4, 1.6, 1.8, 2.0, 1.6, 2.4, 1.6, 2.2], size: 11)))
        let recused = v.nominees.filter { ($0.nominee.voteRecused ?? 0) > 0 }
        if !recused.isEmpty {
            blocks.append(
                body(
                    "Thành viên thuộc đơn vị đề nghị xin không biểu quyết đối với: "
                        + recused.map(\.nominee.subject.name).joined(separator: ", ") + "."))
        }
        if !m.notes.isEmpty {
            blocks.append(heading("III. Ý KIẾN TẠI CUỘC HỌP"))
            blocks.append(body(m.notes))
        }
        blocks.append(body("Cuộc họp kết thúc; biên bản được thông qua trước các thành viên dự họp./."))
        blocks.append(
            .table(
                DOCXTable(
                    rows: [
                        [
                            DOCXTableCell(paragraphs: [
                                DOCXParagraph(
                                    "Thư ký", bold: true, size: 14, uppercase: true, alignment: .center,
                                    spacingBefore: 12),
                                DOCXParagraph(m.secretary, bold: true, size: 14, alignment: .center, spacingBefore: 60),
                            ]),
                            DOCXTableCell(paragraphs: [
                                DOCXParagraph(
                                    "Chủ trì", bold: true, size: 14, uppercase: true, alignment: .center,
                                    spacingBefore: 12),
                                DOCXParagraph(m.chair, bold: true, size: 14, alignment: .center, spacingBefore: 60),
                            ]),
                        ]
                    ],
                    columnWidths: [8.0, 8.5], borders: false)))
        return try DOCXWriter.data(
            blocks: blocks,
            page: DOCXPage(width: 297, height: 210, marginTop: 20, marginBottom: 20, marginLeft: 25, marginRight: 15))
    }
}
