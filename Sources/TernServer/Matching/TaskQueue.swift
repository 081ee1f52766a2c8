import DequeModule
import Foundation
import TernAPI
import TernCore
import TernStore

/// A task waiting on a task queue.
enum QueuedTask: Sendable {
    /// A workflow or activity task from the outbox (its row id is deleted when a worker takes it).
    case transfer(StoredTask<TransferTask>)
    /// A query for a workflow, dispatched outside of history (legacy query task).
    case query(QueryTask)
    /// A workflow task already recorded started for the poll it is handed to (see `reservePoll`).
    case startedWorkflowTask(PollWorkflowTaskResponse)
}

typealias WorkerVersionStamp = Temporal_Api_Common_V1_WorkerVersionStamp

/// A waiting poll taken off its queue to be answered directly: the history engine records a
/// workflow task started for it in the very change that schedules the task. Exactly one of
/// `hand` or `release` must be called.
struct ReservedPoll: Sendable {
    let identity: String
    let workerVersion: WorkerVersionStamp?
    fileprivate let continuation: CheckedContinuation<QueuedTask?, Never>

    func hand(_ task: PollWorkflowTaskResponse) {
        continuation.resume(returning: .startedWorkflowTask(task))
    }

    /// The task could not be given after all: the poll answers empty and the worker polls again.
    func release() {
        continuation.resume(returning: nil)
    }
}

/// One task queue (namespace, name, kind of task): tasks nobody has taken yet and polls waiting
/// for one. A new task goes straight to the longest-waiting poll (sync match); otherwise it
/// waits in FIFO order.
actor TaskQueue {
    private var tasks = Deque<QueuedTask>()
    private var polls: [(id: UInt64, identity: String, version: WorkerVersionStamp?,
                         continuation: CheckedContinuation<QueuedTask?, Never>)] = []
    private var nextPollID: UInt64 = 0
    /// Last poll time per worker identity, for DescribeTaskQueue.
    private(set) var pollers: [String: Date] = [:]

    /// Set at server shutdown: polls answer empty at once.
    private var closed: Bool

    init(closed: Bool = false) {
        self.closed = closed
    }

    var backlogCount: Int { tasks.count }
    var waitingPollCount: Int { polls.count }

    func close() {
        closed = true
        for poll in polls { poll.continuation.resume(returning: nil) }
        polls.removeAll()
    }

    func add(_ task: QueuedTask) {
        if !polls.isEmpty {
            polls.removeFirst().continuation.resume(returning: task)
        } else {
            tasks.append(task)
        }
    }

    /// Puts back a task whose poll was cancelled after it was handed over.
    func addFront(_ task: QueuedTask) {
        if !polls.isEmpty {
            polls.removeFirst().continuation.resume(returning: task)
        } else {
            tasks.prepend(task)
        }
    }

    /// Takes the longest-waiting poll off the queue, if any poll waits and no task is queued
    /// ahead of whatever would be given to it.
    func reservePoll() -> ReservedPoll? {
        guard !closed, tasks.isEmpty, !polls.isEmpty else { return nil }
        let poll = polls.removeFirst()
        return ReservedPoll(identity: poll.identity, workerVersion: poll.version, continuation: poll.continuation)
    }

    /// Removes and returns the tasks matching `predicate` (e.g. the tasks of a dead sticky queue).
    func remove(where predicate: (QueuedTask) -> Bool) -> [QueuedTask] {
        var kept = Deque<QueuedTask>()
        var removed: [QueuedTask] = []
        for task in tasks {
            if predicate(task) { removed.append(task) } else { kept.append(task) }
        }
        tasks = kept
        return removed
    }

    /// Waits for a task until `deadline`; nil when none came or the caller was cancelled.
    func poll(
        identity: String, version: WorkerVersionStamp? = nil, until deadline: ContinuousClock.Instant
    ) async -> QueuedTask? {
        pollers[identity] = Date()
        if closed { return nil }
        if let task = tasks.popFirst() { return task }
        nextPollID += 1
        let id = nextPollID
        let timeout = Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            await self?.expire(id)
        }
        defer { timeout.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: nil)
                } else {
                    polls.append((id, identity, version, continuation))
                }
            }
        } onCancel: {
            Task { await self.expire(id) }
        }
    }

    private func expire(_ id: UInt64) {
        if let index = polls.firstIndex(where: { $0.id == id }) {
            polls.remove(at: index).continuation.resume(returning: nil)
        }
    }
}
