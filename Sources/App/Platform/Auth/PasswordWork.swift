import Domain
import NIOPosix
import Vapor

/// Where bcrypt runs: a thread pool of its own, half the cores (at least one). A flood of logins queues here and
/// never takes the event loops, nor `app.threadPool`, which SQLite queries and file reads wait on — so signed-in
/// pages keep their speed while wrong passwords are checked one core at a time.
final class PasswordWork: Sendable {
    let pool: NIOThreadPool
    let threads: Int

    init(threads: Int = max(1, System.coreCount / 2)) {
        self.threads = threads
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// A bcrypt hash nobody knows a password for, with the configured cost, checked against when a username does
    /// not exist so that the answer takes as long as for a real account. Made of random characters (no bcrypt run
    /// at start): verification parses only the salt and cost, computes the full hash, and then compares.
    static func dummyHash(cost: Int) -> String {
        let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let random = String((0..<53).map { _ in alphabet.randomElement()! })
        return "$2b$" + (cost < 10 ? "0\(cost)" : "\(cost)") + "$" + random
    }
}

extension Application {
    private struct PasswordWorkKey: StorageKey { typealias Value = PasswordWork }

    /// Installed by `configure`; shut down with the app.
    var passwordWork: PasswordWork {
        guard let work = storage[PasswordWorkKey.self] else { fatalError("configure(_:_:) was not called") }
        return work
    }

    func installPasswordWork(_ work: PasswordWork = PasswordWork()) async {
        await storage.setWithAsyncShutdown(PasswordWorkKey.self, to: work) { try await $0.pool.shutdownGracefully() }
    }

    /// The configured hasher (bcrypt), running on the bounded pool.
    func passwordHasher(on eventLoop: any EventLoop) -> AsyncPasswordHasher {
        password.sync.async(on: passwordWork.pool, hopTo: eventLoop)
    }
}

extension Request {
    /// Hash or verify a password on the bounded pool; use this, never `req.password`.
    var passwordHasher: AsyncPasswordHasher { application.passwordHasher(on: eventLoop) }
}

/// What a new password must be beyond `Check.password`: bcrypt reads only the first 72 bytes, so a longer password
/// would be accepted with any ending.
enum PasswordRules {
    static let maxBytes = 72

    static func check(_ password: String, _ field: String, into errors: inout FieldErrors) {
        guard password.utf8.count > maxBytes, errors[field] == nil else { return }
        errors.add(
            field,
            "Mật khẩu dài tối đa \(maxBytes) byte (chữ có dấu chiếm 2–3 byte mỗi chữ); vui lòng chọn mật khẩu ngắn hơn."
        )
    }
}
