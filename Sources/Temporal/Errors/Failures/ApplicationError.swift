public import TernAPI

/// A failure raised by user code, as workflows and activities throw it (and as other SDKs send
/// it); it maps to the `ApplicationFailureInfo` of a Temporal failure.
///
/// Throw one from a workflow to fail the execution, or from an activity to control retrying via
/// ``isNonRetryable``, ``type`` (matched against a retry policy's non-retryable types) and
/// ``nextRetryDelay``.
public struct ApplicationError: TemporalFailureError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// Extra payloads carried with the failure.
    public var details: [Api.Common.V1.Payload]

    /// A string identifying the kind of error, compared against
    /// ``RetryPolicy/nonRetryableErrorTypes``.
    public var type: String?

    /// Whether the activity or workflow must not be retried after this error.
    public var isNonRetryable: Bool

    /// Overrides the retry policy's delay before the next attempt.
    public var nextRetryDelay: Duration?

    /// How the error is classified for logging and metrics (for example `.benign`).
    public var category: Api.Enums.V1.ApplicationErrorCategory

    /// Creates an application error.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - cause: The underlying error, if any.
    ///   - stackTrace: Where it happened, if known.
    ///   - details: Extra payloads to carry.
    ///   - type: A string identifying the kind of error.
    ///   - isNonRetryable: Whether retrying must stop.
    ///   - nextRetryDelay: Overrides the delay before the next retry.
    ///   - category: The error's category.
    public init(
        message: String,
        cause: (any Error)? = nil,
        stackTrace: String = "",
        details: [Api.Common.V1.Payload] = [],
        type: String? = nil,
        isNonRetryable: Bool = false,
        nextRetryDelay: Duration? = nil,
        category: Api.Enums.V1.ApplicationErrorCategory = .unspecified
    ) {
        self.message = message
        self.cause = cause
        self.stackTrace = stackTrace
        self.details = details
        self.type = type
        self.isNonRetryable = isNonRetryable
        self.nextRetryDelay = nextRetryDelay
        self.category = category
    }
}
