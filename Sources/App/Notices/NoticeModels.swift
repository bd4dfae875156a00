import Domain
import Fluent
import Foundation

/// What a notice tells; stored as its code.
enum NoticeKind: String, Codable, Sendable, CaseIterable {
    case dossierReceived = "dossier-received"
    case dossierReturned = "dossier-returned"
    case dossierForwarded = "dossier-forwarded"
    case meetingCalled = "meeting-called"
    case voteOpened = "vote-opened"
    case decisionIssued = "decision-issued"
    case renewalInvited = "renewal-invited"

    var label: String {
        switch self {
        case .dossierReceived: return "Hồ sơ gửi đến"
        case .dossierReturned: return "Hồ sơ bị trả lại"
        case .dossierForwarded: return "Hồ sơ chuyển lên cấp trên"
        case .meetingCalled: return "Triệu tập họp Hội đồng"
        case .voteOpened: return "Mở bỏ phiếu"
        case .decisionIssued: return "Quyết định khen thưởng"
        case .renewalInvited: return "Mời đăng ký lại điển hình"
        }
    }
}

/// Whom a notice is addressed to.
enum NoticeRecipient: Hashable, Sendable {
    /// One account.
    case user(Int)
    /// Every account of one unit (each reads it for itself).
    case unit(Int)
}

/// One notice in an inbox: addressed to an account or to a unit.
final class NoticeModel: Model, @unchecked Sendable {
    static let schema = "notices"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @OptionalField(key: "unit_id") var unitID: Int?
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "kind") var kind: NoticeKind
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    /// A site path ("/app/dossiers/12"), built from a typed path.
    @Field(key: "link") var link: String
    @Field(key: "created_at") var createdAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $unitID, $userID, $kind, $title, $body, $link, $createdAt] }
    init() {}
}

/// That an account has read a notice (a unit's notice is read by each of its accounts for itself).
final class NoticeReadModel: Model, @unchecked Sendable {
    static let schema = "notice_reads"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "notice_id") var noticeID: Int
    @Field(key: "user_id") var userID: Int
    @Field(key: "read_at") var readAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $noticeID, $userID, $readAt] }
    init() {}
}

/// A notice's e-mail to one account, waiting in the database until an instance's mailer claims and sends it.
final class NoticeMailModel: Model, @unchecked Sendable {
    static let schema = "notice_outbox"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "notice_id") var noticeID: Int
    @Field(key: "user_id") var userID: Int
    @Field(key: "email") var email: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    /// Not before this moment (a failed attempt waits longer each time).
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @Field(key: "attempts") var attempts: Int
    /// Which instance's pass holds it, and since when (a claim older than `NoticeMailer.claimTimeout` is free).
    @OptionalField(key: "claim_token") var claimToken: String?
    @OptionalField(key: "claimed_at") var claimedAt: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// Given up: too many failures, or too old to be worth sending.
    @OptionalField(key: "failed_at") var failedAt: Date?
    @Field(key: "last_error") var lastError: String
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $noticeID, $userID, $email, $subject, $body, $createdAt, $nextAttemptAt, $attempts, $claimToken,
            $claimedAt, $sentAt, $failedAt, $lastError,
        ]
    }
    init() {}
}
