import Foundation
import SwiftProtobuf
import TernAPI

public typealias ActivityInfo = Tern_Internal_V1_ActivityInfo
public typealias Payloads = Temporal_Api_Common_V1_Payloads

/// The life of an activity: scheduled by a command, handed to a worker, heartbeats, then
/// completed, failed, canceled or timed out, with retries in between.
///
/// As in Temporal, ACTIVITY_TASK_STARTED is written only when an attempt ends (with that
/// attempt's number and the previous attempt's failure), so retries leave no trace in history.
extension WorkflowMachine {
    /// A worker picked up attempt `attempt` of the activity scheduled at `scheduledEventID`.
    /// A task from another queue (the options changed since), of a paused activity or of a paused run is stale.
    public mutating func recordActivityStarted(
        scheduledEventID: Int64, attempt: Int32, requestID: String, identity: String, taskQueue: String? = nil
    ) throws(TernError) -> ActivityInfo {
        guard isRunning, !isPaused, var info = state.activities[scheduledEventID], info.attempt == attempt, !info.started,
              !info.paused, taskQueue == nil || taskQueue == info.taskQueue
        else { throw Self.activityTaskNotFound }
        info.started = true
        info.startedTime = now.timestamp
        info.startedIdentity = identity
        info.lastWorkerIdentity = identity
        info.requestID = requestID
        state.activities[scheduledEventID] = info
        if info.startToCloseTimeout.isPositive {
            addTimer(.activityTimeout, after: info.startToCloseTimeout) {
                $0.eventID = scheduledEventID
                $0.attempt = attempt
                $0.timeoutType = .startToClose
            }
        }
        if info.heartbeatTimeout.isPositive {
            addTimer(.activityTimeout, after: info.heartbeatTimeout) {
                $0.eventID = scheduledEventID
                $0.attempt = attempt
                $0.timeoutType = .heartbeat
            }
        }
        return info
    }

    /// The started attempt a token names, or `NOT_FOUND` (stale attempt, finished activity, closed run).
    func startedActivity(_ token: TaskToken) throws(TernError) -> ActivityInfo {
        guard isRunning else { throw Self.workflowCompleted }
        guard let info = state.activities[token.scheduledEventID], info.attempt == token.attempt, info.started
        else { throw Self.activityTaskNotFound }
        return info
    }

    public mutating func completeActivity(_ token: TaskToken, result: Payloads?, identity: String) throws(TernError) {
        let info = try startedActivity(token)
        let startedID = appendActivityStarted(info)
        appendOrBuffer(.activityTaskCompleted) { event in
            event.activityTaskCompletedEventAttributes = .with {
                if let result { $0.result = result }
                $0.scheduledEventID = info.scheduledEventID
                $0.startedEventID = startedID
                $0.identity = identity
            }
        }
        finishActivity(info.scheduledEventID)
    }

    public mutating func failActivity(
        _ token: TaskToken, failure: Failure, lastHeartbeatDetails: Payloads?, identity: String
    ) throws(TernError) {
        var info = try startedActivity(token)
        if let lastHeartbeatDetails { info.lastHeartbeatDetails = lastHeartbeatDetails }
        info.lastWorkerIdentity = identity
        state.activities[info.scheduledEventID] = info
        endAttempt(info, failure: failure, identity: identity)
    }

    public mutating func cancelActivity(_ token: TaskToken, details: Payloads?, identity: String) throws(TernError) {
        let info = try startedActivity(token)
        if state.execution.standaloneActivity && !info.cancelRequested {
            // A standalone activity ends canceled only when asked to (Temporal 1.32's words).
            throw TernError.invalidArgument(
                "unable to mark activity as canceled without activity being request canceled first")
        }
        let startedID = appendActivityStarted(info)
        appendOrBuffer(.activityTaskCanceled) { event in
            event.activityTaskCanceledEventAttributes = .with {
                if let details { $0.details = details }
                $0.latestCancelRequestedEventID = info.cancelRequestedEventID
                $0.scheduledEventID = info.scheduledEventID
                $0.startedEventID = startedID
                $0.identity = identity
            }
        }
        finishActivity(info.scheduledEventID)
    }

