import Foundation
import SwiftProtobuf
import TernAPI

public typealias ResetReapplyExcludeType = Temporal_Api_Enums_V1_ResetReapplyExcludeType

/// Reset: a new run of the same workflow id whose history is a copy of an old run's history up
/// to a workflow task, that task failed with cause RESET_WORKFLOW, and the signals and updates
/// the old run received after that point re-applied. The new run's mutable state is rebuilt
/// from the copied events, so everything pending at that point (activities, timers, children)
/// is pending again.
extension WorkflowMachine {
    /// The last event to copy for a reset to `eventID`: the STARTED event of the workflow task
    /// that event finished. INVALID_ARGUMENT when `eventID` does not end a workflow task.
    public static func resetPoint(_ events: [HistoryEvent], finishEventID eventID: Int64) throws(TernError) -> Int64 {
        guard let event = events.first(where: { $0.eventID == eventID }) else {
            throw .invalidArgument("Reset point \(eventID) is not an event of this run.")
        }
        switch event.attributes {
        case .workflowTaskCompletedEventAttributes(let a): return a.startedEventID
        case .workflowTaskFailedEventAttributes(let a): return a.startedEventID
        case .workflowTaskTimedOutEventAttributes(let a) where a.startedEventID > 0: return a.startedEventID
        case .workflowTaskStartedEventAttributes: return eventID
        default:
            throw .invalidArgument(
                "Reset point \(eventID) is a \(event.eventType) event; reset needs a WORKFLOW_TASK_COMPLETED, FAILED, TIMED_OUT or STARTED event.")
        }
    }

    /// The new run of a reset. `base` is the old run's state, `history` its whole history.
    public static func reset(
        base: WorkflowState, history: [HistoryEvent], finishEventID: Int64, newRunID: String, reason: String,
        requestID: String, exclude: Set<ResetReapplyExcludeType>, now: Date
    ) throws(TernError) -> WorkflowMachine {
        let lastCopied = try resetPoint(history, finishEventID: finishEventID)
        let copied = history.filter { $0.eventID <= lastCopied }
        guard let started = copied.last, started.eventType == .workflowTaskStarted else {
            throw .invalidArgument("Reset point \(finishEventID) does not follow a started workflow task.")
        }
        var machine = WorkflowMachine(state: rebuild(base: base, copied, newRunID: newRunID, requestID: requestID), now: now)
        machine.newEvents = copied  // the new run's history starts as a copy
        let scheduledID = started.workflowTaskStartedEventAttributes.scheduledEventID
        let baseRunID = base.execution.runID
        machine.append(.workflowTaskFailed) { event in
            event.workflowTaskFailedEventAttributes = .with {
                $0.scheduledEventID = scheduledID
                $0.startedEventID = started.eventID
                $0.cause = .resetWorkflow
                $0.failure = .with {
                    $0.message = reason
                    $0.resetWorkflowFailureInfo = .init()
                }
                $0.identity = "history-service"
                $0.baseRunID = baseRunID
                $0.newRunID = newRunID
            }
        }
        for event in history where event.eventID > lastCopied {
            machine.reapply(event, exclude: exclude)
        }
        machine.rearmPendingWork()
        machine.scheduleWorkflowTaskIfNeeded()
        return machine
    }

    /// Writes again what the old run received from outside after the reset point.
    private mutating func reapply(_ event: HistoryEvent, exclude: Set<ResetReapplyExcludeType>) {
        switch event.attributes {
        case .workflowExecutionSignaledEventAttributes(let a) where !exclude.contains(.signal):
            append(.workflowExecutionSignaled) { $0.workflowExecutionSignaledEventAttributes = a }
            rememberSignalRequest(a.requestID)
        case .workflowExecutionUpdateAcceptedEventAttributes(let a) where !exclude.contains(.update):
            admitDurably(a.acceptedRequest)
        case .workflowExecutionUpdateAdmittedEventAttributes(let a) where !exclude.contains(.update):
            admitDurably(a.request)
        default:
            break
        }
    }

    /// An update admitted through history (UPDATE_ADMITTED): the worker reads it from the event,
    /// so it is never sent again as a message.
    private mutating func admitDurably(_ request: UpdateRequest) {
        let id = request.meta.updateID
        guard state.updates[id] == nil else { return }
        let eventID = append(.workflowExecutionUpdateAdmitted) { event in
            event.workflowExecutionUpdateAdmittedEventAttributes = .with {
                $0.request = request
                $0.origin = .reapply
            }
        }
        state.lastUpdateSequence += 1
        let sequence = state.lastUpdateSequence
        state.updates[id] = .with {
            $0.updateID = id
            $0.stage = .admitted
            $0.sequence = sequence
            $0.admittedEventID = eventID
            $0.requestMessage = .with {
                $0.id = "\(id)/request"
                $0.protocolInstanceID = id
                $0.body = (try? Google_Protobuf_Any(message: request)) ?? Google_Protobuf_Any()
            }
        }
    }

