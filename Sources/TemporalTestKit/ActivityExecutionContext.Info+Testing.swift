public import Foundation
public import Temporal

extension ActivityExecutionContext.Info {
    /// Describes an activity attempt for ``withActivityTestEnvironment(info:cancellationReason:logger:_:)``;
    /// every field has a plausible default, so a test sets only what it cares about.
    ///
    /// - Parameters:
    ///   - activityID: The activity's id within its workflow.
    ///   - activityType: The activity's type name.
    ///   - attempt: The attempt number, 1 for the first.
    ///   - isLocal: Whether it runs as a local activity.
    ///   - scheduleToCloseTimeout: The limit on all attempts together.
    ///   - startToCloseTimeout: The limit on one attempt.
    ///   - heartbeatTimeout: The longest gap allowed between heartbeats.
    ///   - scheduledTime: When the activity was first scheduled.
    ///   - currentAttemptScheduled: When this attempt was scheduled.
    ///   - startedTime: When this attempt started.
    ///   - taskQueue: The task queue it was picked up from.
    ///   - taskToken: The token naming the attempt; 32 random bytes by default.
    ///   - workflowID: The id of the workflow that scheduled it.
    ///   - workflowNamespace: The namespace of that workflow.
    ///   - workflowRunID: The run id of that workflow; a new UUID by default.
    ///   - workflowType: The type name of that workflow.
    ///   - priority: The priority the activity was scheduled with.
    ///   - retryPolicy: The retry policy it was scheduled with.
    ///   - heartbeatDetails: What a previous attempt last heartbeated, read back through
    ///     `heartbeatDetails(as:)`; none by default.
    ///   - dataConverter: How `heartbeatDetails` are converted to payloads and back.
    /// - Throws: If `dataConverter` cannot convert `heartbeatDetails`.
    public init<each Value>(
        activityID: String = "test-activity-id",
        activityType: String = "TestActivity",
        attempt: Int = 1,
        isLocal: Bool = false,
        scheduleToCloseTimeout: Duration? = nil,
        startToCloseTimeout: Duration? = nil,
        heartbeatTimeout: Duration? = nil,
        scheduledTime: Date = .now,
        currentAttemptScheduled: Date = .now,
        startedTime: Date = .now,
        taskQueue: String = "test-queue",
        taskToken: ActivityTaskToken = ActivityTaskToken(bytes: (0..<32).map { _ in UInt8.random(in: .min ... .max) }),
        workflowID: String = "test-workflow",
        workflowNamespace: String = "default",
        workflowRunID: String = UUID().uuidString,
        workflowType: String = "TestWorkflow",
        priority: Priority? = nil,
        retryPolicy: RetryPolicy? = nil,
        heartbeatDetails: repeat (each Value)?,
        dataConverter: DataConverter = .default
    ) async throws {
        self.init(
            activityID: activityID, activityType: activityType, attempt: attempt,
            currentAttemptScheduled: currentAttemptScheduled, heartbeatTimeout: heartbeatTimeout, isLocal: isLocal,
            scheduleToCloseTimeout: scheduleToCloseTimeout, scheduledTime: scheduledTime,
            startToCloseTimeout: startToCloseTimeout, startedTime: startedTime, taskQueue: taskQueue,
            taskToken: taskToken, workflowID: workflowID, workflowNamespace: workflowNamespace,
            workflowRunID: workflowRunID, workflowType: workflowType, priority: priority, retryPolicy: retryPolicy,
            heartbeatDetails: try await dataConverter.convertValues(repeat each heartbeatDetails),
            dataConverter: dataConverter)
    }
}
