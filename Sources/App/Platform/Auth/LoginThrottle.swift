import Domain
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// How many wrong passwords are tolerated, per account and per client address, before logins are refused for a
/// while. Read from the environment with these defaults (OWASP ASVS 2.2.1).
public struct LoginThrottlePolicy: Sendable, Equatable {
    /// Failures of one account within `window` before it is refused (DIENHINH_LOGIN_MAX_FAILURES).
    public var maxFailuresPerAccount = 5
    /// Failures from one address within `window`, whatever the usernames (DIENHINH_LOGIN_MAX_FAILURES_PER_ADDRESS).
    public var maxFailuresPerAddress = 20
    /// How far back failures count (DIENHINH_LOGIN_WINDOW_MINUTES).
    public var window: TimeInterval = 15 * 60
    /// The first refusal lasts this long and doubles with every further failure, up to `maxLockout`.
    public var baseLockout: TimeInterval = 60
    public var maxLockout: TimeInterval = 15 * 60
    /// Take the client address from the last X-Forwarded-For entry (DIENHINH_TRUST_PROXY): only behind a reverse
    /// proxy that sets it, or anyone could pick their own address.
    public var trustForwardedFor = false
    /// A refused attempt is answered after this pause (a wait on a timer, no thread held): a client that floods the
    /// login gets one answer a second per connection instead of thousands.
    public var refusalDelay: TimeInterval = 1

    public init() {}

    static func fromEnvironment(_ env: [String: String]) throws -> LoginThrottlePolicy {
        var p = LoginThrottlePolicy()
        func number(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            guard let n = Int(v), range.contains(n) else {
                throw ConfigError(
                    variable: name,
                    message: "phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound) (đang là “\(v)”).")
            }
            return n
        }
        if let n = try number("DIENHINH_LOGIN_MAX_FAILURES", 1...1_000_000) { p.maxFailuresPerAccount = n }
        if let n = try number("DIENHINH_LOGIN_MAX_FAILURES_PER_ADDRESS", 1...1_000_000) { p.maxFailuresPerAddress = n }
        if let n = try number("DIENHINH_LOGIN_WINDOW_MINUTES", 1...1440) {
            p.window = TimeInterval(n * 60)
            p.maxLockout = p.window
        }
        if let v = env["DIENHINH_TRUST_PROXY"]?.trimmingCharacters(in: .whitespaces).lowercased(), !v.isEmpty {
            switch v {
            case "1", "true", "yes", "on": p.trustForwardedFor = true
            case "0", "false", "no", "off": p.trustForwardedFor = false
            default:
                throw ConfigError(
                    variable: "DIENHINH_TRUST_PROXY", message: "chỉ nhận true hoặc false (đang là “\(v)”).")
            }
        }
        return p
    }

    /// How long a key stays refused after `failures` failures within the window (nil: not refused).
    func lockout(failures: Int, limit: Int) -> TimeInterval? {
        guard failures >= limit else { return nil }
        let doublings = min(failures - limit, 30)
        return min(baseLockout * pow(2, Double(doublings)), maxLockout)
    }
}

/// The throttle in use: its policy and its clock (tests move the clock instead of sleeping).
struct LoginThrottle: Sendable {
    var policy: LoginThrottlePolicy
    var now: @Sendable () -> Date = { Date() }
    /// Refusals this instance already found in the database, until they end.
    let refused = RefusalCache()
}

/// Keys (account or address) this instance has seen refused, with the end of their refusal: a flood of refused
/// attempts is answered from memory instead of four database reads each. The database stays the truth: an entry is
/// only ever made from it, and a lock is never lifted early (a success needs an attempt that is not refused).
final class RefusalCache: Sendable {
    private let until = NIOLockedValueBox([String: Date]())

    func remaining(_ keys: [String], now: Date) -> Int? {
        let end = until.withLockedValue { d in keys.compactMap { d[$0] }.max() }
        guard let end, end > now else { return nil }
        return max(1, Int(end.timeIntervalSince(now).rounded()))
    }

