import Foundation
import TernAPI
import TernCore
import TernStore

/// Where a query goes, decided under the run's lock so no workflow task can start or complete
/// between the decision and the query's registration.
///
/// A query may go to a worker directly (a query task) only when nothing can be ahead of it: the
/// run has completed a workflow task and either is closed or has no workflow task scheduled or
/// running. Otherwise it is buffered and rides the workflow tasks handed out from now on, so an
/// acknowledged signal or update is always applied before the query is answered.
extension HistoryEngine {
    /// A workflow task failing this many times in a row fails queries at once: they would fail too.
    static let failQueryWorkflowTaskAttempt: Int32 = 3

    /// Registers `query` for `key` and sends it on its way; the caller then waits on `queries`.
    func routeQuery(_ key: WorkflowKey, _ query: WorkflowQuery, deadline: ContinuousClock.Instant) async throws -> String {
        try await locks.withLock(key) {
            let state = try await load(key).state
            let running = state.execution.status == .running
            let completedAnyTask = state.execution.lastCompletedTaskStartedEventID > 0
            if Self.closedBeforeFirstTask(state) { throw Self.closedBeforeFirstTaskError }
            if running && !state.hasWorkflowTask && !completedAnyTask,
               state.execution.hasExecutionTime,
               ContinuousClock.now.advanced(by: .seconds(state.execution.executionTime.date.timeIntervalSince(clock.now()))) > deadline {
                // A delayed start (start delay, cron or retry backoff): no task will come in time.
                throw Self.workflowNotReady("Workflow task is not scheduled yet.")
            }
            if running && state.hasWorkflowTask && state.workflowTask.attempt >= Self.failQueryWorkflowTaskAttempt {
                throw Self.workflowNotReady("Unable to query workflow due to Workflow Task in failed state.")
            }
            let direct = Self.nothingAhead(state)
            let id = queries.register(key, query, buffered: !direct)
            logger.debug("query", metadata: [
                "workflow": "\(key)", "route": "\(direct ? "query task" : "with workflow task")",
            ])
            if direct { await dispatchQueryTask(id, key, query, state) }
            return id
        }
    }

    /// After a commit: buffered queries of a run that has nothing more to deliver to a worker go
    /// out as query tasks. Called under the run's lock.
    func releaseBufferedQueries(_ key: WorkflowKey, _ state: WorkflowState) async {
        guard queries.hasBuffered(key) else { return }
        if Self.closedBeforeFirstTask(state) {
            for (id, _) in queries.unblock(key) { queries.fail(id, Self.closedBeforeFirstTaskError) }
            return
        }
        guard Self.nothingAhead(state) else { return }
        for (id, query) in queries.unblock(key) {
            await dispatchQueryTask(id, key, query, state)
        }
    }

    /// Queues a query task: on the sticky queue of the worker holding the run (without history),
    /// falling back to the normal queue (full history) if that worker does not take it in time.
    private func dispatchQueryTask(_ id: String, _ key: WorkflowKey, _ query: WorkflowQuery, _ state: WorkflowState) async {
        let running = state.execution.status == .running
        let sticky = running && !state.execution.stickyTaskQueue.isEmpty
            && !matching.isStickyQueueDead(state.execution.stickyTaskQueue)
        let queueName = sticky ? state.execution.stickyTaskQueue : state.execution.taskQueue
        let task = QueryTask(id: id, key: key, query: query, sticky: sticky)
        let build = await matching.deployments.targetBuild(
            namespaceID: key.namespaceID, taskQueue: state.execution.taskQueue, type: .workflow
        ) { state }
        let normalQueue = matching.queue(
            .init(namespaceID: key.namespaceID, name: state.execution.taskQueue, type: .workflow, buildID: build))
        let queue = sticky ? matching.queue(.init(namespaceID: key.namespaceID, name: queueName, type: .workflow)) : normalQueue
        await queue.add(.query(task))
        guard sticky else { return }
        let fallback = state.execution.stickyScheduleToStartTimeout.isPositive
            ? state.execution.stickyScheduleToStartTimeout.duration : .seconds(10)
        Task {
            // The sticky worker did not take it in time: any worker can answer from full history.
            try? await Task.sleep(for: fallback)
            let moved = await queue.remove { if case .query(let q) = $0 { q.id == id } else { false } }
            guard !moved.isEmpty else { return }
            var normal = task
            normal.sticky = false
            await normalQueue.add(.query(normal))
        }
    }

    /// A query may go out as a query task: a task has completed, and the run is closed or has no
    /// workflow task scheduled or running that could carry events the query must see.
    static func nothingAhead(_ state: WorkflowState) -> Bool {
        state.execution.lastCompletedTaskStartedEventID > 0
            && (state.execution.status != .running || !state.hasWorkflowTask)
    }

    /// No worker ever ran the run's code, and none will: queries cannot be answered.
    static func closedBeforeFirstTask(_ state: WorkflowState) -> Bool {
        state.execution.status != .running && state.execution.lastCompletedTaskStartedEventID == 0
    }

    static let closedBeforeFirstTaskError = workflowNotReady("Workflow execution closed before WorkflowTaskStarted event")

    static func workflowNotReady(_ message: String) -> TernError {
        TernError(.failedPrecondition, message, detail: Temporal_Api_Errordetails_V1_WorkflowNotReadyFailure())
    }
}
