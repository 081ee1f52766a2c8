import Foundation
import TernAPI
import TernCore
import TernStore

extension HistoryEngine {
    /// ResetWorkflowExecution: starts the reset run and terminates the workflow id's running
    /// run, in one transaction. Returns the new run id; a repeated request id returns the run
    /// the first request created.
    func reset(_ request: Temporal_Api_Workflowservice_V1_ResetWorkflowExecutionRequest, namespaceID: String) async throws -> String {
        let key = try await resolve(
            namespaceID: namespaceID, workflowID: request.workflowExecution.workflowID, runID: request.workflowExecution.runID)
        if request.workflowTaskFinishEventID <= 0 {
            throw TernError.invalidArgument("WorkflowTaskFinishEventId must be the id of a workflow task event.")
        }
        let exclude = Set(request.resetReapplyExcludeTypes)
            .union(request.resetReapplyType == .none ? [.signal, .update] : [])
        let requestID = request.requestID.isEmpty ? UUID().uuidString.lowercased() : request.requestID
        let idKey = WorkflowKey(namespaceID: namespaceID, workflowID: key.workflowID, runID: "")
        return try await locks.withLock(idKey) {
            for _ in 0..<5 {
                guard let current = try await store.currentExecution(namespaceID: namespaceID, workflowID: key.workflowID)
                else { throw WorkflowMachine.notFound("Workflow not found for ID: \(key.workflowID)") }
                if current.startRequestID == requestID { return current.runID }
                let base = try await load(key)
                let history = try await historyEvents(key, from: 1, through: nil)
                let newRunID = RunIDs.make()
                var next = try WorkflowMachine.reset(
                    base: base.state, history: history, finishEventID: request.workflowTaskFinishEventID,
                    newRunID: newRunID, reason: request.reason, requestID: requestID, exclude: exclude, now: clock.now())
                next.countTransition()
                let newKey = WorkflowKey(namespaceID: namespaceID, workflowID: key.workflowID, runID: newRunID)
                var changes: [WorkflowChange] = []
                if current.status == .running {
                    let currentKey = WorkflowKey(namespaceID: namespaceID, workflowID: key.workflowID, runID: current.runID)
                    let stored = try await load(currentKey)
                    var machine = WorkflowMachine(state: stored.state, now: clock.now(), limits: limits)
                    try machine.terminate(reason: request.reason, details: nil, identity: "history-resetter")
                    machine.countTransition()
                    changes.append(WorkflowChange(
                        key: currentKey, condition: .version(stored.version), state: machine.state,
                        newEvents: machine.newEvents, transferTasks: machine.transferTasks, timerTasks: machine.timerTasks,
                        previousActivities: stored.state.activities))
                }
                changes.append(WorkflowChange(
                    key: newKey, condition: .newRun(previousCurrentRunID: current.runID), state: next.state,
                    newEvents: next.newEvents, transferTasks: next.transferTasks, timerTasks: next.timerTasks,
                    searchAttributeValues: await indexedSearchAttributes(next.state)))
                do {
                    let committed = try await commit(changes)
                    for (change, done) in zip(changes, committed) { await published(change, done) }
                    return newRunID
                } catch StoreError.conditionFailed {
                    cache.remove(WorkflowKey(namespaceID: namespaceID, workflowID: key.workflowID, runID: current.runID))
                }
            }
            throw TernError(.unavailable, "Workflow \(key.workflowID) is changing too fast to reset; retry.")
        }
    }
}
