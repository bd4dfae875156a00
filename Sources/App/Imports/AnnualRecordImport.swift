import Domain
import Fluent
import OOXML
import Vapor

/// Year-end results from a spreadsheet: one row per subject and year, with the rating, titles, discipline,
/// leave, an initiative and an award. Every row is checked first; a file with a bad row imports nothing.
enum AnnualRecordImport {
    enum Column: String, CaseIterable {
        case unitCode = "Mã đơn vị", kind = "Loại đối tượng", name = "Tên đối tượng", idNumber = "Số CCCD", year = "Năm"
        case rating = "Xếp loại nhiệm vụ", titles = "Danh hiệu", discipline = "Kỷ luật", pending =
            "Đang xem xét kỷ luật"
        case maternity = "Nghỉ thai sản", treatment = "Điều trị do bị thương khi làm nhiệm vụ"
        case initiative = "Sáng kiến, đề tài", initiativeScope = "Phạm vi công nhận"
        case award = "Hình thức khen thưởng", awardLevel = "Cấp khen thưởng", decisionNumber = "Số quyết định",
            decisionDate = "Ngày quyết định", authority = "Cơ quan ban hành"
        var required: Bool { [.unitCode, .kind, .name, .year].contains(self) }
    }

    struct Result: Content, Sendable {
        let created: Int
        let updated: Int
        let errors: [ImportErrorItem]
        /// Cells that would run as a formula in a spreadsheet (imported all the same).
        var warnings: [ImportErrorItem] = []
    }

    struct Plan {
        let row: Int
        let unit: UnitModel
        let kind: SubjectKind
        let name: String
        let idNumber: String
        let record: AnnualRecordInput
        let initiative: InitiativeInput?
        let award: AwardInput?
        /// Answers to judgement questions from the optional "Đánh giá: <key>" columns (issue 9): key → yes/no.
        var judgements: [(key: String, answer: Bool)] = []
    }

    /// The optional judgement columns: "Đánh giá: tu-luc-doan-ket" holds "Có" or "Không" (empty: not answered).
    static let judgementPrefix = "Đánh giá:"

    static func judgementColumns(_ header: [String]) -> [(index: Int, key: String, title: String)] {
        header.enumerated().compactMap { i, raw in
            let title = VietnameseText.clean(raw)
            guard VietnameseText.fold(title).hasPrefix(VietnameseText.fold(judgementPrefix)) else { return nil }
            let key = title.dropFirst(judgementPrefix.count).trimmingCharacters(in: .whitespaces)
            return key.isEmpty ? nil : (i, key, title)
        }
    }

    static func templateRows() -> [[String]] {
        [
            Column.allCases.map { $0.rawValue + ($0.required ? " (*)" : "") },
            [
                "KR-DAKRUONG", "Cá nhân", "Y Thương", "", "2025", "Hoàn thành xuất sắc nhiệm vụ", "Lao động tiên tiến",
                "", "Không", "Không", "Không",
                "Tuyên truyền pháp luật bằng tiếng Xơ Đăng", "Cấp cơ sở", "Giấy khen", "Cấp xã", "50/QĐ-UBND",
                "20/12/2025", "Ủy ban nhân dân xã Đăk Ruồng",
            ],
        ]
    }

    static func template() throws -> Response {
        let data = try XLSXWriter.data(sheets: [
            XLSXSheet(
                name: "Kết quả hằng năm", rows: templateRows().map { $0.map(XLSXCell.text) },
                columnWidths: Column.allCases.map { _ in 22 }, boldFirstRow: true)
        ])
        return FileStore.attachment(
            data, name: "mau-nhap-ket-qua-hang-nam.xlsx", contentType: EvidenceService.Kind.xlsx.contentType)
    }

    static func yesNo(_ s: String) -> Bool? {
        switch VietnameseText.fold(s) {
        case "", "khong", "no", "0": return false
        case "co", "x", "yes", "1": return true
        default: return nil
        }
    }

