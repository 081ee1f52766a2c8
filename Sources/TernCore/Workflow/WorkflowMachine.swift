import Foundation
import SwiftProtobuf
import TernAPI

public typealias HistoryEvent = Temporal_Api_History_V1_HistoryEvent
public typealias EventType = Temporal_Api_Enums_V1_EventType
public typealias WorkflowState = Tern_Internal_V1_WorkflowState
public typealias TransferTask = Tern_Internal_V1_TransferTask
public typealias TimerTask = Tern_Internal_V1_TimerTask
public typealias TaskToken = Tern_Internal_V1_TaskToken
public typealias WorkflowStatus = Temporal_Api_Enums_V1_WorkflowExecutionStatus
public typealias WorkflowTaskFailedCause = Temporal_Api_Enums_V1_WorkflowTaskFailedCause

/// One change to one workflow run, computed without I/O.
///
/// Start from the stored state, call one operation (`start`, `recordWorkflowTaskStarted`,
/// `completeWorkflowTask`, `signal`, `timerFired`, …), then persist `state`, `newEvents`,
/// `transferTasks` and `timerTasks` in one transaction. Operations re-check the state, so a
/// duplicate or stale task is refused (`NOT_FOUND`) or ignored, never applied twice.
public struct WorkflowMachine: Sendable {
    public internal(set) var state: WorkflowState
    /// Events this change appends to history, ids `state.nextEventID - newEvents.count ..<`.
    public internal(set) var newEvents: [HistoryEvent] = []
    /// Tasks for the task queues this change creates (the outbox).
    public internal(set) var transferTasks: [TransferTask] = []
    /// Durable timers this change arms.
    public internal(set) var timerTasks: [TimerTask] = []
    /// The next run of the chain, when this change closed the run by continuing it.
    public internal(set) var newRun: NewRun?
    /// Updates the worker rejected in this change (they leave nothing in state or history).
    public internal(set) var rejectedUpdates: [RejectedUpdate] = []
    public internal(set) var updatesEndedByClose: [EndedUpdate] = []
    /// The user metadata (summary, details) of the command being applied: its first event carries it.
    var commandUserMetadata: Temporal_Api_Sdk_V1_UserMetadata?
    public let now: Date
    public var limits: Limits

    public init(state: WorkflowState, now: Date, limits: Limits = Limits()) {
        self.state = state
        self.now = now
        self.limits = limits
    }

    public var execution: Tern_Internal_V1_ExecutionInfo { state.execution }
    public var isRunning: Bool { state.execution.status == .running }
    public var hasChanges: Bool { !newEvents.isEmpty || !transferTasks.isEmpty || !timerTasks.isEmpty }

    /// Counts this change as one state transition (reported by describe and visibility).
    public mutating func countTransition() {
        state.execution.stateTransitionCount += 1
    }

    var workflowTaskStarted: Bool { state.hasWorkflowTask && state.workflowTask.startedEventID > 0 }

    // MARK: Appending events

    /// Appends an event now, stamping id, time and task id.
    @discardableResult
    mutating func append(_ type: EventType, _ build: (inout HistoryEvent) -> Void) -> Int64 {
        append(event(type, build))
    }

    /// An event of `type` at the current time, without id (stamped when it is appended).
    func event(_ type: EventType, _ build: (inout HistoryEvent) -> Void) -> HistoryEvent {
        var event = HistoryEvent()
        event.eventType = type
        event.eventTime = now.timestamp
        build(&event)
        return event
    }

    @discardableResult
    mutating func append(_ prepared: HistoryEvent) -> Int64 {
        // Anything written next to a speculative workflow task makes that task real.
        materializeSpeculativeTask()
        var event = prepared
        if let metadata = commandUserMetadata {
            event.userMetadata = metadata
            commandUserMetadata = nil
        }
        event.eventID = state.nextEventID
        state.lastTaskID += 1
        event.taskID = state.lastTaskID
        state.nextEventID += 1
        state.execution.historySizeBytes += Int64((try? event.serializedBytes() as [UInt8])?.count ?? 0)
        newEvents.append(event)
        return event.eventID
    }

