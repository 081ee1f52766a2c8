import Synchronization
import TernCore
import TernStore

/// Recently used run states, so that a change to a busy run costs no store read.
///
/// Bounded: once it holds more than `capacity` runs it drops the least recently used tenth in one
/// sweep. The sweep sorts use stamps, O(n log n) once per n/10 insertions, which keeps the cost per
/// insertion logarithmic without a linked list to maintain on every hit. Memory therefore stays
/// flat however many runs are open; an evicted run is simply read from the store next time.
///
/// A run that started while cached also keeps its history (up to `historyLimit` events, and only
/// while it runs), so that handing out a workflow task needs no history read: every commit goes
/// through `committed`, which appends the events it wrote.
final class WorkflowCache: Sendable {
    private struct Entry {
        var value: StoredWorkflow
        /// Every committed event of the run, from event 1; nil when not known.
        var history: [HistoryEvent]?
        var lastUse: UInt64
    }
    static let historyLimit = 256
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

    /// A state read from the store; its history is not known.
    func put(_ key: WorkflowKey, _ value: StoredWorkflow) {
        insert(key, Entry(value: value, history: nil, lastUse: 0))
    }

    /// A state just committed with `newEvents`; `newRun` when the commit created the run.
    func committed(_ key: WorkflowKey, _ value: StoredWorkflow, newEvents: [HistoryEvent], newRun: Bool) {
        state.withLock { state in
            var history: [HistoryEvent]?
            if newRun {
                history = newEvents.first?.eventID == 1 ? newEvents : nil
            } else if let known = state.entries[key]?.history {
                let contiguous = newEvents.first.map { $0.eventID == (known.last?.eventID ?? 0) + 1 } ?? true
                history = contiguous ? known + newEvents : nil
            }
            if value.state.execution.status != .running || (history?.count ?? 0) > Self.historyLimit { history = nil }
            state.clock += 1
            state.entries[key] = Entry(value: value, history: history, lastUse: state.clock)
            if state.entries.count > capacity { Self.evict(&state, keeping: capacity - capacity / 10) }
        }
    }

    /// The run's committed events with ids in `from...through`, or nil if the cache does not know them.
    func events(_ key: WorkflowKey, from: Int64, through: Int64?) -> [HistoryEvent]? {
        state.withLock { state in
            guard let history = state.entries[key]?.history else { return nil }
            let upper = through ?? Int64.max
            return history.filter { $0.eventID >= from && $0.eventID <= upper }
        }
    }

    private func insert(_ key: WorkflowKey, _ entry: Entry) {
        state.withLock { state in
            state.clock += 1
            var entry = entry
            entry.lastUse = state.clock
            state.entries[key] = entry
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
