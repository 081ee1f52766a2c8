/// Thrown when a workflow history to replay or inspect holds no events.
public struct WorkflowHistoryEmptyError: TemporalError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - cause: The underlying error, if any.
    ///   - stackTrace: Where it happened, if known.
    public init(
        message: String,
        cause: (any Error)? = nil,
        stackTrace: String = ""
    ) {
        self.message = message
        self.cause = cause
        self.stackTrace = stackTrace
    }
}
