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
    /// `AwardKind` code or label; empty = regular.
    var kind: String? = nil
    /// The subject's initiatives or research topics the proposal rests on (each usable once).
    var initiativeIDs: [Int]? = nil
}

struct AppraisalInput: Content, Sendable {
    /// "passed" | "returned" (`NomineeAppraisal`)
    var result: String
    var note: String?
}

struct DecisionInput: Content, Sendable {
    /// Empty: the next number of the authority's register.
    var number: String?
    /// dd/mm/yyyy or yyyy-mm-dd
    var date: String
    /// Empty: the authority's name and signer.
    var authority: String?
    var signer: String?
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

    /// Access facts of the council the dossier was sent to.
    static func councilScope(_ d: DossierModel, actor: Actor?, on db: any Database) async throws -> CouncilScope {
        try await AuthorityService.scope(authorityID: d.$authority.id, actor: actor, on: db)
    }

    /// The appraisal deadline of a dossier received on `day`.
    static func appraisalDue(_ set: RuleSet, from day: String, on db: any Database) async throws -> String? {
        // The holiday calendar is read per call: an administrator's edit counts on every instance at once.
        let calendar = try await CalendarService.calendar(around: day, on: db)
        return WorkingDays.add(set.procedure?.appraisal.workingDays ?? 20, to: day, calendar: calendar)
    }

