import NIOConcurrencyHelpers
import NIOCore
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// Bounds on the heavy work of one instance, so that a burst of it cannot starve the rest (issue 11, item 5).
///
/// - **Heavy pages** (lists with search, dashboards, quota monitors, statistics, the public directory — each
///   feature marks its own routes with `HeavyWork`) run at most `pages.slots` at a time; the others wait in line,
///   first come first served, holding nothing, and one that waits longer than `DIENHINH_HEAVY_WAIT` seconds gets a
///   503 with Retry-After. `/healthz`, the stylesheet, forms and the other pages do not wait here.
/// - **Exports** (`TableExport`) stream for as long as the client reads; `exports.slots` of them at a time, the slot
///   held until the stream ends.
/// - **A client that has gone** is not served: a request that waited in line (`checkAfter` or longer) checks its
///   connection (`ClientConnection`) before its work starts, and one whose client hung up is dropped
///   (`droppedGone`). An export
///   whose client goes stops at its next write.
final class Admission: Sendable {
    let pages: FairGate
    let exports: FairGate
    /// Where heavy pages' handlers run when the loops are the executor and `AppConfig.heavyOffLoop` says so; nil:
    /// where every handler runs.
    let offLoop: OffLoopExecutor?
    private let gone = NIOLockedValueBox(0)

    init(config: AppConfig) {
        let wait = TimeAmount.seconds(Int64(config.heavyWait))
        pages = FairGate(slots: config.heavySlots, timeout: wait, refusal: Admission.refusal)
        exports = FairGate(slots: config.exportSlots, timeout: wait, refusal: Admission.refusal)
        offLoop = Self.offLoopThreads(config).map { OffLoopExecutor(threads: $0) }
    }

    /// The threads heavy pages' handlers run on, one a core; nil when they run on the loops (the loops are not the
    /// executor, or `AppConfig.heavyOffLoop` is off).
    ///
    /// On a SQLite file a handler's reads block its thread (`SQLiteHereReaders`), and a thread a heavy slot would
    /// keep every admitted page running; but more threads than cores cost more than the reads' waits. The national
    /// web list on SQLite, against the build before the reads moved here: 1.08 times as many a second with 2 threads,
    /// 0.96 with 8; and with 4 threads 0.87 times as many as with 2 (session 46, `Benchmarks/http/ab.py`). On a
    /// cached file the reads are CPU work, not waits.
    static func offLoopThreads(_ config: AppConfig) -> Int? {
        guard config.loopExecutor, config.heavyOffLoop else { return nil }
        return System.coreCount
    }

    static func refusal(retryAfter: Int) -> any Error {
        AppError(
            status: .serviceUnavailable, code: .busy,
            message: "Máy chủ đang bận với nhiều yêu cầu nặng (danh sách, thống kê, xuất tệp). "
                + "Vui lòng thử lại sau \(retryAfter) giây.",
            retryAfter: retryAfter)
    }

    /// A request that waited less than this is served without a look at its connection: few clients hang up
    /// sooner, and a look costs the kernel a walk of its connection table.
    static let checkAfter = TimeAmount.milliseconds(250)

    /// Requests dropped because their client had gone while they waited, since start.
    var droppedGone: Int { gone.withLockedValue { $0 } }

    /// Holds a slot of `gate` for `req`; throws when the wait was too long, or when the client hung up meanwhile.
    func enter(_ gate: FairGate, for req: Request) async throws {
        try await entered(gate, for: req).get()
    }

    /// `enter` as a future, for a middleware that makes no task of its own (`HeavyWork`). The look at a waiter's
    /// connection reads the kernel's table (`ClientConnection`), so it runs on the thread pool, not the event loop.
    func entered(_ gate: FairGate, for req: Request) -> EventLoopFuture<Void> {
        let start = NIODeadline.now()
        return gate.acquire(on: req.eventLoop).flatMap { waited in
            guard waited, NIODeadline.now() - start >= Self.checkAfter else {
                return req.eventLoop.makeSucceededVoidFuture()
            }
            let remote = req.remoteAddress
            let port = req.application.http.server.shared.localAddress?.port
            return req.application.threadPool.runIfActive(eventLoop: req.eventLoop) {
                ClientConnection.state(remote: remote, localPort: port, notBefore: start)
            }.flatMapErrorThrowing { error in
                // No look could be had (the pool is stopping): the slot is not kept.
                gate.release()
                throw error
            }.flatMapThrowing { state in
                guard state == .hungUp else { return }
                gate.release()
                self.gone.withLockedValue { $0 += 1 }
                req.logger.info("Bỏ qua \(req.method) \(req.url.path): người gửi đã ngắt kết nối khi chờ lượt")
                throw Abort(.init(statusCode: 499, reasonPhrase: "Client Closed Request"))
            }
        }
    }
}

extension Application {
    private struct AdmissionKey: StorageKey { typealias Value = Admission }
    /// This instance's bounds on heavy work (`configure` sets it).
    var admission: Admission {
        get { configured(AdmissionKey.self) }
        set { storage[AdmissionKey.self] = newValue }
    }
}

/// Marks a feature's heavy routes: each request holds one of `Admission.pages`' slots while it is answered. A
/// `Middleware` chained by futures, as the authenticators are (`AuthService.authenticate` says why).
struct HeavyWork: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let gate = req.application.admission.pages
        return req.application.admission.entered(gate, for: req).flatMap {
            next.respond(to: req).always { _ in gate.release() }
        }
    }
}

extension RoutesBuilder {
    /// The routes registered on the result are heavy (`HeavyWork`), their handlers run off the loops when
    /// `Admission.offLoop` is set (`OffLoopRoutes`).
    var heavy: any RoutesBuilder { OffLoopRoutes(root: grouped(HeavyWork())) }
}

/// Memory handed back to the system after a large piece of work (issue 11: "RSS stays at 638 MB after the
/// imports"). glibc keeps freed memory in its arenas for reuse; after an import or an export has freed its buffers,
/// `malloc_trim` returns the free pages at the top of each arena and the unused ones inside, so the resident size
/// falls back towards idle. Elsewhere it does nothing.
enum Memory {
    static func handBack() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }

    #if canImport(Glibc)
        private typealias Trim = @convention(c) (Int) -> Int32
        private static let trim = CLibrary.function("malloc_trim", as: Trim.self)
    #endif
}
