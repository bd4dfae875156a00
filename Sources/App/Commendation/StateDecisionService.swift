import Domain
import Fluent
import Vapor

/// A province's tờ trình proposing its council's State-level nominees upward.
struct StateProposalInput: Content, Sendable {
    var number: String
    /// dd/mm/yyyy or yyyy-mm-dd
    var date: String
    /// Empty: "Thủ tướng Chính phủ (qua Bộ Nội vụ)".
    var addressee: String?
    /// Empty: every nominee waiting to be proposed.
    var nomineeIDs: [Int]?
}

/// The State's decision on proposed nominees, as the province records it.
struct StateDecisionInput: Content, Sendable {
    /// `StateOutcome`: "granted" | "refused"
    var outcome: String
    /// `StateIssuer`: "chu-tich-nuoc" | "thu-tuong"
    var issuer: String
    var number: String?
    /// dd/mm/yyyy or yyyy-mm-dd
    var date: String
    var fileReference: String?
    /// Why the State did not grant it (refusals).
    var reason: String?
    var nomineeIDs: [Int]
}

/// A State decision with what it decided.
struct StateDecisionView: Sendable {
    let decision: StateDecisionModel
    let dossier: DossierModel
    let proposals: [StateProposalModel]
    let nominees: [DossierNomineeModel]
}

enum StateDecisionService {
    /// `awards.source` of an award the State conferred.
    static let awardSource = "state"
    static let defaultAddressee = "Thủ tướng Chính phủ (qua Bộ Nội vụ)"

    /// The nominees of a dossier at its province's council that the council passed and the State confers, not yet
    /// proposed.
    static func proposable(_ d: DossierModel) -> [DossierNomineeModel] {
        d.nominees.filter {
            $0.stateLevel && $0.appraisal == .passed && $0.votePassed == true && $0.stateProposalID == nil
                && $0.deciderID != nil && $0.deciderID == d.$authority.id
        }
    }

    /// The nominees proposed upward whose State decision has not been recorded yet.
    static func awaitingDecision(_ d: DossierModel) -> [DossierNomineeModel] {
        d.nominees.filter { $0.stateProposalID != nil && $0.stateDecisionID == nil }
    }

    /// Who may write: the standing office of the council the dossier is at (its province).
    static func requireWriter(_ d: DossierModel, actor: Actor?, on db: any Database) async throws {
        try Access.check(actor, .update, .stateDecision(try await DossierService.councilScope(d, actor: actor, on: db)))
    }

    // MARK: Proposing upward

    /// Records the province's tờ trình to the State for the chosen (or all) nominees waiting for it; the dossier is
    /// forwarded once nothing is left for the province to decide or send on.
    static func propose(_ id: Int, _ i: StateProposalInput, actor: Actor?, on db: any Database) async throws
        -> StateProposalModel
    {
        let d = try await DossierService.readable(id, actor: actor, on: db)
        try await requireWriter(d, actor: actor, on: db)
        guard d.status == .reviewed || d.status == .decided || d.status == .forwarded else {
            throw AppError.conflict("Chỉ trình cấp Nhà nước sau khi Hội đồng cấp tỉnh đã xét hồ sơ.")
        }
        let waiting = proposable(d)
        let wanted = Set(i.nomineeIDs ?? [])
        let going = wanted.isEmpty ? waiting : waiting.filter { wanted.contains($0.id ?? 0) }
        guard !going.isEmpty, wanted.isSubset(of: Set(waiting.compactMap(\.id))) else {
            throw AppError.conflict(
                "Không có trường hợp nào Hội đồng đã thông qua đang chờ trình cấp Nhà nước"
                    + " (Bằng khen của Thủ tướng Chính phủ, Chiến sĩ thi đua toàn quốc, Huân chương).")
        }
        let authority = try await AuthorityService.find(d.$authority.id ?? 0, on: db)
        var e = FieldErrors()
        let number = VietnameseText.clean(i.number)
        Check.required(number, "number", "Số tờ trình", max: 60, into: &e)
        let day = DayInput.iso(i.date)
        if day == nil { e.add("date", "Ngày tờ trình phải có dạng dd/mm/yyyy.") }
        if let day {
            for p in StateDecisionRules.dateProblems(
                day: day, proposalDay: nil, today: Today.iso, what: "Ngày tờ trình")
            {
                e.add("date", p)
            }
        }
        let typed = VietnameseText.clean(i.addressee ?? "")
        Check.optional(typed, "addressee", "Nơi nhận tờ trình", max: 200, into: &e)
        guard e.isEmpty, let day else { throw AppError.invalid(e) }
        let p = StateProposalModel()
        p.$authority.id = try authority.requireID()
        p.dossierID = id
        p.number = number
        p.day = day
        p.addressee = typed.isEmpty ? defaultAddressee : typed
        p.createdBy = actor?.userID
        let names = going.map { "\($0.subject.name) (\($0.formName))" }
        try await db.transaction { tx in
            try await p.create(on: tx)
            for n in going {
                n.stateProposalID = p.id
                try await n.save(on: tx)
            }
            let from = d.status
            // Nothing left here to decide or to send on: the dossier has gone up.
            let own = d.nominees.contains { $0.isDecided(by: d.$authority.id) }
            if from == .reviewed && !own && proposable(d).isEmpty && DossierService.forwardable(d).isEmpty {
                try d.move(to: .forwarded)
                try await d.save(on: tx)
            }
            try await DossierService.event(
                d, action: .stateProposed, from: from, to: d.status,
                note: "\(p.citation) của \(authority.headTitle) trình \(p.addressee): " + names.joined(separator: "; ")
                    + ".", actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "state-proposal", entityID: p.id, unitID: d.$unit.id,
                summary: "Trình cấp Nhà nước \(going.count) trường hợp của hồ sơ “\(d.title)” (\(p.citation))",
                before: Optional<String>.none, after: p.number)
        }
        return p
    }