    /// Who considers the dossier and who decides each nominee, on `day`. Each form is conferred by the nearest
    /// authority at or above the dossier's unit (or above the council it already reached) that confers it under
    /// the dossier's rules — or, when no such authority is in office any more (the district after 30/06/2025),
    /// under the rules in force that day. The dossier goes first to the nearest of those deciders; problems name
    /// each form nobody confers.
    static func route(_ d: DossierModel, on day: String, sets: [RuleSet], db: any Database) async throws
        -> (first: AuthorityModel?, deciders: [Int: Int], problems: [String])
    {
        let set = try ruleSet(d, sets: sets)
        var chain = try await AuthorityService.chain(for: d.unit.unitPath, on: day, db: db)
        if let current = d.$authority.id, let here = chain.first(where: { $0.id == current }) {
            chain = chain.filter { $0.unit.unitPath.contains(here.unit.unitPath) }
        }
        let infos = chain.map(\.info)
        let inForce = RuleLibrary.ruleSet(forDay: day, jurisdiction: set.jurisdiction, in: sets)
        var unconferred: [RuleForm] = []
        var deciders: [Int: Int] = [:]
        for n in d.nominees {
            let own = set.form(n.formCode)
            let now = inForce?.form(n.formCode)
            // A State form's last authority of ours is the province that proposes it upward.
            let decider =
                own.flatMap { AuthorityRouting.handler(of: $0, chain: infos) }
                ?? now.flatMap { AuthorityRouting.handler(of: $0, chain: infos) }
            if let id = n.id, let decider { deciders[id] = decider.id }
            if decider == nil, let form = now ?? own { unconferred.append(form) }
        }
        let problems = AuthorityRouting.problems(forms: unconferred, chain: infos, unitName: d.unit.name, day: day)
        let used = Set(deciders.values)
        return (chain.first { used.contains($0.id ?? 0) } ?? chain.first, deciders, problems)
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
        try await ReorganisationQueries.requireOpen(unit, on: db)
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
        let kind = AchievementService.kind(i.kind, into: &e)
        if d.nominees.contains(where: {
            $0.$subject.id == i.subjectID && $0.formCode == form.code && !$0.withdrawn && $0.kind == kind
        }) {
            e.add("subjectID", "\(s.name) đã có trong hồ sơ với hình thức \(form.name).")
        }
        let awards = try await AwardModel.query(on: db).filter(\.$subject.$id == i.subjectID).filter(
            \.$status == .valid
        )
        .filter(\.$kind == kind).all().map {
            (formCode: $0.formCode, year: $0.year)
        }
        if let reason = EligibilityEngine.alreadyRewardedReason(formCode: form.code, year: d.year, awards: awards) {
            e.add("formCode", reason)
        }
        let elsewhere = try await DossierNomineeModel.query(on: db).join(
            DossierModel.self, on: \DossierNomineeModel.$dossier.$id == \DossierModel.$id
        )
        .filter(\.$subject.$id == i.subjectID).filter(\.$formCode == form.code)
        .filter(DossierModel.self, \.$year == d.year).filter(DossierModel.self, \.$id != dossierID)
        .filter(\.$kind == kind).filter(\.$withdrawn == false).all()
        // A proposal that ended without an award (not passed, refused) or was forwarded on does not hold it.
        .first { $0.holdsAchievement(dossierStatus: (try? $0.joined(DossierModel.self).status) ?? .draft) }
        if let other = elsewhere {
            e.add(
                "subjectID",
                "\(s.name) đã được đề nghị \(form.name) năm \(d.year) trong hồ sơ số \(other.$dossier.id); một thành tích chỉ đề nghị một lần."
            )
        }
        let achievement = AchievementService.achievement(
            subjectID: i.subjectID, year: d.year, formCode: form.code, kind: kind, sets: sets)
        if e.isEmpty, let refusal = try await AchievementService.refusal(achievement, formName: form.name, on: db) {
            e.add("formCode", refusal)
        }
        if e.isEmpty {
            try await AchievementService.checkInitiatives(
                i.initiativeIDs ?? [], subjectID: i.subjectID, into: &e, on: db)
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
        n.stateLevel = false
        n.kind = kind
        n.achievementKey = achievement.key
        try await db.transaction { tx in
            // Checked again inside the write: two proposals for one achievement at once, the second stops.
            if let refusal = try await AchievementService.refusal(achievement, formName: form.name, on: tx) {
                var again = FieldErrors()
                again.add("formCode", refusal)
                throw AppError.invalid(again)
            }
            try await n.create(on: tx)
            try await AchievementService.link(i.initiativeIDs ?? [], nomineeID: try n.requireID(), awardID: nil, on: tx)
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
            try await InitiativeUseModel.query(on: tx).filter(\.$nomineeID == nomineeID).delete()
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
        guard let f = try await DossierDocumentModel.find(documentID, on: req.database) else {
            throw AppError.notFound("Không tìm thấy tài liệu.")
        }
        _ = try await readable(f.$dossier.id, actor: actor, on: req.database)
        let data = try await FileStore.get(storage: f.storage, key: f.storageKey, data: f.data, app: req.application)
        try await AuditLog.record(
            on: req.database, actor: actor, action: "download", entity: "dossier-document", entityID: f.id, unitID: nil,
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
        let today = Today.iso
        let routing = try await route(d, on: today, sets: sets, db: db)
        problems += routing.problems
        problems += try await JudgementService.openJudgements(
            d, set: set, sets: sets, jurisdiction: set.jurisdiction, on: db)
        guard problems.isEmpty else {
            var e = FieldErrors()
            e.add("submit", problems.joined(separator: " "))
            throw AppError.invalid(e, "Hồ sơ chưa gửi được: " + problems.joined(separator: " "))
        }
        let from = d.status
        let council = d.$authority.id.flatMap { id in routing.first?.id == id ? routing.first : nil } ?? routing.first
        let due = try await appraisalDue(set, from: today, on: db)
        try await db.transaction { tx in
            for n in d.nominees {
                n.appraisal = DossierWorkflow.onResubmit(n.appraisal)
                n.deciderID = n.id.flatMap { routing.deciders[$0] }
                let form =
                    set.form(n.formCode)
                    ?? RuleLibrary.ruleSet(forDay: today, jurisdiction: set.jurisdiction, in: sets)?.form(n.formCode)
                n.stateLevel = form.map(AuthorityRouting.isStateLevel) ?? false
                try await n.save(on: tx)
            }
            try d.move(to: .submitted)
            d.$authority.id = council?.id
            d.submittedDay = today
            d.appraisalDue = due
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
                note: (from == .returned
                    ? "Gửi lại sau khi bổ sung" : "Gửi \(council?.councilName ?? "Hội đồng") thẩm định")
                    + "; hạn thẩm định \(d.appraisalDue?.isoToVietnamese ?? "")"
                    + " (\(set.procedure?.appraisal.workingDays ?? 20) ngày làm việc, \(set.procedure?.appraisal.article ?? "")).",
                actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "dossier", entityID: id, unitID: d.$unit.id,
                summary: "Gửi hồ sơ “\(d.title)”", before: from, after: d.status)
            try await Notices.dossierReceived(d, council: council, on: tx)
        }
        return d
    }

    static func appraise(dossierID: Int, nomineeID: Int, _ i: AppraisalInput, actor: Actor?, on db: any Database)
        async throws
    {
        let d = try await readable(dossierID, actor: actor, on: db)
        try Access.check(actor, .update, .council(try await councilScope(d, actor: actor, on: db)))
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
        try Access.check(actor, .update, .council(try await councilScope(d, actor: actor, on: db)))
        guard d.status == .submitted else {
            throw AppError.conflict("Chỉ kết thúc thẩm định hồ sơ đang chờ thẩm định.")
        }
        let to: DossierStatus
        switch DossierWorkflow.afterAppraisal(d.nominees.filter { !$0.withdrawn }.map(\.appraisal)) {
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
            if to == .returned { try await Notices.dossierReturned(d, reasons: reasons, on: tx) }
        }
        return d
    }

    // MARK: Decision

    /// Records the decision for this one dossier: `DecisionService.issue`, the one code path.
    static func decide(_ id: Int, _ i: DecisionInput, actor: Actor?, sets: [RuleSet], on db: any Database) async throws
        -> DossierModel
    {
        _ = try await DecisionService.issue(
            IssueDecisionInput(
                dossierIDs: [id], number: i.number, date: i.date, signer: i.signer, issuer: i.authority,
                level: i.level),
            actor: actor, sets: sets, on: db)
        return try await readable(id, actor: actor, on: db)
    }

    // MARK: Forwarding

    /// The nominees this council passed whose form a higher authority confers, not yet forwarded.
    static func forwardable(_ d: DossierModel) -> [DossierNomineeModel] {
        d.nominees.filter {
            $0.appraisal == .passed && $0.votePassed == true && $0.forwardedToID == nil
                && $0.deciderID != nil && $0.deciderID != d.$authority.id
        }
    }

    /// Sends the nominees a higher authority confers on to the next council up, with this council's result and
    /// the dossier's documents: a new dossier there, received for appraisal, linked to this one.
    static func forward(_ id: Int, actor: Actor?, sets: [RuleSet], on db: any Database) async throws -> DossierModel {
        let d = try await readable(id, actor: actor, on: db)
        try Access.check(actor, .update, .council(try await councilScope(d, actor: actor, on: db)))
        guard d.status == .reviewed || d.status == .decided else {
            throw AppError.conflict("Chỉ chuyển lên cấp trên sau khi Hội đồng đã xét hồ sơ.")
        }
        let going = forwardable(d)
        guard !going.isEmpty else {
            throw AppError.conflict("Không có trường hợp nào được Hội đồng thông qua cần chuyển lên cấp trên.")
        }
        let today = Today.iso
        let here = try await AuthorityService.find(d.$authority.id ?? 0, on: db)
        let chain = try await AuthorityService.chain(for: d.unit.unitPath, on: today, db: db)
        guard let upper = chain.first(where: { $0.unit.unitPath.strictlyContains(here.unit.unitPath) }) else {
            throw AppError.conflict(
                "Chưa khai báo cấp khen thưởng nào phía trên \(here.name) vào ngày \(today.isoToVietnamese).")
        }
        let set = try ruleSet(d, sets: sets)
        let due = try await appraisalDue(set, from: today, on: db)
        let documents = try await documents(id, on: db)
        let own = d.nominees.contains { $0.isDecided(by: here.id) }
        let up = DossierModel(unitID: d.$unit.id, year: d.year, ruleSetID: d.ruleSetID)
        up.title = d.title
        up.number = d.number
        up.searchText = d.searchText
        up.createdBy = actor?.userID
        up.$authority.id = upper.id
        up.parentID = id
        try up.move(to: .submitted)
        up.submittedDay = today
        up.appraisalDue = due
        let lines = going.map {
            "\($0.subject.name) (\($0.formName)): \($0.voteYes ?? 0)/\($0.voteTotal ?? 0) thành viên đồng ý"
        }
        try await db.transaction { tx in
            try await up.create(on: tx)
            for n in going {
                let copy = DossierNomineeModel()
                copy.$dossier.id = try up.requireID()
                copy.$subject.id = n.$subject.id
                copy.registrationID = n.registrationID
                copy.formCode = n.formCode
                copy.formName = n.formName
                copy.achievement = n.achievement
                copy.eligibility = n.eligibility
                copy.warning = n.warning
                copy.appraisal = .pending
                copy.appraisalNote = ""
                copy.deciderID = n.deciderID
                copy.forwardedFromID = n.id
                copy.stateLevel = n.stateLevel
                copy.kind = n.kind
                copy.achievementKey = n.achievementKey
                try await copy.create(on: tx)
                n.forwardedToID = copy.id
                try await n.save(on: tx)
            }
            // The files travel as references: the bytes are stored once.
            for doc in documents {
                let c = DossierDocumentModel()
                c.$dossier.id = try up.requireID()
                c.kind = doc.kind
                c.originalName = doc.originalName
                c.contentType = doc.contentType
                c.size = doc.size
                c.sha256 = doc.sha256
                c.storage = doc.storage
                c.storageKey = doc.storageKey
                c.data = doc.data
                c.generated = doc.generated
                c.uploadedBy = doc.uploadedBy
                try await c.create(on: tx)
            }
            let from = d.status
            if from == .reviewed && !own { try d.move(to: .forwarded) }
            try await d.save(on: tx)
            try await event(
                d, action: .forwarded, from: from, to: d.status,
                note: "Chuyển \(going.count) trường hợp lên \(upper.councilName) (hồ sơ số \(up.id ?? 0)): "
                    + lines.joined(separator: "; ") + ".", actor: actor, on: tx)
            try await event(
                up, action: .received, from: nil, to: .submitted,
                note: "Nhận từ \(here.councilName) (hồ sơ số \(id)), kèm kết quả bỏ phiếu: "
                    + lines.joined(separator: "; ")
                    + "; hạn thẩm định \(due?.isoToVietnamese ?? "").", actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "dossier", entityID: up.id, unitID: d.$unit.id,
                summary: "Chuyển hồ sơ “\(d.title)” lên \(upper.councilName)", before: id, after: up.id)
            try await Notices.dossierForwarded(d, to: up, upper: upper, count: going.count, on: tx)
        }
        return try await readable(try up.requireID(), actor: actor, on: db)
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

    /// The list's filter and scope (the page, the API and the export share it); units joined. A search `q` matches
    /// the start of words of the folded title and unit name, each word, from the dossiers' full-text index
    /// (migration 55), or — for words more than `common` dossiers have — by testing each dossier along the list's
    /// order (`FoldedTextSearch.matching(walk:)`), which stops after a page.
    static func filtered(
        actor: Actor, status: String, year: Int?, q: String, on db: any Database,
        common: Int = FoldedTextSearch.commonMatches, keptFor req: Request? = nil
    ) async throws -> QueryBuilder<DossierModel> {
        var query = DossierModel.query(on: db).join(UnitModel.self, on: \DossierModel.$unit.$id == \UnitModel.$id)
        query = try await RecordScope.apply(query, actor: actor, keptFor: req)
        // An unknown code matches nothing.
        if !status.isEmpty { query = query.filter(\.$status ~~ (DossierStatus(rawValue: status).map { [$0] } ?? [])) }
        if let year { query = query.filter(\.$year == year) }
        return try await AddDossierSearch.search.filter(query, words: FoldedTextSearch.words(q), common: common, on: db)
    }

    /// The list's order (its pages and its export): the newest year first, then the newest dossier; index
    /// `dossiers_year_id_idx`.
    static let order: [KeysetColumn<DossierModel>] = [
        .int("dossiers", "year", descending: true) { $0.year },
        .int("dossiers", "id", descending: true) { try $0.requireID() },
    ]

    static func list(
        actor: Actor, status: String, year: Int?, q: String, _ list: ListQuery, on db: any Database,
        common: Int = FoldedTextSearch.commonMatches, keptFor req: Request? = nil
    ) async throws -> Page<DossierModel> {
        try await filtered(actor: actor, status: status, year: year, q: q, on: db, common: common, keptFor: req).with(
            \.$unit
        )
        .with(\.$nominees).keysetPage(list, order: order)
    }
}
