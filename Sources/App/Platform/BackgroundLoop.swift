import NIOConcurrencyHelpers

/// A pass repeated in the background while the server runs, every `every`, until `stop` (the lifecycle handlers of
/// the notice mailer and the registration counts). A pass that throws is reported by `failed` and the loop goes on.
final class BackgroundLoop: Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func start(
        every: Duration, pass: @escaping @Sendable () async throws -> Void,
        failed: @escaping @Sendable (any Error) -> Void
    ) {
        task.withLockedValue {
            $0 = Task.detached {
                while !Task.isCancelled {
                    do { try await pass() } catch { failed(error) }
                    try? await Task.sleep(for: every)
                }
            }
        }
    }

    /// Cancels the loop and waits for the pass under way.
    func stop() async {
        let running = task.withLockedValue { t -> Task<Void, Never>? in
            defer { t = nil }
            return t
        }
        running?.cancel()
        await running?.value
    }
}
