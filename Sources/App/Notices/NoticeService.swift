import Domain
import Fluent
import Foundation
import SQLKit

/// Inboxes: what the commendation workflow tells the units and people it concerns. A notice is written in the
/// same transaction as the change it tells of (the services pass their transaction), and each account with an
/// e-mail address also gets it in the outbox that `NoticeMailer` sends when the server has SMTP.
enum Notices {
    /// One notice as an inbox shows it to one account.
    struct Item: Sendable {
        let id: Int
        let kind: NoticeKind
        let title: String
        let body: String
        let link: String
        let createdAt: Date
        let read: Bool
    }

    /// A page of an inbox, newest first; `next` is the last notice's id when there are more.
    struct Inbox: Sendable {
        let items: [Item]
        let next: Int?
    }

    /// Writes one notice per recipient, and queues its e-mail to each account concerned that has an address.
    static func emit(
        _ kind: NoticeKind, to recipients: [NoticeRecipient], title: String, body: String, link: any SitePath,
        on db: any Database
    ) async throws {
        let now = Date()
        var seen = Set<NoticeRecipient>()
        for r in recipients where seen.insert(r).inserted {
            let n = NoticeModel()
            n.kind = kind
            n.title = String(title.prefix(300))
            n.body = String(body.prefix(4000))
            n.link = link.href
            n.createdAt = now
            switch r {
            case .user(let id): n.userID = id
            case .unit(let id): n.unitID = id
            }
            try await n.create(on: db)
            try await NoticeMailer.enqueue(n, to: r, on: db)
        }
    }

    // MARK: The workflow's hooks (one line each in the services)

    /// A dossier reached a council: its standing unit is told.
    static func dossierReceived(_ d: DossierModel, council: AuthorityModel?, on db: any Database) async throws {
        guard let council else { return }
        try await emit(
            .dossierReceived, to: [.unit(council.$standingUnit.id)],
            title: "Hồ sơ “\(d.title)” đã được gửi đến \(council.councilName)",
            body: "\(d.unit.name) gửi hồ sơ số \(d.id ?? 0) (\(d.nominees.count) trường hợp) ngày "
                + "\((d.submittedDay ?? Today.iso).isoToVietnamese); hạn thẩm định "
                + "\(d.appraisalDue?.isoToVietnamese ?? "chưa xác định").",
            link: DossiersPath.dossier(.id(d.id ?? 0)), on: db)
    }

    /// The appraisal returned a dossier: its unit is told why.
    static func dossierReturned(_ d: DossierModel, reasons: [String], on db: any Database) async throws {
        try await emit(
            .dossierReturned, to: [.unit(d.$unit.id)], title: "Hồ sơ “\(d.title)” bị trả lại để bổ sung",
            body: "Lý do: " + reasons.joined(separator: "; ") + ". Bổ sung rồi gửi lại hồ sơ.",
            link: DossiersPath.dossier(.id(d.id ?? 0)), on: db)
    }

    /// Nominees went up: the upper council's standing unit receives them, the dossier's unit is told.
    static func dossierForwarded(
        _ d: DossierModel, to up: DossierModel, upper: AuthorityModel, count: Int, on db: any Database
    ) async throws {
        try await emit(
            .dossierReceived, to: [.unit(upper.$standingUnit.id)],
            title: "Hồ sơ “\(d.title)” đã được gửi đến \(upper.councilName)",
            body: "Chuyển lên từ hồ sơ số \(d.id ?? 0) của \(d.unit.name): \(count) trường hợp, kèm kết quả bỏ phiếu.",
            link: DossiersPath.dossier(.id(up.id ?? 0)), on: db)
        try await emit(
            .dossierForwarded, to: [.unit(d.$unit.id)],
            title: "Hồ sơ “\(d.title)” đã được chuyển lên \(upper.councilName)",
            body:
                "\(count) trường hợp được Hội đồng thông qua đã chuyển lên cấp trên xem xét (hồ sơ số \(up.id ?? 0)).",
            link: DossiersPath.dossier(.id(d.id ?? 0)), on: db)
    }

