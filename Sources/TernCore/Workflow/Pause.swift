import Foundation
import TernAPI

/// PauseWorkflowExecution and UnpauseWorkflowExecution, as Temporal has them: a paused run stays
/// open and keeps recording what happens to it (signals, fired timers, finished activities,
/// cancel requests), but gets no workflow task and starts no activity until it is unpaused.
extension WorkflowMachine {
    public var isPaused: Bool { state.execution.paused }

    public static let workflowPaused = TernError(.failedPrecondition, "Workflow is paused. Cannot update the workflow.")

    public mutating func pause(identity: String, reason: String, requestID: String) throws(TernError) {
        guard isRunning else { throw Self.workflowCompleted }
        if isPaused {
            if !requestID.isEmpty, requestID == state.execution.pauseRequestID { return }
            throw TernError(.failedPrecondition, "workflow is already paused.")
        }
        // A task no worker has started yet is withdrawn; one in a worker's hands may still complete.
        if state.hasWorkflowTask, state.workflowTask.startedEventID == 0 {
            let task = state.workflowTask
            if !task.speculative {
                append(.workflowTaskFailed) { event in
                    event.workflowTaskFailedEventAttributes = .with {
                        $0.scheduledEventID = task.scheduledEventID
                        $0.cause = .workflowPauseRequestedBeforeTaskStarted
                        $0.identity = "history-service"
                    }
                }
            }
            state.clearWorkflowTask()
            state.execution.workflowTaskAttempt = 1
        }
        appendOrBuffer(.workflowExecutionPaused) { event in
            // SDKs that do not know the event skip it, as Temporal marks it.
            event.workerMayIgnore = true
            event.workflowExecutionPausedEventAttributes = .with {
                $0.identity = identity
                $0.reason = reason
                $0.requestID = requestID
            }
        }
        state.execution.paused = true
        state.execution.pauseRequestID = requestID
        state.execution.pauseInfo = .with {
            $0.identity = identity
            $0.reason = reason
            $0.pausedTime = now.timestamp
        }
        // Temporal's TemporalPauseInfo attribute, so that paused workflows can be found.
        let entries = ["Workflow:\(state.execution.workflowID)"] + (reason.isEmpty ? [] : ["Reason:\(reason)"])
        let json = (try? JSONSerialization.data(withJSONObject: entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        state.execution.searchAttributes.indexedFields[Self.pauseInfoAttribute] =
            SearchAttributeRules.payload(json: json, type: .keywordList)
    }

    static let pauseInfoAttribute = "TemporalPauseInfo"

    public mutating func unpause(identity: String, reason: String, requestID: String) throws(TernError) {
        guard isRunning else { throw Self.workflowCompleted }
        guard isPaused else { throw TernError(.failedPrecondition, "workflow is not paused.") }
        appendOrBuffer(.workflowExecutionUnpaused) { event in
            event.workerMayIgnore = true
            event.workflowExecutionUnpausedEventAttributes = .with {
                $0.identity = identity
                $0.reason = reason
                $0.requestID = requestID
            }
        }
        state.execution.paused = false
        state.execution.pauseRequestID = ""
        state.execution.clearPauseInfo()
        state.execution.searchAttributes.indexedFields.removeValue(forKey: Self.pauseInfoAttribute)
        if state.execution.searchAttributes.indexedFields.isEmpty { state.execution.clearSearchAttributes() }
        // Activities whose attempt came due while paused were refused to workers: queue them
        // again (one still backing off is queued by its retry timer).
        for info in state.activities.values.sorted(by: { $0.scheduledEventID < $1.scheduledEventID })
        where !info.started && !info.paused && info.currentAttemptScheduledTime.date <= now {
            dispatchActivity(info)
        }
        // As on Temporal, unpausing always gives the workflow a task.
        scheduleWorkflowTaskIfNeeded()
    }
}

extension Tern_Internal_V1_ExecutionInfo {
    /// The status clients see: PAUSED for an open run that is paused.
    public var visibleStatus: WorkflowStatus {
        status == .running && paused ? .paused : status
    }
}
