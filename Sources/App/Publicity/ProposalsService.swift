import Domain
import Fluent
import Vapor

/// A proposal as posted by the public form or the API.
struct ProposalInput: Content, Sendable {
    var subjectName: String?
    var subjectKind: String?
    var unitID: String?
    /// The receiving unit as typed, where the units are too many for a select (`UnitField`).
    var unit: String?
    var achievements: String?
    var proposerName: String?
    var proposerPhone: String?
    var proposerEmail: String?
    var consent: String?
    /// The honeypot: a field people never see (hidden by a CSS class); only robots fill it.
    var website: String?

    var draft: ProposalDraft {
        ProposalDraft(
            subjectName: VietnameseText.clean(subjectName ?? ""), subjectKind: VietnameseText.clean(subjectKind ?? ""),
            unitID: Int(VietnameseText.clean(unitID ?? "")),
            achievements: VietnameseText.cleanMultiline(achievements ?? ""),
            proposerName: VietnameseText.clean(proposerName ?? ""),
            proposerPhone: VietnameseText.clean(proposerPhone ?? ""),
            proposerEmail: VietnameseText.clean(proposerEmail ?? "").lowercased(),
            consent: ["on", "1", "true", "yes"].contains((consent ?? "").lowercased()))
    }

    var isBot: Bool { !(website ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    /// What was typed, to show the form again (the honeypot is not echoed).
    var flat: [String: String] {
        [
            "subjectName": subjectName ?? "", "subjectKind": subjectKind ?? "", "unitID": unitID ?? "",
            "unit": unit ?? "", "achievements": achievements ?? "", "proposerName": proposerName ?? "",
            "proposerPhone": proposerPhone ?? "", "proposerEmail": proposerEmail ?? "",
            "consent": draft.consent ? "on" : "",
        ]
    }
}

/// A moderator's move of a proposal.
struct ProposalMoveInput: Content, Sendable {
    var status: String
    var reason: String?
}

/// What became of a public submission.
enum ProposalOutcome: Sendable {
    case stored(Int)
    /// The honeypot was filled: answered like a success, nothing kept.
    case discarded
    /// Too many from this address; try again after this many seconds.
    case refused(retryAfter: Int)
}

enum ProposalsService {
    /// The units a proposal may be addressed to: communes, wards, townships and district agencies still in place.
    /// Offered by a `UnitField` (a select while they are few, else a text field: a province holds thousands).
    static let receivingKinds: [UnitKind] = [.xa, .phuong, .thiTran, .phong, .coQuanDang, .doanThe, .donViSuNghiep]

    static let unitSpec = UnitField.Spec(
        label: "Xã, thị trấn hoặc cơ quan, đơn vị", required: true, emptyLabel: "— Chọn xã, thị trấn, cơ quan —",
        scope: .all, kinds: receivingKinds)

    /// A unit a proposal may be addressed to, or nil.
    static func receivingUnit(_ id: Int, on db: any Database) async throws -> UnitModel? {
        try await unitSpec.choices(db).units().filter(\.$id == id).first()
    }

    /// The hash of the client's address kept for the limit (the address itself is never stored).
    static func addressHash(_ req: Request) -> String {
        let address = req.clientAddress(trustForwardedFor: req.application.loginThrottle.policy.trustForwardedFor)
        return Secrets.sha256("dien-hinh/proposal-address/" + address)
    }

    /// The public submission: rate limit (in the database, shared by every instance) → honeypot → validate → store.
    static func submit(_ input: ProposalInput, req: Request) async throws -> ProposalOutcome {
        let hash = addressHash(req)
        let now = Date()
        let recent = try await ProposalHitModel.query(on: req.database).filter(\.$addressHash == hash)
            .filter(\.$at > now.addingTimeInterval(-ProposalRules.window)).all().map(\.at)
        if let wait = ProposalRules.retryAfter(recent: recent, now: now) {
            req.logger.notice("Lời giới thiệu điển hình bị từ chối: quá \(ProposalRules.limit) lần/giờ từ một địa chỉ")
            return .refused(retryAfter: wait)
        }
        if input.isBot {
            try await ProposalHitModel(addressHash: hash, at: now).create(on: req.database)
            req.logger.notice("proposal-honeypot: lời giới thiệu có trường bẫy được điền, đã bỏ qua")
            return .discarded
        }
        var typed = input.draft
        // A unit typed by its name or code (after the limit: the lookup reads the units).
        if !VietnameseText.clean(input.unit ?? "").isEmpty {
            typed.unitID = Int(
                try await UnitField.resolve(unitSpec, selectedID: input.unitID, text: input.unit, on: req.database)
                    ?? "")
        }
        var unit: UnitModel?
        if let id = typed.unitID { unit = try await receivingUnit(id, on: req.database) }
        var e = FieldErrors()
        let d = ProposalRules.validate(typed, unitAllowed: unit != nil, errors: &e)
        guard e.isEmpty, let unit else { throw AppError.invalid(e) }
        let p = ProposalModel(newFor: try unit.requireID(), unitPath: unit.path)
        p.subjectName = d.subjectName
        p.subjectKind = d.subjectKind
        p.achievements = d.achievements
        p.proposerName = d.proposerName
        p.proposerPhone = d.proposerPhone
        p.proposerEmail = d.proposerEmail
        p.consentContact = d.consent
        p.decisionReason = ""
        p.submittedAt = now
        try await req.database.transaction { tx in
            try await p.create(on: tx)
            try await ProposalHitModel(addressHash: hash, at: now).create(on: tx)
            try await AuditLog.record(
                on: tx, actor: nil, action: "create", entity: "proposal", entityID: p.id, unitID: p.unitID,
                summary: "Người dân giới thiệu điển hình: \(p.subjectName) (\(unit.name))",
                before: Optional<String>.none, after: ["subjectName": p.subjectName, "subjectKind": p.subjectKind])
        }
        return .stored(try p.requireID())
    }

    /// Accept or reject (a reason required) a new proposal.
    static func move(_ id: Int, _ input: ProposalMoveInput, actor: Actor?, on db: any Database) async throws
        -> ProposalModel
    {
        let p = try await ProposalQuery.readable(id, actor: actor, on: db)
        try Access.check(actor, .update, .proposal(p.path))
        let reason = VietnameseText.cleanMultiline(input.reason ?? "")
        var e = FieldErrors()
        guard let target = ProposalStatus(rawValue: input.status), target != .new else {
            e.add("status", "Vui lòng chọn: tiếp nhận hoặc không tiếp nhận.")
            throw AppError.invalid(e)
        }
        if target == .rejected && reason.isEmpty {
            e.add("reason", "Vui lòng ghi lý do không tiếp nhận.")
        }
        if reason.count > 2000 { e.add("reason", "Lý do tối đa 2000 ký tự.") }
        guard e.isEmpty else { throw AppError.invalid(e) }
        let before = p.status
        try p.move(to: target)
        p.decisionReason = reason
        p.decidedBy = actor?.userID
        p.decidedAt = Date()
        try await db.transaction { tx in
            try await p.update(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "proposal", entityID: p.id, unitID: p.unitID,
                summary: "Lời giới thiệu “\(p.subjectName)”: \(before.label) → \(target.label)",
                before: ["status": before.rawValue], after: ["status": target.rawValue, "reason": reason])
        }
        return p
    }
}

enum ProposalQuery {
    struct Page: Sendable {
        let items: [ProposalModel]
        let next: Int?
    }

    static func readable(_ id: Int, actor: Actor?, on db: any Database) async throws -> ProposalModel {
        guard let p = try await ProposalModel.find(id, on: db) else { throw AppError.notFound() }
        try Access.check(actor, .read, .proposal(p.path))
        return p
    }

    /// The queue, newest first, paged by key (`before`: the last id of the previous page).
    static func list(status: ProposalStatus?, actor: Actor?, before: Int?, limit: Int, on db: any Database)
        async throws -> Page
    {
        var q = ProposalModel.query(on: db)
        switch Policy.proposalScope(actor) {
        case .all: break
        case .none: return Page(items: [], next: nil)
        case .subtree(let p): q = q.filter(\.$unitPath =~ p.raw)
        case .subtrees(let ps): q = q.group(.or) { g in for p in ps { g.filter(\.$unitPath =~ p.raw) } }
        }
        if let status { q = q.filter(\.$status == status) }
        if let before { q = q.filter(\.$id < before) }
        let rows = try await q.sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return Page(items: items, next: rows.count > limit ? items.last?.id : nil)
    }

    /// Whether the actor may see the proposer's contact (Policy .personalData of the unit concerned).
    static func showsContact(_ p: ProposalModel, actor: Actor?) -> Bool {
        Policy.decide(actor, .read, .personalData(p.path)).isAllowed
    }
}
