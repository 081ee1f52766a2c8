import Foundation
import Logging

/// Runs a workflow's local activities in the worker, while its workflow task is open: each
/// attempt with the activity's context, retried in process per the retry policy.
struct LocalActivityRunner: Sendable {
    let worker: TemporalWorker

    func run(_ activity: LocalActivityMachine, workflow: WorkflowInfo) async -> LocalActivityOutcome {
        let converter = worker.configuration.dataConverter
        guard let definition = worker.activities[activity.activityType] ?? worker.activities.values.first(where: { type(of: $0).isDynamic })
        else {
            let known = worker.activities.keys.sorted().joined(separator: ", ")
            let error = ApplicationError(
                message: "Activity type \(activity.activityType) is not registered on this worker, available types: [\(known)]",
                type: "NotFoundError", isNonRetryable: true)
            return LocalActivityOutcome(result: .failure(await converter.convertError(error)), attempt: 1)
        }
        let policy = activity.options.retryPolicy ?? RetryPolicy()
        let started = ContinuousClock.now
        var attempt = 1
        while true {
            do {
                let payload = try await runAttempt(definition, activity, number: attempt, workflow: workflow)
                return LocalActivityOutcome(result: .success(payload), attempt: attempt)
            } catch {
                let failure = await converter.convertError(error)
                let delay = backoff(policy, attempt: attempt)
                let outOfTime = activity.options.scheduleToCloseTimeout.map { ContinuousClock.now - started + delay > $0 } ?? false
                let outOfAttempts = policy.maximumAttempts > 0 && attempt >= policy.maximumAttempts
                let nonRetryable =
                    failure.applicationFailureInfo.nonRetryable
                    || policy.nonRetryableErrorTypes.contains(failure.applicationFailureInfo.type)
                if nonRetryable || outOfAttempts || outOfTime || Task.isCancelled {
                    return LocalActivityOutcome(result: .failure(failure), attempt: attempt)
                }
                try? await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }

    private func runAttempt<Activity: ActivityDefinition>(
        _ definition: Activity, _ activity: LocalActivityMachine, number: Int, workflow: WorkflowInfo
    ) async throws -> Api.Common.V1.Payload? {
        let converter = worker.configuration.dataConverter
        let input = try Activity.input(from: activity.arguments, converter: converter.payloadConverter)
        let info = ActivityExecutionContext.Info(
            activityID: activity.activityID, activityType: activity.activityType, attempt: number,
            currentAttemptScheduled: Date(), heartbeatTimeout: nil, isLocal: true,
            scheduleToCloseTimeout: activity.options.scheduleToCloseTimeout, scheduledTime: activity.scheduledTime,
            startToCloseTimeout: activity.options.startToCloseTimeout, startedTime: Date(), taskQueue: workflow.taskQueue,
            taskToken: ActivityTaskToken(bytes: []), workflowID: workflow.workflowID, workflowNamespace: workflow.namespace,
            workflowRunID: workflow.runID, workflowType: workflow.workflowType, priority: activity.options.priority,
            retryPolicy: activity.options.retryPolicy, heartbeatDetails: [], dataConverter: converter)
        var logger = worker.logger
        logger[metadataKey: "ActivityType"] = "\(activity.activityType)"
        let interceptors = worker.interceptors
        let context = ActivityExecutionContext(
            info: info, logger: logger, heartbeats: { _ in }, cancellationReason: { nil }, interceptors: interceptors.activityOutbound)
        let work = Task {
            try await ActivityExecutionContext.$taskLocal.withValue(context) {
                let output = try await interceptors.runActivity(definition, headers: activity.headers, input: input)
                return try converter.payloadConverter.payloads(for: output).first
            }
        }
        guard let timeout = activity.options.startToCloseTimeout ?? activity.options.scheduleToCloseTimeout else {
            return try await work.value
        }
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            work.cancel()
        }
        defer { watchdog.cancel() }
        do {
            return try await work.value
        } catch where watchdog.isCancelled == false && Task.isCancelled == false && (error is CancellationError || error.isTemporalCancellation) {
            throw TimeoutError(message: "Local activity timed out", type: .startToClose)
        }
    }

    /// The wait before the next attempt: initial × coefficient^(attempt-1), capped by the maximum.
    private func backoff(_ policy: RetryPolicy, attempt: Int) -> Duration {
        let initial = policy.initialInterval ?? .seconds(1)
        let coefficient = policy.backoffCoefficient > 0 ? policy.backoffCoefficient : 2
        var delay = initial * pow(coefficient, Double(attempt - 1))
        let maximum = policy.maximumInterval ?? initial * 100
        if delay > maximum { delay = maximum }
        return delay
    }
}
