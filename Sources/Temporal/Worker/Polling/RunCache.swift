import Synchronization

/// The runs a worker keeps in memory between their workflow tasks (its sticky cache), least
/// recently used first out, and the per-run serialisation of tasks (a query may arrive while a
/// workflow task of the same run is being applied).
final class RunCache: Sendable {
    private struct State {
        var instances: [String: WorkflowInstance] = [:]
        var order: [String] = []
        var tails: [String: Task<Void, Never>] = [:]
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = capacity }

    func instance(for runID: String) -> WorkflowInstance? {
        state.withLock { $0.instances[runID] }
    }

    func store(_ instance: WorkflowInstance, for runID: String) {
        guard capacity > 0 else { return }
        state.withLock { state in
            state.instances[runID] = instance
            state.order.removeAll { $0 == runID }
            state.order.append(runID)
            while state.order.count > capacity {
                let oldest = state.order.removeFirst()
                state.instances.removeValue(forKey: oldest)
            }
        }
    }

    func evict(_ runID: String) {
        state.withLock { state in
            state.instances.removeValue(forKey: runID)
            state.order.removeAll { $0 == runID }
        }
    }

    /// Runs `operation` after every operation queued before it for the same run.
    func serialize(_ runID: String, _ operation: @escaping @Sendable () async -> Void) async {
        let task = state.withLock { state -> Task<Void, Never> in
            let previous = state.tails[runID]
            let task = Task {
                await previous?.value
                await operation()
            }
            state.tails[runID] = task
            return task
        }
        await task.value
        state.withLock { state in
            if state.tails[runID] == task { state.tails.removeValue(forKey: runID) }
        }
    }
}
