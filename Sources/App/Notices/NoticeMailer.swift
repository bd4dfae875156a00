import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The e-mail side of notices: an outbox in the database (several instances share one PostgreSQL), drained by a
/// background loop on every instance that has SMTP. Each pass claims rows one by one with a conditional UPDATE,
/// so two instances never send the same row; a claim older than `claimTimeout` (an instance stopped mid-send) is
/// free again. A failure waits longer each time and gives up after `maxAttempts`.
struct NoticeMailer: LifecycleHandler {
    static let interval: Duration = .seconds(30)
    static let claimTimeout: TimeInterval = 10 * 60
    static let maxAttempts = 5
    /// A notice older than this is not worth an e-mail any more (SMTP set up long after, or a long outage).
    static let maxAge: TimeInterval = 3 * 24 * 3600
    static let batch = 20

    private let loop = BackgroundLoop()

    // MARK: Queueing (in the transaction of the notice)

    /// One outbox row per active account concerned that has an e-mail address.
    static func enqueue(_ n: NoticeModel, to r: NoticeRecipient, on db: any Database) async throws {
        var q = UserModel.query(on: db).filter(\.$active == true).filter(\.$email != nil)
        switch r {
        case .user(let id): q = q.filter(\.$id == id)
        case .unit(let id): q = q.filter(\.$unit.$id == id)
        }
        for u in try await q.all() {
            if case .unit = r, !Policy.receivesUnitNotices(Role(rawValue: u.role) ?? .editor) { continue }
            guard let email = u.email?.trimmingCharacters(in: .whitespaces), SMTPClient.isAddress(email),
                let uid = u.id
            else { continue }
            let m = NoticeMailModel()
            m.noticeID = try n.requireID()
            m.userID = uid
            m.email = email
            m.subject = "[Điển Hình] " + n.title
            m.body =
                "Kính gửi \(u.fullName),\n\n\(n.title)\n\n\(n.body)\n\nXem chi tiết trong hệ thống: \(n.link)\n\n"
                + "Thư này do hệ thống Điển Hình gửi tự động; vui lòng không trả lời."
            m.createdAt = n.createdAt
            m.nextAttemptAt = n.createdAt
            m.attempts = 0
            m.lastError = ""
            try await m.create(on: db)
        }
    }

    // MARK: Sending

    struct PassResult: Equatable, Sendable {
        var sent = 0
        var failed = 0
        var retried = 0
    }

    /// One pass: claims due rows and sends them. `send` is the SMTP client (replaced in no test: the tests run a
    /// fake SMTP server).
    static func runOnce(_ settings: SMTPSettings, on db: any Database, now: Date = Date()) async throws -> PassResult {
        var result = PassResult()
        let token = UUID().uuidString
        let started = Date()
        let due = try await NoticeMailModel.query(on: db).filter(\.$sentAt == nil).filter(\.$failedAt == nil)
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).sort(\.$id).limit(batch).all()
        let sql = try db.sql()
        for row in due {
            guard let id = row.id else { continue }
            // The time of this claim, not of the pass: a slow server may hold a pass for minutes, and a row claimed
            // late must not look expired to another instance while it is being sent.
            let claimedAt = now.addingTimeInterval(Date().timeIntervalSince(started))
            let cutoff = claimedAt.addingTimeInterval(-claimTimeout)
            // The claim: only one instance's UPDATE finds the row unclaimed (PostgreSQL re-checks the WHERE after
            // a concurrent update commits; SQLite has one writer).
            try await sql.raw(
                """
                UPDATE notice_outbox SET claim_token = \(bind: token), claimed_at = \(bind: claimedAt)
                WHERE id = \(bind: id) AND sent_at IS NULL AND failed_at IS NULL
                AND (claimed_at IS NULL OR claimed_at < \(bind: cutoff))
                """
            ).run()
            guard let mine = try await NoticeMailModel.find(id, on: db), mine.claimToken == token else { continue }
            if mine.createdAt < now.addingTimeInterval(-maxAge) {
                try await finish(id, token: token, on: sql) {
                    "failed_at = \(bind: now), last_error = \(bind: "Quá hạn gửi: thông báo đã cũ hơn 3 ngày.")"
                }
                result.failed += 1
                continue
            }
            do {
                try await SMTPClient.send(settings, to: mine.email, subject: mine.subject, body: mine.body)
                try await finish(id, token: token, on: sql) { "sent_at = \(bind: now), last_error = ''" }
                result.sent += 1
            } catch {
                let attempts = mine.attempts + 1
                let message = String(String(describing: error).prefix(500))
                if attempts >= maxAttempts {
                    try await finish(id, token: token, on: sql) {
                        "attempts = \(bind: attempts), failed_at = \(bind: now), last_error = \(bind: message)"
                    }
                    result.failed += 1
                } else {
                    let next = now.addingTimeInterval(60 * pow(4, Double(attempts - 1)))
                    try await finish(id, token: token, on: sql) {
                        "attempts = \(bind: attempts), next_attempt_at = \(bind: next), last_error = \(bind: message)"
                    }
                    result.retried += 1
                }
            }
        }
        return result
    }

    /// Ends a claim: only the claim's holder writes the outcome.
    private static func finish(_ id: Int, token: String, on sql: any SQLDatabase, _ set: () -> SQLQueryString)
        async throws
    {
        let q: SQLQueryString =
            "UPDATE notice_outbox SET claim_token = NULL, claimed_at = NULL, " + set()
            + " WHERE id = \(bind: id) AND claim_token = \(bind: token)"
        try await sql.raw(q).run()
    }

    // MARK: The loop (only with SMTP)

    func didBootAsync(_ app: Application) async throws {
        guard let settings = app.config?.smtp else { return }
        let db = app.db
        let logger = app.logger
        logger.info("Gửi thư thông báo qua \(settings.host):\(settings.port).")
        loop.start(every: Self.interval) {
            let r = try await Self.runOnce(settings, on: db)
            if r.failed + r.retried > 0 {
                logger.warning("Thư thông báo: gửi \(r.sent), sẽ thử lại \(r.retried), bỏ \(r.failed).")
            }
        } failed: { error in
            logger.warning("Thư thông báo: không đọc được hàng đợi: \(error)")
        }
    }

    func shutdownAsync(_ app: Application) async { await loop.stop() }
}