    /// A council meeting was called: every roster member with an account is told.
    static func meetingCalled(_ m: CouncilMeetingModel, roster: [CouncilMemberModel], on db: any Database)
        async throws
    {
        try await emit(
            .meetingCalled, to: roster.compactMap(\.userID).map(NoticeRecipient.user),
            title: "Triệu tập họp Hội đồng: \(m.title)",
            body: "Ngày \(m.meetingDate.isoToVietnamese), tại \(m.location); chủ trì: \(m.chair).",
            link: CouncilPath.meeting(.id(m.id ?? 0)), on: db)
    }

    /// A meeting's secret ballot opened: every attendee with an account is told.
    static func voteOpened(_ v: MeetingView, on db: any Database) async throws {
        try await emit(
            .voteOpened, to: v.attendance.compactMap(\.member.userID).map(NoticeRecipient.user),
            title: "Mở bỏ phiếu kín: \(v.meeting.title)",
            body: "\(v.nominees.count) trường hợp cần biểu quyết; bỏ phiếu trên trang cuộc họp.",
            link: CouncilPath.meeting(.id(v.meeting.id ?? 0)), on: db)
    }

    /// A decision was issued: each awardee's unit and each dossier's unit are told, once, with their names.
    static func decisionIssued(
        _ m: DecisionModel, winners: [(DossierModel, DossierNomineeModel)], dossiers: [DossierModel],
        on db: any Database
    ) async throws {
        var units: [(unit: Int, dossier: Int)] = []
        for d in dossiers where !units.contains(where: { $0.unit == d.$unit.id }) {
            units.append((d.$unit.id, d.id ?? 0))
        }
        for (d, n) in winners where !units.contains(where: { $0.unit == n.subject.$unit.id }) {
            units.append((n.subject.$unit.id, d.id ?? 0))
        }
        for (unit, dossier) in units {
            let names = winners.filter { $0.0.$unit.id == unit || $0.1.subject.$unit.id == unit }.map {
                "\($0.1.subject.name) (\($0.1.formName))"
            }
            try await emit(
                .decisionIssued, to: [.unit(unit)], title: "\(m.citation) của \(m.issuer)",
                body: names.isEmpty
                    ? "\(m.summary)." : "Khen thưởng: " + names.joined(separator: "; ") + ".",
                link: DossiersPath.dossier(.id(dossier)), on: db)
        }
    }

    // MARK: Reading an inbox

    /// One page of the actor's inbox, newest first, after the notice `before` (by created_at, then id).
    static func inbox(
        actor: Actor, unreadOnly: Bool, before: Int?, limit: Int, on db: any Database
    ) async throws -> Inbox {
        let scope = Policy.noticeScope(actor)
        if let before {
            guard let n = try await NoticeModel.find(before, on: db),
                scope.includes(userID: n.userID, unitID: n.unitID)
            else { throw AppError.badRequest("Không tìm thấy thông báo “\(before)” để xem tiếp; hãy mở lại hộp thư.") }
        }
        let after = before
        // Two index range scans (the account's, the unit's), merged: an OR would read both without the order.
        var rows = try await page(column: "user_id", value: scope.userID, scope, unreadOnly, after, limit + 1, db)
        if let unit = scope.unitID {
            rows += try await page(column: "unit_id", value: unit, scope, unreadOnly, after, limit + 1, db)
        }
        var seen = Set<Int>()
        rows = rows.filter { seen.insert($0.id).inserted }.sorted {
            ($0.createdAt, $0.id) > ($1.createdAt, $1.id)
        }
        let items = Array(rows.prefix(limit))
        return Inbox(items: items, next: rows.count > limit ? items.last?.id : nil)
    }

    private struct Row: Decodable {
        let id: Int
        let kind: String
        let title: String
        let body: String
        let link: String
        let createdAt: Date
        let readID: Int?
        enum CodingKeys: String, CodingKey {
            case id, kind, title, body, link
            case createdAt = "created_at"
            case readID = "read_id"
        }
    }

    private static func page(
        column: String, value: Int, _ scope: NoticeScope, _ unreadOnly: Bool, _ after: Int?, _ limit: Int,
        _ db: any Database
    ) async throws -> [Item] {
        let q = pageQuery(
            column: column, value: value, reader: scope.userID, unreadOnly: unreadOnly, after: after, limit: limit)
        return try await (db as! any SQLDatabase).raw(q).all(decoding: Row.self).map {
            guard let kind = NoticeKind(rawValue: $0.kind) else {
                throw AppError.conflict("Bảng notices, cột kind: giá trị “\($0.kind)” không hợp lệ.")
            }
            return Item(
                id: $0.id, kind: kind, title: $0.title, body: $0.body, link: $0.link, createdAt: $0.createdAt,
                read: $0.readID != nil)
        }
    }

