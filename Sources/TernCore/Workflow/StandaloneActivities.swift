import Foundation
import SwiftProtobuf
import TernAPI

public typealias StartActivityRequest = Temporal_Api_Workflowservice_V1_StartActivityExecutionRequest
public typealias ActivityOutcome = Temporal_Api_Activity_V1_ActivityExecutionOutcome

/// Standalone activities (StartActivityExecution): an activity a client starts with no workflow.
///
/// Tern keeps one as a run of its own in a key space beside the namespace's workflows (see
/// `StandaloneActivityKeys`): its state holds the one activity, its history the activity's events
/// (never shown), and the run closes with the activity's outcome. So retries, timeouts, heartbeats,
/// cancellation, pause and reset are the same code as a workflow's activities, and the activity
/// is listed and counted by the visibility store like any run.
extension WorkflowMachine {
    /// The run's one activity is scheduled as event 1.
    public static let standaloneActivityEventID: Int64 = 1

    /// Checks a start request as Temporal does before anything is stored.
    public static func validateStandaloneStart(_ request: StartActivityRequest) throws(TernError) {
        if request.activityID.isEmpty { throw .invalidArgument("ActivityId is not set on request.") }
        if request.activityType.name.isEmpty { throw .invalidArgument("ActivityType is not set on request.") }
        if request.taskQueue.name.isEmpty { throw .invalidArgument("TaskQueue is not set on request.") }
        for (name, d) in [("ScheduleToCloseTimeout", request.scheduleToCloseTimeout),
                          ("ScheduleToStartTimeout", request.scheduleToStartTimeout),
                          ("StartToCloseTimeout", request.startToCloseTimeout),
                          ("HeartbeatTimeout", request.heartbeatTimeout), ("StartDelay", request.startDelay)]
        where d.isNegative {
            throw .invalidArgument("\(name) cannot be negative.")
        }
        if !request.scheduleToCloseTimeout.isPositive && !request.startToCloseTimeout.isPositive {
            throw .invalidArgument("A valid StartToClose or ScheduleToCloseTimeout is not set on request.")
        }
        if request.hasRetryPolicy { try RetryRules.validate(request.retryPolicy) }
    }

    /// The first change of a standalone activity's run: the activity scheduled, queued for a
    /// worker now or after its start delay.
    public static func startStandaloneActivity(
        _ request: StartActivityRequest, namespaceID: String, runID: String, retention: Google_Protobuf_Duration, now: Date
    ) -> WorkflowMachine {
        let attributes = Temporal_Api_Command_V1_ScheduleActivityTaskCommandAttributes.with {
            $0.activityID = request.activityID
            $0.activityType = request.activityType
            $0.taskQueue = request.taskQueue
            if request.hasHeader { $0.header = request.header }
            if request.hasInput { $0.input = request.input }
            $0.scheduleToCloseTimeout = request.scheduleToCloseTimeout
            $0.scheduleToStartTimeout = request.scheduleToStartTimeout
            $0.startToCloseTimeout = request.startToCloseTimeout
            $0.heartbeatTimeout = request.heartbeatTimeout
            if request.hasRetryPolicy { $0.retryPolicy = request.retryPolicy }
            if request.hasPriority { $0.priority = request.priority }
        }
        let timeouts = activityTimeouts(attributes, runTimeout: .init())
            ?? ActivityTimeouts(scheduleToClose: .init(), scheduleToStart: .init(), startToClose: .init(), heartbeat: .init())
        let firstAttempt = now.addingTimeInterval(request.startDelay.timeInterval)
        var state = WorkflowState()
        state.nextEventID = 1
        state.execution = .with {
            $0.namespaceID = namespaceID
            $0.namespace = request.namespace
            $0.workflowID = request.activityID
            $0.runID = runID
            $0.firstExecutionRunID = runID
            $0.workflowType = request.activityType.name
            $0.taskQueue = request.taskQueue.name
            $0.startTime = now.timestamp
            $0.executionTime = firstAttempt.timestamp
            $0.status = .running
            if request.hasSearchAttributes { $0.searchAttributes = request.searchAttributes }
            $0.startRequestID = request.requestID
            $0.identity = request.identity
            if request.hasHeader { $0.header = request.header }
            if request.hasPriority { $0.priority = request.priority }
            if request.hasUserMetadata { $0.userMetadata = request.userMetadata }
            $0.retention = retention
            $0.standaloneActivity = true
        }
        var machine = WorkflowMachine(state: state, now: now)
        machine.scheduleValidatedActivity(attributes, timeouts: timeouts, completedEventID: 0, firstAttempt: firstAttempt)
        return machine
    }

