import Domain
import Fluent
import Vapor

/// A decision to issue for the passed nominees of one or more reviewed dossiers of one authority.
struct IssueDecisionInput: Content, Sendable {
    var dossierIDs: [Int]
    /// A number given by hand ("120/QĐ-UBND"); empty: the next number of the register.
    var number: String?
    /// dd/mm/yyyy or yyyy-mm-dd
    var date: String
    /// The signer; empty: the authority's signer.
    var signer: String?
    /// The issuing body as printed; empty: the authority's name.
    var issuer: String?
    /// `AwardLevel` code; empty: the authority's level.
    var level: String?
}

/// Withdrawing or correcting a decision: itself a decision, with its reason.
struct DecisionChangeInput: Content, Sendable {
    var reason: String
    /// dd/mm/yyyy or yyyy-mm-dd
    var date: String
    var number: String?
}

/// Everything a decision page needs.
struct DecisionView: Sendable {
    let decision: DecisionModel
    let authority: AuthorityModel
    let scope: CouncilScope
    let dossiers: [DossierModel]
    let awards: [AwardModel]
    /// The decision this one withdraws or corrects, and the one that withdrew or corrected it.
    let corrects: DecisionModel?
    let correctedBy: DecisionModel?
}

enum DecisionService {
    // MARK: Numbers

