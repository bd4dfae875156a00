import Domain
import Fluent
import Vapor

struct DossierInput: Content, Sendable {
    var unitID: Int
    var year: Int
    var title: String
    /// The unit's number for its tờ trình ("15/TTr-UBND"); may come later.
    var number: String?
}

struct NomineeInput: Content, Sendable {
    var subjectID: Int
    var formCode: String
    var achievement: String?
    /// The unit has read the eligibility warning and proposes anyway.
    var acknowledgeWarning: Bool?
}

struct AppraisalInput: Content, Sendable {
    /// "passed" | "returned" (`NomineeAppraisal`)
    var result: String
    var note: String?
}

struct DecisionInput: Content, Sendable {
    var number: String
    /// dd/mm/yyyy or yyyy-mm-dd
    var date: String
    var authority: String
    var signer: String
    var level: String?
}

/// The refusal when a nominee does not (or may not) meet the form: the reasons, and a way to go on.
struct EligibilityWarning: Error {
    let formName: String
    let status: String
    let reasons: [String]
}

enum DossierService {
    static func resource(_ d: DossierModel) -> Resource { .unitRecord(d.unit.unitPath, movementIDs: []) }

    static func readable(_ id: Int, actor: Actor?, on db: any Database) async throws -> DossierModel {
        let found = try await DossierModel.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$nominees) {
            $0.with(\.$subject)
        }.first()
        guard let d = found else { throw AppError.notFound("Không tìm thấy hồ sơ.") }
        try Access.check(actor, .read, resource(d))
        return d
    }

    static func ruleSet(_ d: DossierModel, sets: [RuleSet]) throws -> RuleSet {
        guard let s = sets.first(where: { $0.id == d.ruleSetID }) else {
            throw AppError.conflict("Không tìm thấy bộ quy tắc \(d.ruleSetID) của hồ sơ.")
        }
        return s
    }

    // MARK: The unit builds the dossier

    static func create(_ i: DossierInput, actor: Actor?, sets: [RuleSet], jurisdiction: String, on db: any Database)
        async throws -> DossierModel
    {
        var e = FieldErrors()
        let unit = try await UnitModel.find(i.unitID, on: db)
        // Access before validation: who may not propose for this unit learns that, not which field is wrong.
        if let unit {
            try Access.check(actor, .create, .unitRecord(unit.unitPath, movementIDs: []))
        } else {
            try Access.check(actor, .createUnitRecords)
        }
        if unit == nil { e.add("unitID", "Vui lòng chọn đơn vị đề nghị.") }
        Check.year(i.year, "year", "Năm thành tích", into: &e)
        Check.required(VietnameseText.clean(i.title), "title", "Trích yếu", max: 300, into: &e)
        Check.optional(VietnameseText.clean(i.number ?? ""), "number", "Số tờ trình", max: 60, into: &e)
        guard e.isEmpty, let unit else { throw AppError.invalid(e) }
        let set = try EligibilityService.ruleSet(year: i.year, sets: sets, jurisdiction: jurisdiction)
        let d = DossierModel(unitID: i.unitID, year: i.year, ruleSetID: set.id)
        d.title = VietnameseText.clean(i.title)
        d.number = VietnameseText.clean(i.number ?? "")
        d.searchText = VietnameseText.fold(d.title + " " + unit.name)
        d.createdBy = actor?.userID
        try await db.transaction { tx in
            try await d.create(on: tx)
            try await event(
                d, action: .created, from: nil, to: .draft,
                note: "Lập hồ sơ đề nghị khen thưởng năm \(i.year) (\(set.title)).", actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "dossier", entityID: d.id, unitID: i.unitID,
                summary: "Lập hồ sơ đề nghị “\(d.title)”", before: Optional<String>.none, after: d.title)
        }
        d.$unit.value = unit
        return d
    }

    static func requireEditable(_ d: DossierModel, actor: Actor?) throws {
        try Access.check(actor, .update, resource(d))
        guard d.status.editableByUnit else {
            throw AppError.conflict(
                d.status.readOnly
                    ? "Hồ sơ đã có quyết định khen thưởng, chỉ được xem."
                    : "Hồ sơ đang ở bước “\(d.status.label)”; đơn vị chỉ sửa được khi hồ sơ đang soạn hoặc bị trả lại.")
        }
    }

    /// Adds a nominee after checking the form against the rules; a nominee who does not meet them needs `acknowledgeWarning`.
    static func addNominee(
        dossierID: Int, _ i: NomineeInput, actor: Actor?, sets: [RuleSet], jurisdiction: String,
        on db: any Database
    ) async throws -> DossierNomineeModel {
        let d = try await readable(dossierID, actor: actor, on: db)
        try requireEditable(d, actor: actor)
        let set = try ruleSet(d, sets: sets)
        var e = FieldErrors()
        guard let s = try await SubjectModel.query(on: db).filter(\.$id == i.subjectID).with(\.$unit).first(),
            d.unit.unitPath.contains(s.unit.unitPath)
        else {
            e.add("subjectID", "Vui lòng chọn người, tập thể hoặc hộ thuộc đơn vị đề nghị.")
            throw AppError.invalid(e)
        }
        let subjectKind = try await EligibilityService.ruleSubject(s, on: db)
        guard let form = set.form(i.formCode), form.subject == subjectKind else {
            e.add(
                "formCode",
                "Vui lòng chọn hình thức phù hợp với \(s.subjectKind.label.lowercased()) trong \(set.title).")
            throw AppError.invalid(e)
        }
        Check.optional(
            VietnameseText.clean(i.achievement ?? ""), "achievement", "Tóm tắt thành tích", max: 4000, into: &e)
        if d.nominees.contains(where: { $0.$subject.id == i.subjectID && $0.formCode == form.code }) {
            e.add("subjectID", "\(s.name) đã có trong hồ sơ với hình thức \(form.name).")
        }
        let awards = try await AwardModel.query(on: db).filter(\.$subject.$id == i.subjectID).all().map {
            (formCode: $0.formCode, year: $0.year)
        }
        if let reason = EligibilityEngine.alreadyRewardedReason(formCode: form.code, year: d.year, awards: awards) {
            e.add("formCode", reason)
        }
        let elsewhere = try await DossierNomineeModel.query(on: db).join(
            DossierModel.self, on: \DossierNomineeModel.$dossier.$id == \DossierModel.$id
        )
        .filter(\.$subject.$id == i.subjectID).filter(\.$formCode == form.code)
        .filter(DossierModel.self, \.$year == d.year).filter(DossierModel.self, \.$id != dossierID).first()
        if let other = elsewhere {
            e.add(
                "subjectID",
                "\(s.name) đã được đề nghị \(form.name) năm \(d.year) trong hồ sơ số \(other.$dossier.id); một thành tích chỉ đề nghị một lần."
            )
        }
        guard e.isEmpty else { throw AppError.invalid(e) }

        let (_, forms, _) = try await EligibilityService.evaluate(
            subject: s, year: d.year, day: RuleLibrary.judgingDay(forYear: d.year), sets: [set],
            jurisdiction: set.jurisdiction, on: db)
        let result = forms.first { $0.formCode == form.code }
        let reasons = (result?.conditions ?? []).filter { $0.outcome != .met }
            .map { "\($0.text): \($0.reason) (\($0.article)\($0.verified ? "" : ", cần xác minh"))" }
        if result?.eligible != true && i.acknowledgeWarning != true {
            throw EligibilityWarning(
                formName: form.name, status: EligibilityService.statusLabel(result?.eligible), reasons: reasons)
        }
        let registration = try await RegistrationModel.query(on: db).filter(\.$subject.$id == i.subjectID).filter(
            \.$year == d.year
        )
        .filter(\.$status ~~ [RegistrationStatus.achieved, .nominated]).first()
        let n = DossierNomineeModel()
        n.$dossier.id = dossierID
        n.$subject.id = i.subjectID
        n.registrationID = registration?.id
        n.formCode = form.code
        n.formName = form.name
        n.achievement = VietnameseText.clean(i.achievement ?? "")
        n.eligibility = NomineeEligibility(result?.eligible)
        n.warning = reasons.joined(separator: "\n")
        n.appraisal = .pending
        n.appraisalNote = ""
        try await db.transaction { tx in
            try await n.create(on: tx)
            let note =
                "Đề nghị \(form.name) cho \(s.name)"
                + (result?.eligible == true
                    ? "."
                    : " — đơn vị đã đọc cảnh báo: \(EligibilityService.statusLabel(result?.eligible).lowercased()).")
            try await event(
                d, nomineeID: n.id, action: .nomineeAdded, from: d.status, to: d.status, note: note, actor: actor,
                on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "dossier-nominee", entityID: n.id, unitID: d.$unit.id,
                summary: note, before: Optional<String>.none, after: form.code)
        }
        return n
    }

    static func removeNominee(dossierID: Int, nomineeID: Int, actor: Actor?, on db: any Database) async throws {
        let d = try await readable(dossierID, actor: actor, on: db)
        try requireEditable(d, actor: actor)
        guard let n = d.nominees.first(where: { $0.id == nomineeID }) else {
            throw AppError.notFound("Không tìm thấy người được đề nghị.")
        }
        try await db.transaction { tx in
            try await n.delete(on: tx)
            try await event(
                d, action: .nomineeRemoved, from: d.status, to: d.status,
                note: "Bỏ \(n.subject.name) (\(n.formName)) khỏi hồ sơ.", actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "delete", entity: "dossier-nominee", entityID: nomineeID,
                unitID: d.$unit.id,
                summary: "Bỏ \(n.subject.name) khỏi hồ sơ \(dossierID)", before: n.formCode,
                after: Optional<String>.none)
        }
    }

    // MARK: Documents

    static func documents(_ dossierID: Int, on db: any Database) async throws -> [DossierDocumentModel] {
        try await DossierDocumentModel.query(on: db).filter(\.$dossier.$id == dossierID).sort(\.$createdAt).sort(\.$id)
            .all()
    }

    static func missingDocuments(_ d: DossierModel, documents: [DossierDocumentModel], sets: [RuleSet]) throws
        -> [DocumentRule]
    {
        let set = try ruleSet(d, sets: sets)
        let have = Set(documents.map(\.kind))
        return set.requiredDocuments(for: Set(d.nominees.map(\.formCode))).filter { !have.contains($0.code) }
    }

    static func attach(
        dossierID: Int, kind: String, filename: String, bytes: [UInt8], generated: Bool, actor: Actor?, sets: [RuleSet],
        app: Application, on db: any Database
    ) async throws -> DossierDocumentModel {
        let d = try await readable(dossierID, actor: actor, on: db)
        try requireEditable(d, actor: actor)
        let set = try ruleSet(d, sets: sets)
        var e = FieldErrors()
        let rule = set.procedure?.documents.first { $0.code == kind }
        if rule == nil { e.add("kind", "Vui lòng chọn loại tài liệu.") }
        let type = EvidenceService.check(bytes, missing: "Vui lòng chọn tệp.", into: &e)
        guard e.isEmpty, let type, let rule else { throw AppError.invalid(e) }
        let m = DossierDocumentModel()
        m.$dossier.id = dossierID
        m.kind = kind
        m.originalName = EvidenceService.safeName(filename, kind: type)
        m.contentType = type.contentType
        m.size = bytes.count
        m.sha256 = FileStore.sha256(bytes)
        m.generated = generated
        m.uploadedBy = actor?.userID
        return try await FileStore.put(bytes, app: app, db: db) { stored in
            m.storage = stored.storage
            m.storageKey = stored.key
            m.data = stored.data
            try await db.transaction { tx in
                try await m.create(on: tx)
                try await event(
                    d, action: .documentAdded, from: d.status, to: d.status,
                    note: (generated ? "Tạo " : "Đính kèm ") + "\(rule.name): \(m.originalName).", actor: actor, on: tx)
                try await AuditLog.record(
                    on: tx, actor: actor, action: "create", entity: "dossier-document", entityID: m.id,
                    unitID: d.$unit.id,
                    summary: "\(rule.name) cho hồ sơ \(dossierID)", before: Optional<String>.none, after: m.sha256)
            }
            return m
        }
    }

    static func download(documentID: Int, actor: Actor?, req: Request) async throws -> Response {
        guard let f = try await DossierDocumentModel.find(documentID, on: req.db) else {
            throw AppError.notFound("Không tìm thấy tài liệu.")
        }
        _ = try await readable(f.$dossier.id, actor: actor, on: req.db)
        let data = try FileStore.get(storage: f.storage, key: f.storageKey, data: f.data, app: req.application)
        try await AuditLog.record(
            on: req.db, actor: actor, action: "download", entity: "dossier-document", entityID: f.id, unitID: nil,
            summary: "Tải tài liệu hồ sơ \(f.originalName) (\(data.count) byte)", before: Optional<String>.none,
            after: f.sha256)
        return FileStore.attachment(data, name: f.originalName, contentType: f.contentType)
    }

    // MARK: Submission and appraisal

    static func submit(_ id: Int, actor: Actor?, sets: [RuleSet], on db: any Database) async throws -> DossierModel {
        let d = try await readable(id, actor: actor, on: db)
        try Access.check(actor, .update, resource(d))
        let set = try ruleSet(d, sets: sets)
        let missing = try missingDocuments(d, documents: try await documents(id, on: db), sets: sets)
        var problems = DossierWorkflow.submissionProblems(
            status: d.status, nomineeCount: d.nominees.count, missingDocuments: missing)
        if d.number.isEmpty { problems.append("Chưa ghi số tờ trình của đơn vị.") }
        guard problems.isEmpty else {
            var e = FieldErrors()
            e.add("submit", problems.joined(separator: " "))
            throw AppError.invalid(e, "Hồ sơ chưa gửi được: " + problems.joined(separator: " "))
        }
        let from = d.status
        let today = Today.iso
        try await db.transaction { tx in
            for n in d.nominees where n.appraisal == .returned {
                n.appraisal = DossierWorkflow.onResubmit(n.appraisal)
                try await n.save(on: tx)
            }
            try d.move(to: .submitted)
            d.submittedDay = today
            d.appraisalDue = WorkingDays.add(set.procedure?.appraisal.workingDays ?? 20, to: today)
            try await d.save(on: tx)
            // The exemplars' registrations move to "đã đề nghị khen thưởng".
            for n in d.nominees {
                guard let rid = n.registrationID, let r = try await RegistrationModel.find(rid, on: tx),
                    r.status == .achieved
                else { continue }
                _ = try await RegistrationService.transition(
                    rid, TransitionInput(.nominated, reason: "Đề nghị \(n.formName) trong hồ sơ số \(id)"),
                    actor: actor, on: tx)
            }
            try await event(
                d, action: .submitted, from: from, to: .submitted,
                note: (from == .returned ? "Gửi lại sau khi bổ sung" : "Gửi Phòng Nội vụ thẩm định")
                    + "; hạn thẩm định \(d.appraisalDue?.isoToVietnamese ?? "")"
                    + " (\(set.procedure?.appraisal.workingDays ?? 20) ngày làm việc, \(set.procedure?.appraisal.article ?? "")).",
                actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "dossier", entityID: id, unitID: d.$unit.id,
                summary: "Gửi hồ sơ “\(d.title)”", before: from, after: d.status)
        }
        return d
    }

    static func appraise(dossierID: Int, nomineeID: Int, _ i: AppraisalInput, actor: Actor?, on db: any Database)
        async throws
    {
        let d = try await readable(dossierID, actor: actor, on: db)
        try Access.check(actor, .update, .council)
        guard d.status == .submitted else { throw AppError.conflict("Chỉ thẩm định hồ sơ đã gửi, đang chờ thẩm định.") }
        guard let n = d.nominees.first(where: { $0.id == nomineeID }) else {
            throw AppError.notFound("Không tìm thấy người được đề nghị.")
        }
        var e = FieldErrors()
        let result = NomineeAppraisal(rawValue: i.result)
        if result == nil || result == .pending { e.add("result", "Vui lòng chọn kết quả thẩm định.") }
        let note = VietnameseText.clean(i.note ?? "")
        if result == .returned && note.isEmpty {
            e.add("note", "Khi trả lại, vui lòng ghi rõ lý do để đơn vị bổ sung.")
        }
        Check.optional(note, "note", "Ý kiến thẩm định", max: 2000, into: &e)
        guard e.isEmpty, let result else { throw AppError.invalid(e) }
        try await db.transaction { tx in
            n.appraisal = result
            n.appraisalNote = note
            try await n.save(on: tx)
            try await event(
                d, nomineeID: nomineeID, action: .nomineeAppraised, from: d.status, to: d.status,
                note: "\(n.subject.name) — \(n.formName): \(result.label)" + (note.isEmpty ? "." : ". \(note)"),
                actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "dossier-nominee", entityID: nomineeID,
                unitID: d.$unit.id,
                summary: "Thẩm định \(n.subject.name): \(result.label)", before: Optional<String>.none, after: result)
        }
    }

    /// Closes the appraisal: returned to the unit when one nominee is returned, else ready for the council.
    static func finishAppraisal(_ id: Int, actor: Actor?, on db: any Database) async throws -> DossierModel {
        let d = try await readable(id, actor: actor, on: db)
        try Access.check(actor, .update, .council)
        guard d.status == .submitted else {
            throw AppError.conflict("Chỉ kết thúc thẩm định hồ sơ đang chờ thẩm định.")
        }
        let to: DossierStatus
        switch DossierWorkflow.afterAppraisal(d.nominees.map(\.appraisal)) {
        case .success(let s): to = s
        case .failure(let f): throw AppError.conflict(f.message)
        }
        let reasons = d.nominees.filter { $0.appraisal == .returned }.map { "\($0.subject.name): \($0.appraisalNote)" }
        try await db.transaction { tx in
            try d.move(to: to)
            try await d.save(on: tx)
            try await event(
                d, action: to == .returned ? .returned : .appraised, from: .submitted, to: to,
                note: to == .returned
                    ? "Trả lại để bổ sung: " + reasons.joined(separator: "; ")
                    : "Thẩm định đạt; trình Hội đồng Thi đua - Khen thưởng.",
                actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "dossier", entityID: id, unitID: d.$unit.id,
                summary: "Thẩm định hồ sơ “\(d.title)”: \(to.label)", before: DossierStatus.submitted, after: to)
        }
        return d
    }

    // MARK: Decision

    /// Records the decision: the nominees the council passed receive their award; registrations become "đã khen thưởng".
    static func decide(_ id: Int, _ i: DecisionInput, actor: Actor?, sets: [RuleSet], on db: any Database) async throws
        -> DossierModel
    {
        let d = try await readable(id, actor: actor, on: db)
        try Access.check(actor, .update, .council)
        guard d.status == .reviewed else {
            throw AppError.conflict(
                d.status == .decided ? "Hồ sơ đã có quyết định." : "Chỉ ghi quyết định sau khi Hội đồng đã xét hồ sơ.")
        }
        var e = FieldErrors()
        Check.required(VietnameseText.clean(i.number), "number", "Số quyết định", max: 60, into: &e)
        let day = DayInput.iso(i.date)
        if day == nil { e.add("date", "Ngày quyết định phải có dạng dd/mm/yyyy.") }
        Check.required(VietnameseText.clean(i.authority), "authority", "Cơ quan ban hành", max: 200, into: &e)
        Check.required(VietnameseText.clean(i.signer), "signer", "Người ký", max: 120, into: &e)
        let level = i.level.flatMap { $0.isEmpty ? nil : $0 } ?? AwardLevel.huyen.rawValue
        if AwardLevel(rawValue: level) == nil { e.add("level", "Cấp khen thưởng không hợp lệ.") }
        if let day, day < "\(d.year)-01-01" {
            e.add("date", "Ngày quyết định không thể trước năm thành tích \(d.year).")
        }
        guard e.isEmpty, let day else { throw AppError.invalid(e) }
        let winners = d.nominees.filter { $0.votePassed == true && $0.appraisal == .passed }
        // An award recorded meanwhile for the same achievement stops the decision, naming who.
        let given = Set(
            try await AwardModel.query(on: db).filter(\.$subject.$id ~~ winners.map { $0.$subject.id }).filter(
                \.$year == d.year
            ).all()
                .map { "\($0.$subject.id)|\($0.formCode)" })
        let clashes = winners.filter { given.contains("\($0.$subject.id)|\($0.formCode)") }.map(\.subject.name)
        if !clashes.isEmpty {
            throw AppError.conflict(
                "Đã có khen thưởng \(winners.first?.formName ?? "") năm \(d.year) cho: \(clashes.joined(separator: ", ")); một thành tích không khen thưởng hai lần. Kiểm tra lại khen thưởng đã ghi trước khi ghi quyết định."
            )
        }
        try await db.transaction { tx in
            for n in winners {
                let a = try await AwardService.create(
                    subjectID: n.$subject.id,
                    AwardInput(
                        formCode: n.formCode, formName: n.formName, level: level, year: d.year,
                        period: "Năm \(d.year)", decisionNumber: i.number, decisionDate: day,
                        authority: i.authority),
                    source: "quyet-dinh", dossierID: id, actor: actor, sets: sets, on: tx)
                n.awardID = a.id
                try await n.save(on: tx)
                if let rid = n.registrationID, let r = try await RegistrationModel.find(rid, on: tx) {
                    let reason =
                        "Quyết định số \(VietnameseText.clean(i.number)) ngày \(day.isoToVietnamese): \(n.formName)"
                    if r.status == .achieved {
                        _ = try await RegistrationService.transition(
                            rid, TransitionInput(.nominated, reason: reason), actor: actor, on: tx)
                    }
                    if try await RegistrationModel.find(rid, on: tx)?.status == .nominated {
                        _ = try await RegistrationService.transition(
                            rid, TransitionInput(.awarded, reason: reason),
                            actor: actor, byDecision: true, on: tx)
                    }
                }
            }
            try d.move(to: .decided)
            d.decisionNumber = VietnameseText.clean(i.number)
            d.decisionDate = day
            d.decisionAuthority = VietnameseText.clean(i.authority)
            d.decisionSigner = VietnameseText.clean(i.signer)
            try await d.save(on: tx)
            try await event(
                d, action: .decided, from: .reviewed, to: .decided,
                note:
                    "Quyết định số \(d.decisionNumber) ngày \(day.isoToVietnamese) của \(d.decisionAuthority): khen thưởng \(winners.count)/\(d.nominees.count) trường hợp.",
                actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "dossier", entityID: id, unitID: d.$unit.id,
                summary: "Quyết định khen thưởng hồ sơ “\(d.title)”", before: DossierStatus.reviewed,
                after: d.decisionNumber)
        }
        return d
    }

    // MARK: History and listing

    static func event(
        _ d: DossierModel, nomineeID: Int? = nil, action: DossierEventAction, from: DossierStatus?, to: DossierStatus,
        note: String,
        actor: Actor?, on db: any Database
    ) async throws {
        let ev = DossierEventModel()
        ev.$dossier.id = try d.requireID()
        ev.nomineeID = nomineeID
        ev.at = Date()
        ev.userID = actor?.userID
        ev.username = actor?.username ?? "hệ thống"
        ev.action = action
        ev.fromStatus = PriorStatus(from)
        ev.toStatus = to
        ev.note = note
        try await ev.create(on: db)
    }

    static func events(_ id: Int, on db: any Database) async throws -> [DossierEventModel] {
        try await DossierEventModel.query(on: db).filter(\.$dossier.$id == id).sort(\.$at).sort(\.$id).all()
    }

    static func list(actor: Actor, status: String, year: Int?, q: String, page: Int, on db: any Database) async throws
        -> Page<DossierModel>
    {
        var query = DossierModel.query(on: db).join(UnitModel.self, on: \DossierModel.$unit.$id == \UnitModel.$id)
        query = RecordScope.apply(query, actor: actor)
        // An unknown code matches nothing.
        if !status.isEmpty { query = query.filter(\.$status ~~ (DossierStatus(rawValue: status).map { [$0] } ?? [])) }
        if let year { query = query.filter(\.$year == year) }
        let folded = VietnameseText.fold(q)
        if !folded.isEmpty { query = query.filter(\.$searchText, .custom("LIKE"), "%" + folded.likeSafe + "%") }
        let perPage = 50
        let page = min(max(1, page), 1_000_000)
        let total = try await query.count()
        let items = try await query.with(\.$unit).with(\.$nominees).sort(\.$year, .descending).sort(\.$id, .descending)
            .range(((page - 1) * perPage)..<(page * perPage)).all()
        return Page(items: items, page: page, perPage: perPage, total: total)
    }
}
