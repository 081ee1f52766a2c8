import Foundation
import Synchronization
import TernAPI
import TernCore
import TernStore

/// All task queues of this node, created on first use.
final class MatchingEngine: Sendable {
    struct QueueKey: Hashable, Sendable {
        var namespaceID: String
        var name: String
        var type: Temporal_Api_Enums_V1_TaskQueueType
        /// Versioned workers of this build poll a queue of their own; "" is everyone else.
        var buildID: String = ""
    }

    private let queues = Mutex<[QueueKey: TaskQueue]>([:])
    /// Sticky queues whose worker said it shut down: tasks are no longer sent there.
    private let deadStickyQueues = Mutex<Set<String>>([])

    private let closed = Mutex(false)
    /// Workers that reported themselves (RecordWorkerHeartbeat), for ListWorkers and DescribeWorker.
    let workers = WorkerRegistry()
    /// Worker deployments: which build each task goes to.
    let deployments: WorkerDeployments

    init(store: any Store) {
        deployments = WorkerDeployments(store: store)
    }

    func queue(_ key: QueueKey) -> TaskQueue {
        let closed = self.closed.withLock { $0 }
        return queues.withLock { map in
            if let queue = map[key] { return queue }
            let queue = TaskQueue(closed: closed)
            map[key] = queue
            return queue
        }
    }

    func existingQueue(_ key: QueueKey) -> TaskQueue? {
        queues.withLock { $0[key] }
    }

    /// Queues a task from the outbox on the queue it names.
    func dispatch(_ stored: StoredTask<TransferTask>, buildID: String = "") async {
        let type: Temporal_Api_Enums_V1_TaskQueueType = stored.task.kind == .activityTask ? .activity : .workflow
        let namespaceID = StandaloneActivityKeys.owningNamespaceID(stored.key.namespaceID)
        await queue(QueueKey(namespaceID: namespaceID, name: stored.task.taskQueue, type: type, buildID: buildID))
            .add(.transfer(stored))
    }

    func markStickyQueueDead(_ name: String) {
        _ = deadStickyQueues.withLock { $0.insert(name) }
    }

    func isStickyQueueDead(_ name: String) -> Bool {
        deadStickyQueues.withLock { $0.contains(name) }
    }

    /// Ends every waiting poll with no task, and every later one at once (server shutdown).
    func shutdown() async {
        closed.withLock { $0 = true }
        let all = queues.withLock { Array($0.values) }
        for queue in all { await queue.close() }
    }

    /// Removes a sticky queue and returns the tasks that were waiting on it.
    func dropQueue(_ key: QueueKey) async -> [QueuedTask] {
        guard let queue = queues.withLock({ $0.removeValue(forKey: key) }) else { return [] }
        return await queue.remove { _ in true }
    }
}
