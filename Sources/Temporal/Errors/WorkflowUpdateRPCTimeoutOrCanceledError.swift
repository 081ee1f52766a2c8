/// Thrown when the call waiting for an update timed out or was cancelled before the update
/// reached the requested stage (the update itself may still go on).
public struct WorkflowUpdateRPCTimeoutOrCanceledError: TemporalError {
    public var message: String

    public var cause: (any Error)?

    public var stackTrace: String

    /// Creates the error.
    public init(
        cause: (any Error)? = nil,
        stackTrace: String = ""
    ) {
        self.message = "Timeout or cancellation waiting for update"
        self.cause = cause
        self.stackTrace = stackTrace
    }
}
