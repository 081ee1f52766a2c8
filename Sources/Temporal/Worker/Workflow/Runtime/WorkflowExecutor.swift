import DequeModule
import Synchronization

/// The executor every task of one workflow run runs on. Nothing runs until the worker drains it,
/// and draining runs queued jobs one at a time, in the order they were queued, on the caller's
/// thread: for the same history the workflow's tasks always interleave the same way.
///
/// Workflow tasks get this executor as their task-executor preference; child tasks (`async let`,
/// task groups) inherit it, so all of a workflow's own code stays here.
final class WorkflowExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = Mutex(Deque<UnownedJob>())

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.append(job) }
    }

    /// Runs queued jobs until none is left: every task of the run is then suspended on something
    /// only the worker can resume (an activity result, a timer, a signal), or finished.
    func drain() {
        let executor = asUnownedTaskExecutor()
        while let job = queue.withLock({ $0.popFirst() }) {
            job.runSynchronously(on: executor)
        }
    }

    var isIdle: Bool { queue.withLock { $0.isEmpty } }
}
