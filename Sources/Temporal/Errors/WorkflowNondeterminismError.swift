/// Thrown when replaying a workflow produces commands that do not match its recorded history.
public struct WorkflowNondeterminismError: TemporalError {
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