    // MARK: The State's decision

    /// Records the State's decision for proposed nominees of one dossier: granted — each gets an award (level
    /// "toan-quoc", the issuer as the authority) that the award history and eligibility count; or refused, with the
    /// reason.
    static func record(_ id: Int, _ i: StateDecisionInput, actor: Actor?, sets: [RuleSet], on db: any Database)
        async throws -> StateDecisionModel
    {
        let d = try await DossierService.readable(id, actor: actor, on: db)
        try await requireWriter(d, actor: actor, on: db)
        let waiting = awaitingDecision(d)
        guard !waiting.isEmpty else {
            throw AppError.conflict("Hồ sơ không có trường hợp nào đã trình cấp Nhà nước đang chờ quyết định.")
        }
        var e = FieldErrors()
        let chosen = waiting.filter { i.nomineeIDs.contains($0.id ?? 0) }
        if chosen.isEmpty || chosen.count != Set(i.nomineeIDs).count {
            e.add("nomineeIDs", "Vui lòng chọn ít nhất một trường hợp đã trình cấp Nhà nước, chưa có quyết định.")
        }
        let codes = Set(chosen.map(\.formCode))
        if codes.count > 1 {
            e.add("nomineeIDs", "Một quyết định ghi cho một hình thức; vui lòng chọn các trường hợp cùng hình thức.")
        }
        let outcome = StateOutcome(rawValue: i.outcome)
        if outcome == nil { e.add("outcome", "Vui lòng chọn kết quả: được khen thưởng hoặc không được khen thưởng.") }
        let issuer = StateIssuer(rawValue: i.issuer)
        if issuer == nil { e.add("issuer", "Vui lòng chọn người quyết định: Chủ tịch nước hoặc Thủ tướng Chính phủ.") }
        let set = try DossierService.ruleSet(d, sets: sets)
        let formCode = codes.first ?? ""
        let form = set.form(formCode) ?? sets.lazy.compactMap { $0.form(formCode) }.first
        if let issuer, let form, let expected = StateIssuer.of(form), expected != issuer {
            e.add("issuer", "“\(form.name)” do \(expected.label) quyết định tặng (\(expected.article)).")
        }
        let number = VietnameseText.clean(i.number ?? "")
        if outcome == .granted {
            Check.required(number, "number", "Số quyết định", max: 60, into: &e)
        } else {
            Check.optional(number, "number", "Số văn bản", max: 60, into: &e)
        }
        let day = DayInput.iso(i.date)
        if day == nil { e.add("date", "Ngày quyết định phải có dạng dd/mm/yyyy.") }
        let proposalIDs = Set(chosen.compactMap(\.stateProposalID))
        let proposals = try await StateProposalModel.query(on: db).filter(\.$id ~~ Array(proposalIDs)).all()
        if let day {
            for p in StateDecisionRules.dateProblems(
                day: day, proposalDay: proposals.map(\.day).max(), today: Today.iso, what: "Ngày quyết định")
            {
                e.add("date", p)
            }
        }
        let file = VietnameseText.clean(i.fileReference ?? "")
        Check.optional(file, "fileReference", "Nơi lưu bản quyết định", max: 300, into: &e)
        let reason = VietnameseText.clean(i.reason ?? "")
        if outcome == .refused {
            Check.required(reason, "reason", "Lý do không được khen thưởng", max: 2000, into: &e)
        } else {
            Check.optional(reason, "reason", "Ghi chú", max: 2000, into: &e)
        }
        guard e.isEmpty, let outcome, let issuer, let day, let first = chosen.first else { throw AppError.invalid(e) }
        let authority = try await AuthorityService.find(d.$authority.id ?? 0, on: db)
        let m = StateDecisionModel()
        m.$authority.id = try authority.requireID()
        m.dossierID = id
        m.outcome = outcome
        m.issuer = issuer
        m.number = number
        m.day = day
        m.formCode = first.formCode
        m.formName = first.formName
        m.fileReference = file
        m.reason = reason
        m.recordedBy = actor?.userID
        try await db.transaction { tx in
            // Two recordings at once: the second finds a nominee already decided and stops.
            try await tx.lockRow(DossierModel.schema, id: id)
            let decided = try await DossierNomineeModel.query(on: tx).filter(\.$id ~~ chosen.compactMap(\.id))
                .filter(\.$stateDecisionID != nil).count()
            guard decided == 0 else {
                throw AppError.conflict(
                    "Quyết định cấp Nhà nước vừa được ghi cho trường hợp này; vui lòng tải lại trang.")
            }
            try await m.create(on: tx)
            for n in chosen {
                if outcome == .granted {
                    let a = try await AwardService.create(
                        subjectID: n.$subject.id,
                        AwardInput(
                            formCode: n.formCode, formName: n.formName, level: AuthorityLevel.trungUong.awardLevel,
                            year: d.year, period: "Năm \(d.year)", decisionNumber: number, decisionDate: day,
                            authority: issuer.label, kind: n.kind.rawValue),
                        source: awardSource, dossierID: id, nomineeID: n.id, actor: actor, sets: sets, on: tx)
                    a.stateDecisionID = m.id
                    try await a.save(on: tx)
                    n.awardID = a.id
                    try await awarded(n, citation: m.citation, actor: actor, on: tx)
                }
                n.stateDecisionID = m.id
                try await n.save(on: tx)
            }
            let names = chosen.map(\.subject.name).joined(separator: ", ")
            try await DossierService.event(
                d, action: .stateDecided, from: d.status, to: d.status,
                note: "\(m.citation) (\(m.formName)): \(outcome.label.lowercased()) — \(names)"
                    + (reason.isEmpty ? "." : ". \(reason)"), actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "state-decision", entityID: m.id, unitID: d.$unit.id,
                summary: "Ghi \(m.citation): \(outcome.label.lowercased()) \(chosen.count) trường hợp (\(m.formName))",
                before: Optional<String>.none, after: outcome)
        }
        return m
    }

