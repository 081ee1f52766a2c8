import Synchronization

/// Serializes async work per key: bodies for the same key run one at a time, in arrival order;
/// different keys run concurrently. (An actor would not do: it interleaves at every `await`.)
final class KeyedLock<Key: Hashable & Sendable>: Sendable {
    private struct Waiters {
        var held = false
        var queue: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex<[Key: Waiters]>([:])

    func withLock<T: Sendable>(_ key: Key, _ body: () async throws -> T) async throws -> T {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    private func acquire(_ key: Key) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { map -> Bool in
                var entry = map[key] ?? Waiters()
                defer { map[key] = entry }
                if entry.held {
                    entry.queue.append(continuation)
                    return false
                }
                entry.held = true
                return true
            }
            if acquired { continuation.resume() }
        }
    }

    private func release(_ key: Key) {
        let next = state.withLock { map -> CheckedContinuation<Void, Never>? in
            guard var entry = map[key] else { return nil }
            if entry.queue.isEmpty {
                map[key] = nil
                return nil
            }
            let next = entry.queue.removeFirst()
            map[key] = entry
            return next
        }
        next?.resume()
    }
}
