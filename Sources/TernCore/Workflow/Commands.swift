import Foundation
import SwiftProtobuf
import TernAPI

public typealias RespondWorkflowTaskCompletedRequest = Temporal_Api_Workflowservice_V1_RespondWorkflowTaskCompletedRequest
public typealias Command = Temporal_Api_Command_V1_Command

/// A command the workflow task may not issue; the whole task fails with `cause`.
public struct CommandRejection: Error, Equatable, Sendable {
    public var cause: WorkflowTaskFailedCause
    public var message: String
    /// The run cannot go on (a payload over the size limit): it is terminated as well.
    public var terminates: Bool

    public init(_ cause: WorkflowTaskFailedCause, _ message: String, terminates: Bool = false) {
        self.cause = cause
        self.message = message
        self.terminates = terminates
    }
}

/// What completing a workflow task did, beyond the stored change.
public struct WorkflowTaskOutcome: Sendable {
    /// Set when a command was invalid: the task was recorded as failed instead, and the worker's
    /// call answers INVALID_ARGUMENT with this message.
    public var rejection: CommandRejection?
    /// Activities started at once for the completing worker (eager execution), to be returned
    /// in the response instead of going through the task queue.
    public var eagerActivities: [ActivityInfo] = []
    /// Non-zero when a speculative task left no trace: the worker must forget the events after this id.
    public var resetHistoryEventID: Int64 = 0
}

extension WorkflowMachine {
    /// Applies a worker's `RespondWorkflowTaskCompleted`: WORKFLOW_TASK_COMPLETED, then the events
    /// of each command in order, then events that arrived meanwhile. If any command is invalid,
    /// none is applied and the task is recorded as failed with that command's cause.
    ///
    /// `searchAttributeTypes` are the namespace's custom attributes, to validate upserts.
    public mutating func completeWorkflowTask(
        _ token: TaskToken, _ request: RespondWorkflowTaskCompletedRequest,
        searchAttributeTypes: [String: IndexedValueType]
    ) throws(TernError) -> WorkflowTaskOutcome {
        try validateWorkflowTaskToken(token)
        if isPaused && request.forceCreateNewWorkflowTask {
            throw TernError(.failedPrecondition, "Workflow is paused and force create new workflow task is not allowed.")
        }
        var attempt = self
        do {
            let outcome = try attempt.applyCompletion(request, searchAttributeTypes: searchAttributeTypes)
            self = attempt
            return outcome
        } catch {
            var failure = Failure()
            failure.message = error.message
            recordWorkflowTaskFailure(
                cause: error.cause, failure: failure, identity: request.identity, scheduleNext: !error.terminates)
            if error.terminates {
                close(.terminated, .workflowExecutionTerminated) { event in
                    event.workflowExecutionTerminatedEventAttributes = .with {
                        $0.reason = error.message
                        $0.identity = "history-service"
                    }
                }
            }
            return WorkflowTaskOutcome(rejection: error)
        }
    }

    /// At most this many activities of one workflow task start eagerly (the SDKs ask for up to 3).
    static let maxEagerActivities = 3

