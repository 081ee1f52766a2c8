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
/// A run that started while cached also keeps its history while it runs, so that handing out a
/// workflow task needs no history read: every commit goes through `committed`, which appends the
/// events it wrote. Histories share a budget of `historyBudget` events; past it, the histories of the
/// least recently used runs are dropped (their states stay) and read from the store when needed.
final class WorkflowCache: Sendable {
    private struct Entry {
        var value: StoredWorkflow
        /// Every committed event of the run, from event 1 (`history[i].eventID == i + 1`); nil when not known.
        var history: [HistoryEvent]?
        var lastUse: UInt64
    }
    private struct State {
        var entries: [WorkflowKey: Entry] = [:]
        var clock: UInt64 = 0
        /// Events held in all histories.
        var historyEvents = 0
    }
    private let state = Mutex(State())
    let capacity: Int
    let historyBudget: Int

    init(capacity: Int, historyBudget: Int = 65_536) {
        self.capacity = max(1, capacity)
        self.historyBudget = max(0, historyBudget)
    }

    var count: Int { state.withLock { $0.entries.count } }
    var historyEventCount: Int { state.withLock { $0.historyEvents } }

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
        state.withLock { state in
            Self.store(&state, key, value, history: nil)
            if state.entries.count > capacity { Self.evict(&state, keeping: capacity - capacity / 10) }
        }
    }

    /// A state just committed with `newEvents`; `newRun` when the commit created the run.
    func committed(_ key: WorkflowKey, _ value: StoredWorkflow, newEvents: [HistoryEvent], newRun: Bool) {
        state.withLock { state in
            var history: [HistoryEvent]?
            if newRun {
                history = newEvents.first?.eventID == 1 ? newEvents : nil
            } else if var known = state.entries[key]?.history {
                state.entries[key]?.history = nil  // sole owner now: appending does not copy
                state.historyEvents -= known.count
                let contiguous = newEvents.first.map { $0.eventID == Int64(known.count) + 1 } ?? true
                if contiguous {
                    known.append(contentsOf: newEvents)
                    history = known
                }
            }
            if value.state.execution.status != .running { history = nil }
            Self.store(&state, key, value, history: history)
            if state.entries.count > capacity { Self.evict(&state, keeping: capacity - capacity / 10) }
            if state.historyEvents > historyBudget { Self.trimHistories(&state, to: historyBudget - historyBudget / 10) }
        }
    }

    /// The run's committed events with ids in `from...through`, or nil if the cache does not know them.
    func events(_ key: WorkflowKey, from: Int64, through: Int64?) -> [HistoryEvent]? {
        state.withLock { state in
            guard let history = state.entries[key]?.history else { return nil }
            let lower = Int(max(from, 1)) - 1
            let upper = Int(min(through ?? Int64(history.count), Int64(history.count)))
            return lower < upper ? Array(history[lower..<upper]) : []
        }
    }

    func remove(_ key: WorkflowKey) {
        state.withLock { state in
            if let removed = state.entries.removeValue(forKey: key) { state.historyEvents -= removed.history?.count ?? 0 }
        }
    }

    private static func store(_ state: inout State, _ key: WorkflowKey, _ value: StoredWorkflow, history: [HistoryEvent]?) {
        state.clock += 1
        state.historyEvents += (history?.count ?? 0) - (state.entries[key]?.history?.count ?? 0)
        state.entries[key] = Entry(value: value, history: history, lastUse: state.clock)
    }

    /// Drops the histories of the least recently used runs until at most `target` events remain.
    private static func trimHistories(_ state: inout State, to target: Int) {
        let holders = state.entries.filter { $0.value.history != nil }.sorted { $0.value.lastUse < $1.value.lastUse }
        for (key, entry) in holders where state.historyEvents > target {
            state.historyEvents -= entry.history?.count ?? 0
            state.entries[key]?.history = nil
        }
    }

    /// Keeps the `keeping` most recently used entries.
    private static func evict(_ state: inout State, keeping: Int) {
        let stamps = state.entries.values.map(\.lastUse).sorted()
        let cutoff = stamps[stamps.count - max(1, keeping)]
        state.entries = state.entries.filter { $0.value.lastUse >= cutoff }
        state.historyEvents = state.entries.values.reduce(0) { $0 + ($1.history?.count ?? 0) }
    }
}
