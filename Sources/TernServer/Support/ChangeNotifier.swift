import Synchronization

/// Wakes long polls when something they wait for changed.
///
/// A poller observes a key (which pins a generation counter for it), checks its condition, and
/// if unmet waits for a newer generation; a change between the check and the wait is never
/// missed. Keys nobody observes take no memory.
final class ChangeNotifier<Key: Hashable & Sendable>: Sendable {
    private struct Entry {
        var generation: UInt64 = 0
        var observers = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex<(entries: [Key: Entry], nextID: Int, closed: Bool)>(([:], 0, false))

    /// True after `close()`: waits return at once (server shutdown).
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Wakes every waiter and makes later waits return at once.
    func close() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.closed = true
            var all: [CheckedContinuation<Void, Never>] = []
            for (key, var entry) in s.entries {
                all += entry.waiters.values
                entry.waiters = [:]
                s.entries[key] = entry
            }
            return all
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Runs `body` with the key's current generation, keeping the key observed meanwhile.
    func observing<T>(_ key: Key, _ body: (UInt64) async throws -> T) async rethrows -> T {
        let generation = state.withLock { s -> UInt64 in
            var entry = s.entries[key] ?? Entry()
            entry.observers += 1
            s.entries[key] = entry
            return entry.generation
        }
        defer {
            state.withLock { s in
                guard var entry = s.entries[key] else { return }
                entry.observers -= 1
                s.entries[key] = entry.observers == 0 && entry.waiters.isEmpty ? nil : entry
            }
        }
        return try await body(generation)
    }

    func notify(_ key: Key) {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            guard var entry = s.entries[key] else { return [] }
            entry.generation += 1
            let waiting = Array(entry.waiters.values)
            entry.waiters = [:]
            s.entries[key] = entry
            return waiting
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when `key` moves past `generation`, at `deadline`, or when the caller is cancelled.
    /// Call only inside `observing(key)`.
    func wait(_ key: Key, after generation: UInt64, until deadline: ContinuousClock.Instant) async {
        let id = state.withLock { s -> Int in
            s.nextID += 1
            return s.nextID
        }
        let timeout = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            self.wake(key, id)
        }
        defer { timeout.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { s -> Bool in
                    guard !s.closed, var entry = s.entries[key], entry.generation == generation, !Task.isCancelled
                    else { return true }
                    entry.waiters[id] = continuation
                    s.entries[key] = entry
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            self.wake(key, id)
        }
    }

    private func wake(_ key: Key, _ id: Int) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard var entry = s.entries[key], let waiter = entry.waiters.removeValue(forKey: id) else { return nil }
            s.entries[key] = entry
            return waiter
        }
        waiter?.resume()
    }
}
