import Domain
import Fluent
import OOXML
import Vapor

/// A registration's year: the annual record, nurturing actions, evaluations with evidence, and the status the
/// evaluations allow.
extension DemoDistrictRun {
    func lifecycle(_ m: Member, year: Int, intent: Intent, on db: any Database) async throws {
        guard let rid = m.registrations[year], let sid = m.subjectID else { return }
        try await timed("kết quả năm") { try await annualRecord(m, subjectID: sid, year: year, intent: intent, on: db) }
        if m.strong, m.kind == .individual, year >= 2024, m.typeCodes.first != "CN-04" {
            _ = try await AwardService.addInitiative(
                subjectID: sid,
                InitiativeInput(
                    year: year, kind: "sang-kien", title: plan.initiatives[rng.int(plan.initiatives.count)],
                    scope: InitiativeScope.coSo.rawValue,
                    recognition: "Hội đồng sáng kiến \(m.home.unit.shortName) công nhận năm \(year)"),
                actor: actor, on: db)
        }
        _ = try await RegistrationService.transition(
            rid, TransitionInput(.nurturing, reason: "Đưa vào kế hoạch bồi dưỡng năm \(year)"), actor: actor, on: db)
        try await timed("bồi dưỡng") { try await actions(m, registrationID: rid, year: year, on: db) }

        let evaluator = evaluatorName(m.home)
        if rng.chance(0.2), past("\(year)-07-10") {
            _ = try await timed("đánh giá") {
                try await evaluate(
                    rid, m: m, date: "10/07/\(year)", period: "6 tháng đầu năm \(year)", evaluator: evaluator,
                    intent: .progress, on: db)
            }
        }
        guard past("\(year)-11-25") else { return }
        let (final, conclusion) = try await timed("đánh giá") {
            try await evaluate(
                rid, m: m, date: "25/11/\(year)", period: "Năm \(year)", evaluator: evaluator, intent: intent, on: db)
        }
        if rng.chance(0.3) {
            try await timed("minh chứng") {
                try await evidence(m, registrationID: rid, evaluationID: final, year: year, on: db)
            }
        }
        switch conclusion {
        case .achieved:
            _ = try await RegistrationService.transition(
                rid, TransitionInput(.achieved, reason: "Kết quả đánh giá năm \(year): đạt tiêu chuẩn"), actor: actor,
                on: db)
            if year == 2023, rng.chance(0.15) {
                _ = try await RegistrationService.transition(
                    rid, TransitionInput(.replicated, reason: "Các thôn, đơn vị khác học tập, áp dụng mô hình"),
                    actor: actor, on: db)
            }
        case .notAchieved:
            _ = try await RegistrationService.transition(
                rid,
                TransitionInput(
                    .notAchieved, reason: "Kết quả đánh giá năm \(year) còn tiêu chí chưa đạt; tiếp tục bồi dưỡng"),
                actor: actor, on: db)
        case .inProgress:
            if m.toYear == year {
                _ = try await RegistrationService.transition(
                    rid, TransitionInput(.stopped, reason: "Đơn vị không đăng ký tiếp năm \(year + 1)"), actor: actor,
                    on: db)
            }
        }
    }

    func evaluatorName(_ home: Home) -> String {
        let commune = homes.first { $0.unit.code == home.communeCode }?.unit.shortName ?? ""
        return (plan.evaluators[home.part] ?? "Đoàn kiểm tra Phòng Nội vụ huyện")
            .replacingOccurrences(of: "{unit}", with: home.unit.shortName.lowercasedFirst)
            .replacingOccurrences(of: "{commune}", with: commune.lowercasedFirst)
    }

