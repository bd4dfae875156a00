import NIOConcurrencyHelpers
import NIOCore

/// A few holders at a time (`slots`), the others in line in the order they asked (first come, first served),
/// waiting without holding a connection or a thread; one that waits longer than `timeout` is refused with the
/// error `refusal` makes (by default a 503 with Retry-After, `AppError.busy`: nothing was done, try again).
///
/// Two uses:
/// - **One writer a SQLite file** (`slots: 1`, `FairGate.sqliteWriter`). SQLite lets one connection write at a
///   time; the others wait under `busy_timeout`, which sleeps and polls. Fifty transactions at once
///   (`AuditChainTests` on a loaded machine) each held a connection and a thread of the pool while polling, an
///   unlucky one kept missing its turn, and after 30 s it failed with "database is locked" — a 500. A writer now
///   waits here before it takes a connection, and the turns go in order. `busy_timeout` is left for another process
///   on the same file (the command line, a backup).
/// - **Heavy pages and exports** (`Admission`): a burst of dashboards or searches takes a few slots and queues,
///   so the cheap routes (`/healthz`, forms, the stylesheet) keep their threads.
final class FairGate: Sendable {
    private struct State {
        var free: Int
        var waiters: [(id: Int, promise: EventLoopPromise<Bool>)] = []
        var nextID = 0
        var refused = 0
    }
    private let state: NIOLockedValueBox<State>
    let slots: Int
    let timeout: TimeAmount
    private let refusal: @Sendable (_ retryAfter: Int) -> any Error

    init(
        slots: Int = 1, timeout: TimeAmount = .seconds(45),
        refusal: @escaping @Sendable (_ retryAfter: Int) -> any Error = { AppError.busy(retryAfter: $0) }
    ) {
        precondition(slots >= 1)
        self.slots = slots
        self.timeout = timeout
        self.refusal = refusal
        state = NIOLockedValueBox(State(free: slots))
    }

    /// Succeeds when the caller holds a slot, with whether it had to wait in line for it; the caller must call
    /// `release()` once, whatever happens next.
    func acquire(on loop: any EventLoop) -> EventLoopFuture<Bool> {
        let promise = loop.makePromise(of: Bool.self)
        let id: Int? = state.withLockedValue { s in
            if s.free > 0 {
                s.free -= 1
                return nil
            }
            s.nextID += 1
            s.waiters.append((s.nextID, promise))
            return s.nextID
        }
        guard let id else {
            promise.succeed(false)
            return promise.futureResult
        }
        let seconds = Int(timeout.nanoseconds / 1_000_000_000)
        let expiry = loop.scheduleTask(in: timeout) { [state] in
            let expired = state.withLockedValue { s in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return false }
                s.waiters.remove(at: i)
                s.refused += 1
                return true
            }
            if expired { promise.fail(self.refusal(max(1, seconds / 9))) }
        }
        promise.futureResult.whenComplete { _ in expiry.cancel() }
        return promise.futureResult
    }

    /// Hands the slot to the next in line, or frees it.
    func release() {
        let next = state.withLockedValue { s -> EventLoopPromise<Bool>? in
            if s.waiters.isEmpty {
                s.free += 1
                precondition(s.free <= slots, "FairGate released more often than acquired")
                return nil
            }
            return s.waiters.removeFirst().promise
        }
        next?.succeed(true)
    }

    /// Runs `work` holding a slot.
    func run<T: Sendable>(on loop: any EventLoop, _ work: @escaping @Sendable () -> EventLoopFuture<T>)
        -> EventLoopFuture<T>
    {
        acquire(on: loop).flatMap { _ in work().always { _ in self.release() } }
    }

    /// Holders waiting in line now (for the tests and the log).
    var waiting: Int { state.withLockedValue { $0.waiters.count } }
    /// Slots held now.
    var held: Int { state.withLockedValue { slots - $0.free } }
    /// Holders refused after waiting `timeout`, since start.
    var refused: Int { state.withLockedValue { $0.refused } }
}
