import Foundation

/// Where a citizen's proposal of a new exemplar stands in the moderation queue of the unit concerned (issue 10 §6,
/// seed plan §IV.1 "phát hiện, giới thiệu").
public enum ProposalStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    case new
    case accepted
    case rejected

    public var label: String {
        switch self {
        case .new: return "Mới, chờ xem xét"
        case .accepted: return "Đã tiếp nhận"
        case .rejected: return "Không tiếp nhận"
        }
    }
}

/// A new proposal is accepted (the unit follows it up, possibly with a registration) or rejected with a reason;
/// both are final.
public enum ProposalWorkflow: WorkflowTable {
    public static func targets(from: ProposalStatus) -> [ProposalStatus] {
        switch from {
        case .new: return [.accepted, .rejected]
        case .accepted, .rejected: return []
        }
    }
}

/// A proposal as typed on the public form or sent to the API.
public struct ProposalDraft: Sendable, Equatable {
    public var subjectName: String
    public var subjectKind: String
    public var unitID: Int?
    public var achievements: String
    public var proposerName: String
    public var proposerPhone: String
    public var proposerEmail: String
    public var consent: Bool

    public init(
        subjectName: String, subjectKind: String, unitID: Int?, achievements: String, proposerName: String,
        proposerPhone: String, proposerEmail: String, consent: Bool
    ) {
        self.subjectName = subjectName
        self.subjectKind = subjectKind
        self.unitID = unitID
        self.achievements = achievements
        self.proposerName = proposerName
        self.proposerPhone = proposerPhone
        self.proposerEmail = proposerEmail
        self.consent = consent
    }
}

public enum ProposalRules {
    /// At most this many proposals from one client address in `window` seconds (several instances share the count
    /// through the database).
    public static let limit = 5
    public static let window: TimeInterval = 3600

    /// A plain e-mail address: one "@", a dotted domain, no spaces.
    public static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard s.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !s.contains(where: { $0.isWhitespace })
        else { return false }
        return true
    }

    /// Checks a proposal; the draft comes back with its phone normalised. `unitAllowed`: the unit is one that may
    /// receive proposals (a commune or a district agency still in place).
    public static func validate(_ d: ProposalDraft, unitAllowed: Bool, errors e: inout FieldErrors) -> ProposalDraft {
        var out = d
        Check.required(
            d.subjectName, "subjectName", "Tên tập thể, cá nhân, hộ gia đình được giới thiệu", max: 200,
            into: &e)
        if SubjectKind(rawValue: d.subjectKind) == nil {
            e.add("subjectKind", "Vui lòng chọn: tập thể, cá nhân hay hộ gia đình.")
        }
        if d.unitID == nil || !unitAllowed {
            e.add("unitID", "Vui lòng chọn xã, thị trấn hoặc cơ quan, đơn vị nơi có điển hình được giới thiệu.")
        }
        if d.achievements.isEmpty {
            e.add("achievements", "Vui lòng kể việc làm, thành tích và lý do giới thiệu.")
        } else if d.achievements.count > 4000 {
            e.add("achievements", "Phần việc làm, lý do tối đa 4000 ký tự (hiện có \(d.achievements.count)).")
        }
        Check.required(d.proposerName, "proposerName", "Họ và tên người giới thiệu", max: 200, into: &e)
        if d.proposerPhone.isEmpty && d.proposerEmail.isEmpty {
            e.add("contact", "Vui lòng ghi số điện thoại hoặc thư điện tử để cơ quan liên hệ lại (một trong hai).")
        }
        out.proposerPhone = Check.phone(d.proposerPhone, "proposerPhone", "Số điện thoại", into: &e)
        if !d.proposerEmail.isEmpty && !isEmail(d.proposerEmail) {
            e.add("proposerEmail", "Thư điện tử chưa đúng dạng, ví dụ ten@gmail.com.")
        }
        if !d.consent {
            e.add("consent", "Vui lòng đánh dấu đồng ý để cơ quan liên hệ lại với bạn.")
        }
        return out
    }

    /// How long the client must wait, in seconds, or nil when one more proposal may be taken now.
    /// `recent`: the times of this address's proposals in the last `window`.
    public static func retryAfter(recent: [Date], now: Date) -> Int? {
        let inWindow = recent.filter { now.timeIntervalSince($0) < window }
        guard inWindow.count >= limit, let oldest = inWindow.min() else { return nil }
        return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
    }

    public static func refusedMessage(retryAfter seconds: Int) -> String {
        let minutes = max(1, (seconds + 59) / 60)
        return "Bạn đã gửi \(limit) lời giới thiệu trong một giờ. Vui lòng thử lại sau \(minutes) phút."
    }
}