    /// The entries holding a number in an authority's register of a kind and year, to check a hand-entered one.
    static func used(_ number: String, authorityID: Int, kind: DecisionKind, year: Int, on db: any Database)
        async throws -> [RegisteredNumber]
    {
        try await DecisionModel.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$kind == kind)
            .filter(\.$year == year).filter(\.$number == number).all()
            .map { RegisteredNumber(id: $0.id ?? 0, number: $0.number, day: $0.day, summary: $0.summary) }
    }

    /// Checks a hand-entered number (normalised, unique in the authority's register); nil when none was given.
    static func handNumber(
        _ raw: String?, field: String, authority: AuthorityModel, kind: DecisionKind, day: String?,
        into e: inout FieldErrors, on db: any Database
    ) async throws -> String? {
        let typed = VietnameseText.clean(raw ?? "")
        guard !typed.isEmpty else { return nil }
        guard typed.count <= 60, let n = DecisionRegister.normalise(typed) else {
            e.add(
                field, "Số \(kind.label.lowercased()) phải bắt đầu bằng số thứ tự, ví dụ 12/QĐ-UBND (tối đa 60 ký tự).")
            return nil
        }
        guard let year = day.flatMap(DecisionRegister.year(of:)) else { return n }
        let used = try await used(n, authorityID: authority.id ?? 0, kind: kind, year: year, on: db)
        if let message = DecisionRegister.duplicate(n, kind: kind, among: used) { e.add(field, message) }
        return n
    }

    /// Puts the entry in the register: the hand number (with its place in the sequence when it follows the
    /// format), or the next number of the authority's year.
    static func register(
        _ m: DecisionModel, hand: String?, authority: AuthorityModel, on db: any Database
    ) async throws {
        let format = m.kind == .decision ? authority.decisionFormat : authority.minutesFormat
        if let hand {
            m.number = hand
            m.seq = DecisionRegister.sequence(of: hand, format: format, year: m.year)
        } else {
            let last = try await DecisionModel.query(on: db).filter(\.$authority.$id == authority.id ?? 0)
                .filter(\.$kind == m.kind).filter(\.$year == m.year).max(\.$seq)
            let seq = DecisionRegister.next(after: last.map { [$0] } ?? [])
            m.seq = seq
            m.number = DecisionRegister.format(format, seq: seq, year: m.year)
        }
        do {
            try await m.create(on: db)
        } catch let error where isUniqueViolation(error) {
            throw AppError.conflict(
                "Số \(m.number) vừa được dùng cho văn bản khác trong sổ đăng ký; vui lòng thử lại để nhận số tiếp theo."
            )
        }
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("UNIQUE constraint") || text.contains("23505") || text.contains("duplicate key")
    }

    // MARK: Issuing

    /// Issues one decision for the passed, own-conferred nominees of reviewed dossiers sent to one authority:
    /// the number from the register (or checked when given), the awards, registrations → "đã khen thưởng",
    /// each dossier → decided.
    static func issue(_ i: IssueDecisionInput, actor: Actor?, sets: [RuleSet], on db: any Database) async throws
        -> DecisionModel
    {
        let ids = Array(Set(i.dossierIDs)).sorted()
        var loaded: [DossierModel] = []
        for id in ids { loaded.append(try await DossierService.readable(id, actor: actor, on: db)) }
        let dossiers = loaded
        guard let first = dossiers.first else {
            throw AppError.invalid(
                {
                    var e = FieldErrors()
                    e.add("dossierIDs", "Vui lòng chọn ít nhất một hồ sơ Hội đồng đã xét.")
                    return e
                }())
        }
        let authorityID = first.$authority.id
        try Access.check(actor, .update, .council(try await DossierService.councilScope(first, actor: actor, on: db)))
        if dossiers.contains(where: { $0.$authority.id != authorityID }) {
            throw AppError.conflict(
                "Một quyết định chỉ gồm các hồ sơ gửi tới cùng một cấp khen thưởng; vui lòng chọn lại hồ sơ.")
        }
        if let d = dossiers.first(where: { $0.status != .reviewed }) {
            throw AppError.conflict(
                d.status == .decided
                    ? "Hồ sơ số \(d.id ?? 0) đã có quyết định."
                    : "Chỉ ghi quyết định sau khi Hội đồng đã xét hồ sơ (hồ sơ số \(d.id ?? 0) đang ở bước “\(d.status.label)”)."
            )
        }
        let authority = try await AuthorityService.find(authorityID ?? 0, on: db)
        var e = FieldErrors()
        let day = DayInput.iso(i.date)
        if day == nil { e.add("date", "Ngày quyết định phải có dạng dd/mm/yyyy.") }
        let issuer = VietnameseText.clean(i.issuer ?? "")
        Check.optional(issuer, "authority", "Cơ quan ban hành", max: 200, into: &e)
        let signer = VietnameseText.clean(i.signer ?? "")
        Check.optional(signer, "signer", "Người ký", max: 120, into: &e)
        if (signer.isEmpty ? authority.signerName : signer).isEmpty {
            e.add("signer", "Vui lòng ghi người ký, hoặc khai báo người ký trong mục Cấp khen thưởng.")
        }
        let level = i.level.flatMap { $0.isEmpty ? nil : $0 } ?? authority.level.awardLevel
        if AwardLevel(rawValue: level) == nil { e.add("level", "Cấp khen thưởng không hợp lệ.") }
        let meetingIDs = Set(dossiers.compactMap(\.meetingID))
        let meetings = try await CouncilMeetingModel.query(on: db).filter(\.$id ~~ Array(meetingIDs)).all()
        let meetingDay = meetings.map(\.meetingDate).max()
        let year = dossiers.map(\.year).max() ?? first.year
        if let day {
            for p in DecisionRegister.dateProblems(
                day: day, meetingDay: meetingDay, today: Today.iso, achievementYear: year)
            {
                e.add("date", p)
            }
        }
        let hand = try await handNumber(
            i.number, field: "number", authority: authority, kind: .decision, day: day, into: &e, on: db)
        guard e.isEmpty, let day else { throw AppError.invalid(e) }

        // This authority decides only the forms it confers; the others are forwarded up (the State's proposed).
        let winners = dossiers.flatMap { d in
            d.nominees.filter { $0.isDecided(by: authority.id) }.map { (d, $0) }
        }
        guard !winners.isEmpty else {
            throw AppError.conflict(
                "Không có người được đề nghị nào do cấp này quyết định: các hình thức trong hồ sơ do cấp trên hoặc "
                    + "Nhà nước quyết định (dùng “Chuyển lên cấp trên” hoặc “Trình cấp Nhà nước”).")
        }
        // An award recorded meanwhile for the same achievement stops the decision, naming who.
        let given = Set(
            try await AwardModel.query(on: db).filter(\.$subject.$id ~~ winners.map { $0.1.$subject.id })
                .filter(\.$status == .valid).all().map {
                    "\($0.$subject.id)|\($0.formCode)|\($0.year)|\($0.kind.rawValue)"
                })
        let clashes = winners.filter {
            given.contains("\($0.1.$subject.id)|\($0.1.formCode)|\($0.0.year)|\($0.1.kind.rawValue)")
        }
        if !clashes.isEmpty {
            throw AppError.conflict(
                "Đã có khen thưởng cùng hình thức, cùng năm thành tích cho: "
                    + clashes.map { "\($0.1.subject.name) (\($0.1.formName) năm \($0.0.year))" }.joined(separator: ", ")
                    + "; một thành tích không khen thưởng hai lần. Kiểm tra lại khen thưởng đã ghi trước khi ghi quyết định."
            )
        }
        // One achievement, one form (art. 5(2)(c)): another award or live proposal on a winner's achievement stops it.
        var held: [String] = []
        for (d, n) in winners {
            let a = Achievement(
                subjectID: n.$subject.id, year: d.year, formCode: n.formCode,
                isTitle: AchievementService.isTitle(n.formCode, sets: sets), awardKind: n.kind)
            let ignoring = try await AchievementService.chain(n, on: db)
            if let refusal = try await AchievementService.refusal(
                a, formName: n.formName, ignoring: ignoring, on: db)
            {
                held.append("\(n.subject.name): \(refusal)")
            }
        }
        if !held.isEmpty { throw AppError.conflict(held.joined(separator: " ")) }
        let m = DecisionModel(authority: authority, kind: .decision, day: day)
        if !issuer.isEmpty { m.issuer = issuer }
        if !signer.isEmpty { m.signerName = signer }
        m.meetingID = meetingIDs.count == 1 ? meetingIDs.first : nil
        let years = Set(dossiers.map(\.year)).sorted().map(String.init).joined(separator: ", ")
        m.summary = "Khen thưởng thành tích năm \(years)" + (dossiers.count > 1 ? " (\(dossiers.count) hồ sơ)" : "")
        m.createdBy = actor?.userID
        try await db.transaction { tx in
            try await register(m, hand: hand, authority: authority, on: tx)
            let reasonText = "\(m.citation): "
            for (d, n) in winners {
                let a = try await AwardService.create(
                    subjectID: n.$subject.id,
                    AwardInput(
                        formCode: n.formCode, formName: n.formName, level: level, year: d.year,
                        period: "Năm \(d.year)", decisionNumber: m.number, decisionDate: day, authority: m.issuer,
                        kind: n.kind.rawValue),
                    source: "quyet-dinh", dossierID: d.id, nomineeID: n.id, actor: actor, sets: sets, on: tx)
                a.decisionID = m.id
                RewardService.price(
                    a, subjectKind: n.subject.kind, day: day, dossierRules: try? DossierService.ruleSet(d, sets: sets),
                    sets: sets)
                try await a.save(on: tx)
                n.awardID = a.id
                try await n.save(on: tx)
                if let rid = n.registrationID, let r = try await RegistrationModel.find(rid, on: tx) {
                    let reason = reasonText + n.formName
                    if r.status == .achieved {
                        _ = try await RegistrationService.transition(
                            rid, TransitionInput(.nominated, reason: reason), actor: actor, on: tx)
                    }
                    if try await RegistrationModel.find(rid, on: tx)?.status == .nominated {
                        _ = try await RegistrationService.transition(
                            rid, TransitionInput(.awarded, reason: reason), actor: actor, byDecision: true, on: tx)
                    }
                }
            }
            try await RewardService.spend(m, actor: actor, on: tx)
            for d in dossiers {
                try d.move(to: .decided)
                d.decisionNumber = m.number
                d.decisionDate = day
                d.decisionAuthority = m.issuer
                d.decisionSigner = m.signerName
                d.decisionID = m.id
                try await d.save(on: tx)
                let mine = winners.filter { $0.0.id == d.id }.count
                try await DossierService.event(
                    d, action: .decided, from: .reviewed, to: .decided,
                    note: "\(m.citation) của \(m.issuer): khen thưởng \(mine)/\(d.nominees.count) trường hợp"
                        + (dossiers.count > 1 ? " (quyết định chung cho \(dossiers.count) hồ sơ)." : "."),
                    actor: actor, on: tx)
                try await AuditLog.record(
                    on: tx, actor: actor, action: "update", entity: "dossier", entityID: d.id, unitID: d.$unit.id,
                    summary: "Quyết định khen thưởng hồ sơ “\(d.title)”", before: DossierStatus.reviewed,
                    after: m.number)
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "decision", entityID: m.id, unitID: authority.$unit.id,
                summary: "Ban hành \(m.citation) (\(winners.count) trường hợp, \(dossiers.count) hồ sơ)",
                before: Optional<String>.none, after: m.number)
            try await Notices.decisionIssued(m, winners: winners, dossiers: dossiers, on: tx)
        }
        return m
    }

    /// The minutes of a meeting that closes: its number from the authority's register.
    static func registerMinutes(
        _ meeting: CouncilMeetingModel, authority: AuthorityModel, actor: Actor?, on db: any Database
    ) async throws {
        let m = DecisionModel(authority: authority, kind: .minutes, day: meeting.meetingDate)
        m.meetingID = meeting.id
        m.summary = "Biên bản họp: \(meeting.title)"
        m.signerName = meeting.chair
        m.createdBy = actor?.userID
        try await register(m, hand: nil, authority: authority, on: db)
    }

    /// The minutes' register entry of a meeting, once closed.
    static func minutes(ofMeeting id: Int, on db: any Database) async throws -> DecisionModel? {
        try await DecisionModel.query(on: db).filter(\.$meetingID == id).filter(\.$kind == .minutes).first()
    }

    // MARK: Withdrawing and correcting

    static func withdraw(_ id: Int, _ i: DecisionChangeInput, actor: Actor?, on db: any Database) async throws
        -> DecisionModel
    {
        try await change(id, i, to: .withdrawn, actor: actor, on: db)
    }

    static func correct(_ id: Int, _ i: DecisionChangeInput, actor: Actor?, on db: any Database) async throws
        -> DecisionModel
    {
        try await change(id, i, to: .corrected, actor: actor, on: db)
    }

    /// Withdrawing or correcting is a decision of its own, in the register: the old one keeps its number and
    /// its awards, marked; a correction carries them over to the new number.
    private static func change(
        _ id: Int, _ i: DecisionChangeInput, to status: DecisionStatus, actor: Actor?, on db: any Database
    ) async throws -> DecisionModel {
        let v = try await view(id, actor: actor, on: db)
        let old = v.decision
        try Access.check(actor, .update, .council(v.scope))
        guard old.kind == .decision else { throw AppError.conflict("Chỉ thu hồi hoặc đính chính quyết định.") }
        try DecisionWorkflow.requireMove(of: "Quyết định", from: old.status, to: status)
        var e = FieldErrors()
        let reason = VietnameseText.clean(i.reason)
        Check.required(
            reason, "reason", status == .withdrawn ? "Lý do thu hồi" : "Nội dung đính chính", max: 2000, into: &e)
        let day = DayInput.iso(i.date)
        if day == nil { e.add("date", "Ngày ban hành phải có dạng dd/mm/yyyy.") }
        if let day {
            if day < old.day {
                e.add("date", "Ngày ban hành không thể trước ngày của \(old.citation).")
            } else if day > Today.iso {
                e.add("date", "Ngày ban hành không thể sau hôm nay (\(Today.iso.isoToVietnamese)).")
            }
        }
        let hand = try await handNumber(
            i.number, field: "number", authority: v.authority, kind: .decision, day: day, into: &e, on: db)
        guard e.isEmpty, let day else { throw AppError.invalid(e) }
        // Only the decision's own awards and dossiers change.
        let awards = v.awards.filter { $0.decisionID == id }
        let dossiers = v.dossiers.filter { $0.decisionID == id }
        if awards.isEmpty && dossiers.isEmpty {
            throw AppError.conflict(
                "\(old.citation) không ghi khen thưởng nào trong hệ thống; không thu hồi, đính chính được.")
        }
        let new = DecisionModel(authority: v.authority, kind: .decision, day: day)
        new.summary = (status == .withdrawn ? "Thu hồi " : "Đính chính, thay thế ") + old.citation
        new.correctsID = old.id
        new.reason = reason
        new.meetingID = old.meetingID
        new.createdBy = actor?.userID
        try await db.transaction { tx in
            // Two withdrawals at once (a double click): the second finds the decision changed and stops.
            try await tx.lockRow(DecisionModel.schema, id: id)
            guard try await DecisionModel.find(id, on: tx)?.status == old.status else {
                throw AppError.conflict("\(old.citation) vừa được thu hồi hoặc đính chính; vui lòng tải lại trang.")
            }
            try await register(new, hand: hand, authority: v.authority, on: tx)
            try old.move(to: status)
            old.reason = reason
            try await old.save(on: tx)
            for a in awards {
                if status == .withdrawn {
                    try a.move(to: .withdrawn, note: "Đã thu hồi theo \(new.citation): \(reason)")
                } else {
                    a.statusNote = "Đính chính theo \(new.citation) (thay \(old.citation)): \(reason)"
                    a.decisionID = new.id
                    a.decisionNumber = new.number
                    a.decisionDate = new.day
                }
                try await a.save(on: tx)
            }
            try await RewardService.decisionChanged(
                old: old, new: new, withdrawn: status == .withdrawn, actor: actor, on: tx)
            for d in dossiers {
                if status == .corrected {
                    d.decisionID = new.id
                    d.decisionNumber = new.number
                    d.decisionDate = new.day
                    try await d.save(on: tx)
                }
                try await DossierService.event(
                    d, action: status == .withdrawn ? .decisionWithdrawn : .decisionCorrected, from: d.status,
                    to: d.status,
                    note: (status == .withdrawn
                        ? "\(old.citation) đã bị thu hồi theo " : "\(old.citation) được đính chính, thay thế bằng ")
                        + "\(new.citation). Lý do: \(reason)", actor: actor, on: tx)
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "decision", entityID: old.id,
                unitID: v.authority.$unit.id,
                summary: (status == .withdrawn ? "Thu hồi " : "Đính chính ") + "\(old.citation) bằng \(new.citation)",
                before: DecisionStatus.issued, after: status)
        }
        return new
    }

    // MARK: Reading

    static func view(_ id: Int, actor: Actor?, on db: any Database) async throws -> DecisionView {
        guard let m = try await DecisionModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy quyết định.")
        }
        let authority = try await AuthorityService.find(m.$authority.id, on: db)
        let scope = try await AuthorityService.scope(authority, actor: actor, on: db)
        try Access.check(actor, .read, .council(scope))
        let corrects = try await m.correctsID.asyncMap { try await DecisionModel.find($0, on: db) } ?? nil
        let correctedBy = try await DecisionModel.query(on: db).filter(\.$correctsID == id).first()
        // A withdrawal shows what it withdrew; a corrected decision what its correction now carries.
        let chain = [id, m.correctsID, correctedBy?.id].compactMap { $0 }
        let dossiers = try await DossierModel.query(on: db).filter(\.$decisionID ~~ chain).with(\.$unit)
            .with(\.$nominees) { $0.with(\.$subject) }.sort(\.$id).all()
        let awards = try await AwardModel.query(on: db).filter(\.$decisionID ~~ chain).with(\.$subject).sort(\.$id)
            .all()
        return DecisionView(
            decision: m, authority: authority, scope: scope, dossiers: dossiers, awards: awards, corrects: corrects,
            correctedBy: correctedBy)
    }

    /// One authority's register for a year, once the actor may list it (the page and the export share it).
    static func registerQuery(authorityID: Int, year: Int, actor: Actor?, on db: any Database) async throws
        -> (AuthorityModel, QueryBuilder<DecisionModel>)
    {
        let authority = try await AuthorityService.find(authorityID, on: db)
        try Access.check(actor, .list, .council(try await AuthorityService.scope(authority, actor: actor, on: db)))
        return (authority, DecisionModel.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$year == year))
    }

    /// One authority's register for a year, newest first, paged by key (ids below `before`).
    static func register(
        authorityID: Int, year: Int, before: Int?, perPage: Int = 50, actor: Actor?, on db: any Database
    ) async throws -> (authority: AuthorityModel, items: [DecisionModel], next: Int?, total: Int) {
        let (authority, base) = try await registerQuery(authorityID: authorityID, year: year, actor: actor, on: db)
        let total = try await base.copy().count()
        var q = base
        if let before { q = q.filter(\.$id < before) }
        let rows = try await q.sort(\.$id, .descending).limit(perPage + 1).all()
        let items = Array(rows.prefix(perPage))
        return (authority, items, rows.count > perPage ? items.last?.id : nil, total)
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncMap<T>(_ f: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let w): return try await f(w)
        case .none: return nil
        }
    }
}
