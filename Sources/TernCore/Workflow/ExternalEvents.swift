import Foundation
import SwiftProtobuf
import TernAPI

/// Changes that come from outside the workflow's own code: signals, cancel requests,
/// termination, timers and timeouts.
extension WorkflowMachine {
    /// How many signal request ids a run remembers for deduplication.
    static let rememberedSignalRequests = 200

    mutating func rememberSignalRequest(_ requestID: String) {
        guard !requestID.isEmpty else { return }
        state.signalRequestIds.append(requestID)
        if state.signalRequestIds.count > Self.rememberedSignalRequests {
            state.signalRequestIds.removeFirst(state.signalRequestIds.count - Self.rememberedSignalRequests)
        }
    }

    /// `source` names the workflow that sent the signal with a SignalExternalWorkflowExecution command.
    public mutating func signal(
        name: String, input: Temporal_Api_Common_V1_Payloads?, header: Temporal_Api_Common_V1_Header?,
        identity: String, requestID: String, source: WorkflowExecution? = nil
    ) throws(TernError) {
        guard isRunning else { throw Self.workflowCompleted }
        if !requestID.isEmpty, state.signalRequestIds.contains(requestID) { return }
        appendOrBuffer(.workflowExecutionSignaled) { event in
            event.workflowExecutionSignaledEventAttributes = .with {
                $0.signalName = name
                if let input { $0.input = input }
                if let header { $0.header = header }
                $0.identity = identity
                $0.requestID = requestID
                if let source { $0.externalWorkflowExecution = source }
            }
        }
        rememberSignalRequest(requestID)
        scheduleWorkflowTaskIfNeeded()
    }

    /// `source` names the workflow (and its initiated event) that asked with a
    /// RequestCancelExternalWorkflowExecution command.
    /// A request naming a chain by its first run reaches only a run of that chain (Temporal's wording).
    public func checkFirstExecutionRunID(_ firstRunID: String) throws(TernError) {
        if !firstRunID.isEmpty, state.execution.firstExecutionRunID != firstRunID {
            throw Self.notFound("workflow execution not found")
        }
    }

    public mutating func requestCancel(
        reason: String, identity: String, requestID: String, source: (WorkflowExecution, initiatedEventID: Int64)? = nil
    ) throws(TernError) {
        // Asking a closed run to cancel succeeds and changes nothing, as on Temporal.
        guard isRunning else { return }
        if state.execution.cancelRequested { return }
        state.execution.cancelRequested = true
        state.execution.cancelRequestID = requestID
        appendOrBuffer(.workflowExecutionCancelRequested) { event in
            event.workflowExecutionCancelRequestedEventAttributes = .with {
                $0.cause = reason
                $0.identity = identity
                if let source {
                    $0.externalWorkflowExecution = source.0
                    $0.externalInitiatedEventID = source.initiatedEventID
                }
            }
        }
        scheduleWorkflowTaskIfNeeded()
    }

    public mutating func terminate(
        reason: String, details: Temporal_Api_Common_V1_Payloads?, identity: String
    ) throws(TernError) {
        guard isRunning else { throw Self.workflowCompleted }
        failWorkflowTaskInFlightForForcedClose()
        close(.terminated, .workflowExecutionTerminated) { event in
            event.workflowExecutionTerminatedEventAttributes = .with {
                $0.reason = reason
                if let details { $0.details = details }
                $0.identity = identity
            }
        }
    }

    /// A durable timer fired; the timer names what it is for, and this re-checks that it still applies.
    public mutating func timerFired(_ timer: TimerTask) {
        guard isRunning else { return }
        switch timer.kind {
        case .userTimer:
            guard let info = state.timers[timer.timerID], info.startedEventID == timer.eventID else { return }
            state.timers.removeValue(forKey: timer.timerID)
            appendOrBuffer(.timerFired) { event in
                event.timerFiredEventAttributes = .with {
                    $0.timerID = timer.timerID
                    $0.startedEventID = info.startedEventID
                }
            }
            scheduleWorkflowTaskIfNeeded()
        case .activityTimeout:
            activityTimedOut(timer)
        case .activityRetry:
            activityRetryDue(scheduledEventID: timer.eventID, attempt: timer.attempt)
        case .workflowTaskTimeout, .stickyScheduleToStart:
            workflowTaskTimerFired(timer)
        case .workflowRunTimeout, .workflowExecutionTimeout:
            let expiry = timer.kind == .workflowRunTimeout
                ? state.execution.runExpirationTime : state.execution.executionExpirationTime
            guard now >= expiry.date else {
                // Fired a moment early (clock granularity): wait for the real deadline.
                addTimer(timer.kind, at: expiry.date)
                return
            }
            failWorkflowTaskInFlightForForcedClose()
            // A run timeout may be retried (or continue on the cron schedule); the execution
            // timeout ends the whole chain.
            var next: String?
            var retryState = RetryState.timeout
            if timer.kind == .workflowRunTimeout {
                var failure = Failure()
                failure.message = "workflow timeout"
                failure.timeoutFailureInfo = .with { $0.timeoutType = .startToClose }
                (next, retryState) = continuationAfterFailure(failure)
                if next == nil || retryState != .inProgress { retryState = .timeout }
            }
            close(.timedOut, .workflowExecutionTimedOut, continuing: next != nil) { event in
                event.workflowExecutionTimedOutEventAttributes = .with {
                    $0.retryState = retryState
                    $0.newExecutionRunID = next ?? ""
                }
            }
        case .workflowStartBackoff:
            startBackoffElapsed()
        case .deleteHistory:
            return  // handled by the engine, which deletes the closed run
        case .unspecified, .UNRECOGNIZED:
            return
        }
    }
}