    /// The year's rating and titles: strong members excel; the titles follow the rating.
    func annualRecord(_ m: Member, subjectID: Int, year: Int, intent: Intent, on db: any Database) async throws {
        let rating: TaskRating =
            m.strong && intent != .fail ? .excellent : intent == .fail ? .completed : .good
        var input = AnnualRecordInput(year: year, note: "")
        switch m.kind {
        case .individual:
            input.taskRating = rating.rawValue
            input.titles = rating == .completed ? [] : ["Lao động tiên tiến"]
        case .household:
            input.titles = intent == .fail ? [] : ["Gia đình văn hóa"]
            input.familyExclusions = []
        case .collective:
            input.taskRating = rating.rawValue
            let total = 8 + rng.int(30)
            let ldtt = rating == .completed ? total / 2 : total - rng.int(max(1, total / 5))
            input.memberCount = total
            input.membersCompleting = max(ldtt, total - 1)
            input.membersLDTT = ldtt
            input.membersCSTD = m.strong ? 1 + rng.int(3) : 0
            input.membersDisciplined = 0
            if rating != .completed { input.titles = ["Tập thể lao động tiên tiến"] }
        }
        _ = try await SubjectService.saveAnnualRecord(subjectID: subjectID, input, actor: actor, on: db)
    }

    func actions(_ m: Member, registrationID: Int, year: Int, on db: any Database) async throws {
        let dues = ["03-31", "06-30", "09-30", "11-30"]
        let count = 2 + rng.int(2)
        let first = rng.int(plan.actions.count)
        // Late years keep more work open: 2025's plans are still running when the demo opens.
        let openChance = year == 2023 ? 0.04 : year == 2024 ? 0.1 : 0.3
        let responsible =
            m.home.part == "agency" || m.home.part == "school"
            ? m.home.unit.shortName
            : "UBND " + (homes.first { $0.unit.code == m.home.communeCode }?.unit.shortName ?? "")
        for i in 0..<count {
            let due = "\(year)-\(dues[(i * 4) / count])"
            let progress: ActionStatus
            if past(due) {
                progress = rng.chance(openChance) ? (rng.chance(0.5) ? .inProgress : .planned) : .done
            } else {
                progress = rng.chance(0.5) ? .inProgress : .planned
            }
            _ = try await NurturingService.create(
                registrationID: registrationID,
                ActionInput(
                    title: plan.actions[(first + i) % plan.actions.count], responsible: responsible,
                    responsibleUnitID: m.home.id, dueDate: due.isoToVietnamese, status: progress.rawValue,
                    note: progress == .done ? "Đã thực hiện đúng kế hoạch." : ""),
                actor: actor, on: db)
        }
    }

    /// An evaluation whose inputs follow the intent; the engine decides the outcomes. An "achieve" that meets an
    /// unmet criterion (a rating not reached, a household not the highest income) is concluded "in progress".
    func evaluate(
        _ rid: Int, m: Member, date: String, period: String, evaluator: String, intent: Intent, on db: any Database
    ) async throws -> (Int, EvaluationConclusion) {
        // The criteria depend on the type, the unit and the year: read once per combination.
        let key = "\(m.type(for: Int(period.suffix(4)) ?? 0))|\(m.home.id)|\(period.suffix(4))|\(m.kind.rawValue)"
        let criteria: [ResolvedCriterion]
        if let known = criteriaCache[key] {
            criteria = known
        } else {
            let r = try await RegistrationQueries.readable(rid, actor: actor, on: db)
            criteria = try await CriteriaService.criteria(for: r, on: db)
            criteriaCache[key] = criteria
        }
        var inputs: [String: CriterionInput] = [:]
        for c in criteria {
            let roll = rng.int(10)
            let outcome: Intent =
                switch intent {
                case .achieve: .achieve
                case .progress: roll < 7 ? .achieve : roll < 9 ? .progress : .fail
                case .fail: roll < 4 ? .achieve : roll < 6 ? .progress : .fail
                }
            // .progress here means "no data yet".
            guard outcome != .progress else { continue }
            if let given = input(c.spec, met: outcome == .achieve, strong: m.strong) { inputs[c.spec.code] = given }
        }
        let wanted: EvaluationConclusion =
            intent == .achieve ? .achieved : intent == .fail ? .notAchieved : .inProgress
        func make(_ conclusion: EvaluationConclusion) async throws -> EvaluationModel {
            try await EvaluationService.create(
                registrationID: rid,
                EvaluationInput(
                    date: date, period: period, evaluator: evaluator,
                    effect: "Mô hình phát huy tác dụng tại địa phương, được Nhân dân đồng tình.",
                    effectiveness: conclusion == .achieved ? "Hiệu quả rõ rệt." : "Bước đầu có hiệu quả.",
                    growthPotential: "Có khả năng nhân rộng ra các thôn, đơn vị khác.",
                    influence: "Lan tỏa trong cơ quan, đơn vị và cộng đồng dân cư.",
                    difficulties: conclusion == .achieved ? "" : "Thiếu kinh phí duy trì; hồ sơ minh chứng chưa đủ.",
                    helpGiven: "Hướng dẫn hoàn thiện hồ sơ; hỗ trợ tập huấn.", conclusion: conclusion.rawValue,
                    summary: "\(period): \(conclusion.label).", inputs: inputs),
                actor: actor, on: db)
        }
        do {
            let e = try await make(wanted)
            return (try e.requireID(), wanted)
        } catch let error as AppError where wanted == .achieved && error.status == .unprocessableEntity {
            let e = try await make(.inProgress)
            return (try e.requireID(), .inProgress)
        }
    }

