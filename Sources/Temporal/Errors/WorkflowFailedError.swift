import TernAPI

/// Thrown while waiting for a workflow's result when the execution did not complete
/// successfully; ``cause`` holds the failure (application error, cancellation, termination,
/// timeout, …).
public struct WorkflowFailedError: TemporalError {
    public var message: String = "Workflow execution failed"

    public var cause: (any Error)? = nil

    public var stackTrace: String

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - cause: Why the workflow did not complete.
    ///   - stackTrace: Where it happened, if known.
    public init(
        cause: (any Error)? = nil,
        stackTrace: String = ""
    ) {
        self.cause = cause
        self.stackTrace = stackTrace
    }
}
