import Domain
import Fluent
import Vapor

/// A nominee's withdrawal: the reason is recorded in the dossier's history and the audit log.
struct WithdrawalInput: Content, Sendable {
    var reason: String
}

/// One achievement, one form (Luật 2022 art. 5(2)(c)) and initiatives used once (CV 5007/BNV-TĐKT), over the
/// stored awards and proposals. The rules themselves are `OneAchievementOneForm` and `InitiativeReuse` (Domain).
enum AchievementService {
    static func isTitle(_ formCode: String, sets: [RuleSet]) -> Bool {
        sets.contains { $0.form(formCode)?.kind == "title" }
    }

    static func achievement(subjectID: Int, year: Int, formCode: String, kind: AwardKind, sets: [RuleSet])
        -> Achievement
    {
        Achievement(
            subjectID: subjectID, year: year, formCode: formCode, isTitle: isTitle(formCode, sets: sets),
            awardKind: kind)
    }

    /// A form's name in lists and documents: "Giấy khen (đột xuất)"; a regular award is named alone.
    static func withKind(_ formName: String, _ kind: AwardKind) -> String {
        kind == .regular ? formName : "\(formName) (\(kind.label.lowercased()))"
    }

    /// The kind typed in a form or sent to the API; empty = regular.
    static func kind(_ text: String?, into e: inout FieldErrors) -> AwardKind {
        guard let k = AwardKind(text: text ?? "") else {
            e.add(
                "kind",
                "Vui lòng chọn loại khen thưởng: thường xuyên, đột xuất, chuyên đề, quá trình cống hiến hoặc đối ngoại."
            )
            return .regular
        }
        return k
    }

    /// Every valid award and live proposal on the achievement.
    static func claims(_ a: Achievement, on db: any Database) async throws -> [AchievementClaim] {
        let key = a.key
        let awards = try await AwardModel.query(on: db).filter(\.$achievementKey == key).filter(\.$status == .valid)
            .all()
        let nominees = try await DossierNomineeModel.query(on: db)
            .join(DossierModel.self, on: \DossierNomineeModel.$dossier.$id == \DossierModel.$id)
            .filter(\.$achievementKey == key).filter(\.$withdrawn == false).all()
        var out = awards.map {
            AchievementClaim(
                key: key, formCode: $0.formCode, formName: $0.formName, year: $0.year,
                source: .award(id: $0.id ?? 0, decisionNumber: $0.decisionNumber, level: $0.level))
        }
        for n in nominees {
            let d = try n.joined(DossierModel.self)
            guard n.holdsAchievement(dossierStatus: d.status) else { continue }
            out.append(
                AchievementClaim(
                    key: key, formCode: n.formCode, formName: n.formName, year: d.year,
                    source: .proposal(nomineeID: n.id ?? 0, dossierID: d.id ?? 0)))
        }
        return out
    }

    /// The refusal when the achievement already holds (or is proposed for) a form, nil when it is free.
    static func refusal(
        _ a: Achievement, formName: String, ignoring: Set<Int> = [], on db: any Database
    ) async throws -> String? {
        let found = OneAchievementOneForm.conflicts(a, claims: try await claims(a, on: db), ignoring: ignoring)
        return found.first.map { OneAchievementOneForm.reason(formName: formName, year: a.year, conflict: $0) }
    }

    // MARK: Initiatives

    /// The earlier uses of the initiatives that still count: by a valid award, or by a proposal that holds its
    /// achievement.
    static func uses(of initiativeIDs: [Int], on db: any Database) async throws -> [InitiativeUse] {
        guard !initiativeIDs.isEmpty else { return [] }
        let links = try await InitiativeUseModel.query(on: db).filter(\.$initiative.$id ~~ initiativeIDs)
            .with(\.$initiative).all()
        var out: [InitiativeUse] = []
        for l in links {
            if let aid = l.awardID {
                guard let a = try await AwardModel.find(aid, on: db), a.status == .valid else { continue }
                out.append(
                    InitiativeUse(
                        initiativeID: l.$initiative.id, initiativeTitle: l.initiative.title, formName: a.formName,
                        year: a.year, decisionNumber: a.decisionNumber, dossierID: a.dossierID, nomineeID: l.nomineeID))
            } else if let nid = l.nomineeID, let n = try await DossierNomineeModel.find(nid, on: db),
                let d = try await DossierModel.find(n.$dossier.id, on: db), n.holdsAchievement(dossierStatus: d.status)
            {
                out.append(
                    InitiativeUse(
                        initiativeID: l.$initiative.id, initiativeTitle: l.initiative.title, formName: n.formName,
                        year: d.year, decisionNumber: nil, dossierID: d.id, nomineeID: nid))
            }
        }
        return out
    }

