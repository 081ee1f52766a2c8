/// An activity the workflow runs: SCHEDULE_ACTIVITY_TASK, recorded as ACTIVITY_TASK_SCHEDULED,
/// ended by its completion, failure, timeout or cancellation event. Cancelling the waiting code
/// follows the activity's cancellation type.
final class ActivityMachine: @unchecked Sendable {
    let activityID: String
    let activityType: String
    let cancellationType: ActivityOptions.CancellationType
    private(set) var scheduledEventID: Int64 = 0
    private(set) var startedEventID: Int64 = 0
    var cancelRequested = false
    let result = PendingResult<Api.Common.V1.Payload?>()

    init(activityID: String, activityType: String, cancellationType: ActivityOptions.CancellationType) {
        self.activityID = activityID
        self.activityType = activityType
        self.cancellationType = cancellationType
    }
}

extension WorkflowInstance {
    func executeActivity(
        type: String, options: ActivityOptions, arguments: [Api.Common.V1.Payload], headers: [String: Api.Common.V1.Payload]
    ) async throws -> Api.Common.V1.Payload? {
        let sequence = machines.nextSequence(.activity)
        let activity = ActivityMachine(
            activityID: options.activityID ?? "\(sequence)", activityType: type, cancellationType: options.cancellationType)
        var command = Api.Command.V1.Command()
        command.commandType = .scheduleActivityTask
        command.scheduleActivityTaskCommandAttributes = .with {
            $0.activityID = activity.activityID
            $0.activityType = .with { $0.name = type }
            $0.taskQueue = .with {
                $0.name = options.taskQueue ?? taskQueue
                $0.kind = .normal
            }
            if !arguments.isEmpty { $0.input = .with { $0.payloads = arguments } }
            if !headers.isEmpty { $0.header = .with { $0.fields = headers } }
            if let timeout = options.scheduleToCloseTimeout { $0.scheduleToCloseTimeout = .init(duration: timeout) }
            if let timeout = options.scheduleToStartTimeout { $0.scheduleToStartTimeout = .init(duration: timeout) }
            if let timeout = options.startToCloseTimeout { $0.startToCloseTimeout = .init(duration: timeout) }
            if let timeout = options.heartbeatTimeout { $0.heartbeatTimeout = .init(duration: timeout) }
            if let policy = options.retryPolicy { $0.retryPolicy = Api.Common.V1.RetryPolicy(policy) }
            if let priority = options.priority { $0.priority = Api.Common.V1.Priority(priority) }
            // Asked for here; the worker keeps the request only when it has a free activity slot.
            $0.requestEagerExecution = !options.disableEagerActivityExecution && (options.taskQueue ?? taskQueue) == taskQueue
        }
        if let summary = options.summary { command.userMetadata = userMetadata(summary: summary) }
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { event in
                    guard event.eventType == .activityTaskScheduled else { return "expected an activity to be scheduled" }
                    let recorded = event.activityTaskScheduledEventAttributes
                    if recorded.activityID != activity.activityID {
                        return "activity id \(recorded.activityID) differs from \(activity.activityID)"
                    }
                    if recorded.activityType.name != type {
                        return "activity type \(recorded.activityType.name) differs from \(type)"
                    }
                    return nil
                },
                recorded: { [self] event in
                    activity.scheduled(at: event.eventID)
                    machines.follow(event.eventID, "activity \(type) (id \(activity.activityID))") { [self] event in
                        handle(event, for: activity)
                    }
                }, summary: "ScheduleActivityTask(id \(activity.activityID), type \(type))"))
        return try await withTaskCancellationHandler {
            try await activity.result.value()
        } onCancel: { [self] in
            cancel(activity)
        }
    }

    private func handle(_ event: Api.History.V1.HistoryEvent, for activity: ActivityMachine) {
        switch event.attributes {
        case .activityTaskStartedEventAttributes:
            activity.started(at: event.eventID)
        case .activityTaskCompletedEventAttributes(let completed):
            machines.stopFollowing(activity.scheduledEventID)
            activity.result.resolve(.success(completed.result.payloads.first))
        case .activityTaskFailedEventAttributes(let failed):
            machines.stopFollowing(activity.scheduledEventID)
            activity.result.resolve(.failure(activityError(activity, cause: failed.failure, retryState: failed.retryState, message: "Activity task failed")))
        case .activityTaskTimedOutEventAttributes(let timedOut):
            machines.stopFollowing(activity.scheduledEventID)
            activity.result.resolve(.failure(activityError(activity, cause: timedOut.failure, retryState: timedOut.retryState, message: "Activity task timed out")))
        case .activityTaskCanceledEventAttributes(let canceled):
            machines.stopFollowing(activity.scheduledEventID)
            let cause = Api.Failure.V1.Failure.with {
                $0.message = "Activity cancelled"
                $0.canceledFailureInfo = .with { $0.details = canceled.details }
            }
            activity.result.resolve(.failure(activityError(activity, cause: cause, retryState: .cancelRequested, message: "Activity task cancelled")))
        default:
            break
        }
    }

    private func cancel(_ activity: ActivityMachine) {
        guard !activity.result.isResolved, !activity.cancelRequested else { return }
        activity.cancelRequested = true
        let canceled = Api.Failure.V1.Failure.with {
            $0.message = "Activity cancelled"
            $0.canceledFailureInfo = .init()
        }
        if machines.withdraw(where: {
            $0.command.commandType == .scheduleActivityTask
                && $0.command.scheduleActivityTaskCommandAttributes.activityID == activity.activityID
        }) {
            var cause = canceled
            cause.message = "Activity cancelled before scheduled"
            activity.result.resolve(.failure(activityError(activity, cause: cause, retryState: .cancelRequested, message: "Activity cancelled before scheduled")))
            return
        }
        if activity.cancellationType == .abandon {
            activity.result.resolve(.failure(activityError(activity, cause: canceled, retryState: .cancelRequested, message: "Activity task cancelled")))
            return
        }
        var command = Api.Command.V1.Command()
        command.commandType = .requestCancelActivityTask
        command.requestCancelActivityTaskCommandAttributes = .with { $0.scheduledEventID = activity.scheduledEventID }
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { event in
                    guard event.eventType == .activityTaskCancelRequested else { return "expected an activity cancel request" }
                    let id = event.activityTaskCancelRequestedEventAttributes.scheduledEventID
                    return id == activity.scheduledEventID ? nil : "the cancel request names event \(id)"
                },
                recorded: { _ in }, summary: "RequestCancelActivityTask(\(activity.activityID))"))
        if activity.cancellationType == .tryCancel {
            activity.result.resolve(.failure(activityError(activity, cause: canceled, retryState: .cancelRequested, message: "Activity task cancelled")))
        }
    }

    /// The error the workflow sees: an ActivityError naming the activity, caused by what happened.
    private func activityError(
        _ activity: ActivityMachine, cause: Api.Failure.V1.Failure, retryState: Api.Enums.V1.RetryState, message: String
    ) -> any Error {
        let failure = Api.Failure.V1.Failure.with {
            $0.message = message
            $0.cause = cause
            $0.activityFailureInfo = .with {
                $0.scheduledEventID = activity.scheduledEventID
                $0.startedEventID = activity.startedEventID
                $0.activityType = .with { $0.name = activity.activityType }
                $0.activityID = activity.activityID
                $0.retryState = retryState
            }
        }
        return failureConverter.convertFailure(failure, payloadConverter: payloadConverter)
    }
}

extension ActivityMachine {
    fileprivate func scheduled(at eventID: Int64) { scheduledEventID = eventID }
    fileprivate func started(at eventID: Int64) { startedEventID = eventID }
}