    private mutating func applyCompletion(
        _ request: RespondWorkflowTaskCompletedRequest, searchAttributeTypes: [String: IndexedValueType]
    ) throws(CommandRejection) -> WorkflowTaskOutcome {
        let task = state.workflowTask
        for command in request.commands {
            if let field = oversizedPayload(command) {
                throw CommandRejection(Self.badAttributesCause(command), "\(field) exceeds size limit.", terminates: true)
            }
        }
        if task.speculative, task.attempt == 1, !task.updateIds.isEmpty, request.commands.isEmpty,
           state.bufferedEvents.isEmpty, !request.forceCreateNewWorkflowTask,
           request.messages.allSatisfy({ $0.body.isA(Temporal_Api_Update_V1_Rejection.self) }) {
            // The task only rejected updates: it leaves no trace, and the worker rewinds.
            for message in request.messages { try applyMessage(message, identity: request.identity) }
            state.clearWorkflowTask()
            state.execution.workflowTaskAttempt = 1
            updateStickiness(request)
            if hasUpdatesToDeliver { scheduleWorkflowTaskIfNeeded(speculative: true) }
            return WorkflowTaskOutcome(rejection: nil, resetHistoryEventID: state.nextEventID - 1)
        }
        let closes = request.commands.contains { Self.closesWorkflow($0.commandType) }
        if closes && !state.bufferedEvents.isEmpty {
            // New events arrived while the worker decided to close: it must see them first.
            throw CommandRejection(
                .unhandledCommand, "Workflow task has new events the worker has not seen; it cannot close the workflow.")
        }
        let completedID = append(.workflowTaskCompleted) { event in
            event.workflowTaskCompletedEventAttributes = .with {
                $0.scheduledEventID = task.scheduledEventID
                $0.startedEventID = task.startedEventID
                $0.identity = request.identity
                $0.binaryChecksum = request.binaryChecksum
                if request.hasWorkerVersionStamp { $0.workerVersion = request.workerVersionStamp }
                if request.hasSdkMetadata { $0.sdkMetadata = request.sdkMetadata }
                if request.hasMeteringMetadata { $0.meteringMetadata = request.meteringMetadata }
                // A worker of a deployment: its build stands where the binary checksum used to, and
                // a versioned worker's version and declared behavior are recorded, as Temporal does.
                let options = request.deploymentOptions
                if request.hasDeploymentOptions && !options.buildID.isEmpty {
                    $0.binaryChecksum = ""
                    if !request.hasWorkerVersionStamp { $0.workerVersion = .with { $0.buildID = options.buildID } }
                    $0.workerDeploymentName = options.deploymentName
                    if options.workerVersioningMode == .versioned {
                        $0.deploymentVersion = .with { $0.deploymentName = options.deploymentName; $0.buildID = options.buildID }
                        $0.versioningBehavior = request.versioningBehavior
                    }
                }
            }
        }
        state.clearWorkflowTask()
        state.execution.workflowTaskAttempt = 1
        state.execution.lastCompletedTaskStartedEventID = task.startedEventID
        recordVersioning(request)
        updateStickiness(request)

        var needsWorkflowTask = request.forceCreateNewWorkflowTask
        var eagerCandidates: [Int64] = []
        var messagesApplied = Set<String>()
        for command in request.commands {
            guard isRunning else { break }  // nothing follows a command that closed the run
            if case .protocolMessageCommandAttributes(let a) = command.attributes {
                guard let message = request.messages.first(where: { $0.id == a.messageID }),
                      !messagesApplied.contains(a.messageID)
                else {
                    throw CommandRejection(
                        .badUpdateWorkflowExecutionMessage, "ProtocolMessage command names unknown message \"\(a.messageID)\".")
                }
                messagesApplied.insert(a.messageID)
                try applyMessage(message, identity: request.identity)
                continue
            }
            commandUserMetadata = command.hasUserMetadata ? command.userMetadata : nil
            let applied = try apply(command, completedEventID: completedID, identity: request.identity,
                                    searchAttributeTypes: searchAttributeTypes)
            commandUserMetadata = nil
            if applied { needsWorkflowTask = true }
            if case .scheduleActivityTaskCommandAttributes(let a) = command.attributes, a.requestEagerExecution,
               eagerCandidates.count < Self.maxEagerActivities, let scheduled = newEvents.last,
               scheduled.eventType == .activityTaskScheduled,
               scheduled.activityTaskScheduledEventAttributes.taskQueue.name == state.execution.taskQueue {
                eagerCandidates.append(scheduled.eventID)
            }
        }
        // Messages without a PROTOCOL_MESSAGE command follow the commands, in order.
        for message in request.messages where isRunning && !messagesApplied.contains(message.id) {
            try applyMessage(message, identity: request.identity)
        }
        guard isRunning else { return WorkflowTaskOutcome(rejection: nil) }
        if !state.bufferedEvents.isEmpty { needsWorkflowTask = true }
        // Updates that arrived while this task ran still have to reach the worker.
        let carried = Set(task.updateIds)
        if state.updates.values.contains(where: { Self.awaitsDelivery($0) && !carried.contains($0.updateID) }) {
            needsWorkflowTask = true
        }
        flushBufferedEvents()
        if needsWorkflowTask { scheduleWorkflowTaskIfNeeded() }
        let eager = startEagerly(eagerCandidates, identity: request.identity)
        enforceHistoryLimits()
        return WorkflowTaskOutcome(rejection: nil, eagerActivities: isRunning ? eager : [])
    }