    /// The activity's last event decided its outcome: the run closes with it.
    mutating func closeStandaloneActivity() {
        var outcome = ActivityOutcome()
        var status: WorkflowStatus = .failed
        switch newEvents.last?.attributes {
        case .activityTaskCompletedEventAttributes(let a)?:
            status = .completed
            outcome.result = a.result
        case .activityTaskFailedEventAttributes(let a)?:
            outcome.failure = a.failure
            outcome.retryState = a.retryState
        case .activityTaskTimedOutEventAttributes(let a)?:
            status = .timedOut
            outcome.failure = a.failure
            outcome.retryState = a.retryState
        case .activityTaskCanceledEventAttributes(let a)?:
            status = .canceled
            outcome.failure = .with {
                $0.message = state.execution.canceledReason.isEmpty ? "Activity canceled" : state.execution.canceledReason
                $0.canceledFailureInfo = .with { if a.hasDetails { $0.details = a.details } }
            }
        default:
            break
        }
        endStandaloneActivity(status, outcome)
    }

    private mutating func endStandaloneActivity(_ status: WorkflowStatus, _ outcome: ActivityOutcome) {
        state.execution.status = status
        state.execution.closeTime = now.timestamp
        state.execution.completionEventID = state.nextEventID - 1
        state.execution.activityOutcome = outcome
        if state.execution.retention.isPositive {
            addTimer(.deleteHistory, after: state.execution.retention)
        }
    }

    static let standaloneActivityCompleted = notFound("activity execution already completed")

    /// TerminateActivityExecution: the activity ends now, whatever its attempt is doing.
    public mutating func terminateStandaloneActivity(reason: String, identity: String) throws(TernError) {
        guard isRunning else { throw Self.standaloneActivityCompleted }
        let outcome = ActivityOutcome.with {
            $0.failure = .with {
                $0.message = reason.isEmpty ? "Activity terminated" : reason
                $0.terminatedFailureInfo = .with { $0.identity = identity }
            }
        }
        endStandaloneActivity(.terminated, outcome)
    }

    /// RequestCancelActivityExecution: an attempt not yet running is canceled at once; a running
    /// one learns of it from its next heartbeat and reports itself canceled.
    public mutating func requestCancelStandaloneActivity(reason: String) throws(TernError) {
        guard isRunning else { throw Self.standaloneActivityCompleted }
        guard var info = state.activities[Self.standaloneActivityEventID] else { return }
        if info.cancelRequested { return }
        state.execution.canceledReason = reason
        if !info.started {
            append(.activityTaskCanceled) { event in
                event.activityTaskCanceledEventAttributes = .with { $0.scheduledEventID = info.scheduledEventID }
            }
            finishActivity(info.scheduledEventID)
            return
        }
        info.cancelRequested = true
        state.activities[info.scheduledEventID] = info
    }
}

/// Where standalone activities live: the runs of namespace `id` whose namespace id is
/// `id + suffix`, so their ids never meet workflow ids and workflow listings never show them.
public enum StandaloneActivityKeys {
    public static let suffix = "/activities"

    public static func namespaceID(_ namespaceID: String) -> String { namespaceID + suffix }

    /// The namespace whose task queues a key's tasks go to.
    public static func owningNamespaceID(_ namespaceID: String) -> String {
        namespaceID.hasSuffix(suffix) ? String(namespaceID.dropLast(suffix.count)) : namespaceID
    }

    public static func isStandalone(_ namespaceID: String) -> Bool { namespaceID.hasSuffix(suffix) }
}