    /// One recipient's notices newest first, after the notice `after`, with whether `reader` read each.
    static func pageQuery(column: String, value: Int, reader: Int, unreadOnly: Bool, after: Int?, limit: Int)
        -> SQLQueryString
    {
        var q: SQLQueryString = """
            SELECT n.id, n.kind, n.title, n.body, n.link, n.created_at, r.id AS read_id FROM notices n
            LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = \(bind: reader)
            WHERE n.\(ident: column) = \(bind: value)
            """
        if let after {
            // The key's time is read in SQL, not sent back from Swift: a date's round trip may not compare equal.
            let t: SQLQueryString = "(SELECT k.created_at FROM notices k WHERE k.id = \(bind: after))"
            q = q + " AND (n.created_at, n.id) < (" + t + ", \(bind: after))"
        }
        if unreadOnly { q = q + " AND r.id IS NULL" }
        return q + " ORDER BY n.created_at DESC, n.id DESC LIMIT \(literal: limit)"
    }

    /// How many notices the actor has not read, counted up to `cap` (a badge shows "99+").
    static func unreadCount(actor: Actor, cap: Int = 100, on db: any Database) async throws -> Int {
        let scope = Policy.noticeScope(actor)
        let sql = db as! any SQLDatabase
        struct Count: Decodable { let c: Int }
        func count(_ column: String, _ value: Int) async throws -> Int {
            try await sql.raw(
                """
                SELECT COUNT(*) AS c FROM (SELECT n.id FROM notices n WHERE n.\(ident: column) = \(bind: value)
                AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.user_id = \(bind: scope.userID))
                LIMIT \(literal: cap)) x
                """
            ).first(decoding: Count.self)?.c ?? 0
        }
        var total = try await count("user_id", scope.userID)
        if let unit = scope.unitID { total += try await count("unit_id", unit) }
        return min(total, cap)
    }

    /// Marks one notice read for the actor (again: nothing changes). Someone else's notice answers 404.
    @discardableResult
    static func markRead(_ id: Int, actor: Actor?, on db: any Database) async throws -> NoticeModel {
        guard let n = try await NoticeModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy thông báo.")
        }
        try Access.check(actor, .update, .notice(userID: n.userID, unitID: n.unitID))
        guard let actor else { throw AppError.unauthorized }
        try await db.transaction { tx in
            try await (tx as! any SQLDatabase).raw(
                """
                INSERT INTO notice_reads (notice_id, user_id, read_at) VALUES (\(bind: id), \(bind: actor.userID), \(bind: Date()))
                ON CONFLICT (notice_id, user_id) DO NOTHING
                """
            ).run()
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "notice", entityID: id, unitID: n.unitID,
                summary: "Đánh dấu đã đọc thông báo “\(n.title)”", before: Optional<String>.none, after: "read")
        }
        return n
    }

    /// Marks every notice of the actor's inbox read; answers how many were unread.
    static func markAllRead(actor: Actor?, on db: any Database) async throws -> Int {
        guard let actor else { throw AppError.unauthorized }
        let scope = Policy.noticeScope(actor)
        let before = try await unreadCount(actor: actor, cap: Int.max, on: db)
        try await db.transaction { tx in
            try await markAll(scope, on: tx as! any SQLDatabase)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "notice", entityID: nil, unitID: actor.unitID,
                summary: "Đánh dấu đã đọc tất cả thông báo (\(before) chưa đọc)", before: Optional<String>.none,
                after: "read")
        }
        return before
    }

    private static func markAll(_ scope: NoticeScope, on sql: any SQLDatabase) async throws {
        for (column, value) in [("user_id", scope.userID)] + (scope.unitID.map { [("unit_id", $0)] } ?? []) {
            try await sql.raw(
                """
                INSERT INTO notice_reads (notice_id, user_id, read_at)
                SELECT n.id, \(bind: scope.userID), \(bind: Date()) FROM notices n WHERE n.\(ident: column) = \(bind: value)
                AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.user_id = \(bind: scope.userID))
                ON CONFLICT (notice_id, user_id) DO NOTHING
                """
            ).run()
        }
    }
}