    /// The failure cause for bad attributes of `command`.
    static func badAttributesCause(_ command: Command) -> WorkflowTaskFailedCause {
        switch command.attributes {
        case .completeWorkflowExecutionCommandAttributes: .badCompleteWorkflowExecutionAttributes
        case .failWorkflowExecutionCommandAttributes: .badFailWorkflowExecutionAttributes
        case .cancelWorkflowExecutionCommandAttributes: .badCancelWorkflowExecutionAttributes
        case .scheduleActivityTaskCommandAttributes: .badScheduleActivityAttributes
        case .continueAsNewWorkflowExecutionCommandAttributes: .badContinueAsNewAttributes
        case .startChildWorkflowExecutionCommandAttributes: .badStartChildExecutionAttributes
        case .signalExternalWorkflowExecutionCommandAttributes: .badSignalWorkflowExecutionAttributes
        case .recordMarkerCommandAttributes: .badRecordMarkerAttributes
        default: .unhandledCommand
        }
    }

    /// Worker versioning: a versioned worker's task records its version and the behavior the
    /// workflow declared (a pinned workflow's later tasks go to that version); an unversioned
    /// worker's task clears them.
    private mutating func recordVersioning(_ request: RespondWorkflowTaskCompletedRequest) {
        let options = request.deploymentOptions
        if request.hasDeploymentOptions, options.workerVersioningMode == .versioned, !options.buildID.isEmpty {
            state.execution.versioningBehavior = request.versioningBehavior
            state.execution.deploymentVersion = .with {
                $0.deploymentName = options.deploymentName
                $0.buildID = options.buildID
            }
        } else {
            state.execution.versioningBehavior = .unspecified
            state.execution.clearDeploymentVersion()
        }
    }

    private mutating func updateStickiness(_ request: RespondWorkflowTaskCompletedRequest) {
        if request.hasStickyAttributes, !request.stickyAttributes.workerTaskQueue.name.isEmpty {
            state.execution.stickyTaskQueue = request.stickyAttributes.workerTaskQueue.name
            state.execution.stickyScheduleToStartTimeout = request.stickyAttributes.scheduleToStartTimeout.isPositive
                ? request.stickyAttributes.scheduleToStartTimeout : .init(seconds: 10)
        } else {
            clearStickiness()
        }
    }

    /// Eager execution: the completing worker runs these activities itself, so they skip the
    /// task queue and start now.
    private mutating func startEagerly(_ scheduledEventIDs: [Int64], identity: String) -> [ActivityInfo] {
        var started: [ActivityInfo] = []
        for id in scheduledEventIDs {
            transferTasks.removeAll { $0.kind == .activityTask && $0.scheduledEventID == id }
            timerTasks.removeAll { $0.kind == .activityTimeout && $0.eventID == id && $0.timeoutType == .scheduleToStart }
            if let info = try? recordActivityStarted(
                scheduledEventID: id, attempt: 1, requestID: "eager-\(state.execution.runID)-\(id)", identity: identity) {
                started.append(info)
            }
        }
        return started
    }

    static func closesWorkflow(_ type: Temporal_Api_Enums_V1_CommandType) -> Bool {
        switch type {
        case .completeWorkflowExecution, .failWorkflowExecution, .cancelWorkflowExecution, .continueAsNewWorkflowExecution:
            true
        default:
            false
        }
    }