    /// Appends an event the workflow must react to. While a workflow task is running the event
    /// is held back and written after that task's outcome, so the worker never sees history
    /// change under a task it is executing. Returns the event id, or 0 when buffered.
    @discardableResult
    mutating func appendOrBuffer(_ type: EventType, _ build: (inout HistoryEvent) -> Void) -> Int64 {
        let event = event(type, build)
        if workflowTaskStarted {
            state.bufferedEvents.append(event)
            return 0
        }
        return append(event)
    }

    /// Writes the buffered events, fixing up the references from an activity's outcome to its
    /// STARTED event (both were buffered without ids).
    mutating func flushBufferedEvents() {
        let buffered = state.bufferedEvents
        state.bufferedEvents = []
        var startedIDs: [Int64: Int64] = [:]
        var childStartedIDs: [Int64: Int64] = [:]
        for var event in buffered {
            switch event.attributes {
            case .activityTaskCompletedEventAttributes(var a):
                a.startedEventID = startedIDs[a.scheduledEventID] ?? a.startedEventID
                event.activityTaskCompletedEventAttributes = a
            case .activityTaskFailedEventAttributes(var a):
                a.startedEventID = startedIDs[a.scheduledEventID] ?? a.startedEventID
                event.activityTaskFailedEventAttributes = a
            case .activityTaskTimedOutEventAttributes(var a):
                a.startedEventID = startedIDs[a.scheduledEventID] ?? a.startedEventID
                event.activityTaskTimedOutEventAttributes = a
            case .activityTaskCanceledEventAttributes(var a):
                a.startedEventID = startedIDs[a.scheduledEventID] ?? a.startedEventID
                event.activityTaskCanceledEventAttributes = a
            case .childWorkflowExecutionCompletedEventAttributes(var a):
                a.startedEventID = childStartedIDs[a.initiatedEventID] ?? a.startedEventID
                event.childWorkflowExecutionCompletedEventAttributes = a
            case .childWorkflowExecutionFailedEventAttributes(var a):
                a.startedEventID = childStartedIDs[a.initiatedEventID] ?? a.startedEventID
                event.childWorkflowExecutionFailedEventAttributes = a
            case .childWorkflowExecutionCanceledEventAttributes(var a):
                a.startedEventID = childStartedIDs[a.initiatedEventID] ?? a.startedEventID
                event.childWorkflowExecutionCanceledEventAttributes = a
            case .childWorkflowExecutionTimedOutEventAttributes(var a):
                a.startedEventID = childStartedIDs[a.initiatedEventID] ?? a.startedEventID
                event.childWorkflowExecutionTimedOutEventAttributes = a
            case .childWorkflowExecutionTerminatedEventAttributes(var a):
                a.startedEventID = childStartedIDs[a.initiatedEventID] ?? a.startedEventID
                event.childWorkflowExecutionTerminatedEventAttributes = a
            default:
                break
            }
            let id = append(event)
            switch event.attributes {
            case .activityTaskStartedEventAttributes(let a):
                startedIDs[a.scheduledEventID] = id
            case .childWorkflowExecutionStartedEventAttributes(let a):
                childStartedIDs[a.initiatedEventID] = id
                state.children[a.initiatedEventID]?.startedEventID = id
            default:
                break
            }
        }
    }

    // MARK: Workflow tasks