    /// Finds a pending activity by its id (for the `…ById` RPCs) and returns a token for its current attempt.
    public func tokenForActivity(id activityID: String) throws(TernError) -> TaskToken {
        guard isRunning else { throw Self.workflowCompleted }
        guard let info = state.activities.values.first(where: { $0.activityID == activityID }) else {
            throw Self.activityTaskNotFound
        }
        return TaskToken.with {
            $0.namespaceID = state.execution.namespaceID
            $0.workflowID = state.execution.workflowID
            $0.runID = state.execution.runID
            $0.scheduledEventID = info.scheduledEventID
            $0.attempt = info.attempt
            $0.activityID = info.activityID
        }
    }

    // MARK: Timeouts and retries

    mutating func activityTimedOut(_ timer: TimerTask) {
        guard var info = state.activities[timer.eventID] else { return }
        switch timer.timeoutType {
        case .scheduleToClose:
            break
        case .scheduleToStart:
            guard info.attempt == timer.attempt, !info.started, !info.paused else { return }
        case .startToClose:
            guard info.attempt == timer.attempt, info.started else { return }
        case .heartbeat:
            guard info.attempt == timer.attempt, info.started else { return }
            let last = info.hasLastHeartbeatTime ? info.lastHeartbeatTime.date : info.startedTime.date
            let deadline = last.addingTimeInterval(info.heartbeatTimeout.timeInterval)
            if deadline > now {
                // A heartbeat came in since this timer was armed: wait for the new deadline.
                addTimer(.activityTimeout, at: deadline) {
                    $0.eventID = info.scheduledEventID
                    $0.attempt = info.attempt
                    $0.timeoutType = .heartbeat
                }
                return
            }
        default:
            return
        }
        // Timers due at the same instant fire in any order (an eagerly started activity has
        // equal schedule-to-close and start-to-close deadlines); the overall deadline wins.
        var timeoutType = timer.timeoutType
        if info.scheduleToCloseTimeout.isPositive,
           info.scheduledTime.date.addingTimeInterval(info.scheduleToCloseTimeout.timeInterval) <= now {
            timeoutType = .scheduleToClose
        }
        var failure = Failure()
        failure.message = "activity \(Self.timeoutName(timeoutType)) timeout"
        failure.timeoutFailureInfo = .with {
            $0.timeoutType = timeoutType
            if info.hasLastHeartbeatDetails { $0.lastHeartbeatDetails = info.lastHeartbeatDetails }
        }
        if timeoutType == .scheduleToClose || timeoutType == .scheduleToStart, info.hasLastFailure {
            failure.cause = info.lastFailure
        }
        info.lastWorkerIdentity = info.startedIdentity
        state.activities[info.scheduledEventID] = info
        endAttempt(info, failure: failure, identity: info.startedIdentity)
    }

    /// The back-off after a failed attempt is over: hand the next attempt to the task queue.
    mutating func activityRetryDue(scheduledEventID: Int64, attempt: Int32) {
        guard isRunning, let info = state.activities[scheduledEventID], info.attempt == attempt, !info.started,
              !info.paused
        else { return }
        dispatchActivity(info)
    }

