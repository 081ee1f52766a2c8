/// How a workflow schedules an activity: its timeouts, task queue, retry policy and more.
///
/// At least one of ``startToCloseTimeout`` and ``scheduleToCloseTimeout`` must be set, which is
/// why each initialiser requires one of them.
public struct ActivityOptions: Hashable, Sendable {
    /// A fixed activity ID. Leave `nil` (the default) to let the SDK number activities; set it
    /// only if you understand how the server deduplicates activities by ID.
    public var activityID: String?

    /// Whether to opt out of eager execution, where the server hands the activity straight back
    /// to the scheduling worker if it has a free slot.
    public var disableEagerActivityExecution: Bool = false

    /// What the workflow waits for when it cancels the activity. Defaults to
    /// ``CancellationType/tryCancel``.
    public var cancellationType: CancellationType = .tryCancel

    /// The longest allowed gap between heartbeats; `nil` disables heartbeat timeouts. An
    /// activity learns of cancellation only through heartbeats.
    public var heartbeatTimeout: Duration?

    /// The limit on the activity's whole life, from scheduling to completion, across retries.
    public var scheduleToCloseTimeout: Duration?

    /// The limit on how long the activity may wait in the task queue before a worker picks it up.
    public var scheduleToStartTimeout: Duration?

    /// The limit on a single attempt, from a worker picking it up to its result.
    public var startToCloseTimeout: Duration?

    /// The task queue to run on; `nil` means the workflow's own task queue.
    public var taskQueue: String?

    /// How failed attempts are retried; `nil` uses the server's default (retry with exponential
    /// backoff until a timeout ends it).
    public var retryPolicy: RetryPolicy?

    /// Whether the activity should run on a worker compatible with the workflow's build.
    public var versioningIntent: VersioningIntent = .unspecified

    /// The activity's priority; `nil` inherits the workflow's.
    public var priority: Priority?

    /// A short description shown in user interfaces (experimental).
    public var summary: String?

    /// Creates options bounded mainly by the schedule-to-close timeout.
    ///
    /// - Parameters:
    ///   - scheduleToCloseTimeout: The limit on the activity's whole life, across retries.
    ///   - startToCloseTimeout: The limit on a single attempt.
    ///   - disableEagerActivityExecution: Whether to opt out of eager execution.
    ///   - cancellationType: What the workflow waits for when it cancels the activity.
    ///   - heartbeatTimeout: The longest allowed gap between heartbeats.
    ///   - taskQueue: The task queue; `nil` for the workflow's.
    ///   - retryPolicy: How failed attempts are retried.
    ///   - versioningIntent: Build compatibility requirement.
    ///   - priority: The priority; `nil` inherits the workflow's.
    ///   - summary: A short description for user interfaces.
    public init(
        scheduleToCloseTimeout: Duration,
        startToCloseTimeout: Duration? = nil,
        disableEagerActivityExecution: Bool = false,
        cancellationType: CancellationType = .tryCancel,
        heartbeatTimeout: Duration? = nil,
        taskQueue: String? = nil,
        retryPolicy: RetryPolicy? = nil,
        versioningIntent: VersioningIntent = .unspecified,
        priority: Priority? = nil,
        summary: String? = nil
    ) {
        self.scheduleToCloseTimeout = scheduleToCloseTimeout
        self.startToCloseTimeout = startToCloseTimeout
        self.disableEagerActivityExecution = disableEagerActivityExecution
        self.cancellationType = cancellationType
        self.heartbeatTimeout = heartbeatTimeout
        self.taskQueue = taskQueue
        self.retryPolicy = retryPolicy
        self.versioningIntent = versioningIntent
        self.priority = priority
        self.summary = summary
    }

    /// Creates options bounded mainly by the start-to-close timeout of each attempt.
    ///
    /// - Parameters:
    ///   - startToCloseTimeout: The limit on a single attempt.
    ///   - scheduleToCloseTimeout: The limit on the activity's whole life, across retries.
    ///   - disableEagerActivityExecution: Whether to opt out of eager execution.
    ///   - cancellationType: What the workflow waits for when it cancels the activity.
    ///   - heartbeatTimeout: The longest allowed gap between heartbeats.
    ///   - taskQueue: The task queue; `nil` for the workflow's.
    ///   - retryPolicy: How failed attempts are retried.
    ///   - versioningIntent: Build compatibility requirement.
    ///   - priority: The priority; `nil` inherits the workflow's.
    ///   - summary: A short description for user interfaces.
    public init(
        startToCloseTimeout: Duration,
        scheduleToCloseTimeout: Duration? = nil,
        disableEagerActivityExecution: Bool = false,
        cancellationType: CancellationType = .tryCancel,
        heartbeatTimeout: Duration? = nil,
        taskQueue: String? = nil,
        retryPolicy: RetryPolicy? = nil,
        versioningIntent: VersioningIntent = .unspecified,
        priority: Priority? = nil,
        summary: String? = nil
    ) {
        self.startToCloseTimeout = startToCloseTimeout
        self.scheduleToCloseTimeout = scheduleToCloseTimeout
        self.disableEagerActivityExecution = disableEagerActivityExecution
        self.cancellationType = cancellationType
        self.heartbeatTimeout = heartbeatTimeout
        self.taskQueue = taskQueue
        self.retryPolicy = retryPolicy
        self.versioningIntent = versioningIntent
        self.priority = priority
        self.summary = summary
    }
}
