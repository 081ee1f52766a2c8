import Foundation
import SwiftProtobuf
import GRPCCore
import Logging
import Synchronization
import TernAPI

/// One activity attempt while it runs: its context, its throttled heartbeats, and its cancellation.
final class RunningActivity: Sendable {
    private let task: Api.Workflowservice.V1.PollActivityTaskQueueResponse
    private let worker: TemporalWorker
    private let state = Mutex(State())

    private struct State {
        var cancellationReason: ActivityCancellationReason?
        var work: Task<[Api.Common.V1.Payload], any Error>?
        /// Details waiting to be sent when the throttle interval has passed.
        var pendingDetails: [Api.Common.V1.Payload]?
        var lastSent: ContinuousClock.Instant?
        var flushScheduled = false
        var finished = false
    }

    init(task: Api.Workflowservice.V1.PollActivityTaskQueueResponse, worker: TemporalWorker) {
        self.task = task
        self.worker = worker
    }

    var cancelledByServer: Bool {
        state.withLock { state in
            switch state.cancellationReason {
            case .serverRequest, .paused, .reset, .goneFromServer: true
            default: false
            }
        }
    }

    private var configuration: TemporalWorker.Configuration { worker.configuration }

    func execute<Activity: ActivityDefinition>(_ activity: Activity, arguments: [Api.Common.V1.Payload]) async throws
        -> [Api.Common.V1.Payload]
    {
        let converter = configuration.dataConverter.payloadConverter
        let input = try Activity.input(from: arguments, converter: converter)
        let context = ActivityExecutionContext(
            info: info(), logger: logger,
            heartbeats: { [self] details in heartbeat(details) },
            cancellationReason: { [self] in state.withLock { $0.cancellationReason } },
            interceptors: worker.interceptors.activityOutbound)
        let interceptors = worker.interceptors
        let headers = task.header.fields
        let work = Task {
            try await ActivityExecutionContext.$taskLocal.withValue(context) {
                let output = try await interceptors.runActivity(activity, headers: headers, input: input)
                return try converter.payloads(for: output)
            }
        }
        state.withLock { $0.work = work }
        return try await withTaskCancellationHandler {
            try await work.value
        } onCancel: {
            self.cancel(.workerShutdown)
        }
    }

    func finish() { state.withLock { $0.finished = true } }

    private func cancel(_ reason: ActivityCancellationReason) {
        let work = state.withLock { state -> Task<[Api.Common.V1.Payload], any Error>? in
            guard state.cancellationReason == nil else { return nil }
            state.cancellationReason = reason
            return state.work
        }
        work?.cancel()
    }

    private var logger: Logger {
        var logger = worker.logger
        logger[metadataKey: "ActivityID"] = "\(task.activityID)"
        logger[metadataKey: "ActivityType"] = "\(task.activityType.name)"
        logger[metadataKey: "WorkflowID"] = "\(task.workflowExecution.workflowID)"
        return logger
    }

    private func info() -> ActivityExecutionContext.Info {
        func duration(_ value: Google_Protobuf_Duration, present: Bool) -> Duration? {
            present && (value.seconds > 0 || value.nanos > 0) ? Duration(value) : nil
        }
        return ActivityExecutionContext.Info(
            activityID: task.activityID, activityType: task.activityType.name, attempt: Int(task.attempt),
            currentAttemptScheduled: task.currentAttemptScheduledTime.date,
            heartbeatTimeout: duration(task.heartbeatTimeout, present: task.hasHeartbeatTimeout), isLocal: false,
            scheduleToCloseTimeout: duration(task.scheduleToCloseTimeout, present: task.hasScheduleToCloseTimeout),
            scheduledTime: task.scheduledTime.date,
            startToCloseTimeout: duration(task.startToCloseTimeout, present: task.hasStartToCloseTimeout),
            startedTime: task.startedTime.date, taskQueue: configuration.taskQueue,
            taskToken: ActivityTaskToken(bytes: Array(task.taskToken)), workflowID: task.workflowExecution.workflowID,
            workflowNamespace: task.workflowNamespace, workflowRunID: task.workflowExecution.runID,
            workflowType: task.workflowType.name, priority: task.hasPriority ? Priority(proto: task.priority) : nil,
            retryPolicy: task.hasRetryPolicy ? RetryPolicy(task.retryPolicy) : nil,
            heartbeatDetails: task.heartbeatDetails.payloads, dataConverter: configuration.dataConverter)
    }

    // MARK: Heartbeats

    /// How long heartbeats are held back: 80 % of the heartbeat timeout, or the default interval
    /// when the activity has none; either way at most the maximum interval (as sdk-core does, so
    /// a small maximum also makes cancellation reach an activity without a heartbeat timeout soon).
    private var throttle: Duration {
        let hasTimeout = task.hasHeartbeatTimeout && (task.heartbeatTimeout.seconds > 0 || task.heartbeatTimeout.nanos > 0)
        let interval = hasTimeout ? Duration(task.heartbeatTimeout) * 0.8 : configuration.defaultHeartbeatThrottleInterval
        return min(interval, configuration.maxHeartbeatThrottleInterval)
    }

    private func heartbeat(_ details: [any Sendable]) {
        let converter = configuration.dataConverter.payloadConverter
        let payloads = details.compactMap { try? converter.convertValue($0) }
        let throttle = self.throttle
        let sendNow = state.withLock { state -> Bool in
            guard !state.finished else { return false }
            state.pendingDetails = payloads
            if let last = state.lastSent, ContinuousClock.now - last < throttle {
                if state.flushScheduled { return false }
                state.flushScheduled = true
                let wait = throttle - (ContinuousClock.now - last)
                Task {
                    try? await Task.sleep(for: wait)
                    self.state.withLock { $0.flushScheduled = false }
                    await self.send()
                }
                return false
            }
            state.lastSent = .now
            return true
        }
        if sendNow { Task { await self.send() } }
    }

    private func send() async {
        guard let details = state.withLock({ state -> [Api.Common.V1.Payload]? in
            defer { state.pendingDetails = nil }
            if state.finished { return nil }
            state.lastSent = .now
            return state.pendingDetails
        }) else { return }
        do {
            let encoded = try await configuration.dataConverter.encode(details)
            let response = try await worker.connection.service.recordActivityTaskHeartbeat(
                .with {
                    $0.namespace = configuration.namespace
                    $0.taskToken = task.taskToken
                    $0.identity = configuration.identity
                    if !encoded.isEmpty { $0.details = .with { $0.payloads = encoded } }
                })
            if response.cancelRequested {
                cancel(.serverRequest)
            } else if response.activityPaused {
                cancel(.paused)
            } else if response.activityReset {
                cancel(.reset)
            }
        } catch let error as RPCError where error.code == .notFound {
            cancel(.goneFromServer)
        } catch {
            logger.warning("Heartbeat failed", metadata: ["error": "\(error)"])
        }
    }
}