    /// The initiatives of this subject named by `ids`, each not used before; problems go to "initiativeIDs".
    static func checkInitiatives(
        _ ids: [Int], subjectID: Int, ignoring: Set<Int> = [], into e: inout FieldErrors, on db: any Database
    ) async throws {
        let wanted = Array(Set(ids)).sorted()
        guard !wanted.isEmpty else { return }
        let own = try await InitiativeModel.query(on: db).filter(\.$id ~~ wanted).filter(\.$subject.$id == subjectID)
            .count()
        if own != wanted.count {
            e.add("initiativeIDs", "Vui lòng chọn sáng kiến, đề tài của chính người (tập thể) được khen thưởng.")
            return
        }
        let conflicts = InitiativeReuse.conflicts(wanted, uses: try await uses(of: wanted, on: db), ignoring: ignoring)
        if let first = conflicts.first { e.add("initiativeIDs", InitiativeReuse.reason(first)) }
    }

    /// Links the initiatives to a nominee (a proposal) or an award.
    static func link(_ ids: [Int], nomineeID: Int?, awardID: Int?, on db: any Database) async throws {
        for id in Array(Set(ids)).sorted() {
            try await InitiativeUseModel(initiativeID: id, nomineeID: nomineeID, awardID: awardID).create(on: db)
        }
    }

    /// A decided nominee's initiatives now rest on its award.
    static func carry(nomineeIDs: [Int], toAward awardID: Int, on db: any Database) async throws {
        guard !nomineeIDs.isEmpty else { return }
        for l in try await InitiativeUseModel.query(on: db).filter(\.$nomineeID ~~ nomineeIDs).all() {
            l.awardID = awardID
            try await l.save(on: db)
        }
    }

    /// The initiatives a subject's valid awards rest on: the engine does not count them again.
    static func usedByAwards(subjectID: Int, on db: any Database) async throws -> Set<Int> {
        let links = try await InitiativeUseModel.query(on: db)
            .join(InitiativeModel.self, on: \InitiativeUseModel.$initiative.$id == \InitiativeModel.$id)
            .filter(InitiativeModel.self, \.$subject.$id == subjectID).filter(\.$awardID != nil).all()
        var out = Set<Int>()
        for l in links {
            if let aid = l.awardID, try await AwardModel.find(aid, on: db)?.status == .valid {
                out.insert(l.$initiative.id)
            }
        }
        return out
    }

    /// Whether an award counts in the engine's checks toward higher forms: its kind is listed by the rules in force
    /// for its achievement year.
    static func countsTowardHigher(_ a: AwardModel, sets: [RuleSet]) -> Bool {
        guard let set = RuleLibrary.ruleSet(forDay: RuleLibrary.judgingDay(forYear: a.year), in: sets) else {
            return a.kind == .regular
        }
        return set.countsTowardHigher(a.kind)
    }

    /// The lower nominees a nominee continues (forwarded from), itself included: one proposal, one achievement.
    static func chain(_ n: DossierNomineeModel, on db: any Database) async throws -> Set<Int> {
        var out: Set<Int> = n.id.map { [$0] } ?? []
        var next = n.forwardedFromID
        while let id = next, !out.contains(id) {
            out.insert(id)
            next = try await DossierNomineeModel.find(id, on: db)?.forwardedFromID
        }
        return out
    }

    // MARK: Withdrawal

    /// Withdraws a nominee with a reason: it stops holding its achievement (and its initiatives), and it is never
    /// decided. Recorded in the dossier's history and the audit log.
    static func withdraw(dossierID: Int, nomineeID: Int, _ i: WithdrawalInput, actor: Actor?, on db: any Database)
        async throws -> DossierNomineeModel
    {
        let d = try await DossierService.readable(dossierID, actor: actor, on: db)
        try Access.check(actor, .update, DossierService.resource(d))
        guard let n = d.nominees.first(where: { $0.id == nomineeID }) else {
            throw AppError.notFound("Không tìm thấy người được đề nghị.")
        }
        if n.withdrawn { throw AppError.conflict("Đề nghị này đã được rút.") }
        if n.awardID != nil || (d.status.readOnly && !n.holdsAchievement(dossierStatus: d.status)) {
            throw AppError.conflict(
                "Đề nghị này đã có quyết định hoặc đã kết thúc; muốn thay đổi, cấp có thẩm quyền thu hồi quyết định.")
        }
        if n.forwardedToID != nil {
            throw AppError.conflict("Đề nghị đã chuyển lên cấp trên; rút đề nghị trong hồ sơ của cấp trên.")
        }
        var e = FieldErrors()
        let reason = VietnameseText.clean(i.reason)
        Check.required(reason, "reason", "Lý do rút đề nghị", max: 1000, into: &e)
        guard e.isEmpty else { throw AppError.invalid(e) }
        let name = n.subject.name
        try await db.transaction { tx in
            n.withdrawn = true
            n.withdrawalReason = reason
            n.withdrawnAt = Date()
            n.withdrawnBy = actor?.userID
            try await n.save(on: tx)
            let note = "Rút đề nghị \(n.formName) cho \(name): \(reason)"
            try await DossierService.event(
                d, nomineeID: nomineeID, action: .nomineeWithdrawn, from: d.status, to: d.status, note: note,
                actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "withdraw", entity: "dossier-nominee", entityID: nomineeID,
                unitID: d.$unit.id, summary: note, before: n.formCode, after: reason)
        }
        return n
    }
}
