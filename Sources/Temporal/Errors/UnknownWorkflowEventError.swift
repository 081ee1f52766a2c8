/// Thrown when a workflow's history contains an event the SDK does not know how to handle.
public struct UnknownWorkflowEventError: TemporalError {
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