    /// Schedules a workflow task if the run is open, none is pending and the start delay is over.
    /// A speculative task (for an update) and a retry of a failed task (transient, as Temporal
    /// calls it) keep their events out of history until an outcome needs them.
    mutating func scheduleWorkflowTaskIfNeeded(speculative requested: Bool = false) {
        guard isRunning, !isPaused, !state.hasWorkflowTask, state.execution.firstTaskScheduled else { return }
        let sticky = !state.execution.stickyTaskQueue.isEmpty
        let queue = sticky ? state.execution.stickyTaskQueue : state.execution.taskQueue
        let attempt = max(1, state.execution.workflowTaskAttempt)
        let timeout = Self.workflowTaskTimeout(state.execution.taskTimeout, attempt: attempt)
        let normalQueue = state.execution.taskQueue
        let speculative = requested || attempt > 1
        let scheduled = event(.workflowTaskScheduled) { event in
            event.workflowTaskScheduledEventAttributes = .with {
                $0.taskQueue = .with {
                    $0.name = queue
                    $0.kind = sticky ? .sticky : .normal
                    if sticky { $0.normalName = normalQueue }
                }
                $0.startToCloseTimeout = timeout
                $0.attempt = attempt
            }
        }
        var held = scheduled
        held.eventID = state.nextEventID
        let scheduledID = speculative ? held.eventID : append(scheduled)
        state.workflowTask = .with {
            $0.speculative = speculative
            if speculative { $0.speculativeEvents = [held] }
            $0.scheduledEventID = scheduledID
            $0.attempt = attempt
            $0.scheduledTime = now.timestamp
            $0.originalScheduledTime = now.timestamp
            $0.taskQueue = queue
            $0.sticky = sticky
            $0.startToCloseTimeout = timeout
        }
        transferTasks.append(.with {
            $0.kind = .workflowTask
            $0.taskQueue = queue
            $0.sticky = sticky
            $0.scheduledEventID = scheduledID
            $0.attempt = attempt
        })
        if sticky {
            addTimer(.stickyScheduleToStart, after: state.execution.stickyScheduleToStartTimeout) {
                $0.eventID = scheduledID
                $0.attempt = attempt
            }
        }
    }

    /// A task that keeps failing gets more time, as on Temporal: from the fourth attempt on its
    /// start-to-close timeout grows by 5 s, doubling with each attempt, up to 10 minutes more
    /// (a worker too slow for the timeout then catches up instead of timing out forever).
    static func workflowTaskTimeout(_ base: Google_Protobuf_Duration, attempt: Int32) -> Google_Protobuf_Duration {
        guard attempt > 3 else { return base }
        let extra = min(5 * pow(2, Double(min(attempt - 4, 30))), 600)
        return Google_Protobuf_Duration(rounding: base.timeInterval + extra)
    }

    /// What a poll that picked up a workflow task sees.
    public struct StartedWorkflowTask: Sendable, Equatable {
        public var scheduledEventID: Int64
        public var startedEventID: Int64
        public var attempt: Int32
        public var sticky: Bool
        public var previousStartedEventID: Int64
        public var scheduledTime: Google_Protobuf_Timestamp
        public var startedTime: Google_Protobuf_Timestamp
        /// Update requests the task carries.
        public var messages: [ProtocolMessage]
        /// A speculative task's SCHEDULED/STARTED events, which are not in stored history.
        public var speculativeEvents: [HistoryEvent]
    }

    /// A worker picked up the workflow task scheduled at `scheduledEventID`.
    /// Throws `NOT_FOUND` when that task is no longer pending (the poll should move on).
    /// `workerVersion` is the build of the worker that polled (SDKs read their build id from it);
    /// `routingTarget` where the deployment of the workflow's queue routes it now (nil: none).
    public mutating func recordWorkflowTaskStarted(
        scheduledEventID: Int64, requestID: String, identity: String,
        workerVersion: Temporal_Api_Common_V1_WorkerVersionStamp? = nil, routingTarget: DeploymentVersion? = nil
    ) throws(TernError) -> StartedWorkflowTask {
        guard isRunning, state.hasWorkflowTask, state.workflowTask.scheduledEventID == scheduledEventID,
              state.workflowTask.startedEventID == 0
        else { throw Self.workflowTaskNotFound }
        let historySize = state.execution.historySizeBytes
        let targetChanged = noteRoutingTarget(routingTarget)
        let startedEvent = event(.workflowTaskStarted) { event in
            event.workflowTaskStartedEventAttributes = .with {
                $0.scheduledEventID = scheduledEventID
                $0.identity = identity
                $0.requestID = requestID
                $0.historySizeBytes = historySize
                $0.suggestContinueAsNew = shouldSuggestContinueAsNew
                if let workerVersion { $0.workerVersion = workerVersion }
                $0.targetWorkerDeploymentVersionChanged = targetChanged
            }
        }
        let startedID: Int64
        if state.workflowTask.speculative {
            var held = startedEvent
            held.eventID = state.nextEventID + Int64(state.workflowTask.speculativeEvents.count)
            state.workflowTask.speculativeEvents.append(held)
            startedID = held.eventID
        } else {
            startedID = append(startedEvent)
        }
        state.workflowTask.startedEventID = startedID
        let messages = attachUpdates(startedEventID: startedID)
        state.workflowTask.startedTime = now.timestamp
        state.workflowTask.requestID = requestID
        state.workflowTask.identity = identity
        let task = state.workflowTask
        addTimer(.workflowTaskTimeout, after: task.startToCloseTimeout) {
            $0.eventID = scheduledEventID
            $0.attempt = task.attempt
            $0.timeoutType = .startToClose
        }
        return StartedWorkflowTask(
            scheduledEventID: scheduledEventID, startedEventID: startedID, attempt: task.attempt,
            sticky: task.sticky, previousStartedEventID: state.execution.lastCompletedTaskStartedEventID,
            scheduledTime: task.scheduledTime, startedTime: task.startedTime, messages: messages,
            speculativeEvents: task.speculativeEvents)
    }