    func remember(_ keys: [String], for seconds: Int, now: Date) {
        until.withLockedValue { d in
            if d.count > 10_000 { d = d.filter { $0.value > now } }
            for k in keys { d[k] = now.addingTimeInterval(TimeInterval(seconds)) }
        }
    }
}

extension Application {
    private struct LoginThrottleKey: StorageKey { typealias Value = LoginThrottle }
    var loginThrottle: LoginThrottle {
        get { storage[LoginThrottleKey.self] ?? LoginThrottle(policy: config?.loginThrottle ?? LoginThrottlePolicy()) }
        set { storage[LoginThrottleKey.self] = newValue }
    }
}

/// One wrong password: kept for the length of the window, in the database so every app instance counts it.
final class LoginFailureModel: Model, @unchecked Sendable {
    static let schema = "login_failures"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// The username as typed (cleaned, lowercased), whether or not such an account exists.
    @Field(key: "account") var account: String
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $account, $address, $at] }

    init() {}
    init(account: String, address: String, at: Date) {
        self.account = account
        self.address = address
        self.at = at
    }
}

extension Request {
    /// The client's address for throttling and the audit log.
    func clientAddress(trustForwardedFor: Bool) -> String {
        if trustForwardedFor {
            let hops = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let last = hops.last { return String(last.prefix(64)) }
        }
        return remoteAddress?.ipAddress ?? "không rõ"
    }
}

/// The answer to one login attempt.
enum LoginOutcome {
    case success(UserModel)
    case failed
    /// Refused without checking the password; try again after this many seconds.
    case refused(retryAfter: Int)

    static let wrongMessage = "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa."
    static func refusedMessage(retryAfter seconds: Int) -> String {
        let minutes = max(1, (seconds + 59) / 60)
        return "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau \(minutes) phút."
    }
}

/// What the audit log keeps about a login (never the password).
struct LoginAuditDetail: Encodable {
    let username: String
    let address: String
    let channel: String
}

/// Login with throttling, bounded bcrypt and an audit row for every outcome. The same answer for an unknown
/// username as for a known one: unknown names are counted and refused alike.
enum LoginService {
    enum Channel: String { case web, api }

    static func attempt(username raw: String, password: String, channel: Channel, on req: Request) async throws
        -> LoginOutcome
    {
        let throttle = req.application.loginThrottle
        let policy = throttle.policy
        let now = throttle.now()
        let account = String(VietnameseText.clean(raw).lowercased().prefix(100))
        let address = req.clientAddress(trustForwardedFor: policy.trustForwardedFor)
        let detail = LoginAuditDetail(username: account, address: address, channel: channel.rawValue)

        // No bcrypt and no audit row for a refusal: a flood of them costs a few indexed reads, or none once known.
        var refused = throttle.refused.remaining(["a:" + account, "i:" + address], now: now)
        if refused == nil,
            let (wait, keys) = try await refusal(
                account: account, address: address, policy: policy, now: now, on: req.database)
        {
            throttle.refused.remember(keys, for: wait, now: now)
            refused = wait
        }
        if let refused {
            if policy.refusalDelay > 0 { try await Task.sleep(for: .milliseconds(Int(policy.refusalDelay * 1000))) }
            return .refused(retryAfter: refused)
        }

        // Counted as a failure before bcrypt, and cleared on success: attempts that wait for the bcrypt pool at the
        // same time are counted at once, so a burst of them cannot slip past the limit while they wait.
        try await req.database.transaction { tx in
            try await LoginFailureModel.query(on: tx).filter(\.$at < now.addingTimeInterval(-policy.window)).delete()
            try await LoginFailureModel(account: account, address: address, at: now).create(on: tx)
        }
        let user = try await UserModel.query(on: req.database).filter(\.$username == account).first()
        let ok = try await AuthService.verify(password, against: user?.passwordHash, on: req)
        if ok, let user, user.active {
            try await req.database.transaction { tx in
                try await LoginFailureModel.query(on: tx).filter(\.$account == account).delete()
                let (actor, _) = try await AuthService.actor(for: user, on: tx)
                try await AuditLog.record(
                    on: tx, actor: actor, action: "login", entity: "session", entityID: user.id,
                    unitID: user.$unit.id, summary: "Đăng nhập (\(channel.rawValue)) từ \(address)",
                    before: Optional<LoginAuditDetail>.none, after: detail)
            }
            return .success(user)
        }

        try await req.database.transaction { tx in
            try await AuditLog.record(
                on: tx, actor: nil, action: "login-failed", entity: "session", entityID: user?.id,
                unitID: user?.$unit.id, summary: "Đăng nhập sai: “\(account)” (\(channel.rawValue)) từ \(address)",
                before: Optional<LoginAuditDetail>.none, after: detail)
            if let (wait, _) = try await refusal(account: account, address: address, policy: policy, now: now, on: tx) {
                try await AuditLog.record(
                    on: tx, actor: nil, action: "login-locked", entity: "session", entityID: user?.id,
                    unitID: user?.$unit.id,
                    summary: "Tạm ngừng nhận đăng nhập “\(account)” từ \(address) trong \(max(1, wait / 60)) phút",
                    before: Optional<LoginAuditDetail>.none, after: detail)
            }
        }
        return .failed
    }

