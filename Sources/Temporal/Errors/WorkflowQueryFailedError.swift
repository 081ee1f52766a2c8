/// Thrown when a query handler failed or the worker could not answer the query.
public struct WorkflowQueryFailedError: TemporalError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// Creates the error; the message is prefixed with `"Workflow query failed: "`.
    ///
    /// - Parameters:
    ///   - message: The reason given by the worker or server.
    ///   - cause: The underlying error, if any.
    ///   - stackTrace: Where it happened, if known.
    public init(
        message: String,
        cause: (any Error)?,
        stackTrace: String = ""
    ) {
        self.message = "Workflow query failed: " + message
        self.cause = cause
        self.stackTrace = stackTrace
    }
}
