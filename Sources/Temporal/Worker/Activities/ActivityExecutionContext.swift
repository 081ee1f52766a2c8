public import Foundation
public import Logging

/// What a running activity knows about itself, and how it reports progress. Available as
/// ``current`` inside an activity's `run`.
public struct ActivityExecutionContext: Sendable {
    @TaskLocal package static var taskLocal: ActivityExecutionContext?

    /// The running activity's context; `nil` outside an activity.
    public static var current: ActivityExecutionContext? { taskLocal }

    /// Facts about the running attempt.
    public struct Info: Sendable {
        public var activityID: String
        public var activityType: String
        public var attempt: Int
        public var currentAttemptScheduled: Date
        public var heartbeatTimeout: Duration?
        public var isLocal: Bool
        public var scheduleToCloseTimeout: Duration?
        public var scheduledTime: Date
        public var startToCloseTimeout: Duration?
        public var startedTime: Date
        public var taskQueue: String
        public var taskToken: ActivityTaskToken
        public var workflowID: String
        public var workflowNamespace: String
        public var workflowRunID: String
        public var workflowType: String
        public var priority: Priority?
        public var retryPolicy: RetryPolicy?
        private var heartbeatDetails: [Api.Common.V1.Payload]
        var dataConverter: DataConverter

        package init(
            activityID: String, activityType: String, attempt: Int, currentAttemptScheduled: Date,
            heartbeatTimeout: Duration?, isLocal: Bool, scheduleToCloseTimeout: Duration?, scheduledTime: Date,
            startToCloseTimeout: Duration?, startedTime: Date, taskQueue: String, taskToken: ActivityTaskToken,
            workflowID: String, workflowNamespace: String, workflowRunID: String, workflowType: String,
            priority: Priority?, retryPolicy: RetryPolicy?, heartbeatDetails: [Api.Common.V1.Payload],
            dataConverter: DataConverter
        ) {
            self.activityID = activityID
            self.activityType = activityType
            self.attempt = attempt
            self.currentAttemptScheduled = currentAttemptScheduled
            self.heartbeatTimeout = heartbeatTimeout
            self.isLocal = isLocal
            self.scheduleToCloseTimeout = scheduleToCloseTimeout
            self.scheduledTime = scheduledTime
            self.startToCloseTimeout = startToCloseTimeout
            self.startedTime = startedTime
            self.taskQueue = taskQueue
            self.taskToken = taskToken
            self.workflowID = workflowID
            self.workflowNamespace = workflowNamespace
            self.workflowRunID = workflowRunID
            self.workflowType = workflowType
            self.priority = priority
            self.retryPolicy = retryPolicy
            self.heartbeatDetails = heartbeatDetails
            self.dataConverter = dataConverter
        }

        /// The details the previous attempt last heartbeated (nil on a first attempt or none sent).
        public func heartbeatDetails<each HeartbeatDetail: Sendable>(
            as detailTypes: repeat (each HeartbeatDetail).Type
        ) async throws -> (repeat each HeartbeatDetail)? {
            guard !heartbeatDetails.isEmpty else { return nil }
            var payloads = try await dataConverter.decode(heartbeatDetails)
            let converter = dataConverter.payloadConverter
            return try (repeat converter.value(from: payloads.isEmpty ? [] : [payloads.removeFirst()], as: (each HeartbeatDetail).self))
        }
    }

    public let info: Info
    public let logger: Logger
    public var payloadConverter: any PayloadConverter { info.dataConverter.payloadConverter }
    private let heartbeats: @Sendable ([any Sendable]) -> Void
    private let reason: @Sendable () -> ActivityCancellationReason?
    /// The worker's activity outbound interceptors; heartbeats pass through them.
    private let interceptors: [any ActivityOutboundInterceptor]

    package init(
        info: Info, logger: Logger, heartbeats: @escaping @Sendable ([any Sendable]) -> Void,
        cancellationReason: @escaping @Sendable () -> ActivityCancellationReason?,
        interceptors: [any ActivityOutboundInterceptor] = []
    ) {
        self.info = info
        self.logger = logger
        self.heartbeats = heartbeats
        self.reason = cancellationReason
        self.interceptors = interceptors
    }

    /// Tells the server the activity is alive (within its heartbeat timeout), with details a
    /// retry can resume from. Sends are throttled; a cancellation comes back as task cancellation.
    public func heartbeat<each Detail: Sendable>(details: repeat each Detail) {
        InterceptorChain.run(
            interceptors, input: HeartbeatInput(details: repeat each details),
            call: { interceptor, input, next in interceptor.heartbeat(input: input, next: next) },
            operation: { input in
                var values: [any Sendable] = []
                for detail in repeat each input.details { values.append(detail) }
                heartbeats(values)
            })
    }

    /// Why the activity was cancelled, once it was.
    public var cancellationReason: ActivityCancellationReason? { reason() }

    public var cancellationDetails: ActivityCancellationDetails? {
        switch cancellationReason {
        case .none: nil
        case .serverRequest: .init(cancelRequested: true, paused: false, reset: false)
        case .paused: .init(cancelRequested: false, paused: true, reset: false)
        case .reset: .init(cancelRequested: false, paused: false, reset: true)
        default: .init(cancelRequested: false, paused: false, reset: false)
        }
    }
}