    /// Hands everything pending at the reset point to the task queues and timers again.
    private mutating func rearmPendingWork() {
        for info in state.activities.values.sorted(by: { $0.scheduledEventID < $1.scheduledEventID }) {
            dispatchActivity(info)
            if info.scheduleToCloseTimeout.isPositive {
                addTimer(.activityTimeout, at: info.scheduledTime.date.addingTimeInterval(info.scheduleToCloseTimeout.timeInterval)) {
                    $0.eventID = info.scheduledEventID
                    $0.timeoutType = .scheduleToClose
                }
            }
        }
        for timer in state.timers.values {
            addTimer(.userTimer, at: timer.expiryTime.date) {
                $0.timerID = timer.timerID
                $0.eventID = timer.startedEventID
            }
        }
        for child in state.children.values where child.startedEventID == 0 {
            transferTasks.append(.with { $0.kind = .startChild; $0.scheduledEventID = child.initiatedEventID })
        }
        for request in state.externalRequests.values {
            transferTasks.append(.with {
                $0.kind = request.kind == .signal ? .signalExternal : .cancelExternal
                $0.scheduledEventID = request.initiatedEventID
            })
        }
        let e = state.execution
        if e.hasRunExpirationTime { addTimer(.workflowRunTimeout, at: e.runExpirationTime.date) }
        if e.hasExecutionExpirationTime { addTimer(.workflowExecutionTimeout, at: e.executionExpirationTime.date) }
    }

    /// Mutable state of a run whose history is `events`, for a new run `newRunID`.
    static func rebuild(base: WorkflowState, _ events: [HistoryEvent], newRunID: String, requestID: String) -> WorkflowState {
        var state = WorkflowState()
        var e = base.execution
        e.runID = newRunID
        e.status = .running
        e.completionEventID = 0
        e.newExecutionRunID = ""
        e.stateTransitionCount = 0
        e.cancelRequested = false
        e.paused = false
        e.pauseRequestID = ""
        e.clearPauseInfo()
        e.stickyTaskQueue = ""
        e.clearStickyScheduleToStartTimeout()
        e.workflowTaskAttempt = 1
        e.firstTaskScheduled = true
        e.startRequestID = requestID
        e.historySizeBytes = 0
        e.lastCompletedTaskStartedEventID = 0
        e.clearCloseTime()
        state.execution = e
        for event in events {
            state.execution.historySizeBytes += Int64((try? event.serializedBytes() as [UInt8])?.count ?? 0)
            state.lastTaskID = max(state.lastTaskID, event.taskID)
            apply(event, to: &state)
        }
        state.nextEventID = (events.last?.eventID ?? 0) + 1
        state.clearWorkflowTask()
        return state
    }