    /// The task queue of the workflow task this change scheduled, if it may be handed to a worker
    /// at once (`startWorkflowTaskScheduledNow`): an ordinary task, not a speculative one whose
    /// events are held out of history until its outcome is known.
    public var queueOfWorkflowTaskScheduledNow: String? {
        guard state.hasWorkflowTask, !state.workflowTask.speculative, state.workflowTask.startedEventID == 0
        else { return nil }
        let scheduledID = state.workflowTask.scheduledEventID
        return transferTasks.first { $0.kind == .workflowTask && $0.scheduledEventID == scheduledID }?.taskQueue
    }

    /// Records the workflow task this change scheduled as started by a worker that is waiting for
    /// it, in the same change: the task then needs no outbox row (nor, on a sticky queue, the
    /// timer that would move it to the normal queue). Nil when there is no such task.
    ///
    /// Eager workflow start is this with the starter's own worker, for a run's first task; a start
    /// delay or cron backoff schedules none, so there is nothing to give.
    public mutating func startWorkflowTaskScheduledNow(
        requestID: String, identity: String, workerVersion: Temporal_Api_Common_V1_WorkerVersionStamp? = nil,
        routingTarget: DeploymentVersion? = nil
    ) -> StartedWorkflowTask? {
        guard queueOfWorkflowTaskScheduledNow != nil else { return nil }
        let scheduledID = state.workflowTask.scheduledEventID
        guard let started = try? recordWorkflowTaskStarted(
            scheduledEventID: scheduledID, requestID: requestID, identity: identity, workerVersion: workerVersion,
            routingTarget: routingTarget)
        else { return nil }
        transferTasks.removeAll { $0.kind == .workflowTask && $0.scheduledEventID == scheduledID }
        timerTasks.removeAll { $0.kind == .stickyScheduleToStart && $0.eventID == scheduledID }
        return started
    }

    /// The eagerly started first task, for a retried eager start to hand out again: only while
    /// it is still the first attempt and nothing has followed it (events 1–3 are all there is).
    public var eagerTaskToRepeat: StartedWorkflowTask? {
        let task = state.workflowTask
        guard isRunning, state.hasWorkflowTask, !task.speculative, task.startedEventID == 3, task.attempt == 1,
              state.nextEventID == 4
        else { return nil }
        return StartedWorkflowTask(
            scheduledEventID: task.scheduledEventID, startedEventID: task.startedEventID, attempt: task.attempt,
            sticky: false, previousStartedEventID: 0, scheduledTime: task.scheduledTime,
            startedTime: task.startedTime, messages: [], speculativeEvents: [])
    }