    /// An attempt ended with `failure`: retry it if the policy allows, otherwise record the
    /// activity's final FAILED or TIMED_OUT event.
    mutating func endAttempt(_ original: ActivityInfo, failure: Failure, identity: String) {
        var info = original
        let deadline: Date? = info.scheduleToCloseTimeout.isPositive
            ? info.scheduledTime.date.addingTimeInterval(info.scheduleToCloseTimeout.timeInterval) : nil
        let policy: RetryPolicy? = info.hasRetryPolicy ? info.retryPolicy : nil
        let decision = RetryRules.decide(
            policy: policy, attempt: info.attempt, failure: failure, now: now, deadline: deadline)
        if case .retry(let delay) = decision {
            info.attempt += 1
            info.started = false
            info.clearStartedTime()
            info.startedIdentity = ""
            info.requestID = ""
            info.lastFailure = failure
            info.lastAttemptCompleteTime = now.timestamp
            info.currentAttemptScheduledTime = now.addingTimeInterval(delay).timestamp
            startNextAttemptFresh(&info)
            state.activities[info.scheduledEventID] = info
            if info.paused { return }  // the next attempt waits for UnpauseActivity
            if delay > 0 {
                let next = info.attempt
                addTimer(.activityRetry, at: now.addingTimeInterval(delay)) {
                    $0.eventID = info.scheduledEventID
                    $0.attempt = next
                }
            } else {
                dispatchActivity(info)
            }
            return
        }
        guard case .stop(let retryState) = decision else { return }
        var failure = failure
        let isTimeout = if case .timeoutFailureInfo = failure.failureInfo { true } else { false }
        if retryState == .timeout, !isTimeout {
            // The next attempt would start after the schedule-to-close deadline: as Temporal
            // does, the activity times out, with the last attempt's failure as the cause.
            failure = Failure.with {
                $0.message = "activity ScheduleToClose timeout"
                $0.timeoutFailureInfo = .with { $0.timeoutType = .scheduleToClose }
                $0.cause = failure
            }
        }
        let startedID: Int64 = info.started ? appendActivityStarted(info) : 0
        if case .timeoutFailureInfo = failure.failureInfo {
            appendOrBuffer(.activityTaskTimedOut) { event in
                event.activityTaskTimedOutEventAttributes = .with {
                    $0.failure = failure
                    $0.scheduledEventID = info.scheduledEventID
                    $0.startedEventID = startedID
                    $0.retryState = retryState
                }
            }
        } else {
            appendOrBuffer(.activityTaskFailed) { event in
                event.activityTaskFailedEventAttributes = .with {
                    $0.failure = failure
                    $0.scheduledEventID = info.scheduledEventID
                    $0.startedEventID = startedID
                    $0.identity = identity
                    $0.retryState = retryState
                }
            }
        }
        finishActivity(info.scheduledEventID)
    }

    /// Queues the current attempt for a worker and arms its schedule-to-start timeout.
    mutating func dispatchActivity(_ info: ActivityInfo) {
        transferTasks.append(.with {
            $0.kind = .activityTask
            $0.taskQueue = info.taskQueue
            $0.scheduledEventID = info.scheduledEventID
            $0.attempt = info.attempt
        })
        if info.scheduleToStartTimeout.isPositive {
            addTimer(.activityTimeout, after: info.scheduleToStartTimeout) {
                $0.eventID = info.scheduledEventID
                $0.attempt = info.attempt
                $0.timeoutType = .scheduleToStart
            }
        }
    }

    /// The lazily written ACTIVITY_TASK_STARTED of the attempt that just ended.
    mutating func appendActivityStarted(_ info: ActivityInfo) -> Int64 {
        appendOrBuffer(.activityTaskStarted) { event in
            event.eventTime = info.startedTime
            event.activityTaskStartedEventAttributes = .with {
                $0.scheduledEventID = info.scheduledEventID
                $0.identity = info.startedIdentity
                $0.requestID = info.requestID
                $0.attempt = info.attempt
                if info.hasLastFailure { $0.lastFailure = info.lastFailure }
            }
        }
    }

    mutating func finishActivity(_ scheduledEventID: Int64) {
        if state.execution.standaloneActivity {
            // Its last attempt stays in state: describe reports it after the close.
            closeStandaloneActivity()
            return
        }
        state.activities.removeValue(forKey: scheduledEventID)
        scheduleWorkflowTaskIfNeeded()
    }

    static func timeoutName(_ type: Temporal_Api_Enums_V1_TimeoutType) -> String {
        switch type {
        case .startToClose: "StartToClose"
        case .scheduleToStart: "ScheduleToStart"
        case .scheduleToClose: "ScheduleToClose"
        case .heartbeat: "Heartbeat"
        default: "Unspecified"
        }
    }
}