    /// Applies one command; returns true when it produced events the workflow must be told about.
    private mutating func apply(
        _ command: Command, completedEventID: Int64, identity: String, searchAttributeTypes: [String: IndexedValueType]
    ) throws(CommandRejection) -> Bool {
        switch command.attributes {
        case .scheduleActivityTaskCommandAttributes(let a):
            try scheduleActivity(a, completedEventID: completedEventID)
        case .requestCancelActivityTaskCommandAttributes(let a):
            return try requestCancelActivity(a.scheduledEventID, completedEventID: completedEventID)
        case .startTimerCommandAttributes(let a):
            try startTimer(a, completedEventID: completedEventID)
        case .cancelTimerCommandAttributes(let a):
            guard let info = state.timers.removeValue(forKey: a.timerID) else {
                throw CommandRejection(.badCancelTimerAttributes, "CancelTimer: no pending timer with id \"\(a.timerID)\".")
            }
            append(.timerCanceled) { event in
                event.timerCanceledEventAttributes = .with {
                    $0.timerID = a.timerID
                    $0.startedEventID = info.startedEventID
                    $0.workflowTaskCompletedEventID = completedEventID
                    $0.identity = identity
                }
            }
        case .completeWorkflowExecutionCommandAttributes(let a):
            let next = cronContinuation(failure: nil, result: a.hasResult ? a.result : nil)
            close(.completed, .workflowExecutionCompleted, continuing: next != nil) { event in
                event.workflowExecutionCompletedEventAttributes = .with {
                    if a.hasResult { $0.result = a.result }
                    $0.workflowTaskCompletedEventID = completedEventID
                    $0.newExecutionRunID = next ?? ""
                }
            }
        case .failWorkflowExecutionCommandAttributes(let a):
            let (next, retryState) = continuationAfterFailure(a.failure)
            close(.failed, .workflowExecutionFailed, continuing: next != nil) { event in
                event.workflowExecutionFailedEventAttributes = .with {
                    if a.hasFailure { $0.failure = a.failure }
                    $0.retryState = retryState
                    $0.workflowTaskCompletedEventID = completedEventID
                    $0.newExecutionRunID = next ?? ""
                }
            }
        case .cancelWorkflowExecutionCommandAttributes(let a):
            close(.canceled, .workflowExecutionCanceled) { event in
                event.workflowExecutionCanceledEventAttributes = .with {
                    $0.workflowTaskCompletedEventID = completedEventID
                    if a.hasDetails { $0.details = a.details }
                }
            }
        case .recordMarkerCommandAttributes(let a):
            guard !a.markerName.isEmpty else {
                throw CommandRejection(.badRecordMarkerAttributes, "RecordMarker: MarkerName is not set.")
            }
            append(.markerRecorded) { event in
                event.markerRecordedEventAttributes = .with {
                    $0.markerName = a.markerName
                    $0.details = a.details
                    $0.workflowTaskCompletedEventID = completedEventID
                    if a.hasHeader { $0.header = a.header }
                    if a.hasFailure { $0.failure = a.failure }
                }
            }
        case .upsertWorkflowSearchAttributesCommandAttributes(let a):
            for name in a.searchAttributes.indexedFields.keys
            where searchAttributeTypes[name] == nil && SearchAttributeRules.system[name] == nil {
                throw CommandRejection(
                    .badSearchAttributes,
                    "UpsertWorkflowSearchAttributes: search attribute \(name) is not defined; add it with AddSearchAttributes first.")
            }
            do {
                try SearchAttributeRules.validateValues(a.searchAttributes, types: searchAttributeTypes)
            } catch {
                throw CommandRejection(.badSearchAttributes, "UpsertWorkflowSearchAttributes: \(error.message)")
            }
            append(.upsertWorkflowSearchAttributes) { event in
                event.upsertWorkflowSearchAttributesEventAttributes = .with {
                    $0.workflowTaskCompletedEventID = completedEventID
                    $0.searchAttributes = a.searchAttributes
                }
            }
            PayloadMaps.merge(a.searchAttributes.indexedFields, into: &state.execution.searchAttributes.indexedFields)
        case .modifyWorkflowPropertiesCommandAttributes(let a):
            append(.workflowPropertiesModified) { event in
                event.workflowPropertiesModifiedEventAttributes = .with {
                    $0.workflowTaskCompletedEventID = completedEventID
                    $0.upsertedMemo = a.upsertedMemo
                }
            }
            PayloadMaps.merge(a.upsertedMemo.fields, into: &state.execution.memo.fields)
        case .continueAsNewWorkflowExecutionCommandAttributes(let a):
            try continueAsNew(a, completedEventID: completedEventID)
        case .startChildWorkflowExecutionCommandAttributes(let a):
            try startChild(a, completedEventID: completedEventID)
        case .signalExternalWorkflowExecutionCommandAttributes(let a):
            try signalExternal(a, completedEventID: completedEventID)
        case .requestCancelExternalWorkflowExecutionCommandAttributes(let a):
            try requestCancelExternal(a, completedEventID: completedEventID)
        case .scheduleNexusOperationCommandAttributes, .requestCancelNexusOperationCommandAttributes:
            throw CommandRejection(.featureDisabled, "Tern does not support Nexus operations.")
        case .none:
            throw CommandRejection(.unhandledCommand, "Command \(command.commandType) has no attributes.")
        case .some:
            throw CommandRejection(.unhandledCommand, "Tern does not support command \(command.commandType).")
        }
        return false
    }

    // MARK: Activities