    private static func apply(_ event: HistoryEvent, to state: inout WorkflowState) {
        let id = event.eventID
        switch event.attributes {
        case .workflowExecutionStartedEventAttributes(let a):
            if a.hasMemo { state.execution.memo = a.memo } else { state.execution.clearMemo() }
            if a.hasSearchAttributes { state.execution.searchAttributes = a.searchAttributes } else { state.execution.clearSearchAttributes() }
        case .workflowTaskCompletedEventAttributes(let a):
            state.execution.lastCompletedTaskStartedEventID = a.startedEventID
        case .activityTaskScheduledEventAttributes(let a):
            state.activities[id] = .with {
                $0.scheduledEventID = id
                $0.activityID = a.activityID
                $0.activityType = a.activityType.name
                $0.taskQueue = a.taskQueue.name
                if a.hasInput { $0.input = a.input }
                if a.hasHeader { $0.header = a.header }
                $0.scheduledTime = event.eventTime
                $0.currentAttemptScheduledTime = event.eventTime
                $0.attempt = 1
                $0.scheduleToStartTimeout = a.scheduleToStartTimeout
                $0.scheduleToCloseTimeout = a.scheduleToCloseTimeout
                $0.startToCloseTimeout = a.startToCloseTimeout
                $0.heartbeatTimeout = a.heartbeatTimeout
                $0.retryPolicy = a.retryPolicy
                if a.hasPriority { $0.priority = a.priority }
            }
        case .activityTaskCancelRequestedEventAttributes(let a):
            state.activities[a.scheduledEventID]?.cancelRequested = true
            state.activities[a.scheduledEventID]?.cancelRequestedEventID = id
        case .activityTaskCompletedEventAttributes(let a): state.activities[a.scheduledEventID] = nil
        case .activityTaskFailedEventAttributes(let a): state.activities[a.scheduledEventID] = nil
        case .activityTaskTimedOutEventAttributes(let a): state.activities[a.scheduledEventID] = nil
        case .activityTaskCanceledEventAttributes(let a): state.activities[a.scheduledEventID] = nil
        case .timerStartedEventAttributes(let a):
            state.timers[a.timerID] = .with {
                $0.timerID = a.timerID
                $0.startedEventID = id
                $0.expiryTime = event.eventTime.date.addingTimeInterval(a.startToFireTimeout.timeInterval).timestamp
            }
        case .timerFiredEventAttributes(let a): state.timers[a.timerID] = nil
        case .timerCanceledEventAttributes(let a): state.timers[a.timerID] = nil
        case .startChildWorkflowExecutionInitiatedEventAttributes(let a):
            state.children[id] = .with {
                $0.initiatedEventID = id
                $0.namespace = a.namespace
                $0.attributes = .with {
                    $0.namespace = a.namespace
                    $0.workflowID = a.workflowID
                    $0.workflowType = a.workflowType
                    $0.taskQueue = a.taskQueue
                    if a.hasInput { $0.input = a.input }
                    $0.workflowExecutionTimeout = a.workflowExecutionTimeout
                    $0.workflowRunTimeout = a.workflowRunTimeout
                    $0.workflowTaskTimeout = a.workflowTaskTimeout
                    $0.parentClosePolicy = a.parentClosePolicy
                    $0.control = a.control
                    $0.workflowIDReusePolicy = a.workflowIDReusePolicy
                    if a.hasRetryPolicy { $0.retryPolicy = a.retryPolicy }
                    $0.cronSchedule = a.cronSchedule
                    if a.hasHeader { $0.header = a.header }
                    if a.hasMemo { $0.memo = a.memo }
                    if a.hasSearchAttributes { $0.searchAttributes = a.searchAttributes }
                }
            }
        case .childWorkflowExecutionStartedEventAttributes(let a):
            state.children[a.initiatedEventID]?.startedEventID = id
            state.children[a.initiatedEventID]?.runID = a.workflowExecution.runID
            state.children[a.initiatedEventID]?.namespaceID = a.namespaceID
        case .startChildWorkflowExecutionFailedEventAttributes(let a): state.children[a.initiatedEventID] = nil
        case .childWorkflowExecutionCompletedEventAttributes(let a): state.children[a.initiatedEventID] = nil
        case .childWorkflowExecutionFailedEventAttributes(let a): state.children[a.initiatedEventID] = nil
        case .childWorkflowExecutionCanceledEventAttributes(let a): state.children[a.initiatedEventID] = nil
        case .childWorkflowExecutionTimedOutEventAttributes(let a): state.children[a.initiatedEventID] = nil
        case .childWorkflowExecutionTerminatedEventAttributes(let a): state.children[a.initiatedEventID] = nil
        case .signalExternalWorkflowExecutionInitiatedEventAttributes(let a):
            state.externalRequests[id] = .with {
                $0.kind = .signal
                $0.initiatedEventID = id
                $0.namespace = a.namespace
                $0.target = a.workflowExecution
                $0.childWorkflowOnly = a.childWorkflowOnly
                $0.signalName = a.signalName
                if a.hasInput { $0.input = a.input }
                if a.hasHeader { $0.header = a.header }
                $0.control = a.control
            }
        case .requestCancelExternalWorkflowExecutionInitiatedEventAttributes(let a):
            state.externalRequests[id] = .with {
                $0.kind = .cancel
                $0.initiatedEventID = id
                $0.namespace = a.namespace
                $0.target = a.workflowExecution
                $0.childWorkflowOnly = a.childWorkflowOnly
                $0.control = a.control
                $0.reason = a.reason
            }
        case .externalWorkflowExecutionSignaledEventAttributes(let a): state.externalRequests[a.initiatedEventID] = nil
        case .signalExternalWorkflowExecutionFailedEventAttributes(let a): state.externalRequests[a.initiatedEventID] = nil
        case .externalWorkflowExecutionCancelRequestedEventAttributes(let a): state.externalRequests[a.initiatedEventID] = nil
        case .requestCancelExternalWorkflowExecutionFailedEventAttributes(let a): state.externalRequests[a.initiatedEventID] = nil
        case .workflowExecutionCancelRequestedEventAttributes:
            state.execution.cancelRequested = true
        case .workflowExecutionSignaledEventAttributes(let a):
            if !a.requestID.isEmpty { state.signalRequestIds.append(a.requestID) }
        case .upsertWorkflowSearchAttributesEventAttributes(let a):
            PayloadMaps.merge(a.searchAttributes.indexedFields, into: &state.execution.searchAttributes.indexedFields)
        case .workflowPropertiesModifiedEventAttributes(let a):
            PayloadMaps.merge(a.upsertedMemo.fields, into: &state.execution.memo.fields)
        case .workflowExecutionUpdateAcceptedEventAttributes(let a):
            state.updates[a.protocolInstanceID] = .with {
                $0.updateID = a.protocolInstanceID
                $0.stage = .accepted
                $0.acceptedEventID = id
            }
        case .workflowExecutionUpdateCompletedEventAttributes(let a):
            state.updates[a.meta.updateID]?.stage = .completed
            state.updates[a.meta.updateID]?.completedEventID = id
        default:
            break
        }
    }
}