    /// Writes a speculative task's held events to history: it is an ordinary task from now on.
    mutating func materializeSpeculativeTask() {
        guard state.hasWorkflowTask, state.workflowTask.speculative else { return }
        let held = state.workflowTask.speculativeEvents
        state.workflowTask.speculative = false
        state.workflowTask.speculativeEvents = []
        for event in held { append(event) }
    }

    /// The running workflow task named by `token`, or `NOT_FOUND` as Temporal answers.
    func validateWorkflowTaskToken(_ token: TaskToken) throws(TernError) {
        guard isRunning else { throw Self.workflowTaskNotFound }
        guard state.hasWorkflowTask,
              state.workflowTask.scheduledEventID == token.scheduledEventID,
              state.workflowTask.startedEventID > 0,
              token.startedEventID == 0 || state.workflowTask.startedEventID == token.startedEventID,
              state.workflowTask.attempt == token.attempt
        else { throw Self.workflowTaskNotFound }
    }

    /// The worker reported the workflow task failed: record it and schedule the next attempt on
    /// the normal queue (with the full history, since the worker dropped its cached state).
    public mutating func failWorkflowTask(
        _ token: TaskToken, cause: WorkflowTaskFailedCause, failure: Failure?, identity: String
    ) throws(TernError) {
        try validateWorkflowTaskToken(token)
        recordWorkflowTaskFailure(cause: cause, failure: failure, identity: identity)
    }

    mutating func recordWorkflowTaskFailure(
        cause: WorkflowTaskFailedCause, failure: Failure?, identity: String, scheduleNext: Bool = true
    ) {
        let task = state.workflowTask
        if task.speculative && task.attempt > 1 {
            // A retry that failed again leaves no trace; only its attempt count moves on.
            state.workflowTask.speculative = false
            state.workflowTask.speculativeEvents = []
        } else {
            append(.workflowTaskFailed) { event in
                event.workflowTaskFailedEventAttributes = .with {
                    $0.scheduledEventID = task.scheduledEventID
                    $0.startedEventID = task.startedEventID
                    $0.cause = cause
                    if let failure { $0.failure = failure }
                    $0.identity = identity
                }
            }
        }
        state.clearWorkflowTask()
        // As in Temporal, a task failed because new events arrived is not a failed attempt.
        state.execution.workflowTaskAttempt = cause == .unhandledCommand || cause == .resetWorkflow ? 1 : task.attempt + 1
        clearStickiness()
        flushBufferedEvents()
        if scheduleNext { scheduleWorkflowTaskIfNeeded() }
    }

    /// A workflow-task timer fired: start-to-close of a running task, or schedule-to-start of a
    /// task waiting on a sticky queue whose worker is gone.
    public mutating func workflowTaskTimerFired(_ timer: TimerTask) {
        guard isRunning, state.hasWorkflowTask, state.workflowTask.scheduledEventID == timer.eventID,
              state.workflowTask.attempt == timer.attempt
        else { return }
        let task = state.workflowTask
        let transient = task.speculative && task.attempt > 1
        switch timer.kind {
        case .workflowTaskTimeout where task.startedEventID > 0 && transient:
            // A retry that timed out again leaves no trace; its held events go with it.
            state.workflowTask.speculativeEvents = []
            state.workflowTask.speculative = false
            state.execution.workflowTaskAttempt = task.attempt + 1
        case .workflowTaskTimeout where task.startedEventID > 0:
            append(.workflowTaskTimedOut) { event in
                event.workflowTaskTimedOutEventAttributes = .with {
                    $0.scheduledEventID = task.scheduledEventID
                    $0.startedEventID = task.startedEventID
                    $0.timeoutType = .startToClose
                }
            }
            state.execution.workflowTaskAttempt = task.attempt + 1
        case .stickyScheduleToStart where task.startedEventID == 0 && task.sticky:
            append(.workflowTaskTimedOut) { event in
                event.workflowTaskTimedOutEventAttributes = .with {
                    $0.scheduledEventID = task.scheduledEventID
                    $0.timeoutType = .scheduleToStart
                }
            }
        default:
            return
        }
        state.clearWorkflowTask()
        clearStickiness()
        flushBufferedEvents()
        scheduleWorkflowTaskIfNeeded()
    }