    static func run(data: Data, filename: String, actor: Actor, sets: [RuleSet], on db: any Database) async throws
        -> Result
    {
        try Access.check(actor, .createUnitRecords)
        let rows = try await ImportService.readRowsAside(data).filter {
            !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        guard rows.count >= 2 else {
            throw AppError.badRequest("Tệp không có dòng dữ liệu nào (dòng 1 là tiêu đề cột).")
        }
        guard rows.count <= 20_001 else { throw AppError.badRequest("Mỗi lần nhập tối đa 20.000 dòng.") }
        let header = rows[0].map { VietnameseText.fold($0.replacingOccurrences(of: "(*)", with: "")) }
        let judgementColumns = Self.judgementColumns(rows[0])
        var index: [Column: Int] = [:]
        for c in Column.allCases { if let i = header.firstIndex(of: VietnameseText.fold(c.rawValue)) { index[c] = i } }
        var errors = Column.allCases.filter { $0.required && index[$0] == nil }.map {
            ImportErrorItem(row: 1, column: $0.rawValue, message: "Thiếu cột “\($0.rawValue)”. Hãy dùng tệp mẫu.")
        }
        guard errors.isEmpty else { return Result(created: 0, updated: 0, errors: errors) }
        let units = try await UnitQueries.byCode(
            column: index[.unitCode], of: rows, on: db)
        let kinds: [String: SubjectKind] = Dictionary(
            uniqueKeysWithValues: SubjectKind.allCases.flatMap {
                [(VietnameseText.fold($0.label), $0), ($0.rawValue, $0)]
            })
        let disciplines = Dictionary(
            uniqueKeysWithValues: DisciplineLevel.order.flatMap {
                [(VietnameseText.fold(DisciplineLevel.label($0)), $0), ($0, $0)]
            })
        let scopes = Dictionary(
            uniqueKeysWithValues: InitiativeScope.allCases.flatMap {
                [(VietnameseText.fold($0.label), $0.rawValue), ($0.rawValue, $0.rawValue)]
            })
        let levels = Dictionary(
            uniqueKeysWithValues: AwardLevel.allCases.flatMap {
                [(VietnameseText.fold($0.label), $0.rawValue), ($0.rawValue, $0.rawValue)]
            })
        var plans: [Plan] = []
        var seen: [String: Int] = [:]
        for (offset, raw) in rows.dropFirst().enumerated() {
            let row = offset + 2
            func cell(_ c: Column) -> String {
                index[c].flatMap { $0 < raw.count ? VietnameseText.clean(raw[$0]) : nil } ?? ""
            }
            var rowErrors: [ImportErrorItem] = []
            func fail(_ c: Column, _ m: String) {
                rowErrors.append(ImportErrorItem(row: row, column: c.rawValue, message: m))
            }
            let unit = units[cell(.unitCode).uppercased()]
            if unit == nil {
                fail(
                    .unitCode, cell(.unitCode).isEmpty ? "Thiếu mã đơn vị." : "Không có đơn vị mã “\(cell(.unitCode))”."
                )
            } else if !Policy.decide(actor, .update, .unitRecord(unit!.unitPath, movementIDs: [])).isAllowed {
                fail(.unitCode, "Bạn không được ghi kết quả cho đơn vị “\(unit!.code)”.")
            }
            let kind = kinds[VietnameseText.fold(cell(.kind))]
            if kind == nil { fail(.kind, "Loại đối tượng “\(cell(.kind))” phải là Tập thể, Cá nhân hoặc Hộ gia đình.") }
            if cell(.name).isEmpty {
                fail(.name, "Thiếu tên đối tượng.")
            } else if cell(.name).count > 200 {
                fail(.name, "Tên tối đa 200 ký tự.")
            }
            let year = Int(cell(.year))
            if year == nil || !(1945...2100).contains(year!) { fail(.year, "Năm “\(cell(.year))” không hợp lệ.") }
            var rating: String?
            if !cell(.rating).isEmpty {
                rating = TaskRating(text: cell(.rating))?.rawValue
                if rating == nil { fail(.rating, "Xếp loại “\(cell(.rating))” không hợp lệ.") }
            }
            var discipline: String?
            if !cell(.discipline).isEmpty && VietnameseText.fold(cell(.discipline)) != "khong" {
                discipline = disciplines[VietnameseText.fold(cell(.discipline))]
                if discipline == nil {
                    fail(
                        .discipline,
                        "Hình thức kỷ luật “\(cell(.discipline))” không hợp lệ (khiển trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức, buộc thôi việc)."
                    )
                }
            }
            var flags: [Column: Bool] = [:]
            for c in [Column.pending, .maternity, .treatment] {
                if let v = yesNo(cell(c)) { flags[c] = v } else { fail(c, "Chỉ ghi “Có” hoặc “Không”.") }
            }
            var initiative: InitiativeInput?
            if !cell(.initiative).isEmpty {
                let scope = scopes[VietnameseText.fold(cell(.initiativeScope))]
                if scope == nil {
                    fail(
                        .initiativeScope,
                        "Phạm vi “\(cell(.initiativeScope))” phải là Cấp cơ sở, Cấp tỉnh hoặc Toàn quốc.")
                }
                initiative = InitiativeInput(
                    year: year ?? 0, kind: "sang-kien", title: cell(.initiative), scope: scope ?? "", recognition: nil)
            }
            var judgements: [(key: String, answer: Bool)] = []
            for j in judgementColumns {
                let v = j.index < raw.count ? VietnameseText.clean(raw[j.index]) : ""
                guard !v.isEmpty else { continue }
                switch VietnameseText.fold(v) {
                case "co", "x", "dat": judgements.append((j.key, true))
                case "khong", "khong dat": judgements.append((j.key, false))
                default:
                    rowErrors.append(ImportErrorItem(row: row, column: j.title, message: "Chỉ ghi “Có” hoặc “Không”."))
                }
            }
            var award: AwardInput?
            if !cell(.award).isEmpty {
                let code = RuleLibrary.formCode(forTitle: cell(.award), in: sets) ?? ""
                let input = AwardInput(
                    formCode: code, formName: cell(.award), level: levels[VietnameseText.fold(cell(.awardLevel))] ?? "",
                    year: year ?? 0, period: nil,
                    decisionNumber: cell(.decisionNumber), decisionDate: cell(.decisionDate),
                    authority: cell(.authority))
                let (fe, _, _, _) = AwardService.validate(input, sets: sets)
                let columnOf: [String: Column] = [
                    "formCode": .award, "formName": .award, "level": .awardLevel, "decisionNumber": .decisionNumber,
                    "decisionDate": .decisionDate, "authority": .authority,
                ]
                for item in fe.items where item.field != "year" { fail(columnOf[item.field] ?? .award, item.message) }
                award = input
            }
            let key =
                "\(unit?.id ?? 0)|\(kind?.rawValue ?? "")|\(VietnameseText.fold(cell(.name)))|\(cell(.idNumber))|\(year ?? 0)"
            if rowErrors.isEmpty {
                if let first = seen[key] {
                    fail(.name, "Trùng với dòng \(first): cùng đối tượng, cùng năm.")
                } else {
                    seen[key] = row
                }
            }
            errors += rowErrors
            if rowErrors.isEmpty, let unit, let kind, let year {
                let record = AnnualRecordInput(
                    year: year, taskRating: rating, titles: cell(.titles).split(separator: ";").map(String.init),
                    note: "Nhập từ tệp \(filename)",
                    discipline: discipline, disciplinePending: flags[.pending], maternityLeave: flags[.maternity],
                    treatmentLeave: flags[.treatment])
                plans.append(
                    Plan(
                        row: row, unit: unit, kind: kind, name: cell(.name), idNumber: cell(.idNumber), record: record,
                        initiative: initiative, award: award, judgements: judgements))
            }
        }
        guard errors.isEmpty else { return Result(created: 0, updated: 0, errors: errors) }

        // Write everything in one transaction; a failure on any row (a duplicate award found only now) undoes it all.
        let ready = plans
        let columns = Set(index.keys)
        do {
            let (created, updated) = try await db.transaction { tx -> (Int, Int) in
                var created = 0
                var updated = 0
                for p in ready {
                    let unitID = try p.unit.requireID()
                    var q = SubjectModel.query(on: tx).filter(\.$unit.$id == unitID).filter(\.$kind == p.kind.rawValue)
                        .filter(\.$searchText == VietnameseText.fold(p.name))
                    if !p.idNumber.isEmpty { q = q.filter(\.$idNumber == p.idNumber) }
                    let subject: SubjectModel
                    if let s = try await q.first() {
                        subject = s
                    } else {
                        subject = RegistrationService.makeSubject(
                            SubjectInput(
                                kind: p.kind.rawValue, name: p.name, gender: "", ethnicity: "", position: "",
                                birthDate: "",
                                idNumber: p.idNumber, phone: "", address: "", headsUnitID: nil, representsUnitID: nil),
                            unitID: unitID)
                        try await subject.create(on: tx)
                    }
                    let sid = try subject.requireID()
                    let existing = try await AnnualRecordModel.query(on: tx).filter(\.$subject.$id == sid).filter(
                        \.$year == p.record.year
                    ).first()
                    do {
                        _ = try await SubjectService.saveAnnualRecord(
                            subjectID: sid, Self.merge(p.record, into: existing, columns: columns), actor: actor, on: tx
                        )
                        // Importing the same file twice adds nothing twice.
                        if let i = p.initiative,
                            try await InitiativeModel.query(on: tx).filter(\.$subject.$id == sid).filter(
                                \.$year == i.year
                            )
                            .filter(\.$title == VietnameseText.clean(i.title)).count() == 0
                        {
                            _ = try await AwardService.addInitiative(subjectID: sid, i, actor: actor, on: tx)
                        }
                        if let a = p.award {
                            let code = RuleLibrary.formCode(forTitle: a.formName ?? "", in: sets) ?? a.formCode
                            let same =
                                try await AwardModel.query(on: tx).filter(\.$subject.$id == sid).filter(
                                    \.$formCode == code
                                ).filter(\.$year == a.year)
                                .filter(\.$decisionNumber == VietnameseText.clean(a.decisionNumber)).count() > 0
                            if !same {
                                _ = try await AwardService.create(
                                    subjectID: sid, a, source: "nhap-tep", actor: actor, sets: sets, on: tx)
                            }
                        }
                        for j in p.judgements {
                            do {
                                try await JudgementService.answer(
                                    subjectID: sid,
                                    JudgementAnswerInput(
                                        key: j.key, year: p.record.year, answer: j.answer ? "co" : "khong"),
                                    actor: actor, sets: sets, jurisdiction: sets.first?.jurisdiction ?? "VN",
                                    note: "Nhập từ tệp \(filename)", on: tx)
                            } catch let e as AppError {
                                throw RowFailure(
                                    item: ImportErrorItem(
                                        row: p.row, column: Self.judgementPrefix + " " + j.key,
                                        message: e.fields.items.first?.message ?? e.message))
                            }
                        }
                    } catch let e as AppError {
                        throw RowFailure(
                            item: ImportErrorItem(
                                row: p.row, column: Column.name.rawValue,
                                message: (e.fields.items.first?.message ?? e.message)))
                    }
                    if existing != nil { updated += 1 } else { created += 1 }
                }
                try await AuditLog.record(
                    on: tx, actor: actor, action: "create", entity: "import", entityID: nil, unitID: actor.unitID,
                    summary: "Nhập kết quả hằng năm từ tệp \(filename): \(created) mới, \(updated) cập nhật",
                    before: Optional<String>.none, after: filename)
                return (created, updated)
            }
            return Result(
                created: created, updated: updated, errors: [], warnings: ImportService.formulaWarnings(rows))
        } catch let f as RowFailure {
            return Result(created: 0, updated: 0, errors: [f.item])
        }
    }

    struct RowFailure: Error { let item: ImportErrorItem }

    /// What the file does not say is kept from the record already there (member counts, household checks, a note,
    /// and any column the file leaves out).
    static func merge(_ r: AnnualRecordInput, into existing: AnnualRecordModel?, columns: Set<Column>)
        -> AnnualRecordInput
    {
        guard let ex = existing else { return r }
        var m = r
        if !columns.contains(.rating) { m.taskRating = ex.taskRating }
        if !columns.contains(.titles) { m.titles = ex.titleSet.sorted() }
        if !columns.contains(.discipline) { m.discipline = ex.discipline }
        if !columns.contains(.pending) { m.disciplinePending = ex.disciplinePending }
        if !columns.contains(.maternity) { m.maternityLeave = ex.maternityLeave }
        if !columns.contains(.treatment) { m.treatmentLeave = ex.treatmentLeave }
        m.familyExclusions = ex.familyExclusions.map { $0.split(separator: "|").map(String.init) }
        m.memberCount = ex.memberCount
        m.membersCompleting = ex.membersCompleting
        m.membersLDTT = ex.membersLDTT
        m.membersCSTD = ex.membersCSTD
        m.membersDisciplined = ex.membersDisciplined
        if !ex.note.isEmpty { m.note = ex.note }
        return m
    }
}
