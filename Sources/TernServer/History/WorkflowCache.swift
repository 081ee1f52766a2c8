import Synchronization
import TernStore

/// Recently used run states, so that a change to a busy run costs no store read.
///
/// Bounded: once it holds more than `capacity` runs it drops the least recently used tenth in one
/// sweep. The sweep sorts use stamps, O(n log n) once per n/10 insertions, which keeps the cost per
/// insertion logarithmic without a linked list to maintain on every hit. Memory therefore stays
/// flat however many runs are open; an evicted run is simply read from the store next time.
final class WorkflowCache: Sendable {
    private struct Entry {
        var value: StoredWorkflow
        var lastUse: UInt64
    }
    private struct State {
        var entries: [WorkflowKey: Entry] = [:]
        var clock: UInt64 = 0
    }
    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { state.withLock { $0.entries.count } }

    func get(_ key: WorkflowKey) -> StoredWorkflow? {
        state.withLock { state in
            guard state.entries[key] != nil else { return nil }
            state.clock += 1
            state.entries[key]?.lastUse = state.clock
            return state.entries[key]?.value
        }
    }

    func put(_ key: WorkflowKey, _ value: StoredWorkflow) {
        state.withLock { state in
            state.clock += 1
            state.entries[key] = Entry(value: value, lastUse: state.clock)
            if state.entries.count > capacity { Self.evict(&state, keeping: capacity - capacity / 10) }
        }
    }

    func remove(_ key: WorkflowKey) {
        _ = state.withLock { $0.entries.removeValue(forKey: key) }
    }

    /// Keeps the `keeping` most recently used entries.
    private static func evict(_ state: inout State, keeping: Int) {
        let stamps = state.entries.values.map(\.lastUse).sorted()
        let cutoff = stamps[stamps.count - max(1, keeping)]
        state.entries = state.entries.filter { $0.value.lastUse >= cutoff }
    }
}
