/// How the server retries a failed activity or workflow.
///
/// Unset values take the server's defaults: a one-second initial interval, a backoff
/// coefficient of 2, a maximum interval of 100 × the initial one, and unlimited attempts.
public struct RetryPolicy: Hashable, Sendable {
    /// The delay before the first retry.
    public var initialInterval: Duration?

    /// The factor by which each delay grows over the previous one; 0 means the server default.
    public var backoffCoefficient: Double

    /// The longest delay between retries.
    public var maximumInterval: Duration?

    /// The maximum number of attempts; 0 means unlimited.
    public var maximumAttempts: Int = 0

    /// Error types (``ApplicationError/type``) that stop retrying.
    public var nonRetryableErrorTypes: [String] = []

    /// Creates a retry policy.
    ///
    /// - Parameters:
    ///   - initialInterval: The delay before the first retry.
    ///   - backoffCoefficient: How much each delay grows; 0 for the server default.
    ///   - maximumInterval: The longest delay between retries.
    ///   - maximumAttempts: The attempt limit; 0 for unlimited.
    ///   - nonRetryableErrorTypes: Error types that stop retrying.
    public init(
        initialInterval: Duration? = nil,
        backoffCoefficient: Double = 0,
        maximumInterval: Duration? = nil,
        maximumAttempts: Int = 0,
        nonRetryableErrorTypes: [String] = []
    ) {
        self.initialInterval = initialInterval
        self.backoffCoefficient = backoffCoefficient
        self.maximumInterval = maximumInterval
        self.maximumAttempts = maximumAttempts
        self.nonRetryableErrorTypes = nonRetryableErrorTypes
    }
}