    private mutating func scheduleActivity(
        _ a: Temporal_Api_Command_V1_ScheduleActivityTaskCommandAttributes, completedEventID: Int64
    ) throws(CommandRejection) {
        func reject(_ message: String) -> CommandRejection {
            CommandRejection(.badScheduleActivityAttributes, "ScheduleActivityTask: \(message)")
        }
        if a.activityID.isEmpty { throw reject("ActivityId is not set.") }
        if a.activityType.name.isEmpty { throw reject("ActivityType is not set.") }
        if a.taskQueue.name.isEmpty { throw reject("TaskQueue is not set.") }
        if state.activities.values.contains(where: { $0.activityID == a.activityID }) {
            throw reject("an activity with id \"\(a.activityID)\" is already pending.")
        }
        for (name, d) in [("ScheduleToClose", a.scheduleToCloseTimeout), ("ScheduleToStart", a.scheduleToStartTimeout),
                          ("StartToClose", a.startToCloseTimeout), ("Heartbeat", a.heartbeatTimeout)] where d.isNegative {
            throw reject("\(name)Timeout cannot be negative.")
        }
        if a.hasRetryPolicy {
            do { try RetryRules.validate(a.retryPolicy) } catch { throw reject(error.message) }
        }
        let timeouts = Self.activityTimeouts(a, runTimeout: state.execution.runTimeout)
        guard let timeouts else {
            throw reject("A valid StartToClose or ScheduleToCloseTimeout is not set on ScheduleActivityTaskCommand.")
        }
        scheduleValidatedActivity(a, timeouts: timeouts, completedEventID: completedEventID)
    }

    /// Writes ACTIVITY_TASK_SCHEDULED for checked attributes and queues the first attempt (at
    /// `firstAttempt`, or now), with its schedule-to-close timeout armed. Returns the event id.
    @discardableResult
    mutating func scheduleValidatedActivity(
        _ a: Temporal_Api_Command_V1_ScheduleActivityTaskCommandAttributes, timeouts: ActivityTimeouts,
        completedEventID: Int64, firstAttempt: Date? = nil
    ) -> Int64 {
        let taskQueue = a.taskQueue.name
        let policy = RetryRules.withDefaults(a.hasRetryPolicy ? a.retryPolicy : nil)
        let scheduledID = append(.activityTaskScheduled) { event in
            event.activityTaskScheduledEventAttributes = .with {
                $0.activityID = a.activityID
                $0.activityType = a.activityType
                $0.taskQueue = .with { $0.name = taskQueue; $0.kind = .normal }
                $0.header = a.header
                if a.hasInput { $0.input = a.input }
                $0.scheduleToCloseTimeout = timeouts.scheduleToClose
                $0.scheduleToStartTimeout = timeouts.scheduleToStart
                $0.startToCloseTimeout = timeouts.startToClose
                $0.heartbeatTimeout = timeouts.heartbeat
                $0.workflowTaskCompletedEventID = completedEventID
                $0.retryPolicy = policy
                $0.useWorkflowBuildID = a.useWorkflowBuildID
                $0.priority = a.priority
            }
        }
        let info = ActivityInfo.with {
            $0.scheduledEventID = scheduledID
            $0.activityID = a.activityID
            $0.activityType = a.activityType.name
            $0.taskQueue = taskQueue
            if a.hasInput { $0.input = a.input }
            if a.hasHeader { $0.header = a.header }
            $0.scheduledTime = now.timestamp
            $0.currentAttemptScheduledTime = (firstAttempt ?? now).timestamp
            $0.attempt = 1
            $0.scheduleToStartTimeout = timeouts.scheduleToStart
            $0.scheduleToCloseTimeout = timeouts.scheduleToClose
            $0.startToCloseTimeout = timeouts.startToClose
            $0.heartbeatTimeout = timeouts.heartbeat
            $0.retryPolicy = policy
            if a.hasPriority { $0.priority = a.priority }
        }
        state.activities[scheduledID] = info
        if let firstAttempt, firstAttempt > now {
            addTimer(.activityRetry, at: firstAttempt) {
                $0.eventID = scheduledID
                $0.attempt = 1
            }
        } else {
            dispatchActivity(info)
        }
        if timeouts.scheduleToClose.isPositive {
            addTimer(.activityTimeout, after: timeouts.scheduleToClose) {
                $0.eventID = scheduledID
                $0.timeoutType = .scheduleToClose
            }
        }
        return scheduledID
    }

    public struct ActivityTimeouts: Equatable, Sendable {
        public var scheduleToClose: Google_Protobuf_Duration
        public var scheduleToStart: Google_Protobuf_Duration
        public var startToClose: Google_Protobuf_Duration
        public var heartbeat: Google_Protobuf_Duration
    }

