import NIOConcurrencyHelpers
import NIOCore

/// One writer at a time for a SQLite file in this process, in the order they asked (first come, first served).
///
/// SQLite lets one connection write at a time; the others wait under `busy_timeout`, which sleeps and polls. Fifty
/// transactions at once (`AuditChainTests` on a loaded machine) each held a connection and a thread of the pool while
/// polling, an unlucky one kept missing its turn, and after 30 s it failed with "database is locked" — a 500. Here a
/// writer waits for its turn before it takes a connection: the wait holds no connection and no thread, and the turns
/// go in order. `busy_timeout` is left for another process on the same file (the command line, a backup).
///
/// A writer that waits longer than `timeout` is refused with a 503 and Retry-After (`AppError.busy`): nothing was
/// written, and the client may try again.
final class SQLiteWriteGate: Sendable {
    private struct State {
        var held = false
        var waiters: [(id: Int, promise: EventLoopPromise<Void>)] = []
        var nextID = 0
    }
    private let state = NIOLockedValueBox(State())
    let timeout: TimeAmount

    init(timeout: TimeAmount = .seconds(45)) { self.timeout = timeout }

    /// Succeeds when the caller holds the gate; it must call `release()` once, whatever happens next.
    func acquire(on loop: any EventLoop) -> EventLoopFuture<Void> {
        let promise = loop.makePromise(of: Void.self)
        let id: Int? = state.withLockedValue { s in
            if !s.held {
                s.held = true
                return nil
            }
            s.nextID += 1
            s.waiters.append((s.nextID, promise))
            return s.nextID
        }
        guard let id else {
            promise.succeed()
            return promise.futureResult
        }
        let seconds = Int(timeout.nanoseconds / 1_000_000_000)
        let expiry = loop.scheduleTask(in: timeout) { [state] in
            let expired = state.withLockedValue { s in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return false }
                s.waiters.remove(at: i)
                return true
            }
            if expired { promise.fail(AppError.busy(retryAfter: max(1, seconds / 9))) }
        }
        promise.futureResult.whenComplete { _ in expiry.cancel() }
        return promise.futureResult
    }

    /// Hands the gate to the next writer in line, or opens it.
    func release() {
        let next = state.withLockedValue { s -> EventLoopPromise<Void>? in
            if s.waiters.isEmpty {
                s.held = false
                return nil
            }
            return s.waiters.removeFirst().promise
        }
        next?.succeed()
    }

    /// Runs `work` holding the gate.
    func run<T: Sendable>(on loop: any EventLoop, _ work: @escaping @Sendable () -> EventLoopFuture<T>)
        -> EventLoopFuture<T>
    {
        acquire(on: loop).flatMap { work().always { _ in self.release() } }
    }

    /// Writers waiting now (for the tests and the log).
    var waiting: Int { state.withLockedValue { $0.waiters.count } }
}
