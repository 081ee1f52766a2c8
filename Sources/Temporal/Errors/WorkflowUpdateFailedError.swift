import TernAPI

/// Thrown while waiting for an update's result when the update was rejected or its handler
/// failed; ``cause`` holds the failure.
public struct WorkflowUpdateFailedError: TemporalError {
    public var message: String

    public var cause: (any Error)? = nil

    public var stackTrace: String

    /// Creates the error.
    public init(
        cause: (any Error)? = nil,
        stackTrace: String = ""
    ) {
        self.message = "Workflow update failed"
        self.cause = cause
        self.stackTrace = stackTrace
    }
}