    /// Moves a workflow task waiting on a sticky queue to the normal queue at once
    /// (the sticky worker shut down).
    public mutating func abandonStickyQueue(_ name: String) {
        guard state.execution.stickyTaskQueue == name else { return }
        if state.hasWorkflowTask, state.workflowTask.sticky, state.workflowTask.startedEventID == 0 {
            workflowTaskTimerFired(.with {
                $0.kind = .stickyScheduleToStart
                $0.eventID = state.workflowTask.scheduledEventID
                $0.attempt = state.workflowTask.attempt
            })
        } else {
            clearStickiness()
        }
    }

    /// ResetStickyTaskQueue: the next workflow task goes to the normal queue with full history.
    public mutating func resetStickiness() {
        clearStickiness()
    }

    mutating func clearStickiness() {
        state.execution.stickyTaskQueue = ""
        state.execution.clearStickyScheduleToStartTimeout()
    }

    // MARK: Timers

    mutating func addTimer(
        _ kind: TimerTask.Kind, after delay: Google_Protobuf_Duration, _ build: (inout TimerTask) -> Void = { _ in }
    ) {
        addTimer(kind, at: now.addingTimeInterval(delay.timeInterval), build)
    }

    mutating func addTimer(_ kind: TimerTask.Kind, at time: Date, _ build: (inout TimerTask) -> Void = { _ in }) {
        var task = TimerTask()
        task.kind = kind
        task.fireTime = time.timestamp
        build(&task)
        timerTasks.append(task)
    }

    // MARK: Closing

    /// Closes the run with `type`'s event; everything pending is dropped. Children are handed
    /// to their parent close policies; unless the chain goes on in a new run (`continuing`), the
    /// parent learns the outcome.
    mutating func close(
        _ status: WorkflowStatus, _ type: EventType, continuing: Bool = false, _ build: (inout HistoryEvent) -> Void
    ) {
        let id = append(type, build)
        state.execution.status = status
        state.execution.closeTime = now.timestamp
        state.execution.completionEventID = id
        state.clearWorkflowTask()
        state.activities.removeAll()
        state.timers.removeAll()
        state.bufferedEvents.removeAll()
        state.externalRequests.removeAll()
        endUpdatesOnClose()
        for child in state.children.values.sorted(by: { $0.initiatedEventID < $1.initiatedEventID }) {
            let policy = child.attributes.parentClosePolicy
            guard policy != .abandon else { continue }
            transferTasks.append(.with {
                $0.kind = .parentClosePolicy
                $0.scheduledEventID = child.initiatedEventID
                $0.targetNamespaceID = child.namespaceID
                $0.target = .with { $0.workflowID = child.attributes.workflowID; $0.runID = child.runID }
                $0.parentClosePolicy = policy == .unspecified ? .terminate : policy
            })
        }
        state.children.removeAll()
        if !continuing && state.execution.hasParentExecution {
            transferTasks.append(.with { $0.kind = .childClosed; $0.scheduledEventID = state.execution.parentInitiatedEventID })
        }
        if state.execution.retention.isPositive {
            addTimer(.deleteHistory, after: state.execution.retention)
        }
    }

    /// Before the server closes a run on its own (terminate, timeout), a workflow task in flight
    /// is failed so the worker's late answer is refused.
    mutating func failWorkflowTaskInFlightForForcedClose() {
        if workflowTaskStarted {
            recordWorkflowTaskFailure(
                cause: .forceCloseCommand, failure: nil, identity: "history-service", scheduleNext: false)
        } else {
            flushBufferedEvents()
        }
    }

    // MARK: Errors

    public static let workflowTaskNotFound = notFound("Workflow task not found.")
    public static let activityTaskNotFound = notFound(
        "Activity task not found: the activity already completed, timed out or was retried, or its workflow closed.")
    public static let workflowCompleted = notFound("workflow execution already completed")

    public static func notFound(_ message: String) -> TernError {
        TernError(.notFound, message, detail: Temporal_Api_Errordetails_V1_NotFoundFailure())
    }
}
