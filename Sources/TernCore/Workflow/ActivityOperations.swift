import Foundation
import SwiftProtobuf
import TernAPI

public typealias ActivityOptions = Temporal_Api_Activity_V1_ActivityOptions

/// Which pending activities an operation names: one by id, all of a type, or all of them.
public enum ActivitySelector: Sendable, Equatable {
    case id(String)
    case type(String)
    case all
}

/// What a heartbeat tells the worker running an attempt.
public struct HeartbeatAnswer: Sendable, Equatable {
    public var cancelRequested: Bool
    public var paused: Bool
    public var reset: Bool
}

/// Operators' hands on a workflow's pending activities, as Temporal's activity API gives them:
/// pause, unpause, reset and new options. None writes history; they change the activity's
/// state, its next attempt, and what heartbeats of a running attempt answer.
extension WorkflowMachine {
    static let activityNotFoundByID = notFound(
        "Can't find pending activity with such ID. Invalid activityID or activity already completed")

    /// The scheduled event ids of the activities `selector` names (NOT_FOUND when none).
    func selectActivities(_ selector: ActivitySelector) throws(TernError) -> [Int64] {
        guard isRunning else { throw Self.workflowCompleted }
        let ids = state.activities.values.filter { info in
            switch selector {
            case .id(let id): info.activityID == id
            case .type(let type): info.activityType == type
            case .all: true
            }
        }.map(\.scheduledEventID).sorted()
        if ids.isEmpty { throw Self.activityNotFoundByID }
        return ids
    }

    public mutating func pauseActivities(
        _ selector: ActivitySelector, identity: String, reason: String, requestID: String
    ) throws(TernError) {
        for id in try selectActivities(selector) {
            guard var info = state.activities[id] else { continue }
            if info.paused {
                if info.pause.requestID == requestID && !requestID.isEmpty { continue }
                throw TernError(.failedPrecondition, "activity is already paused")
            }
            info.paused = true
            info.pause = .with {
                $0.pauseTime = now.timestamp
                $0.identity = identity
                $0.reason = reason
                $0.requestID = requestID
            }
            state.activities[id] = info
        }
    }

    public mutating func unpauseActivities(
        _ selector: ActivitySelector, resetAttempts: Bool, resetHeartbeat: Bool, jitter: TimeInterval
    ) throws(TernError) {
        for id in try selectActivities(selector) {
            guard var info = state.activities[id], info.paused else { continue }
            info.paused = false
            info.clearPause()
            if resetAttempts { info.attempt = 1 }
            if resetHeartbeat {
                info.clearLastHeartbeatDetails()
                info.clearLastHeartbeatTime()
            }
            state.activities[id] = info
            if !info.started { scheduleAttemptNow(info, jitter: jitter) }
        }
    }

    public mutating func resetActivities(
        _ selector: ActivitySelector, resetHeartbeat: Bool, keepPaused: Bool, jitter: TimeInterval,
        restoreOriginalOptions: Bool
    ) throws(TernError) {
        for id in try selectActivities(selector) {
            guard var info = state.activities[id] else { continue }
            info.attempt = 1
            info.resetRequested = true
            if resetHeartbeat { info.resetHeartbeats = true }
            if restoreOriginalOptions, let original = originalOptions(id) { apply(original, to: &info) }
            if info.paused && !keepPaused {
                info.paused = false
                info.clearPause()
            }
            state.activities[id] = info
            // A running attempt goes on (its heartbeats now answer activity_reset); a paused one waits.
            guard !info.started, !info.paused else { continue }
            startNextAttemptFresh(&info)
            state.activities[id] = info
            scheduleAttemptNow(info, jitter: jitter)
        }
    }

    /// Merges `options` (the fields `paths` names, as a FieldMask's paths) into the activities'
    /// options; returns the options of the last one changed.
    public mutating func updateActivityOptions(
        _ selector: ActivitySelector, _ options: ActivityOptions, paths: [String], restoreOriginal: Bool
    ) throws(TernError) -> ActivityOptions {
        let ids = try selectActivities(selector)
        if !restoreOriginal && paths.isEmpty { throw .invalidArgument("UpdateMask is not provided") }
        var result = ActivityOptions()
        for id in ids {
            guard var info = state.activities[id] else { continue }
            if restoreOriginal {
                if let original = originalOptions(id) { apply(original, to: &info) }
            } else {
                var merged = Self.options(of: info)
                try Self.merge(options, into: &merged, paths: paths)
                apply(merged, to: &info)
            }
            state.activities[id] = info
            result = Self.options(of: info)
            if !info.started && !info.paused {
                scheduleAttemptNow(info, jitter: 0)  // on its (maybe new) queue; the old task turns stale
            }
        }
        return result
    }

    /// What a heartbeat of the attempt `token` names answers; records the details.
    public mutating func recordActivityHeartbeat(_ token: TaskToken, details: Payloads?) throws(TernError) -> HeartbeatAnswer {
        var info = try startedActivity(token)
        if let details { info.lastHeartbeatDetails = details }
        info.lastHeartbeatTime = now.timestamp
        state.activities[token.scheduledEventID] = info
        return HeartbeatAnswer(cancelRequested: info.cancelRequested, paused: info.paused, reset: info.resetRequested)
    }