    /// The nominee's registration (the exemplar's) moves to "đã khen thưởng", as with a decision of ours.
    static func awarded(_ n: DossierNomineeModel, citation: String, actor: Actor?, on db: any Database) async throws {
        guard let rid = n.registrationID, let r = try await RegistrationModel.find(rid, on: db) else { return }
        let reason = "\(citation): \(n.formName)"
        if r.status == .achieved {
            _ = try await RegistrationService.transition(
                rid, TransitionInput(.nominated, reason: reason), actor: actor, on: db)
        }
        if try await RegistrationModel.find(rid, on: db)?.status == .nominated {
            _ = try await RegistrationService.transition(
                rid, TransitionInput(.awarded, reason: reason), actor: actor, byDecision: true, on: db)
        }
    }

    // MARK: Reading

    static func view(_ id: Int, actor: Actor?, on db: any Database) async throws -> StateDecisionView {
        guard let m = try await StateDecisionModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy quyết định cấp Nhà nước.")
        }
        // Whoever reads the dossier reads what the State decided on it.
        let d = try await DossierService.readable(m.dossierID, actor: actor, on: db)
        try Access.check(actor, .read, .stateDecision(try await DossierService.councilScope(d, actor: actor, on: db)))
        let nominees = d.nominees.filter { $0.stateDecisionID == id }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        let proposalIDs = Array(Set(nominees.compactMap(\.stateProposalID)))
        let proposals = try await StateProposalModel.query(on: db).filter(\.$id ~~ proposalIDs).sort(\.$id).all()
        return StateDecisionView(decision: m, dossier: d, proposals: proposals, nominees: nominees)
    }

    /// A dossier's proposals and State decisions, oldest first.
    static func forDossier(_ id: Int, on db: any Database) async throws
        -> (proposals: [StateProposalModel], decisions: [StateDecisionModel])
    {
        let p = try await StateProposalModel.query(on: db).filter(\.$dossierID == id).sort(\.$id).all()
        let s = try await StateDecisionModel.query(on: db).filter(\.$dossierID == id).sort(\.$id).all()
        return (p, s)
    }
}
