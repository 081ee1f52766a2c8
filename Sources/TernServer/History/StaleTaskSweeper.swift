import Synchronization
import TernStore

/// Removes outbox and timer rows that turned out to be moot: a workflow-task timeout that fires
/// after the task completed, an activity timeout after the activity closed, and the like.
///
/// Most timers a workflow arms end up moot, and deleting each in its own transaction cost an fsync
/// apiece. Their deletion needs no durability: a row that outlives a crash is re-armed on recovery,
/// found moot again and dropped. So they are collected and deleted in batches, one transaction per
/// `interval` or per `batchSize` rows, whichever comes first.
final class StaleTaskSweeper: Sendable {
    private struct Pending {
        var transfer: [Int64] = []
        var timer: [Int64] = []
        var flushScheduled = false
        var count: Int { transfer.count + timer.count }
    }
    private let pending = Mutex(Pending())
    private let store: any Store
    private let interval: Duration
    private let batchSize: Int

    init(store: any Store, interval: Duration = .seconds(1), batchSize: Int = 1024) {
        self.store = store
        self.interval = interval
        self.batchSize = batchSize
    }

    func add(transfer: [Int64], timer: [Int64]) {
        guard !transfer.isEmpty || !timer.isEmpty else { return }
        enum Next { case none, flushNow, flushLater }
        let next: Next = pending.withLock { pending in
            pending.transfer += transfer
            pending.timer += timer
            if pending.count >= batchSize { return .flushNow }
            if pending.flushScheduled { return .none }
            pending.flushScheduled = true
            return .flushLater
        }
        switch next {
        case .none: break
        case .flushNow: Task { await self.flush() }
        case .flushLater:
            Task {
                try? await Task.sleep(for: self.interval)
                await self.flush()
            }
        }
    }

    /// Deletes what has been collected; rows whose deletion fails are simply found moot again later.
    func flush() async {
        let (transfer, timer) = pending.withLock { pending in
            defer { pending = Pending() }
            return (pending.transfer, pending.timer)
        }
        try? await store.deleteTasks(transfer: transfer, timer: timer)
    }
}