    /// Temporal's timeout rules: schedule-to-close is capped by the run timeout (and defaults to
    /// it); the other timeouts default to and are capped by schedule-to-close; heartbeat never
    /// exceeds start-to-close. Nil when neither start-to-close nor schedule-to-close can be set.
    public static func activityTimeouts(
        _ a: Temporal_Api_Command_V1_ScheduleActivityTaskCommandAttributes, runTimeout: Google_Protobuf_Duration
    ) -> ActivityTimeouts? {
        func minPositive(_ x: Google_Protobuf_Duration, _ y: Google_Protobuf_Duration) -> Google_Protobuf_Duration {
            if !x.isPositive { return y }
            if !y.isPositive { return x }
            return x.timeInterval <= y.timeInterval ? x : y
        }
        let scheduleToClose = a.scheduleToCloseTimeout.isPositive
            ? minPositive(a.scheduleToCloseTimeout, runTimeout) : runTimeout
        var scheduleToStart = a.scheduleToStartTimeout
        var startToClose = a.startToCloseTimeout
        if scheduleToClose.isPositive {
            scheduleToStart = minPositive(scheduleToStart, scheduleToClose)
            startToClose = minPositive(startToClose, scheduleToClose)
        } else if !startToClose.isPositive {
            return nil
        }
        let heartbeat = a.heartbeatTimeout.isPositive ? minPositive(a.heartbeatTimeout, startToClose) : a.heartbeatTimeout
        return ActivityTimeouts(
            scheduleToClose: scheduleToClose, scheduleToStart: scheduleToStart, startToClose: startToClose,
            heartbeat: heartbeat)
    }

    /// REQUEST_CANCEL_ACTIVITY_TASK: an attempt not yet running is canceled at once; a running
    /// one learns of it from its next heartbeat.
    private mutating func requestCancelActivity(_ scheduledEventID: Int64, completedEventID: Int64) throws(CommandRejection) -> Bool {
        guard var info = state.activities[scheduledEventID] else {
            throw CommandRejection(
                .badRequestCancelActivityAttributes,
                "RequestCancelActivityTask: no pending activity was scheduled by event \(scheduledEventID).")
        }
        let requestedID = append(.activityTaskCancelRequested) { event in
            event.activityTaskCancelRequestedEventAttributes = .with {
                $0.scheduledEventID = scheduledEventID
                $0.workflowTaskCompletedEventID = completedEventID
            }
        }
        if !info.started {
            append(.activityTaskCanceled) { event in
                event.activityTaskCanceledEventAttributes = .with {
                    $0.latestCancelRequestedEventID = requestedID
                    $0.scheduledEventID = scheduledEventID
                }
            }
            state.activities.removeValue(forKey: scheduledEventID)
            return true
        }
        info.cancelRequested = true
        info.cancelRequestedEventID = requestedID
        state.activities[scheduledEventID] = info
        return false
    }

    // MARK: Timers

    private mutating func startTimer(
        _ a: Temporal_Api_Command_V1_StartTimerCommandAttributes, completedEventID: Int64
    ) throws(CommandRejection) {
        if a.timerID.isEmpty {
            throw CommandRejection(.badStartTimerAttributes, "StartTimer: TimerId is not set.")
        }
        if state.timers[a.timerID] != nil {
            throw CommandRejection(.badStartTimerAttributes, "StartTimer: a timer with id \"\(a.timerID)\" is already pending.")
        }
        // Zero is a timer that fires at once (the SDKs send it for sleep(0)); only negative is wrong.
        if a.startToFireTimeout.isNegative {
            throw CommandRejection(
                .badStartTimerAttributes, "StartTimer: an invalid StartToFireTimeout is set: it cannot be negative. TimerId=\(a.timerID)")
        }
        let startedID = append(.timerStarted) { event in
            event.timerStartedEventAttributes = .with {
                $0.timerID = a.timerID
                $0.startToFireTimeout = a.startToFireTimeout
                $0.workflowTaskCompletedEventID = completedEventID
            }
        }
        let expiry = now.addingTimeInterval(a.startToFireTimeout.timeInterval)
        state.timers[a.timerID] = .with {
            $0.timerID = a.timerID
            $0.startedEventID = startedID
            $0.expiryTime = expiry.timestamp
        }
        addTimer(.userTimer, at: expiry) {
            $0.timerID = a.timerID
            $0.eventID = startedID
        }
    }
}
