import DHExecutorHook
import Foundation
import NIOCore
import NIOPosix

/// NIO's event loops as Swift Concurrency's global executor: the server's async work (route handlers, middlewares,
/// statements awaited) runs on the loop threads where its connections are, instead of on Swift Concurrency's own
/// pool with a hop between the two threads for every statement awaited and every answer. National API search on
/// PostgreSQL, sequential: the server's CPU a request 2.80 → 2.43 ms; at 32 connections ×1.08–1.09 req/s (session 37,
/// `Benchmarks/http/ab.py`, the same binary with `DIENHINH_NIO_EXECUTOR=0`).
///
/// SwiftNIO does this itself (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`,
/// which Vapor's template offers) but finds the runtime's hook by `dlsym`, which a binary linked with the static
/// standard library does not export; `DHExecutorHook` reaches it through the linker, and the rest is NIO's way.
///
/// On the loops, a long stretch of work with no `await` holds up that loop's other connections: such work (a file
/// read for an import, a photo resized, a password hashed) goes to a thread pool; on SQLite the heavy pages' handlers
/// run on threads of their own (`OffLoopExecutor`). Only the server binary installs it (`main.swift`, before any task
/// starts), unless DIENHINH_NIO_EXECUTOR says otherwise (`wanted`).
public enum LoopExecutor {
    private typealias Hook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

    /// Whether `environment` asks for the loops: as DIENHINH_NIO_EXECUTOR says (1/true/yes/on or 0/false/no/off, as
    /// `AppConfig` reads it; any other value stops the start there, naming the variable), else yes. On SQLite they
    /// were off until session 44: a heavy page's rendering on a loop held up that loop's light requests, whose p99
    /// beside a burst of searches went 6.8 → 45–58 ms. With the heavy pages off the loops (`OffLoopExecutor`) it is
    /// 7.7 ms, the heavy pages answer as before, and a registration's page 1.33 times as many a second.
    public static func wanted(_ environment: [String: String]) -> Bool {
        environment["DIENHINH_NIO_EXECUTOR"].flatMap(AppConfig.yesNo) ?? true
    }

    /// Makes `MultiThreadedEventLoopGroup.singleton` (Vapor's loops) the global executor; false when the runtime's
    /// hook is already set. Once, on the main thread, before any task is made.
    @discardableResult
    public static func install() -> Bool {
        let slot = dh_enqueue_global_hook()
        guard slot.pointee == nil else { return false }
        return withUnsafeTemporaryAllocation(of: Hook.self, capacity: 1) { hook in
            // The loop the job's code last ran on when it is one of the group's (no thread switch), else the next.
            hook.baseAddress!.initialize(to: { job, _ in
                MultiThreadedEventLoopGroup.singleton.any().executor.enqueue(ExecutorJob(job))
            })
            // A thin function is one pointer: stored where the runtime reads its hook.
            hook.baseAddress!.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: 1) {
                slot.pointee = $0.pointee
            }
            return true
        }
    }
}