    /// Seconds to wait when the account or the address is refused now, and the keys refused ("a:" account,
    /// "i:" address); nil when an attempt may go ahead.
    static func refusal(account: String, address: String, policy: LoginThrottlePolicy, now: Date, on db: any Database)
        async throws -> (Int, [String])?
    {
        let since = now.addingTimeInterval(-policy.window)
        let byAccount = LoginFailureModel.query(on: db).filter(\.$account == account).filter(\.$at > since)
        let byAddress = LoginFailureModel.query(on: db).filter(\.$address == address).filter(\.$at > since)
        let forAccount = try await remaining(byAccount, limit: policy.maxFailuresPerAccount, policy: policy, now: now)
        let forAddress = try await remaining(byAddress, limit: policy.maxFailuresPerAddress, policy: policy, now: now)
        let wait = max(forAccount, forAddress)
        guard wait > 0 else { return nil }
        let keys = (forAccount > 0 ? ["a:" + account] : []) + (forAddress > 0 ? ["i:" + address] : [])
        // Whole seconds (the stored time may come back a few microseconds off), at least one.
        return (max(1, Int(wait.rounded())), keys)
    }

    private static func remaining(
        _ q: QueryBuilder<LoginFailureModel>, limit: Int, policy: LoginThrottlePolicy, now: Date
    ) async throws -> TimeInterval {
        let count = try await q.copy().count()
        guard let lock = policy.lockout(failures: count, limit: limit),
            let latest = try await q.copy().max(\.$at)
        else { return 0 }
        return max(0, latest.addingTimeInterval(lock).timeIntervalSince(now))
    }

    /// Audits the end of a session or the revocation of an API token.
    static func recordSignOut(_ auth: AuthContext, channel: Channel, on req: Request) async throws {
        let address = req.clientAddress(trustForwardedFor: req.application.loginThrottle.policy.trustForwardedFor)
        let detail = LoginAuditDetail(username: auth.user.username, address: address, channel: channel.rawValue)
        try await req.database.transaction { tx in
            try await AuthTokenModel.find(auth.tokenID, on: tx)?.delete(on: tx)
            try await AuditLog.record(
                on: tx, actor: auth.actor, action: channel == .web ? "logout" : "token-revoke", entity: "session",
                entityID: auth.user.id, unitID: auth.user.unitID,
                summary: (channel == .web ? "Đăng xuất" : "Thu hồi mã truy cập API") + " từ \(address)",
                before: Optional<LoginAuditDetail>.none, after: detail)
        }
    }
}
