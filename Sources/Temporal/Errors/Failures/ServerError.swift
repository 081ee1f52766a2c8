import TernAPI

/// A failure the server itself raised, as a Temporal failure.
public struct ServerError: TemporalFailureError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// Whether retrying cannot help.
    public var isNonRetryable: Bool

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - cause: The underlying error, if any.
    ///   - stackTrace: Where it happened, if known.
    ///   - isNonRetryable: Whether retrying cannot help.
    public init(
        message: String,
        cause: (any Error)? = nil,
        stackTrace: String = "",
        isNonRetryable: Bool = false
    ) {
        self.message = message
        self.cause = cause
        self.stackTrace = stackTrace
        self.isNonRetryable = isNonRetryable
    }
}