    /// What an evaluator would type for a criterion that is met (or not).
    func input(_ spec: CriterionSpec, met: Bool, strong: Bool) -> CriterionInput? {
        switch spec.kind {
        case .boolean:
            return CriterionInput(met: met, evidence: met ? "Biên bản kiểm tra" : nil)
        case .share:
            return met
                ? CriterionInput(numerator: 80, denominator: 100, subNumerator: 4, subDenominator: 4)
                : CriterionInput(numerator: 55, denominator: 100, subNumerator: 3, subDenominator: 4)
        case .zeroCount:
            return CriterionInput(count: met ? 0 : 1 + rng.int(3))
        case .trend:
            let down = (spec.direction ?? "decrease") == "decrease"
            return down
                ? CriterionInput(value: met ? 5.5 : 9.2, previousValue: 8.7)
                : CriterionInput(value: met ? 118 : 92, previousValue: 100)
        case .rankInLocality:
            // Million đồng a year; the engine ranks it against the other households of the unit.
            return CriterionInput(value: Double(strong ? 150 + rng.int(60) : 40 + rng.int(80)))
        default:
            // Titles, ratings and the leader rule come from the annual records, not from the evaluator.
            return nil
        }
    }

    /// A small generated file through the evidence service: a DOCX record of the inspection, or a one-page PDF.
    func evidence(_ m: Member, registrationID: Int, evaluationID: Int, year: Int, on db: any Database) async throws {
        let name = m.input.name
        if rng.chance(0.7) {
            let data = try DOCXWriter.data(paragraphs: [
                DOCXParagraph("BIÊN BẢN KIỂM TRA, ĐÁNH GIÁ", bold: true, uppercase: true, alignment: .center),
                DOCXParagraph("Đối tượng: \(name) — năm \(year)", alignment: .center),
                DOCXParagraph("Tài liệu mẫu của dữ liệu trình diễn; nội dung hư cấu.", alignment: .center),
            ])
            _ = try await EvidenceService.store(
                registrationID: registrationID, evaluationID: evaluationID, filename: "bien-ban-kiem-tra-\(year).docx",
                bytes: Array(data), description: "Biên bản kiểm tra, đánh giá năm \(year)", actor: actor, app: app,
                on: db)
        } else {
            _ = try await EvidenceService.store(
                registrationID: registrationID, evaluationID: evaluationID, filename: "anh-hoat-dong-\(year).pdf",
                bytes: Self.pdf("Demo evidence \(year): \(VietnameseText.fold(name))"),
                description: "Ảnh hoạt động của mô hình năm \(year) (bản PDF)", actor: actor, app: app, on: db)
        }
    }

    /// A minimal one-page PDF with a correct cross-reference table (the evidence check reads startxref).
    static func pdf(_ text: String) -> [UInt8] {
        let safe = text.filter { $0.isASCII && $0 != "(" && $0 != ")" && $0 != "\\" }
        let stream = "BT /F1 14 Tf 72 760 Td (\(safe)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}
