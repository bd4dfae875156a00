import NIOCore
import NIOPosix
import Vapor

/// Heavy pages answered off the event loops when the loops are Swift Concurrency's executor (`LoopExecutor`).
///
/// On the loops a request's work runs on the loop of its connection, in the order it was queued there; a heavy page
/// (a search, a list of a whole district, a dashboard) then holds up the light requests of its loop behind its
/// rendering. With SQLite, whose statements run on the app's own thread pool, a light page beside a burst of searches
/// waited p99 45–58 ms on the loops, against 6.8 ms on Swift Concurrency's pool (PERFORMANCE, session 44). Here a
/// heavy route's handler (`HeavyWork`'s routes, `RoutesBuilder.heavy`) runs as a task that prefers this executor:
/// its own threads, one a core, so the loops keep to the light requests and the I/O.
final class OffLoopExecutor: TaskExecutor {
    private let pool: NIOThreadPool
    /// Set on this executor's threads at their first job, for the thread's life (`isCurrent`).
    private static let running = ThreadSpecificVariable<Marker>()
    private final class Marker: Sendable {}
    private static let marker = Marker()

    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { state in
            guard case .active = state else {
                // The pool has stopped (the server is stopping): the job still runs, on a loop, so that its task ends
                // and no lock held by the caller of `enqueue` is held while it runs.
                MultiThreadedEventLoopGroup.singleton.any().execute { job.runSynchronously(on: executor) }
                return
            }
            // Marked once a thread: the pool's threads run nothing but these jobs, and setting the variable for
            // every job (a box allocated each time) was 0.7 % of the SQLite web list's samples (session 47).
            if Self.running.currentValue == nil { Self.running.currentValue = Self.marker }
            job.runSynchronously(on: executor)
        }
    }

    /// Whether the calling code runs on one of these executors' threads.
    static var isCurrent: Bool { running.currentValue != nil }

    func shutdown() async throws { try await pool.shutdownGracefully() }
}

/// A heavy route's async handler as a task on `Admission.offLoop` when there is one; otherwise as Vapor runs it.
struct OffLoopResponder: Responder {
    let inner: any AsyncResponder

    func respond(to req: Request) -> EventLoopFuture<Response> {
        guard let executor = req.application.admission.offLoop else { return inner.respond(to: req) }
        let promise = req.eventLoop.makePromise(of: Response.self)
        let inner = self.inner
        Task(executorPreference: executor) {
            do {
                promise.succeed(try await inner.respond(to: req))
            } catch {
                promise.fail(error)
            }
        }
        return promise.futureResult
    }
}

/// The routes added through it answer through `OffLoopResponder`. Registered inside `HeavyWork`'s group, so the slot
/// is taken on the loop before the handler's task starts, and given back when its answer is made. Only an async
/// handler is wrapped: one that returns a future runs in its futures' callbacks, on the request's loop (Vapor
/// collects the body first, then calls it there), wherever its caller starts it.
struct OffLoopRoutes: RoutesBuilder {
    let root: any RoutesBuilder

    func add(_ route: Route) {
        if let handler = route.responder as? any AsyncResponder {
            route.responder = OffLoopResponder(inner: handler)
        }
        root.add(route)
    }
}

/// Stops the off-loop executor's threads when the application stops, then closes their SQLite connections and the
/// event loops' (`LoopRead`).
struct OffLoopShutdown: LifecycleHandler {
    func shutdownAsync(_ app: Application) async {
        try? await app.admission.offLoop?.shutdown()
        await app.sqliteHereReaders?.shutdown()
        await app.sqliteLoopReaders?.shutdown()
    }
}
