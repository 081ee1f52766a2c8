import Synchronization

/// Wakes long polls when something they wait for changed. Each key has a generation counter;
/// a waiter reads it, checks its condition, and waits for a newer generation, so a change
/// between the check and the wait is never missed.
final class ChangeNotifier<Key: Hashable & Sendable>: Sendable {
    private struct Entry {
        var generation: UInt64 = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex<(entries: [Key: Entry], nextID: Int)>(([:], 0))

    func generation(_ key: Key) -> UInt64 {
        state.withLock { $0.entries[key]?.generation ?? 0 }
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
                    var entry = s.entries[key] ?? Entry()
                    if entry.generation != generation || Task.isCancelled { return true }
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
            s.entries[key] = entry.waiters.isEmpty && entry.generation == 0 ? nil : entry
            return waiter
        }
        waiter?.resume()
    }
}