    // MARK: Helpers

    /// A reset's clean slate for the attempt about to start.
    func startNextAttemptFresh(_ info: inout ActivityInfo) {
        if info.resetHeartbeats {
            info.clearLastHeartbeatDetails()
            info.clearLastHeartbeatTime()
        }
        info.resetRequested = false
        info.resetHeartbeats = false
    }

    /// Hands the current attempt to its queue now (or after a random part of `jitter`).
    mutating func scheduleAttemptNow(_ info: ActivityInfo, jitter: TimeInterval) {
        var info = info
        let delay = jitter > 0 ? Double.random(in: 0..<jitter) : 0
        info.currentAttemptScheduledTime = now.addingTimeInterval(delay).timestamp
        state.activities[info.scheduledEventID] = info
        if delay > 0 {
            addTimer(.activityRetry, at: now.addingTimeInterval(delay)) {
                $0.eventID = info.scheduledEventID
                $0.attempt = info.attempt
            }
        } else {
            dispatchActivity(info)
        }
    }

    public static func options(of info: ActivityInfo) -> ActivityOptions {
        .with {
            $0.taskQueue = .with { $0.name = info.taskQueue; $0.kind = .normal }
            $0.scheduleToCloseTimeout = info.scheduleToCloseTimeout
            $0.scheduleToStartTimeout = info.scheduleToStartTimeout
            $0.startToCloseTimeout = info.startToCloseTimeout
            $0.heartbeatTimeout = info.heartbeatTimeout
            $0.retryPolicy = info.retryPolicy
            if info.hasPriority { $0.priority = info.priority }
        }
    }

    func apply(_ options: ActivityOptions, to info: inout ActivityInfo) {
        if !info.hasOriginalOptions { info.originalOptions = Self.options(of: info) }
        if !options.taskQueue.name.isEmpty { info.taskQueue = options.taskQueue.name }
        info.scheduleToCloseTimeout = options.scheduleToCloseTimeout
        info.scheduleToStartTimeout = options.scheduleToStartTimeout
        info.startToCloseTimeout = options.startToCloseTimeout
        info.heartbeatTimeout = options.heartbeatTimeout
        info.retryPolicy = options.retryPolicy
        if options.hasPriority { info.priority = options.priority } else { info.clearPriority() }
    }

    /// The options the activity was scheduled with, if they were ever changed.
    func originalOptions(_ scheduledEventID: Int64) -> ActivityOptions? {
        guard let info = state.activities[scheduledEventID], info.hasOriginalOptions else { return nil }
        return info.originalOptions
    }

    /// Temporal's field-mask merge for activity options: camelCase or snake_case paths.
    static func merge(_ from: ActivityOptions, into target: inout ActivityOptions, paths: [String]) throws(TernError) {
        for raw in paths {
            let path = raw.replacingOccurrences(of: "_", with: "").lowercased()
            switch path {
            case "taskqueue.name", "taskqueue": target.taskQueue = from.taskQueue
            case "scheduletoclosetimeout": target.scheduleToCloseTimeout = from.scheduleToCloseTimeout
            case "scheduletostarttimeout": target.scheduleToStartTimeout = from.scheduleToStartTimeout
            case "starttoclosetimeout": target.startToCloseTimeout = from.startToCloseTimeout
            case "heartbeattimeout": target.heartbeatTimeout = from.heartbeatTimeout
            case "priority": target.priority = from.priority
            case "priority.prioritykey": target.priority.priorityKey = from.priority.priorityKey
            case "priority.fairnesskey": target.priority.fairnessKey = from.priority.fairnessKey
            case "priority.fairnessweight": target.priority.fairnessWeight = from.priority.fairnessWeight
            case "retrypolicy": target.retryPolicy = from.retryPolicy
            case "retrypolicy.initialinterval": target.retryPolicy.initialInterval = from.retryPolicy.initialInterval
            case "retrypolicy.backoffcoefficient":
                target.retryPolicy.backoffCoefficient = from.retryPolicy.backoffCoefficient
            case "retrypolicy.maximuminterval": target.retryPolicy.maximumInterval = from.retryPolicy.maximumInterval
            case "retrypolicy.maximumattempts": target.retryPolicy.maximumAttempts = from.retryPolicy.maximumAttempts
            default:
                throw .invalidArgument("Invalid field mask path \"\(raw)\": ActivityOptions has no such updatable field.")
            }
        }
        if target.taskQueue.name.isEmpty { throw .invalidArgument("TaskQueue is not set on ActivityOptions.") }
        if target.retryPolicy.backoffCoefficient != 0 && target.retryPolicy.backoffCoefficient < 1 {
            throw .invalidArgument("BackoffCoefficient cannot be less than 1.")
        }
        if target.retryPolicy.maximumAttempts < 0 { throw .invalidArgument("MaximumAttempts cannot be negative.") }
    }
}
