/// Counts the result waits under way against one time-skipping server, so that however many run
/// at once the server's lock counter gets one unlock (when the first starts) and one lock (when
/// the last ends), as for a single wait.
///
/// The unlock and lock calls run in unstructured tasks, which a cancellation of the waiting task
/// does not reach: an unlock the server received must always be answered by a lock, or its clock
/// would stay unlocked for good.
actor ResultWaits {
    private var count = 0
    /// The call that unlocked, until it has finished: later waits wait for it too.
    private var unlocking: Task<Void, any Error>?
    /// The call that locks again after the last wait, until it has finished: the next unlock
    /// must reach the server after it.
    private var locking: Task<Void, any Error>?

    func enter(unlock: @escaping @Sendable () async throws -> Void) async throws {
        count += 1
        if count == 1 {
            let previous = locking
            unlocking = Task {
                _ = try? await previous?.value
                try await unlock()
            }
        }
        do {
            try await unlocking?.value
        } catch {
            count -= 1
            if count == 0 { unlocking = nil }
            throw error
        }
    }

    func leave(lock: @escaping @Sendable () async throws -> Void) async throws {
        count -= 1
        guard count == 0 else { return }
        unlocking = nil
        let task = Task { try await lock() }
        locking = task
        try await task.value
    }
}
