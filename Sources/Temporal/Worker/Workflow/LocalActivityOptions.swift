/// How a workflow runs a local activity: one executed by the workflow's own worker, without a
/// round trip through a task queue, with its outcome recorded as a marker.
public struct LocalActivityOptions: Sendable {
    /// A fixed activity ID; `nil` lets the SDK choose one.
    public var activityID: String?

    /// What the workflow waits for when it cancels the activity.
    public var cancellationType: ActivityOptions.CancellationType = .tryCancel

    /// The limit on the activity's whole life, across retries.
    public var scheduleToCloseTimeout: Duration?

    /// The limit on how long the activity may wait for a free slot before starting.
    public var scheduleToStartTimeout: Duration?

    /// The limit on a single attempt.
    public var startToCloseTimeout: Duration?

    /// How failed attempts are retried; `nil` uses the default policy.
    public var retryPolicy: RetryPolicy?

    /// Retries whose backoff exceeds this are scheduled as a durable timer instead of waiting in
    /// the worker; `nil` uses the SDK's default.
    public var localRetryThreshold: Duration?

    /// The activity's priority; `nil` inherits the workflow's.
    public var priority: Priority?

    /// A short description shown in user interfaces (experimental).
    public var summary: String?

    /// Creates options bounded mainly by the schedule-to-close timeout.
    ///
    /// - Parameters:
    ///   - scheduleToCloseTimeout: The limit on the activity's whole life, across retries.
    ///   - startToCloseTimeout: The limit on a single attempt.
    ///   - cancellationType: What the workflow waits for when it cancels the activity.
    ///   - retryPolicy: How failed attempts are retried.
    ///   - localRetryThreshold: Backoff above which a retry becomes a durable timer.
    ///   - priority: The priority; `nil` inherits the workflow's.
    ///   - summary: A short description for user interfaces.
    public init(
        scheduleToCloseTimeout: Duration,
        startToCloseTimeout: Duration? = nil,
        cancellationType: ActivityOptions.CancellationType = .tryCancel,
        retryPolicy: RetryPolicy? = nil,
        localRetryThreshold: Duration? = nil,
        priority: Priority? = nil,
        summary: String? = nil
    ) {
        self.scheduleToCloseTimeout = scheduleToCloseTimeout
        self.startToCloseTimeout = startToCloseTimeout
        self.cancellationType = cancellationType
        self.retryPolicy = retryPolicy
        self.localRetryThreshold = localRetryThreshold
        self.priority = priority
        self.summary = summary
    }

    /// Creates options bounded mainly by the start-to-close timeout of each attempt.
    ///
    /// - Parameters:
    ///   - startToCloseTimeout: The limit on a single attempt.
    ///   - scheduleToCloseTimeout: The limit on the activity's whole life, across retries.
    ///   - cancellationType: What the workflow waits for when it cancels the activity.
    ///   - retryPolicy: How failed attempts are retried.
    ///   - localRetryThreshold: Backoff above which a retry becomes a durable timer.
    ///   - priority: The priority; `nil` inherits the workflow's.
    ///   - summary: A short description for user interfaces.
    public init(
        startToCloseTimeout: Duration,
        scheduleToCloseTimeout: Duration? = nil,
        cancellationType: ActivityOptions.CancellationType = .tryCancel,
        retryPolicy: RetryPolicy? = nil,
        localRetryThreshold: Duration? = nil,
        priority: Priority? = nil,
        summary: String? = nil
    ) {
        self.startToCloseTimeout = startToCloseTimeout
        self.scheduleToCloseTimeout = scheduleToCloseTimeout
        self.cancellationType = cancellationType
        self.retryPolicy = retryPolicy
        self.localRetryThreshold = localRetryThreshold
        self.priority = priority
        self.summary = summary
    }
}
