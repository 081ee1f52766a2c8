import Logging
import Synchronization
import TernStore

/// After a commit whose outcome the store could not learn (`StoreError.unknownOutcome`: the
/// database went away during COMMIT and stayed away), the change may be stored after all, with
/// tasks and timers nobody has queued. The client was told UNAVAILABLE; this re-reads the outbox
/// and the timers once the database answers again, as a restart would. Tasks and timers that were
/// already queued come twice; the second is found stale and dropped.
final class OutcomeRecovery: Sendable {
    private let running = Mutex(false)
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Starts one recovery pass (unless one is already waiting) that retries `recover` with
    /// back-off until it succeeds.
    func schedule(_ recover: @escaping @Sendable () async throws -> Void) {
        let start = running.withLock { running in
            defer { running = true }
            return !running
        }
        guard start else { return }
        Task {
            var delay = Duration.milliseconds(500)
            while true {
                do {
                    try await recover()
                    logger.notice("Re-read the outbox and timers after a commit of unknown outcome")
                    break
                } catch {
                    try? await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(10))
                }
            }
            running.withLock { $0 = false }
        }
    }
}
